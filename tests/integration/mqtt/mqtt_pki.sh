#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Generates the throw-away PKI of the MQTT integration test into $1 (build dir): a root CA, a
# mosquitto server certificate for localhost, and a client certificate for mutual TLS, each
# also in DER for the device file system. EC P-256 (fast). Exit 77 without openssl.
set -eu
command -v openssl >/dev/null 2>&1 || exit 77
out=$1
[ -f "$out/ok" ] && exit 0
mkdir -p "$out"
cd "$out"
printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
    "extendedKeyUsage=serverAuth" "subjectAltName=DNS:localhost,IP:127.0.0.1" >server.ext
printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
    "extendedKeyUsage=clientAuth" >client.ext
key() {
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null
    openssl pkey -in "$1.key" -outform DER -out "$1.key.der" 2>/dev/null
}
key ca
openssl req -new -x509 -key ca.key -subj "/CN=slsim mqtt test CA" -days 3650 -sha256 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out ca.pem 2>/dev/null
openssl x509 -in ca.pem -outform DER -out ca.der
for n in server client; do
    key "$n"
    openssl req -new -key "$n.key" -subj "/CN=slsim-$n" -out "$n.csr" 2>/dev/null
    openssl x509 -req -in "$n.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 \
        -sha256 -extfile "$n.ext" -out "$n.pem" 2>/dev/null
    openssl x509 -in "$n.pem" -outform DER -out "$n.der"
done
# Throw-away test keys: readable by a broker that drops root privileges to its own user.
chmod 644 ./*.key ./*.pem
touch ok
