/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_mqtt_client.c
 * @brief The MQTT client over the in-memory broker of fake_transport.c with a fake clock:
 *        keep-alive timing, PINGRESP timeout and reconnect, full-jitter backoff bounds,
 *        resend with DUP after reconnect, the in-flight window, the bounded offline queue and
 *        its persistence, malformed packets closing with a clear status, AWS limits, QoS 2
 *        refused, CONNACK refusal and SL codes kept, and many clients in one process.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_transport.h"
#include "mqtt/mqtt.h"
#include "mqtt/mqtt_codec.h"

struct got {
    int messages;
    int pubacks;
    int subacks;
    int unsubacks;
    int connects;
    int disconnects;
    enum slsim_mqtt_status why;
    uint8_t last_qos;
    char last_topic[64];
};

static void on_message(void *user, const struct slsim_mqtt_message *m)
{
    struct got *g = user;
    g->messages++;
    g->last_qos = m->qos;
    (void)snprintf(g->last_topic, sizeof(g->last_topic), "%.*s", (int)m->topic_len, m->topic);
}

static void on_puback(void *user, uint16_t id)
{
    (void)id;
    ((struct got *)user)->pubacks++;
}

static void on_suback(void *user, uint16_t id, const uint8_t *codes, size_t n)
{
    (void)id;
    (void)codes;
    (void)n;
    ((struct got *)user)->subacks++;
}

static void on_unsuback(void *user, uint16_t id)
{
    (void)id;
    ((struct got *)user)->unsubacks++;
}

static void on_connect(void *user, bool sp)
{
    (void)sp;
    ((struct got *)user)->connects++;
}

static void on_disconnect(void *user, enum slsim_mqtt_status why)
{
    struct got *g = user;
    g->disconnects++;
    g->why = why;
}

/* A test fixture: broker, callbacks record, configuration, client. */
struct fx {
    struct fake_broker *b;
    struct got g;
    struct slsim_mqtt_config cfg;
    struct slsim_mqtt_client *c;
};

static void fx_config(struct fx *f)
{
    memset(&f->g, 0, sizeof(f->g));
    f->b = calloc(1, sizeof(*f->b));
    assert_non_null(f->b);
    fake_init(f->b);
    slsim_mqtt_config_defaults(&f->cfg);
    fake_bind(f->b, &f->cfg);
    f->cfg.connect.client_id = "dev1";
    f->cfg.connect.keep_alive_s = 10;
    f->cfg.max_packet_len = 4096;
    f->cfg.queue_bytes = 4096;
    f->cfg.queue_max_msgs = 8;
    f->cfg.cb = (struct slsim_mqtt_callbacks){ &f->g,     on_connect, on_disconnect, on_message,
                                               on_puback, on_suback,  on_unsuback };
}

static void fx_new(struct fx *f)
{
    assert_int_equal(slsim_mqtt_client_new(&f->cfg, &f->c), SLSIM_MQTT_OK);
}

static void fx_free(struct fx *f)
{
    slsim_mqtt_client_free(f->c);
    free(f->b);
}

static void fx_up(struct fx *f)
{
    fx_config(f);
    fx_new(f);
    assert_int_equal(slsim_mqtt_connect(f->c), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_client_state(f->c), SLSIM_MQTT_STATE_CONNECTED);
}

static void test_connect__sends_connect_and_gets_connack(void **state)
{
    (void)state;
    struct fx f;
    fx_up(&f);
    assert_int_equal(f.b->connects, 1);
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_CONNECT), 1);
    assert_int_equal(f.g.connects, 1);
    assert_int_equal(slsim_mqtt_disconnect(f.c), SLSIM_MQTT_OK);
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_DISCONNECT), 1);
    assert_false(f.b->open);
    assert_int_equal(slsim_mqtt_process(f.c, 100), SLSIM_MQTT_NOT_CONNECTED);
    fx_free(&f);
}

static void test_keepalive__pingreq_every_keepalive(void **state)
{
    (void)state;
    struct fx f;
    fx_up(&f);
    uint64_t t0 = f.b->now;
    assert_int_equal(slsim_mqtt_process(f.c, 35000), SLSIM_MQTT_OK);
    /* Nothing else was sent: a PINGREQ at 10, 20, 30 s [MQTT-3.1.2-23]. */
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PINGREQ), 3);
    for (size_t k = 0; k < 3; k++) {
        assert_int_equal(fake_nth(f.b, SLSIM_MQTT_PINGREQ, k)->at_ms - t0, 10000 * (k + 1));
    }
    /* Sending something postpones the next PINGREQ. */
    uint64_t t1 = f.b->now;
    assert_int_equal(slsim_mqtt_publish(f.c, "t", "x", 1, 0, false, NULL), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_process(f.c, 9000), SLSIM_MQTT_OK);
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PINGREQ), 3);
    assert_true(f.b->now - t1 >= 9000);
    fx_free(&f);
}

static void test_keepalive__no_pingresp_closes_and_reconnects(void **state)
{
    (void)state;
    struct fx f;
    fx_up(&f);
    f.b->pingresp = false;
    uint64_t t0 = f.b->now;
    assert_int_equal(slsim_mqtt_process(f.c, 60000), SLSIM_MQTT_KEEPALIVE_TIMEOUT);
    assert_int_equal(f.b->now - t0, 10000 + 5000); /* keep-alive + pingresp_timeout_ms */
    assert_int_equal(f.g.disconnects, 1);
    assert_int_equal(f.g.why, SLSIM_MQTT_KEEPALIVE_TIMEOUT);
    assert_int_equal(slsim_mqtt_client_state(f.c), SLSIM_MQTT_STATE_BACKOFF);
    f.b->pingresp = true;
    assert_int_equal(slsim_mqtt_process(f.c, 1000), SLSIM_MQTT_OK); /* rnd max: 500 ms */
    assert_int_equal(f.b->connects, 2);
    assert_int_equal(slsim_mqtt_client_state(f.c), SLSIM_MQTT_STATE_CONNECTED);
    fx_free(&f);
}

static void test_backoff__full_jitter_bounds(void **state)
{
    (void)state;
    static const struct {
        uint32_t attempt;
        uint32_t bound;
    } rows[] = { { 0, 500 },   { 1, 1000 },   { 2, 2000 },   { 5, 16000 },
                 { 6, 30000 }, { 20, 30000 }, { 31, 30000 }, { 1000, 30000 } };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        uint32_t b = rows[i].bound;
        assert_int_equal(slsim_mqtt_backoff_ms(500, 30000, rows[i].attempt, b), b);
        assert_int_equal(slsim_mqtt_backoff_ms(500, 30000, rows[i].attempt, b + 1), 0);
        assert_int_equal(slsim_mqtt_backoff_ms(500, 30000, rows[i].attempt, 0), 0);
        for (uint32_t r = 1; r < 2000000000u; r = r * 7 + 3) {
            assert_true(slsim_mqtt_backoff_ms(500, 30000, rows[i].attempt, r) <= b);
        }
    }
}

static void test_backoff__client_attempts_grow_and_cap(void **state)
{
    (void)state;
    struct fx f;
    fx_config(&f);
    f.cfg.backoff_max_ms = 4000;
    fx_new(&f);
    f.b->connect_rc = -111; /* SL_ERROR_BSD_ECONNREFUSED */
    assert_int_equal(slsim_mqtt_connect(f.c), SLSIM_MQTT_CONNECT_FAILED);
    assert_int_equal(slsim_mqtt_client_last_sl_error(f.c), -111);
    /* rnd = bound of the attempt: the delay is exactly the bound, doubling up to the cap. */
    static const uint32_t bounds[] = { 1000, 2000, 4000, 4000, 4000 };
    for (size_t i = 0; i < sizeof(bounds) / sizeof(bounds[0]); i++) {
        f.b->rnd = bounds[i];
        uint64_t t0 = f.b->now;
        assert_int_equal(slsim_mqtt_process(f.c, 60000), SLSIM_MQTT_CONNECT_FAILED);
        /* The first wait (attempt 0) was drawn at connect() with rnd max: <= 500. */
        if (i == 0) {
            assert_true(f.b->now - t0 <= 500u);
        } else {
            assert_int_equal(f.b->now - t0, bounds[i - 1]);
        }
    }
    f.b->rnd = 4000;
    uint64_t t1 = f.b->now;
    assert_int_equal(slsim_mqtt_process(f.c, 60000), SLSIM_MQTT_CONNECT_FAILED);
    assert_int_equal(f.b->now - t1, 4000);
    f.b->connect_rc = 0;
    assert_int_equal(slsim_mqtt_process(f.c, 4001), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_client_state(f.c), SLSIM_MQTT_STATE_CONNECTED);
    fx_free(&f);
}

static void test_resend__inflight_with_dup_after_reconnect(void **state)
{
    (void)state;
    struct fx f;
    fx_up(&f);
    f.b->puback = false;
    uint16_t ids[3];
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(slsim_mqtt_publish(f.c, "q/1", "m", 1, 1, false, &ids[i]), SLSIM_MQTT_OK);
        assert_true(ids[i] != 0);
    }
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PUBLISH), 3);
    assert_int_equal(slsim_mqtt_client_inflight(f.c), 3);
    f.b->eof = true;
    assert_int_equal(slsim_mqtt_process(f.c, 100), SLSIM_MQTT_CLOSED);
    assert_int_equal(f.g.why, SLSIM_MQTT_CLOSED);
    f.b->puback = true;
    f.b->session_present = true;
    assert_int_equal(slsim_mqtt_process(f.c, 1000), SLSIM_MQTT_OK);
    assert_int_equal(f.b->connects, 2);
    /* Same ids, same order, DUP set [MQTT-4.4.0-1] [MQTT-3.3.1-1]. */
    for (size_t i = 0; i < 3; i++) {
        const struct fake_sent *s = fake_nth(f.b, SLSIM_MQTT_PUBLISH, 3 + i);
        assert_non_null(s);
        assert_int_equal(s->packet_id, ids[i]);
        assert_int_equal(s->flags & 0x8, 0x8);
        assert_int_equal(fake_nth(f.b, SLSIM_MQTT_PUBLISH, i)->flags & 0x8, 0);
    }
    assert_int_equal(f.g.pubacks, 3);
    assert_int_equal(slsim_mqtt_client_queued(f.c), 0);
    fx_free(&f);
}

static void test_inflight__window_limits_unacked(void **state)
{
    (void)state;
    struct fx f;
    fx_config(&f);
    f.cfg.inflight_max = 2;
    fx_new(&f);
    assert_int_equal(slsim_mqtt_connect(f.c), SLSIM_MQTT_OK);
    f.b->puback = false;
    for (int i = 0; i < 5; i++) {
        assert_int_equal(slsim_mqtt_publish(f.c, "w", "m", 1, 1, false, NULL), SLSIM_MQTT_OK);
    }
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PUBLISH), 2);
    assert_int_equal(slsim_mqtt_client_queued(f.c), 5);
    uint8_t puback[4] = { 0x40, 2, 0, fake_nth(f.b, SLSIM_MQTT_PUBLISH, 0)->packet_id & 0xFF };
    fake_inject(f.b, puback, sizeof(puback));
    assert_int_equal(slsim_mqtt_process(f.c, 10), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_process(f.c, 10), SLSIM_MQTT_OK);
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PUBLISH), 3);
    f.b->puback = true;
    puback[3] = fake_nth(f.b, SLSIM_MQTT_PUBLISH, 1)->packet_id & 0xFF;
    fake_inject(f.b, puback, sizeof(puback));
    puback[3] = fake_nth(f.b, SLSIM_MQTT_PUBLISH, 2)->packet_id & 0xFF;
    fake_inject(f.b, puback, sizeof(puback));
    for (int i = 0; i < 5; i++) {
        assert_int_equal(slsim_mqtt_process(f.c, 10), SLSIM_MQTT_OK);
    }
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PUBLISH), 5);
    assert_int_equal(slsim_mqtt_client_queued(f.c), 0);
    fx_free(&f);
}

static void test_offline_queue__bounded_and_persisted(void **state)
{
    (void)state;
    struct fx f;
    fx_config(&f);
    f.cfg.queue_max_msgs = 3;
    f.cfg.auto_reconnect = false;
    fx_new(&f);
    assert_int_equal(slsim_mqtt_publish(f.c, "o/1", "a", 1, 1, false, NULL), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_publish(f.c, "o/2", "bb", 2, 0, true, NULL), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_publish(f.c, "o/3", "ccc", 3, 1, false, NULL), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_publish(f.c, "o/4", "d", 1, 1, false, NULL), SLSIM_MQTT_QUEUE_FULL);
    assert_int_equal(slsim_mqtt_client_queued(f.c), 3);
    assert_true(f.b->blob_len > 0);
    /* "Device restart": a new client on the same store gets the same three messages. */
    slsim_mqtt_client_free(f.c);
    fx_new(&f);
    assert_int_equal(slsim_mqtt_client_queued(f.c), 3);
    assert_int_equal(slsim_mqtt_connect(f.c), SLSIM_MQTT_OK);
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PUBLISH), 3);
    assert_string_equal(fake_nth(f.b, SLSIM_MQTT_PUBLISH, 0)->topic, "o/1");
    assert_string_equal(fake_nth(f.b, SLSIM_MQTT_PUBLISH, 1)->topic, "o/2");
    assert_int_equal(fake_nth(f.b, SLSIM_MQTT_PUBLISH, 1)->flags, 0x1); /* QoS 0, retain */
    assert_string_equal(fake_nth(f.b, SLSIM_MQTT_PUBLISH, 2)->topic, "o/3");
    assert_int_equal(slsim_mqtt_process(f.c, 10), SLSIM_MQTT_OK); /* the PUBACKs */
    assert_int_equal(slsim_mqtt_client_queued(f.c), 0);
    /* A failing store refuses the message rather than pretending it is safe. */
    assert_int_equal(slsim_mqtt_disconnect(f.c), SLSIM_MQTT_OK);
    f.b->save_rc = -10313;
    assert_int_equal(slsim_mqtt_publish(f.c, "o/5", "e", 1, 1, false, NULL),
                     SLSIM_MQTT_STORE_FAILED);
    assert_int_equal(slsim_mqtt_client_queued(f.c), 0);
    /* A corrupt blob is reported at creation. */
    slsim_mqtt_client_free(f.c);
    f.b->blob[f.b->blob_len / 2] ^= 0x55;
    assert_int_equal(slsim_mqtt_client_new(&f.cfg, &f.c), SLSIM_MQTT_STORE_FAILED);
    assert_null(f.c);
    free(f.b);
}

static void test_inflight__survives_restart_and_resent_with_dup(void **state)
{
    (void)state;
    struct fx f;
    fx_up(&f);
    f.b->puback = false;
    uint16_t id = 0;
    assert_int_equal(slsim_mqtt_publish(f.c, "r/1", "m", 1, 1, false, &id), SLSIM_MQTT_OK);
    slsim_mqtt_client_free(f.c); /* power cut: no DISCONNECT */
    f.b->puback = true;
    fx_new(&f);
    assert_int_equal(slsim_mqtt_connect(f.c), SLSIM_MQTT_OK);
    const struct fake_sent *s = fake_nth(f.b, SLSIM_MQTT_PUBLISH, 1);
    assert_non_null(s);
    assert_int_equal(s->packet_id, id);
    assert_int_equal(s->flags & 0x8, 0x8);
    /* New ids do not collide with the restored one. */
    uint16_t id2 = 0;
    assert_int_equal(slsim_mqtt_publish(f.c, "r/1", "m", 1, 1, false, &id2), SLSIM_MQTT_OK);
    assert_true(id2 != id);
    fx_free(&f);
}

static void malformed_case(const uint8_t *bytes, size_t len, enum slsim_mqtt_status want)
{
    struct fx f;
    fx_up(&f);
    fake_inject(f.b, bytes, len);
    assert_int_equal(slsim_mqtt_process(f.c, 100), want);
    assert_int_equal(f.g.why, want);
    assert_false(f.b->open);
    char line[160];
    slsim_mqtt_client_describe(f.c, line, sizeof(line));
    assert_non_null(strstr(line, slsim_mqtt_status_str(want)));
    fx_free(&f);
}

static void test_malformed__closes_with_clear_status(void **state)
{
    (void)state;
    malformed_case((const uint8_t[]){ 0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, 6,
                   SLSIM_MQTT_MALFORMED);
    malformed_case((const uint8_t[]){ 0x32, 5, 0, 1, 'a', 0, 0 }, 7, SLSIM_MQTT_MALFORMED);
    malformed_case((const uint8_t[]){ 0x41, 2, 0, 1 }, 4, SLSIM_MQTT_MALFORMED);
    malformed_case((const uint8_t[]){ 0x20, 2, 0, 0 }, 4, SLSIM_MQTT_PROTOCOL); /* 2nd CONNACK */
    malformed_case((const uint8_t[]){ 0x50, 2, 0, 1 }, 4, SLSIM_MQTT_PROTOCOL); /* PUBREC */
    malformed_case((const uint8_t[]){ 0x34, 5, 0, 1, 'a', 0, 1 }, 7, SLSIM_MQTT_PROTOCOL);
    /* Larger than max_packet_len (4096). */
    malformed_case((const uint8_t[]){ 0x30, 0x80, 0x80, 0x01 }, 4, SLSIM_MQTT_LIMIT);
}

static void test_receive__publish_qos1_acked(void **state)
{
    (void)state;
    struct fx f;
    fx_up(&f);
    static const uint8_t subs_bytes[] = { 0x32, 8, 0, 3, 's', '/', '1', 0, 9, 'p' };
    struct slsim_mqtt_subscription sub = { "s/#", 1 };
    uint16_t sid = 0;
    assert_int_equal(slsim_mqtt_subscribe(f.c, &sub, 1, &sid), SLSIM_MQTT_OK);
    fake_inject(f.b, subs_bytes, sizeof(subs_bytes));
    assert_int_equal(slsim_mqtt_process(f.c, 50), SLSIM_MQTT_OK);
    assert_int_equal(f.g.subacks, 1);
    assert_int_equal(f.g.messages, 1);
    assert_string_equal(f.g.last_topic, "s/1");
    assert_int_equal(f.g.last_qos, 1);
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PUBACK), 1);
    const char *filters[] = { "s/#" };
    assert_int_equal(slsim_mqtt_unsubscribe(f.c, filters, 1, NULL), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_process(f.c, 50), SLSIM_MQTT_OK);
    assert_int_equal(f.g.unsubacks, 1);
    fx_free(&f);
}

static void test_limits__qos2_aws_and_params(void **state)
{
    (void)state;
    struct fx f;
    fx_up(&f);
    assert_int_equal(slsim_mqtt_publish(f.c, "t", "x", 1, 2, false, NULL),
                     SLSIM_MQTT_NOT_SUPPORTED);
    struct slsim_mqtt_subscription sub2 = { "t", 2 };
    assert_int_equal(slsim_mqtt_subscribe(f.c, &sub2, 1, NULL), SLSIM_MQTT_NOT_SUPPORTED);
    assert_int_equal(slsim_mqtt_publish(f.c, "t/+", "x", 1, 0, false, NULL), SLSIM_MQTT_BAD_PARAM);
    static uint8_t big[SLSIM_MQTT_AWS_MAX_PAYLOAD + 1];
    assert_int_equal(slsim_mqtt_publish(f.c, "t", big, sizeof(big), 0, false, NULL),
                     SLSIM_MQTT_LIMIT);
    assert_int_equal(slsim_mqtt_publish(f.c, "a/b/c/d/e/f/g/h/i", "x", 1, 0, false, NULL),
                     SLSIM_MQTT_LIMIT); /* 8 slashes */
    struct slsim_mqtt_subscription nine[9];
    for (size_t i = 0; i < 9; i++) {
        nine[i] = (struct slsim_mqtt_subscription){ "a", 0 };
    }
    assert_int_equal(slsim_mqtt_subscribe(f.c, nine, 9, NULL), SLSIM_MQTT_LIMIT);
    assert_int_equal(slsim_mqtt_subscribe(f.c, nine, 8, NULL), SLSIM_MQTT_OK);
    fx_free(&f);

    fx_config(&f);
    f.cfg.connect.will_topic = "will";
    f.cfg.connect.will_qos = 2;
    assert_int_equal(slsim_mqtt_client_new(&f.cfg, &f.c), SLSIM_MQTT_NOT_SUPPORTED);
    f.cfg.connect.will_qos = 1;
    static char id[SLSIM_MQTT_AWS_MAX_CLIENT_ID + 2];
    memset(id, 'x', sizeof(id) - 1);
    f.cfg.connect.client_id = id;
    assert_int_equal(slsim_mqtt_client_new(&f.cfg, &f.c), SLSIM_MQTT_LIMIT);
    f.cfg.aws_limits = false;
    assert_int_equal(slsim_mqtt_client_new(&f.cfg, &f.c), SLSIM_MQTT_OK);
    slsim_mqtt_client_free(f.c);
    f.cfg.connect.client_id = "";
    f.cfg.connect.clean_session = false;
    assert_int_equal(slsim_mqtt_client_new(&f.cfg, &f.c), SLSIM_MQTT_BAD_PARAM);
    f.cfg.connect.clean_session = true;
    f.cfg.transport.send = NULL;
    assert_int_equal(slsim_mqtt_client_new(&f.cfg, &f.c), SLSIM_MQTT_BAD_PARAM);
    free(f.b);
}

static void test_connect__refused_and_sl_codes_described(void **state)
{
    (void)state;
    struct fx f;
    fx_config(&f);
    f.cfg.auto_reconnect = false;
    fx_new(&f);
    f.b->connack_code = 5;
    char line[160];
    assert_int_equal(slsim_mqtt_connect(f.c), SLSIM_MQTT_REFUSED);
    assert_int_equal(slsim_mqtt_client_connack_code(f.c), 5);
    assert_string_equal(slsim_mqtt_client_describe(f.c, line, sizeof(line)),
                        "SLSIM_MQTT_REFUSED: connection refused by the broker (CONNACK return "
                        "code) (CONNACK 5: not authorized)");
    assert_int_equal(slsim_mqtt_client_state(f.c), SLSIM_MQTT_STATE_DISCONNECTED);
    f.b->connect_rc = -468;
    assert_int_equal(slsim_mqtt_connect(f.c), SLSIM_MQTT_CONNECT_FAILED);
    assert_int_equal(slsim_mqtt_client_last_sl_error(f.c), -468);
    assert_string_equal(slsim_mqtt_client_describe(f.c, line, sizeof(line)),
                        "SLSIM_MQTT_CONNECT_FAILED: transport connect failed "
                        "(SL_ERROR_BSD_ESECUNKNOWNROOTCA -468)");
    /* Connected with a warning accepted by the transport's policy: still visible. */
    f.b->connect_rc = 0;
    f.b->connect_sl = -468;
    f.b->connack_code = 0;
    assert_int_equal(slsim_mqtt_connect(f.c), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_client_last_sl_error(f.c), -468);
    /* A silent broker: CONNACK timeout. */
    assert_int_equal(slsim_mqtt_disconnect(f.c), SLSIM_MQTT_OK);
    f.b->connack = false;
    assert_int_equal(slsim_mqtt_connect(f.c), SLSIM_MQTT_TIMEOUT);
    /* Receive error keeps the SL code. */
    f.b->connack = true;
    assert_int_equal(slsim_mqtt_connect(f.c), SLSIM_MQTT_OK);
    f.b->recv_error = -104;
    assert_int_equal(slsim_mqtt_process(f.c, 10), SLSIM_MQTT_RECV_FAILED);
    assert_int_equal(slsim_mqtt_client_last_sl_error(f.c), -104);
    fx_free(&f);
}

static void test_status__names_distinct(void **state)
{
    (void)state;
    for (int i = 0; i < SLSIM_MQTT_STATUS_COUNT; i++) {
        const char *a = slsim_mqtt_status_str((enum slsim_mqtt_status)i);
        assert_int_equal(strncmp(a, "SLSIM_MQTT_", 11), 0);
        assert_true(strlen(slsim_mqtt_status_msg((enum slsim_mqtt_status)i)) > 0);
        for (int k = 0; k < i; k++) {
            assert_string_not_equal(a, slsim_mqtt_status_str((enum slsim_mqtt_status)k));
        }
    }
    assert_string_equal(slsim_mqtt_status_str(SLSIM_MQTT_OK), "SLSIM_MQTT_OK");
    assert_string_equal(slsim_mqtt_status_str(SLSIM_MQTT_STATUS_COUNT), "SLSIM_MQTT_?");
    assert_string_equal(slsim_mqtt_connack_str(4), "bad user name or password");
}

static void test_many_clients__independent(void **state)
{
    (void)state;
    enum { N = 40 };
    struct fx *f = calloc(N, sizeof(*f));
    assert_non_null(f);
    for (int i = 0; i < N; i++) {
        fx_up(&f[i]);
    }
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < N; i++) {
            char topic[32];
            (void)snprintf(topic, sizeof(topic), "dev/%d", i);
            assert_int_equal(
                slsim_mqtt_publish(f[i].c, topic, "m", 1, (uint8_t)(i % 2), false, NULL),
                SLSIM_MQTT_OK);
            assert_int_equal(slsim_mqtt_process(f[i].c, 5), SLSIM_MQTT_OK);
        }
    }
    for (int i = 0; i < N; i++) {
        char topic[32];
        (void)snprintf(topic, sizeof(topic), "dev/%d", i);
        assert_int_equal(fake_count(f[i].b, SLSIM_MQTT_PUBLISH), 3);
        assert_string_equal(fake_nth(f[i].b, SLSIM_MQTT_PUBLISH, 2)->topic, topic);
        assert_int_equal(f[i].g.pubacks, i % 2 ? 3 : 0);
        assert_int_equal(slsim_mqtt_client_queued(f[i].c), 0);
        fx_free(&f[i]);
    }
    free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_connect__sends_connect_and_gets_connack),
        cmocka_unit_test(test_keepalive__pingreq_every_keepalive),
        cmocka_unit_test(test_keepalive__no_pingresp_closes_and_reconnects),
        cmocka_unit_test(test_backoff__full_jitter_bounds),
        cmocka_unit_test(test_backoff__client_attempts_grow_and_cap),
        cmocka_unit_test(test_resend__inflight_with_dup_after_reconnect),
        cmocka_unit_test(test_inflight__window_limits_unacked),
        cmocka_unit_test(test_offline_queue__bounded_and_persisted),
        cmocka_unit_test(test_inflight__survives_restart_and_resent_with_dup),
        cmocka_unit_test(test_malformed__closes_with_clear_status),
        cmocka_unit_test(test_receive__publish_qos1_acked),
        cmocka_unit_test(test_limits__qos2_aws_and_params),
        cmocka_unit_test(test_connect__refused_and_sl_codes_described),
        cmocka_unit_test(test_status__names_distinct),
        cmocka_unit_test(test_many_clients__independent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
