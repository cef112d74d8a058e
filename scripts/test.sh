#!/usr/bin/env bash
# Runs every test project of Dps.sln and ends with one line: "N passed, N failed[, N skipped]".
# Extra arguments go to `dotnet test` (e.g. --filter "Category!=Integration").
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build Dps.sln -c Release -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }
dotnet test Dps.sln -c Release --no-build -nologo --blame-hang-timeout 10m "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# Summary lines look like: "Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, ..."
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- Failed:' "$log" | awk -F'[:,]' '
  { f += $2; p += $4; s += $6 } END { printf "%d %d %d\n", p, f, s }')
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then
  failed=1  # the run broke without a test failing (build, crash, hang): never report green
fi
if [ "${skipped:-0}" -gt 0 ]; then
  echo "${passed:-0} passed, ${failed:-0} failed, ${skipped} skipped"
else
  echo "${passed:-0} passed, ${failed:-0} failed"
fi
[ "$status" -eq 0 ] && [ "${failed:-0}" -eq 0 ]
