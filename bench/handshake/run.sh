#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# bench/handshake/run.sh BUILD_DIR [--count N] [--time S] [--round-s S] [--rows "rsa ec"]
#                        [--out FILE]
#
# The TLS connect benchmark of DESIGN.md "Performance targets", end to end:
#  1. a PKI per row with the built `slsim pki issue` (RSA-2048, and EC P-256 as a second row):
#     CA, broker certificate for localhost, client certificate; a device image holding
#     /cert/ca.der, /cert/client.der, /cert/client-key.der (`slsim image create`, `slsim fs put`);
#  2. a local mosquitto (`mosquitto -c CONF -d`, pid_file) with one TLS listener per row on a
#     free loopback port, require_certificate true; stopped on every exit path (trap);
#  3. N mutual-TLS 1.2 connects through slsim's TI API on one device: client CPU and wall time
#     per handshake;
#  4. in the same process (bench_handshake run), interleaved with 3 in rounds: the mbedTLS
#     primitives of that handshake measured with mbedTLS alone, and N handshakes of a plain
#     mbedTLS client (credentials parsed once);
#  5. `openssl s_time -new` against the same listener, as the peer figure;
#  6. the report (stdout, and FILE: default bench/results/handshake-<date>.txt).
#
# Exit 0 when every step ran, 1 when one failed (the report says which; the other figures
# are still measured), 2 usage / not built, 77 (skipped) without mosquitto or openssl.
# This is a benchmark: it never fails because a number is slow.
set -u

usage() {
    echo "usage: sh bench/handshake/run.sh BUILD_DIR [--count N] [--time S] [--round-s S]" >&2
    echo "                                 [--rows \"rsa ec\"] [--out FILE]" >&2
    exit 2
}

[ $# -ge 1 ] || usage
build=$1
shift
count=200
stime=5
round_s=0.2
rows="rsa ec"
out=
while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || usage
    case $1 in
    --count) count=$2 ;;
    --time) stime=$2 ;;
    --round-s) round_s=$2 ;;
    --rows) rows=$2 ;;
    --out) out=$2 ;;
    *) usage ;;
    esac
    shift 2
done
case $count in '' | *[!0-9]* | 0) usage ;; esac
case $stime in '' | *[!0-9]* | 0) usage ;; esac
for r in $rows; do
    case $r in rsa | ec) ;; *) usage ;; esac
done

# slsim's run report (`slsim run`) would add a file write to every connect measured here.
unset SLSIM_RUN_REPORT

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$build/bench/handshake/bench_handshake
cli=$build/slsim
if [ ! -x "$bin" ] || [ ! -x "$cli" ]; then
    echo "run.sh: build first: $bin and $cli are missing" >&2
    exit 2
fi
[ -n "$out" ] || out=$root/bench/results/handshake-$(date -u +%Y-%m-%d).txt

# MOSQUITTO / OPENSSL name other binaries (a value that is not executable skips the run).
mosq=${MOSQUITTO:-$(command -v mosquitto 2>/dev/null || true)}
for d in /usr/sbin /usr/local/sbin /sbin; do
    [ -n "$mosq" ] || { [ -x "$d/mosquitto" ] && mosq=$d/mosquitto; }
done
if [ -z "$mosq" ] || ! command -v "$mosq" >/dev/null 2>&1; then
    echo "run.sh: skipped: mosquitto not found (Debian: apt-get install mosquitto)" >&2
    exit 77
fi
openssl=${OPENSSL:-openssl}
if ! command -v "$openssl" >/dev/null 2>&1; then
    echo "run.sh: skipped: openssl not found" >&2
    exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/slsim-bench-hs.XXXXXX") || exit 1
pidfile=$work/mosquitto.pid

# Stops the broker this script started (the pid in its own pid_file, checked to be mosquitto),
# waiting at most 5 s before SIGKILL.
stop_broker() {
    [ -f "$pidfile" ] || return 0
    pid=$(cat "$pidfile" 2>/dev/null)
    rm -f "$pidfile"
    case $pid in '' | *[!0-9]*) return 0 ;; esac
    if [ -r "/proc/$pid/comm" ] && ! grep -q mosquitto "/proc/$pid/comm"; then
        return 0
    fi
    kill "$pid" 2>/dev/null || return 0
    i=0
    while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 50 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
    return 0
}
# The measurement running now: started in the background and waited for, so that a signal
# interrupts the wait at once (a foreground child would delay the trap until it ends). The
# background job is the command itself (or coreutils timeout, which passes signals on), never
# a subshell, so that $child is the process to stop.
child=
have_timeout=
command -v timeout >/dev/null 2>&1 && have_timeout=yes
run_child() { # run_child SECONDS OUT ERR CMD...: CMD bounded by SECONDS when timeout exists
    lim=$1
    o=$2
    e=$3
    shift 3
    if [ -n "$have_timeout" ]; then
        timeout "$lim" "$@" >"$o" 2>"$e" &
    else
        "$@" >"$o" 2>"$e" &
    fi
    child=$!
    wait "$child"
    st=$?
    child=
    return $st
}
cleanup() {
    if [ -n "$child" ]; then
        kill "$child" 2>/dev/null
        wait "$child" 2>/dev/null
    fi
    stop_broker
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# shellcheck source=../bench_lib.sh
. "$here/../bench_lib.sh"

# ---- 1. PKI and device per row ----------------------------------------------------------------

row_keytype() { case $1 in rsa) echo rsa2048 ;; ec) echo ec-p256 ;; esac; }
row_suite() { case $1 in rsa) echo rsa ;; ec) echo ecdsa ;; esac; }
row_cipher() {
    case $1 in rsa) echo ECDHE-RSA-AES128-GCM-SHA256 ;; ec) echo ECDHE-ECDSA-AES128-GCM-SHA256 ;; esac
}
row_label() { case $1 in rsa) echo RSA-2048 ;; ec) echo "EC P-256" ;; esac; }

make_row() {
    d=$work/$1
    kt=$(row_keytype "$1")
    {
        "$cli" pki issue "$d" --ca NONE --cn "slsim bench $1 CA" --name ca --key-type "$kt" \
            --pem --days 2 &&
            "$cli" pki issue "$d" --ca ca --cn localhost --dns localhost --name broker \
                --key-type "$kt" --pem --days 2 &&
            "$cli" pki issue "$d" --ca ca --cn "slsim bench client" --name client \
                --key-type "$kt" --pem --days 2 &&
            "$cli" image create "$d/dev.img" &&
            "$cli" fs put "$d/dev.img" "$d/ca" /cert/ca.der &&
            "$cli" fs put "$d/dev.img" "$d/client" /cert/client.der &&
            "$cli" fs put "$d/dev.img" "$d/client-key" /cert/client-key.der &&
            printf '{"image": "dev.img"}\n' >"$d/dev.json"
    } >"$work/$1.setup.log" 2>&1
}

for r in $rows; do
    if ! make_row "$r"; then
        cat "$work/$r.setup.log" >&2
        echo "run.sh: cannot make the $r PKI or device image" >&2
        exit 1
    fi
done

# ---- 2. the broker ----------------------------------------------------------------------------

{
    echo "pid_file $pidfile"
    echo "user $(id -un)" # kept when run as root (otherwise it would switch to 'mosquitto')
    echo "persistence false"
    echo "allow_anonymous true"
    echo "log_dest file $work/mosquitto.log"
    echo "log_type error"
    echo "log_type warning"
    echo "connection_messages false"
} >"$work/mosquitto.conf"
for r in $rows; do
    port=$("$bin" free-port) || { echo "run.sh: no free port" >&2; exit 1; }
    eval "port_$r=$port"
    d=$work/$r
    {
        echo "listener $port 127.0.0.1"
        echo "cafile $d/ca.pem"
        echo "certfile $d/broker.pem"
        echo "keyfile $d/broker-key.pem"
        echo "require_certificate true"
        echo "tls_version tlsv1.2"
    } >>"$work/mosquitto.conf"
done

"$mosq" -c "$work/mosquitto.conf" -d >"$work/mosquitto.out" 2>&1
for r in $rows; do
    eval "port=\$port_$r"
    if ! "$bin" wait-port "$port" 10000; then
        cat "$work/mosquitto.out" "$work/mosquitto.log" >&2 2>/dev/null
        echo "run.sh: mosquitto did not listen on 127.0.0.1:$port within 10 s" >&2
        exit 1
    fi
done
i=0
while [ ! -s "$pidfile" ] && [ "$i" -lt 50 ]; do
    sleep 0.1
    i=$((i + 1))
done
[ -s "$pidfile" ] || echo "run.sh: warning: mosquitto wrote no pid file; it may outlive this run" >&2

# ---- 3-5. measurements ------------------------------------------------------------------------

# DelayedACKs of TcpExt (/proc/net/netstat): delayed-ACK timers that fired, system-wide.
delacks() {
    awk '/^TcpExt:/ { if (!h) { for (i = 1; i <= NF; i++) n[i] = $i; h = 1 }
                      else { for (i = 1; i <= NF; i++) if (n[i] == "DelayedACKs") print $i } }' \
        /proc/net/netstat 2>/dev/null
}

# Seconds of CPU (user + sys) of this shell's waited-for children so far: `times` must run in
# this shell, not in a $(...) subshell, so it writes to a file.
child_cpu() {
    times >"$work/times"
    awk 'NR == 2 { s = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]);
         s += p[1] * 60 + p[2] } printf "%.4f", s }' "$work/times"
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
for r in $rows; do
    eval "port=\$port_$r"
    d=$work/$r
    a0=$(delacks)
    run_child 1800 "$work/$r.kv" "$work/$r.err" "$bin" run "$d/dev.json" "$port" \
        --pki "$d" --count "$count" --suite "$(row_suite "$r")" --round-s "$round_s" ||
        fail "bench_handshake run ($r)"
    a1=$(delacks)
    echo "delacks=$(calc 'b - a' a="$a0" b="$a1")" >>"$work/$r.kv"
    child_cpu >"$work/c0"
    w0=$(date +%s%N)
    run_child $((stime + 60)) "$work/$r.stime" "$work/$r.stime.err" "$openssl" s_time \
        -connect "127.0.0.1:$port" -cert "$d/client.pem" -key "$d/client-key.pem" \
        -CAfile "$d/ca.pem" -new -time "$stime" -tls1_2 -cipher "$(row_cipher "$r")" -verify 2 ||
        fail "openssl s_time ($r)"
    w1=$(date +%s%N)
    child_cpu >"$work/c1"
    awk -v c="$(calc 'b - a' a="$(cat "$work/c0")" b="$(cat "$work/c1")")" -v w="$(calc '(b - a) / 1e9' a="$w0" b="$w1")" '
        / connections in .*connections\/user sec/ {
            n = $1; u = $4; sub("s;", "", u); rate = $5 }
        END { print "n=" n; print "user_s=" u; print "rate_user=" rate;
              print "cpu_s=" c; print "wall_s=" w }' "$work/$r.stime" >"$work/$r.stime.kv"
    [ -n "$(kv "$work/$r.stime.kv" n)" ] || fail "openssl s_time result ($r)"
done

# ---- 6. the report ----------------------------------------------------------------------------

host_cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
# shellcheck disable=SC2086 # the rows are words
first=$(set -- $rows; echo "$1")
mbed_version=$(kv "$work/$first.kv" mbedtls.version)

line() { # line LABEL VALUE... (one column per row)
    label=$1
    shift
    printf '%-50s' "$label"
    for v in "$@"; do printf '%-24s' "$v"; done
    printf '\n'
}

# per-row values: val ROW EXPR-KIND
val() {
    s=$work/$1.kv
    m=$work/$1.kv
    t=$work/$1.stime.kv
    case $2 in
    label) row_label "$1" ;;
    n) kv "$s" slsim.cpu_ms.n ;;
    cpu_mean) calc 'x' x="$(kv "$s" slsim.cpu_ms.mean)" ;;
    cpu_median) calc 'x' x="$(kv "$s" slsim.cpu_ms.median)" ;;
    cpu_p95) calc 'x' x="$(kv "$s" slsim.cpu_ms.p95)" ;;
    cpu_connect) calc 'x' x="$(kv "$s" slsim.cpu_connect_ms.mean)" ;;
    user_sys) echo "$(calc 'u * 1000 / n' u="$(kv "$s" slsim.user_s)" n="$(kv "$s" slsim.cpu_ms.n)") / $(calc 'y * 1000 / n' y="$(kv "$s" slsim.sys_s)" n="$(kv "$s" slsim.cpu_ms.n)")" ;;
    sum) calc 'x / 1000' x="$(kv "$m" prim.sum.us)" ;;
    ratio) calc 'c / (p / 1000)' c="$(kv "$s" slsim.cpu_ms.mean)" p="$(kv "$m" prim.sum.us)" ;;
    ratio_median) calc 'c / (p / 1000)' c="$(kv "$s" slsim.cpu_ms.median)" p="$(kv "$m" prim.sum.us)" ;;
    wall) echo "$(fmt %.1f "$(kv "$s" slsim.wall_ms.median)") / $(fmt %.1f "$(kv "$s" slsim.wall_ms.p95)") / $(fmt %.1f "$(kv "$s" slsim.wall_ms.max)")" ;;
    stalls) echo "$(kv "$s" slsim.stalls) (> $(fmt %.1f "$(kv "$s" slsim.stall_threshold_ms)") ms)" ;;
    over20) kv "$s" slsim.over_20ms ;;
    sends) echo "$(fmt %.2f "$(kv "$s" slsim.sends.mean)") / $(fmt %.0f "$(kv "$s" slsim.sends.max)")" ;;
    maxwait) echo "$(fmt %.2f "$(kv "$s" slsim.max_wait_ms.median)") / $(fmt %.2f "$(kv "$s" slsim.max_wait_ms.max)")" ;;
    wait) fmt %.2f "$(kv "$s" slsim.wait_ms.mean)" ;;
    delack) kv "$s" slsim.delack_waits ;;
    delacks) fmt %.0f "$(kv "$s" delacks)" ;;
    ref_cpu) calc 'x' x="$(kv "$m" ref.cpu_ms.mean)" ;;
    ref_wall) echo "$(fmt %.1f "$(kv "$m" ref.wall_ms.median)") / $(fmt %.1f "$(kv "$m" ref.wall_ms.p95)") / $(fmt %.1f "$(kv "$m" ref.wall_ms.max)")" ;;
    ref_ratio) calc 'c / (p / 1000)' c="$(kv "$m" ref.cpu_ms.mean)" p="$(kv "$m" prim.sum.us)" ;;
    st_n) kv "$t" n ;;
    st_rate) calc 'n / w' n="$(kv "$t" n)" w="$(kv "$t" wall_s)" ;;
    st_wall) calc 'w * 1000 / n' n="$(kv "$t" n)" w="$(kv "$t" wall_s)" ;;
    st_user) echo "$(kv "$t" rate_user) ($(calc '1000 / r' r="$(kv "$t" rate_user)") ms)" ;;
    st_cpu) calc 'c * 1000 / n' c="$(kv "$t" cpu_s)" n="$(kv "$t" n)" ;;
    curve) kv "$m" probe.curve ;;
    certs) kv "$m" probe.peer_certs ;;
    esac
}

row_line() { # row_line LABEL KIND
    label=$1
    kind=$2
    set --
    for r in $rows; do set -- "$@" "$(val "$r" "$kind")"; done
    line "$label" "$@"
}

verdict() {
    for r in $rows; do
        x=$(val "$r" ratio)
        case $x in
        -) echo "  $(row_label "$r"): no ratio (a measurement failed)" ;;
        *) awk -v x="$x" -v l="$(row_label "$r")" 'BEGIN { printf "  %s: ratio %.2f, target <= 1.2: %s\n", l, x, (x <= 1.2 ? "met" : "NOT met") }' ;;
        esac
    done
}

us() { calc x x="$(kv "$1" "prim.$2.us")"; }

accounting() { # accounting ROW
    m=$work/$1.kv
    s=$work/$1.kv
    sign=$(us "$m" sign)
    ver=$(us "$m" verify)
    ske=$(us "$m" ske_verify)
    ecdhe=$(us "$m" ecdhe)
    misc=$(us "$m" misc)
    nv=$(kv "$m" prim.chain_verifies)
    bytes=$(calc 'a + b' a="$(kv "$m" probe.bytes_out)" b="$(kv "$m" probe.bytes_in)")
    echo "$(row_label "$1"): $(kv "$m" probe.suite), $(kv "$m" probe.version), ECDHE group $(kv "$m" probe.curve) (the broker's choice from mbedTLS's default list), $(kv "$m" probe.peer_certs) certificate(s) sent by the broker"
    printf '  %-58s %3s x %10s us\n' "CertificateVerify: sign with the client key" 1 "$sign"
    printf '  %-58s %3s x %10s us\n' "chain: broker cert signature by the CA (device CA file)" "$nv" "$ver"
    printf '  %-58s %3s x %10s us\n' "ServerKeyExchange signature verify (broker key)" 1 "$ske"
    printf '  %-58s %3s x %10s us\n' "ECDHE $(kv "$m" probe.curve): key generation + shared secret" 1 "$ecdhe"
    printf '  %-58s %3s x %10s us\n' "hashes (${bytes%.*} B transcript), TLS PRF, AES-128-GCM Finished" 1 "$misc"
    printf '  %-58s %16s us\n' "sum" "$(us "$m" sum)"
    echo "  not in the sum (per-connect costs of credentials read from files; beside the table):"
    printf '  %-58s %16s us\n' "parse client key (DER)" "$(us "$m" parse_key)"
    printf '  %-58s %16s us\n' "sign with a freshly parsed key (parse + first sign)" "$(us "$m" sign_cold)"
    printf '  %-58s %16s us\n' "  => first private-key operation on a new context costs" "$(calc 'c - k - s' c="$(us "$m" sign_cold)" k="$(us "$m" parse_key)" s="$sign")"
    printf '  %-58s %16s us\n' "parse CA + broker cert, then verify (fresh contexts)" "$(us "$m" verify_cold)"
    printf '  %-58s %16s us\n' "parse one certificate (DER)" "$(us "$m" parse_cert)"
    printf '  %-58s %16s us\n' "mbedtls_pk_check_pair (client cert/key)" "$(us "$m" check_pair)"
    printf '  %-58s %16s us\n' "CTR_DRBG seeded from getrandom()" "$(us "$m" drbg_seed)"
    printf '  %-58s %16s us\n' "ECDH key generation alone / shared secret alone" "$(us "$m" ecdh_keygen) / $(us "$m" ecdh_shared)"
    printf '  %-58s %16s us\n' "ECDHE on secp256r1 instead (keygen + shared)" "$(us "$m" ecdhe_p256)"
    printf '  slsim CPU beyond the sum: %s ms/handshake (mean)\n' "$(calc 'c - p / 1000' c="$(kv "$s" slsim.cpu_ms.mean)" p="$(kv "$m" prim.sum.us)")"
}

report() {
    echo "slsim bench/handshake: mutual-TLS 1.2 connects through the TI API to a local mosquitto"
    echo "date       $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "host       $(uname -m), $(nproc) CPUs, ${host_cpu:-unknown CPU}, Linux $(uname -r), load $load_start at start"
    echo "versions   slsim $("$cli" --version | awk '{ print $2 }'), mbedTLS $mbed_version, $("$openssl" version), $("$mosq" -h 2>/dev/null | awk 'NR == 1 { print $1, $3 }')"
    echo "run        $count handshakes per row (after 5 warm-up) on one cc3220s device: /cert/ca.der, /cert/client.der,"
    echo "           /cert/client-key.der, store disabled, domain localhost; in $(kv "$work/$first.kv" run.rounds) interleaved rounds of slsim"
    echo "           connects, plain mbedTLS handshakes and ${round_s} s CPU of each primitive (a primitive = its median"
    echo "           round); then openssl s_time -new -time $stime -tls1_2 -verify 2"
    echo
    row_line "" label
    row_line "handshakes (slsim)" n
    row_line "slsim client CPU ms/handshake (mean)" cpu_mean
    row_line "  median" cpu_median
    row_line "  p95" cpu_p95
    row_line "  sl_Connect alone (mean)" cpu_connect
    row_line "  user / sys ms (getrusage)" user_sys
    row_line "primitive sum ms (mbedTLS alone)" sum
    row_line "ratio slsim mean / sum (target <= 1.2)" ratio
    row_line "ratio slsim median / sum" ratio_median
    row_line "slsim wall ms/handshake median / p95 / max" wall
    row_line "handshakes > median + 30 ms (wall outliers)" stalls
    row_line "handshakes with wall > 20 ms" over20
    row_line "send() calls per connect (mean / max)" sends
    row_line "time blocked in poll() ms/connect (mean)" wait
    row_line "longest poll() wait ms (median / max)" maxwait
    row_line "connects with a poll() wait >= 35 ms" delack
    row_line "TcpExt DelayedACKs during the run (host-wide)" delacks
    row_line "plain mbedTLS client CPU ms/handshake" ref_cpu
    row_line "  ratio to the primitive sum" ref_ratio
    row_line "  wall ms median / p95 / max" ref_wall
    row_line "openssl s_time connections (-time $stime)" st_n
    row_line "openssl s_time connections/s (wall)" st_rate
    row_line "  derived wall ms/handshake" st_wall
    row_line "  connections/user sec (its own figure)" st_user
    row_line "  client CPU ms/handshake (user+sys)" st_cpu
    echo
    echo "target (DESIGN.md): client CPU per handshake <= 1.2 x the sum of mbedTLS's primitive costs"
    verdict
    echo "target (DESIGN.md): no handshake waits on a delayed ACK (a wait of >= 40 ms in poll())"
    for r in $rows; do
        n=$(kv "$work/$r.kv" slsim.delack_waits)
        case $n in
        '') echo "  $(row_label "$r"): not measured" ;;
        0) echo "  $(row_label "$r"): met (no poll() wait >= 35 ms; $(fmt %.2f "$(kv "$work/$r.kv" slsim.sends.mean)") send() calls per connect)" ;;
        *) echo "  $(row_label "$r"): $n connects waited >= 35 ms in poll(): check (delayed ACK or a descheduled broker)" ;;
        esac
    done
    echo
    echo "accounting of the primitive sum (client side only; the broker's work is another process)"
    for r in $rows; do accounting "$r"; echo; done
    if [ -n "$failed" ]; then
        echo "FAILED:$failed"
        for r in $rows; do
            [ -s "$work/$r.err" ] && sed 's/^/  /' "$work/$r.err"
            [ -n "$(kv "$work/$r.stime.kv" n)" ] ||
                tail -n 5 "$work/$r.stime" "$work/$r.stime.err" | sed 's/^/  s_time: /'
            [ -z "$(kv "$work/$r.kv" slsim.failed_at)" ] ||
                echo "  slsim: connect $(kv "$work/$r.kv" slsim.failed_at) returned $(fmt %.0f "$(kv "$work/$r.kv" slsim.failed_code)")"
        done
    fi
}

mkdir -p "$(dirname "$out")" 2>/dev/null
report | tee "$out"
echo "(recorded in $out)" >&2
[ -z "$failed" ] || exit 1
exit 0
