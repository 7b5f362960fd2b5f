/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_mqtt_coalesce.c
 * @brief Write coalescing of the MQTT client over the in-memory broker of fake_transport.c:
 *        a batch of publishes takes fewer transport sends, a full buffer is sent, process()
 *        sends what is buffered (publishes and PUBACKs) before it waits, a single publish is
 *        still sent at once, and a send failure in the middle of a buffer loses nothing
 *        (QoS 1 resent with DUP after the reconnect, queued QoS 0 kept). Also the queue's
 *        arena reuse (holes, compaction) and out-of-order PUBACKs.
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

struct fx {
    struct fake_broker *b;
    struct slsim_mqtt_config cfg;
    struct slsim_mqtt_client *c;
    int pubacks;
    int messages;
};

static void on_puback(void *user, uint16_t id)
{
    (void)id;
    ((struct fx *)user)->pubacks++;
}

static void on_message(void *user, const struct slsim_mqtt_message *m)
{
    (void)m;
    ((struct fx *)user)->messages++;
}

static void fx_config(struct fx *f)
{
    memset(f, 0, sizeof(*f));
    f->b = calloc(1, sizeof(*f->b));
    assert_non_null(f->b);
    fake_init(f->b);
    slsim_mqtt_config_defaults(&f->cfg);
    fake_bind(f->b, &f->cfg);
    f->cfg.connect.client_id = "dev1";
    f->cfg.max_packet_len = 4096;
    f->cfg.queue_bytes = 4096;
    f->cfg.queue_max_msgs = 8;
    f->cfg.cb.user = f;
    f->cfg.cb.on_puback = on_puback;
    f->cfg.cb.on_message = on_message;
}

static void fx_connect(struct fx *f)
{
    assert_int_equal(slsim_mqtt_client_new(&f->cfg, &f->c), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_connect(f->c), SLSIM_MQTT_OK);
}

static void fx_free(struct fx *f)
{
    slsim_mqtt_client_free(f->c);
    free(f->b);
}

static void topic_of(char *buf, size_t len, int i)
{
    (void)snprintf(buf, len, "t/%d", i);
}

static void test_coalesce__batch_takes_one_send(void **state)
{
    (void)state;
    struct fx f;
    fx_config(&f);
    fx_connect(&f);
    size_t sends0 = f.b->sends;
    assert_int_equal(slsim_mqtt_batch_begin(f.c), SLSIM_MQTT_OK);
    for (int i = 0; i < 100; i++) {
        char t[16];
        topic_of(t, sizeof(t), i);
        assert_int_equal(slsim_mqtt_publish(f.c, t, "m", 1, 0, false, NULL), SLSIM_MQTT_OK);
    }
    assert_int_equal(f.b->sends, sends0); /* all in the buffer */
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PUBLISH), 0);
    assert_int_equal(slsim_mqtt_batch_end(f.c), SLSIM_MQTT_OK);
    assert_int_equal(f.b->sends, sends0 + 1);
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PUBLISH), 100);
    for (int i = 0; i < 100; i++) {
        char t[16];
        topic_of(t, sizeof(t), i);
        assert_string_equal(fake_nth(f.b, SLSIM_MQTT_PUBLISH, (size_t)i)->topic, t);
    }
    assert_int_equal(slsim_mqtt_flush(f.c), SLSIM_MQTT_OK); /* nothing left */
    assert_int_equal(f.b->sends, sends0 + 1);
    fx_free(&f);
}

static void test_coalesce__full_buffer_is_sent(void **state)
{
    (void)state;
    struct fx f;
    fx_config(&f);
    f.cfg.out_buf_len = 256;
    fx_connect(&f);
    size_t sends0 = f.b->sends;
    assert_int_equal(slsim_mqtt_batch_begin(f.c), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_batch_begin(f.c), SLSIM_MQTT_OK); /* nested */
    for (int i = 0; i < 100; i++) {
        char t[16];
        topic_of(t, sizeof(t), i);
        assert_int_equal(slsim_mqtt_publish(f.c, t, "0123456789", 10, 0, false, NULL),
                         SLSIM_MQTT_OK);
    }
    /* About 18 bytes each: 14 per 256-byte buffer, sent as each one fills. */
    assert_true(f.b->sends - sends0 >= 6 && f.b->sends - sends0 <= 8);
    assert_true(f.b->max_send_len <= 256);
    assert_int_equal(slsim_mqtt_batch_end(f.c), SLSIM_MQTT_OK); /* inner: nothing */
    size_t mid = f.b->sends;
    assert_int_equal(slsim_mqtt_batch_end(f.c), SLSIM_MQTT_OK);
    assert_int_equal(f.b->sends, mid + 1);
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PUBLISH), 100);
    /* A packet larger than the buffer goes on its own, after the buffered ones. */
    static uint8_t big[1000];
    assert_int_equal(slsim_mqtt_batch_begin(f.c), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_publish(f.c, "a", "x", 1, 0, false, NULL), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_publish(f.c, "b", big, sizeof(big), 0, false, NULL), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_batch_end(f.c), SLSIM_MQTT_OK);
    assert_string_equal(fake_nth(f.b, SLSIM_MQTT_PUBLISH, 100)->topic, "a");
    assert_string_equal(fake_nth(f.b, SLSIM_MQTT_PUBLISH, 101)->topic, "b");
    fx_free(&f);
}

static void test_coalesce__single_publish_is_immediate(void **state)
{
    (void)state;
    struct fx f;
    fx_config(&f);
    fx_connect(&f);
    f.b->puback = false;
    size_t sends0 = f.b->sends;
    assert_int_equal(slsim_mqtt_publish(f.c, "q0", "m", 1, 0, false, NULL), SLSIM_MQTT_OK);
    assert_int_equal(f.b->sends, sends0 + 1);
    assert_int_equal(slsim_mqtt_publish(f.c, "q1", "m", 1, 1, false, NULL), SLSIM_MQTT_OK);
    assert_int_equal(f.b->sends, sends0 + 2);
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PUBLISH), 2);
    assert_int_equal(slsim_mqtt_client_inflight(f.c), 1);
    /* QoS 0 behind a queued QoS 1 keeps the order and is still sent at once. */
    assert_int_equal(slsim_mqtt_publish(f.c, "q0b", "m", 1, 0, false, NULL), SLSIM_MQTT_OK);
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PUBLISH), 3);
    assert_int_equal(slsim_mqtt_client_queued(f.c), 1); /* the QoS 0 one left the queue */
    struct slsim_mqtt_subscription sub = { "s/#", 1 };
    assert_int_equal(slsim_mqtt_subscribe(f.c, &sub, 1, NULL), SLSIM_MQTT_OK);
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_SUBSCRIBE), 1);
    fx_free(&f);
}

static void test_coalesce__process_sends_before_waiting(void **state)
{
    (void)state;
    struct fx f;
    fx_config(&f);
    fx_connect(&f);
    assert_int_equal(slsim_mqtt_batch_begin(f.c), SLSIM_MQTT_OK);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(slsim_mqtt_publish(f.c, "w", "m", 1, 1, false, NULL), SLSIM_MQTT_OK);
    }
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PUBLISH), 0);
    assert_int_equal(slsim_mqtt_client_inflight(f.c), 3); /* in the buffer counts as sent */
    size_t sends0 = f.b->sends;
    assert_int_equal(slsim_mqtt_process(f.c, 10), SLSIM_MQTT_OK);
    assert_int_equal(f.b->sends, sends0 + 1);
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PUBLISH), 3);
    assert_int_equal(f.pubacks, 3);
    assert_int_equal(slsim_mqtt_batch_end(f.c), SLSIM_MQTT_OK);
    /* Incoming QoS 1 messages: their PUBACKs leave together when process() returns. */
    static const uint8_t in[] = { 0x32, 6, 0, 1, 's', 0, 7, 'p', 0x32, 6, 0, 1, 's', 0, 8, 'q' };
    fake_inject(f.b, in, sizeof(in));
    sends0 = f.b->sends;
    assert_int_equal(slsim_mqtt_process(f.c, 1), SLSIM_MQTT_OK);
    assert_int_equal(f.messages, 2);
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PUBACK), 2);
    assert_int_equal(f.b->sends, sends0 + 1);
    fx_free(&f);
}

static void test_coalesce__send_error_mid_buffer_resends(void **state)
{
    (void)state;
    struct fx f;
    fx_config(&f);
    f.cfg.out_buf_len = 64;
    fx_connect(&f);
    f.b->puback = false;
    f.b->fail_send_at = f.b->sends + 1; /* the first buffer that fills */
    f.b->fail_send_rc = -104;
    uint16_t ids[6];
    assert_int_equal(slsim_mqtt_batch_begin(f.c), SLSIM_MQTT_OK);
    for (int i = 0; i < 6; i++) {
        char t[16];
        topic_of(t, sizeof(t), i);
        assert_int_equal(slsim_mqtt_publish(f.c, t, "0123456789", 10, 1, false, &ids[i]),
                         SLSIM_MQTT_OK); /* accepted; the failure shows in process() */
    }
    assert_int_equal(slsim_mqtt_client_state(f.c), SLSIM_MQTT_STATE_BACKOFF);
    assert_int_equal(slsim_mqtt_batch_end(f.c), SLSIM_MQTT_OK);
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PUBLISH), 0);
    assert_int_equal(slsim_mqtt_client_queued(f.c), 6);
    f.b->puback = true;
    assert_int_equal(slsim_mqtt_process(f.c, 1000), SLSIM_MQTT_OK);
    assert_int_equal(f.b->connects, 2);
    /* Each message exactly once, in order, same ids; the ones that were in the lost buffer
     * carry DUP [MQTT-4.4.0-1], the ones never buffered do not. */
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PUBLISH), 6);
    size_t dups = 0;
    for (size_t i = 0; i < 6; i++) {
        const struct fake_sent *s = fake_nth(f.b, SLSIM_MQTT_PUBLISH, i);
        assert_int_equal(s->packet_id, ids[i]);
        dups += (s->flags & 0x8) != 0 ? 1u : 0u;
        if (i > 0 && (s->flags & 0x8) != 0) {
            assert_int_equal(fake_nth(f.b, SLSIM_MQTT_PUBLISH, i - 1)->flags & 0x8, 0x8);
        }
    }
    assert_true(dups >= 3 && dups < 6);
    assert_int_equal(f.pubacks, 6);
    assert_int_equal(slsim_mqtt_client_queued(f.c), 0);
    fx_free(&f);
}

static void test_coalesce__queued_qos0_kept_until_sent(void **state)
{
    (void)state;
    struct fx f;
    fx_config(&f);
    f.cfg.auto_reconnect = false;
    assert_int_equal(slsim_mqtt_client_new(&f.cfg, &f.c), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_publish(f.c, "o/1", "a", 1, 1, false, NULL), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_publish(f.c, "o/2", "b", 1, 0, false, NULL), SLSIM_MQTT_OK);
    f.b->fail_send_at = 2; /* the CONNECT goes, the queue after the CONNACK fails */
    f.b->fail_send_rc = -104;
    assert_int_equal(slsim_mqtt_connect(f.c), SLSIM_MQTT_SEND_FAILED);
    assert_int_equal(slsim_mqtt_client_queued(f.c), 2);
    /* A restart from the store has both, too. */
    slsim_mqtt_client_free(f.c);
    assert_int_equal(slsim_mqtt_client_new(&f.cfg, &f.c), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_client_queued(f.c), 2);
    assert_int_equal(slsim_mqtt_connect(f.c), SLSIM_MQTT_OK);
    assert_int_equal(fake_count(f.b, SLSIM_MQTT_PUBLISH), 2);
    assert_string_equal(fake_nth(f.b, SLSIM_MQTT_PUBLISH, 1)->topic, "o/2");
    assert_int_equal(slsim_mqtt_process(f.c, 10), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_client_queued(f.c), 0);
    fx_free(&f);
}

static void test_queue__arena_reuse_and_out_of_order_acks(void **state)
{
    (void)state;
    struct fx f;
    fx_config(&f);
    fx_connect(&f);
    static uint8_t body[300];
    for (int i = 0; i < 200; i++) { /* ~35 KB through a 4 KB arena (the fake logs 256) */
        char t[16];
        topic_of(t, sizeof(t), i);
        enum slsim_mqtt_status st;
        while ((st = slsim_mqtt_publish(f.c, t, body, 50u + (size_t)(i * 37 % 250), 1, false,
                                        NULL)) == SLSIM_MQTT_QUEUE_FULL) {
            assert_int_equal(slsim_mqtt_process(f.c, 1), SLSIM_MQTT_OK);
        }
        assert_int_equal(st, SLSIM_MQTT_OK);
    }
    assert_int_equal(slsim_mqtt_process(f.c, 10), SLSIM_MQTT_OK);
    assert_int_equal(f.pubacks, 200);
    for (int i = 0; i < 200; i++) {
        char t[16];
        topic_of(t, sizeof(t), i);
        assert_string_equal(fake_nth(f.b, SLSIM_MQTT_PUBLISH, (size_t)i)->topic, t);
    }
    /* PUBACKs out of order (allowed to be handled): the right message leaves each time. */
    f.b->puback = false;
    uint16_t ids[3];
    for (int i = 0; i < 3; i++) {
        assert_int_equal(slsim_mqtt_publish(f.c, "x", "m", 1, 1, false, &ids[i]), SLSIM_MQTT_OK);
    }
    const int order[] = { 1, 0, 2 };
    for (int k = 0; k < 3; k++) {
        uint16_t id = ids[order[k]];
        uint8_t ack[4] = { 0x40, 2, (uint8_t)(id >> 8), (uint8_t)id };
        fake_inject(f.b, ack, sizeof(ack));
        fake_inject(f.b, ack, sizeof(ack)); /* a duplicate is ignored */
        assert_int_equal(slsim_mqtt_process(f.c, 1), SLSIM_MQTT_OK);
        assert_int_equal(slsim_mqtt_client_queued(f.c), (size_t)(2 - k));
    }
    assert_int_equal(f.pubacks, 203);
    fx_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coalesce__batch_takes_one_send),
        cmocka_unit_test(test_coalesce__full_buffer_is_sent),
        cmocka_unit_test(test_coalesce__single_publish_is_immediate),
        cmocka_unit_test(test_coalesce__process_sends_before_waiting),
        cmocka_unit_test(test_coalesce__send_error_mid_buffer_resends),
        cmocka_unit_test(test_coalesce__queued_qos0_kept_until_sent),
        cmocka_unit_test(test_queue__arena_reuse_and_out_of_order_acks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
