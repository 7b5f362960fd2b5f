/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fake_transport.c
 * @brief The in-memory broker of fake_transport.h.
 */
#include "fake_transport.h"

#include <string.h>

#include "mqtt/mqtt_codec.h"

void fake_init(struct fake_broker *b)
{
    memset(b, 0, sizeof(*b));
    b->now = 1000;
    b->connack = true;
    b->puback = true;
    b->pingresp = true;
    b->suback = true;
    b->rnd = 0xFFFFFFFFu;
}

void fake_inject(struct fake_broker *b, const void *bytes, size_t len)
{
    if (len <= sizeof(b->in) - b->in_len) {
        memcpy(b->in + b->in_len, bytes, len);
        b->in_len += len;
    }
}

static void ack(struct fake_broker *b, uint8_t first, uint16_t id)
{
    uint8_t p[4] = { first, 2, (uint8_t)(id >> 8), (uint8_t)id };
    fake_inject(b, p, sizeof(p));
}

static void
log_packet(struct fake_broker *b, const uint8_t *pkt, const struct slsim_mqtt_fixed_header *h)
{
    if (b->n_log >= FAKE_MAX_LOG) {
        return;
    }
    struct fake_sent *s = &b->log[b->n_log++];
    memset(s, 0, sizeof(*s));
    s->type = h->type;
    s->flags = h->flags;
    s->at_ms = b->now;
    const uint8_t *body = pkt + h->header_len;
    if (h->type == SLSIM_MQTT_PUBLISH) {
        size_t tl = (size_t)body[0] << 8 | body[1];
        memcpy(s->topic, body + 2, tl < sizeof(s->topic) - 1 ? tl : sizeof(s->topic) - 1);
        if ((h->flags & 0x6) != 0) {
            s->packet_id = (uint16_t)(body[2 + tl] << 8 | body[3 + tl]);
        }
    } else if (h->type == SLSIM_MQTT_SUBSCRIBE || h->type == SLSIM_MQTT_UNSUBSCRIBE) {
        s->packet_id = (uint16_t)(body[0] << 8 | body[1]);
    }
}

static void answer(struct fake_broker *b, const struct fake_sent *s)
{
    if (s->type == SLSIM_MQTT_CONNECT && b->connack) {
        uint8_t p[4] = { 0x20, 2, b->session_present ? 1 : 0, b->connack_code };
        fake_inject(b, p, sizeof(p));
    } else if (s->type == SLSIM_MQTT_PUBLISH && (s->flags & 0x6) != 0 && b->puback) {
        ack(b, 0x40, s->packet_id);
    } else if (s->type == SLSIM_MQTT_PINGREQ && b->pingresp) {
        uint8_t p[2] = { 0xD0, 0 };
        fake_inject(b, p, sizeof(p));
    } else if (s->type == SLSIM_MQTT_SUBSCRIBE && b->suback) {
        uint8_t p[5] = { 0x90, 3, (uint8_t)(s->packet_id >> 8), (uint8_t)s->packet_id, 1 };
        fake_inject(b, p, sizeof(p));
    } else if (s->type == SLSIM_MQTT_UNSUBSCRIBE && b->suback) {
        ack(b, 0xB0, s->packet_id);
    }
}

static void parse_sent(struct fake_broker *b)
{
    for (;;) {
        struct slsim_mqtt_fixed_header h;
        if (slsim_mqtt_decode_header(b->part, b->part_len, &h) != SLSIM_MQTT_OK) {
            return;
        }
        size_t total = (size_t)h.header_len + h.remaining;
        if (b->part_len < total) {
            return;
        }
        log_packet(b, b->part, &h);
        answer(b, &b->log[b->n_log - 1]);
        memmove(b->part, b->part + total, b->part_len - total);
        b->part_len -= total;
    }
}

static int32_t f_connect(void *ctx, int32_t *sl_code)
{
    struct fake_broker *b = ctx;
    b->connects++;
    *sl_code = b->connect_sl != 0 ? b->connect_sl : (b->connect_rc < 0 ? b->connect_rc : 0);
    if (b->connect_rc < 0) {
        return b->connect_rc;
    }
    b->open = true;
    b->in_len = 0;
    b->part_len = 0;
    return 0;
}

static int32_t f_send(void *ctx, const uint8_t *buf, size_t len)
{
    struct fake_broker *b = ctx;
    b->sends++;
    b->max_send_len = len > b->max_send_len ? len : b->max_send_len;
    if (b->fail_send_at != 0 && b->sends == b->fail_send_at) {
        return b->fail_send_rc;
    }
    if (!b->open || len > sizeof(b->part) - b->part_len) {
        return -104;
    }
    memcpy(b->part + b->part_len, buf, len);
    b->part_len += len;
    parse_sent(b);
    return (int32_t)len;
}

static int32_t f_recv(void *ctx, uint8_t *buf, size_t len, uint32_t timeout_ms)
{
    struct fake_broker *b = ctx;
    if (b->eof) {
        b->eof = false;
        return SLSIM_MQTT_TRANSPORT_EOF;
    }
    if (b->recv_error < 0) {
        int32_t e = b->recv_error;
        b->recv_error = 0;
        return e;
    }
    if (b->in_len == 0) {
        b->now += timeout_ms;
        return 0;
    }
    size_t n = b->in_len < len ? b->in_len : len;
    memcpy(buf, b->in, n);
    memmove(b->in, b->in + n, b->in_len - n);
    b->in_len -= n;
    return (int32_t)n;
}

static void f_close(void *ctx)
{
    struct fake_broker *b = ctx;
    b->open = false;
}

static uint64_t f_now(void *ctx)
{
    return ((struct fake_broker *)ctx)->now;
}

static void f_sleep(void *ctx, uint32_t ms)
{
    ((struct fake_broker *)ctx)->now += ms;
}

static uint32_t f_rnd(void *ctx)
{
    return ((struct fake_broker *)ctx)->rnd;
}

static int32_t f_load(void *ctx, uint8_t *buf, size_t cap, size_t *len)
{
    struct fake_broker *b = ctx;
    if (b->blob_len > cap) {
        return -1;
    }
    memcpy(buf, b->blob, b->blob_len);
    *len = b->blob_len;
    return 0;
}

static int32_t f_save(void *ctx, const uint8_t *buf, size_t len)
{
    struct fake_broker *b = ctx;
    if (b->save_rc < 0) {
        return b->save_rc;
    }
    if (len > sizeof(b->blob)) {
        return -1;
    }
    memcpy(b->blob, buf, len);
    b->blob_len = len;
    return 0;
}

void fake_bind(struct fake_broker *b, struct slsim_mqtt_config *cfg)
{
    cfg->transport = (struct slsim_mqtt_transport){ b, f_connect, f_send, f_recv, f_close };
    cfg->clock = (struct slsim_mqtt_clock){ b, f_now, f_sleep };
    cfg->rng = (struct slsim_mqtt_rng){ b, f_rnd };
    cfg->store = (struct slsim_mqtt_store){ b, f_load, f_save };
}

size_t fake_count(const struct fake_broker *b, uint8_t type)
{
    size_t n = 0;
    for (size_t i = 0; i < b->n_log; i++) {
        n += b->log[i].type == type ? 1u : 0u;
    }
    return n;
}

const struct fake_sent *fake_nth(const struct fake_broker *b, uint8_t type, size_t k)
{
    for (size_t i = 0; i < b->n_log; i++) {
        if (b->log[i].type == type && k-- == 0) {
            return &b->log[i];
        }
    }
    return NULL;
}
