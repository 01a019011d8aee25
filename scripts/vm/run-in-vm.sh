#!/usr/bin/env bash
# run-in-vm.sh [--kernel-package NAME] [--host-var-tmp] -- CMD [ARGS...]
#
# Runs CMD as root inside a Debian kernel other than this machine's, under qemu (TCG: this
# machine has no /dev/kvm), with this machine's root file system mounted read-only over 9p and
# made the guest's root, so the programs built here run there unchanged. For checks that need another
# kernel: does the probe pass that kernel's verifier, does a kernel module load there.
#
# The kernel is Debian's own package (default linux-image-6.1.0-47-amd64-unsigned, Debian 12's
# kernel), fetched with apt-get download and unpacked under VM_DIR (/var/tmp/capture-vm); it is
# never installed into /boot. The guest gets a busybox initramfs that loads the virtio and 9p
# modules from the package, mounts / over 9p, puts tmpfs on /tmp, /run, /var/tmp and /root
# (the host's stay untouched), mounts proc, sys, dev, bpffs and tracefs, moves that root over / and runs CMD
# there, with the working directory it was started from. CMD's output comes back on stdout;
# the exit status is CMD's. --host-var-tmp leaves the host's /var/tmp visible (read-only, like
# the rest) instead of a tmpfs, for what was built there (driver/kmod/build.sh's output).
#
#   VM_MEMORY (4096 MiB), VM_CPUS (2), VM_TIMEOUT_S (900), VM_DIR
set -euo pipefail

package=linux-image-6.1.0-47-amd64-unsigned
tmpfs_dirs="tmp run var/tmp root"
while [[ $# -gt 0 && "$1" != "--" ]]; do
	case "$1" in
	--kernel-package) package=$2; shift 2 ;;
	--host-var-tmp) tmpfs_dirs="tmp run root"; shift ;;
	*) break ;;
	esac
done
[[ "${1:-}" == "--" && $# -ge 2 ]] || { echo "usage: $0 [--kernel-package NAME] [--host-var-tmp] -- CMD [ARGS...]" >&2; exit 2; }
shift

vm_dir=${VM_DIR:-/var/tmp/capture-vm}
memory=${VM_MEMORY:-4096}
cpus=${VM_CPUS:-2}
timeout_s=${VM_TIMEOUT_S:-900}

need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
[[ -x /bin/busybox ]] || need+=(busybox-static)
if ((${#need[@]})); then
	echo "run-in-vm: installing ${need[*]}" >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

kernel_dir=$vm_dir/$package
if [[ ! -d "$kernel_dir/boot" ]]; then
	mkdir -p "$vm_dir/download"
	(cd "$vm_dir/download" && apt-get download "$package" 2>/dev/null) ||
		{ apt-get update -qq && (cd "$vm_dir/download" && apt-get download "$package"); }
	rm -rf "$kernel_dir.tmp" && dpkg-deb -x "$vm_dir"/download/"$package"_*.deb "$kernel_dir.tmp"
	mv "$kernel_dir.tmp" "$kernel_dir"
fi
release=$(ls "$kernel_dir/lib/modules")
modules=$kernel_dir/lib/modules/$release/kernel

# The initramfs: busybox, the modules 9p needs (in dependency order) and overlayfs (for the
# probe's overlay specs), and an init that runs
# the command whose words and working directory travel in /cmd (NUL-separated).
work=$(mktemp -d /tmp/run-in-vm.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/root/bin" "$work/root/modules" "$work/root/mnt"
cp /bin/busybox "$work/root/bin/busybox"
order=(drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_pci_modern_dev
	drivers/virtio/virtio_pci_legacy_dev drivers/virtio/virtio_pci fs/netfs/netfs fs/fscache/fscache
	net/9p/9pnet net/9p/9pnet_virtio fs/9p/9p fs/overlayfs/overlay)
for m in "${order[@]}"; do
	[[ -f "$modules/$m.ko" ]] && cp "$modules/$m.ko" "$work/root/modules/$(basename "$m").ko"
done
printf '%s\n' "${order[@]##*/}" >"$work/root/modules/order"
{ printf '%s\0' "$PWD"; printf '%s\0' "$@"; } >"$work/root/cmd"
echo "$tmpfs_dirs" >"$work/root/tmpfs_dirs"
cat >"$work/root/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc 2>/dev/null || { mkdir -p /proc && mount -t proc proc /proc; }
mkdir -p /sys /dev && mount -t sysfs sys /sys && mount -t devtmpfs dev /dev
for m in $(cat /modules/order); do [ -f /modules/$m.ko ] && insmod /modules/$m.ko; done
ip link set lo up # loopback only: dotnet test talks to its test host over it
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose host /mnt || { echo "run-in-vm: 9p mount failed"; poweroff -f; }
for d in proc sys dev; do mount --bind /$d /mnt/$d; done
mount -t bpf bpf /mnt/sys/fs/bpf
mount -t tracefs nodev /mnt/sys/kernel/tracing 2>/dev/null
for d in $(cat /tmpfs_dirs); do mount -t tmpfs tmpfs /mnt/$d; done
cwd=$(tr '\0' '\n' </cmd | head -1)
echo "run-in-vm: kernel $(uname -r), running in $cwd"
tr '\0' '\n' </cmd | tail -n +2 >/mnt/tmp/.argv
cat >/mnt/tmp/.run <<'RUN'
cd "$1" || exit 126
shift
set --
while IFS= read -r word; do set -- "$@" "$word"; done </tmp/.argv
HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin DOTNET_CLI_TELEMETRY_OPTOUT=1 "$@"
RUN
# As switch_root does: the 9p root is moved over / before the chroot, so CMD's root is the
# mount namespace's root and not a chroot below it (the kernel refuses user namespaces to a
# chrooted process, and ExecFlagsSpecs makes them). This shell keeps the initramfs as its root.
cd /mnt && mount --move /mnt / && chroot . /bin/sh /tmp/.run "$cwd"
echo "run-in-vm: exit status $?"
poweroff -f
EOF
chmod +x "$work/root/init"
(cd "$work/root" && find . | busybox cpio -o -H newc 2>/dev/null | gzip -1) >"$work/initrd.gz"

log=$work/console.log
timeout "$timeout_s" qemu-system-x86_64 -machine q35 -accel tcg,thread=multi -cpu max -smp "$cpus" -m "$memory" \
	-nographic -no-reboot -kernel "$kernel_dir/boot/vmlinuz-$release" -initrd "$work/initrd.gz" \
	-append "console=ttyS0 quiet panic=-1 rdinit=/init" \
	-virtfs local,path=/,mount_tag=host,security_model=none,readonly=on,multidevs=remap \
	</dev/null | tee "$log" | tr -d '\r' | awk '/run-in-vm: kernel/ { on = 1 } on && !/run-in-vm: exit status/ && !/reboot: Power down/ { print; fflush() }' || true
status=$(grep -a '^run-in-vm: exit status' "$log" | tail -1 | awk '{print $4}' | tr -d '\r')
[[ -n "$status" ]] || { echo "run-in-vm: the guest did not report an exit status (boot failed or timed out)" >&2; exit 125; }
exit "$status"
