#!/usr/bin/env bash
# build.sh HEADERS_DIR [OUT_DIR]
#
# Builds the kernel module (capture.ko) and its test reader against a kernel's kbuild headers
# (for the VM's kernel: scripts/vm/kmod-headers.sh prints the directory), outside the
# repository: OUT_DIR (default /var/tmp/capture-kmod) gets
#   src/        the kbuild tree: links to driver/kmod's sources, include/{abi,shared} linked to
#               driver/abi and driver/shared, include/generated with capture_schema.h (from
#               driver/schema by tools/SchemaGen, as the .NET build makes it) and
#               capture_syscalls.h (driver/modern/gen-syscalls.sh)
#   capture.ko  the module
#   reader      driver/kmod/test/reader.c
#   ring_test   driver/kmod/test/ring_test.c: the ring producer over a byte array, run here
# Nothing is written into the repository but tools/SchemaGen's own (ignored) bin/ and obj/.
set -euo pipefail

[[ $# -ge 1 && -f "$1/Makefile" ]] || { echo "usage: $0 HEADERS_DIR [OUT_DIR]  (HEADERS_DIR: a kernel's kbuild dir, with Makefile)" >&2; exit 2; }
headers=$(cd "$1" && pwd)
out=${2:-/var/tmp/capture-kmod}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

mkdir -p "$out/src/include/generated"
src=$(cd "$out/src" && pwd)
for f in "$here"/*.c "$here"/*.h "$here"/Kbuild; do ln -sfn "$f" "$src/$(basename "$f")"; done
ln -sfn "$repo/driver/abi" "$src/include/abi"
ln -sfn "$repo/driver/shared" "$src/include/shared"

gen=$src/include/generated
dotnet run --project "$repo/tools/SchemaGen" -c Release -v q -- "$repo/driver/schema" "$gen/EventTable.g.cs" "$gen/capture_schema.h.new" >/dev/null
cmp -s "$gen/capture_schema.h.new" "$gen/capture_schema.h" 2>/dev/null && rm "$gen/capture_schema.h.new" || mv "$gen/capture_schema.h.new" "$gen/capture_schema.h"
bash "$repo/driver/modern/gen-syscalls.sh" /usr/include/x86_64-linux-gnu/asm/unistd_64.h \
	"$repo/driver/schema/syscalls.schema" "$gen/capture_syscalls.h" "$gen/NativeSyscalls.g.cs"

make -C "$headers" M="$src" modules
cp "$src/capture.ko" "$out/capture.ko"

gcc -std=gnu11 -O2 -Wall -Werror -I "$repo/driver/abi" -I "$gen" -o "$out/reader" "$here/test/reader.c"
gcc -std=gnu11 -O2 -Wall -Werror -I "$repo/driver/abi" -I "$here" -o "$out/ring_test" "$here/test/ring_test.c"
"$out/ring_test"
echo "build.sh: $out/capture.ko, $out/reader"
