#!/bin/sh
# modern-specs-guest.sh ASSEMBLY FILTER
#
# Runs inside the guest (scripts/vm/modern-specs-in-vm.sh), as root: the spec ASSEMBLY's specs
# selected by FILTER under `dotnet vstest`, from a tmpfs working directory (the guest sees the
# tree read-only). The console lines, one per spec and then the totals, are printed between
# "== modern-specs" and "== end" for KmodVmSpecs' ModernSpecsInVm to parse.
# Emulated (TCG) guests JIT slowly: no tiered PGO instrumentation, and methods with loops start
# in the quick JIT (as kmod-capture-checks.sh does for capture).
export DOTNET_TieredPGO=0 DOTNET_TC_QuickJitForLoops=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The guest's init mounts no cgroup file system: give it this machine's layout (v1 controllers
# under a tmpfs, v2 at unified), or CgroupsSpecs skip there while they run here. Only where
# nothing is mounted on /sys/fs/cgroup, so on this machine the script changes nothing.
if ! grep -q ' /sys/fs/cgroup ' /proc/mounts; then
	mount -t tmpfs -o mode=755 tmpfs /sys/fs/cgroup
	for c in cpu cpuacct cpuset memory devices freezer blkio pids; do
		mkdir -p /sys/fs/cgroup/$c && mount -t cgroup -o $c cgroup /sys/fs/cgroup/$c
	done
	mkdir -p /sys/fs/cgroup/systemd && mount -t cgroup -o none,name=systemd cgroup /sys/fs/cgroup/systemd
	mkdir -p /sys/fs/cgroup/unified && mount -t cgroup2 cgroup2 /sys/fs/cgroup/unified
fi
mkdir -p /tmp/modern-specs && cd /tmp/modern-specs || exit 126
echo "== modern-specs $(date +%s) kernel $(uname -r)"
# stdin is not the guest's console: a spec's child that reads it must see end of file, not wait.
# xunit names every spec still running after a minute, so a hang says where it is.
dotnet vstest "$1" --TestCaseFilter:"$2" --logger:"console;verbosity=normal" --ResultsDirectory:/tmp/modern-specs \
	-- xUnit.LongRunningTestSeconds=60 xUnit.DiagnosticMessages=true </dev/null 2>&1
status=$?
echo "== end $(date +%s) status $status"
exit $status
