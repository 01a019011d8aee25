#!/usr/bin/env bash
# Ends a test run's output with what matters when it is read from the bottom: each failed spec
# with its message, and one line of totals over every spec project.
set -euo pipefail
log="$1"
if grep -q '^  Failed ' "$log"; then
  echo
  echo "=== failed specs ==="
  # A failure's name, message and the first frames of its stack trace.
  awk '/^  Failed /{n=14} n-->0' "$log"
fi
awk '
  /^ *Passed: *[0-9]+$/  {passed += $2}
  /^ *Failed: *[0-9]+$/  {failed += $2}
  /^ *Skipped: *[0-9]+$/ {skipped += $2}
  /Test Run Aborted/     {aborted++}
  END {
    if (aborted) printf "%d spec project(s) aborted\n", aborted
    printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped
  }' "$log"
