#!/bin/sh
# Installs, with apt-get, the Debian 12 packages slsim needs that are not installed yet.
# Usage: scripts/deps.sh            (build + demo)
#        scripts/deps.sh --test     (also what the test suite needs)
set -eu

pkgs="build-essential cmake pkg-config libmbedtls-dev libcjson-dev openssl mosquitto mosquitto-clients"
if [ "${1:-}" = "--test" ]; then
    pkgs="$pkgs libcmocka-dev clang libclang-rt-14-dev clang-format valgrind python3"
fi

missing=""
for p in $pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -n "$missing" ]; then
    echo "deps: installing:$missing"
    if [ "$(id -u)" -ne 0 ]; then
        echo "deps: run as root (apt-get needs it), or install:$missing" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing
else
    echo "deps: all packages present"
fi
