/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file mqtt_codec.c
 * @brief MQTT 3.1.1 decoders (fixed header, the packets a server sends) and the string and
 *        topic checks shared with the encoders. Pure: no I/O, no allocation.
 */
#include "mqtt/mqtt_codec.h"

#include <string.h>

#include "core/banned.h"

/* A decoding cursor over the body of one packet. */
struct rd {
    const uint8_t *p;
    size_t left;
};

static bool rd_u16(struct rd *r, uint16_t *v)
{
    if (r->left < 2) {
        return false;
    }
    *v = (uint16_t)((unsigned)r->p[0] << 8 | r->p[1]);
    r->p += 2;
    r->left -= 2;
    return true;
}

/* Length-prefixed string [MQTT-1.5.3]: a length beyond the body is malformed. */
static bool rd_str(struct rd *r, const char **s, size_t *len)
{
    uint16_t n = 0;
    if (!rd_u16(r, &n) || n > r->left || !slsim_mqtt_utf8_valid(r->p, n)) {
        return false;
    }
    *s = (const char *)r->p;
    *len = n;
    r->p += n;
    r->left -= n;
    return true;
}

/* Length of the UTF-8 sequence starting with @p b and the minimum code point for it. */
static size_t utf8_seq(uint8_t b, uint32_t *cp, uint32_t *min)
{
    if (b < 0x80) {
        *cp = b;
        *min = 0;
        return 1;
    }
    if ((b & 0xE0) == 0xC0) {
        *cp = b & 0x1Fu;
        *min = 0x80;
        return 2;
    }
    if ((b & 0xF0) == 0xE0) {
        *cp = b & 0x0Fu;
        *min = 0x800;
        return 3;
    }
    if ((b & 0xF8) == 0xF0) {
        *cp = b & 0x07u;
        *min = 0x10000;
        return 4;
    }
    return 0;
}

bool slsim_mqtt_utf8_valid(const uint8_t *s, size_t len)
{
    if (len > 65535u || (s == NULL && len > 0)) {
        return false;
    }
    size_t i = 0;
    while (i < len) {
        uint32_t cp = 0;
        uint32_t min = 0;
        size_t n = utf8_seq(s[i], &cp, &min);
        if (n == 0 || n > len - i) {
            return false;
        }
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) {
                return false;
            }
            cp = cp << 6 | (s[i + k] & 0x3Fu);
        }
        /* Overlong forms, surrogates and code points past U+10FFFF are ill-formed
         * [MQTT-1.5.3-1]; U+0000 is forbidden [MQTT-1.5.3-2]. */
        if (cp < min || cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
            return false;
        }
        i += n;
    }
    return true;
}

bool slsim_mqtt_topic_name_valid(const char *s, size_t len)
{
    if (s == NULL || len == 0 || !slsim_mqtt_utf8_valid((const uint8_t *)s, len)) {
        return false;
    }
    /* Wildcards are not allowed in a topic name [MQTT-3.3.2-2]. */
    return memchr(s, '+', len) == NULL && memchr(s, '#', len) == NULL;
}

bool slsim_mqtt_topic_filter_valid(const char *s, size_t len)
{
    if (s == NULL || len == 0 || !slsim_mqtt_utf8_valid((const uint8_t *)s, len)) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        bool starts_level = i == 0 || s[i - 1] == '/';
        bool ends_level = i + 1 == len || s[i + 1] == '/';
        if (s[i] == '#' && (!starts_level || i + 1 != len)) {
            return false; /* [MQTT-4.7.1-2] */
        }
        if (s[i] == '+' && (!starts_level || !ends_level)) {
            return false; /* [MQTT-4.7.1-3] */
        }
    }
    return true;
}

/* Flags a fixed header must carry for each type [MQTT-2.2.2-1]; -1: PUBLISH (variable). */
static int required_flags(uint8_t type)
{
    switch (type) {
    case SLSIM_MQTT_PUBLISH:
        return -1;
    case SLSIM_MQTT_PUBREL:
    case SLSIM_MQTT_SUBSCRIBE:
    case SLSIM_MQTT_UNSUBSCRIBE:
        return 0x2;
    default:
        return 0;
    }
}

enum slsim_mqtt_status
slsim_mqtt_decode_header(const uint8_t *buf, size_t len, struct slsim_mqtt_fixed_header *hdr)
{
    if (buf == NULL || hdr == NULL) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    if (len < 1) {
        return SLSIM_MQTT_NEED_MORE;
    }
    uint8_t type = buf[0] >> 4;
    uint8_t flags = buf[0] & 0x0Fu;
    int want = required_flags(type);
    /* Types 0 and 15 are reserved; wrong flags close the connection [MQTT-2.2.2-2]. */
    if (type == 0 || type == 15 || (want >= 0 && flags != (uint8_t)want)) {
        return SLSIM_MQTT_MALFORMED;
    }
    uint32_t value = 0;
    for (size_t i = 0; i < 4; i++) {
        if (len < i + 2) {
            return SLSIM_MQTT_NEED_MORE;
        }
        uint8_t b = buf[1 + i];
        value |= (uint32_t)(b & 0x7Fu) << (7 * i);
        if ((b & 0x80) == 0) {
            hdr->type = type;
            hdr->flags = flags;
            hdr->remaining = value;
            hdr->header_len = (uint8_t)(i + 2);
            return SLSIM_MQTT_OK;
        }
    }
    return SLSIM_MQTT_MALFORMED; /* a fifth length byte: at most four [MQTT-2.2.3] */
}

static enum slsim_mqtt_status dec_connack(struct rd *r, struct slsim_mqtt_packet *pkt)
{
    if (r->left != 2) {
        return SLSIM_MQTT_MALFORMED;
    }
    uint8_t ack_flags = r->p[0];
    uint8_t code = r->p[1];
    /* Bits 7..1 of the acknowledge flags are reserved (0) [MQTT-3.2.2-1]; codes 6..255 are
     * reserved; a refusal carries Session Present 0 [MQTT-3.2.2-4]. */
    if ((ack_flags & 0xFE) != 0 || code > 5 || (code != 0 && ack_flags != 0)) {
        return SLSIM_MQTT_MALFORMED;
    }
    pkt->u.connack.session_present = ack_flags == 1;
    pkt->u.connack.return_code = code;
    r->left = 0;
    return SLSIM_MQTT_OK;
}

static enum slsim_mqtt_status dec_publish(struct rd *r, struct slsim_mqtt_packet *pkt)
{
    struct slsim_mqtt_publish *p = &pkt->u.publish;
    uint8_t f = pkt->hdr.flags;
    p->dup = (f & 0x8) != 0;
    p->qos = (uint8_t)((f >> 1) & 0x3);
    p->retain = (f & 0x1) != 0;
    p->packet_id = 0;
    /* QoS 3 is malformed [MQTT-3.3.1-4]; DUP must be 0 for QoS 0 [MQTT-3.3.1-2]. */
    if (p->qos == 3 || (p->qos == 0 && p->dup)) {
        return SLSIM_MQTT_MALFORMED;
    }
    if (!rd_str(r, &p->topic, &p->topic_len) ||
        !slsim_mqtt_topic_name_valid(p->topic, p->topic_len)) {
        return SLSIM_MQTT_MALFORMED;
    }
    if (p->qos > 0 && (!rd_u16(r, &p->packet_id) || p->packet_id == 0)) {
        return SLSIM_MQTT_MALFORMED; /* non-zero packet id [MQTT-2.3.1-1] */
    }
    p->payload = r->p;
    p->payload_len = r->left;
    r->left = 0;
    return SLSIM_MQTT_OK;
}

static enum slsim_mqtt_status dec_id_only(struct rd *r, struct slsim_mqtt_packet *pkt)
{
    if (r->left != 2 || !rd_u16(r, &pkt->u.packet_id) || pkt->u.packet_id == 0) {
        return SLSIM_MQTT_MALFORMED;
    }
    return SLSIM_MQTT_OK;
}

static enum slsim_mqtt_status dec_suback(struct rd *r, struct slsim_mqtt_packet *pkt)
{
    if (r->left < 3 || r->left - 2 > SLSIM_MQTT_MAX_SUBACK_CODES ||
        !rd_u16(r, &pkt->u.suback.packet_id) || pkt->u.suback.packet_id == 0) {
        return SLSIM_MQTT_MALFORMED;
    }
    for (size_t i = 0; i < r->left; i++) {
        uint8_t c = r->p[i];
        if (c > 2 && c != 0x80) {
            return SLSIM_MQTT_MALFORMED; /* [MQTT-3.9.3-2] */
        }
    }
    pkt->u.suback.codes = r->p;
    pkt->u.suback.n = r->left;
    r->left = 0;
    return SLSIM_MQTT_OK;
}

static enum slsim_mqtt_status dec_body(struct rd *r, struct slsim_mqtt_packet *pkt)
{
    switch (pkt->hdr.type) {
    case SLSIM_MQTT_CONNACK:
        return dec_connack(r, pkt);
    case SLSIM_MQTT_PUBLISH:
        return dec_publish(r, pkt);
    case SLSIM_MQTT_PUBACK:
    case SLSIM_MQTT_PUBREC:
    case SLSIM_MQTT_PUBREL:
    case SLSIM_MQTT_PUBCOMP:
    case SLSIM_MQTT_UNSUBACK:
        return dec_id_only(r, pkt);
    case SLSIM_MQTT_SUBACK:
        return dec_suback(r, pkt);
    case SLSIM_MQTT_PINGRESP:
        return r->left == 0 ? SLSIM_MQTT_OK : SLSIM_MQTT_MALFORMED;
    default:
        /* CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, DISCONNECT go client to server only. */
        return SLSIM_MQTT_PROTOCOL;
    }
}

enum slsim_mqtt_status slsim_mqtt_decode_packet(const uint8_t *buf,
                                                size_t len,
                                                struct slsim_mqtt_packet *pkt,
                                                size_t *used)
{
    if (buf == NULL || pkt == NULL || used == NULL) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    memset(pkt, 0, sizeof(*pkt));
    enum slsim_mqtt_status st = slsim_mqtt_decode_header(buf, len, &pkt->hdr);
    if (st != SLSIM_MQTT_OK) {
        return st;
    }
    size_t total = (size_t)pkt->hdr.header_len + pkt->hdr.remaining;
    if (len < total) {
        return SLSIM_MQTT_NEED_MORE;
    }
    struct rd r = { buf + pkt->hdr.header_len, pkt->hdr.remaining };
    st = dec_body(&r, pkt);
    if (st == SLSIM_MQTT_OK && r.left != 0) {
        st = SLSIM_MQTT_MALFORMED;
    }
    if (st == SLSIM_MQTT_OK) {
        *used = total;
    }
    return st;
}
