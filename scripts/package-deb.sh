#!/usr/bin/env bash
# Builds the Debian package capture_<version>_amd64.deb with dpkg-deb, from a publish of
# Capture.Host (the probe is embedded in it, as in every build). Usage:
#   scripts/package-deb.sh [OUTDIR]        (default artifacts/package; prints the .deb's path)
# Install it with `apt install ./capture_<version>_amd64.deb`, start it with
# `systemctl enable --now capture`.
#
# Self-contained, not framework-dependent: Debian 12's apt has no .NET runtime
# (`apt-cache policy dotnet-runtime-10.0` finds no candidate), so a package that depended
# on one could not be installed on a clean Debian 12. The .NET 10 runtime (from the SDK's
# NuGet runtime pack, no other download) goes into /usr/lib/capture beside capture; Depends
# then names only what Debian has: the C libraries dpkg-shlibdeps finds in the runtime's
# ELF files, plus libbpf1 and zlib1g, which capture opens at run time (LibraryImport, so no
# ELF file names them), and passwd for useradd in postinst.
# The publish is scripts/publish.sh's, so the installed command is the one bench/run times:
# /usr/lib/capture/capture is NativeAOT (the command users type: no runtime to start), and
# /usr/lib/capture/host/ the ReadyToRun host with its runtime, which the native file replaces
# itself with for live capture and serve (publish.sh says why, and what it leaves out).
#
# gzip, not dpkg-deb's default xz: xz takes minutes over the 90 MB of runtime on a busy
# machine, gzip seconds, for a package about a third larger.
#
# The version is the one `capture --version` prints (set in Capture.Host.csproj).
# The settings file /etc/capture/appsettings.json (a conffile) is Capture.Host's commented
# sample, the one file of settings the repository keeps (SampleSettingsSpecs checks it):
# rotating scap files under /var/lib/capture and JSON lines under /var/log/capture, the two
# directories the unit lets the service write.
#
# lintian (where installed) is run on the result and must report no error. The one warning
# kept on purpose:
#   maintainer-script-calls-systemctl: no debhelper here; the scripts call systemctl only
#     where systemd runs, as deb-systemd-helper would.
# Overridden (packaging/deb/lintian-overrides), so reported as O:, not E:
#   embedded-library zlib in host/libSystem.IO.Compression.Native.so: the .NET runtime links
#     zlib-ng into it; it is Microsoft's build and cannot use Debian's zlib.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
out="${1:-$repo/artifacts/package}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

settings_source="Capture.Host/appsettings.sample.json"
maintainer="capture maintainers <maintainers@capture.invalid>"

work="$out/work"
rm -rf "$work"
publish="$work/publish"
root="$work/root"

scripts/publish.sh "$publish" >/dev/null

version_line="$("$publish/capture" --version | head -n 1)"   # capture 0.1.0+<commit>
version="${version_line#capture }"
version="${version%%+*}"
if ! [[ "$version" =~ ^[0-9]+(\.[0-9]+)*$ ]]; then
  echo "package-deb: cannot read a version from '$version_line'" >&2
  exit 1
fi
deb="$out/capture_${version}_amd64.deb"

install -d "$root/usr/lib/capture" "$root/usr/bin" "$root/lib/systemd/system" \
  "$root/etc/capture" "$root/usr/share/man/man1" "$root/usr/share/doc/capture" "$root/DEBIAN"
cp -a "$publish/." "$root/usr/lib/capture/"
ln -s ../lib/capture/capture "$root/usr/bin/capture"
install -m 0644 packaging/deb/capture.service "$root/lib/systemd/system/capture.service"
install -m 0644 "$settings_source" "$root/etc/capture/appsettings.json"
gzip -9n < packaging/deb/capture.1 > "$root/usr/share/man/man1/capture.1.gz"
install -m 0644 packaging/deb/copyright "$root/usr/share/doc/capture/copyright"
install -D -m 0644 packaging/deb/lintian-overrides "$root/usr/share/lintian/overrides/capture"

# A native package's changelog (policy 12.7): one entry for this build, dated by its commit
# so that building the same commit twice gives the same file.
commit="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
date="$(git -C "$repo" log -1 --format=%aD 2>/dev/null || date -R)"
cat > "$work/changelog" <<CHANGELOG
capture ($version) unstable; urgency=medium

  * Built from commit $commit; see the repository's history for the changes.

 -- $maintainer  $date
CHANGELOG
gzip -9n < "$work/changelog" > "$root/usr/share/doc/capture/changelog.gz"

# Files are root's and not writable by others, whatever the umask of the build.
chmod -R u+rwX,go+rX,go-w "$root"
find "$root/usr/lib/capture" -type f \( -name '*.so' -o -name '*.dll' -o -name '*.json' \) -exec chmod 0644 {} +
chmod 0755 "$root/usr/lib/capture/capture" "$root/usr/lib/capture/host/capture" "$root/usr/lib/capture/host/createdump"

install -m 0755 packaging/deb/postinst packaging/deb/prerm packaging/deb/postrm "$root/DEBIAN/"
echo /etc/capture/appsettings.json > "$root/DEBIAN/conffiles"

# Libraries the runtime's ELF files link, as Debian package names with versions.
mkdir -p "$work/shlibs/debian"
printf 'Source: capture\n\nPackage: capture\nArchitecture: amd64\n' > "$work/shlibs/debian/control"
elves=("$root/usr/lib/capture/capture" "$root/usr/lib/capture/host/capture" "$root/usr/lib/capture/host/createdump" "$root"/usr/lib/capture/host/*.so)
linked="$(cd "$work/shlibs" && dpkg-shlibdeps -O "${elves[@]}" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
depends="$linked, libbpf1, zlib1g, passwd"

size="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
cat > "$root/DEBIAN/control" <<CONTROL
Package: capture
Version: $version
Architecture: amd64
Maintainer: $maintainer
Installed-Size: $size
Depends: $depends
Section: admin
Priority: optional
Description: Linux system call capture service, sysdig-compatible
 capture loads an eBPF probe into the kernel, reads the system call events
 it writes into per-CPU ring buffers, merges them in time order and hands
 them to its outputs: text or JSON lines, scap capture files that sysdig and
 Falco read, and a Prometheus endpoint. It reads sysdig's and Falco's scap
 files too.
 .
 The package carries its own .NET runtime and runs \`capture serve\` as the
 systemd service capture.service, as a dedicated user holding only the
 capabilities the probe needs. It needs Linux 5.17 or later with BTF.
CONTROL

dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" >&2

if command -v lintian >/dev/null; then
  # lintian refuses to run as root unless told; its exit status is 1 only for errors.
  lintian --allow-root --tag-display-limit 0 "$deb" >&2 || {
    echo "package-deb: lintian reports errors in $deb" >&2
    exit 1
  }
fi
echo "$deb"
