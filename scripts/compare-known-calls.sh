#!/usr/bin/env bash
# compare-known-calls.sh ANCHOR_OUTDIR [MODE...]
#
# Every known-calls mode of driver/testprog (default: calls tour tour-files tour-proc unix),
# each run once under libs' own probe and capture at the same time (compare-with-libs.sh), then
# one comparison over all of them: how many of libs' exit events capture has, and how many of
# their parameters are equal. The workload that touches every dedicated event.
#   KEEP=DIR keeps each mode's files in DIR/MODE.
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 ANCHOR_OUTDIR [MODE...]" >&2; exit 2; }
anchor=$1
shift
modes=("$@")
((${#modes[@]})) || modes=(calls tour tour-files tour-proc unix)
root=$(cd "$(dirname "$0")/.." && pwd)
testprog=$root/artifacts/driver/capture_testprog
keep=${KEEP:-$(mktemp -d /tmp/compare-known-calls.XXXXXX)}
[[ -n "${KEEP:-}" ]] || trap 'rm -rf "$keep"' EXIT

for mode in "${modes[@]}"; do
	work=$(mktemp -d /tmp/known-calls-work.XXXXXX)
	echo "== $mode" >&2
	# the program's own name, what it renames itself to (prctl) and what it execs as (fexecve)
	CAPTURE_FILTER="proc.name in (capture_testpro, capture-tour, exe)" KEEP=$keep/$mode COMPARE_ARGS="--details 0" \
		"$root/scripts/compare-with-libs.sh" "$anchor" -- "$testprog" "$mode" "$work" >"$keep/$mode.txt"
	head -2 "$keep/$mode.txt" >&2
	rm -rf "$work"
done
cat "$keep"/*/ref.jsonl >"$keep/all-ref.jsonl"
cat "$keep"/*/ours.jsonl >"$keep/all-ours.jsonl"
python3 "$root/scripts/compare_events.py" "$keep/all-ref.jsonl" "$keep/all-ours.jsonl" --purposeful "$root/scripts/libs-differences.txt" ${COMPARE_ARGS:---details 2}
