#!/usr/bin/env bash
# publish-r2r.sh [OUT_DIR]
#
# Publishes capture ReadyToRun (framework-dependent, linux-x64) into OUT_DIR
# (/var/tmp/capture-r2r) for the VM guest, and prints the path of its capture.dll. The guest
# runs under TCG emulation, where JIT-compiling Akka and the pipeline at every start took
# ~150 s on a loaded host; precompiled code starts in a fraction of that (numbers in
# driver/kmod/README.md). The guest sees OUT_DIR through run-in-vm.sh --host-var-tmp.
#
# Publishing rebuilds from this tree's sources, so it is skipped when the sources' newest
# change is older than the last publish (a stamp file in OUT_DIR). Build options come from the
# project file (ReadyToRun whenever a runtime is given).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-/var/tmp/capture-r2r}
stamp=$out/.published

newest_source=$(find "$repo"/Capture.* "$repo"/Directory.* "$repo"/driver -newer "$stamp" -type f \
	\( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.c' -o -name '*.h' -o -name '*.json' \) \
	-not -path '*/bin/*' -not -path '*/obj/*' -print -quit 2>/dev/null || true)
if [[ ! -f "$stamp" || -n "$newest_source" ]]; then
	# One publish of Capture.Host at a time: they share its obj/ (scripts/publish.sh says why).
	mkdir -p "$repo/artifacts"
	rm -rf "$out.tmp"
	# ReadyToRun comes from Capture.Host.csproj (on whenever a runtime is given); a -p: here
	# would reach the referenced libraries and rebuild them into the bin/ the specs run from.
	flock -o "$repo/artifacts/.publish.lock" dotnet publish "$repo/Capture.Host" -c Release -r linux-x64 --self-contained false \
		-o "$out.tmp" -nologo -v q >"$out.log" 2>&1 ||
		{ echo "publish-r2r: dotnet publish failed, see $out.log" >&2; tail -20 "$out.log" >&2; exit 1; }
	rm -rf "$out" && mv "$out.tmp" "$out"
	touch "$stamp"
fi
echo "$out/capture.dll"
