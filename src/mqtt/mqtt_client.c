/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file mqtt_client.c
 * @brief MQTT client: configuration defaults and checks, lifecycle (allocation once, queue
 *        loaded from the store), and the helpers the other client files share (send, persist,
 *        drop and schedule a reconnect with full-jitter backoff). Operations are in
 *        mqtt_client_ops.c, the process loop in mqtt_client_loop.c.
 *
 * All I/O goes through cfg.transport; all time through cfg.clock; nothing is global.
 */
#include "mqtt/mqtt_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/banned.h"

static uint64_t mono_now_ms(void)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

uint64_t slsim_mqtt_now(struct slsim_mqtt_client *c)
{
    if (c->cfg.clock.now_ms != NULL) {
        return c->cfg.clock.now_ms(c->cfg.clock.ctx);
    }
    return mono_now_ms();
}

void slsim_mqtt_config_defaults(struct slsim_mqtt_config *cfg)
{
    if (cfg == NULL) {
        return;
    }
    memset(cfg, 0, sizeof(*cfg));
    cfg->connect.client_id = "";
    cfg->connect.clean_session = true;
    cfg->connect.keep_alive_s = 60;
    cfg->max_packet_len = SLSIM_MQTT_AWS_MAX_PAYLOAD + 1024u + 512u;
    cfg->queue_bytes = 256u * 1024u;
    cfg->queue_max_msgs = 64;
    cfg->out_buf_len = SLSIM_MQTT_OUT_BUF_DEFAULT;
    cfg->inflight_max = SLSIM_MQTT_INFLIGHT_DEFAULT;
    cfg->connack_timeout_ms = 5000;
    cfg->pingresp_timeout_ms = 5000;
    cfg->backoff_base_ms = 500;
    cfg->backoff_max_ms = 30000;
    cfg->auto_reconnect = true;
    cfg->aws_limits = true;
}

size_t slsim_mqtt_store_blob_max(const struct slsim_mqtt_config *cfg)
{
    return cfg == NULL ? 0 : slsim_mqtt_queue_blob_max(cfg->queue_bytes, cfg->queue_max_msgs);
}

static enum slsim_mqtt_status check_config(const struct slsim_mqtt_config *cfg)
{
    const struct slsim_mqtt_transport *t = &cfg->transport;
    if (t->connect == NULL || t->send == NULL || t->recv == NULL || t->close == NULL ||
        cfg->max_packet_len < 64 || cfg->queue_max_msgs == 0 || cfg->inflight_max == 0 ||
        cfg->connect.client_id == NULL || (cfg->store.load == NULL) != (cfg->store.save == NULL)) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    if (cfg->connect.will_topic != NULL && cfg->connect.will_qos == 2) {
        return SLSIM_MQTT_NOT_SUPPORTED; /* QoS 2 is not implemented (docs/mqtt.md) */
    }
    if (cfg->aws_limits && (strlen(cfg->connect.client_id) > SLSIM_MQTT_AWS_MAX_CLIENT_ID ||
                            cfg->inflight_max > SLSIM_MQTT_AWS_MAX_INFLIGHT)) {
        return SLSIM_MQTT_LIMIT;
    }
    /* A CONNECT must encode: client id rules [MQTT-3.1.3-7], flags [MQTT-3.1.2-*]. */
    uint8_t probe[8];
    size_t len = 0;
    enum slsim_mqtt_status st = slsim_mqtt_encode_connect(&cfg->connect, probe, 0, &len);
    return st == SLSIM_MQTT_NO_SPACE ? SLSIM_MQTT_OK : st;
}

static enum slsim_mqtt_status load_queue(struct slsim_mqtt_client *c)
{
    if (c->cfg.store.load == NULL) {
        return SLSIM_MQTT_OK;
    }
    size_t len = 0;
    int32_t rc = c->cfg.store.load(c->cfg.store.ctx, c->blob, c->blob_cap, &len);
    if (rc < 0) {
        c->last_sl_error = rc;
        return SLSIM_MQTT_STORE_FAILED;
    }
    return slsim_mqtt_queue_decode(&c->q, &c->next_id, c->blob, len);
}

enum slsim_mqtt_status slsim_mqtt_client_new(const struct slsim_mqtt_config *cfg,
                                             struct slsim_mqtt_client **out)
{
    if (cfg == NULL || out == NULL) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    *out = NULL;
    enum slsim_mqtt_status st = check_config(cfg);
    if (st != SLSIM_MQTT_OK) {
        return st;
    }
    struct slsim_mqtt_client *c = calloc(1, sizeof(*c));
    if (c == NULL) {
        return SLSIM_MQTT_NO_MEMORY;
    }
    c->cfg = *cfg;
    c->blob_cap = slsim_mqtt_store_blob_max(cfg);
    c->out = malloc(cfg->out_buf_len > 0 ? cfg->out_buf_len : 1);
    c->q.ids = calloc(1, MQTT_QUEUE_ID_BYTES);
    c->tx = malloc(cfg->max_packet_len);
    c->rx = malloc(cfg->max_packet_len);
    c->blob = malloc(c->blob_cap);
    c->q.slots = calloc(cfg->queue_max_msgs, sizeof(c->q.slots[0]));
    c->q.arena = malloc(cfg->queue_bytes > 0 ? cfg->queue_bytes : 1);
    c->q.max = cfg->queue_max_msgs;
    c->q.cap = cfg->queue_bytes;
    c->next_id = 1;
    c->rng_state = (uint32_t)(mono_now_ms() ^ (uintptr_t)c) | 1u;
    st = SLSIM_MQTT_NO_MEMORY;
    if (c->tx != NULL && c->rx != NULL && c->blob != NULL && c->q.slots != NULL &&
        c->q.arena != NULL && c->out != NULL && c->q.ids != NULL) {
        st = load_queue(c);
    }
    if (st != SLSIM_MQTT_OK) {
        slsim_mqtt_client_free(c);
        return st;
    }
    *out = c;
    return SLSIM_MQTT_OK;
}

void slsim_mqtt_client_free(struct slsim_mqtt_client *c)
{
    if (c == NULL) {
        return;
    }
    if (c->transport_open) {
        c->cfg.transport.close(c->cfg.transport.ctx);
    }
    free(c->out);
    free(c->q.ids);
    free(c->tx);
    free(c->rx);
    free(c->blob);
    free(c->q.slots);
    free(c->q.arena);
    free(c);
}

enum slsim_mqtt_status slsim_mqtt_fail(struct slsim_mqtt_client *c, enum slsim_mqtt_status st)
{
    c->last_status = st;
    return st;
}

enum slsim_mqtt_status
slsim_mqtt_send_all(struct slsim_mqtt_client *c, const uint8_t *buf, size_t len)
{
    size_t done = 0;
    while (done < len) {
        int32_t n = c->cfg.transport.send(c->cfg.transport.ctx, buf + done, len - done);
        if (n <= 0) {
            c->last_sl_error = n;
            return slsim_mqtt_fail(c, SLSIM_MQTT_SEND_FAILED);
        }
        done += (size_t)n;
    }
    c->last_tx_ms = c->now_ms; /* taken once per process() pass, publish or batch */
    return SLSIM_MQTT_OK;
}

enum slsim_mqtt_status slsim_mqtt_persist(struct slsim_mqtt_client *c)
{
    if (c->cfg.store.save == NULL) {
        return SLSIM_MQTT_OK;
    }
    size_t len = slsim_mqtt_queue_encode(&c->q, c->next_id, c->blob, c->blob_cap);
    int32_t rc = c->cfg.store.save(c->cfg.store.ctx, c->blob, len);
    if (len == 0 || rc < 0) {
        c->last_sl_error = rc;
        return slsim_mqtt_fail(c, SLSIM_MQTT_STORE_FAILED);
    }
    return SLSIM_MQTT_OK;
}

static uint32_t next_random(struct slsim_mqtt_client *c)
{
    if (c->cfg.rng.next != NULL) {
        return c->cfg.rng.next(c->cfg.rng.ctx);
    }
    uint32_t x = c->rng_state; /* xorshift32: jitter only, not for secrets */
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c->rng_state = x;
    return x;
}

/* Closes the transport and, with auto_reconnect, schedules the next attempt. */
static void close_and_schedule(struct slsim_mqtt_client *c)
{
    if (c->transport_open) {
        c->cfg.transport.close(c->cfg.transport.ctx);
        c->transport_open = false;
    }
    c->rx_len = 0;
    c->ping_outstanding = false;
    slsim_mqtt_out_reset(c); /* unsent bytes are discarded; the queue sends them again */
    if (!c->cfg.auto_reconnect) {
        c->state = SLSIM_MQTT_STATE_DISCONNECTED;
        return;
    }
    uint32_t delay = slsim_mqtt_backoff_ms(c->cfg.backoff_base_ms, c->cfg.backoff_max_ms,
                                           c->attempt, next_random(c));
    if (c->attempt < 31) {
        c->attempt++;
    }
    c->next_attempt_ms = slsim_mqtt_now(c) + delay;
    c->state = SLSIM_MQTT_STATE_BACKOFF;
}

void slsim_mqtt_drop(struct slsim_mqtt_client *c, enum slsim_mqtt_status why)
{
    bool was_up = c->state == SLSIM_MQTT_STATE_CONNECTED;
    c->last_status = why;
    close_and_schedule(c);
    if (was_up && c->cfg.cb.on_disconnect != NULL) {
        c->cfg.cb.on_disconnect(c->cfg.cb.user, why);
    }
}
