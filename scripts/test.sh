#!/bin/sh
# The whole test suite, as CI runs it (README command 2, .ci/run):
#   1. warnings-as-errors build, every ctest label but bench
#   2. ASan + UBSan build, the same tests
#   3. libFuzzer build (clang), a short run of every fuzz target from its corpus
#   4. valgrind over the API and integration tests
#   5. install + an out-of-tree build with pkg-config and with find_package
#   6. clang-format check
# Prints one closing line "summary: N passed, M failed".
set -u
cd "$(dirname "$0")/.."
jobs=${SLSIM_JOBS:-2}
fuzz_secs=${SLSIM_FUZZ_SECONDS:-20}
logdir=$(mktemp -d)
passed=0
failed=0

note() { printf '\n==== %s\n' "$*"; }
count_ctest() {
    # ctest's closing line: "NN% tests passed, F tests failed out of T"
    line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$1" | tail -n 1)
    if [ -z "$line" ]; then
        failed=$((failed + 1))
        return
    fi
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/')
    t=$(echo "$line" | sed -E 's/.* failed out of ([0-9]+).*/\1/')
    passed=$((passed + t - f))
    failed=$((failed + f))
}
step() { # step NAME COMMAND...: a non-ctest check counted as one test
    name=$1
    shift
    if "$@" > "$logdir/$name.log" 2>&1; then
        passed=$((passed + 1))
        echo "ok: $name"
    else
        failed=$((failed + 1))
        echo "FAILED: $name (log follows)"
        tail -n 60 "$logdir/$name.log"
    fi
}

note "1. build with -Werror and run the suite"
cmake -S . -B build-ci -DCMAKE_BUILD_TYPE=Debug -DSLSIM_WERROR=ON > "$logdir/cfg1.log" 2>&1 &&
    cmake --build build-ci -j"$jobs" > "$logdir/build1.log" 2>&1 || {
    tail -n 80 "$logdir/cfg1.log" "$logdir/build1.log"
    echo "summary: $passed passed, $((failed + 1)) failed"
    exit 1
}
ctest --test-dir build-ci -j"$jobs" -LE bench --output-on-failure 2>&1 | tee "$logdir/ctest1.log"
count_ctest "$logdir/ctest1.log"

note "2. ASan + UBSan, optimised (RelWithDebInfo, as README command 1 builds: -O2 warnings too)"
if cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSLSIM_SANITIZE=ON > "$logdir/cfg2.log" 2>&1 &&
    cmake --build build-asan -j"$jobs" > "$logdir/build2.log" 2>&1; then
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
        ctest --test-dir build-asan -j"$jobs" -LE bench --output-on-failure 2>&1 |
        tee "$logdir/ctest2.log"
    count_ctest "$logdir/ctest2.log"
else
    tail -n 80 "$logdir/build2.log"
    failed=$((failed + 1))
fi

note "3. libFuzzer (${fuzz_secs}s per target)"
fuzz_run() {
    CC=clang cmake -S . -B build-fuzz -DSLSIM_FUZZ=ON -DSLSIM_BUILD_TESTS=OFF \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link,address,undefined" || return 1
    cmake --build build-fuzz -j"$jobs" || return 1
    for f in build-fuzz/fuzz/fuzz_*; do
        case "$f" in *_replay) continue ;; esac
        [ -x "$f" ] || continue
        t=$(basename "$f" | sed 's/^fuzz_//')
        work=$(mktemp -d)
        cp fuzz/corpus/"$t"/* "$work"/ 2>/dev/null || true
        echo "fuzzing $t"
        "$f" -max_total_time="$fuzz_secs" -max_len=131072 -timeout=10 -rss_limit_mb=2048 \
            -artifact_prefix="$logdir/$t-" "$work" || return 1
        rm -rf "$work"
    done
}
step libfuzzer fuzz_run

note "4. valgrind"
vg_run() {
    # The TI-API suites and the integration programs that talk to real servers, each run with
    # the exact command line ctest uses (from `ctest --show-only=json-v1`), under valgrind.
    names='^(test_sl_|test_fs_core$|test_sock_plain$|test_sock_tls$|test_matrix$)'
    ctest --test-dir build-ci --show-only=json-v1 > "$logdir/tests.json" || return 1
    python3 - "$logdir/tests.json" "$names" > "$logdir/vg_cmds" <<'PY' || return 1
import json, re, shlex, sys
doc = json.load(open(sys.argv[1]))
for t in doc["tests"]:
    if re.search(sys.argv[2], t["name"]) and t.get("command"):
        wd = next((p["value"] for p in t.get("properties", []) if p["name"] == "WORKING_DIRECTORY"), ".")
        print(wd + "\t" + " ".join(shlex.quote(c) for c in t["command"]))
PY
    while IFS="$(printf '\t')" read -r wd cmd; do
        echo "valgrind $cmd"
        rc=0
        (cd "$wd" && eval "valgrind -q --error-exitcode=99 --leak-check=full \
            --errors-for-leak-kinds=definite $cmd" > /dev/null) || rc=$?
        # 77 = the program skipped itself (a peer such as openssl is missing)
        if [ "$rc" -ne 0 ] && [ "$rc" -ne 77 ]; then
            echo "valgrind: '$cmd' failed with $rc"
            return 1
        fi
    done < "$logdir/vg_cmds"
}
step valgrind vg_run

note "5. install and build a device app out of tree"
step install_pkgconfig sh tests/integration/install_test.sh build-ci

note "6. clang-format"
fmt_check() {
    find src tools tests fuzz examples -name '*.[ch]' -print0 2>/dev/null |
        xargs -0 clang-format --dry-run -Werror
}
step clang_format fmt_check

rm -rf "$logdir"
echo
echo "summary: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
