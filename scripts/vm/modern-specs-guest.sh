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
mkdir -p /tmp/modern-specs && cd /tmp/modern-specs || exit 126
echo "== modern-specs $(date +%s) kernel $(uname -r)"
dotnet vstest "$1" --TestCaseFilter:"$2" --logger:"console;verbosity=normal" --ResultsDirectory:/tmp/modern-specs 2>&1
status=$?
echo "== end $(date +%s) status $status"
exit $status
