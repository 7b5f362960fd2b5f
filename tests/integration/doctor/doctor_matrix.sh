#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# `slsim doctor` for every row of reference nwp-behaviour.md D.1 that loopback can produce,
# reusing the bad-server matrix's recipes (tests/integration/matrix) as shell: `openssl s_server`
# with full, leaf-only, cross-signed and Google-shaped chains, one that requires a client
# certificate, a TCP server that closes during the handshake, and a port nothing listens on.
# Per scenario, text and JSON: the exit status (0/5/1), the verdict line, the cause phrase of the
# knowledge-base row and the fix command in the text; the JSON validates against
# docs/doctor.schema.json and has the code, `connected`, and a warn/fail finding of the right
# check with a reason, a fix and `kb_ref` = the D.1 row. Rows #21 (-460) and #22 (-114) need
# several sockets or a non-blocking connect, which one doctor run never makes: they are covered
# by tests/unit/doctor/test_doctor_kb.c (and produced by test_matrix scenarios 25 and 26).
# Usage: doctor_matrix.sh SLSIM SCHEMA VALIDATOR. Exit 77 without openssl or python3.
set -eu
S=$1
SCHEMA=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
VALIDATE=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
command -v openssl >/dev/null 2>&1 || exit 77
command -v python3 >/dev/null 2>&1 || exit 77
case $S in /*) ;; *) S=$(pwd)/$S ;; esac
T=$(mktemp -d)
PIDS=
cleanup() {
    for p in $PIDS; do
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
cd "$T"
q() { "$@" >/dev/null 2>>setup.log || { echo "setup failed: $*"; cat setup.log; exit 1; }; }
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
wait_port() { # wait_port PORT LOG: at most 5 s
    i=0
    until python3 -c "import socket; socket.create_connection(('127.0.0.1',$1),1).close()" 2>/dev/null; do
        i=$((i + 1))
        [ $i -gt 50 ] && { echo "server on port $1 did not start"; cat "$2"; exit 1; }
        sleep 0.1
    done
}
# s_server PORTVAR LOG ARGS...: an `openssl s_server` on a free port (retried once if it dies)
s_server() {
    var=$1 log=$2
    shift 2
    for _try in 1 2; do
        p=$(free_port)
        openssl s_server -accept "127.0.0.1:$p" -quiet "$@" </dev/null >"$log" 2>&1 &
        pid=$!
        PIDS="$PIDS $pid"
        sleep 0.2
        if kill -0 "$pid" 2>/dev/null; then
            wait_port "$p" "$log"
            eval "$var=$p"
            return 0
        fi
    done
    echo "s_server did not start"
    cat "$log"
    exit 1
}

# ---- the PKI (slsim pki; openssl only for the cross-sign, which needs the root's own key) ----
q "$S" pki playground pg
q "$S" pki issue pki --ca NONE --cn "Doctor Root CA" --name root --pem
q "$S" pki issue pki --ca root --cn "Doctor Issuing CA" --name inter --ca-cert --pem
q "$S" pki issue pki --ca inter --cn localhost --dns localhost --name leaf --pem
q "$S" pki issue pki --ca NONE --cn "Other Root CA" --name other --pem
q "$S" pki issue pki --ca NONE --cn "GTS Root R1" --name gts --pem
q "$S" pki issue pki --ca gts --cn "WR2" --name gtsi --ca-cert --pem
q "$S" pki issue pki --ca gtsi --cn localhost --dns localhost --name gleaf --pem
q "$S" pki issue pg --ca dummy-root-ca-cert --cn "doctor ecc client" --name client --key-type ec-p256
q "$S" pki issue pki --ca other --cn "doctor rogue client" --name rogue
q openssl x509 -inform DER -in pg/dummy-root-ca-cert -out pgroot.pem
# 'Doctor Root CA' (same key) cross-signed by 'Other Root CA', as ISRG X1 by DST Root CA X3
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' >ca.ext
q openssl x509 -x509toreq -in pki/root.pem -signkey pki/root-key.pem -out root.csr
q openssl x509 -req -in root.csr -CA pki/other.pem -CAkey pki/other-key.pem -set_serial 4242 \
    -days 30 -extfile ca.ext -out root-x.pem
cat pki/inter.pem root-x.pem >cross-chain.pem
cat pki/other.pem pki/root.pem >multi.pem
printf '<html><head><title>404 Not Found</title></head><body>not here</body></html>\n' >ca.html

# ---- devices: playground catalog; a production-shaped custom catalog (2 roots, none revoked)
q "$S" catalog build prod.lst --from-pem pki/other.pem --from-pem pgroot.pem
q "$S" image create pg.img
q "$S" catalog install pg.img pg/certcatalogPlayGround.lst --signature pg/certcatalogPlayGround.lst.sig
q "$S" image create prod.img
q "$S" image create prod35.img --profile cc3235s
for img in pg.img prod.img prod35.img; do
    [ "$img" = pg.img ] || q "$S" catalog install "$img" prod.lst
    q "$S" fs put "$img" pki/root /cert/ca.der
    q "$S" fs put "$img" pki/other /cert/other.der
    q "$S" fs put "$img" pg/dummy-root-ca-cert /cert/pg.der
    q "$S" fs put "$img" pki/gts /cert/gts.der
    q "$S" fs put "$img" multi.pem /cert/multi.pem
    q "$S" fs put "$img" ca.html /cert/html.pem
    q "$S" fs put "$img" pg/client /cert/client.der
    q "$S" fs put "$img" pg/client-key /cert/client-key.der
    q "$S" fs put "$img" pki/rogue /cert/rogue.der
    q "$S" fs put "$img" pki/rogue-key /cert/rogue-key.der
done
echo '{ "image": "pg.img" }' >pg.json
echo '{ "image": "prod.img" }' >prod.json
echo '{ "image": "prod35.img" }' >prod35.json
echo '{ "image": "prod.img", "clock": "power-on" }' >poweron.json

# ---- servers ------------------------------------------------------------------------------------
s_server FULL full.log -cert pki/leaf.pem -key pki/leaf-key.pem -cert_chain pki/inter.pem
s_server LEAF leaf.log -cert pki/leaf.pem -key pki/leaf-key.pem
s_server CROSS cross.log -cert pki/leaf.pem -key pki/leaf-key.pem -cert_chain cross-chain.pem
s_server GOOG goog.log -cert pki/gleaf.pem -key pki/gleaf-key.pem -cert_chain pki/gtsi.pem
s_server CAUTH cauth.log -cert pki/leaf.pem -key pki/leaf-key.pem -cert_chain pki/inter.pem \
    -Verify 1 -verify_return_error -CAfile pgroot.pem
# a TCP server that reads the ClientHello and closes (matrix MX_TCP_CLOSE)
cat >closer.py <<'PY'
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
s.settimeout(170)
while True:
    c, _ = s.accept()
    c.settimeout(2)
    try:
        c.recv(4096)
    except OSError:
        pass
    c.close()
PY
python3 closer.py closer.port >closer.log 2>&1 &
PIDS="$PIDS $!"
i=0
until [ -s closer.port ]; do
    i=$((i + 1))
    [ $i -gt 50 ] && { echo "the closing server did not start"; exit 1; }
    sleep 0.1
done
CLOSE=$(cat closer.port)
REFUSED=$(free_port) # nothing listens there

# ---- the scenarios ------------------------------------------------------------------------------
passed=0
failed=0
# sc ROW NAME EXIT CODE CHECK STATUS KBREF PHRASE COMMAND -- DOCTOR ARGS
#   CHECK/STATUS/KBREF: the finding expected (CHECK "-": no warn/fail finding at all, code 0)
#   PHRASE: in the text (the cause of the KB row); COMMAND: in the text's fix/command lines
sc() {
    row=$1 name=$2 wexit=$3 want=$4 check=$5 status=$6 kbref=$7 phrase=$8 cmd=$9
    shift 10
    why=
    set +e
    timeout 60 "$S" doctor "$@" >"$name.txt" 2>"$name.terr"
    e1=$?
    timeout 60 "$S" doctor "$@" --json >"$name.json" 2>"$name.jerr"
    e2=$?
    set -e
    [ "$e1" = "$wexit" ] && [ "$e2" = "$wexit" ] || why="$why; exit $e1 (text) $e2 (json), want $wexit"
    head -1 "$name.txt" | grep -q -- "^sl_Connect = $want " ||
        why="$why; verdict '$(head -1 "$name.txt")'"
    grep -q -- "$phrase" "$name.txt" || why="$why; no cause '$phrase' in the text"
    if [ -n "$cmd" ]; then
        grep -E '^     (fix|command|or) ' "$name.txt" | grep -q -F -- "$cmd" ||
            why="$why; no fix/command '$cmd' in the text"
    fi
    if [ "$check" != "-" ]; then
        grep -q -- "^  $status  $check " "$name.txt" || why="$why; no '$status  $check' check line"
    fi
    python3 "$VALIDATE" "$SCHEMA" "$name.json" >"$name.val" 2>&1 || why="$why; schema: $(head -3 "$name.val")"
    r=$(python3 - "$name.json" "$want" "$wexit" "$check" "$status" "$kbref" <<'PY'
import json, sys
path, want, wexit, check, status, kbref = sys.argv[1:7]
try:
    r = json.load(open(path))
except Exception as e:
    print(f"json unreadable: {e}"); sys.exit()
errs = []
if r["code"] != int(want):
    errs.append(f"json code {r['code']}")
if r["connected"] != (int(wexit) != 1):
    errs.append(f"json connected {r['connected']}")
probs = [f for f in r["findings"] if f["status"] in ("warn", "fail")]
if check == "-":
    if probs or r["code"] != 0:
        errs.append(f"unexpected problems {[p['check'] for p in probs]}")
else:
    m = [f for f in probs if f["check"] == check and f["status"] == status]
    if not m:
        errs.append(f"no {status} finding '{check}' (have {[(p['check'], p['status']) for p in probs]})")
    else:
        f = m[0]
        if f["code"] != int(want):
            errs.append(f"finding code {f['code']}")
        if not f["reason"] or not f["fix"]:
            errs.append("empty reason or fix")
        if f["kb_ref"] != kbref:
            errs.append(f"kb_ref '{f['kb_ref']}', want '{kbref}'")
print("; ".join(errs))
PY
)
    [ -z "$r" ] || why="$why; $r"
    if [ -z "$why" ]; then
        passed=$((passed + 1))
        echo "pass  D.1 $row $name: $want exit $wexit, $check $status [$kbref]"
    else
        failed=$((failed + 1))
        echo "FAIL  D.1 $row $name:${why#;}"
        sed 's/^/      | /' "$name.txt" "$name.terr" | head -60
    fi
}
# extra KEY facts of one scenario's reports (after sc): xtext NAME PATTERN / xjson NAME PYEXPR
xtext() {
    if ! grep -q -- "$2" "$1.txt"; then
        failed=$((failed + 1))
        echo "FAIL  $1: no '$2' in the text"
    fi
}
xjson() {
    if ! python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" \
        "$1.json" 2>/dev/null; then
        failed=$((failed + 1))
        echo "FAIL  $1: json: $2"
    fi
}

L=localhost
sc '#1' playground-catalog 5 -468 catalog warn 'D.1 #1' 'the device has the playground catalog' \
    'certcatalog20190217.lst' -- "$L:$FULL" --device pg.json --ca /cert/ca.der
xtext playground-catalog '^catalog    playground'

sc '#2' root-in-no-catalog 5 -468 catalog warn 'D.1 #2' 'that root is not in the device' \
    'slsim catalog install prod.img root.lst' -- "$L:$FULL" --device prod.json --ca /cert/ca.der
xtext root-in-no-catalog '^catalog    slsim-built: custom'
xtext root-in-no-catalog "the root CA 'CN=Doctor Root CA' is not in the device's catalog (custom"
xjson root-in-no-catalog 'r["catalog"]["kind"] == "slsim-built" and r["catalog"]["trusted"] == 2'

sc '#3' wrong-ca 1 -688 anchor fail 'D.1 #3' 'the CA file is not the root that signed' \
    "# ISSUER = 'CN=Doctor Root CA'" -- "$L:$FULL" --device pg.json --ca /cert/pg.der
xjson wrong-ca 'r["expected_issuer"] == "CN=Doctor Root CA"'

sc '#4' cross-signed 1 -688 anchor fail 'D.1 #2a' 'the server sends a cross-signed chain' \
    "# ISSUER = 'CN=Other Root CA'" -- "$L:$CROSS" --device prod.json --ca /cert/ca.der
xtext cross-signed "D.1 #4: AWS IoT ATS endpoints"
xtext cross-signed "name the root CA 'CN=Other Root CA'"
xjson cross-signed 'r["expected_issuer"] == "CN=Other Root CA"'

sc '#6' ca-file-html 1 -456 ca-file fail 'D.1 #6' 'saved as text/HTML' \
    'openssl x509 -in root.pem -outform der' -- "$L:$FULL" --device prod.json --ca /cert/html.pem

sc '#8' no-ca-file 5 -453 no-ca warn 'D.1 #8' 'no CA file is set' \
    "--ca /cert/root.der" -- "$L:$FULL" --device prod.json

sc '#9' power-on-clock 5 -461 dates warn 'D.1 #9' 'after reset the NWP clock is 2013-01-01' \
    'sl_DeviceSet' -- "$L:$FULL" --device poweron.json --ca /cert/ca.der --no-store
xtext power-on-clock 'device clock reads 2013-01-01 00:00:00 UTC (by the host clock it is valid)'
xtext power-on-clock 'set "clock": "host" in poweron.json'
xjson power-on-clock '[f for f in r["findings"] if f["status"] == "warn"][0]["openssl"]["code"] == 9'

sc '#12' intermediate-not-sent 1 -688 anchor fail 'D.1 #12' 'neither sent by the server' \
    "# ISSUER = 'CN=Doctor Issuing CA'" -- "$L:$LEAF" --device prod.json --ca /cert/ca.der
xtext intermediate-not-sent 'if it is an intermediate, send it from the server'
xjson intermediate-not-sent 'r["expected_issuer"] == "CN=Doctor Issuing CA"'

sc '#13' multi-pem-cc3220 1 -688 anchor fail 'D.1 #13' 'a CC3220 uses only the first one' \
    "put 'CN=Doctor Root CA' first in '/cert/multi.pem'" -- \
    "$L:$FULL" --device prod.json --ca /cert/multi.pem
sc '#13' multi-pem-cc3235 0 0 - - '' 'connected and verified' '' -- \
    "$L:$FULL" --device prod35.json --ca /cert/multi.pem --no-store

# ECC (P-256) client certificate with the mask restricted to TLS_RSA_WITH_AES_256_CBC_SHA: slsim
# completes the handshake (TLS 1.2 client authentication does not depend on the key exchange),
# so no -751 here; the row's -751 is pinned in the KB unit test.
sc '#14' ecc-client-rsa-mask 0 0 - - '' 'connected and verified' '' -- "$L:$CAUTH" \
    --device prod.json --ca /cert/ca.der --cert /cert/client.der --key /cert/client-key.der \
    --mask 0x4 --no-store
xtext ecc-client-rsa-mask "pass  own-cert   the client certificate 'CN=doctor ecc client' parses (EC, 256-bit key)"
xtext ecc-client-rsa-mask '^tls        TLS 1.2, AES256-SHA,'

sc '#15' no-common-suite 1 -340 handshake fail 'D.1 #15' 'old service packs lack GCM/ECDHE' \
    "openssl s_client -connect $L:$FULL" -- "$L:$FULL" --device prod.json --ca /cert/ca.der \
    --mask 0x40000
xtext no-common-suite 'check SL_SO_SECURE_MASK'
xtext no-common-suite 'fatal alert 40 handshake_failure'

sc '#16' server-changed-root 1 -688 anchor fail 'D.1 #3' 'D.1 #16: the server changed its root' \
    "# ISSUER = 'CN=Doctor Root CA'" -- "$L:$FULL" --device prod.json --ca /cert/other.der

sc '#17' google-like-root 5 -468 catalog warn 'D.1 #17' 'chain to GTS roots' \
    'slsim catalog install prod.img root.lst' -- "$L:$GOOG" --device prod.json --ca /cert/gts.der

sc '#18' tcp-dropped 1 -708 handshake fail 'D.1 #18' 'TCP dropped during the handshake' \
    "openssl s_client -connect $L:$CLOSE" -- "$L:$CLOSE" --device prod.json --ca /cert/ca.der
sc '#18' connection-refused 1 -111 handshake fail 'D.1 #18' 'the server refused the TCP connection' \
    "openssl s_client -connect $L:$REFUSED" -- "$L:$REFUSED" --device prod.json --ca /cert/ca.der

sc '#19' client-cert-missing 1 -340 handshake fail 'D.1 #15' 'requires a client certificate' \
    'SL_SO_SECURE_FILES_CERTIFICATE_FILE_NAME' -- "$L:$CAUTH" --device prod.json --ca /cert/ca.der
xtext client-cert-missing "command   slsim doctor $L:$CAUTH --device prod.json --domain $L --ca /cert/ca.der"
sc '#20' client-cert-unknown-ca 1 -348 handshake fail 'B.3' 'does not trust the CA that issued' \
    '# register this issuer with the server' -- "$L:$CAUTH" --device prod.json --ca /cert/ca.der \
    --cert /cert/rogue.der --key /cert/rogue-key.der
xtext client-cert-unknown-ca 'fatal alert 48 unknown_ca'

echo "doctor-matrix: $passed passed, $failed failed"
[ "$failed" = 0 ]
