# 'catalog build': duplicates, the 128-root limit, --select, revoked certificates.
for i in $(seq 1 130); do slsim pki issue r --ca NONE --cn "Test Root $i" --name root$i --key-type ec-p256 --pem --not-before 1700000000 --days 30 >/dev/null || exit 1; done
cat r/root*.pem >bundle.pem
slsim catalog build all.lst --from-pem bundle.pem --created 1700000000
test -e all.lst || echo 'all.lst was not written'
printf 'Test Root 1\n# a comment\n\n  test root 12  \nRoot 7\nNo Such Root\n' >names.txt
slsim catalog build sel.lst --from-pem bundle.pem --from-pem r/root1 --select names.txt --created 1700000000
slsim catalog show sel.lst --names-from bundle.pem | sed -E 's/[0-9a-f]{64}/<sha256>/'
slsim catalog build dir.lst --from-dir r --select names.txt --created 1700000000
slsim catalog build rev.lst --from-pem r/root1.pem --revoke r/root1 --revoke r/root2.pem --revoke r/root2 --created 1700000000
slsim catalog show rev.lst --json --names-from r/root1.pem | sed -E 's/[0-9a-f]{64}/<sha256>/'
slsim catalog build many.lst --revoke bundle.pem --created 1700000000
slsim catalog build empty.lst --revoke r/root3 --created 0
slsim catalog show empty.lst | sed -E 's/[0-9a-f]{64}/<sha256>/'
