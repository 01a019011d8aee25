#!/usr/bin/env bash
# The main job: install what is needed, build, and run capture (live, until Ctrl-C, unless
# arguments say otherwise; they go to capture).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
# stdout is capture's alone (events, -j lines, a piped -w -): what the build says goes to
# stderr, so `./run.sh -j | head` reads events from the first line.
dotnet build capture.sln -c Release -v q -nologo >&2
exec dotnet Capture.Host/bin/Release/net10.0/capture.dll "$@"
