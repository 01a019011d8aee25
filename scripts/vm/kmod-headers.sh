#!/usr/bin/env bash
# kmod-headers.sh [RELEASE]
#
# Fetches and unpacks the Debian headers a module for the VM's kernel (run-in-vm.sh's default,
# linux-image-6.1.0-47-amd64-unsigned) is built against, and prints the headers directory to pass
# to driver/kmod/build.sh. Nothing is installed: the packages are fetched with apt-get download
# into VM_DIR/download (/var/tmp/capture-vm) and unpacked with dpkg-deb -x into
# VM_DIR/headers-RELEASE.
#
# Debian splits the kbuild tree in three packages, all needed:
#   linux-headers-RELEASE          .config, Module.symvers, generated headers; its Makefile
#                                  includes the common one by absolute path (rewritten below)
#   linux-headers-VERSION-common   the arch-independent include/ and the top Makefile
#   linux-kbuild-MAJOR.MINOR       scripts/ (fixdep, modpost) and tools/, reached through the
#                                  relative symlinks scripts -> ../../lib/linux-kbuild-6.1/scripts
# The kbuild package may be a newer 6.1 point release than the headers (the headers only ask
# for >=); its host tools do not depend on the point release.
set -euo pipefail

release=${1:-6.1.0-47-amd64}
vm_dir=${VM_DIR:-/var/tmp/capture-vm}
common=${release%-*}-common                 # 6.1.0-47-common
kbuild=linux-kbuild-$(cut -d. -f1,2 <<<"$release") # linux-kbuild-6.1
packages=(linux-headers-"$release" linux-headers-"$common" "$kbuild")
root=$vm_dir/headers-$release
dir=$root/usr/src/linux-headers-$release

if [[ ! -f "$dir/.capture-ready" ]]; then
	mkdir -p "$vm_dir/download"
	(cd "$vm_dir/download" && apt-get download "${packages[@]}" >/dev/null 2>&1) ||
		{ apt-get update -qq && (cd "$vm_dir/download" && apt-get download "${packages[@]}" >/dev/null); }
	rm -rf "$root.tmp" && mkdir -p "$root.tmp"
	for p in "${packages[@]}"; do
		# the newest downloaded version of each package
		deb=$(ls -v "$vm_dir"/download/"$p"_*.deb | tail -1)
		dpkg-deb -x "$deb" "$root.tmp"
	done
	# The arch Makefile says "include /usr/src/linux-headers-...-common/Makefile": point it at
	# the unpacked copy (its final place, after the move below).
	sed -i "s|/usr/src/|$root/usr/src/|" "$root.tmp/usr/src/linux-headers-$release/Makefile"
	rm -rf "$root" && mv "$root.tmp" "$root"
	touch "$dir/.capture-ready"
fi
echo "$dir"
