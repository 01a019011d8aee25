#!/usr/bin/env python3
"""mkbigscap.py IN.scap OUT.scap REPEAT — a large, valid scap file for read benchmarks.

Copies every non-event block of IN once, then writes IN's event blocks REPEAT times, each
copy shifted in time past the previous one so the file stays in timestamp order, and with
its thread ids moved to a range of its own (libs' reader fails when an enter event left
unpaired at the end of one copy meets the same thread's enter event in the next).
IN must be uncompressed and little-endian with v2 event blocks (0x216).

The same script as ../shared/anchor/mkbigscap.py, kept here so that bench/run can make the file
that issue 17's start-up goal names: libs-sample-2023.scap (572 events) x 1000 = 572,000 events,
the same bytes every time (sha256 5c25bdf8...). bench/run writes it outside the repository."""
import struct, sys

EV_V2 = 0x216
TID_STRIDE = 1 << 22  # above any real Linux pid (pid_max is at most 2^22)
src, dst, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(src, "rb").read()
blocks, off = [], 0
while off + 12 <= len(data):
    btype, blen = struct.unpack_from("<II", data, off)
    if blen < 12 or off + blen > len(data):
        break
    blocks.append((btype, data[off:off + blen]))
    off += blen
head = [b for t, b in blocks if t != EV_V2]
events = [b for t, b in blocks if t == EV_V2]
# event block: type u32, len u32, cpuid u16, then the event header (ts u64 at +10)
ts = [struct.unpack_from("<Q", b, 10)[0] for b in events]
span = max(ts) - min(ts) + 1000
with open(dst, "wb") as out:
    for b in head:
        out.write(b)
    for r in range(repeat):
        shift = r * span
        for b, t in zip(events, ts):
            nb = bytearray(b)
            struct.pack_into("<Q", nb, 10, t + shift)
            if r and struct.unpack_from("<Q", nb, 18)[0] < (1 << 32):
                tid = struct.unpack_from("<Q", nb, 18)[0]
                struct.pack_into("<Q", nb, 18, tid + r * TID_STRIDE)
            out.write(nb)
print(f"{len(head)} header blocks, {len(events)} events x {repeat} = {len(events) * repeat} events")
