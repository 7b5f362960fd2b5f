#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# `slsim run` without a broker: the environment it gives the program (absolute SLSIM_DEVICE,
# SLSIM_RUN_REPORT), exit-status pass-through (a code, a signal as 128 + n, 127 for a missing
# program), usage (2) and configuration (3) errors, `slsim help run`, and the summary of a
# device app whose connection is refused (remapped to a closed loopback port).
# usage: run_cli.sh SLSIM_CLI SEED_STYLE_APP
set -u
slsim=${1:?usage: run_cli.sh SLSIM_CLI SEED_STYLE_APP}
app=${2:?usage: run_cli.sh SLSIM_CLI SEED_STYLE_APP}
. "$(dirname "$0")/seed_lib.sh"
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
cd "$w" || exit 1

expect_rc() { # expect_rc WANT WHAT command...
    want=$1 what=$2
    shift 2
    "$@" >"$w/last.out" 2>&1
    got=$?
    [ "$got" -eq "$want" ] || fail "$what: exit $got, expected $want"
}

"$slsim" image create plain.img >/dev/null || fail "image create"
printf '{"image": "plain.img"}\n' >plain.json

expect_rc 7 "exit code" "$slsim" run --device plain.json -- sh -c 'exit 7'
grep -q "exited with status 7" last.out || fail "no status line"
grep -q "did not start the device" last.out || fail "no 'did not start' line"
expect_rc 143 "signal" "$slsim" run --device plain.json -- sh -c 'kill -TERM $$'
grep -q "killed by signal 15" last.out || fail "no signal message"
expect_rc 0 "environment" "$slsim" run --device plain.json -- sh -c \
    'test "$SLSIM_DEVICE" = "$PWD/plain.json" && test -f "$SLSIM_RUN_REPORT"'
expect_rc 0 "no --" "$slsim" run --device=plain.json true
expect_rc 127 "missing program" "$slsim" run --device plain.json -- ./no-such-program
expect_rc 2 "no device" "$slsim" run -- true
expect_rc 2 "typo" "$slsim" run --devcie plain.json -- true
grep -q "did you mean '--device'" last.out || fail "no suggestion"
expect_rc 2 "no program" "$slsim" run --device plain.json
expect_rc 3 "missing config" "$slsim" run --device nope.json -- true
printf '{"image": "plain.img", "bogus": 1}\n' >bad.json
expect_rc 3 "bad config" "$slsim" run --device bad.json -- true
expect_rc 0 "help" "$slsim" help run
grep -q "^usage: slsim run --device DEV.json" last.out || fail "help run"
expect_rc 0 "--help" "$slsim" run --help
expect_rc 0 "top help" "$slsim" --help
grep -q "^  run " last.out || fail "run not in the command list"

# A device app through the facade: a refused connection is reported as failed.
seed_pki
seed_image
port=1 # nothing listens on loopback port 1
seed_device_json
expect_rc 0 "refused" "$slsim" run --device dev.json --report report.txt -- "$app" -111
grep -q '^sl_Connect: -111$' last.out || fail "no -111"
grep -q '^sl_Start .*SL_RET_CODE_OK (0), profile cc3220s' last.out || fail "no start line"
grep -q '^catalog     ok: ' last.out || fail "no catalog line"
grep -q '127.0.0.1:8883 .*127.0.0.1:1 .*-111  SL_ERROR_BSD_ECONNREFUSED, failed' last.out ||
    fail "no connection line"
grep -q '^1 connection: 0 connected, 0 connected with a warning, 1 failed$' last.out ||
    fail "no totals"
[ "$(cut -f1 report.txt | tr '\n' ' ')" = "start connect stop " ] || fail "report records"
echo "slsim run: ok"
