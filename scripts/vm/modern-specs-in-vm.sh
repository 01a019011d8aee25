#!/usr/bin/env bash
# modern-specs-in-vm.sh [FILTER]
#
# Runs the modern probe's kernel specs (Capture.Native.Specs, namespace
# Capture.Native.Specs.Probe: every class that loads the real probe lives there) inside the
# qemu guest on Debian's 6.1 kernel (run-in-vm.sh), a second kernel the CO-RE probe must load
# and pass the verifier on. The spec assembly is the one built here
# (`dotnet build capture.sln -c Release`); the guest runs it with `dotnet vstest` from a tmpfs
# working directory, since the guest sees this tree read-only and `dotnet test` would start
# MSBuild on it (modern-specs-guest.sh is what runs in the guest). The vstest console lines (one per spec, then the totals) come back between
# "== modern-specs" and "== end" for KmodVmSpecs' ModernSpecsInVm to parse.
#
# Under TCG each probe load takes 8-25 s (the verifier), and the specs load it a
# few dozen times: expect 10-20 minutes. VM_TIMEOUT_S (default here 7200) bounds the guest.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
filter=${1:-FullyQualifiedName~Capture.Native.Specs.Probe.}
assembly=$repo/specs/Capture.Native.Specs/bin/Release/net10.0/Capture.Native.Specs.dll
[[ -f "$assembly" ]] || { echo "modern-specs-in-vm: $assembly is not built (dotnet build capture.sln -c Release)" >&2; exit 2; }

export VM_TIMEOUT_S=${VM_TIMEOUT_S:-7200}
exec "$repo/scripts/vm/run-in-vm.sh" -- /bin/sh "$repo/scripts/vm/modern-specs-guest.sh" "$assembly" "$filter"
