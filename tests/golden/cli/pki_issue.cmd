# 'pki issue': a root, an intermediate and servers, DER and PEM, with fixed dates.
slsim pki issue pki --ca NONE --cn "Example Root CA" --name root --not-before 1700000000 --days 3650
slsim pki issue pki --ca root --cn "Example Issuing CA" --name issuing --ca-cert --not-before 1700000000 --days 1825
slsim pki issue pki --ca issuing --cn broker.example --dns broker.example --dns localhost --not-before 1700000000 --not-after 1731536000 --pem
slsim pki issue pki --ca issuing --cn device-01 --key-type ec-p256 --sha384 --days 30 --not-before 1700000000 --pem
slsim pki issue pki --ca root --cn old --sha1 --key-type rsa3072 --not-before 946684800 --not-after 978307200
ls pki
grep -c 'BEGIN CERTIFICATE' pki/broker.example-chain.pem
head -1 pki/broker.example-key.pem pki/device-01-key.pem
# The chain, leaf first, named through 'catalog show'.
slsim catalog build chain.lst --from-pem pki/broker.example-chain.pem --created 1700000000 >/dev/null
slsim catalog show chain.lst --names-from pki/broker.example-chain.pem | sed -E 's/[0-9a-f]{64}/<sha256>/'
# Errors: an existing file, a missing CA, a CA key that is no key.
slsim pki issue pki --ca root --cn broker.example
slsim pki issue pki --ca nope --cn x
cp pki/root pki/fake && cp pki/root pki/fake-key
slsim pki issue pki --ca fake --cn x
slsim pki issue pki --ca NONE --cn x --not-before 1700000000 --not-after 1700000001 --pem >/dev/null
slsim pki issue pki --ca x --cn y --not-before 1700000000 --days 1 --pem
slsim pki issue nope/sub --ca NONE --cn y
