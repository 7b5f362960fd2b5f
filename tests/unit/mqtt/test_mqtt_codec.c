/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_mqtt_codec.c
 * @brief The pure MQTT 3.1.1 codec: byte-exact encoding of every client packet, decoding of
 *        every server packet, and one row per malformed case (reserved flags, five-byte
 *        Remaining Length, truncated strings, zero packet ids, bad lengths, wildcards, bad
 *        UTF-8, client-only packet types).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "mqtt/mqtt_codec.h"

#define B(...) ((const uint8_t[]){ __VA_ARGS__ }), sizeof((const uint8_t[]){ __VA_ARGS__ })

/* @p got_len is read after @p st was computed (argument order is unspecified). */
static void expect_bytes(enum slsim_mqtt_status st,
                         const uint8_t *got,
                         const size_t *got_len,
                         const uint8_t *want,
                         size_t want_len)
{
    assert_int_equal(st, SLSIM_MQTT_OK);
    assert_int_equal(*got_len, want_len);
    assert_memory_equal(got, want, want_len);
}

static void test_encode_connect__full(void **state)
{
    (void)state;
    struct slsim_mqtt_connect_opts o = { 0 };
    o.client_id = "c1";
    o.clean_session = false;
    o.keep_alive_s = 60;
    o.username = "u";
    o.password = (const uint8_t *)"pw";
    o.password_len = 2;
    o.will_topic = "w";
    o.will_payload = (const uint8_t *)"x";
    o.will_payload_len = 1;
    o.will_qos = 1;
    o.will_retain = true;
    uint8_t buf[64];
    size_t len = 0;
    static const uint8_t want[] = { 0x10, 27,  0, 4, 'M', 'Q', 'T', 'T', 4,   0xEC,
                                    0,    60,  0, 2, 'c', '1', 0,   1,   'w', 0,
                                    1,    'x', 0, 1, 'u', 0,   2,   'p', 'w' };
    expect_bytes(slsim_mqtt_encode_connect(&o, buf, sizeof(buf), &len), buf, &len, want,
                 sizeof(want));
    /* Every shorter buffer is NO_SPACE, never an overflow. */
    for (size_t cap = 0; cap < sizeof(want); cap++) {
        assert_int_equal(slsim_mqtt_encode_connect(&o, buf, cap, &len), SLSIM_MQTT_NO_SPACE);
    }
}

static void test_encode_connect__minimal_and_errors(void **state)
{
    (void)state;
    struct slsim_mqtt_connect_opts o = { .client_id = "", .clean_session = true };
    uint8_t buf[64];
    size_t len = 0;
    static const uint8_t want[] = { 0x10, 12, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 0, 0, 0 };
    expect_bytes(slsim_mqtt_encode_connect(&o, buf, sizeof(buf), &len), buf, &len, want,
                 sizeof(want));
    static const struct {
        struct slsim_mqtt_connect_opts o;
        const char *why;
    } bad[] = {
        { { .client_id = "", .clean_session = false }, "empty id needs clean [MQTT-3.1.3-7]" },
        { { .client_id = NULL }, "no id" },
        { { .client_id = "a", .password = (const uint8_t *)"p", .password_len = 1 },
          "password without user [MQTT-3.1.2-22]" },
        { { .client_id = "a", .will_topic = "w", .will_qos = 3 }, "will QoS 3" },
        { { .client_id = "a", .will_topic = "w/#" }, "wildcard will topic" },
        { { .client_id = "a", .will_qos = 1 }, "will QoS without will [MQTT-3.1.2-13]" },
        { { .client_id = "a", .will_retain = true }, "will retain without will" },
        { { .client_id = "a\xff" }, "bad UTF-8 id" },
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (slsim_mqtt_encode_connect(&bad[i].o, buf, sizeof(buf), &len) != SLSIM_MQTT_BAD_PARAM) {
            fail_msg("accepted: %s", bad[i].why);
        }
    }
}

static void test_encode_publish__qos0_qos1_and_errors(void **state)
{
    (void)state;
    uint8_t buf[64];
    size_t len = 0;
    struct slsim_mqtt_publish p = { "a/b", 3, (const uint8_t *)"hi", 2, 0, true, false, 0 };
    expect_bytes(slsim_mqtt_encode_publish(&p, buf, sizeof(buf), &len), buf, &len,
                 B(0x31, 7, 0, 3, 'a', '/', 'b', 'h', 'i'));
    assert_int_equal(slsim_mqtt_publish_size(&p), 9);
    p.qos = 1;
    p.dup = true;
    p.retain = false;
    p.packet_id = 0x1234;
    expect_bytes(slsim_mqtt_encode_publish(&p, buf, sizeof(buf), &len), buf, &len,
                 B(0x3A, 9, 0, 3, 'a', '/', 'b', 0x12, 0x34, 'h', 'i'));
    assert_int_equal(slsim_mqtt_encode_publish(&p, buf, 10, &len), SLSIM_MQTT_NO_SPACE);
    struct slsim_mqtt_publish bad[] = {
        { "a/+", 3, NULL, 0, 0, false, false, 0 }, /* wildcard [MQTT-3.3.2-2] */
        { "a/#", 3, NULL, 0, 0, false, false, 0 }, /* wildcard */
        { "", 0, NULL, 0, 0, false, false, 0 },    /* empty topic */
        { "a", 1, NULL, 0, 1, false, false, 0 },   /* id 0 [MQTT-2.3.1-1] */
        { "a", 1, NULL, 0, 0, false, true, 0 },    /* DUP with QoS 0 [MQTT-3.3.1-2] */
        { "a", 1, NULL, 0, 3, false, false, 1 },   /* QoS 3 */
        { "a", 1, NULL, 5, 0, false, false, 0 },   /* payload NULL with a length */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(slsim_mqtt_encode_publish(&bad[i], buf, sizeof(buf), &len),
                         SLSIM_MQTT_BAD_PARAM);
        assert_int_equal(slsim_mqtt_publish_size(&bad[i]), 0);
    }
}

static void test_encode_publish__long_remaining_length(void **state)
{
    (void)state;
    static uint8_t payload[20000];
    static uint8_t buf[20100];
    struct slsim_mqtt_publish p = { "t", 1, payload, sizeof(payload), 0, false, false, 0 };
    size_t len = 0;
    assert_int_equal(slsim_mqtt_encode_publish(&p, buf, sizeof(buf), &len), SLSIM_MQTT_OK);
    /* 20003 = 0x4E23: three length bytes 0xA3 0x9C 0x01. */
    assert_int_equal(len, 1 + 3 + 20003);
    static const uint8_t head[] = { 0x30, 0xA3, 0x9C, 0x01 };
    assert_memory_equal(buf, head, sizeof(head));
    struct slsim_mqtt_packet pkt;
    size_t used = 0;
    assert_int_equal(slsim_mqtt_decode_packet(buf, len, &pkt, &used), SLSIM_MQTT_OK);
    assert_int_equal(used, len);
    assert_int_equal(pkt.u.publish.payload_len, sizeof(payload));
}

static void test_encode_acks_subscribe_unsubscribe_empty(void **state)
{
    (void)state;
    uint8_t buf[64];
    size_t len = 0;
    expect_bytes(slsim_mqtt_encode_ack(SLSIM_MQTT_PUBACK, 7, buf, sizeof(buf), &len), buf, &len,
                 B(0x40, 2, 0, 7));
    expect_bytes(slsim_mqtt_encode_ack(SLSIM_MQTT_PUBREL, 7, buf, sizeof(buf), &len), buf, &len,
                 B(0x62, 2, 0, 7));
    assert_int_equal(slsim_mqtt_encode_ack(SLSIM_MQTT_PUBACK, 0, buf, sizeof(buf), &len),
                     SLSIM_MQTT_BAD_PARAM);
    assert_int_equal(slsim_mqtt_encode_ack(SLSIM_MQTT_CONNECT, 1, buf, sizeof(buf), &len),
                     SLSIM_MQTT_BAD_PARAM);
    assert_int_equal(slsim_mqtt_encode_ack(SLSIM_MQTT_PUBACK, 1, buf, 3, &len),
                     SLSIM_MQTT_NO_SPACE);
    struct slsim_mqtt_subscription subs[] = { { "a/+", 1 }, { "#", 0 } };
    expect_bytes(slsim_mqtt_encode_subscribe(10, subs, 2, buf, sizeof(buf), &len), buf, &len,
                 B(0x82, 12, 0, 10, 0, 3, 'a', '/', '+', 1, 0, 1, '#', 0));
    const char *filters[] = { "a/+", "#" };
    expect_bytes(slsim_mqtt_encode_unsubscribe(11, filters, 2, buf, sizeof(buf), &len), buf, &len,
                 B(0xA2, 10, 0, 11, 0, 3, 'a', '/', '+', 0, 1, '#'));
    expect_bytes(slsim_mqtt_encode_empty(SLSIM_MQTT_PINGREQ, buf, sizeof(buf), &len), buf, &len,
                 B(0xC0, 0));
    expect_bytes(slsim_mqtt_encode_empty(SLSIM_MQTT_DISCONNECT, buf, sizeof(buf), &len), buf, &len,
                 B(0xE0, 0));
    assert_int_equal(slsim_mqtt_encode_empty(SLSIM_MQTT_PUBACK, buf, sizeof(buf), &len),
                     SLSIM_MQTT_BAD_PARAM);
    struct slsim_mqtt_subscription bad_subs[] = {
        { "a/#/b", 0 }, { "a+", 0 }, { "", 0 }, { "a", 3 }
    };
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(slsim_mqtt_encode_subscribe(1, &bad_subs[i], 1, buf, sizeof(buf), &len),
                         SLSIM_MQTT_BAD_PARAM);
    }
    assert_int_equal(slsim_mqtt_encode_subscribe(1, subs, 0, buf, sizeof(buf), &len),
                     SLSIM_MQTT_BAD_PARAM); /* [MQTT-3.8.3-3] */
    assert_int_equal(slsim_mqtt_encode_subscribe(0, subs, 1, buf, sizeof(buf), &len),
                     SLSIM_MQTT_BAD_PARAM);
    assert_int_equal(slsim_mqtt_encode_unsubscribe(1, filters, 0, buf, sizeof(buf), &len),
                     SLSIM_MQTT_BAD_PARAM); /* [MQTT-3.10.3-2] */
}

/* One decode case: bytes, expected status, expected type when OK. */
struct dec_case {
    const char *why;
    const uint8_t *bytes;
    size_t len;
    enum slsim_mqtt_status want;
    uint8_t type;
};

#define ROW(why, want, type, ...)       \
    {                                   \
        why, B(__VA_ARGS__), want, type \
    }

static const struct dec_case dec_cases[] = {
    ROW("connack accepted", SLSIM_MQTT_OK, 2, 0x20, 2, 0, 0),
    ROW("connack session present", SLSIM_MQTT_OK, 2, 0x20, 2, 1, 0),
    ROW("connack refused 5", SLSIM_MQTT_OK, 2, 0x20, 2, 0, 5),
    ROW("connack code 6 reserved", SLSIM_MQTT_MALFORMED, 0, 0x20, 2, 0, 6),
    ROW("connack reserved ack flag [MQTT-3.2.2-1]", SLSIM_MQTT_MALFORMED, 0, 0x20, 2, 2, 0),
    ROW("connack refusal with SP [MQTT-3.2.2-4]", SLSIM_MQTT_MALFORMED, 0, 0x20, 2, 1, 5),
    ROW("connack length 3", SLSIM_MQTT_MALFORMED, 0, 0x20, 3, 0, 0, 0),
    ROW("connack length 1", SLSIM_MQTT_MALFORMED, 0, 0x20, 1, 0),
    ROW("connack flags [MQTT-2.2.2-2]", SLSIM_MQTT_MALFORMED, 0, 0x21, 2, 0, 0),
    ROW("connack truncated body", SLSIM_MQTT_NEED_MORE, 0, 0x20, 2, 0),
    ROW("first byte only", SLSIM_MQTT_NEED_MORE, 0, 0x20),
    ROW("remaining length 5 bytes", SLSIM_MQTT_MALFORMED, 0, 0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01),
    ROW("remaining length 5 bytes, 0x80s",
        SLSIM_MQTT_MALFORMED,
        0,
        0xD0,
        0x80,
        0x80,
        0x80,
        0x80,
        0x00),
    ROW("remaining length 4 bytes, body missing",
        SLSIM_MQTT_NEED_MORE,
        0,
        0x30,
        0xFF,
        0xFF,
        0xFF,
        0x7F),
    ROW("remaining length cut", SLSIM_MQTT_NEED_MORE, 0, 0x30, 0xFF, 0xFF),
    ROW("publish qos0", SLSIM_MQTT_OK, 3, 0x30, 5, 0, 1, 'a', 'h', 'i'),
    ROW("publish qos0 empty payload", SLSIM_MQTT_OK, 3, 0x31, 3, 0, 1, 'a'),
    ROW("publish qos1", SLSIM_MQTT_OK, 3, 0x32, 6, 0, 1, 'a', 0, 1, 'x'),
    ROW("publish qos2 dup", SLSIM_MQTT_OK, 3, 0x3C, 5, 0, 1, 'a', 0, 9),
    ROW("publish qos1 id 0 [MQTT-2.3.1-1]", SLSIM_MQTT_MALFORMED, 0, 0x32, 5, 0, 1, 'a', 0, 0),
    ROW("publish qos1 no id", SLSIM_MQTT_MALFORMED, 0, 0x32, 3, 0, 1, 'a'),
    ROW("publish qos1 half id", SLSIM_MQTT_MALFORMED, 0, 0x32, 4, 0, 1, 'a', 0),
    ROW("publish qos3 [MQTT-3.3.1-4]", SLSIM_MQTT_MALFORMED, 0, 0x36, 5, 0, 1, 'a', 0, 1),
    ROW("publish dup qos0 [MQTT-3.3.1-2]", SLSIM_MQTT_MALFORMED, 0, 0x38, 3, 0, 1, 'a'),
    ROW("publish topic length past body", SLSIM_MQTT_MALFORMED, 0, 0x30, 4, 0, 5, 'a', 'b'),
    ROW("publish one length byte", SLSIM_MQTT_MALFORMED, 0, 0x30, 1, 0),
    ROW("publish empty body", SLSIM_MQTT_MALFORMED, 0, 0x30, 0),
    ROW("publish empty topic", SLSIM_MQTT_MALFORMED, 0, 0x30, 2, 0, 0),
    ROW("publish wildcard + [MQTT-3.3.2-2]", SLSIM_MQTT_MALFORMED, 0, 0x30, 3, 0, 1, '+'),
    ROW("publish wildcard #", SLSIM_MQTT_MALFORMED, 0, 0x30, 5, 0, 3, 'a', '/', '#'),
    ROW("publish bad UTF-8 [MQTT-1.5.3-1]", SLSIM_MQTT_MALFORMED, 0, 0x30, 3, 0, 1, 0xFF),
    ROW("publish overlong UTF-8", SLSIM_MQTT_MALFORMED, 0, 0x30, 4, 0, 2, 0xC0, 0xAF),
    ROW("publish surrogate", SLSIM_MQTT_MALFORMED, 0, 0x30, 5, 0, 3, 0xED, 0xA0, 0x80),
    ROW("publish U+0000 [MQTT-1.5.3-2]", SLSIM_MQTT_MALFORMED, 0, 0x30, 3, 0, 1, 0),
    ROW("publish cut UTF-8", SLSIM_MQTT_MALFORMED, 0, 0x30, 3, 0, 1, 0xE2),
    ROW("puback", SLSIM_MQTT_OK, 4, 0x40, 2, 0, 1),
    ROW("puback id 0", SLSIM_MQTT_MALFORMED, 0, 0x40, 2, 0, 0),
    ROW("puback length 3", SLSIM_MQTT_MALFORMED, 0, 0x40, 3, 0, 1, 0),
    ROW("puback length 1", SLSIM_MQTT_MALFORMED, 0, 0x40, 1, 0),
    ROW("puback flags", SLSIM_MQTT_MALFORMED, 0, 0x42, 2, 0, 1),
    ROW("pubrec", SLSIM_MQTT_OK, 5, 0x50, 2, 0, 1),
    ROW("pubrel", SLSIM_MQTT_OK, 6, 0x62, 2, 0, 1),
    ROW("pubrel flags 0 [MQTT-3.6.1-1]", SLSIM_MQTT_MALFORMED, 0, 0x60, 2, 0, 1),
    ROW("pubcomp", SLSIM_MQTT_OK, 7, 0x70, 2, 0, 1),
    ROW("suback one", SLSIM_MQTT_OK, 9, 0x90, 3, 0, 1, 0),
    ROW("suback granted and failure", SLSIM_MQTT_OK, 9, 0x90, 5, 0, 1, 1, 2, 0x80),
    ROW("suback code 3 [MQTT-3.9.3-2]", SLSIM_MQTT_MALFORMED, 0, 0x90, 3, 0, 1, 3),
    ROW("suback no codes", SLSIM_MQTT_MALFORMED, 0, 0x90, 2, 0, 1),
    ROW("suback id 0", SLSIM_MQTT_MALFORMED, 0, 0x90, 3, 0, 0, 0),
    ROW("suback flags", SLSIM_MQTT_MALFORMED, 0, 0x92, 3, 0, 1, 0),
    ROW("unsuback", SLSIM_MQTT_OK, 11, 0xB0, 2, 0, 7),
    ROW("unsuback empty", SLSIM_MQTT_MALFORMED, 0, 0xB0, 0),
    ROW("unsuback id 0", SLSIM_MQTT_MALFORMED, 0, 0xB0, 2, 0, 0),
    ROW("pingresp", SLSIM_MQTT_OK, 13, 0xD0, 0),
    ROW("pingresp with body", SLSIM_MQTT_MALFORMED, 0, 0xD0, 1, 0),
    ROW("pingresp flags", SLSIM_MQTT_MALFORMED, 0, 0xD1, 0),
    ROW("type 0 reserved", SLSIM_MQTT_MALFORMED, 0, 0x00, 0),
    ROW("type 15 reserved", SLSIM_MQTT_MALFORMED, 0, 0xF0, 0),
    ROW("connect from server", SLSIM_MQTT_PROTOCOL, 0, 0x10, 0),
    ROW("subscribe from server", SLSIM_MQTT_PROTOCOL, 0, 0x82, 0),
    ROW("unsubscribe from server", SLSIM_MQTT_PROTOCOL, 0, 0xA2, 0),
    ROW("pingreq from server", SLSIM_MQTT_PROTOCOL, 0, 0xC0, 0),
    ROW("disconnect from server", SLSIM_MQTT_PROTOCOL, 0, 0xE0, 0),
    ROW("subscribe wrong flags", SLSIM_MQTT_MALFORMED, 0, 0x80, 0),
};

static void test_decode_packet__table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(dec_cases) / sizeof(dec_cases[0]); i++) {
        const struct dec_case *c = &dec_cases[i];
        struct slsim_mqtt_packet pkt;
        size_t used = 0;
        enum slsim_mqtt_status st = slsim_mqtt_decode_packet(c->bytes, c->len, &pkt, &used);
        if (st != c->want) {
            fail_msg("%s: got %s, want %s", c->why, slsim_mqtt_status_str(st),
                     slsim_mqtt_status_str(c->want));
        }
        if (st == SLSIM_MQTT_OK && (pkt.hdr.type != c->type || used != c->len)) {
            fail_msg("%s: type %u used %zu", c->why, pkt.hdr.type, used);
        }
    }
}

static void test_decode_packet__fields(void **state)
{
    (void)state;
    struct slsim_mqtt_packet pkt;
    size_t used = 0;
    /* Two packets back to back: the first is decoded, used says where the next starts. */
    static const uint8_t two[] = { 0x3B, 7, 0, 2, 'a', 'b', 0x12, 0x34, 'z', 0xD0, 0 };
    assert_int_equal(slsim_mqtt_decode_packet(two, sizeof(two), &pkt, &used), SLSIM_MQTT_OK);
    assert_int_equal(used, 9);
    assert_true(pkt.u.publish.dup && pkt.u.publish.retain);
    assert_int_equal(pkt.u.publish.qos, 1);
    assert_int_equal(pkt.u.publish.packet_id, 0x1234);
    assert_memory_equal(pkt.u.publish.topic, "ab", 2);
    assert_int_equal(pkt.u.publish.payload_len, 1);
    assert_int_equal(pkt.u.publish.payload[0], 'z');
    assert_int_equal(slsim_mqtt_decode_packet(two + used, sizeof(two) - used, &pkt, &used),
                     SLSIM_MQTT_OK);
    assert_int_equal(pkt.hdr.type, SLSIM_MQTT_PINGRESP);
    assert_int_equal(slsim_mqtt_decode_packet(B(0x20, 2, 1, 0), &pkt, &used), SLSIM_MQTT_OK);
    assert_true(pkt.u.connack.session_present);
    assert_int_equal(slsim_mqtt_decode_packet(B(0x90, 4, 0, 5, 1, 0x80), &pkt, &used),
                     SLSIM_MQTT_OK);
    assert_int_equal(pkt.u.suback.packet_id, 5);
    assert_int_equal(pkt.u.suback.n, 2);
    assert_int_equal(pkt.u.suback.codes[1], 0x80);
    /* Every prefix of a valid packet is NEED_MORE, never an error or an over-read. */
    for (size_t n = 0; n < 9; n++) {
        assert_int_equal(slsim_mqtt_decode_packet(two, n, &pkt, &used), SLSIM_MQTT_NEED_MORE);
    }
}

static void test_decode_header__lengths(void **state)
{
    (void)state;
    struct slsim_mqtt_fixed_header h;
    static const struct {
        uint8_t b[6];
        size_t len;
        uint32_t remaining;
        uint8_t header_len;
    } ok[] = {
        { { 0x30, 0x00 }, 2, 0, 2 },
        { { 0x30, 0x7F }, 2, 127, 2 },
        { { 0x30, 0x80, 0x01 }, 3, 128, 3 },
        { { 0x30, 0xFF, 0x7F }, 3, 16383, 3 },
        { { 0x30, 0x80, 0x80, 0x01 }, 4, 16384, 4 },
        { { 0x30, 0xFF, 0xFF, 0xFF, 0x7F }, 5, 268435455u, 5 },
    };
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        assert_int_equal(slsim_mqtt_decode_header(ok[i].b, ok[i].len, &h), SLSIM_MQTT_OK);
        assert_int_equal(h.remaining, ok[i].remaining);
        assert_int_equal(h.header_len, ok[i].header_len);
    }
    assert_int_equal(slsim_mqtt_decode_header(B(0x30), &h), SLSIM_MQTT_NEED_MORE);
    assert_int_equal(slsim_mqtt_decode_header((const uint8_t *)"", 0, &h), SLSIM_MQTT_NEED_MORE);
    assert_int_equal(slsim_mqtt_decode_header(B(0x30, 0x80, 0x80, 0x80, 0x80), &h),
                     SLSIM_MQTT_MALFORMED);
}

static void test_topic_and_utf8_checks(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        bool name;
        bool filter;
    } cases[] = {
        { "a/b", true, true },    { "a/+/c", false, true },   { "+", false, true },
        { "#", false, true },     { "a/#", false, true },     { "a/#/b", false, false },
        { "a#", false, false },   { "a+/b", false, false },   { "/", true, true },
        { "", false, false },     { "\xc3\xa9", true, true }, { "\xc3", false, false },
        { "$SYS/x", true, true },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t n = strlen(cases[i].s);
        assert_int_equal(slsim_mqtt_topic_name_valid(cases[i].s, n), cases[i].name);
        assert_int_equal(slsim_mqtt_topic_filter_valid(cases[i].s, n), cases[i].filter);
    }
    assert_true(slsim_mqtt_utf8_valid((const uint8_t *)"\xf0\x9f\x98\x80", 4));
    assert_false(slsim_mqtt_utf8_valid((const uint8_t *)"\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_encode_connect__full),
        cmocka_unit_test(test_encode_connect__minimal_and_errors),
        cmocka_unit_test(test_encode_publish__qos0_qos1_and_errors),
        cmocka_unit_test(test_encode_publish__long_remaining_length),
        cmocka_unit_test(test_encode_acks_subscribe_unsubscribe_empty),
        cmocka_unit_test(test_decode_packet__table),
        cmocka_unit_test(test_decode_packet__fields),
        cmocka_unit_test(test_decode_header__lengths),
        cmocka_unit_test(test_topic_and_utf8_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
