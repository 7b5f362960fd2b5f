/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file telemetry.c
 * @brief A device application that publishes sensor readings over MQTT with TLS, AWS IoT
 *        style: accelerometer batches on dt/<device>/accel (default 100 Hz, 10 samples per
 *        message) and the temperature every 5 s on dt/<device>/temp.
 *
 * Firmware-style: the TI API for the device (sl_Start/sl_Stop) and the network (through the
 * mqtt library's sl transport: sl_NetAppDnsGetHostByName, sl_Socket with SL_SEC_SOCKET, the
 * CA / certificate / key file options, sl_Connect, sl_Send, sl_Recv). Samples are taken on a
 * fixed schedule (absolute deadlines, so the rate does not drift) and published per batch.
 */
#include "telemetry.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <ti/drivers/net/wifi/simplelink.h>

#include "mqtt/mqtt.h"
#include "mqtt/mqtt_transport_sl.h"

#define TELE_MAX_BATCH   100u
#define TELE_PAYLOAD_MAX 8192u
#define TELE_ACK_WAIT_MS 10000u

struct app {
    const struct telemetry_cfg *cfg;
    struct telemetry_stats *st;
    struct slsim_mqtt_client *c;
    char accel_topic[128];
    char temp_topic[128];
    char payload[TELE_PAYLOAD_MAX];
    struct tele_sample batch[TELE_MAX_BATCH];
    struct tele_sensor sensor;
};

static uint64_t mono_ms(void)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static uint64_t unix_ms(void)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static int publish(struct app *a, const char *topic, size_t len)
{
    enum slsim_mqtt_status st =
        slsim_mqtt_publish(a->c, topic, a->payload, len, a->cfg->qos, false, NULL);
    for (unsigned tries = 0; st == SLSIM_MQTT_QUEUE_FULL && tries < 100; tries++) {
        (void)slsim_mqtt_process(a->c, 10); /* in-flight window full: let PUBACKs in */
        st = slsim_mqtt_publish(a->c, topic, a->payload, len, a->cfg->qos, false, NULL);
    }
    if (st != SLSIM_MQTT_OK) {
        char why[200];
        printf("publish %s: %s\n", topic, slsim_mqtt_client_describe(a->c, why, sizeof(why)));
        return -1;
    }
    return 0;
}

static int send_accel(struct app *a, uint32_t seq, uint64_t ts_ms, size_t n)
{
    size_t len = tele_format_accel(a->payload, sizeof(a->payload), a->cfg->device_name, seq, ts_ms,
                                   a->cfg->rate_hz, a->batch, n);
    if (len == 0 || publish(a, a->accel_topic, len) != 0) {
        return -1;
    }
    a->st->accel_msgs++;
    a->st->samples += n;
    return 0;
}

static int send_temp(struct app *a, uint32_t seq, const struct tele_sample *s)
{
    size_t len = tele_format_temp(a->payload, sizeof(a->payload), a->cfg->device_name, seq,
                                  unix_ms(), s->temp_c);
    if (len == 0 || publish(a, a->temp_topic, len) != 0) {
        return -1;
    }
    a->st->temp_msgs++;
    return 0;
}

/* Waits for the sample k's deadline, keeping the MQTT connection serviced meanwhile. */
static int wait_until(struct app *a, uint64_t deadline_ms)
{
    for (uint64_t now = mono_ms(); now < deadline_ms; now = mono_ms()) {
        uint64_t left = deadline_ms - now;
        if (slsim_mqtt_process(a->c, (uint32_t)(left < 50 ? left : 50)) != SLSIM_MQTT_OK) {
            char why[200];
            printf("connection lost: %s\n", slsim_mqtt_client_describe(a->c, why, sizeof(why)));
            return -1;
        }
    }
    return 0;
}

static int sample_loop(struct app *a)
{
    const struct telemetry_cfg *cfg = a->cfg;
    uint64_t total = (uint64_t)(cfg->seconds * cfg->rate_hz + 0.5);
    uint64_t per_temp = (uint64_t)(cfg->temp_every_s * cfg->rate_hz + 0.5);
    uint64_t start = mono_ms();
    uint64_t batch_ts = 0;
    uint32_t accel_seq = 0;
    uint32_t temp_seq = 0;
    size_t n = 0;
    for (uint64_t k = 0; k < total; k++) {
        if (wait_until(a, start + (uint64_t)((double)k * 1000.0 / cfg->rate_hz)) != 0) {
            return -1;
        }
        if (n == 0) {
            batch_ts = unix_ms();
        }
        tele_sensor_read(&a->sensor, k, cfg->rate_hz, &a->batch[n++]);
        if (per_temp > 0 && k % per_temp == 0 && a->batch[n - 1].has_temp &&
            send_temp(a, temp_seq++, &a->batch[n - 1]) != 0) {
            return -1;
        }
        if (n == cfg->batch || k + 1 == total) {
            if (send_accel(a, accel_seq++, batch_ts, n) != 0) {
                return -1;
            }
            n = 0;
        }
    }
    return 0;
}

static int wait_acks(struct app *a)
{
    uint64_t end = mono_ms() + TELE_ACK_WAIT_MS;
    while (slsim_mqtt_client_queued(a->c) > 0 && mono_ms() < end) {
        if (slsim_mqtt_process(a->c, 50) != SLSIM_MQTT_OK) {
            return -1;
        }
    }
    if (slsim_mqtt_client_queued(a->c) > 0) {
        printf("%lu messages not acknowledged\n", (unsigned long)slsim_mqtt_client_queued(a->c));
        return -1;
    }
    return 0;
}

static int connect_broker(struct app *a, struct slsim_mqtt_sl *tr)
{
    const struct telemetry_cfg *cfg = a->cfg;
    struct slsim_mqtt_sl_params p = { .host = cfg->host,
                                      .port = cfg->port,
                                      .secure = true,
                                      .ca_file = cfg->ca_file,
                                      .cert_file = cfg->cert_file,
                                      .key_file = cfg->key_file,
                                      .domain_name = cfg->domain,
                                      .accept_warnings = cfg->accept_warnings };
    struct slsim_mqtt_config mc;
    slsim_mqtt_config_defaults(&mc);
    slsim_mqtt_sl_init(tr, &p);
    slsim_mqtt_sl_bind(tr, &mc.transport);
    mc.connect.client_id = cfg->device_name;
    mc.connect.clean_session = true;
    mc.auto_reconnect = false;
    /* Only CONNACK and PUBACKs come back; a small receive buffer also keeps every read within
     * sl_Recv's 1..16000-byte range. */
    mc.max_packet_len = TELE_PAYLOAD_MAX + 512u;
    if (slsim_mqtt_client_new(&mc, &a->c) != SLSIM_MQTT_OK) {
        printf("cannot create the MQTT client\n");
        a->c = NULL;
        return -1;
    }
    enum slsim_mqtt_status st = slsim_mqtt_connect(a->c);
    a->st->sl_connect = slsim_mqtt_client_last_sl_error(a->c);
    if (st != SLSIM_MQTT_OK) {
        char why[200];
        printf("connect %s:%u: %s\n", cfg->host, (unsigned)cfg->port,
               slsim_mqtt_client_describe(a->c, why, sizeof(why)));
        return -1;
    }
    printf("connected to %s:%u (sl_Connect %ld) as '%s'\n", cfg->host, (unsigned)cfg->port,
           (long)a->st->sl_connect, cfg->device_name);
    return 0;
}

int telemetry_run(const struct telemetry_cfg *cfg, struct telemetry_stats *stats)
{
    static struct app a; /* one application thread: its buffers stay off the stack */
    struct slsim_mqtt_sl tr;
    memset(&a, 0, sizeof(a));
    memset(stats, 0, sizeof(*stats));
    a.cfg = cfg;
    a.st = stats;
    a.sensor = cfg->sensor;
    if (cfg->batch == 0 || cfg->batch > TELE_MAX_BATCH ||
        tele_topic(a.accel_topic, sizeof(a.accel_topic), cfg->device_name, "accel") != 0 ||
        tele_topic(a.temp_topic, sizeof(a.temp_topic), cfg->device_name, "temp") != 0) {
        printf("bad device name or batch size\n");
        return 1;
    }
    _i16 role = sl_Start(NULL, NULL, NULL);
    if (role < 0) {
        printf("sl_Start: %d\n", role);
        return 1;
    }
    int rc = connect_broker(&a, &tr);
    if (rc == 0) {
        rc = sample_loop(&a);
    }
    if (rc == 0 && cfg->qos == 1) {
        rc = wait_acks(&a);
    }
    if (a.c != NULL && slsim_mqtt_client_state(a.c) == SLSIM_MQTT_STATE_CONNECTED) {
        (void)slsim_mqtt_disconnect(a.c);
    }
    slsim_mqtt_client_free(a.c);
    (void)sl_Stop(0);
    printf("published %lu accel messages (%lu samples) to %s and %lu temp messages to %s\n",
           stats->accel_msgs, stats->samples, a.accel_topic, stats->temp_msgs, a.temp_topic);
    return rc == 0 ? 0 : 1;
}
