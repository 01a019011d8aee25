#!/usr/bin/env bash
# Publishes capture as users get it, for linux-x64, in two parts (the Debian package,
# scripts/package-deb.sh, is this directory under /usr/lib/capture, and bench/run times
# start-up on it). Usage:
#   scripts/publish.sh OUTDIR        (prints OUTDIR; the command is OUTDIR/capture)
#
#   OUTDIR/capture     NativeAOT: one native file, no runtime to start, so `--version`, `-r`,
#                      `-l`/`-L`, `info` and every usage error answer in milliseconds.
#   OUTDIR/host/       the self-contained ReadyToRun publish (precompiled, see
#                      Capture.Host.csproj). Live capture and `serve` need the actor system and
#                      plugins, which NativeAOT cannot run; OUTDIR/capture replaces itself with
#                      OUTDIR/host/capture for them (execv: same pid, arguments, environment).
# Both are the same project and the same code; CaptureNativeAot=true selects the first.
#
# Left out: libcoreclrtraceptprovider.so (LTTng tracing; it links liblttng-ust, which capture
# has no use for, and the runtime runs without it: with it present every start tries to load
# it), the .pdb files and the native file's separate symbols (capture.dbg, 70 MB), and
# System.CommandLine's translated messages (capture speaks English).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: scripts/publish.sh OUTDIR}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

echo "publish: Capture.Host (NativeAOT, and self-contained ReadyToRun in host/, linux-x64) into $out" >&2
# Every publish of Capture.Host for linux-x64 shares obj/Release/net10.0/linux-x64 (crossgen
# writes its R2R/ there): two at once (the package spec and the VM spec's publish run in
# parallel) fail on each other's files, so they take turns (scripts/vm/publish-r2r.sh too).
# flock -o: the lock is not inherited by the build servers dotnet leaves running.
mkdir -p artifacts
# No other -p: properties here: they would reach the libraries Capture.Host references, which
# build without a runtime identifier into the same bin/ as ./run.sh's build, so each would be
# compiled again and overwritten (Capture.Host.csproj keeps CaptureNativeAot from them); what
# is not wanted is deleted afterwards.
rm -rf "$out/host"
flock -o artifacts/.publish.lock dotnet publish Capture.Host/Capture.Host.csproj -c Release -r linux-x64 --self-contained \
  -nologo -v q -o "$out/host" >&2
flock -o artifacts/.publish.lock dotnet publish Capture.Host/Capture.Host.csproj -c Release -r linux-x64 -p:CaptureNativeAot=true \
  -nologo -v q -o "$out" >&2
rm -f "$out/host/libcoreclrtraceptprovider.so" "$out"/*.pdb "$out/host"/*.pdb "$out/capture.dbg"
find "$out/host" -name '*.resources.dll' -delete
find "$out/host" -mindepth 1 -type d -empty -delete
echo "$out"
