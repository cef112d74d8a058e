#!/usr/bin/env bash
# make bench-fleet: the TLS handshake limit of .NET on this machine (no CoAP), then K in-process
# devices (own manufacturer certificate, own TLS connection) provisioning at once against one fresh
# dps-service process, for each K of FLEET_KS ("1 10 100 1000"). Prints a Markdown table and writes it
# to artifacts/bench/fleet.md. FLEET_TLS_SECONDS (10) is the TLS measurement window,
# FLEET_TIMEOUT (300) the seconds each K may take.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${CONFIG:-Release}
KS=${FLEET_KS:-1 10 100 1000}
TLS_SECONDS=${FLEET_TLS_SECONDS:-10}
fail() { echo "bench-fleet FAILED: $*" >&2; exit 1; }
source scripts/bench-common.sh

# 1000 devices hold a DPS and a hub connection each, on both ends: raise the descriptor limit.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge 4200 ] || echo "warning: open files limit $(ulimit -n) may be too low for K=1000" >&2

out=artifacts/bench/fleet.md
mkdir -p artifacts/bench
echo "== Building dps-service and the load test console" >&2
dotnet build src/Dps.Service -c "$CONFIG" -nologo -v q >/dev/null || fail "build of dps-service"
dotnet build tests/Dps.LoadTest -c "$CONFIG" -nologo -v q >/dev/null || fail "build of tests/Dps.LoadTest"
init_service

echo "== TLS 1.2 ECDHE-ECDSA P-256 handshake limit (${TLS_SECONDS} s)" >&2
"${loadtest[@]}" tls-limit --seconds "$TLS_SECONDS" --out "$scratch/tls-limit" >/dev/null || fail "tls-limit"
read -r limit tls_cpu < "$scratch/tls-limit"
"${loadtest[@]}" tls-limit --seconds "$TLS_SECONDS" --verify-chains true --out "$scratch/tls-chains" >/dev/null || fail "tls-limit with chains"
{
  echo "## bench-fleet"
  echo
  machine
  echo
  echo "TLS limit: $(tail -n 1 "$scratch/tls-limit" | sed 's/^tls-limit: //')"
  echo
  echo "The same with both certificate chains verified as the stack does: $(tail -n 1 "$scratch/tls-chains" | sed 's/^tls-limit[^:]*: //')"
  echo
  echo "| K | provisioned | logged in | retries | provisioned/s | p50 ms | p95 ms | p99 ms | logged in/s | login p50 / p95 ms | service CPU ms to provisioned / logged in (% of wall) | service RSS / peak MiB | load generator CPU ms | CPU ms per device (both sides) | of TLS limit: by rate / by CPU | load |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} | tee "$out"

status=0
for k in $KS; do
  echo "== K=$k devices" >&2
  start_service
  "${loadtest[@]}" fleet --service-dir "$scratch/service" --dps "$dps" --service-pid "$svc_pid" --k "$k" \
    --tls-limit "$limit" --tls-cpu "$tls_cpu" --timeout "${FLEET_TIMEOUT:-300}" --out "$out" || status=1
  stop_service
done
[ $status -eq 0 ] || fail "some devices did not provision or log in (see above)"
echo "figures written to $out" >&2
