#!/usr/bin/env bash
# compare-with-libs.sh ANCHOR_OUTDIR -- CMD [ARGS...]
#
# Runs CMD once while both libs' own probe (../shared/anchor/reference-events.sh, which prints
# every event of CMD's process tree as libsinsp formats it) and capture (`capture -j`) trace
# it, then compares them parameter by parameter (scripts/compare_events.py). ANCHOR_OUTDIR is
# what ../shared/anchor/build-sinsp-example.sh built. Needs root and a built capture.
#
#   CAPTURE_FILTER  capture's filter (default: proc.name=<CMD's command name, 15 characters>)
#   KEEP=DIR        keep ref.jsonl, ours.jsonl and the logs in DIR (default: a temp dir, removed)
#   Arguments for compare_events.py go in COMPARE_ARGS (e.g. "--details 5 --json").
set -euo pipefail
[[ $# -ge 3 && "$2" == "--" ]] || { echo "usage: $0 ANCHOR_OUTDIR -- CMD [ARGS...]" >&2; exit 2; }
anchor=$(cd "$1" && pwd)
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
capture_dll=$root/Capture.Host/bin/Release/net10.0/capture.dll
reference=${REFERENCE_EVENTS:-$root/../shared/anchor/reference-events.sh}
[[ -f "$capture_dll" ]] || { echo "build capture first (dotnet build capture.sln -c Release)" >&2; exit 1; }

name=$(basename "$1")
filter=${CAPTURE_FILTER:-proc.name=${name:0:15}}
dir=${KEEP:-$(mktemp -d /tmp/compare-with-libs.XXXXXX)}
mkdir -p "$dir"
[[ -n "${KEEP:-}" ]] || trap 'rm -rf "$dir"' EXIT

dotnet "$capture_dll" -j "$filter" >"$dir/ours.jsonl" 2>"$dir/capture.log" &
capture_pid=$!
for _ in $(seq 1 300); do
	grep -q "capturing live" "$dir/capture.log" && break
	kill -0 "$capture_pid" 2>/dev/null || { cat "$dir/capture.log" >&2; exit 1; }
	sleep 0.1
done

"$reference" "$anchor" -- "$@" >"$dir/ref.jsonl" 2>"$dir/reference.log" || {
	echo "reference-events.sh failed:" >&2
	tail -5 "$dir/reference.log" >&2
}
sleep 1 # capture's merge holds the last events until every ring's watermark passes them
kill -INT "$capture_pid"
wait "$capture_pid" || true
grep '^reference-events: {' "$dir/reference.log" >&2 || true
tail -3 "$dir/capture.log" >&2
# shellcheck disable=SC2086
python3 "$root/scripts/compare_events.py" "$dir/ref.jsonl" "$dir/ours.jsonl" ${COMPARE_ARGS:-}
