# SPDX-License-Identifier: BSD-3-Clause
# Sourced by the CLI integration scripts (POSIX sh):
#   cli_setup TAG "$@"   checks the SLSIM argument, sets SLSIM and enters a temp dir removed at
#                        exit; then fail WHAT, run EXPECTED_EXIT ARGS..., and $failures.

cli_setup() {
    _tag=$1
    shift
    if [ $# -ne 1 ]; then
        echo "usage: $0 SLSIM" >&2
        exit 2
    fi
    SLSIM=$1
    LC_ALL=C
    export LC_ALL
    work=$(mktemp -d "${TMPDIR:-/tmp}/slsim-$_tag.XXXXXX") || exit 1
    trap 'rm -rf "$work"' EXIT
    trap 'exit 1' INT TERM
    cd "$work" || exit 1
    failures=0
}

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# run EXPECTED_EXIT CMD...: runs slsim, keeps its output in out.log, checks the exit code.
run() {
    want=$1
    shift
    "$SLSIM" "$@" >out.log 2>&1
    got=$?
    if [ "$got" -ne "$want" ]; then
        fail "slsim $* exited $got, expected $want"
        sed 's/^/    /' out.log >&2
    fi
}
