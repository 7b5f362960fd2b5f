# Usage errors of 'slsim catalog' and 'slsim pki': exit 2, the usage line, a 'try' line.
slsim catalog
slsim catalog biuld out.lst
slsim catalog build
slsim catalog build out.lst
slsim catalog build out.lst --from-pem
slsim catalog build out.lst --from-pem a.pem --created yesterday
slsim catalog build out.lst --from-pem a.pem --created 4200000000
slsim catalog build out.lst --fromm-pem a.pem
slsim catalog check
slsim catalog check cat.lst
slsim catalog check --image dev.img cat.lst cert.der
slsim catalog show a.lst b.lst
slsim catalog sign cat.lst --key key.der
slsim catalog sign cat.lst --key key.der -o
slsim catalog sign cat.lst --key key.der --o cat.sig
slsim catalog sign cat.lst --key key.der -x
slsim catalog verify cat.lst --cert c.der
slsim catalog install dev.img cat.lst --signature a.sig --ti-signature b.bin
slsim catalog vendor-root dev.img
slsim pki issue pki
slsim pki issue pki --ca NONE
slsim pki issue pki --ca NONE --cn x --key-type dsa
slsim pki issue pki --ca NONE --cn x --days 0
slsim pki issue pki --ca NONE --cn x --days 10 --not-after 1700000000
slsim pki issue pki --ca NONE --cn x --not-before 1700000000 --not-after 1600000000
slsim pki issue pki --ca NONE --cn x --sha1 --sha384
slsim pki issue pki --ca NONE --cn a/b
slsim pki playground pg --days 99999
slsim pki playgrund pg
