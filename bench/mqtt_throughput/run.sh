#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# bench/mqtt_throughput/run.sh BUILD_DIR [--qos0-count N] [--qos1-count N] [--inflight W]
#                              [--rounds R] [--out FILE]
#
# The MQTT benchmark of DESIGN.md "Performance targets", end to end:
#  1. a PKI with the built `slsim pki issue` (EC P-256): CA, broker certificate for localhost,
#     client certificate; two device images (publisher, subscriber) holding /cert/ca.der,
#     /cert/client.der, /cert/client-key.der;
#  2. a local mosquitto (`mosquitto -c CONF -d`, pid_file) with one mutual-TLS 1.2 listener on
#     a free loopback port; max_queued_messages 0 and max_inflight_messages 0 so that the broker
#     never drops or throttles a message to the verifying subscriber; stopped on every exit
#     path (trap);
#  3. per QoS (0 and 1) and round: a verifying subscriber (slsim client on its own device,
#     subscription at that QoS, counts every message, checks topic, QoS and payload) and, in
#     turn, the slsim publisher (`bench_mqtt pub`, in-flight window W) and
#     `mosquitto_pub -l -q Q` reading N lines of the same 56-byte JSON payload; each publisher
#     is a child process: end-to-end time from its fork until the subscriber has all N
#     messages, CPU from wait4();
#  4. the report (stdout, and FILE: default bench/results/mqtt-<date>.txt): per QoS the median
#     rate and CPU per message of each publisher over the rounds, the ratios and the targets.
#
# Exit 0 when every run completed (all messages at the subscriber), 1 when one did not, 2 usage /
# not built, 77 (skipped) without mosquitto or mosquitto_pub. It never fails because a number
# is slow.
set -u

usage() {
    echo "usage: sh bench/mqtt_throughput/run.sh BUILD_DIR [--qos0-count N] [--qos1-count N]" >&2
    echo "                                       [--inflight W] [--rounds R] [--out FILE]" >&2
    exit 2
}

[ $# -ge 1 ] || usage
build=$1
shift
n0=50000
n1=20000
inflight=20
rounds=3
out=
while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || usage
    case $1 in
    --qos0-count) n0=$2 ;;
    --qos1-count) n1=$2 ;;
    --inflight) inflight=$2 ;;
    --rounds) rounds=$2 ;;
    --out) out=$2 ;;
    *) usage ;;
    esac
    shift 2
done
for v in "$n0" "$n1" "$inflight" "$rounds"; do
    case $v in '' | *[!0-9]* | 0) usage ;; esac
done

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$build/bench/mqtt_throughput/bench_mqtt
cli=$build/slsim
if [ ! -x "$bin" ] || [ ! -x "$cli" ]; then
    echo "run.sh: build first: $bin and $cli are missing" >&2
    exit 2
fi
[ -n "$out" ] || out=$root/bench/results/mqtt-$(date -u +%Y-%m-%d).txt

# MOSQUITTO / MOSQUITTO_PUB name other binaries.
mosq=${MOSQUITTO:-$(command -v mosquitto 2>/dev/null || true)}
for d in /usr/sbin /usr/local/sbin /sbin; do
    [ -n "$mosq" ] || { [ -x "$d/mosquitto" ] && mosq=$d/mosquitto; }
done
mpub=${MOSQUITTO_PUB:-$(command -v mosquitto_pub 2>/dev/null || true)}
if [ -z "$mosq" ] || [ -z "$mpub" ]; then
    echo "run.sh: skipped: mosquitto or mosquitto_pub not found (Debian: apt-get install" \
        "mosquitto mosquitto-clients)" >&2
    exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/slsim-bench-mqtt.XXXXXX") || exit 1
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
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
    return 0
}
cleanup() {
    stop_broker
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# shellcheck source=../bench_lib.sh
. "$here/../bench_lib.sh"

# ---- 1. PKI and devices -----------------------------------------------------------------------

d=$work/pki
make_pki() {
    "$cli" pki issue "$d" --ca NONE --cn "slsim bench mqtt CA" --name ca --key-type ec-p256 \
        --pem --days 2 &&
        "$cli" pki issue "$d" --ca ca --cn localhost --dns localhost --name broker \
            --key-type ec-p256 --pem --days 2 &&
        "$cli" pki issue "$d" --ca ca --cn "slsim bench client" --name client \
            --key-type ec-p256 --pem --days 2 || return 1
    for dev in pub sub; do
        "$cli" image create "$work/$dev.img" &&
            "$cli" fs put "$work/$dev.img" "$d/ca" /cert/ca.der &&
            "$cli" fs put "$work/$dev.img" "$d/client" /cert/client.der &&
            "$cli" fs put "$work/$dev.img" "$d/client-key" /cert/client-key.der &&
            printf '{"image": "%s.img"}\n' "$dev" >"$work/$dev.json" || return 1
    done
}
if ! make_pki >"$work/setup.log" 2>&1; then
    cat "$work/setup.log" >&2
    echo "run.sh: cannot make the PKI or the device images" >&2
    exit 1
fi

# ---- 2. the broker ----------------------------------------------------------------------------

port=$("$bin" free-port) || { echo "run.sh: no free port" >&2; exit 1; }
{
    echo "pid_file $pidfile"
    echo "user $(id -un)" # kept when run as root (otherwise it would switch to 'mosquitto')
    echo "persistence false"
    echo "allow_anonymous true"
    echo "max_queued_messages 0"
    echo "max_inflight_messages 0"
    echo "log_dest file $work/mosquitto.log"
    echo "log_type error"
    echo "log_type warning"
    echo "connection_messages false"
    echo "listener $port 127.0.0.1"
    echo "cafile $d/ca.pem"
    echo "certfile $d/broker.pem"
    echo "keyfile $d/broker-key.pem"
    echo "require_certificate true"
    echo "tls_version tlsv1.2"
} >"$work/mosquitto.conf"
"$mosq" -c "$work/mosquitto.conf" -d >"$work/mosquitto.out" 2>&1
i=0
while [ ! -s "$pidfile" ] && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
done
if [ ! -s "$pidfile" ]; then
    cat "$work/mosquitto.out" "$work/mosquitto.log" >&2 2>/dev/null
    echo "run.sh: mosquitto did not start within 10 s" >&2
    exit 1
fi
sleep 0.2

# ---- 3. measurements --------------------------------------------------------------------------

tmo() { # tmo SECONDS CMD...: bounded by coreutils timeout when there is one
    if command -v timeout >/dev/null 2>&1; then timeout "$@"; else shift; "$@"; fi
}

payload=$("$bin" payload)
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

# measure QOS N WHO ROUND: one publisher run verified by the subscriber; kv in $work/QOS-WHO-ROUND.kv
measure() {
    q=$1
    n=$2
    who=$3
    r=$4
    f=$work/q$q-$who-$r
    topic=slsim/bench/q$q/$who/$r
    case $who in
    slsim)
        set -- "$bin" pub "$work/pub.json" "$port" --qos "$q" --count "$n" --topic "$topic" \
            --inflight "$inflight"
        stdin=/dev/null
        ;;
    mosquitto_pub)
        set -- "$mpub" -h localhost -p "$port" -q "$q" -t "$topic" -l -i "mosq-bench-pub" \
            --cafile "$d/ca.pem" --cert "$d/client.pem" --key "$d/client-key.pem" \
            --tls-version tlsv1.2
        stdin=$work/lines-$n
        ;;
    esac
    tmo 400 "$bin" run "$work/sub.json" "$port" --qos "$q" --count "$n" --topic "$topic" \
        --stdin "$stdin" -- "$@" >"$f.kv" 2>"$f.err" || fail "q$q $who round $r"
    kv "$f.kv" rate >"$f.rate"
    kv "$f.kv" cpu_us_per_msg >"$f.cpu"
    echo "  q$q $who round $r: $(kv "$f.kv" received)/$n received, $(kv "$f.kv" rate) msg/s," \
        "$(kv "$f.kv" cpu_us_per_msg) us CPU/msg" >&2
}

for n in "$n0" "$n1"; do
    [ -f "$work/lines-$n" ] && continue
    awk -v n="$n" -v p="$payload" 'BEGIN { for (i = 0; i < n; i++) print p }' >"$work/lines-$n"
done

r=1
while [ $r -le "$rounds" ]; do
    # alternate who goes first, so that neither always runs on a warmer broker
    if [ $((r % 2)) -eq 1 ]; then order="slsim mosquitto_pub"; else order="mosquitto_pub slsim"; fi
    for who in $order; do measure 0 "$n0" "$who" "$r"; done
    for who in $order; do measure 1 "$n1" "$who" "$r"; done
    r=$((r + 1))
done

# ---- 4. the report ----------------------------------------------------------------------------

host_cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)

table() { # table QOS N
    q=$1
    n=$2
    rs=$(median "$work"/q"$q"-slsim-*.rate)
    rm_=$(median "$work"/q"$q"-mosquitto_pub-*.rate)
    cs=$(median "$work"/q"$q"-slsim-*.cpu)
    cm=$(median "$work"/q"$q"-mosquitto_pub-*.cpu)
    rate_ratio=$(calc 'a / b' a="$rs" b="$rm_")
    cpu_ratio=$(calc 'a / b' a="$cs" b="$cm")
    echo "QoS $q: $n messages per run, median of $rounds rounds"
    printf '  %-36s %14s %14s %10s\n' "" "slsim" "mosquitto_pub" "ratio"
    printf '  %-36s %14s %14s %10s\n' "end-to-end rate (msg/s)" "$rs" "$rm_" "$rate_ratio"
    printf '  %-36s %14s %14s %10s\n' "publisher CPU per message (us)" "$cs" "$cm" "$cpu_ratio"
    for who in slsim mosquitto_pub; do
        all=
        for f in "$work"/q"$q"-"$who"-*.kv; do
            all="$all $(kv "$f" rate)/$(kv "$f" cpu_us_per_msg)"
        done
        printf '  %-36s %s\n' "$who rounds (msg/s / us CPU)" "$all"
    done
    if [ "$q" = 0 ]; then
        awk -v a="$rate_ratio" -v b="$cpu_ratio" 'BEGIN {
            if (a == "-" || b == "-") { print "  target: no ratio (a run failed)"; exit }
            printf "  target rate ratio >= 1.0: %s; CPU ratio <= 0.5: %s\n",
                   (a >= 1.0 ? "met" : "NOT met"), (b <= 0.5 ? "met" : "NOT met") }'
    else
        awk -v a="$rate_ratio" 'BEGIN {
            if (a == "-") { print "  target: no ratio (a run failed)"; exit }
            printf "  target rate ratio >= 1.5: %s\n", (a >= 1.5 ? "met" : "NOT met") }'
    fi
}

report() {
    echo "slsim bench/mqtt_throughput: publish through a local mosquitto with mutual TLS 1.2"
    echo "date       $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "host       $(uname -m), $(nproc) CPUs, ${host_cpu:-unknown CPU}, Linux $(uname -r), load $load_start at start"
    echo "versions   slsim $("$cli" --version | awk '{ print $2 }'), $("$mosq" -h 2>/dev/null | awk 'NR == 1 { print $1, $3 }'), $("$mpub" --help 2>/dev/null | awk '/ version / { print $1, $3; exit }')"
    echo "run        payload $payload (56 B), topics slsim/bench/qQ/WHO/ROUND; EC P-256 certificates,"
    echo "           broker: require_certificate, max_queued_messages 0, max_inflight_messages 0;"
    echo "           slsim: bench_mqtt pub on an emulated device, in-flight window $inflight;"
    echo "           mosquitto_pub -l -q Q --tls-version tlsv1.2 (its in-flight window: 20);"
    echo "           each run: a child process, wall from fork until the verifying subscriber (slsim"
    echo "           client, own device) has every message; CPU = child user+sys from wait4()"
    echo
    table 0 "$n0"
    echo
    table 1 "$n1"
    echo
    if [ -n "$failed" ]; then
        echo "failed:$failed"
    else
        echo "every run complete: the subscriber received every message"
    fi
}

mkdir -p "$(dirname "$out")"
report | tee "$out"
[ -z "$failed" ]
