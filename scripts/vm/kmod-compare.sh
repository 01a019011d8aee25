#!/bin/sh
# kmod-compare.sh KMOD_DIR CAPTURE_DLL TESTPROG [compare|cost]...
#
# Runs inside the guest (scripts/vm/run-in-vm.sh --host-var-tmp), as root, with no capture
# module loaded: loads KMOD_DIR/capture.ko at its default ring size and puts the two drivers
# side by side on the same guest.
#   compare  one known workload (workload() below: the testprog's tours of files, fd calls and
#            processes, failing calls, a memfd exec, a failed exec, its known calls with fork
#            and exec, in a fresh directory each time) under `capture --driver kmod -w`, then
#            under `capture --driver modern -w`, with address-space randomisation off so that
#            both runs make the same calls. Prints the workload's root pid, each scap file
#            (gzip, base64) and the capture's stderr ("== compare-DRIVER"); the host reads the
#            files with `capture -r -j` (a file, not -j, in the guest: formatting under
#            emulation is too slow to keep up) and CaptureComparison (specs) compares them.
#   cost     the testprog's timed loops (getppid, 1-byte read) with no capture, under kmod and
#            under modern (`capture -q`, every syscall), one line per loop ("== cost"):
#              cost DRIVER KIND N WALL_NS_PER_ITER CPU_NS_PER_ITER
# Default: both. Every step prints its output whole; the spec or the reader decides.
set -u
K=$1
# Emulated (TCG) guests JIT slowly: no tiered PGO instrumentation, methods with loops that
# ReadyToRun left out (generics over other assemblies' types) start in the quick JIT instead
# of the optimizing one (the build's setting, right for a real machine), and generous sink timeouts.
export DOTNET_TieredPGO=0 DOTNET_TC_QuickJitForLoops=1
CAPTURE="dotnet $2"
TESTPROG=$3
shift 3
steps=${*:-compare cost}
W=/tmp/kmod-compare
COST_N=${COST_N:-50000}
mkdir -p $W

wait_for() { # FILE TEXT SECONDS
	i=0
	while [ $i -lt $(($3 * 5)) ]; do
		grep -q "$2" "$1" && return 0
		sleep 0.2
		i=$((i + 1))
	done
	return 1
}

# capture_on DRIVER OUT ARGS...: starts a capture in the background, returns once it is live
capture_on() {
	d=$1 out=$2
	shift 2
	$CAPTURE --driver $d --sink-timeout 60 "$@" >$out.out 2>$out.err </dev/null &
	cap=$!
	wait_for $out.err "capturing live" 120 || echo "capture --driver $d never went live"
}

capture_off() { # stops the capture capture_on started and waits for its summary
	sleep 3 # the last events reach user space
	kill -INT $cap
	wait $cap
	echo "exit: $?"
}

workload() {
	# afresh each time: the workload's own open of workload.pid must create it in both runs
	rm -rf $W/dir $W/workload.pid && mkdir $W/dir
	sh -c 'echo $$ >'$W'/workload.pid; T='$TESTPROG'; D='$W'/dir
		$T tour $D; $T tour-files $D; $T tour-proc $D; $T fail 3; $T memfd-exec; $T failed-exec; $T calls $D' \
		>$W/workload.out 2>&1 </dev/null
}

busybox insmod $K/capture.ko && echo "insmod (default ring size): ok"
echo 0 >/proc/sys/kernel/randomize_va_space

for step in $steps; do
	case $step in
	compare)
		for d in kmod modern; do
			echo "== compare-$d $(date +%s)"
			capture_on $d $W/$d -w $W/$d.scap
			workload
			capture_off
			echo "workload pid: $(cat $W/workload.pid)"
			echo "-- scap"
			gzip -c $W/$d.scap | base64
			echo "-- stderr"
			cat $W/$d.err
		done
		;;
	cost)
		echo "== cost $(date +%s)"
		for d in none kmod modern; do
			[ $d = none ] || capture_on $d $W/cost-$d -q
			for kind in getppid read1; do
				echo "cost $d $($TESTPROG loop $kind $COST_N)"
			done
			if [ $d != none ]; then
				capture_off >/dev/null
				grep "dropped" $W/cost-$d.err | sed "s/^/cost $d summary: /"
			fi
		done
		;;
	esac
done
busybox rmmod capture && echo "rmmod: ok"
echo "== end $(date +%s)"
