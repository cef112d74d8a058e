#!/usr/bin/env bash
# make bench-e2e: N fresh provisionings of dps_cloud_server against dps-service on loopback, each
# followed by a restart of the provisioned device, for the JIT (self-contained single file) and the
# NativeAOT build. Prints p50/p95 of every step, CPU and RSS (tests/Dps.LoadTest e2e) and writes them
# to artifacts/bench/e2e.md. E2E_N (30), E2E_IDLE_SAMPLES (3 runs of each kind wait 10 s for the idle
# RSS), E2E_BUILDS ("jit aot").
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${CONFIG:-Release}
N=${E2E_N:-30}
IDLE_SAMPLES=${E2E_IDLE_SAMPLES:-3}
BUILDS=${E2E_BUILDS:-jit aot}
fail() { echo "bench-e2e FAILED: $*" >&2; exit 1; }
source scripts/bench-common.sh

out=artifacts/bench/e2e.md
mkdir -p artifacts/bench
echo "== Building dps-service, the load test console and dps_cloud_server (the builds make publish ships: JIT single file, NativeAOT)" >&2
dotnet build src/Dps.Service -c "$CONFIG" -nologo -v q >/dev/null || fail "build of dps-service"
dotnet build tests/Dps.LoadTest -c "$CONFIG" -nologo -v q >/dev/null || fail "build of tests/Dps.LoadTest"
declare -A device=()
declare -A missing=()
for build in $BUILDS; do
  case $build in
    jit)
      if scripts/publish.sh linux-x64 >"$scratch/publish-jit.log" 2>&1; then
        device[jit]=artifacts/publish/linux-x64/dps_cloud_server
      else
        missing[jit]="publish failed: $(grep -m1 -E 'error' "$scratch/publish-jit.log" || tail -n 1 "$scratch/publish-jit.log")"
      fi ;;
    aot)
      if scripts/publish.sh linux-x64-aot >"$scratch/publish-aot.log" 2>&1; then
        device[aot]=artifacts/publish/linux-x64-aot/dps_cloud_server
      else
        missing[aot]="publish failed: $(grep -m1 -E 'error' "$scratch/publish-aot.log" || tail -n 1 "$scratch/publish-aot.log")"
      fi ;;
    *) fail "unknown build '$build' in E2E_BUILDS" ;;
  esac
done

init_service
start_service
{
  echo "## bench-e2e"
  echo
  machine
  echo "N=$N fresh provisionings (empty storage) and N restarts of the provisioned device, one process at a time; dps-service $dps."
  echo
} | tee "$out"

status=0
for build in $BUILDS; do
  label=$( [ "$build" = jit ] && echo "JIT (self-contained single file)" || echo "NativeAOT" )
  if [ -z "${device[$build]:-}" ]; then
    echo "$label: not available (${missing[$build]})" | tee -a "$out"; echo | tee -a "$out"; continue
  fi
  # A binary that does not even print its help is reported, not benchmarked.
  if ! "${device[$build]}" --help >"$scratch/help.out" 2>&1; then
    echo "$label: not available (--help fails: $(head -n 1 "$scratch/help.out"))" | tee -a "$out"; echo | tee -a "$out"; continue
  fi
  echo "== $label: $N provisionings" >&2
  "${loadtest[@]}" e2e --device "${device[$build]}" --label "$label" --pki "$scratch/service/pki_certs" \
    --dps "$dps" --http "$http" --work "$scratch/$build" --n "$N" --idle-samples "$IDLE_SAMPLES" --out "$out" || status=1
done
[ $status -eq 0 ] || fail "some device runs failed (see above)"
echo "figures written to $out" >&2
