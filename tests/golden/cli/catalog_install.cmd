# Install, status and vendor root on an image, with a catalog built from fixed dates.
slsim pki issue pki --ca NONE --cn "Root A" --key-type ec-p256 --not-before 1700000000 --days 30
slsim pki issue pki --ca NONE --cn "Root B" --key-type ec-p256 --not-before 1700000000 --days 30 >/dev/null
slsim catalog build c.lst --from-dir pki --revoke "pki/Root B" --created 1700000000
slsim image create dev.img
slsim catalog status dev.img
slsim catalog check --image dev.img "pki/Root A"
slsim catalog install dev.img c.lst
slsim catalog status dev.img
slsim catalog status dev.img --json
# A wrong signature is refused with the decoded programming code; the catalog stays.
head -c 256 /dev/zero >zero.sig
slsim catalog install dev.img c.lst --signature zero.sig
slsim catalog status dev.img
head -c 600 /dev/zero >long.sig
slsim catalog install dev.img c.lst --signature long.sig
head -c 100 c.lst >short.lst
slsim catalog install dev.img short.lst
# TI signatures cannot be verified: accepted unverified (every profile allows it), 256 bytes only.
slsim catalog install dev.img c.lst --ti-signature zero.sig
slsim catalog status dev.img
head -c 128 /dev/zero >short.sig
slsim catalog install dev.img c.lst --ti-signature short.sig
# The vendor root (write-once) and a catalog signed with its key.
slsim pki issue pki --ca NONE --cn Vendor --not-before 1700000000 --days 30 >/dev/null
slsim catalog vendor-root dev.img "pki/Root A"
slsim catalog vendor-root dev.img pki/Vendor
slsim catalog vendor-root dev.img pki/Vendor
slsim catalog sign c.lst --key pki/Vendor-key -o c.sig
slsim catalog verify c.lst c.sig --cert pki/Vendor
slsim catalog install dev.img c.lst --signature c.sig
slsim catalog status dev.img
slsim catalog sign c.lst --sha1 -o rom.sig
slsim catalog install dev.img c.lst --signature rom.sig
slsim catalog status dev.img
slsim catalog install nope.img c.lst
# A catalog changed behind the tool's back is rejected as at sl_Start; installing again repairs it.
slsim catalog build other.lst --from-pem "pki/Root A" --created 1700000000 >/dev/null
slsim fs put dev.img other.lst /sys/certstore.lst >/dev/null
slsim catalog status dev.img
slsim catalog status dev.img --json
slsim catalog check --image dev.img "pki/Root A"
slsim catalog install dev.img c.lst --signature rom.sig
slsim catalog status dev.img
