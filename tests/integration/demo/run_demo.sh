#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Runs scripts/demo.sh on a build tree and checks its final summary; 77 without mosquitto.
# usage: run_demo.sh DEMO_SH BUILD_DIR
set -u
command -v mosquitto >/dev/null 2>&1 && command -v mosquitto_sub >/dev/null 2>&1 ||
    { echo "mosquitto not installed: skipped"; exit 77; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
sh "$1" "$2" >"$out" 2>&1
rc=$?
cat "$out"
[ $rc -eq 0 ] || { echo "FAIL: demo exited $rc"; exit 1; }
grep -q '^demo finished: -468 with the playground catalog (explained by slsim doctor), 0 after installing a catalog that lists the root, [0-9][0-9]* telemetry messages received$' "$out" ||
    { echo "FAIL: no final summary"; exit 1; }
n=$(sed -n 's/.*, \([0-9][0-9]*\) telemetry messages received$/\1/p' "$out")
[ "$n" -ge 28 ] && [ "$n" -le 34 ] || { echo "FAIL: $n telemetry messages, expected 31 +-10%"; exit 1; }
echo "demo: ok"
