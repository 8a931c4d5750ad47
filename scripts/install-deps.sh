#!/usr/bin/env bash
# Installs the Debian 12 packages that Spoor needs to build, test and run, when any is missing.
# Runs apt-get only when something is missing; needs root (or sudo) in that case.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git ca-certificates
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev libgl-dev libegl-dev
    libsqlite3-dev nlohmann-json3-dev libtomlplusplus-dev zlib1g-dev libzstd-dev libre2-dev libsimdjson-dev
    xvfb xauth fonts-dejavu-core
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

echo "Installing missing Debian packages: ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
