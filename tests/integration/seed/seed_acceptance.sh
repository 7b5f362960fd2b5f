#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# The seed acceptance test: a device app in the motivating case's style (seed_style_app.c)
# connects to "a3joj5u9gv9t8f.iot.us-east-1.amazonaws.com:8883", which the device's DNS and
# remap send to a local mosquitto with mutual TLS whose certificate chains to a test root
# standing in for the cloud root. With the playground catalog sl_Connect returns -468 and the
# socket is usable (MQTT CONNACK); with a catalog listing the root it returns 0. Runs through
# `slsim run`, whose summary and exit status are checked too. Exit 77 without mosquitto.
# With EXAMPLE (examples/aws_iot_connect), the example reports the same codes.
# usage: seed_acceptance.sh SLSIM_CLI SEED_STYLE_APP [EXAMPLE]
set -u
slsim=${1:?usage: seed_acceptance.sh SLSIM_CLI SEED_STYLE_APP}
app=${2:?usage: seed_acceptance.sh SLSIM_CLI SEED_STYLE_APP}
example=${3:-}
. "$(dirname "$0")/seed_lib.sh"
w=$(mktemp -d)
trap 'seed_cleanup; rm -rf "$w"' EXIT
trap 'exit 1' INT TERM HUP

seed_pki
seed_broker
seed_image
seed_device_json

# 1. Playground catalog: -468, connected, the broker answers.
timeout 60 "$slsim" run --device "$w/dev.json" -- "$app" -468 >"$w/pg.out" 2>&1
rc=$?
[ $rc -eq 0 ] || fail "playground run exited $rc"
grep -q '^sl_Connect: -468$' "$w/pg.out" || fail "playground: no -468"
grep -q 'CONNACK: session present 0, return code 0' "$w/pg.out" || fail "playground: no CONNACK"
grep -q "127.0.0.1:8883 .*127.0.0.1:$port .*-468  SL_ERROR_BSD_ESECUNKNOWNROOTCA, connected with a warning" \
    "$w/pg.out" || fail "playground: summary line"
grep -q '^1 connection: 0 connected, 1 connected with a warning, 0 failed$' "$w/pg.out" ||
    fail "playground: summary totals"
echo "playground catalog: sl_Connect -468, CONNACK received"
if [ -n "$example" ]; then
    timeout 60 "$slsim" run --device "$w/dev.json" -- "$example" >"$w/ex_pg.out" 2>&1 ||
        fail "aws_iot_connect (playground) exited $?"
    grep -q ': -468 (connected, but the root CA is not in the catalog)$' "$w/ex_pg.out" ||
        fail "aws_iot_connect: no -468"
fi

# 2. Exit status pass-through: the app exits 1 when the code is not the expected one.
timeout 60 "$slsim" run --device "$w/dev.json" -- "$app" 0 >"$w/wrong.out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "pass-through: expected exit 1, got $rc"

# 3. A catalog that lists the root: 0.
seed_install_root_catalog
timeout 60 "$slsim" run --device "$w/dev.json" --report "$w/report.txt" -- "$app" 0 \
    >"$w/prod.out" 2>&1
rc=$?
[ $rc -eq 0 ] || fail "root catalog run exited $rc"
grep -q '^sl_Connect: 0$' "$w/prod.out" || fail "root catalog: no 0"
grep -q 'CONNACK: session present 0, return code 0' "$w/prod.out" || fail "root catalog: CONNACK"
grep -q "$(printf 'connect\tsd=[0-9]*\tto=127.0.0.1:8883\tvia=127.0.0.1:%s\tcode=0\tname=SL_RET_CODE_OK\tconnected=yes' "$port")" \
    "$w/report.txt" || fail "root catalog: report record"
echo "catalog with the root: sl_Connect 0, CONNACK received"
if [ -n "$example" ]; then
    timeout 60 "$slsim" run --device "$w/dev.json" -- "$example" >"$w/ex_prod.out" 2>&1 ||
        fail "aws_iot_connect (root catalog) exited $?"
    grep -q ': 0 (connected, server verified)$' "$w/ex_prod.out" || fail "aws_iot_connect: no 0"
    echo "examples/aws_iot_connect: -468, then 0"
fi
echo "seed acceptance: ok"
