#!/usr/bin/env bash
# Installs what building and testing capture needs on a fresh Debian 12 machine (as root):
# clang/llvm and libbpf for the probe, bpftool for vmlinux.h, sysdig 0.29.3 as the
# reference reader of the files we write, bpftrace to cross-check event counts, podman with
# runc and busybox-static to run a real container under a live capture; dpkg-dev
# (dpkg-shlibdeps), lintian and systemd-analyze (in systemd) for the Debian package and its
# specs (scripts/package-deb.sh).
# Idempotent: a machine that has everything skips apt entirely.
set -euo pipefail

packages=(clang llvm libbpf-dev bpftool libelf-dev zlib1g-dev sysdig bpftrace make gcc podman runc busybox-static dpkg-dev lintian systemd)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Tools that read tracepoints (bpftrace) want tracefs; the probe itself does not.
if [ -d /sys/kernel/tracing ] && ! mountpoint -q /sys/kernel/tracing; then
  mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null || true
fi
