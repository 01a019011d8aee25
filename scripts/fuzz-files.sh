#!/usr/bin/env bash
# Damages the fixtures in specs/fixtures/scap the ways the property suite does (bits flipped,
# block and field lengths set huge or tiny, block types swapped, cut short, ranges duplicated
# or deleted, files concatenated; gzip fixtures also in their compressed bytes) and reads each
# mutant with the real `capture -r -q` and `capture -r -j`, under a timeout and /usr/bin/time.
# A crash is an exit status other than 0 or 1 or a stack trace on stderr; a hang is the
# timeout. Prints the counts and the largest resident set; keeps each read's verdict
# (artifacts/fuzz-files/results: verdict, mode, max RSS in KiB, mutant) and the crashers and
# hangs there. About 0.4 s of CPU per read, so minutes: not part of ./test.sh.
#
#   scripts/fuzz-files.sh [--in-process] [MUTANTS] [SEED]      (defaults: 3000 mutants, seed 1)
#
# --in-process reads the same mutants through the command's code in one process
# (scripts/fuzz-files-in-process.cs): seconds instead of most of an hour, one RSS for all.
set -euo pipefail
cd "$(dirname "$0")/.."
in_process=false
if [ "${1:-}" = --in-process ]; then in_process=true; shift; fi
mutants=${1:-3000}
seed=${2:-1}
[ -f Capture.Host/bin/Release/net10.0/capture.dll ] || dotnet build capture.sln -c Release -v q -nologo
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A copy, so a build while the campaign runs does not change the program under test.
cp -r Capture.Host/bin/Release/net10.0 "$work/bin"
capture=$work/bin/capture.dll
keep=artifacts/fuzz-files
mkdir -p "$keep"

python3 - "$work" "$mutants" "$seed" specs/fixtures/scap/*.scap <<'PY'
import gzip, random, struct, sys
work, count, seed, fixtures = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
rng = random.Random(seed)
files = {}
for f in fixtures:
    raw = open(f, 'rb').read()
    files[f] = (raw, gzip.decompress(raw) if raw[:2] == b'\x1f\x8b' else raw)

def blocks(b):
    out, off = [], 0
    while off + 12 <= len(b):
        length = struct.unpack_from('<I', b, off + 4)[0]
        if length < 12 or off + length > len(b): break
        out.append((off, length)); off += length
    return out or [(0, max(len(b), 12))]

def huge_or_tiny():
    return rng.choice([rng.randint(0, 16), rng.randint(1 << 20, 1 << 30), rng.randint(0xFFFF0000, 0xFFFFFFFF), 0xFFFF])

def put(b, at, width, value):
    at = max(0, min(at, len(b) - width))
    b[at:at + width] = (value & (0xFFFF if width == 2 else 0xFFFFFFFF)).to_bytes(width, 'little')

def step(b, compressed):
    kinds = ['flip', 'truncate', 'duplicate', 'delete', 'concat'] + ([] if compressed else ['length', 'field', 'type'])
    kind = rng.choice(kinds)
    n = len(b)
    if kind == 'flip': b[rng.randrange(n)] ^= rng.randint(1, 255)
    elif kind == 'truncate': del b[rng.randrange(n):]
    elif kind == 'duplicate':
        s = rng.randrange(n); l = max(1, int(rng.random() * 0.2 * (n - s))); t = rng.randrange(n)
        b[t:t] = b[s:s + l]
    elif kind == 'delete':
        s = rng.randrange(n); del b[s:s + max(1, int(rng.random() * 0.2 * (n - s)))]
    elif kind == 'concat':
        other = files[rng.choice([f for f in fixtures if not compressed or files[f][0][:2] == b'\x1f\x8b'])]
        b += other[0] if compressed else other[1]
    else:
        off, length = rng.choice(blocks(b))
        if kind == 'length': put(b, off + (length - 4 if rng.random() < 0.5 else 4), 4, huge_or_tiny())
        elif kind == 'field': put(b, off + 8 + rng.randrange(max(1, length - 14)), rng.choice([2, 4]), huge_or_tiny())
        else: put(b, off, 4, rng.choice([0x0A0D0D0A, 0x201, 0x202, 0x203, 0x204, 0x205, 0x206, 0x207, 0x208, 0x211,
                                           0x215, 0x216, 0x217, 0x218, 0x219, 0x220, 0x221, 0x222, rng.getrandbits(32)]))
    return kind

for i in range(count):
    fixture = rng.choice(fixtures)
    raw, inflated = files[fixture]
    compressed = raw[:2] == b'\x1f\x8b' and rng.random() < 0.3
    b = bytearray(raw if compressed else inflated)
    for _ in range(rng.randint(1, 3)):
        if len(b) < 12: break
        step(b, compressed)
    open(f'{work}/m{i:05d}.scap', 'wb').write(b)
PY

if $in_process; then
    /usr/bin/time -f 'max RSS %M KiB, %e s' dotnet run -c Release scripts/fuzz-files-in-process.cs "$work" > /dev/null
    exit
fi

read_one() {
    local mutant=$1 mode rc rss
    for mode in -q -j; do
        rc=0
        /usr/bin/time -f '%M' -o "$mutant$mode.rss" timeout 30 dotnet "$capture" -r "$mutant" "$mode" >/dev/null 2>"$mutant$mode.err" || rc=$?
        rss=$(tail -n 1 "$mutant$mode.rss")
        if [ "$rc" = 124 ]; then echo "hang $mode $rss $mutant"
        elif [ "$rc" -gt 1 ] || grep -qE '^\s+at |Unhandled exception' "$mutant$mode.err"; then echo "crash $mode $rss $mutant"
        else echo "ok $mode $rss $mutant"; fi
    done
}
export -f read_one
export capture
start=$(date +%s)
results=$keep/results
ls "$work"/m*.scap | xargs -P 2 -I{} bash -c 'read_one {}' > "$results"
for bad in $(awk '$1 != "ok" { print $4 }' "$results" | sort -u); do
    cp "$bad" "$bad"-?.err "$keep/"
done
echo "$mutants mutants (seed $seed), $(wc -l < "$results") reads in $(( $(date +%s) - start )) s"
awk '{ n[$1]++; if ($3 > max) max = $3 } END { printf "ok %d, crashes %d, hangs %d, max RSS %d KiB\n", n["ok"], n["crash"], n["hang"], max }' "$results"
awk '$1 != "ok"' "$results" | sed "s|$work/|$keep/|"
