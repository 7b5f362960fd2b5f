# 'pki playground', then its catalog shown, checked and installed. The keys are new on every
# run, so digests, dates and times go through sed.
slsim pki playground pg 2>&1 | sed -E 's/^valid [0-9-]+ to [0-9-]+/valid <date> to <date>/'
ls pg
slsim catalog show pg/certcatalogPlayGround.lst --names-from pg 2>&1 | sed -E 's/[0-9a-f]{64}/<sha256>/g; s/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}/<date time>/g; s/[0-9]{4}-[0-9]{2}-[0-9]{2}/<date>/g; s/\([0-9]+\)/(<unix>)/g'
slsim catalog check pg/certcatalogPlayGround.lst pg/dummy-root-ca-cert >o 2>&1; r=$?; sed -E 's/[0-9a-f]{64}/<sha256>/' o; exit $r
slsim catalog check pg/certcatalogPlayGround.lst pg/dummy-revoked-ca-cert >o 2>&1; r=$?; sed -E 's/[0-9a-f]{64}/<sha256>/' o; exit $r
slsim catalog check pg/certcatalogPlayGround.lst pg/dummy-trusted-cert >o 2>&1; r=$?; sed -E 's/[0-9a-f]{64}/<sha256>/' o; exit $r
# The device finds the revoked CA in the chain; the leaf itself is not listed.
slsim catalog check pg/certcatalogPlayGround.lst pg/dummy-revoked-cert >o 2>&1; r=$?; sed -E 's/[0-9a-f]{64}/<sha256>/' o; exit $r
# The playground signature is the ROM key's, not the dummy root's.
slsim catalog verify pg/certcatalogPlayGround.lst pg/certcatalogPlayGround.lst.sig --cert pg/dummy-root-ca-cert
slsim catalog verify pg/certcatalogPlayGround.lst pg/certcatalogPlayGround.lst.sig
slsim image create dev.img
slsim catalog install dev.img pg/certcatalogPlayGround.lst --signature pg/certcatalogPlayGround.lst.sig 2>&1 | sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}/<date>/g'
slsim catalog status dev.img 2>&1 | sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9:]{8})?/<date>/g'
slsim catalog check --image dev.img pg/dummy-revoked-ca-cert >o 2>&1; r=$?; sed -E 's/[0-9a-f]{64}/<sha256>/' o; exit $r
slsim catalog check --image dev.img pg/dummy-root-ca-cert >o 2>&1; r=$?; sed -E 's/[0-9a-f]{64}/<sha256>/' o; exit $r
# Nothing is ever replaced.
slsim pki playground pg
