#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Generates the throw-away PKI of the socket integration tests into $1 (build dir, never
# committed): a root CA, an intermediate CA, a server certificate for server.slsim.test and
# localhost issued by the intermediate (sent with it as the chain), and an unrelated root for
# the wrong-root case. EC P-256 keys (fast). Exit 77 (CTest "skipped") when openssl is missing.
set -eu
command -v openssl >/dev/null 2>&1 || exit 77
out=$1
[ -f "$out/ok" ] && exit 0
mkdir -p "$out"
cd "$out"

printf '%s\n' "basicConstraints=critical,CA:TRUE" "keyUsage=critical,keyCertSign,cRLSign" \
    "subjectKeyIdentifier=hash" >ca.ext
printf '%s\n' "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" \
    "subjectAltName=DNS:server.slsim.test,DNS:localhost" >leaf.ext

key() {
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null
}

root() { # root <name> <cn>
    key "$1"
    openssl req -new -x509 -key "$1.key" -subj "/CN=$2" -days 3650 -sha256 \
        -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$1.pem" 2>/dev/null
    openssl x509 -in "$1.pem" -outform DER -out "$1.der"
}

issue() { # issue <name> <cn> <issuer> <extfile>
    key "$1"
    openssl req -new -key "$1.key" -subj "/CN=$2" -out "$1.csr" 2>/dev/null
    openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial -days 3650 \
        -sha256 -extfile "$4" -out "$1.pem" 2>/dev/null
    openssl x509 -in "$1.pem" -outform DER -out "$1.der"
}

root ca "slsim sock root CA"
issue inter "slsim sock intermediate CA" ca ca.ext
issue server "server.slsim.test" inter leaf.ext
root other "slsim other root CA"
touch ok
