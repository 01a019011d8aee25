#!/bin/sh
# kmod-capture-checks.sh KMOD_DIR CAPTURE_DLL TESTPROG [compare]
#
# Runs inside the guest (scripts/vm/run-in-vm.sh --host-var-tmp), as root: loads the module
# built by driver/kmod/build.sh into KMOD_DIR and checks the C# side against it, printing
# what it saw between markers for specs/Capture.Host.Specs/EndToEnd/KmodVmSpecs to parse:
#   1. `capture info` with the module loaded (its kmod line)
#   2. `capture --driver kmod -j -n 3 --syscalls openat` while TESTPROG opens /dev/null three
#      times; meanwhile rmmod must be refused (the open devices hold the module)
#   3. the module reloaded with report_api_major=1: `capture --driver kmod` must refuse it
#   4. with "compare": kmod-compare.sh's workload under each driver in turn ("== compare-kmod",
#      "== compare-modern"); off by default, as it adds minutes to the guest run under TCG
# Every step prints its output whole; the spec decides what passes.
set -u
K=$1
# Emulated (TCG) guests JIT slowly: no tiered PGO instrumentation, and generous sink timeouts.
export DOTNET_TieredPGO=0
CAPTURE="dotnet $2"
TESTPROG=$3
W=/tmp/kmod-checks
mkdir -p $W

wait_for() { # FILE TEXT SECONDS
	i=0
	while [ $i -lt $(($3 * 5)) ]; do
		grep -q "$2" "$1" && return 0 # no 2>/dev/null: the capture below matches opens of /dev/null
		sleep 0.2
		i=$((i + 1))
	done
	return 1
}

echo "== insmod $(date +%s)"
busybox insmod $K/capture.ko ring_bytes=262144 && echo "insmod: ok"

echo "== info $(date +%s)"
$CAPTURE info 2>&1 | grep -E '^(ok|no) +kmod:'

echo "== capture $(date +%s)"
# -M: a capture that never sees the three opens still ends (and the spec says what it saw).
# The child's standard input is not /dev/null: the shell's own open of it must not match.
$CAPTURE --driver kmod -j -n 3 -M 60 --sink-timeout 60 --syscalls openat 'evt.arg.name=/dev/null' \
	>$W/out.json 2>$W/err.txt </dev/null &
pid=$!
if wait_for $W/err.txt "capturing live" 120; then
	echo "live: yes"
	if busybox rmmod capture 2>$W/rmmod.txt; then echo "rmmod while capturing: unloaded"; else echo "rmmod while capturing: refused ($(cat $W/rmmod.txt))"; fi
	$TESTPROG loop openclose 3 </etc/hostname >$W/testprog.out
else
	echo "live: no"
fi
wait $pid
echo "exit: $?"
echo "-- json"
cat $W/out.json
echo "-- stderr"
cat $W/err.txt

echo "== refusal $(date +%s)"
busybox rmmod capture && busybox insmod $K/capture.ko ring_bytes=262144 report_api_major=1 && echo "reloaded with report_api_major=1"
$CAPTURE --driver kmod -n 1 >$W/refused.out 2>$W/refused.err </dev/null
echo "exit: $?"
echo "-- stderr"
cat $W/refused.err
busybox rmmod capture && echo "rmmod: ok"

# 4. when asked (a fourth argument "compare"): the same workload under kmod (default ring
#    size) and under modern, kmod-compare.sh
[ "${4:-}" = compare ] && sh "$(dirname "$0")/kmod-compare.sh" $K "$2" $TESTPROG compare
echo "== end $(date +%s)"
