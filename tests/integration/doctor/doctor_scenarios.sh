#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# `slsim doctor` against `openssl s_server` on loopback, with a PKI made by `slsim pki`:
#   seed   playground catalog + server chaining to another root, CA file = that root
#          -> -468, connected, failing check "catalog", fix names the catalog to install (exit 5)
#   wrong  CA file = the playground root -> -688, fix names the expected issuer (exit 1)
#   late   device clock 2040 (configuration "clock") -> -461, BADCERT_EXPIRED, openssl 10 (exit 5)
#   domain --domain wrong.example -> -722, openssl 62 (exit 1)
#   no-ca  no --ca -> -453 (exit 5)
#   mqtt   --mqtt: s_server closes without CONNACK -> classified (exit 1)
# each in text and JSON (validated against docs/doctor.schema.json); and offline --chain with
# the chain saved by `openssl s_client -showcerts` gives the same findings as online.
# Usage: doctor_scenarios.sh SLSIM SCHEMA VALIDATOR. Exit 77 without openssl or python3.
set -u
S=$1
SCHEMA=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
VALIDATE=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
command -v openssl >/dev/null 2>&1 || exit 77
command -v python3 >/dev/null 2>&1 || exit 77
T=$(mktemp -d)
SPID=
cleanup() {
    [ -n "$SPID" ] && kill "$SPID" 2>/dev/null && wait "$SPID" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT INT TERM
cd "$T" || exit 1
fail=0
q() { "$@" >/dev/null 2>&1 || { echo "setup failed: $*"; exit 1; }; }

q "$S" pki playground pg
q "$S" pki issue pki --ca NONE --cn "Doctor Root CA" --name root --pem
q "$S" pki issue pki --ca root --cn localhost --dns localhost --pem
q "$S" image create dev.img
q "$S" catalog install dev.img pg/certcatalogPlayGround.lst --signature pg/certcatalogPlayGround.lst.sig
q "$S" fs put dev.img pki/root /cert/ca.der
q "$S" fs put dev.img pg/dummy-root-ca-cert /cert/wrong.der
echo '{ "image": "dev.img" }' >dev.json
echo '{ "image": "dev.img", "clock": "2040-01-01T00:00:00Z" }' >late-dev.json

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
openssl s_server -accept "127.0.0.1:$PORT" -cert pki/localhost.pem -key pki/localhost-key.pem \
    -quiet </dev/null >server.log 2>&1 &
SPID=$!
i=0
until python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$PORT),1)" 2>/dev/null; do
    i=$((i + 1))
    [ $i -gt 50 ] && { echo "s_server did not start"; cat server.log; exit 1; }
    sleep 0.1
done

# run NAME EXIT CODE -- ARGS: text and JSON, exit codes, code, schema
run() {
    name=$1 wexit=$2 want=$3
    shift 3
    timeout 30 "$S" doctor "$@" >"$name.txt" 2>&1
    e1=$?
    timeout 30 "$S" doctor "$@" --json >"$name.json" 2>"$name.err"
    e2=$?
    if [ "$e1" != "$wexit" ] || [ "$e2" != "$wexit" ]; then
        echo "FAIL $name: exit $e1 (text) $e2 (json), want $wexit"
        cat "$name.txt" "$name.err"
        fail=1
    fi
    head -1 "$name.txt" | grep -q "^sl_Connect = $want " ||
        { echo "FAIL $name: verdict: $(head -1 "$name.txt")"; fail=1; }
    python3 "$VALIDATE" "$SCHEMA" "$name.json" || fail=1
}
expect() { # expect NAME PATTERN (in the text report)
    grep -q -- "$2" "$1.txt" || { echo "FAIL $1: no '$2' in the text report"; fail=1; }
}

run seed 5 -468 "localhost:$PORT" --device dev.json --ca /cert/ca.der
expect seed "connected, but the root CA is not in the device's catalog"
expect seed "warn  catalog"
expect seed "catalog    playground"
expect seed "cause     the device has the playground catalog"
expect seed "command   .*slsim catalog install dev.img root.lst"
expect seed "or        slsim catalog install dev.img certcatalog20190217.lst"
expect seed "openssl   20 unable to get local issuer certificate"
run wrong 1 -688 "localhost:$PORT" --device dev.json --ca /cert/wrong.der
expect wrong "fail  anchor"
expect wrong "ISSUER = 'CN=Doctor Root CA'"
run late 5 -461 "localhost:$PORT" --device late-dev.json --ca /cert/ca.der
expect late "BADCERT_EXPIRED"
expect late "openssl   10 certificate has expired"
run domain 1 -722 "localhost:$PORT" --device dev.json --ca /cert/ca.der --domain wrong.example
expect domain "openssl   62 hostname mismatch"
expect domain "sni wrong.example"
run noca 5 -453 "localhost:$PORT" --device dev.json
expect noca "warn  no-ca"
run mqtt 1 -468 "localhost:$PORT" --device dev.json --ca /cert/ca.der --mqtt doctor-test
expect mqtt "mqtt       fail: the server closed the connection without CONNACK"

# offline: the chain as the server sends it, saved by s_client, gives the same findings
openssl s_client -connect "127.0.0.1:$PORT" -showcerts </dev/null 2>/dev/null |
    sed -n '/BEGIN CERT/,/END CERT/p' >saved.pem
for c in seed wrong late domain noca; do
    args=$(case $c in
        seed) echo "--device dev.json --ca /cert/ca.der" ;;
        wrong) echo "--device dev.json --ca /cert/wrong.der" ;;
        late) echo "--device late-dev.json --ca /cert/ca.der" ;;
        domain) echo "--device dev.json --ca /cert/ca.der --domain wrong.example" ;;
        noca) echo "--device dev.json" ;;
        esac)
    # shellcheck disable=SC2086
    timeout 30 "$S" doctor --chain saved.pem $args --json >"off-$c.json" 2>/dev/null
    python3 - "$c.json" "off-$c.json" <<'PY' || { echo "FAIL offline $c differs"; fail=1; }
import json, sys
on, off = (json.load(open(p)) for p in sys.argv[1:3])
skip = {"sockets", "handshake"}  # offline opens no socket
key = lambda r: [(f["check"], f["status"], f["code"], f["mbedtls_flags"], f["cert_index"],
                  f["reason"]) for f in r["findings"] if f["check"] not in skip]
assert on["code"] == off["code"] and on["connected"] == off["connected"], (on["code"], off["code"])
a, b = key(on), key(off)
assert a == b, "\n".join(str(x) for x in zip(a, b) if x[0] != x[1])
PY
done
[ "$fail" = 0 ] && echo "all doctor scenarios passed"
exit "$fail"
