#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# The motivating case's own code, unmodified: extracts manualMainThread (from "#include
# <stdlib.h>" to the function's closing brace) from the seed thread at test time, adds an empty
# uart_term.h and a harness (NetWiFi_init, AWSIOT_display, main), compiles it against slsim
# INSTALLED into a temporary prefix (pkg-config slsim slsim-compat, default warnings: the code
# calls strlen through simplelink.h's <string.h> and passes literals to _i8 *), and runs it
# with the seed acceptance device: "sl_Connect fail: -468" with the playground catalog, silence
# (code 0) with a catalog listing the root. Nothing extracted is kept outside the temporary
# directory. Exit 77 when the seed file or mosquitto is absent.
# usage: seed_unmodified.sh SLSIM_CLI BUILD_DIR SEED_FILE
set -u
slsim=${1:?usage: seed_unmodified.sh SLSIM_CLI BUILD_DIR SEED_FILE}
build=${2:?usage: seed_unmodified.sh SLSIM_CLI BUILD_DIR SEED_FILE}
seed=${3:?usage: seed_unmodified.sh SLSIM_CLI BUILD_DIR SEED_FILE}
[ -f "$seed" ] || { echo "seed file '$seed' absent: skipped"; exit 77; }
command -v mosquitto >/dev/null 2>&1 || { echo "mosquitto not installed: skipped"; exit 77; }
here=$(cd "$(dirname "$0")" && pwd)
. "$here/seed_lib.sh"
w=$(mktemp -d)
trap 'seed_cleanup; rm -rf "$w"' EXIT
trap 'exit 1' INT TERM HUP

# 1. Extract the code: from '#include <stdlib.h>' through the closing brace of
#    'void *manualMainThread' (the thread's first reply follows the code block).
mkdir -p "$w/app"
awk '
    !on && /^[ \t]*#include <stdlib.h>/ { on = 1 }
    !on { next }
    { print }
    /void[ \t]*\*[ \t]*manualMainThread[ \t]*\(/ { infn = 1 }
    infn {
        n = split($0, ch, "")
        for (i = 1; i <= n; i++) {
            if (ch[i] == "{") { depth++; opened = 1 }
            else if (ch[i] == "}") { depth-- }
        }
        if (opened && depth == 0) { exit }
    }
' "$seed" >"$w/app/seed_main.c"
grep -q 'manualMainThread' "$w/app/seed_main.c" && tail -n 1 "$w/app/seed_main.c" | grep -q '^}' ||
    fail "could not extract manualMainThread from '$seed'"
: >"$w/app/uart_term.h" # the harness's own, empty: UART_PRINT is not used by the seed
cp "$here/seed_harness.c" "$w/app/harness.c"

# 2. Install slsim into a temporary prefix and compile against it.
cmake --install "$build" --prefix "$w/prefix" >/dev/null || fail "cmake --install"
libdir=$(ls -d "$w"/prefix/lib*/pkgconfig | head -n 1)
export PKG_CONFIG_PATH=$libdir
export LD_LIBRARY_PATH=$(dirname "$libdir")
# shellcheck disable=SC2046
# shellcheck disable=SC2086
cc ${CFLAGS:-} -o "$w/app/seed_app" -I"$w/app" "$w/app/seed_main.c" "$w/app/harness.c" \
    $(pkg-config --cflags --libs slsim-compat slsim) >"$w/compile.out" 2>&1 ||
    fail "the seed code does not compile against the installed headers"
echo "compiled the unmodified seed code ($(grep -c warning "$w/compile.out") compiler warnings)"

# The aws_iot_connect example against the same installation: its Makefile (pkg-config) and
# CMake's find_package(slsim) with slsim::slsim_compat.
ex=$here/../../../examples/aws_iot_connect
mkdir -p "$w/ex" "$w/excm"
cp "$ex"/*.c "$ex"/*.h "$ex/Makefile" "$w/ex/"
make -s -C "$w/ex" >"$w/make.out" 2>&1 || fail "examples/aws_iot_connect: make (pkg-config)"
cat >"$w/excm/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.25)
project(aws_iot_connect C)
find_package(slsim REQUIRED)
add_executable(aws_iot_connect $w/ex/aws_iot_connect.c $w/ex/host_main.c)
target_link_libraries(aws_iot_connect PRIVATE slsim::slsim_compat)
CMAKE
{ cmake -S "$w/excm" -B "$w/excm/build" -DCMAKE_PREFIX_PATH="$w/prefix" &&
    cmake --build "$w/excm/build"; } >"$w/cmake.out" 2>&1 ||
    fail "examples/aws_iot_connect: find_package(slsim) with slsim::slsim_compat"
echo "built examples/aws_iot_connect with pkg-config and with find_package"

# 3. Run it with the seed device.
seed_pki
seed_broker
seed_image
seed_device_json
timeout 60 "$slsim" run --device "$w/dev.json" -- "$w/app/seed_app" >"$w/pg.out" 2>&1
rc=$?
[ $rc -eq 0 ] || fail "seed app (playground) exited $rc"
grep -q '^sl_Connect fail: -468$' "$w/pg.out" || fail "seed app did not print 'sl_Connect fail: -468'"
echo "playground catalog: the seed prints 'sl_Connect fail: -468'"
SLSIM_DEVICE=$w/dev.json timeout 60 "$w/ex/aws_iot_connect" >"$w/ex.out" 2>&1 ||
    fail "installed aws_iot_connect (playground) failed"
grep -q ': -468 (connected, but the root CA is not in the catalog)$' "$w/ex.out" ||
    fail "installed aws_iot_connect did not report -468"

seed_install_root_catalog
timeout 60 "$slsim" run --device "$w/dev.json" --report "$w/report.txt" -- "$w/app/seed_app" \
    >"$w/prod.out" 2>&1
rc=$?
[ $rc -eq 0 ] || fail "seed app (root catalog) exited $rc"
if grep -q 'sl_Connect fail' "$w/prod.out"; then
    fail "seed app failed with the root in the catalog"
fi
grep -q "$(printf '\tcode=0\tname=SL_RET_CODE_OK\tconnected=yes')" "$w/report.txt" ||
    fail "no successful connect in the report"
echo "catalog with the root: sl_Connect 0"
echo "seed unmodified: ok"
