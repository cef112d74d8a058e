#!/usr/bin/env bash
# make test-arm64: the linux-arm64 build of dps_cloud_server under qemu-user (qemu-aarch64-static) prints
# --help and provisions against an x64 dps-service on loopback until -Logged In. Stops what it started.
#
# Installs what is missing (root or sudo): qemu-user-static and, as Debian multiarch packages, the arm64
# libc, libstdc++ and libssl that the .NET runtime loads (TLS goes through OpenSSL, which no *-arm64-cross
# package ships; mixing libc6-arm64-cross's loader with multiarch libraries hangs the runtime, so the
# guest uses the multiarch set alone and qemu needs no -L prefix).
#
# Exits 0 when it passed, 77 when qemu cannot be installed here, anything else when it failed.
# Environment: ARM64_SKIP_PUBLISH=1 reuses artifacts/publish/linux-arm64; CHECK_TIMEOUT (seconds per
# wait, default 300: the JIT runs emulated). Ends with the time of each part and the total.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECK_TIMEOUT=${CHECK_TIMEOUT:-300}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
secs() { local ms=$(( $(now_ms) - $1 )); printf '%d.%d' $(( ms / 1000 )) $(( ms % 1000 / 100 )); }
start=$(now_ms)
timings=()

arm64_libs=(libc6:arm64 libstdc++6:arm64 libssl3:arm64)
missing() {
  command -v qemu-aarch64-static >/dev/null 2>&1 || return 0
  local lib
  for lib in "${arm64_libs[@]}"; do
    dpkg-query -W -f='${Status}' "$lib" 2>/dev/null | grep -q 'install ok installed' || return 0
  done
  return 1
}

# Exit code 77 (the automake convention for "skipped"): qemu and the arm64 libraries are not there
# and cannot be installed here.
cannot_install() { echo "test-arm64: skipped: $*" >&2; exit 77; }

t=$(now_ms)
if missing; then
  echo "== installing qemu-user-static and the arm64 libc, libstdc++, libssl (Debian multiarch)"
  command -v apt-get >/dev/null 2>&1 || cannot_install "no apt-get (Debian) to install qemu-user-static"
  if [ "$(id -u)" -eq 0 ]; then sudo=(); elif sudo -n true 2>/dev/null; then sudo=(sudo -n); else
    cannot_install "installing qemu-user-static needs root or password-less sudo"
  fi
  dpkg --print-foreign-architectures | grep -qx arm64 || "${sudo[@]}" dpkg --add-architecture arm64 \
    || cannot_install "dpkg --add-architecture arm64 failed"
  "${sudo[@]}" apt-get update -qq || cannot_install "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    -o DPkg::Lock::Timeout=300 qemu-user-static "${arm64_libs[@]}" >/dev/null \
    || cannot_install "apt-get install qemu-user-static ${arm64_libs[*]} failed"
fi
timings+=("install check/install: $(secs "$t") s")

bin=artifacts/publish/linux-arm64/dps_cloud_server
t=$(now_ms)
if [ "${ARM64_SKIP_PUBLISH:-0}" != 1 ] || [ ! -x "$bin" ]; then
  ./scripts/publish.sh linux-arm64
fi
timings+=("publish linux-arm64: $(secs "$t") s")

echo "== $bin under qemu-aarch64-static"
if command -v file >/dev/null 2>&1 && ! file -b "$bin" | grep -q aarch64; then
  echo "test-arm64: $bin is not an arm64 binary" >&2; exit 1
fi
t=$(now_ms)
./scripts/provision-check.sh qemu-aarch64-static "$bin"
timings+=("--help + provisioning under qemu: $(secs "$t") s")

echo
echo "test-arm64 passed"
for line in "${timings[@]}"; do echo "  $line"; done
echo "  total: $(secs "$start") s"
