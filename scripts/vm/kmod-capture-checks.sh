#!/bin/sh
# kmod-capture-checks.sh KMOD_DIR CAPTURE_DLL TESTPROG [compare]
#
# Runs inside the guest (scripts/vm/run-in-vm.sh --host-var-tmp), as root: loads the module
# built by driver/kmod/build.sh into KMOD_DIR and checks the C# side against it, printing
# what it saw between markers for specs/Capture.Host.Specs/EndToEnd/KmodVmSpecs to parse:
#   1. `capture info` with the module loaded (its kmod line)
#   2. `capture --driver kmod -j -n 3 --syscalls openat` while TESTPROG opens /dev/null three
#      times; meanwhile rmmod must be refused (the open devices hold the module)
#   3. the module replaced under a running capture: `capture --driver kmod -j -n 6` sees the
#      child's three opens, the module is detached (its devices answer ENODEV), unloaded once
#      the capture has let go of them, and a build reporting schema minor 99 loaded in its
#      place; the capture must renegotiate, report the gap and see three more opens
#   4. the module reloaded with report_api_major=1: `capture --driver kmod` must refuse it
#   5. with "compare": kmod-compare.sh's workload under each driver in turn ("== compare-kmod",
#      "== compare-modern") and the cost per syscall of each ("== cost"); off by default, as it
#      adds minutes to the guest run under TCG
# CAPTURE_DLL is best a ReadyToRun publish (scripts/vm/publish-r2r.sh): JIT under emulation made
# every start of capture take minutes on a loaded host.
# Every step prints its output whole; the spec decides what passes.
set -u
K=$1
# Emulated (TCG) guests JIT slowly: no tiered PGO instrumentation, methods with loops that
# ReadyToRun left out (generics over other assemblies' types) start in the quick JIT instead
# of the optimizing one (the build's setting, right for a real machine), and generous sink timeouts.
export DOTNET_TieredPGO=0 DOTNET_TC_QuickJitForLoops=1
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

echo "== reload $(date +%s)"
# No -M shorter than the steps below can take under TCG: the capture must end by its -n 6.
$CAPTURE --driver kmod -j -n 6 -M 300 --sink-timeout 60 --syscalls openat 'evt.arg.name=/dev/null' \
	>$W/reload.json 2>$W/reload.err </dev/null &
pid=$!
if wait_for $W/reload.err "capturing live" 120; then
	echo "live: yes"
	$TESTPROG loop openclose 3 </etc/hostname >$W/testprog.out # (not >/dev/null: an open the capture matches)
	sleep 2 # the three opens reach user space before the module goes
	echo 1 >/sys/module/capture/parameters/detach && echo "detached: $(cat /sys/module/capture/parameters/detach)"
	# rmmod is refused (EAGAIN) until the capture has noticed, unmapped and closed every device
	t0=$(date +%s)
	i=0
	until busybox rmmod capture 2>$W/rmmod.txt; do
		i=$((i + 1))
		[ $i -lt 600 ] || break
		sleep 0.1
	done
	[ $i -lt 600 ] && echo "rmmod after detach: ok within $(($(date +%s) - t0)) s" || echo "rmmod after detach: still refused after 60 s"
	busybox insmod $K/capture.ko ring_bytes=262144 report_schema_minor=99 && echo "insmod of the replacement (schema minor 99): ok"
	if wait_for $W/reload.err "running again" 120; then
		echo "running again: yes"
		$TESTPROG loop openclose 3 </etc/hostname >$W/testprog.out
	else
		echo "running again: no"
	fi
else
	echo "live: no"
fi
wait $pid
echo "exit: $?"
echo "-- json"
cat $W/reload.json
echo "-- stderr"
cat $W/reload.err

echo "== refusal $(date +%s)"
busybox rmmod capture 2>$W/rmmod.txt; busybox insmod $K/capture.ko ring_bytes=262144 report_api_major=1 && echo "reloaded with report_api_major=1"
$CAPTURE --driver kmod -n 1 >$W/refused.out 2>$W/refused.err </dev/null
echo "exit: $?"
echo "-- stderr"
cat $W/refused.err
busybox rmmod capture && echo "rmmod: ok"

# 5. when asked (a fourth argument "compare"): the same workload under kmod (default ring
#    size) and under modern, and each one's cost per syscall: kmod-compare.sh
[ "${4:-}" = compare ] && sh "$(dirname "$0")/kmod-compare.sh" $K "$2" $TESTPROG compare cost
echo "== end $(date +%s)"
