# SPDX-License-Identifier: BSD-3-Clause
# Sourced helper (POSIX sh): a throw-away mosquitto with a mutual-TLS listener on a free
# loopback port, for scripts/demo.sh and the integration tests.
#   broker_start DIR CA.pem CERT.pem KEY.pem   sets BROKER_PORT and BROKER_PID (0 ok, 1 failed)
#   broker_stop                                 kills it (safe to call twice; use it in a trap)
# The port comes from bind(port 0) (perl-base, always present on Debian); the daemon writes a
# pid_file, and every wait is bounded.

BROKER_PID=
BROKER_PORT=
BROKER_DIR=

broker_free_port() {
    perl -MIO::Socket::INET -e \
        'my $s = IO::Socket::INET->new(Listen => 1, LocalAddr => "127.0.0.1", LocalPort => 0,
         Proto => "tcp") or exit 1; print $s->sockport, "\n";'
}

broker_stop() {
    if [ -z "$BROKER_PID" ] && [ -n "$BROKER_DIR" ] && [ -s "$BROKER_DIR/mosquitto.pid" ]; then
        BROKER_PID=$(cat "$BROKER_DIR/mosquitto.pid")
    fi
    if [ -n "$BROKER_PID" ]; then
        kill "$BROKER_PID" 2>/dev/null || true
        _i=0
        while kill -0 "$BROKER_PID" 2>/dev/null && [ $_i -lt 50 ]; do
            sleep 0.1
            _i=$((_i + 1))
        done
        kill -9 "$BROKER_PID" 2>/dev/null || true
        BROKER_PID=
    fi
}

broker_start() {
    BROKER_DIR=$1
    _tries=0
    while [ $_tries -lt 5 ]; do
        _tries=$((_tries + 1))
        BROKER_PORT=$(broker_free_port) || return 1
        rm -f "$BROKER_DIR/mosquitto.pid" "$BROKER_DIR/mosquitto.log"
        cat >"$BROKER_DIR/mosquitto.conf" <<CONF
pid_file $BROKER_DIR/mosquitto.pid
log_dest file $BROKER_DIR/mosquitto.log
log_type error
log_type warning
log_type notice
log_type information
log_type subscribe
user $(id -un)
persistence false
listener $BROKER_PORT 127.0.0.1
cafile $2
certfile $3
keyfile $4
require_certificate true
allow_anonymous true
CONF
        mosquitto -c "$BROKER_DIR/mosquitto.conf" -d 2>>"$BROKER_DIR/mosquitto.log" || continue
        _i=0
        while [ $_i -lt 50 ]; do
            [ -s "$BROKER_DIR/mosquitto.pid" ] && BROKER_PID=$(cat "$BROKER_DIR/mosquitto.pid")
            if [ -n "$BROKER_PID" ] &&
                grep -q "listen socket on port $BROKER_PORT" "$BROKER_DIR/mosquitto.log" 2>/dev/null
            then
                return 0
            fi
            grep -qi "error" "$BROKER_DIR/mosquitto.log" 2>/dev/null && break
            sleep 0.1
            _i=$((_i + 1))
        done
        broker_stop
    done
    return 1
}

# Waits (at most 5 s) until the broker logged a subscription of client $1.
broker_wait_subscribed() {
    _i=0
    while [ $_i -lt 50 ]; do
        grep -q "^[0-9]*: $1 [0-9] " "$BROKER_DIR/mosquitto.log" 2>/dev/null && return 0
        sleep 0.1
        _i=$((_i + 1))
    done
    return 1
}
