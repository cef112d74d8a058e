#!/usr/bin/env bash
# make publish / make publish-aot: release builds of dps_cloud_server (and dps-service) in artifacts/publish/.
#
#   scripts/publish.sh [TARGET...]      default: linux-x64 linux-arm64 linux-arm linux-x64-aot
#
#   linux-x64      artifacts/publish/linux-x64/dps_cloud_server      self-contained single file, trimmed
#                  artifacts/publish/linux-x64/dps-service           framework-dependent single file (needs the
#                                                                    ASP.NET Core 10 shared runtime)
#   linux-arm64    artifacts/publish/linux-arm64/dps_cloud_server    self-contained single file, trimmed,
#                                                                    ReadyToRun
#   linux-arm      artifacts/publish/linux-arm/dps_cloud_server      framework-dependent (needs the .NET 10
#                  runtime on the device): no linux-arm runtime pack nor apphost is served by our NuGet feed,
#                  so the folder holds dps_cloud_server.dll and a dps_cloud_server script running `dotnet` on it
#   linux-x64-aot  artifacts/publish/linux-x64-aot/dps_cloud_server  NativeAOT (needs gcc/clang to link)
#
# Symbols (.pdb, .dbg) stay next to each binary; the size table at the end counts the binary alone.
# Only the publish invocations below carry the publish properties: normal builds are not affected.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${PUBLISH_DIR:-artifacts/publish}
APP=examples/DpsCloudServer
SERVICE=src/Dps.Service
all=(linux-x64 linux-arm64 linux-arm linux-x64-aot)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

# Common to every publish: Release, no XML doc files next to the binaries.
common=(-c Release -nologo -v q -p:PublishDocumentationFiles=false -p:PublishReferencesDocumentationFiles=false)
single=(--self-contained true -p:PublishSingleFile=true -p:PublishTrimmed=true)

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
declare -A took

publish_target() {
  local target=$1 dir="$OUT/$1"
  rm -rf "$dir"
  case "$target" in
    linux-x64)
      dotnet publish "$APP" -r linux-x64 "${common[@]}" "${single[@]}" -o "$dir"
      dotnet publish "$SERVICE" -r linux-x64 "${common[@]}" --self-contained false \
        -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -o "$dir" ;;
    linux-arm64)
      # ReadyToRun: trimming drops the framework's precompiled code, and small ARM cores pay for every
      # method the JIT compiles (under qemu: 2.5x less CPU time until -Logged In, for 16 MiB more).
      dotnet publish "$APP" -r linux-arm64 "${common[@]}" "${single[@]}" -p:PublishReadyToRun=true -o "$dir" ;;
    linux-arm)
      # RID-neutral (no -r): a RID-specific restore would ask for the linux-arm runtime packs.
      dotnet publish "$APP" "${common[@]}" --self-contained false -p:UseAppHost=false -o "$dir"
      cat >"$dir/dps_cloud_server" <<'EOF'
#!/bin/sh
# Framework-dependent build: runs dps_cloud_server.dll on the installed .NET 10 runtime.
exec dotnet "$(dirname "$(readlink -f "$0")")/dps_cloud_server.dll" "$@"
EOF
      chmod +x "$dir/dps_cloud_server" ;;
    linux-x64-aot)
      command -v cc >/dev/null 2>&1 || command -v clang >/dev/null 2>&1 \
        || { echo "publish: NativeAOT needs a C toolchain (apt-get install gcc)" >&2; return 1; }
      dotnet publish "$APP" -r linux-x64 "${common[@]}" -p:PublishAot=true -o "$dir" ;;
    *)
      echo "publish: unknown target '$target' (known: ${all[*]})" >&2; return 2 ;;
  esac
}

for target in "${targets[@]}"; do
  echo "== publish $target"
  t=$(now_ms)
  publish_target "$target"
  took[$target]=$(( $(now_ms) - t ))
done

size_of() { [ -e "$1" ] && du -b "$1" | cut -f1 || echo 0; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
row() { printf '%-14s %-50s %10s %10s %8s\n' "$@"; }

echo
row target binary bytes size publish
for target in "${targets[@]}"; do
  secs="$(( ${took[$target]} / 1000 )) s"
  case "$target" in
    linux-arm)
      # Framework-dependent: the size of every .dll the folder holds (the runtime is not counted).
      bytes=$(find "$OUT/linux-arm" -name '*.dll' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
      bin="$OUT/linux-arm/*.dll" ;;
    *)
      bin="$OUT/$target/dps_cloud_server"; bytes=$(size_of "$bin") ;;
  esac
  [ "$bytes" -gt 0 ] || { echo "publish: $bin is missing" >&2; exit 1; }
  row "$target" "$bin" "$bytes" "$(mib "$bytes")" "$secs"
  if [ "$target" = linux-x64 ]; then
    bin="$OUT/linux-x64/dps-service"; bytes=$(size_of "$bin")
    [ "$bytes" -gt 0 ] || { echo "publish: $bin is missing" >&2; exit 1; }
    row "" "$bin" "$bytes" "$(mib "$bytes")" ""
  fi
done
