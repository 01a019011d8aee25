#!/usr/bin/env bash
# probe-cost.sh [-- CAPTURE ARGS...] : the kernel's own count of what each probe program costs.
#
# Turns on kernel.bpf_stats_enabled, starts `capture -q` (plus CAPTURE ARGS, e.g. --syscalls read),
# runs each of the testprog's timed loops (getppid, read1, openclose; 200,000 calls, on CPU 1),
# and prints each capture program's runs and nanoseconds per run while the loop ran, from
# bpftool's run_cnt and run_time_ns. Tail-called fillers are counted in the program that tail
# called them (the dispatcher), so `capture_sys_exit` is the whole exit path of one syscall:
# dispatcher, interest lookup, filler, reserve, parameters, submit. The tracing trampoline that
# calls it is not included. Only the programs this capture holds are counted: another capture
# running on the machine at the same time (a spec, a colleague) has programs of the same names.
# Needs root and a built tree (dotnet build, artifacts/driver).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ "${1:-}" == "--" ]] && shift
capture=(dotnet Capture.Host/bin/Release/net10.0/capture.dll -q "$@")
testprog=artifacts/driver/capture_testprog
calls=${CALLS:-200000}
command -v bpftool >/dev/null || { echo "probe-cost: bpftool is missing (scripts/setup.sh installs it)" >&2; exit 1; }

previous=$(sysctl -n kernel.bpf_stats_enabled)
log=$(mktemp)
trap 'sysctl -q kernel.bpf_stats_enabled="$previous"; [[ -n "${pid:-}" ]] && kill -INT "$pid" 2>/dev/null; rm -f "$log" "$log".*' EXIT
sysctl -q kernel.bpf_stats_enabled=1
"${capture[@]}" >"$log" 2>&1 &
pid=$!
# The ids of the BPF programs process $pid holds open (its fdinfo names them), one a line.
own_programs() { sed -n 's/^prog_id:[[:space:]]*//p' /proc/"$pid"/fdinfo/* 2>/dev/null | sort -u; }
attached=
for _ in $(seq 100); do
	own_programs >"$log.ids"
	bpftool prog show -j | python3 -c 'import json, sys; ids = set(map(int, open(sys.argv[1]).read().split())); sys.exit(not any(p["id"] in ids and p.get("name") == "capture_sys_exit" for p in json.load(sys.stdin)))' "$log.ids" && { attached=1; break; }
	kill -0 "$pid" 2>/dev/null || { echo "probe-cost: capture exited before attaching:" >&2; tail -5 "$log" >&2; exit 1; }
	sleep 0.2
done
[[ -n "$attached" ]] || { echo "probe-cost: capture did not attach capture_sys_exit within 20 s" >&2; exit 1; }
echo "probe-cost: capture ${*:-(all syscalls)}; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for loop in getppid read1 openclose; do
	bpftool prog show -j >"$log.before"
	taskset -c 1 "$testprog" loop "$loop" "$calls" >/dev/null
	bpftool prog show -j >"$log.after"
	python3 - "$loop" "$log.before" "$log.after" "$log.ids" <<'PY'
import json, sys
loop, before, after, ids = sys.argv[1:]
ours = set(map(int, open(ids).read().split()))
seen = {p["id"]: p for p in json.load(open(before))}
for p in json.load(open(after)):
    if p["id"] not in ours:
        continue
    q = seen.get(p["id"], {})
    runs = p.get("run_cnt", 0) - q.get("run_cnt", 0)
    ns = p.get("run_time_ns", 0) - q.get("run_time_ns", 0)
    if runs >= 1000 and p.get("name", "").startswith("capture"):
        print(f"  {loop:10s} {p['name']:20s} {runs:9d} runs {ns / runs:8.1f} ns per run")
PY
done
