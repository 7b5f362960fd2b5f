#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# The end-to-end demo (README command 1 runs it after the build): the support thread slsim
# started from, reproduced and fixed on one machine, then telemetry over the same connection.
#   - a demo PKI: a root standing in for the cloud root, a broker certificate for the AWS IoT
#     host name of the thread, the device certificate and key under the thread's file names;
#   - mosquitto with mutual TLS on a free loopback port; the device's dns/remap send the AWS
#     host name there;
#   1. the device with the playground catalog: sl_Connect = -468, and `slsim doctor` says why;
#   2. a catalog that lists the root installed: 0;
#   3. examples/telemetry publishes for a few seconds while mosquitto_sub counts the messages.
# Everything it starts is stopped, and its temporary directory removed, on every exit path.
# Usage: scripts/demo.sh [BUILD_DIR]   (default: build)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-build}" && pwd)
slsim=$build/slsim
connect_app=$build/examples/aws_iot_connect/aws_iot_connect
telemetry=$build/examples/telemetry/telemetry
seconds=${SLSIM_DEMO_SECONDS:-3}
for f in "$slsim" "$connect_app" "$telemetry"; do
    [ -x "$f" ] || { echo "demo: '$f' is not built (cmake --build $build)" >&2; exit 1; }
done
for p in mosquitto mosquitto_sub perl; do
    command -v "$p" >/dev/null 2>&1 || { echo "demo: '$p' is missing (sh scripts/deps.sh)" >&2; exit 1; }
done

. "$here/broker.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/slsim-demo.XXXXXX")
sub_pid=
cleanup() {
    [ -n "$sub_pid" ] && kill "$sub_pid" 2>/dev/null || true
    broker_stop
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
cd "$work"

H=a3joj5u9gv9t8f.iot.us-east-1.amazonaws.com
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
say() { printf '\033[1m$ %s\033[0m\n' "$*"; }
run() { say "$*"; "$@"; }
quiet() { say "$*"; "$@" >/dev/null; }
# run_rc WANT command...: shows the command and its output, and checks its exit status.
run_rc() {
    want=$1
    shift
    say "$*"
    rc=0
    "$@" || rc=$?
    echo "[exit $rc]"
    [ "$rc" -eq "$want" ] || { echo "demo: expected exit $want, got $rc" >&2; exit 1; }
}
slsim() { "$slsim" "$@"; }

echo "slsim demo in $work (slsim = $slsim)"

step "A demo PKI: a root standing in for the cloud root, the broker's and the device's certificates"
quiet slsim pki issue pki --ca NONE --cn "Demo Cloud Root CA" --name demo-root --days 3650 --pem
quiet slsim pki issue pki --ca demo-root --cn $H --name broker --dns $H --dns localhost --pem
quiet slsim pki issue pki --ca demo-root --cn 545acc1c00 --name device --pem
quiet slsim pki issue pki --ca demo-root --cn demo-counter --name counter --pem
quiet slsim pki playground pg
ls pki pg | tr '\n' ' '
echo

step "mosquitto with mutual TLS on a free loopback port"
broker_start "$work" "$work/pki/demo-root.pem" "$work/pki/broker.pem" "$work/pki/broker-key.pem" ||
    { cat "$work/mosquitto.log" >&2; echo "demo: mosquitto did not start" >&2; exit 1; }
echo "mosquitto pid $BROKER_PID listening on 127.0.0.1:$BROKER_PORT (client certificate required)"

step "The device: image, the thread's file names, the playground catalog, dns + remap"
quiet slsim image create dev.img --profile cc3220s
run slsim fs put dev.img pki/demo-root /cert/root-ca.crt
run slsim fs put dev.img pki/device /cert/545acc1c00-certificate.crt
run slsim fs put dev.img pki/device-key /cert/545acc1c00-private.key
run slsim catalog install dev.img pg/certcatalogPlayGround.lst --signature pg/certcatalogPlayGround.lst.sig
cat >dev.json <<JSON
{
  "image": "dev.img",
  "profile": "cc3220s",
  "dns": { "$H": "127.0.0.1" },
  "remap": { "127.0.0.1:8883": "127.0.0.1:$BROKER_PORT" }
}
JSON
say "cat dev.json"
cat dev.json

step "1. The seed app with the playground catalog: -468"
"$slsim" run --device dev.json -- "$connect_app" >run1.out 2>&1 || { cat run1.out; exit 1; }
say "slsim run --device dev.json -- $connect_app"
cat run1.out
grep -q ': -468 (connected, but the root CA is not in the catalog)$' run1.out ||
    { echo "demo: expected -468 with the playground catalog" >&2; exit 1; }
TLS="--ca /cert/root-ca.crt --cert /cert/545acc1c00-certificate.crt --key /cert/545acc1c00-private.key"
# shellcheck disable=SC2086
run_rc 1 slsim mqtt pub --device dev.json --host $H $TLS --topic dt/545acc1c00/hello -m hi
step "   slsim doctor explains it"
# shellcheck disable=SC2086
run_rc 5 slsim doctor $H:8883 --device dev.json $TLS

step "2. Install a catalog that lists the root: 0"
run slsim catalog build prod.lst --from-pem pki/demo-root.pem
run slsim catalog install dev.img prod.lst
"$slsim" run --device dev.json -- "$connect_app" >run2.out 2>&1 || { cat run2.out; exit 1; }
say "slsim run --device dev.json -- $connect_app"
cat run2.out
grep -q ': 0 (connected, server verified)$' run2.out ||
    { echo "demo: expected 0 with the root in the catalog" >&2; exit 1; }
# shellcheck disable=SC2086
run slsim mqtt pub --device dev.json --host $H $TLS --topic dt/545acc1c00/hello -m hi --qos 1

step "3. Telemetry for $seconds s (100 Hz accelerometer in batches of 10, temperature every 5 s)"
say "mosquitto_sub -h localhost -p $BROKER_PORT ... -t 'dt/#' -v > received.txt &"
mosquitto_sub -h localhost -p "$BROKER_PORT" --cafile pki/demo-root.pem --cert pki/counter.pem \
    --key pki/counter-key.pem -i demo-counter -t 'dt/#' -q 1 -v -W $((seconds + 30)) \
    >received.txt 2>sub.err &
sub_pid=$!
broker_wait_subscribed demo-counter || { cat sub.err >&2; echo "demo: mosquitto_sub did not subscribe" >&2; exit 1; }
run slsim run --device dev.json -- "$telemetry" --seconds "$seconds"
sleep 0.5
kill "$sub_pid" 2>/dev/null || true
wait "$sub_pid" 2>/dev/null || true
sub_pid=
received=$(grep -c '^dt/545acc1c00/' received.txt || true)
say "head -n 2 received.txt; grep -c ^dt/545acc1c00/ received.txt"
head -n 2 received.txt | cut -c 1-150
grep '^dt/545acc1c00/temp ' received.txt | head -n 1
accel=$(grep -c '^dt/545acc1c00/accel ' received.txt || true)
temp=$(grep -c '^dt/545acc1c00/temp ' received.txt || true)
echo "mosquitto_sub received $received messages: $accel on dt/545acc1c00/accel, $temp on dt/545acc1c00/temp"
[ "$received" -gt 0 ] || { echo "demo: no telemetry received" >&2; exit 1; }

echo
echo "demo finished: -468 with the playground catalog (explained by slsim doctor), 0 after" \
    "installing a catalog that lists the root, $received telemetry messages received"
