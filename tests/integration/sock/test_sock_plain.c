/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_sock_plain.c
 * @brief Plain TCP through the TI API against an in-test echo server thread on loopback:
 *        blocking echo, SL_SO_RCVTIMEO (-11), non-blocking receive, a receive blocked in one
 *        thread while another thread sends on the same socket (no lock held while waiting),
 *        peer close (0), sl_Bind/sl_Listen/sl_Accept, sl_Select read readiness.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "sock_test_util.h"

#include "sock/sock.h"

/* ---- the echo server: one connection at a time, until the stop pipe is written -------------- */

struct echo {
    int lfd;
    int stop[2];
    uint16_t port;
    pthread_t thread;
};

static bool wait_in(int fd, int stop)
{
    struct pollfd p[2] = { { .fd = fd, .events = POLLIN }, { .fd = stop, .events = POLLIN } };
    return poll(p, 2, 10000) > 0 && (p[1].revents & POLLIN) == 0;
}

static void echo_conn(int c, int stop)
{
    char buf[4096];
    while (wait_in(c, stop)) {
        ssize_t n = recv(c, buf, sizeof(buf), 0);
        if (n <= 0 || send(c, buf, (size_t)n, MSG_NOSIGNAL) != n) {
            break;
        }
    }
    (void)close(c);
}

static void *echo_main(void *arg)
{
    struct echo *e = arg;
    while (wait_in(e->lfd, e->stop[0])) {
        int c = accept(e->lfd, NULL, NULL);
        if (c >= 0) {
            echo_conn(c, e->stop[0]);
        }
    }
    return NULL;
}

static int echo_setup(void **state)
{
    static struct echo e; /* test-only, one group */
    e.lfd = sock_host_listener(&e.port);
    if (e.lfd < 0 || pipe(e.stop) != 0 || pthread_create(&e.thread, NULL, echo_main, &e) != 0) {
        return -1;
    }
    *state = &e;
    return 0;
}

static int echo_teardown(void **state)
{
    struct echo *e = *state;
    ssize_t w = write(e->stop[1], "x", 1); /* wakes the server thread */
    (void)w;
    (void)pthread_join(e->thread, NULL);
    (void)close(e->lfd);
    (void)close(e->stop[0]);
    (void)close(e->stop[1]);
    return 0;
}

/* Per test: a started cc3220s; the echo server stays the group's. */
struct fixture {
    struct echo *echo;
    struct sock_env *env;
};

static struct echo *the_echo;

static int dev_setup(void **state)
{
    static struct fixture f; /* test-only */
    f.echo = the_echo;
    f.env = sock_env_new("cc3220s", true);
    *state = &f;
    return f.env == NULL ? -1 : 0;
}

static int dev_teardown(void **state)
{
    struct fixture *f = *state;
    sock_env_free(f->env);
    return 0;
}

static _i16 connected(uint16_t port)
{
    _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, 0);
    assert_true(sd >= 0);
    assert_sl(sock_connect_port(sd, port), 0);
    return sd;
}

static void test_tcp__echo(void **state)
{
    struct fixture *f = *state;
    _i16 sd = connected(f->echo->port);
    assert_sl(sl_Send(sd, "ping", 4, 0), 4);
    char b[16] = { 0 };
    size_t have = 0;
    while (have < 4) {
        _i16 n = sl_Recv(sd, b + have, (_i16)(sizeof(b) - have), 0);
        assert_true(n > 0);
        have += (size_t)n;
    }
    assert_string_equal(b, "ping");
    assert_sl(sock_connect_port(sd, f->echo->port), SL_ERROR_BSD_EISCONN);
    assert_sl(sl_Close(sd), 0);
}

static void test_tcp__rcvtimeo_is_eagain(void **state)
{
    struct fixture *f = *state;
    _i16 sd = connected(f->echo->port);
    SlTimeval_t tv = { 0, 200000 };
    assert_sl(sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_RCVTIMEO, &tv, sizeof(tv)), 0);
    char b[8];
    int64_t t0 = slsim_sock_now_ms();
    assert_sl(sl_Recv(sd, b, sizeof(b), 0), SL_ERROR_BSD_EAGAIN);
    int64_t took = slsim_sock_now_ms() - t0;
    assert_true(took >= 190 && took < 2000);
    assert_sl(sl_Recv(sd, b, sizeof(b), SL_MSG_DONTWAIT), SL_ERROR_BSD_EAGAIN);
    SlSockNonblocking_t nb = { 1 };
    assert_sl(sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_NONBLOCKING, &nb, sizeof(nb)), 0);
    t0 = slsim_sock_now_ms();
    assert_sl(sl_Recv(sd, b, sizeof(b), 0), SL_ERROR_BSD_EAGAIN);
    assert_true(slsim_sock_now_ms() - t0 < 100);
    assert_sl(sl_Close(sd), 0);
}

struct receiver {
    struct slsim_device *dev;
    _i16 sd;
    _i16 got;
    char buf[16];
};

static void *recv_main(void *arg)
{
    struct receiver *r = arg;
    slsim_emu_use(r->dev);
    r->got = sl_Recv(r->sd, r->buf, sizeof(r->buf) - 1, 0); /* blocks until the echo */
    return NULL;
}

static void test_tcp__send_while_other_thread_receives(void **state)
{
    struct fixture *f = *state;
    struct receiver r = { .dev = f->env->dev, .sd = connected(f->echo->port), .got = 0 };
    SlTimeval_t tv = { 5, 0 };
    assert_sl(sl_SetSockOpt(r.sd, SL_SOL_SOCKET, SL_SO_RCVTIMEO, &tv, sizeof(tv)), 0);
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, recv_main, &r), 0);
    sock_sleep_ms(100); /* the receiver is waiting now, without the device lock */
    assert_sl(sl_Send(r.sd, "cross", 5, 0), 5);
    assert_int_equal(pthread_join(th, NULL), 0);
    assert_true(r.got > 0);
    assert_memory_equal(r.buf, "cross", (size_t)r.got);
    assert_sl(sl_Close(r.sd), 0);
}

static void test_tcp__select_read_and_peer_close(void **state)
{
    (void)state;
    uint16_t port = 0;
    int lfd = sock_host_listener(&port);
    assert_true(lfd >= 0);
    _i16 sd = connected(port);
    int c = accept(lfd, NULL, NULL);
    assert_true(c >= 0);
    SlFdSet_t rd;
    SL_SOCKET_FD_ZERO(&rd);
    SL_SOCKET_FD_SET(sd, &rd);
    SlTimeval_t tv = { 0, 50000 };
    assert_sl(sl_Select((_i16)(sd + 1), &rd, NULL, NULL, &tv), 0); /* nothing yet */
    assert_int_equal(send(c, "data", 4, 0), 4);
    SL_SOCKET_FD_SET(sd, &rd);
    tv.tv_sec = 5;
    assert_sl(sl_Select((_i16)(sd + 1), &rd, NULL, NULL, &tv), 1);
    assert_true(SL_SOCKET_FD_ISSET(sd, &rd));
    char b[8];
    assert_sl(sl_Recv(sd, b, sizeof(b), 0), 4);
    (void)close(c); /* the peer closes TCP: 0 */
    assert_sl(sl_Recv(sd, b, sizeof(b), 0), 0);
    assert_sl(sl_Close(sd), 0);
    (void)close(lfd);
}

static void test_tcp__listen_and_accept(void **state)
{
    (void)state;
    _i16 ls = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, 0);
    uint16_t port = sock_free_port();
    SlSockAddrIn_t a = sock_loopback(port);
    assert_sl(sl_Bind(ls, (SlSockAddr_t *)&a, sizeof(a)), 0);
    assert_sl(sl_Listen(ls, 4), 0);
    int c = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in to;
    memset(&to, 0, sizeof(to));
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(c, (struct sockaddr *)&to, sizeof(to)), 0);
    SlSockAddrIn_t from;
    SlSocklen_t flen = sizeof(from);
    _i16 sd = sl_Accept(ls, (SlSockAddr_t *)&from, &flen);
    assert_true(sd >= 0 && sd != ls);
    assert_int_equal(from.sin_family, SL_AF_INET);
    assert_int_equal(sl_Ntohl(from.sin_addr.s_addr), SL_IPV4_VAL(127, 0, 0, 1));
    assert_sl(sl_Send(sd, "hi", 2, 0), 2);
    char b[4] = { 0 };
    assert_int_equal(recv(c, b, sizeof(b), 0), 2);
    (void)close(c);
    SlSockNonblocking_t nb = { 1 };
    assert_sl(sl_SetSockOpt(ls, SL_SOL_SOCKET, SL_SO_NONBLOCKING, &nb, sizeof(nb)), 0);
    flen = 3; /* not an IPv4 size: *addrlen becomes 0 */
    assert_sl(sl_Accept(ls, (SlSockAddr_t *)&from, &flen), SL_ERROR_BSD_EAGAIN);
    assert_sl(sl_Close(sd), 0);
    assert_sl(sl_Close(ls), 0);
}

int main(void)
{
    struct echo *e = NULL;
    if (echo_setup((void **)&e) != 0) {
        return 1;
    }
    the_echo = e;
#define T(f) cmocka_unit_test_setup_teardown(f, dev_setup, dev_teardown)
    const struct CMUnitTest tests[] = {
        T(test_tcp__echo),
        T(test_tcp__rcvtimeo_is_eagain),
        T(test_tcp__send_while_other_thread_receives),
        T(test_tcp__select_read_and_peer_close),
        T(test_tcp__listen_and_accept),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    (void)echo_teardown((void **)&e);
    return rc;
}
