#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# Golden test of the slsim CLI: runs one case file and compares its transcript with the
# expected one.
#
#   run_cli_golden.sh SLSIM CASE.cmd EXPECTED.out
#
# A case file holds shell command lines (blank lines and '#' comments are skipped), run one by
# one in a fresh temporary directory with 'slsim' bound to the built binary. The transcript
# shows, per line, "$ <line>", everything the command wrote to stdout and stderr (merged, in
# order), and "[exit N]". Values that are random by design (tokens other than a vendor master
# token) are replaced by <random>.
#
# SLSIM_GOLDEN_UPDATE=1 rewrites EXPECTED.out from the actual transcript instead of comparing:
#   SLSIM_GOLDEN_UPDATE=1 ctest --test-dir build -L golden
set -u

if [ $# -ne 3 ]; then
    echo "usage: $0 SLSIM CASE.cmd EXPECTED.out" >&2
    exit 2
fi
SLSIM_BIN=$1
case_file=$2
expected=$3

if [ ! -x "$SLSIM_BIN" ]; then
    echo "$0: '$SLSIM_BIN' is not built (cmake --build <dir> --target slsim_cli)" >&2
    exit 1
fi

# Stable host messages (strerror) and sorting.
LC_ALL=C
export LC_ALL

work=$(mktemp -d "${TMPDIR:-/tmp}/slsim-golden.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM
mkdir "$work/run"

slsim() {
    "$SLSIM_BIN" "$@"
}

transcript() {
    while IFS= read -r line <&3; do
        case $line in
        '' | '#'*) continue ;;
        esac
        printf '$ %s\n' "$line"
        (eval "$line") </dev/null 2>&1
        printf '[exit %d]\n' "$?"
    done 3<"$case_file"
}

(cd "$work/run" && transcript) |
    sed -E \
        -e 's/^(token (write-read|write-only|read-only) +)0x[0-9a-f]{8}$/\1<random>/' \
        -e 's/^([[:space:]]*"(write_read|write_only|read_only)":[[:space:]]*)[0-9]+/\1<random>/' \
        >"$work/actual"

if [ "${SLSIM_GOLDEN_UPDATE:-0}" = 1 ]; then
    cp "$work/actual" "$expected" || exit 1
    echo "updated $expected"
    exit 0
fi
if ! diff -u "$expected" "$work/actual"; then
    echo "$0: transcript of $case_file differs from $expected" >&2
    echo "(if the change is intended: SLSIM_GOLDEN_UPDATE=1 ctest -L golden)" >&2
    exit 1
fi
exit 0
