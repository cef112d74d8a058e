#!/usr/bin/env bash
# make demo: a local DPS + hub (dps-service) and dps_cloud_server provisioning against it.
# Shows every provisioning step with its time, the device online in the hub, /oic/d read through
# the hub, then a SIGHUP (factory reset) and the re-provisioning with a new device id.
# Stops everything it started. Exits non-zero, with the reason, if any part does not work.
# DEMO_KEEP_RUNNING=1 (make run) keeps both running until Ctrl+C after the first provisioning.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${CONFIG:-Release}
TIMEOUT=${DEMO_TIMEOUT:-60}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/dps-demo.XXXXXX")
svc_pid=""
dev_pid=""
cleanup() {
  local status=$?
  [ -n "$dev_pid" ] && kill -TERM "$dev_pid" 2>/dev/null && wait "$dev_pid" 2>/dev/null || true
  [ -n "$svc_pid" ] && kill -TERM "$svc_pid" 2>/dev/null && wait "$svc_pid" 2>/dev/null || true
  if [ $status -ne 0 ]; then
    echo "--- dps_cloud_server output ---" >&2; tail -n 40 "$scratch/device.log" 2>/dev/null >&2 || true
    echo "--- dps_cloud_server log (stderr) ---" >&2; tail -n 30 "$scratch/device.err" 2>/dev/null >&2 || true
    echo "--- dps-service log (stderr) ---" >&2; tail -n 30 "$scratch/service.err" 2>/dev/null >&2 || true
  fi
  [ "${DEMO_KEEP_SCRATCH:-0}" = 1 ] && echo "scratch kept: $scratch" >&2 || rm -rf "$scratch"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() { echo "demo FAILED: $*" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# wait_for FILE REGEX COUNT WHAT: until REGEX has matched COUNT lines of FILE.
wait_for() {
  local deadline=$(( $(date +%s) + TIMEOUT ))
  local n
  while n=$(grep -cE -e "$2" "$1" 2>/dev/null || true); [ "${n:-0}" -lt "$3" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "no '$4' within ${TIMEOUT} s"
    [ -z "$dev_pid" ] || kill -0 "$dev_pid" 2>/dev/null || fail "dps_cloud_server exited (waiting for '$4')"
    kill -0 "$svc_pid" 2>/dev/null || fail "dps-service exited (waiting for '$4')"
    sleep 0.05
  done
}

step "Building"
dotnet build src/Dps.Service -c "$CONFIG" -nologo -v q >/dev/null || fail "build of dps-service"
dotnet build examples/DpsCloudServer -c "$CONFIG" -nologo -v q >/dev/null || fail "build of dps_cloud_server"
service=(dotnet "src/Dps.Service/bin/$CONFIG/net10.0/dps-service.dll")
device=(dotnet "$PWD/examples/DpsCloudServer/bin/$CONFIG/net10.0/dps_cloud_server.dll")

step "dps-service init (development PKI, config, a device's pki_certs/)"
"${service[@]}" init --dir "$scratch/service" | sed 's/^/   /'

step "Starting dps-service"
"${service[@]}" run --config "$scratch/service/dps-service.yaml" \
  --dps-listen 127.0.0.1:0 --hub-listen 127.0.0.1:0 --http-listen 127.0.0.1:0 \
  >"$scratch/service.out" 2>"$scratch/service.err" &
svc_pid=$!
wait_for "$scratch/service.out" '^http: ' 1 "dps-service ready"
sed 's/^/   /' "$scratch/service.out"
dps=$(sed -n 's/^dps: //p' "$scratch/service.out")
http=$(sed -n 's/^http: //p' "$scratch/service.out")

# Device output, each line prefixed with the milliseconds since the device started.
start=$(now_ms)
stamp() { while IFS= read -r line; do printf '%6d %s\n' $(( $(now_ms) - start )) "$line"; done; }

step "Starting dps_cloud_server against $dps"
mkdir -p "$scratch/device"
(cd "$scratch/device" && exec "${device[@]}" --pki-dir "$scratch/service/pki_certs" --storage-dir "$scratch/device/creds" demo-device "$dps") \
  > >(stamp > "$scratch/device.log") 2>"$scratch/device.err" &
dev_pid=$!

# report_steps FROM_LINE: first time each flag appeared after line FROM_LINE of the device log
# (-Token Expiry: n counts once, with its first value).
report_steps() {
  tail -n +"$1" "$scratch/device.log" | awk '
    /Started device with ID/ { printf "   %6.3f s  %s\n", $1/1000, substr($0, index($0, $2)) }
    $2 ~ /^-/ { flag = substr($0, index($0, $2) + 1); key = flag; sub(/:.*/, "", key)
                if (!(key in seen)) { seen[key] = 1; printf "   %6.3f s  %s\n", $1/1000, flag } }'
}

wait_for "$scratch/device.log" '-Logged In' 1 "cloud -Logged In"
step "Provisioning steps (seconds since dps_cloud_server started)"
report_steps 1
di=$(sed -n 's/.*Started device with ID: //p' "$scratch/device.log" | head -n 1)
[ -n "$di" ] || fail "no device id printed"

step "The hub sees the device: GET $http/api/v1/devices"
devices=$(curl -fsS "$http/api/v1/devices") || fail "HTTP API did not answer"
echo "   $devices"
echo "$devices" | grep -q "$di" || fail "device $di is not listed by the hub"
step "/oic/d read through the hub: GET $http/api/v1/devices/$di/resources?href=/oic/d"
oicd=$(curl -fsS "$http/api/v1/devices/$di/resources?href=/oic/d") || fail "reading /oic/d through the hub failed"
echo "   $oicd"
echo "$oicd" | grep -q "demo-device" || fail "/oic/d does not carry the device name"

if [ "${DEMO_KEEP_RUNNING:-0}" = 1 ]; then
  step "Running until Ctrl+C (device log: status blocks as they come)"
  tail -f "$scratch/device.log" & tail_pid=$!
  wait "$dev_pid" || true
  kill "$tail_pid" 2>/dev/null || true
  exit 0
fi

step "SIGHUP to dps_cloud_server: factory reset and re-provisioning (seconds since it started)"
lines=$(wc -l < "$scratch/device.log")
kill -HUP "$dev_pid"
wait_for "$scratch/device.log" 'Started device with ID' 2 "a new device id after SIGHUP"
wait_for "$scratch/device.log" '-Logged In' 2 "cloud -Logged In after SIGHUP"
report_steps $(( lines + 1 ))
di2=$(sed -n 's/.*Started device with ID: //p' "$scratch/device.log" | tail -n 1)
[ "$di2" != "$di" ] || fail "the device id did not change after the reset"
echo "   device id: $di -> $di2"

step "Stopping"
kill -TERM "$dev_pid"; wait "$dev_pid" || fail "dps_cloud_server did not stop cleanly"; dev_pid=""
kill -TERM "$svc_pid"; wait "$svc_pid" || fail "dps-service did not stop cleanly"; svc_pid=""
echo "   both stopped"
printf '\ndemo passed\n'
