#!/usr/bin/env bash
# Checks one dps_cloud_server build: `--help` exits 0, then the device provisions against a dps-service
# on loopback until the cloud manager prints -Logged In and the hub lists the device, SIGHUP resets it and
# it provisions again with a new device id, SIGTERM stops it with exit code 0. Stops what it started.
#
#   scripts/provision-check.sh COMMAND [ARG...]
#       COMMAND [ARG...] starts the device, e.g. artifacts/publish/linux-x64-aot/dps_cloud_server or
#       qemu-aarch64-static -L /usr/aarch64-linux-gnu artifacts/publish/linux-arm64/dps_cloud_server
#
# Environment: CHECK_TIMEOUT (seconds per wait, default 120), CONFIG (default Release),
# DPS_SERVICE (a dps-service executable; default: dps-service built from src/Dps.Service).
# Prints one "check: <what> <seconds> s" line per step; exits non-zero with the reason on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: $0 COMMAND [ARG...]" >&2; exit 2; }
CONFIG=${CONFIG:-Release}
TIMEOUT=${CHECK_TIMEOUT:-120}
device=("$@")

scratch=$(mktemp -d "${TMPDIR:-/tmp}/dps-check.XXXXXX")
svc_pid=""
dev_pid=""
cleanup() {
  local status=$?
  [ -n "$dev_pid" ] && kill -TERM "$dev_pid" 2>/dev/null && wait "$dev_pid" 2>/dev/null || true
  [ -n "$svc_pid" ] && kill -TERM "$svc_pid" 2>/dev/null && wait "$svc_pid" 2>/dev/null || true
  if [ $status -ne 0 ]; then
    echo "--- dps_cloud_server output ---" >&2; tail -n 30 "$scratch/device.out" 2>/dev/null >&2 || true
    echo "--- dps_cloud_server log (stderr) ---" >&2; tail -n 30 "$scratch/device.err" 2>/dev/null >&2 || true
    echo "--- dps-service log (stderr) ---" >&2; tail -n 20 "$scratch/service.err" 2>/dev/null >&2 || true
  fi
  rm -rf "$scratch"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() { echo "check FAILED: $*" >&2; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
secs() { local ms=$(( $(now_ms) - $1 )); printf '%d.%03d' $(( ms / 1000 )) $(( ms % 1000 )); }

# wait_for FILE REGEX WHAT [COUNT]: until COUNT (default 1) lines of FILE match REGEX, while both live.
wait_for() {
  local deadline=$(( $(date +%s) + TIMEOUT ))
  while [ "$(grep -cE -e "$2" "$1" 2>/dev/null || true)" -lt "${4:-1}" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "no '$3' within ${TIMEOUT} s"
    [ -z "$dev_pid" ] || kill -0 "$dev_pid" 2>/dev/null || fail "dps_cloud_server exited (waiting for '$3')"
    kill -0 "$svc_pid" 2>/dev/null || fail "dps-service exited (waiting for '$3')"
    sleep 0.05
  done
}

if [ -n "${DPS_SERVICE:-}" ]; then
  service=("$DPS_SERVICE")
else
  dotnet build src/Dps.Service -c "$CONFIG" -nologo -v q >/dev/null || fail "build of dps-service"
  service=(dotnet "$PWD/src/Dps.Service/bin/$CONFIG/net10.0/dps-service.dll")
fi

t=$(now_ms)
timeout "$TIMEOUT" "${device[@]}" --help >"$scratch/help.out" 2>"$scratch/help.err" \
  || { cat "$scratch/help.err" >&2; fail "--help did not exit 0"; }
grep -q -- '--pki-dir' "$scratch/help.out" || fail "--help does not list the options"
echo "check: --help $(secs "$t") s"

"${service[@]}" init --dir "$scratch/service" >/dev/null || fail "dps-service init"
t=$(now_ms)
"${service[@]}" run --config "$scratch/service/dps-service.yaml" \
  --dps-listen 127.0.0.1:0 --hub-listen 127.0.0.1:0 --http-listen 127.0.0.1:0 \
  >"$scratch/service.out" 2>"$scratch/service.err" &
svc_pid=$!
wait_for "$scratch/service.out" '^http: ' "dps-service ready"
echo "check: dps-service ready $(secs "$t") s"
dps=$(sed -n 's/^dps: //p' "$scratch/service.out")
http=$(sed -n 's/^http: //p' "$scratch/service.out")

mkdir -p "$scratch/device"
t=$(now_ms)
"${device[@]}" --pki-dir "$scratch/service/pki_certs" --storage-dir "$scratch/device/creds" check-device "$dps" \
  >"$scratch/device.out" 2>"$scratch/device.err" &
dev_pid=$!
wait_for "$scratch/device.out" 'Started device with ID' "Started device with ID"
echo "check: device started $(secs "$t") s"
wait_for "$scratch/device.out" '-Logged In' "cloud -Logged In"
echo "check: provisioned, -Logged In $(secs "$t") s"
di=$(sed -n 's/.*Started device with ID: //p' "$scratch/device.out" | head -n 1)
curl -fsS "$http/api/v1/devices" | grep -q "$di" || fail "the hub does not list device $di"
echo "check: the hub lists device $di"

# SIGHUP: factory reset, then provisioning again with a new device id.
t=$(now_ms)
kill -HUP "$dev_pid"
wait_for "$scratch/device.out" 'Started device with ID' "a new device id after SIGHUP" 2
wait_for "$scratch/device.out" '-Logged In' "-Logged In after SIGHUP" 2
di2=$(sed -n 's/.*Started device with ID: //p' "$scratch/device.out" | tail -n 1)
[ "$di2" != "$di" ] || fail "the device id did not change after SIGHUP"
echo "check: SIGHUP, reset and provisioned again as $di2 $(secs "$t") s"

kill -TERM "$dev_pid"; wait "$dev_pid" || fail "dps_cloud_server did not stop cleanly on SIGTERM"; dev_pid=""
kill -TERM "$svc_pid"; wait "$svc_pid" || fail "dps-service did not stop cleanly"; svc_pid=""
echo "check: passed"
