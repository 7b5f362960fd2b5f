#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# `slsim doctor --chain ... --json` (offline, no network, no openssl): a PKI made with
# `slsim pki`, an image with the playground catalog, and one case per code (0, -453, -454,
# -461, -468, -688, -722); each report must validate against docs/doctor.schema.json (and the
# contract rules of validate_doctor_json.py) and carry the expected code and exit status.
# Usage: doctor_json_schema.sh SLSIM SCHEMA VALIDATOR   (exit 77 without python3)
set -u
S=$1
SCHEMA=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
VALIDATE=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
command -v python3 >/dev/null 2>&1 || exit 77
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
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
cp dev.img ok.img
q "$S" catalog build root.lst --from-pem pki/root
q "$S" catalog install ok.img root.lst
echo '{ "image": "dev.img" }' >dev.json
echo '{ "image": "ok.img" }' >ok.json
echo '{ "image": "dev.img", "clock": "2040-01-01T00:00:00Z" }' >late.json

# case NAME EXPECTED_CODE EXPECTED_EXIT ARGS...
case_() {
    name=$1 want=$2 wexit=$3
    shift 3
    "$S" doctor --chain pki/localhost-chain.pem --json "$@" >"$name.json" 2>"$name.err"
    got=$?
    code=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["code"])' "$name.json")
    if [ "$got" != "$wexit" ] || [ "$code" != "$want" ]; then
        echo "FAIL $name: code $code exit $got (want $want, exit $wexit)"
        cat "$name.err"
        fail=1
    fi
    python3 "$VALIDATE" "$SCHEMA" "$name.json" || fail=1
}

case_ verified 0 0 --device ok.json --ca /cert/ca.der
case_ unknown_root -468 5 --device dev.json --ca /cert/ca.der
case_ no_ca -453 5 --device dev.json
case_ missing_ca -454 1 --device dev.json --ca /cert/nothing.der
case_ wrong_root -688 1 --device dev.json --ca /cert/wrong.der
case_ expired -461 5 --device late.json --ca /cert/ca.der
case_ domain -722 1 --device dev.json --ca /cert/ca.der --domain wrong.example
case_ catalogs -468 5 --device dev.json --ca /cert/ca.der --catalogs root.lst
python3 - "$T" <<'PY' || fail=1
import json, sys
d = sys.argv[1]
r = json.load(open(f"{d}/catalogs.json"))
assert r["catalog"]["others"][0]["root"] == "listed", r["catalog"]
cat = [f for f in r["findings"] if f["check"] == "catalog"][0]
assert cat["command"].endswith("root.lst") and "catalog install" in cat["command"], cat
w = json.load(open(f"{d}/wrong_root.json"))
assert w["expected_issuer"] == "CN=Doctor Root CA", w["expected_issuer"]
a = [f for f in w["findings"] if f["status"] == "fail"][0]
assert a["check"] == "anchor" and a["openssl"]["code"] == 19, a  # the chain ends self-signed
assert "Doctor Root CA" in a["command"], a["command"]
e = json.load(open(f"{d}/expired.json"))
t = [f for f in e["findings"] if f["status"] == "warn"][0]
assert t["mbedtls_flags"] == ["BADCERT_EXPIRED"] and t["openssl"]["code"] == 10, t
PY
[ "$fail" = 0 ] && echo "all doctor JSON reports valid"
exit "$fail"
