# Shared by scripts/bench-e2e.sh and scripts/bench-fleet.sh (sourced): scratch dir, dps-service
# start/stop by PID, machine description. Expects CONFIG and fail().
scratch=$(mktemp -d "${TMPDIR:-/tmp}/dps-bench.XXXXXX")
svc_pid=""
service=(dotnet "src/Dps.Service/bin/$CONFIG/net10.0/dps-service.dll")
loadtest=(dotnet "tests/Dps.LoadTest/bin/$CONFIG/net10.0/Dps.LoadTest.dll")

stop_service() {
  if [ -n "$svc_pid" ]; then
    kill -TERM "$svc_pid" 2>/dev/null && wait "$svc_pid" 2>/dev/null || true
    svc_pid=""
  fi
}

cleanup() {
  local status=$?
  stop_service
  if [ $status -ne 0 ]; then
    echo "--- dps-service log (stderr, last lines) ---" >&2; tail -n 20 "$scratch/service.err" 2>/dev/null >&2 || true
  fi
  [ "${BENCH_KEEP_SCRATCH:-0}" = 1 ] && echo "scratch kept: $scratch" >&2 || rm -rf "$scratch"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_service: a fresh dps-service on free loopback ports; sets svc_pid, dps, hub, http.
start_service() {
  : >"$scratch/service.out"
  DPS_SERVICE_LOG_LEVEL=${DPS_SERVICE_LOG_LEVEL:-Warning} "${service[@]}" run --config "$scratch/service/dps-service.yaml" \
    --dps-listen 127.0.0.1:0 --hub-listen 127.0.0.1:0 --http-listen 127.0.0.1:0 \
    >"$scratch/service.out" 2>>"$scratch/service.err" &
  svc_pid=$!
  local deadline=$(( $(date +%s) + 60 ))
  until grep -q '^http: ' "$scratch/service.out"; do
    kill -0 "$svc_pid" 2>/dev/null || fail "dps-service exited at start"
    [ "$(date +%s)" -lt "$deadline" ] || fail "dps-service not ready within 60 s"
    sleep 0.05
  done
  dps=$(sed -n 's/^dps: //p' "$scratch/service.out")
  hub=$(sed -n 's/^hub: //p' "$scratch/service.out")
  http=$(sed -n 's/^http: //p' "$scratch/service.out")
}

init_service() {
  "${service[@]}" init --dir "$scratch/service" >/dev/null || fail "dps-service init"
}

# machine: one Markdown line describing where the figures come from.
machine() {
  local cpu mem
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}, $mem RAM, $(uname -sr), .NET SDK $(dotnet --version), load average $(cut -d' ' -f1-3 /proc/loadavg) at start, $(date -u '+%Y-%m-%d %H:%M UTC')."
}
