/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_tls_faults.c
 * @brief The client against broken peers played by the test itself on a loopback socket
 *        (label unit): garbage, an immediate close, a reset, a cut record, a plaintext alert,
 *        a record out of place, and silence (the caller's handshake timeout, SL -462).
 */
#include "tls/tls.h"

#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "tls_test_util.h"

#include "core/banned.h"

struct fx {
    struct tt_end c;
    int peer; /* the fake server's end */
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    tt_pair(&f->c.fd, &f->peer);
    struct slsim_tls_config cfg = tt_client_cfg();
    struct slsim_diag d;
    assert_int_equal(slsim_tls_new(&cfg, f->c.fd, &f->c.t, &d), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    slsim_tls_free(f->c.t);
    (void)close(f->c.fd);
    if (f->peer >= 0) {
        (void)close(f->peer);
    }
    free(f);
    return 0;
}

/* Lets the client send its ClientHello, then reads it on the fake server's side. */
static void client_hello(struct fx *f)
{
    assert_int_equal(slsim_tls_handshake(f->c.t, NULL, NULL), SLSIM_TLS_WANT_READ);
    uint8_t buf[4096];
    assert_true(tt_wait(f->peer, POLLIN, 2000) & POLLIN);
    ssize_t n = read(f->peer, buf, sizeof(buf));
    assert_true(n > 5);
    assert_int_equal(buf[0], 0x16); /* handshake record */
    assert_int_equal(buf[5], 0x01); /* ClientHello */
}

static void peer_writes(struct fx *f, const void *data, size_t len)
{
    assert_int_equal(write(f->peer, data, len), (ssize_t)len);
}

static void peer_closes(struct fx *f)
{
    assert_int_equal(close(f->peer), 0);
    f->peer = -1;
}

static void expect_fatal(struct fx *f, enum slsim_tls_fatal why)
{
    assert_int_equal(tt_drive(&f->c, 2000), SLSIM_TLS_FATAL);
    assert_int_equal(f->c.why, why);
    /* Sticky: the session stays failed. */
    assert_int_equal(slsim_tls_handshake(f->c.t, &f->c.alert, &f->c.why), SLSIM_TLS_FATAL);
    assert_int_equal(f->c.why, why);
}

static void test_fault__garbage(void **state)
{
    struct fx *f = *state;
    static const char http[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
    client_hello(f);
    peer_writes(f, http, sizeof(http) - 1);
    expect_fatal(f, SLSIM_TLS_FATAL_BAD_MESSAGE);
}

static void test_fault__close_immediately(void **state)
{
    struct fx *f = *state;
    peer_closes(f);
    assert_true(tt_wait(f->c.fd, POLLIN, 2000) & POLLIN); /* the FIN is in */
    expect_fatal(f, SLSIM_TLS_FATAL_EOF);
}

static void test_fault__reset(void **state)
{
    struct fx *f = *state;
    struct linger lg = { .l_onoff = 1, .l_linger = 0 };
    client_hello(f);
    assert_int_equal(setsockopt(f->peer, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)), 0);
    peer_closes(f);
    expect_fatal(f, SLSIM_TLS_FATAL_RESET);
}

static void test_fault__record_cut_short(void **state)
{
    struct fx *f = *state;
    static const uint8_t part[] = { 0x16, 0x03, 0x03, 0x00, 0x40, 0x02, 0x00, 0x00, 0x3c, 0x03 };
    client_hello(f);
    peer_writes(f, part, sizeof(part));
    peer_closes(f);
    expect_fatal(f, SLSIM_TLS_FATAL_EOF); /* SL -470 / -708 territory */
}

static void test_fault__plaintext_fatal_alert(void **state)
{
    struct fx *f = *state;
    static const uint8_t alert[] = { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28 };
    client_hello(f);
    peer_writes(f, alert, sizeof(alert));
    assert_int_equal(tt_drive(&f->c, 2000), SLSIM_TLS_ALERT);
    assert_int_equal(f->c.alert, 40);
    f->c.alert = 0;
    assert_int_equal(slsim_tls_handshake(f->c.t, &f->c.alert, &f->c.why), SLSIM_TLS_ALERT);
    assert_int_equal(f->c.alert, 40);
}

static void test_fault__application_data_first(void **state)
{
    struct fx *f = *state;
    static const uint8_t rec[] = { 0x17, 0x03, 0x03, 0x00, 0x03, 'a', 'b', 'c' };
    client_hello(f);
    peer_writes(f, rec, sizeof(rec));
    expect_fatal(f, SLSIM_TLS_FATAL_BAD_MESSAGE);
}

/* The TLS layer waits forever; the caller's deadline turns this into SL -462. */
static void test_fault__never_answers(void **state)
{
    struct fx *f = *state;
    client_hello(f);
    int64_t t0 = tt_now_ms();
    assert_int_equal(tt_drive(&f->c, 1000), TT_TIMEOUT);
    assert_true(tt_now_ms() - t0 >= 1000);
    assert_int_equal(slsim_tls_handshake(f->c.t, NULL, NULL), SLSIM_TLS_WANT_READ);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fault__garbage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fault__close_immediately, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fault__reset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fault__record_cut_short, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fault__plaintext_fatal_alert, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fault__application_data_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fault__never_answers, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
