#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Generates the throw-away test PKI of the tls unit and integration tests into $1 (never
# committed): a root CA, an intermediate CA, an RSA-2048 and an EC P-256 server certificate
# issued by the intermediate, a client certificate issued by the root, and a key that matches
# none of them. Exit 77 (CTest "skipped") when openssl is missing.
set -eu
command -v openssl >/dev/null 2>&1 || exit 77
out=$1
[ -f "$out/ok" ] && exit 0
mkdir -p "$out"
cd "$out"
rm -f ok

days=3650
ext_ca="basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash"
ext_leaf="basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=DNS:server.slsim.test,DNS:localhost"
printf '%s\n' "$ext_ca" >ca.ext
printf '%s\n' "$ext_leaf" >leaf.ext

key() { # key <name> rsa|ec
    if [ "$2" = rsa ]; then
        openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null
    else
        openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null
    fi
}

issue() { # issue <name> <subject> <issuer> <extfile>
    openssl req -new -key "$1.key" -subj "$2" -out "$1.csr" 2>/dev/null
    openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial \
        -days $days -sha256 -extfile "$4" -out "$1.pem" 2>/dev/null
    openssl x509 -in "$1.pem" -outform DER -out "$1.der"
}

key ca rsa
openssl req -new -x509 -key ca.key -subj "/CN=slsim test root CA" -days $days -sha256 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out ca.pem 2>/dev/null
openssl x509 -in ca.pem -outform DER -out ca.der
key inter rsa
issue inter "/CN=slsim test intermediate CA" ca ca.ext
key server rsa
issue server "/CN=server.slsim.test" inter leaf.ext
key server-ec ec
issue server-ec "/CN=server.slsim.test" inter leaf.ext
key client rsa
issue client "/CN=client.slsim.test" ca leaf.ext
key other ec
openssl pkey -in server.key -outform DER -out server.key.der
touch ok
