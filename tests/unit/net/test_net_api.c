/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_net_api.c
 * @brief DNS overrides and remaps through the TI API (docs/net.md): a device whose configuration
 *        maps the AWS IoT endpoint name to 127.0.0.1 and remaps 127.0.0.1:8883 to an in-test TCP
 *        echo listener (and 10.255.255.1:5683 to a UDP echo socket) reaches them unmodified.
 *
 * The host resolver is wrapped (-Wl,--wrap=getaddrinfo) to count calls, so the test proves an
 * override never reaches it, and to answer names under ".invalid" (RFC 6761: never resolvable)
 * with EAI_NONAME without touching the network.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include <slsim/emu.h>
#include <ti/drivers/net/wifi/simplelink.h>

#include "api/api_sock.h"
#include "net/net.h"

#include "device_env.h"

#define AWS_NAME "a3joj5u9gv9t8f.iot.us-east-1.amazonaws.com"
#define UDP_ORIG 0x0AFFFF01u /* 10.255.255.1: never reached, remapped to the UDP echo */

int __real_getaddrinfo(const char *node,
                       const char *service,
                       const struct addrinfo *hints,
                       struct addrinfo **res);
int __wrap_getaddrinfo(const char *node,
                       const char *service,
                       const struct addrinfo *hints,
                       struct addrinfo **res);

static int resolver_calls;

int __wrap_getaddrinfo(const char *node,
                       const char *service,
                       const struct addrinfo *hints,
                       struct addrinfo **res)
{
    resolver_calls++;
    size_t n = node != NULL ? strlen(node) : 0;
    if (n >= 8 && strcmp(node + n - 8, ".invalid") == 0) {
        return EAI_NONAME;
    }
    return __real_getaddrinfo(node, service, hints, res);
}

/* ---- in-test echo servers --------------------------------------------------------------- */

struct echo {
    int tcp; /* listening TCP socket */
    int udp; /* bound UDP socket */
    uint16_t tcp_port;
    uint16_t udp_port;
    pthread_t tcp_thread;
    pthread_t udp_thread;
};

static int bound_socket(int type, uint16_t *port)
{
    int fd = socket(AF_INET, type, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    socklen_t len = sizeof(a);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    *port = ntohs(a.sin_port);
    return fd;
}

static void *tcp_echo(void *arg)
{
    struct echo *e = arg;
    int c = accept(e->tcp, NULL, NULL);
    if (c < 0) {
        return NULL;
    }
    char buf[256];
    ssize_t n;
    while ((n = recv(c, buf, sizeof(buf), 0)) > 0) {
        (void)send(c, buf, (size_t)n, MSG_NOSIGNAL);
    }
    close(c);
    return NULL;
}

static void *udp_echo(void *arg)
{
    struct echo *e = arg;
    char buf[256];
    struct sockaddr_in from;
    socklen_t len = sizeof(from);
    ssize_t n = recvfrom(e->udp, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
    if (n > 0) {
        (void)sendto(e->udp, buf, (size_t)n, 0, (struct sockaddr *)&from, len);
    }
    return NULL;
}

static void echo_start(struct echo *e)
{
    e->tcp = bound_socket(SOCK_STREAM, &e->tcp_port);
    assert_int_equal(listen(e->tcp, 4), 0);
    e->udp = bound_socket(SOCK_DGRAM, &e->udp_port);
    assert_int_equal(pthread_create(&e->tcp_thread, NULL, tcp_echo, e), 0);
    assert_int_equal(pthread_create(&e->udp_thread, NULL, udp_echo, e), 0);
}

static void echo_stop(struct echo *e)
{
    shutdown(e->tcp, SHUT_RDWR); /* wakes an accept that never came */
    shutdown(e->udp, SHUT_RDWR);
    (void)pthread_join(e->tcp_thread, NULL);
    (void)pthread_join(e->udp_thread, NULL);
    close(e->tcp);
    close(e->udp);
}

/* ---- device ------------------------------------------------------------------------------ */

struct env {
    struct slsim_test_device t;
    struct echo echo;
};

/* A formatted image and a configuration with the DNS override and the two remaps. */
static void make_env(struct env *e)
{
    memset(e, 0, sizeof(*e));
    echo_start(&e->echo);
    char json[512];
    (void)snprintf(json, sizeof(json),
                   "{\"image\": \"dev.img\",\n"
                   " \"dns\": {\"" AWS_NAME "\": \"127.0.0.1\"},\n"
                   " \"remap\": {\"127.0.0.1:8883\": \"127.0.0.1:%u\",\n"
                   "            \"10.255.255.1:5683\": \"127.0.0.1:%u\"}}\n",
                   (unsigned)e->echo.tcp_port, (unsigned)e->echo.udp_port);
    assert_int_equal(slsim_test_device_make(&e->t, "net", "cc3220s", 256, json), 0);
    assert_int_equal(slsim_test_device_open(&e->t), 0);
}

static void free_env(struct env *e)
{
    slsim_test_device_close(&e->t);
    echo_stop(&e->echo);
    slsim_test_device_free(&e->t, false);
}

static _i16 dns(const char *name, _u32 *ip, _u8 family)
{
    return sl_NetAppDnsGetHostByName((_i8 *)(uintptr_t)name, (_u16)strlen(name), ip, family);
}

static SlSockAddrIn_t sockaddr(_u32 host_ip, _u16 port)
{
    SlSockAddrIn_t a;
    memset(&a, 0, sizeof(a));
    a.sin_family = SL_AF_INET;
    a.sin_port = sl_Htons(port);
    a.sin_addr.s_addr = sl_Htonl(host_ip);
    return a;
}

/* ---- tests ------------------------------------------------------------------------------- */

static void test_net_api__dns_overrides_then_host_resolver(void **state)
{
    (void)state;
    struct env e;
    make_env(&e);
    _u32 ip[4] = { 0, 0, 0, 0 };
    assert_int_equal(dns(AWS_NAME, ip, SL_AF_INET), SL_RET_CODE_DEV_NOT_STARTED);
    assert_true(sl_Start(NULL, NULL, NULL) >= 0);
    resolver_calls = 0;
    assert_int_equal(dns(AWS_NAME, ip, SL_AF_INET), 0);
    assert_int_equal(ip[0], 0x7F000001u); /* host byte order */
    assert_int_equal(SL_IPV4_BYTE(ip[0], 3), 127);
    assert_int_equal(dns("A3JOJ5U9GV9T8F.IOT.US-EAST-1.AMAZONAWS.COM", ip, SL_AF_INET), 0);
    assert_int_equal(ip[0], 0x7F000001u);
    assert_int_equal(dns(AWS_NAME, ip, SL_AF_INET6), SL_ERROR_NET_APP_DNS_RETRY_A_QUERY);
    assert_int_equal(resolver_calls, 0); /* an override never touches the host resolver */
    ip[0] = 0;
    assert_int_equal(dns("localhost", ip, SL_AF_INET), 0);
    assert_int_equal(ip[0], 0x7F000001u);
    assert_int_equal(dns("no-such-host.slsim.invalid", ip, SL_AF_INET),
                     SL_ERROR_NET_APP_DNS_QUERY_FAILED);
    assert_int_equal(resolver_calls, 2);
    assert_int_equal(sl_Stop(0), 0);
    assert_int_equal(dns(AWS_NAME, ip, SL_AF_INET), SL_RET_CODE_DEV_NOT_STARTED);
    free_env(&e);
}

static void test_net_api__connect_remapped_tcp_echo(void **state)
{
    (void)state;
    struct env e;
    make_env(&e);
    assert_true(sl_Start(NULL, NULL, NULL) >= 0);
    _u32 ip = 0;
    assert_int_equal(dns(AWS_NAME, &ip, SL_AF_INET), 0);
    _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_IPPROTO_TCP);
    assert_true(sd >= 0);
    struct slsim_net_dest d;
    assert_int_equal(slsim_api_socket_dest(sd, &d), 0);
    assert_false(d.set);
    SlSockAddrIn_t a = sockaddr(ip, 8883); /* what the firmware does for AWS IoT */
    assert_int_equal(sl_Connect(sd, (SlSockAddr_t *)&a, sizeof(a)), 0);
    assert_int_equal(sl_Send(sd, "hello", 5, 0), 5);
    char buf[16];
    memset(buf, 0, sizeof(buf));
    _i16 got = 0;
    while (got < 5) {
        _i16 n = sl_Recv(sd, buf + got, (_i16)(sizeof(buf) - 1 - (size_t)got), 0);
        assert_true(n > 0);
        got = (_i16)(got + n);
    }
    assert_string_equal(buf, "hello");
    /* The report names both ends; the application's view is unchanged. */
    assert_int_equal(slsim_api_socket_dest(sd, &d), 0);
    assert_true(d.set && d.remapped);
    assert_int_equal(d.orig_port, 8883);
    assert_int_equal(d.port, e.echo.tcp_port);
    char want[96];
    char str[96];
    (void)snprintf(want, sizeof(want), "127.0.0.1:%u (remapped from 127.0.0.1:8883)",
                   (unsigned)e.echo.tcp_port);
    assert_string_equal(slsim_net_dest_str(&d, str, sizeof(str)), want);
    SlSockAddrIn_t from;
    SlSocklen_t fromlen = sizeof(from);
    assert_int_equal(sl_Send(sd, "x", 1, 0), 1);
    assert_int_equal(sl_RecvFrom(sd, buf, 1, 0, (SlSockAddr_t *)&from, &fromlen), 1);
    assert_int_equal(sl_Ntohs(from.sin_port), 8883);
    assert_int_equal(sl_Ntohl(from.sin_addr.s_addr), 0x7F000001u);
    assert_int_equal(sl_Close(sd), 0);
    assert_int_equal(slsim_api_socket_dest(sd, &d), SL_ERROR_BSD_EBADF);
    /* A new socket on the same descriptor starts without a record. */
    _i16 sd2 = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_IPPROTO_TCP);
    assert_int_equal(sd2, sd);
    assert_int_equal(slsim_api_socket_dest(sd2, &d), 0);
    assert_false(d.set);
    assert_int_equal(sl_Close(sd2), 0);
    assert_int_equal(sl_Stop(0), 0);
    assert_int_equal(slsim_api_socket_dest(sd, &d), SL_RET_CODE_DEV_NOT_STARTED);
    free_env(&e);
}

static void test_net_api__sendto_remapped_udp_echo(void **state)
{
    (void)state;
    struct env e;
    make_env(&e);
    assert_true(sl_Start(NULL, NULL, NULL) >= 0);
    _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_DGRAM, SL_IPPROTO_UDP);
    assert_true(sd >= 0);
    SlSockAddrIn_t to = sockaddr(UDP_ORIG, 5683);
    assert_int_equal(sl_SendTo(sd, "ping", 4, 0, (SlSockAddr_t *)&to, sizeof(to)), 4);
    struct slsim_net_dest d;
    assert_int_equal(slsim_api_socket_dest(sd, &d), 0);
    char str[96];
    char want[96];
    (void)snprintf(want, sizeof(want), "127.0.0.1:%u (remapped from 10.255.255.1:5683)",
                   (unsigned)e.echo.udp_port);
    assert_string_equal(slsim_net_dest_str(&d, str, sizeof(str)), want);
    char buf[16];
    memset(buf, 0, sizeof(buf));
    SlSockAddrIn_t from;
    SlSocklen_t fromlen = sizeof(from);
    assert_int_equal(sl_RecvFrom(sd, buf, sizeof(buf), 0, (SlSockAddr_t *)&from, &fromlen), 4);
    assert_string_equal(buf, "ping");
    /* The reply appears to come from the address the application sent to. */
    assert_int_equal(sl_Ntohl(from.sin_addr.s_addr), UDP_ORIG);
    assert_int_equal(sl_Ntohs(from.sin_port), 5683);
    assert_int_equal(sl_Close(sd), 0);
    assert_int_equal(sl_Stop(0), 0);
    free_env(&e);
}

static void test_net_api__not_remapped_is_recorded_plainly(void **state)
{
    (void)state;
    struct env e;
    make_env(&e);
    assert_true(sl_Start(NULL, NULL, NULL) >= 0);
    _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_IPPROTO_TCP);
    assert_true(sd >= 0);
    SlSockAddrIn_t a = sockaddr(0x7F000001u, e.echo.tcp_port); /* straight to the listener */
    assert_int_equal(sl_Connect(sd, (SlSockAddr_t *)&a, sizeof(a)), 0);
    struct slsim_net_dest d;
    assert_int_equal(slsim_api_socket_dest(sd, &d), 0);
    assert_true(d.set);
    assert_false(d.remapped);
    char str[96];
    char want[32];
    (void)snprintf(want, sizeof(want), "127.0.0.1:%u", (unsigned)e.echo.tcp_port);
    assert_string_equal(slsim_net_dest_str(&d, str, sizeof(str)), want);
    assert_int_equal(sl_Close(sd), 0);
    assert_int_equal(sl_Stop(0), 0);
    free_env(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_net_api__dns_overrides_then_host_resolver),
        cmocka_unit_test(test_net_api__connect_remapped_tcp_echo),
        cmocka_unit_test(test_net_api__sendto_remapped_udp_echo),
        cmocka_unit_test(test_net_api__not_remapped_is_recorded_plainly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
