/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_sock_table.c
 * @brief The socket table on its own (a fake environment, loopback listeners): limits -10 and
 *        -460, lifecycle and state errors (EBADF, ENOTCONN, EISCONN, EALREADY), the connect
 *        state machine's codes (-111, -454, -462, -674, -790), secure-option rules, events.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <ti/drivers/net/wifi/errors.h>

#include "sock_test_util.h"

#include "sock/sock_int.h"

#define LOOPBACK 0x7F000001u

static int32_t fake_read(void *ctx, const char *name, uint8_t **data, size_t *len)
{
    (void)ctx;
    (void)name;
    *data = NULL;
    *len = 0;
    return SL_ERROR_FS_FILE_NOT_EXISTS;
}

static int64_t fake_time(void *ctx)
{
    (void)ctx;
    return (int64_t)time(NULL);
}

static struct slsim_sock_table *new_table(uint32_t max, uint32_t max_secure)
{
    struct slsim_sock_env env = {
        .read_file = fake_read,
        .device_time = fake_time,
        .max_sockets = max,
        .max_secure = max_secure,
    };
    struct slsim_sock_table *t = NULL;
    assert_int_equal(slsim_sock_table_new(&env, &t), 0);
    return t;
}

/* Steps a connect until it is no longer in progress (bounded, as the facade would). */
static int32_t connect_wait(struct slsim_sock_table *t, int sd, uint16_t port)
{
    int32_t ret = slsim_sock_connect(t, sd, LOOPBACK, port);
    for (int i = 0; i < 300 && ret == SL_ERROR_BSD_EALREADY; i++) {
        int fd = -1;
        short ev = 0;
        int64_t dl = 0;
        assert_int_equal(slsim_sock_poll_spec(t, sd, SLSIM_SOCK_OP_CONNECT, &fd, &ev, &dl), 0);
        struct pollfd p = { .fd = fd, .events = ev };
        (void)poll(&p, fd >= 0 ? 1 : 0, 10);
        ret = slsim_sock_connect(t, sd, LOOPBACK, port);
    }
    return ret;
}

static void test_socket__limit_is_enosck(void **state)
{
    (void)state;
    struct slsim_sock_table *t = new_table(4, 2);
    for (int i = 0; i < 4; i++) {
        assert_sl(slsim_sock_socket(t, 2, 1, 0), i);
    }
    assert_sl(slsim_sock_socket(t, 2, 2, 0), SL_ERROR_BSD_ENSOCK);
    assert_sl(slsim_sock_close(t, 1), 0);
    assert_sl(slsim_sock_socket(t, 2, 2, 17), 1); /* the freed slot is used again */
    assert_sl(slsim_sock_socket(t, 2, 1, 100), SL_ERROR_BSD_ENSOCK);
    slsim_sock_table_free(t);
}

static const struct args_case {
    int domain, type, proto;
    long want;
} args_cases[] = {
    { 2, 1, 0, 0 },
    { 2, 1, 6, 0 },
    { 2, 1, 100, 0 },
    { 2, 2, 0, 0 },
    { 2, 2, 17, 0 },
    { 3, 1, 0, SL_ERROR_BSD_EAFNOSUPPORT }, /* SL_AF_INET6: not yet */
    { 6, 1, 0, SL_ERROR_BSD_EAFNOSUPPORT }, /* SL_AF_RF */
    { 2, 3, 0, SL_ERROR_BSD_EPROTOTYPE },   /* raw */
    { 2, 0, 0, SL_ERROR_BSD_EPROTOTYPE },
    { 2, 1, 17, SL_ERROR_BSD_EOPNOTSUPP },  /* stream + UDP */
    { 2, 2, 6, SL_ERROR_BSD_EOPNOTSUPP },   /* dgram + TCP */
    { 2, 2, 100, SL_ERROR_BSD_EOPNOTSUPP }, /* dgram + TLS */
    { 2, 1, 55, SL_ERROR_BSD_EPROTONOSUPPORT },
};

static void test_socket__arguments(void **state)
{
    (void)state;
    struct slsim_sock_table *t = new_table(16, 6);
    for (size_t i = 0; i < sizeof(args_cases) / sizeof(args_cases[0]); i++) {
        const struct args_case *c = &args_cases[i];
        int32_t got = slsim_sock_socket(t, c->domain, c->type, c->proto);
        if (c->want == 0) {
            assert_true(got >= 0);
            assert_sl(slsim_sock_close(t, got), 0);
        } else {
            assert_sl(got, c->want);
        }
    }
    slsim_sock_table_free(t);
}

static void test_ops__bad_descriptor(void **state)
{
    (void)state;
    struct slsim_sock_table *t = new_table(16, 6);
    char b[4] = { 0 };
    assert_sl(slsim_sock_close(t, -1), SL_ERROR_BSD_EBADF);
    assert_sl(slsim_sock_close(t, 16), SL_ERROR_BSD_EBADF);
    assert_sl(slsim_sock_close(t, 3), SL_ERROR_BSD_EBADF);
    assert_sl(slsim_sock_send(t, 0, b, 1), SL_ERROR_BSD_EBADF);
    assert_sl(slsim_sock_recv(t, 0, b, 1), SL_ERROR_BSD_EBADF);
    assert_sl(slsim_sock_connect(t, 0, LOOPBACK, 1), SL_ERROR_BSD_EBADF);
    assert_sl(slsim_sock_set_nonblocking(t, 5, true), SL_ERROR_BSD_EBADF);
    int sd = slsim_sock_socket(t, 2, 1, 0);
    assert_sl(slsim_sock_close(t, sd), 0);
    assert_sl(slsim_sock_close(t, sd), SL_ERROR_BSD_EBADF); /* closed twice */
    slsim_sock_table_free(t);
}

static void test_plain__states(void **state)
{
    (void)state;
    struct slsim_sock_table *t = new_table(16, 6);
    uint16_t port = 0;
    int lfd = sock_host_listener(&port);
    assert_true(lfd >= 0);
    int sd = slsim_sock_socket(t, 2, 1, 0);
    char b[8] = "ping";
    assert_sl(slsim_sock_send(t, sd, b, 4), SL_ERROR_BSD_ENOTCONN);
    assert_sl(slsim_sock_recv(t, sd, b, 4), SL_ERROR_BSD_ENOTCONN);
    assert_sl(connect_wait(t, sd, port), 0);
    assert_sl(slsim_sock_connect(t, sd, LOOPBACK, port), SL_ERROR_BSD_EISCONN);
    assert_sl(slsim_sock_recv(t, sd, b, 4), SL_ERROR_BSD_EAGAIN); /* nothing yet */
    assert_sl(slsim_sock_send(t, sd, b, 4), 4);
    assert_sl(slsim_sock_send(t, sd, b, 0), 0);
    struct slsim_sock_conn_params p;
    assert_sl(slsim_sock_conn_params(t, sd, &p), SL_ERROR_BSD_ENOTCONN); /* not TLS */
    assert_sl(slsim_sock_close(t, sd), 0);
    (void)close(lfd);
    slsim_sock_table_free(t);
}

static void test_plain__refused_repeats(void **state)
{
    (void)state;
    struct slsim_sock_table *t = new_table(16, 6);
    uint16_t port = sock_free_port();
    int sd = slsim_sock_socket(t, 2, 1, 0);
    assert_sl(connect_wait(t, sd, port), SL_ERROR_BSD_ECONNREFUSED);
    assert_sl(slsim_sock_connect(t, sd, LOOPBACK, port), SL_ERROR_BSD_ECONNREFUSED);
    char b[4];
    assert_sl(slsim_sock_recv(t, sd, b, 4), SL_ERROR_BSD_ENOTCONN);
    uint32_t rr = 0;
    uint32_t rw = 0;
    struct pollfd pfds[SLSIM_SOCK_MAX];
    unsigned n = 0;
    int64_t dl = 0;
    /* A failed connect is a completed connect: writable (and recv would not block). */
    assert_sl(slsim_sock_select_pass(t, 1u << sd, 1u << sd, &rr, &rw, pfds, &n, &dl), 2);
    assert_int_equal(rw, 1u << sd);
    assert_sl(slsim_sock_close(t, sd), 0);
    slsim_sock_table_free(t);
}

static void test_secure__limit_is_460(void **state)
{
    (void)state;
    struct slsim_sock_table *t = new_table(16, 2);
    uint16_t port = 0;
    int lfd = sock_host_listener(&port); /* accepts TCP, never speaks TLS */
    assert_true(lfd >= 0);
    int a = slsim_sock_socket(t, 2, 1, 100);
    int b = slsim_sock_socket(t, 2, 1, 100);
    int c = slsim_sock_socket(t, 2, 1, 100);
    assert_sl(slsim_sock_connect(t, a, LOOPBACK, port), SL_ERROR_BSD_EALREADY);
    assert_sl(slsim_sock_connect(t, b, LOOPBACK, port), SL_ERROR_BSD_EALREADY);
    assert_sl(slsim_sock_connect(t, c, LOOPBACK, port), SL_ERROR_BSD_ESECT00MANYSSLOPENED);
    struct slsim_trust_result *res = malloc(sizeof(*res));
    assert_non_null(res);
    assert_sl(slsim_sock_last_findings(t, c, res), 0);
    assert_sl(res->code, SL_ERROR_BSD_ESECT00MANYSSLOPENED);
    assert_int_equal(res->findings[res->n - 1].check, SLSIM_CHECK_SOCKETS);
    free(res);
    assert_sl(slsim_sock_close(t, a), 0); /* a slot frees up */
    int d = slsim_sock_socket(t, 2, 1, 100);
    assert_sl(slsim_sock_connect(t, d, LOOPBACK, port), SL_ERROR_BSD_EALREADY);
    (void)close(lfd);
    slsim_sock_table_free(t);
}

static void test_secure__handshake_timeout_462(void **state)
{
    (void)state;
    struct slsim_sock_table *t = new_table(16, 6);
    slsim_sock_set_handshake_timeout(t, 150);
    uint16_t port = 0;
    int lfd = sock_host_listener(&port);
    int sd = slsim_sock_socket(t, 2, 1, 100);
    int64_t t0 = slsim_sock_now_ms();
    assert_sl(connect_wait(t, sd, port), SL_ERROR_BSD_ESECHANDSHAKETIMEDOUT);
    int64_t took = slsim_sock_now_ms() - t0;
    assert_true(took >= 140 && took < 2000);
    assert_sl(slsim_sock_connect(t, sd, LOOPBACK, port), SL_ERROR_BSD_ESECHANDSHAKETIMEDOUT);
    (void)close(lfd);
    slsim_sock_table_free(t);
}

static void test_secure__local_failures_before_io(void **state)
{
    (void)state;
    struct slsim_sock_table *t = new_table(16, 6);
    uint16_t port = sock_free_port(); /* nobody listens: these fail before TCP */
    int sd = slsim_sock_socket(t, 2, 1, 100);
    assert_sl(slsim_sock_set_file(t, sd, SLSIM_SOCK_FILE_CA, "/cert/none.der", 14), 0);
    assert_sl(slsim_sock_connect(t, sd, LOOPBACK, port), SL_ERROR_BSD_ESECNOCAFILE);
    assert_sl(slsim_sock_close(t, sd), 0);
    sd = slsim_sock_socket(t, 2, 1, 100);
    assert_sl(slsim_sock_set_secmethod(t, sd, 0), 0); /* SSLv3 */
    assert_sl(slsim_sock_connect(t, sd, LOOPBACK, port), SL_ERROR_BSD_ESEC_NOT_COMPILED_IN);
    assert_sl(slsim_sock_close(t, sd), 0);
    sd = slsim_sock_socket(t, 2, 1, 100);
    assert_sl(slsim_sock_set_mask(t, sd, 0), 0); /* no suite at all */
    assert_sl(slsim_sock_connect(t, sd, LOOPBACK, port), SL_ERROR_BSD_ESEC_UNSUPPORTED_SUITE);
    assert_sl(slsim_sock_close(t, sd), 0);
    uint32_t none = 0; /* bits whose suites the backend cannot do (none with mbedTLS 2.28) */
    for (unsigned bit = 0; bit < 23; bit++) {
        uint16_t out[2];
        if (slsim_sock_mask_suites(1u << bit, out, 2) == 0) {
            none |= 1u << bit;
        }
    }
    if (none != 0) {
        sd = slsim_sock_socket(t, 2, 1, 100);
        assert_sl(slsim_sock_set_mask(t, sd, none), 0);
        assert_sl(slsim_sock_connect(t, sd, LOOPBACK, port), SL_ERROR_BSD_ESEC_UNSUPPORTED_SUITE);
        assert_sl(slsim_sock_close(t, sd), 0);
    }
    slsim_sock_table_free(t);
}

static void test_secure_options__rules(void **state)
{
    (void)state;
    struct slsim_sock_table *t = new_table(16, 6);
    int udp = slsim_sock_socket(t, 2, 2, 0);
    assert_sl(slsim_sock_set_domain(t, udp, "a.b", 3), SL_ERROR_BSD_ESOCKTNOSUPPORT);
    assert_sl(slsim_sock_set_mask(t, udp, 1), SL_ERROR_BSD_ESOCKTNOSUPPORT);
    int sd = slsim_sock_socket(t, 2, 1, 100);
    assert_sl(slsim_sock_set_secmethod(t, sd, 6), SL_ERROR_BSD_EINVAL);
    assert_sl(slsim_sock_set_mask(t, sd, 1u << 23), SL_ERROR_BSD_EINVAL);
    assert_sl(slsim_sock_set_alpn(t, sd, 0x20), SL_ERROR_BSD_EINVAL);
    assert_sl(slsim_sock_set_file(t, sd, SLSIM_SOCK_FILE_CA, "", 0), SL_ERROR_BSD_EINVAL);
    char big[300];
    memset(big, 'a', sizeof(big));
    assert_sl(slsim_sock_set_domain(t, sd, big, 256), SL_ERROR_BSD_EINVAL);
    assert_sl(slsim_sock_set_domain(t, sd, big, 255), 0);
    assert_sl(slsim_sock_set_alpn_general(t, sd, "mqtt\0junk", 9), 0); /* NUL ends the name */
    int plain = slsim_sock_socket(t, 2, 1, 0); /* plain TCP: kept for sl_StartTLS */
    assert_sl(slsim_sock_set_file(t, plain, SLSIM_SOCK_FILE_CA, "/cert/ca.der", 12), 0);
    assert_sl(slsim_sock_bind(t, plain, LOOPBACK, 0), 0);
    assert_sl(slsim_sock_listen(t, plain, 4), 0);
    assert_sl(slsim_sock_set_alpn(t, plain, 1), SL_ERROR_BSD_ESECNOTALLOWEDWHENLISTENING);
    uint16_t port = 0;
    int lfd = sock_host_listener(&port);
    assert_sl(slsim_sock_connect(t, sd, LOOPBACK, port), SL_ERROR_BSD_EALREADY);
    assert_sl(slsim_sock_set_alpn(t, sd, 1), SL_ERROR_BSD_EISCONN); /* after connect */
    assert_sl(slsim_sock_set_store_disabled(t, sd, true), SL_ERROR_BSD_EISCONN);
    assert_sl(slsim_sock_set_nonblocking(t, sd, true), 0); /* plain options still work */
    (void)close(lfd);
    slsim_sock_table_free(t);
}

static void test_events__queue(void **state)
{
    (void)state;
    struct slsim_sock_table *t = new_table(16, 6);
    for (int i = 0; i < SLSIM_SOCK_EVENT_MAX + 3; i++) {
        slsim_sock_event_push(t, 2, i, 5, -688, "CN=x");
    }
    struct slsim_sock_event ev[SLSIM_SOCK_EVENT_MAX + 3];
    assert_int_equal(slsim_sock_take_events(t, ev, 2), 2);
    assert_int_equal(ev[1].sd, 1);
    assert_int_equal(slsim_sock_take_events(t, ev, SLSIM_SOCK_EVENT_MAX + 3),
                     SLSIM_SOCK_EVENT_MAX - 2); /* overflow dropped the newest */
    assert_int_equal(ev[0].sd, 2);
    assert_int_equal(ev[0].val, -688);
    assert_string_equal(ev[0].extra, "CN=x");
    assert_int_equal(slsim_sock_take_events(t, ev, 4), 0);
    slsim_sock_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_socket__limit_is_enosck),
        cmocka_unit_test(test_socket__arguments),
        cmocka_unit_test(test_ops__bad_descriptor),
        cmocka_unit_test(test_plain__states),
        cmocka_unit_test(test_plain__refused_repeats),
        cmocka_unit_test(test_secure__limit_is_460),
        cmocka_unit_test(test_secure__handshake_timeout_462),
        cmocka_unit_test(test_secure__local_failures_before_io),
        cmocka_unit_test(test_secure_options__rules),
        cmocka_unit_test(test_events__queue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
