#!/usr/bin/env bash
# The main job: install what is needed, build, and run capture (live, until Ctrl-C, unless
# arguments say otherwise; they go to capture).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
dotnet build capture.sln -c Release -v q -nologo
exec dotnet Capture.Host/bin/Release/net10.0/capture.dll "$@"
