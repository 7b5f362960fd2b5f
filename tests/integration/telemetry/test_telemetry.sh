#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# examples/telemetry and `slsim mqtt pub|sub` against a local mosquitto with mutual TLS (on a
# free loopback port, reached through the device's dns + remap as in the seed case):
#   1. telemetry for 3 s at 100 Hz (batches of 10, temperature every 5 s): mosquitto_sub must
#      count 31 messages +-10 %, on dt/<device>/accel and dt/<device>/temp, each valid JSON;
#   2. telemetry from a CSV file: the replayed values arrive;
#   3. slsim mqtt: -468 (playground catalog) fails with the hint, --accept-warnings connects,
#      pub -> sub round trip with --json and --count.
# Exit 77 without mosquitto / mosquitto_sub.
# usage: test_telemetry.sh SLSIM_CLI TELEMETRY BROKER_SH
set -u
slsim=${1:?usage}
telemetry=${2:?usage}
. "${3:?usage}"
command -v mosquitto >/dev/null 2>&1 && command -v mosquitto_sub >/dev/null 2>&1 ||
    { echo "mosquitto not installed: skipped"; exit 77; }
w=$(mktemp -d)
sub_pid=
cleanup() {
    [ -n "$sub_pid" ] && kill "$sub_pid" 2>/dev/null
    broker_stop
    rm -rf "$w"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
cd "$w" || exit 1
fail() {
    echo "FAIL: $*" >&2
    for f in "$w"/*.out "$w"/*.txt "$w"/mosquitto.log; do
        [ -f "$f" ] && { echo "--- $f" >&2; tail -n 20 "$f" >&2; }
    done
    exit 1
}
H=a3joj5u9gv9t8f.iot.us-east-1.amazonaws.com
TLS="--ca /cert/root-ca.crt --cert /cert/545acc1c00-certificate.crt --key /cert/545acc1c00-private.key"

"$slsim" pki issue pki --ca NONE --cn "Test Root" --name root --pem >/dev/null || fail "pki root"
"$slsim" pki issue pki --ca root --cn $H --name broker --dns $H --dns localhost --pem >/dev/null ||
    fail "pki broker"
"$slsim" pki issue pki --ca root --cn 545acc1c00 --name device --pem >/dev/null || fail "pki device"
"$slsim" pki issue pki --ca root --cn counter --name counter --pem >/dev/null || fail "pki counter"
"$slsim" pki playground pg >/dev/null || fail "pki playground"
"$slsim" catalog build root.lst --from-pem pki/root.pem >/dev/null || fail "catalog build"
broker_start "$w" "$w/pki/root.pem" "$w/pki/broker.pem" "$w/pki/broker-key.pem" ||
    fail "mosquitto did not start"

# make_device NAME CATALOG [SIG]: NAME.img and NAME.json
make_device() {
    "$slsim" image create "$1.img" >/dev/null || fail "image create $1"
    "$slsim" fs put "$1.img" pki/root /cert/root-ca.crt >/dev/null || fail "fs put"
    "$slsim" fs put "$1.img" pki/device /cert/545acc1c00-certificate.crt >/dev/null || fail "fs put"
    "$slsim" fs put "$1.img" pki/device-key /cert/545acc1c00-private.key >/dev/null || fail "fs put"
    if [ $# -eq 3 ]; then
        "$slsim" catalog install "$1.img" "$2" --signature "$3" >/dev/null || fail "install $2"
    else
        "$slsim" catalog install "$1.img" "$2" >/dev/null || fail "install $2"
    fi
    printf '{"image": "%s.img", "dns": {"%s": "127.0.0.1"}, "remap": {"127.0.0.1:8883": "127.0.0.1:%s"}}\n' \
        "$1" "$H" "$BROKER_PORT" >"$1.json"
}
make_device dev root.lst
make_device sub root.lst
make_device pg pg/certcatalogPlayGround.lst pg/certcatalogPlayGround.lst.sig

# counter ID OUT: mosquitto_sub in the background, subscribed before it returns
counter() {
    mosquitto_sub -h localhost -p "$BROKER_PORT" --cafile pki/root.pem --cert pki/counter.pem \
        --key pki/counter-key.pem -i "$1" -t 'dt/#' -v -W 60 >"$2" 2>"$1.err" &
    sub_pid=$!
    broker_wait_subscribed "$1" || fail "mosquitto_sub did not subscribe"
}
stop_counter() {
    sleep 0.5
    kill "$sub_pid" 2>/dev/null
    wait "$sub_pid" 2>/dev/null
    sub_pid=
}

# 1. 3 s at 100 Hz.
counter c1 recv1.txt
SLSIM_DEVICE=$w/dev.json timeout 60 "$telemetry" --seconds 3 --rate 100 >tele1.out 2>&1 ||
    fail "telemetry exited $?"
stop_counter
grep -q '^published 30 accel messages (300 samples) to dt/545acc1c00/accel and 1 temp' tele1.out ||
    fail "telemetry summary"
n=$(wc -l <recv1.txt)
[ "$n" -ge 28 ] && [ "$n" -le 34 ] || fail "received $n messages, expected 31 +-10%"
accel=$(grep -c '^dt/545acc1c00/accel {' recv1.txt)
temp=$(grep -c '^dt/545acc1c00/temp {' recv1.txt)
[ $((accel + temp)) -eq "$n" ] || fail "messages on other topics"
[ "$temp" -ge 1 ] || fail "no temperature message"
if command -v python3 >/dev/null 2>&1; then
    python3 - recv1.txt <<'PY' || fail "invalid JSON"
import json, sys
for line in open(sys.argv[1]):
    topic, payload = line.rstrip("\n").split(" ", 1)
    o = json.loads(payload)
    assert o["device"] == "545acc1c00"
    if topic.endswith("/accel"):
        assert o["rate_hz"] == 100 and len(o["samples"]) == 10
        assert all(len(s) == 3 for s in o["samples"])
    else:
        assert 15 < o["temp_c"] < 35
PY
fi
echo "telemetry: $n messages ($accel accel, $temp temp)"

# 2. CSV replay.
printf 't,ax,ay,az,temp\n0,0.125,-0.5,0.75,19.25\n0.01,0.25,0.5,1.5\n' >in.csv
counter c2 recv2.txt
SLSIM_DEVICE=$w/dev.json timeout 60 "$telemetry" --seconds 0.2 --csv in.csv >tele2.out 2>&1 ||
    fail "telemetry --csv exited $?"
stop_counter
grep -q '"samples":\[\[0.1250,-0.5000,0.7500\],\[0.2500,0.5000,1.5000\],\[0.1250' recv2.txt ||
    fail "csv samples"
grep -q '"temp_c":19.25' recv2.txt || fail "csv temperature"
echo "telemetry --csv: ok"

# 3. slsim mqtt.
# shellcheck disable=SC2086
"$slsim" mqtt pub --device pg.json --host $H $TLS --topic dt/x/y -m hi >pg.out 2>&1
rc=$?
[ $rc -eq 1 ] || fail "pub with the playground catalog: exit $rc, expected 1"
grep -q "sl_Connect = -468 SL_ERROR_BSD_ESECUNKNOWNROOTCA" pg.out || fail "no -468 message"
grep -q "use --accept-warnings or fix the catalog (slsim doctor $H:8883 --device pg.json --ca" pg.out ||
    fail "no hint"
# shellcheck disable=SC2086
"$slsim" mqtt pub --device pg.json --host $H $TLS --topic dt/x/y -m hi --accept-warnings --json \
    >pgw.out 2>pgw.err || fail "pub --accept-warnings exit $?"
grep -q '"sl_connect":	-468' pgw.out || fail "json sl_connect"
grep -q "warning: connected with sl_Connect = -468" pgw.err || fail "warning line"
# shellcheck disable=SC2086
timeout 60 "$slsim" mqtt sub --device sub.json --host $H $TLS --topic 'cli/#' --count 3 --json \
    --timeout 30 --qos 1 >sub.out 2>sub.err &
sub_pid=$!
broker_wait_subscribed "slsim-sub-$sub_pid" || true # the client id names the timeout's pid
i=0
while ! grep -q "cli/#" mosquitto.log && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
# shellcheck disable=SC2086
printf 'one\ntwo\n' | "$slsim" mqtt pub --device dev.json --host $H $TLS --topic cli/a -l --qos 1 \
    >pub.out 2>&1 || fail "pub -l exit $?"
grep -q "^published 2 messages to 'cli/a' (qos 1, 6 bytes, 2 acknowledged)$" pub.out || fail "pub summary"
printf '\377' >bin.dat
# shellcheck disable=SC2086
"$slsim" mqtt pub --device dev.json --host $H $TLS --topic cli/b -m "$(cat bin.dat)" >>pub.out 2>&1 ||
    fail "pub binary exit $?"
wait "$sub_pid"
rc=$?
sub_pid=
[ $rc -eq 0 ] || fail "sub exit $rc"
[ "$(sed -n 1p sub.out)" = '{"topic":"cli/a","qos":1,"retain":false,"payload":"one","encoding":"utf-8"}' ] ||
    fail "sub line 1"
[ "$(sed -n 3p sub.out)" = '{"topic":"cli/b","qos":0,"retain":false,"payload":"/w==","encoding":"base64"}' ] ||
    fail "sub line 3"
echo "slsim mqtt: ok"
