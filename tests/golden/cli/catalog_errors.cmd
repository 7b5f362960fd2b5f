# Failures: host files (exit 3), malformed catalogs and certificates (exit 1; 3 for check).
slsim catalog show missing.lst
printf 'not a catalog' >text.lst
slsim catalog show text.lst
head -c 440 /dev/zero >empty.lst
slsim catalog show empty.lst
cat empty.lst empty.lst >big.lst
slsim catalog show big.lst
printf 'hello' >hello.txt
slsim catalog check empty.lst hello.txt
slsim catalog check empty.lst missing.der
slsim catalog check text.lst hello.txt
printf -- '-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n' >bad.pem
slsim catalog build out.lst --from-pem bad.pem --created 1700000000
slsim catalog build out.lst --from-pem missing.pem --created 1700000000
slsim catalog build out.lst --from-dir missing --created 1700000000
slsim catalog sign empty.lst --key hello.txt -o e.sig
slsim pki issue pki --ca NONE --cn ec --key-type ec-p256 --not-before 1700000000 --days 30 >/dev/null
slsim catalog sign empty.lst --key pki/ec-key -o e.sig
slsim catalog verify empty.lst hello.txt --cert pki/ec
slsim image create dev.img
slsim catalog vendor-root dev.img pki/ec
slsim catalog vendor-root dev.img hello.txt
slsim catalog status nope.img
slsim catalog check --image dev.img pki/ec
