#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# Integration test of 'slsim catalog' and 'slsim pki' on real files:
#   cli_catalog.sh SLSIM
# writes a playground PKI, shows and checks its catalog (trusted, revoked, not listed: exit
# 0, 4, 1), installs it on an image (ROM-signed) and reads its status, refuses a wrong
# signature with the decoded programming code while the old catalog stays, refuses a bundle
# of 130 roots until --select picks some, round-trips a signature made with an issued RSA key,
# and, when openssl is installed, checks the playground names and the catalog digests with it.
set -u

# shellcheck source=cli_lib.sh
. "$(dirname "$0")/cli_lib.sh"
cli_setup cli-cat "$@"

# expect PATTERN WHAT: out.log must match the extended regular expression.
expect() {
    grep -Eq -- "$1" out.log || {
        fail "$2: no line matches '$1'"
        sed 's/^/    /' out.log >&2
    }
}

PG=pg
LST=$PG/certcatalogPlayGround.lst
TI_SUBJECT='C=IL, ST=Sharon, L=Raanana, O=Texas Instruments Inc., OU=RND'

# ---- the playground and its catalog ----
run 0 pki playground "$PG"
for f in dummy-root-ca-cert dummy-trusted-ca-cert dummy-trusted-cert dummy-revoked-ca-cert \
    dummy-revoked-cert; do
    [ -s "$PG/$f" ] || fail "playground: $f missing"
    [ -s "$PG/$f-key" ] || fail "playground: $f-key missing"
done
[ "$(wc -c <"$LST")" -eq 504 ] || fail "playground catalog is not 504 bytes (1 + 1 entries)"
[ "$(wc -c <"$LST.sig")" -eq 256 ] || fail "playground signature is not 256 bytes"

run 0 catalog show "$LST" --names-from "$PG"
expect '^trusted +1$' "show: trusted count"
expect '^revoked +1$' "show: revoked count"
expect "^  [0-9a-f]{64}  $TI_SUBJECT, CN=dummy-root-ca-cert\$" "show: the root by name"
expect "^  [0-9a-f]{64}  $TI_SUBJECT, CN=dummy-revoked-ca-cert\$" "show: the revoked CA by name"
run 0 catalog show "$LST" --json --names-from "$PG"
expect '"subject":[[:space:]]*"C=IL, .*CN=dummy-root-ca-cert"' "show --json: subject"

run 0 catalog check "$LST" "$PG/dummy-root-ca-cert"
expect '^trusted ' "check root"
run 4 catalog check "$LST" "$PG/dummy-revoked-ca-cert"
expect '^revoked ' "check revoked CA"
run 0 pki issue "$PG" --ca dummy-trusted-ca-cert --cn server.local --dns server.local --pem
run 1 catalog check "$LST" "$PG/server.local"
expect '^not listed ' "check issued server certificate"
# Its chain (leaf, trusted CA, root) holds a trusted root.
[ "$(grep -c 'BEGIN CERTIFICATE' "$PG/server.local-chain.pem")" -eq 3 ] || fail "chain length"
run 0 catalog check "$LST" "$PG/server.local-chain.pem"

# ---- install on an image, status, a rejected signature ----
run 0 image create dev.img
run 0 catalog status dev.img
expect '^state +missing$' "status before install"
run 0 catalog install dev.img "$LST"
expect 'signed with the slsim ROM key \(development\)' "install without a signature"
run 0 catalog status dev.img
expect '^state +ok$' "status after install"
expect '^signer +slsim ROM key$' "status signer"
expect '^trusted +1$' "status trusted"
run 0 catalog install dev.img "$LST" --signature "$LST.sig"
expect 'signature verified with the slsim ROM key' "install with the playground signature"

head -c 256 /dev/urandom >wrong.sig
run 1 catalog install dev.img "$LST" --signature wrong.sig
expect 'SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT \(-10289\) ext 0 \[packed -674299904\]' \
    "wrong signature: decoded packed code"
run 0 catalog status dev.img
expect '^state +ok$' "old catalog still ok after a rejected install"
run 4 catalog check --image dev.img "$PG/dummy-revoked-ca-cert"
run 0 catalog install dev.img "$LST" --ti-signature wrong.sig
expect 'TI signature not verifiable in emulation' "TI signature"

# ---- 130 roots: refused, then selected ----
mkdir roots
i=1
while [ "$i" -le 130 ]; do
    "$SLSIM" pki issue roots --ca NONE --cn "Bundle Root $i" --name "r$i" --key-type ec-p256 \
        --pem >/dev/null 2>&1 || fail "issue root $i"
    i=$((i + 1))
done
cat roots/r*.pem >bundle.pem
[ "$(grep -c 'BEGIN CERTIFICATE' bundle.pem)" -eq 130 ] || fail "bundle of 130 roots"
run 1 catalog build big.lst --from-pem bundle.pem
expect '130 trusted roots, a catalog holds at most 128: SLSIM_CATALOG_TOO_MANY_TRUSTED' \
    "build refuses 130 roots"
expect '^hint: choose the roots with --select NAMES_FILE' "build asks for --select"
[ ! -e big.lst ] || fail "a refused build wrote its output"
printf 'Bundle Root 1\nBundle Root 2\nBundle Root 3\n' >names.txt
run 0 catalog build big.lst --from-pem bundle.pem --select names.txt
expect "^built 'big.lst': 3 trusted, 0 revoked, 536 bytes$" "build with --select"
run 0 catalog show big.lst --names-from bundle.pem
expect '  [0-9a-f]{64}  CN=Bundle Root 3$' "selected root named"

# ---- sign / verify with an issued RSA key ----
run 0 pki issue keys --ca NONE --cn "Catalog Signer"
run 0 catalog sign big.lst --key "keys/Catalog Signer-key" -o big.sig
[ "$(wc -c <big.sig)" -eq 256 ] || fail "signature size"
run 0 catalog verify big.lst big.sig --cert "keys/Catalog Signer"
run 0 catalog sign big.lst --key "keys/Catalog Signer-key" --sha1 -o big1.sig
run 0 catalog verify big.lst big1.sig --cert "keys/Catalog Signer"
expect 'SHA-1' "SHA-1 signature verified as SHA-1"
cp big.lst tampered.lst
printf 'X' | dd of=tampered.lst bs=1 seek=500 conv=notrunc 2>/dev/null
run 1 catalog verify tampered.lst big.sig --cert "keys/Catalog Signer"
expect 'SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT \(-10289\)' "tampered catalog"
run 1 catalog verify big.lst big.sig --cert "$PG/dummy-root-ca-cert"

# ---- an independent look with openssl, when installed ----
if command -v openssl >/dev/null 2>&1; then
    for f in dummy-root-ca-cert dummy-trusted-ca-cert dummy-trusted-cert dummy-revoked-ca-cert \
        dummy-revoked-cert; do
        # OpenSSL 1.1/3 print "C = IL, ST = Sharon, ..."; compare without the spaces.
        openssl x509 -inform der -in "$PG/$f" -noout -subject -issuer >names.raw 2>&1 ||
            fail "openssl cannot read $f"
        sed 's/ = /=/g' names.raw >names.txt
        grep -q "^subject=C=IL, ST=Sharon, L=Raanana, O=Texas Instruments Inc., OU=RND, CN=$f\$" \
            names.txt || fail "openssl subject of $f: $(head -n 1 names.txt)"
        grep -q '^issuer=C=IL, ST=Sharon, L=Raanana, O=Texas Instruments Inc., OU=RND, CN=dummy-' \
            names.txt || fail "openssl issuer of $f: $(tail -n 1 names.txt)"
        openssl x509 -inform der -in "$PG/$f" -noout -text >text.txt 2>&1
        grep -q 'sha256WithRSAEncryption' text.txt || fail "$f is not sha256WithRSAEncryption"
        grep -q 'Public-Key: (2048 bit)' text.txt || fail "$f is not RSA-2048"
        openssl rsa -inform der -in "$PG/$f-key" -noout -check >/dev/null 2>&1 ||
            fail "openssl cannot read $f-key as a DER RSA key"
    done
    # The catalog digests are the SHA-256 fingerprints of the DER certificates (reference A.3).
    for f in dummy-root-ca-cert dummy-revoked-ca-cert; do
        fp=$(openssl x509 -inform der -in "$PG/$f" -noout -fingerprint -sha256 |
            sed 's/.*=//; s/://g' | tr 'A-F' 'a-f')
        run 0 catalog show "$LST"
        expect "^  $fp\$" "catalog entry of $f equals openssl's fingerprint"
    done
    openssl verify -CAfile "$PG/server.local-chain.pem" "$PG/server.local.pem" >verify.txt 2>&1 ||
        fail "openssl verify of the issued chain: $(cat verify.txt)"
else
    echo "cli_catalog: openssl not installed, its checks skipped"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "cli_catalog: all checks passed"
exit 0
