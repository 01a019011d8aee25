#!/usr/bin/env bash
# Packs the packages a .NET program embeds capture with, or a plugin is built against:
# Capture.Native (with the prebuilt eBPF probe inside its assembly), Capture.Plugins.Abstractions,
# Capture.Actors and Capture.Hosting (AddCapture). Project references become dependencies on
# the same version (Directory.Build.props holds it).
#
#   scripts/pack.sh [-o DIR] [-c CONFIGURATION] [other dotnet pack options: --no-build, --version-suffix X]
#
# DIR defaults to artifacts/packages, CONFIGURATION to Release. Building the packages runs clang
# (the probe is built like any build of the repository); a program that references them does not.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
output="$root/artifacts/packages"
configuration=Release
pass=()
while (($#)); do
  case "$1" in
    -o|--output) output="${2:?$1 needs a directory}"; shift 2 ;;
    -c|--configuration) configuration="${2:?$1 needs a configuration}"; shift 2 ;;
    *) pass+=("$1"); shift ;;
  esac
done

mkdir -p "$output"
# In dependency order, so that a failure names the lowest package that could not be made.
for project in Capture.Native Capture.Plugins.Abstractions Capture.Actors Capture.Hosting; do
  dotnet pack "$root/$project/$project.csproj" -c "$configuration" -o "$output" -nologo -v q "${pass[@]}"
done
echo "packages in $output:"
ls -1 "$output"/*.nupkg
