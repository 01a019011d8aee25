#!/usr/bin/env bash
# kmod-vs-modern.sh [compare] [cost]
#
# The kernel module and the modern probe side by side in one boot of the VM's kernel: builds
# the module for it (driver/kmod/build.sh into /var/tmp/capture-kmod-vs-modern), boots the
# guest (run-in-vm.sh) and runs kmod-compare.sh there with this tree's capture (published
# ReadyToRun by publish-r2r.sh) and testprog (build first: dotnet build capture.sln -c Release).
# With no step, both:
#   compare  prints both drivers' JSON of one workload (the spec KmodVmSpecs compares them)
#   cost     prints the testprog's getppid and 1-byte read loops with no capture, under kmod
#            and under modern, and the added cost per syscall of each driver:
#              added DRIVER KIND WALL_NS CPU_NS   (loop under DRIVER minus the loop alone)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
out=/var/tmp/capture-kmod-vs-modern
headers=$(scripts/vm/kmod-headers.sh)
driver/kmod/build.sh "$headers" "$out" >/dev/null
capture=$(scripts/vm/publish-r2r.sh) # precompiled: JIT under TCG made each start take minutes
scripts/vm/run-in-vm.sh --host-var-tmp -- sh scripts/vm/kmod-compare.sh "$out" \
	"$capture" "$repo/artifacts/driver/capture_testprog" "$@" |
	awk '{ print }
	     $1 == "cost" && $4 ~ /^[0-9]+$/ { wall[$2 " " $3] = $5; cpu[$2 " " $3] = $6 }
	     END {
	         for (k in wall) { split(k, p, " "); if (p[1] != "none" && (("none " p[2]) in wall))
	             printf "added %s %s %.0f %.0f\n", p[1], p[2], wall[k] - wall["none " p[2]], cpu[k] - cpu["none " p[2]] }
	     }'
