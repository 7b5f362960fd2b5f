# SPDX-License-Identifier: BSD-3-Clause
# Shared steps of the seed tests (sourced): the PKI, the device image, the broker.
# Needs: $slsim (the CLI) and $w (a fresh work directory). Never writes outside $w.

SEED_HOST=a3joj5u9gv9t8f.iot.us-east-1.amazonaws.com
mosq_pid=

seed_cleanup() {
    if [ -n "$mosq_pid" ]; then
        kill "$mosq_pid" 2>/dev/null || true
        i=0
        while kill -0 "$mosq_pid" 2>/dev/null && [ $i -lt 50 ]; do
            sleep 0.1
            i=$((i + 1))
        done
        kill -9 "$mosq_pid" 2>/dev/null || true
    fi
}

fail() {
    echo "FAIL: $*" >&2
    for f in "$w"/*.out "$w"/mosquitto.log; do
        [ -f "$f" ] && { echo "--- $f" >&2; cat "$f" >&2; }
    done
    exit 1
}

# A test root standing in for the cloud root, the broker's certificate under it (named for the
# AWS IoT endpoint and localhost), the device's certificate and key, and the playground PKI.
seed_pki() {
    "$slsim" pki issue "$w/pki" --ca NONE --cn "Demo Cloud Root CA" --name demo-root \
        --days 3650 --pem >/dev/null || fail "pki issue demo-root"
    "$slsim" pki issue "$w/pki" --ca demo-root --cn "$SEED_HOST" --name broker \
        --dns "$SEED_HOST" --dns localhost --pem >/dev/null || fail "pki issue broker"
    "$slsim" pki issue "$w/pki" --ca demo-root --cn 545acc1c00 --name device --pem \
        >/dev/null || fail "pki issue device"
    "$slsim" pki playground "$w/pg" >/dev/null || fail "pki playground"
}

# The device image: the seed's file names, DER, and the playground catalog.
seed_image() {
    "$slsim" image create "$w/dev.img" --profile cc3220s >/dev/null || fail "image create"
    "$slsim" fs put "$w/dev.img" "$w/pki/demo-root" /cert/root-ca.crt >/dev/null ||
        fail "fs put root"
    "$slsim" fs put "$w/dev.img" "$w/pki/device" /cert/545acc1c00-certificate.crt >/dev/null ||
        fail "fs put certificate"
    "$slsim" fs put "$w/dev.img" "$w/pki/device-key" /cert/545acc1c00-private.key >/dev/null ||
        fail "fs put key"
    "$slsim" catalog install "$w/dev.img" "$w/pg/certcatalogPlayGround.lst" \
        --signature "$w/pg/certcatalogPlayGround.lst.sig" >/dev/null ||
        fail "catalog install playground"
}

# Replaces the catalog with one that lists the demo root (the "production" catalog).
seed_install_root_catalog() {
    "$slsim" catalog build "$w/prod.lst" --from-pem "$w/pki/demo-root.pem" >/dev/null ||
        fail "catalog build"
    "$slsim" catalog install "$w/dev.img" "$w/prod.lst" >/dev/null || fail "catalog install"
}

# Starts mosquitto with a mutual-TLS listener on a free loopback port: sets $port, $mosq_pid.
seed_broker() {
    command -v mosquitto >/dev/null 2>&1 || { echo "mosquitto not installed: skipped"; exit 77; }
    tries=0
    while [ $tries -lt 8 ]; do
        tries=$((tries + 1))
        port=$((20000 + ($$ * 7 + tries * 1031) % 40000))
        rm -f "$w/mosquitto.pid" "$w/mosquitto.log"
        cat >"$w/mosquitto.conf" <<CONF
pid_file $w/mosquitto.pid
log_dest file $w/mosquitto.log
user $(id -un)
persistence false
listener $port 127.0.0.1
cafile $w/pki/demo-root.pem
certfile $w/pki/broker.pem
keyfile $w/pki/broker-key.pem
require_certificate true
allow_anonymous true
CONF
        mosquitto -c "$w/mosquitto.conf" -d 2>>"$w/mosquitto.log" || continue
        i=0
        while [ $i -lt 50 ]; do
            [ -s "$w/mosquitto.pid" ] && mosq_pid=$(cat "$w/mosquitto.pid")
            # Up once it listens and its pid is known (the pid file may come after the log).
            if [ -n "$mosq_pid" ] &&
                grep -q "Opening ipv4 listen socket on port $port" "$w/mosquitto.log" 2>/dev/null
            then
                return 0
            fi
            if grep -qi "error" "$w/mosquitto.log" 2>/dev/null; then
                break
            fi
            sleep 0.1
            i=$((i + 1))
        done
        seed_cleanup
        mosq_pid=
    done
    fail "mosquitto did not start"
}

# The device configuration: DNS sends the endpoint to loopback, the remap to the broker.
seed_device_json() {
    cat >"$w/dev.json" <<JSON
{
  "image": "dev.img",
  "profile": "cc3220s",
  "dns": { "$SEED_HOST": "127.0.0.1" },
  "remap": { "127.0.0.1:8883": "127.0.0.1:$port" }
}
JSON
}
