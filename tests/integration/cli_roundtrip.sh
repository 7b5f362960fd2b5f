#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# Integration test of the slsim CLI on a real image file:
#   cli_roundtrip.sh SLSIM
# creates an image, puts files of several sizes (1 byte, 3584 bytes, 100 KB of random data,
# a secure unsigned one), gets them back and compares the bytes, removes one, checks the
# listing counts and 'image check', and verifies that a secure file is encrypted at rest (its
# marker never appears in the image file) while a plain file's content does.
set -u

# shellcheck source=cli_lib.sh
. "$(dirname "$0")/cli_lib.sh"
cli_setup cli-rt "$@"

# ---- version ----
"$SLSIM" --version | grep -Eq '^slsim [0-9]+\.[0-9]+\.[0-9]+$' || fail "--version output"

# ---- an image with files of several sizes ----
run 0 image create dev.img --size 2M
printf 'Z' >one.bin
head -c 3584 /dev/urandom >sector.bin
head -c 102400 /dev/urandom >random.bin
secret=SLSIM-SECRET-MARKER-5b1f0c7e
plain=SLSIM-PLAIN-MARKER-9d24e6a3
for i in 1 2 3 4 5 6 7 8; do echo "$secret line $i"; done >secret.pem
for i in 1 2 3 4 5 6 7 8; do echo "$plain line $i"; done >plain.txt

run 0 fs put dev.img one.bin /one.bin
run 0 fs put dev.img sector.bin /sector.bin --failsafe
run 0 fs put dev.img random.bin /data/random.bin
run 0 fs put dev.img secret.pem /cert/secret.pem --secure --no-signature
grep -Eq '^token 0x[0-9a-f]{8}$' out.log || fail "secure put did not print the master token"
run 0 fs put dev.img plain.txt /plain.txt
run 0 fs put dev.img - /stdin.bin <random.bin

# ---- get everything back and compare bytes ----
for pair in one.bin:/one.bin sector.bin:/sector.bin random.bin:/data/random.bin \
    secret.pem:/cert/secret.pem plain.txt:/plain.txt random.bin:/stdin.bin; do
    host=${pair%%:*}
    dev=${pair#*:}
    out="got$(echo "$dev" | tr '/' '_')"
    run 0 fs get dev.img "$dev" "$out"
    cmp -s "$host" "$out" || fail "content of $dev differs from $host"
    "$SLSIM" fs get dev.img "$dev" >"$out.stdout" 2>/dev/null || fail "get $dev to stdout"
    cmp -s "$host" "$out.stdout" || fail "content of $dev on stdout differs from $host"
done

# ---- sizes and listings ----
"$SLSIM" fs stat dev.img /sector.bin --json >stat.json || fail "stat /sector.bin"
grep -q '"length":[[:space:]]*3584,' stat.json || fail "stat length of /sector.bin"
"$SLSIM" fs ls dev.img >ls.txt || fail "ls"
tail -n 1 ls.txt | grep -qx '6 files' || fail "ls count before rm: $(tail -n 1 ls.txt)"
run 0 fs rm dev.img /one.bin
run 1 fs get dev.img /one.bin
grep -q 'SL_ERROR_FS_FILE_NOT_EXISTS (-10341)' out.log || fail "get after rm: wrong message"
"$SLSIM" fs ls dev.img >ls.txt || fail "ls"
tail -n 1 ls.txt | grep -qx '5 files' || fail "ls count after rm: $(tail -n 1 ls.txt)"
[ "$(grep -c '^/' ls.txt)" -eq 5 ] || fail "ls rows after rm"
"$SLSIM" fs ls dev.img --format=csv >ls.csv || fail "ls csv"
[ "$(wc -l <ls.csv)" -eq 6 ] || fail "csv rows (header + 5)"
"$SLSIM" fs ls dev.img --json >ls.json || fail "ls json"
grep -q '"count":[[:space:]]*5' ls.json || fail "json count"
"$SLSIM" image info dev.img --json >info.json || fail "info"
grep -q '"user_files":[[:space:]]*5,' info.json || fail "info user_files"

# ---- check ----
run 0 image check dev.img
grep -q '^ok: 5 files' out.log || fail "image check: $(cat out.log)"

# ---- encryption at rest: the secure marker must not be in the image, the plain one must ----
n_secret=$(grep -a -c "$secret" dev.img)
n_plain=$(grep -a -c "$plain" dev.img)
[ "$n_secret" -eq 0 ] || fail "secure file content found in plaintext in the image ($n_secret)"
[ "$n_plain" -ge 1 ] || fail "plain file content not found in the image"

# ---- damage: check and get report it, exit 1 ----
off=$(grep -a -b -o "$plain" dev.img | head -n 1 | cut -d: -f1)
printf 'X' | dd of=dev.img bs=1 seek="$off" conv=notrunc 2>/dev/null || fail "dd"
run 1 image check dev.img
grep -q "/plain.txt" out.log || fail "check does not name the damaged file"
run 1 fs get dev.img /plain.txt got_damaged
run 0 fs get dev.img /cert/secret.pem got_secret2
cmp -s secret.pem got_secret2 || fail "undamaged secure file after damage elsewhere"

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "cli_roundtrip: all checks passed"
exit 0
