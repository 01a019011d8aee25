#!/usr/bin/env bash
# Coverage-guided fuzzing of the scap reader for SECONDS (default 900): installs AFL++ (apt)
# and the SharpFuzz instrumenter (dotnet tool) when missing, publishes this target,
# instruments Capture.Native.dll, seeds AFL with small captures cut from the fixtures (and one
# gzipped) and runs afl-fuzz. Findings go to artifacts/file-fuzz/findings/default/crashes
# and hangs; a crasher there reproduces with `dotnet artifacts/file-fuzz/bin/FileFuzz.dll < FILE`.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-900}
out=artifacts/file-fuzz
command -v afl-fuzz >/dev/null || apt-get install -y afl++
export PATH="$PATH:$HOME/.dotnet/tools"
command -v sharpfuzz >/dev/null || dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0

# A fresh copy each time: sharpfuzz refuses an assembly it has already instrumented.
rm -rf "$out/bin"
dotnet publish tools/FileFuzz/FileFuzz.csproj -c Release -o "$out/bin" -v q -nologo
sharpfuzz "$out/bin/Capture.Native.dll"

# AFL wants small seeds: each fixture without its process and fd lists, up to its 30th event.
rm -rf "$out/seeds"
mkdir -p "$out/seeds"
python3 - "$out/seeds" specs/fixtures/scap/*.scap <<'PY'
import gzip, struct, sys
seeds, fixtures = sys.argv[1], sys.argv[2:]
lists = {0x202, 0x207, 0x209, 0x210, 0x211, 0x212, 0x213, 0x214, 0x215, 0x203, 0x218}
for f in fixtures:
    data = open(f, 'rb').read()
    if data[:2] == b'\x1f\x8b': data = gzip.decompress(data)
    seed, off, events = bytearray(), 0, 0
    while off < len(data) and events < 30:
        kind, length = struct.unpack_from('<II', data, off)
        if kind not in lists: seed += data[off:off + length]
        events += kind in {0x204, 0x208, 0x216, 0x217, 0x221, 0x222}
        off += length
    name = f.rsplit('/', 1)[1]
    open(f'{seeds}/{name}', 'wb').write(seed)
open(f'{seeds}/gzipped.scap', 'wb').write(gzip.compress(seed))
PY

# The target is not an AFL-compiled binary (SharpFuzz speaks the fork-server protocol
# itself), the machine's core_pattern and CPU governor are not ours to change, and a shared
# machine has no free core to pin.
export AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1
afl-fuzz -i "$out/seeds" -o "$out/findings" -V "$seconds" -t 5000 -m none -- dotnet "$out/bin/FileFuzz.dll"
echo "crashes: $(find "$out/findings/default/crashes" -type f -name 'id:*' | wc -l), hangs: $(find "$out/findings/default/hangs" -type f -name 'id:*' | wc -l)"
