/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file mqtt_codec_encode.c
 * @brief MQTT 3.1.1 encoders of the packets a client sends, into caller buffers. Pure: no I/O,
 *        no allocation; the buffer is untouched past *out_len and on failure may hold garbage.
 */
#include "mqtt/mqtt_codec.h"

#include <string.h>

#include "core/banned.h"

/* An encoding cursor. Writes past the end only count, so one pass checks the space. */
struct wr {
    uint8_t *p;
    size_t cap;
    size_t len;
};

static void wr_u8(struct wr *w, uint8_t v)
{
    if (w->len < w->cap) {
        w->p[w->len] = v;
    }
    w->len++;
}

static void wr_u16(struct wr *w, uint16_t v)
{
    wr_u8(w, (uint8_t)(v >> 8));
    wr_u8(w, (uint8_t)(v & 0xFF));
}

static void wr_bytes(struct wr *w, const void *src, size_t n)
{
    if (n > 0 && w->len <= w->cap && n <= w->cap - w->len) {
        memcpy(w->p + w->len, src, n);
    }
    w->len += n;
}

/* Length-prefixed field (string or binary) [MQTT-1.5.3]. */
static void wr_field(struct wr *w, const void *src, size_t n)
{
    wr_u16(w, (uint16_t)n);
    wr_bytes(w, src, n);
}

static size_t varint_len(size_t v)
{
    return v < 128u ? 1 : v < 16384u ? 2 : v < 2097152u ? 3 : 4;
}

/* Fixed header with @p remaining; the caller then writes exactly @p remaining bytes. */
static void wr_header(struct wr *w, uint8_t first, size_t remaining)
{
    wr_u8(w, first);
    do {
        uint8_t b = (uint8_t)(remaining & 0x7F);
        remaining >>= 7;
        wr_u8(w, remaining > 0 ? (uint8_t)(b | 0x80) : b);
    } while (remaining > 0);
}

static enum slsim_mqtt_status wr_finish(const struct wr *w, size_t *out_len)
{
    if (w->len > w->cap) {
        return SLSIM_MQTT_NO_SPACE;
    }
    *out_len = w->len;
    return SLSIM_MQTT_OK;
}

static bool str_ok(const char *s)
{
    return s != NULL && slsim_mqtt_utf8_valid((const uint8_t *)s, strlen(s));
}

static enum slsim_mqtt_status check_connect(const struct slsim_mqtt_connect_opts *o)
{
    if (!str_ok(o->client_id) || (o->client_id[0] == '\0' && !o->clean_session)) {
        return SLSIM_MQTT_BAD_PARAM; /* zero-byte ClientId needs CleanSession 1 [MQTT-3.1.3-7] */
    }
    if ((o->username != NULL && !str_ok(o->username)) ||
        (o->password != NULL && o->username == NULL)) {
        return SLSIM_MQTT_BAD_PARAM; /* password without user name [MQTT-3.1.2-22] */
    }
    if (o->will_topic != NULL) {
        if (!slsim_mqtt_topic_name_valid(o->will_topic, strlen(o->will_topic)) ||
            (o->will_payload == NULL && o->will_payload_len > 0)) {
            return SLSIM_MQTT_BAD_PARAM;
        }
        if (o->will_qos > 2) {
            return SLSIM_MQTT_BAD_PARAM; /* [MQTT-3.1.2-14] */
        }
    } else if (o->will_qos != 0 || o->will_retain) {
        return SLSIM_MQTT_BAD_PARAM; /* will flags need a will [MQTT-3.1.2-13] [MQTT-3.1.2-15] */
    }
    return SLSIM_MQTT_OK;
}

static uint8_t connect_flags(const struct slsim_mqtt_connect_opts *o)
{
    uint8_t f = 0; /* bit 0 reserved, zero [MQTT-3.1.2-3] */
    if (o->clean_session) {
        f |= 0x02;
    }
    if (o->will_topic != NULL) {
        f |= (uint8_t)(0x04 | (o->will_qos << 3) | (o->will_retain ? 0x20 : 0));
    }
    if (o->password != NULL) {
        f |= 0x40;
    }
    if (o->username != NULL) {
        f |= 0x80;
    }
    return f;
}

enum slsim_mqtt_status slsim_mqtt_encode_connect(const struct slsim_mqtt_connect_opts *o,
                                                 uint8_t *buf,
                                                 size_t cap,
                                                 size_t *out_len)
{
    if (o == NULL || buf == NULL || out_len == NULL) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    enum slsim_mqtt_status st = check_connect(o);
    if (st != SLSIM_MQTT_OK) {
        return st;
    }
    size_t rem = 10 + 2 + strlen(o->client_id);
    if (o->will_topic != NULL) {
        rem += 2 + strlen(o->will_topic) + 2 + o->will_payload_len;
    }
    rem += o->username != NULL ? 2 + strlen(o->username) : 0;
    rem += o->password != NULL ? 2 + (size_t)o->password_len : 0;
    struct wr w = { buf, cap, 0 };
    wr_header(&w, SLSIM_MQTT_CONNECT << 4, rem);
    wr_field(&w, "MQTT", 4); /* protocol name [MQTT-3.1.2-1] */
    wr_u8(&w, 4);            /* protocol level 4 = 3.1.1 [MQTT-3.1.2-2] */
    wr_u8(&w, connect_flags(o));
    wr_u16(&w, o->keep_alive_s);
    /* Payload order: client id, will topic, will message, user name, password [MQTT-3.1.3-1]. */
    wr_field(&w, o->client_id, strlen(o->client_id));
    if (o->will_topic != NULL) {
        wr_field(&w, o->will_topic, strlen(o->will_topic));
        wr_field(&w, o->will_payload, o->will_payload_len);
    }
    if (o->username != NULL) {
        wr_field(&w, o->username, strlen(o->username));
    }
    if (o->password != NULL) {
        wr_field(&w, o->password, o->password_len);
    }
    return wr_finish(&w, out_len);
}

static size_t publish_remaining(const struct slsim_mqtt_publish *p)
{
    return 2 + p->topic_len + (p->qos > 0 ? 2u : 0u) + p->payload_len;
}

static enum slsim_mqtt_status check_publish(const struct slsim_mqtt_publish *p)
{
    if (!slsim_mqtt_topic_name_valid(p->topic, p->topic_len) || p->qos > 2 ||
        (p->payload == NULL && p->payload_len > 0)) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    if ((p->qos > 0 && p->packet_id == 0) || (p->qos == 0 && p->dup)) {
        return SLSIM_MQTT_BAD_PARAM; /* [MQTT-2.3.1-1] [MQTT-3.3.1-2] */
    }
    if (p->payload_len > SLSIM_MQTT_MAX_REMAINING - 4 - p->topic_len) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    return SLSIM_MQTT_OK;
}

size_t slsim_mqtt_publish_size(const struct slsim_mqtt_publish *p)
{
    if (p == NULL || check_publish(p) != SLSIM_MQTT_OK) {
        return 0;
    }
    size_t rem = publish_remaining(p);
    return 1 + varint_len(rem) + rem;
}

enum slsim_mqtt_status slsim_mqtt_encode_publish(const struct slsim_mqtt_publish *p,
                                                 uint8_t *buf,
                                                 size_t cap,
                                                 size_t *out_len)
{
    if (p == NULL || buf == NULL || out_len == NULL) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    enum slsim_mqtt_status st = check_publish(p);
    if (st != SLSIM_MQTT_OK) {
        return st;
    }
    uint8_t first = (uint8_t)(SLSIM_MQTT_PUBLISH << 4 | (p->dup ? 0x8 : 0) | p->qos << 1 |
                              (p->retain ? 0x1 : 0));
    struct wr w = { buf, cap, 0 };
    wr_header(&w, first, publish_remaining(p));
    wr_field(&w, p->topic, p->topic_len);
    if (p->qos > 0) {
        wr_u16(&w, p->packet_id);
    }
    wr_bytes(&w, p->payload, p->payload_len);
    return wr_finish(&w, out_len);
}

enum slsim_mqtt_status
slsim_mqtt_encode_ack(uint8_t type, uint16_t packet_id, uint8_t *buf, size_t cap, size_t *out_len)
{
    bool ok_type = type == SLSIM_MQTT_PUBACK || type == SLSIM_MQTT_PUBREC ||
                   type == SLSIM_MQTT_PUBREL || type == SLSIM_MQTT_PUBCOMP ||
                   type == SLSIM_MQTT_UNSUBACK;
    if (!ok_type || packet_id == 0 || buf == NULL || out_len == NULL) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    struct wr w = { buf, cap, 0 };
    wr_header(&w, (uint8_t)(type << 4 | (type == SLSIM_MQTT_PUBREL ? 0x2 : 0)), 2);
    wr_u16(&w, packet_id);
    return wr_finish(&w, out_len);
}

enum slsim_mqtt_status slsim_mqtt_encode_subscribe(uint16_t packet_id,
                                                   const struct slsim_mqtt_subscription *subs,
                                                   size_t n,
                                                   uint8_t *buf,
                                                   size_t cap,
                                                   size_t *out_len)
{
    if (packet_id == 0 || subs == NULL || n == 0 || buf == NULL || out_len == NULL) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    size_t rem = 2;
    for (size_t i = 0; i < n; i++) {
        const char *f = subs[i].filter;
        if (f == NULL || !slsim_mqtt_topic_filter_valid(f, strlen(f)) || subs[i].qos > 2) {
            return SLSIM_MQTT_BAD_PARAM;
        }
        rem += 2 + strlen(f) + 1;
    }
    if (rem > SLSIM_MQTT_MAX_REMAINING) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    struct wr w = { buf, cap, 0 };
    wr_header(&w, SLSIM_MQTT_SUBSCRIBE << 4 | 0x2, rem); /* [MQTT-3.8.1-1] */
    wr_u16(&w, packet_id);
    for (size_t i = 0; i < n; i++) {
        wr_field(&w, subs[i].filter, strlen(subs[i].filter));
        wr_u8(&w, subs[i].qos); /* upper 6 bits reserved, zero [MQTT-3.8.3-4] */
    }
    return wr_finish(&w, out_len);
}

enum slsim_mqtt_status slsim_mqtt_encode_unsubscribe(uint16_t packet_id,
                                                     const char *const *filters,
                                                     size_t n,
                                                     uint8_t *buf,
                                                     size_t cap,
                                                     size_t *out_len)
{
    if (packet_id == 0 || filters == NULL || n == 0 || buf == NULL || out_len == NULL) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    size_t rem = 2;
    for (size_t i = 0; i < n; i++) {
        if (filters[i] == NULL || !slsim_mqtt_topic_filter_valid(filters[i], strlen(filters[i]))) {
            return SLSIM_MQTT_BAD_PARAM;
        }
        rem += 2 + strlen(filters[i]);
    }
    if (rem > SLSIM_MQTT_MAX_REMAINING) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    struct wr w = { buf, cap, 0 };
    wr_header(&w, SLSIM_MQTT_UNSUBSCRIBE << 4 | 0x2, rem); /* [MQTT-3.10.1-1] */
    wr_u16(&w, packet_id);
    for (size_t i = 0; i < n; i++) {
        wr_field(&w, filters[i], strlen(filters[i]));
    }
    return wr_finish(&w, out_len);
}

enum slsim_mqtt_status
slsim_mqtt_encode_empty(uint8_t type, uint8_t *buf, size_t cap, size_t *out_len)
{
    if ((type != SLSIM_MQTT_PINGREQ && type != SLSIM_MQTT_DISCONNECT) || buf == NULL ||
        out_len == NULL) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    struct wr w = { buf, cap, 0 };
    wr_header(&w, (uint8_t)(type << 4), 0);
    return wr_finish(&w, out_len);
}
