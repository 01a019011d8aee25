#!/usr/bin/env bash
# Every test: install what is needed, build, and run all spec projects.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
dotnet build capture.sln -c Release -v q -nologo
mkdir -p artifacts
log=artifacts/test-output.log
# One spec project at a time (-m:1): the kernel specs load both CPUs, and the pipeline specs
# should not have to share them with that load.
status=0
dotnet test capture.sln -c Release --no-build -nologo -m:1 --logger "console;verbosity=normal" "$@" \
  2>&1 | tee "$log" || status=$?
scripts/test-summary.sh "$log"
exit "$status"
