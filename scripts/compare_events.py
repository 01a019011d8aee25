#!/usr/bin/env python3
"""Compares libs' reference events with capture's, parameter by parameter.

    compare_events.py REFERENCE.jsonl CAPTURE.jsonl [--details N] [--json] [--purposeful FILE]

REFERENCE.jsonl is what ../shared/anchor/reference-events.sh prints (libs' own probe, every
parameter formatted by libsinsp); CAPTURE.jsonl is `capture -j` of the same workload, run at the
same time. Only system-call exit events of the threads the reference saw are compared.

Events are paired per thread: the two sequences of event types are aligned (longest matching
blocks), so one event missing on either side does not shift the rest. A paired event's
parameters are compared by name as text, each as its tool formats it (`3(<f>/etc/passwd)`),
and as values (what each side printed differently set aside: see same_value). With --purposeful
(scripts/libs-differences.txt) a last share leaves out the parameters we differ in on purpose.

Prints the share of libs' exit events that were paired, the share of their parameters that are
equal, and per event type what differs (with a few examples each). Exit status 0 always: the
numbers are the result.
"""
import argparse
import collections
import difflib
import json
import re
import sys

# Events that are not system-call exits in either tool, or that libsinsp never prints.
NOT_SYSCALL_EXITS = {"switch", "procexit", "signaldeliver", "page_fault", "container", "drop", "notification"}


def load(path, params_key):
    """thread id -> [(type, params)] in file order, exit events only."""
    by_thread = collections.defaultdict(list)
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                e = json.loads(line)
            except json.JSONDecodeError:
                continue
            if e.get("evt.dir") != "<" or e.get("evt.type") in NOT_SYSCALL_EXITS:
                continue
            by_thread[int(e["thread.tid"])].append((e["evt.type"], e.get(params_key) or {}))
    return by_thread


RESOLVED = re.compile(r"^(-?\w+)\((.*)\)$", re.S)


EMPTY = {"", "NULL", "<NA>"}


def raw_part(value):
    """`3(<f>/etc/passwd)` -> `3`: the value the probe sent, without what user space resolved."""
    m = RESOLVED.match(value) if isinstance(value, str) else None
    return m.group(1) if m else value


def same_value(libs, ours):
    """Whether two printed values carry the same value, however each tool prints it: what user
    space resolved in parentheses aside, a number in hexadecimal on one side and decimal on the
    other (libsinsp and sysdig 0.29.3 disagree on some formats), and the ways of printing nothing."""
    if ours is None:
        return False
    a, b = raw_part(libs), raw_part(ours)
    if a == b or (a in EMPTY and b in EMPTY):
        return True
    for x, y in ((a, b), (b, a)):
        try:
            if int(x, 10) == int(y, 16):
                return True
        except ValueError:
            pass
    return False


# capture's text and JSON name a few parameters as sysdig 0.29.3 did (Capture.Native/Formatting/Sysdig029Params.cs).
OUR_NAME = {"vpgid": "pgid"}


def ours_value(params, name):
    return params.get(name, params.get(OUR_NAME.get(name, name)))


def pair(ref_events, ours_events):
    """Pairs of (ref, ours) events of one thread, aligned on their type sequences."""
    matcher = difflib.SequenceMatcher(a=[t for t, _ in ref_events], b=[t for t, _ in ours_events], autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            yield ref_events[block.a + k], ours_events[block.b + k]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reference")
    parser.add_argument("capture")
    parser.add_argument("--details", type=int, default=3, help="examples per differing parameter")
    parser.add_argument("--json", action="store_true", help="also print one JSON line with the totals")
    parser.add_argument("--purposeful", help="file of EVENT.PARAM lines we differ in on purpose")
    args = parser.parse_args()

    purposeful = set()
    if args.purposeful:
        with open(args.purposeful, encoding="utf-8") as f:
            purposeful = {line.split()[0] for line in f if line.strip() and not line.startswith("#")}
    ref = load(args.reference, "params")
    ours = load(args.capture, "evt.args")

    events_total = events_paired = params_total = params_equal = raw_equal = on_purpose = 0
    unpaired = collections.Counter()
    per_type = collections.defaultdict(lambda: [0, 0, 0])  # paired, params, equal as printed
    diffs = collections.defaultdict(list)  # (type, param) -> [(ref, ours)]: the values differ
    resolved = collections.defaultdict(list)  # same value, printed differently
    for tid, ref_events in ref.items():
        events_total += len(ref_events)
        paired_here = list(pair(ref_events, ours.get(tid, [])))
        events_paired += len(paired_here)
        counts = collections.Counter(t for t, _ in ref_events)
        counts.subtract(t for (t, _), _ in paired_here)
        unpaired.update({t: n for t, n in counts.items() if n > 0})
        for (etype, rp), (_, op) in paired_here:
            stats = per_type[etype]
            stats[0] += 1
            for name, value in rp.items():
                stats[1] += 1
                params_total += 1
                mine = ours_value(op, name)
                if mine == value:
                    stats[2] += 1
                    params_equal += 1
                    raw_equal += 1
                elif same_value(value, mine):
                    raw_equal += 1
                    resolved[(etype, name)].append((value, mine))
                else:
                    diffs[(etype, name)].append((value, mine))
                    on_purpose += f"{etype}.{name}" in purposeful

    def pct(a, b):
        return 100.0 * a / b if b else 100.0

    print(f"threads: {len(ref)}; libs exit events: {events_total}; paired with capture's: {events_paired} "
          f"({pct(events_paired, events_total):.2f} %)")
    print(f"parameters of paired events: {params_total}; equal as printed: {params_equal} "
          f"({pct(params_equal, params_total):.2f} %); same values (printed "
          f"differently at most): {raw_equal} ({pct(raw_equal, params_total):.2f} %)")
    if args.purposeful:
        print(f"differing on purpose ({args.purposeful}): {on_purpose}; same values among the rest: {raw_equal} of "
              f"{params_total - on_purpose} ({pct(raw_equal, params_total - on_purpose):.2f} %)")
    if unpaired:
        print("unpaired libs events by type: " + ", ".join(f"{t}={n}" for t, n in unpaired.most_common()))
    print(f"{'type':<20} {'paired':>7} {'params':>7} {'equal':>7}")
    for etype, (n, p, e) in sorted(per_type.items()):
        print(f"{etype:<20} {n:>7} {p:>7} {e:>7}{'' if p == e else '  <- differs'}")
    for (etype, name), values in sorted(resolved.items()):
        print(f"{etype}.{name}: {len(values)} printed differently, e.g. libs {values[0][0]!r}, ours {values[0][1]!r}")
    for (etype, name), values in sorted(diffs.items()):
        print(f"{etype}.{name}: {len(values)} differ{' (on purpose)' if f'{etype}.{name}' in purposeful else ''}")
        for ref_value, mine in values[: args.details]:
            print(f"    libs {ref_value!r}\n    ours {mine!r}")
    if args.json:
        print(json.dumps({"libs_exit_events": events_total, "paired": events_paired, "params": params_total,
                          "params_equal": params_equal, "values_equal": raw_equal, "on_purpose": on_purpose, "unpaired": dict(unpaired)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
