#!/usr/bin/env bash
# Every test: install what is needed, build, and run all spec projects.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
dotnet build capture.sln -c Release -v q -nologo
dotnet test capture.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"
