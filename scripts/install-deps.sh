#!/usr/bin/env bash
# Installs the Debian packages listed in scripts/apt-packages.txt that are not installed yet.
# As root it runs apt-get directly, otherwise through sudo when sudo works without a password;
# when neither is possible it prints the one command that installs them and exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
while read -r pkg _; do
  [[ -z "${pkg}" || "${pkg}" == \#* ]] && continue
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done < scripts/apt-packages.txt
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "install-deps: missing Debian packages: ${missing[*]}" >&2
  echo "install-deps: run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
