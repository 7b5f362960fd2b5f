/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_sock_api.c
 * @brief The TI socket API on a device (reference §2.4, §3; docs/compat-deviations.md
 *        "Sockets"): device not started, sl_Socket arguments and the 16-socket limit per
 *        device, sl_SetSockOpt/sl_GetSockOpt validation and read-back, address checks, length
 *        checks, sl_Select timeouts and descriptor sets, byte order.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "sock_test_util.h"

#include "sock/sock.h"

static int64_t now_ms(void)
{
    return slsim_sock_now_ms();
}

static void test_api__not_started(void **state)
{
    (void)state;
    struct sock_env *env = sock_env_new("cc3220s", false);
    assert_non_null(env);
    char b[4] = { 0 };
    SlSockAddrIn_t a = sock_loopback(1);
    SlSocklen_t len = sizeof(a);
    SlSockNonblocking_t nb = { 1 };
    SlFdSet_t set;
    SL_SOCKET_FD_ZERO(&set);
    SlTimeval_t tv = { 0, 0 };
    assert_sl(sl_Socket(SL_AF_INET, SL_SOCK_STREAM, 0), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_Close(0), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_Connect(0, (SlSockAddr_t *)&a, sizeof(a)), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_Bind(0, (SlSockAddr_t *)&a, sizeof(a)), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_Listen(0, 1), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_Accept(0, (SlSockAddr_t *)&a, &len), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_Send(0, b, 1, 0), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_Recv(0, b, 1, 0), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_SendTo(0, b, 1, 0, (SlSockAddr_t *)&a, sizeof(a)), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_RecvFrom(0, b, 1, 0, (SlSockAddr_t *)&a, &len), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_SetSockOpt(0, SL_SOL_SOCKET, SL_SO_NONBLOCKING, &nb, sizeof(nb)),
              SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_GetSockOpt(0, SL_SOL_SOCKET, SL_SO_NONBLOCKING, &nb, &len),
              SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_Select(1, &set, NULL, NULL, &tv), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_StartTLS(0), SL_RET_CODE_DEV_NOT_STARTED);
    sock_env_free(env);
}

static void test_socket__sixteen_per_device(void **state)
{
    (void)state;
    struct sock_env *one = sock_env_new("cc3220s", true);
    struct sock_env *two = sock_env_new("cc3220s", true);
    assert_non_null(one);
    assert_non_null(two);
    slsim_emu_use(one->dev);
    for (int i = 0; i < 16; i++) {
        assert_sl(sl_Socket(SL_AF_INET, i % 2 ? SL_SOCK_DGRAM : SL_SOCK_STREAM, 0), i);
    }
    assert_sl(sl_Socket(SL_AF_INET, SL_SOCK_STREAM, 0), SL_ERROR_BSD_ENSOCK);
    slsim_emu_use(two->dev); /* the other device has its own table */
    assert_sl(sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_SEC_SOCKET), 0);
    assert_sl(sl_Close(5), SL_ERROR_BSD_EBADF);
    slsim_emu_use(one->dev);
    assert_sl(sl_Close(5), 0);
    assert_sl(sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_SEC_SOCKET), 5);
    assert_sl(sl_Stop(0), 0); /* sl_Stop closes the sockets */
    assert_sl(sl_Start(NULL, NULL, NULL), 0);
    assert_sl(sl_Socket(SL_AF_INET, SL_SOCK_STREAM, 0), 0);
    sock_env_free(two);
    sock_env_free(one);
}

static void test_socket__arguments(void **state)
{
    (void)state;
    assert_sl(sl_Socket(SL_AF_INET6, SL_SOCK_STREAM, 0), SL_ERROR_BSD_EAFNOSUPPORT);
    assert_sl(sl_Socket(SL_AF_RF, SL_SOCK_RAW, 0), SL_ERROR_BSD_EAFNOSUPPORT);
    assert_sl(sl_Socket(SL_AF_INET, SL_SOCK_RAW, 0), SL_ERROR_BSD_EPROTOTYPE);
    assert_sl(sl_Socket(SL_AF_INET, SL_SOCK_DGRAM, SL_SEC_SOCKET), SL_ERROR_BSD_EOPNOTSUPP);
    assert_sl(sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_IPPROTO_UDP), SL_ERROR_BSD_EOPNOTSUPP);
    assert_sl(sl_Socket(SL_AF_INET, SL_SOCK_STREAM, 42), SL_ERROR_BSD_EPROTONOSUPPORT);
    assert_sl(sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_IPPROTO_TCP), 0);
    assert_sl(sl_Socket(SL_AF_INET, SL_SOCK_DGRAM, SL_IPPROTO_UDP), 1);
}

/* ---- sl_SetSockOpt -----------------------------------------------------------------------------
 */

static const struct setopt_case {
    _i16 level;
    _i16 name;
    SlSocklen_t len; /* bytes of value passed */
    long want;
    const char *why;
} setopt_cases[] = {
    { SL_SOL_SOCKET, SL_SO_NONBLOCKING, 4, 0, "nonblocking, 4 bytes" },
    { SL_SOL_SOCKET, SL_SO_NONBLOCKING, 1, SL_ERROR_BSD_EINVAL, "nonblocking, 1 byte" },
    { SL_SOL_SOCKET, SL_SO_NONBLOCKING, 8, SL_ERROR_BSD_EINVAL, "nonblocking, 8 bytes" },
    { SL_SOL_SOCKET, SL_SO_RCVTIMEO, 8, 0, "SlTimeval_t" },
    { SL_SOL_SOCKET, SL_SO_RCVTIMEO, 4, SL_ERROR_BSD_EINVAL, "half a timeval" },
    { SL_SOL_SOCKET, SL_SO_KEEPALIVE, 4, 0, "keepalive" },
    { SL_SOL_SOCKET, SL_SO_KEEPALIVETIME, 4, 0, "keepalive time" },
    { SL_SOL_SOCKET, SL_SO_SECMETHOD, 1, 0, "method is one byte" },
    { SL_SOL_SOCKET, SL_SO_SECMETHOD, 4, SL_ERROR_BSD_EINVAL, "method as _u32" },
    { SL_SOL_SOCKET, SL_SO_SECURE_MASK, 4, 0, "mask" },
    { SL_SOL_SOCKET, SL_SO_SECURE_MASK, 2, SL_ERROR_BSD_EINVAL, "short mask" },
    { SL_SOL_SOCKET, SL_SO_SECURE_ALPN, 4, 0, "alpn" },
    { SL_SOL_SOCKET, SL_SO_SECURE_DISABLE_CERTIFICATE_STORE, 4, 0, "store" },
    { SL_SOL_SOCKET, SL_SO_SECURE_FILES_CA_FILE_NAME, 12, 0, "ca name" },
    { SL_SOL_SOCKET, SL_SO_SECURE_FILES_CA_FILE_NAME, 0, SL_ERROR_BSD_EINVAL, "empty name" },
    { SL_SOL_SOCKET, SL_SO_SECURE_DOMAIN_NAME_VERIFICATION, 255, 0, "255-byte domain" },
    { SL_SOL_SOCKET, SL_SO_SECURE_DOMAIN_NAME_VERIFICATION, 256, SL_ERROR_BSD_EINVAL,
      "256-byte domain (optlen is 8 bits)" },
    { SL_SOL_SOCKET, SL_SO_SECURE_ALPN_GENERAL, 255, 0, "255-byte alpn name" },
    { SL_SOL_SOCKET, SL_SO_SECURE_ALPN_GENERAL, 300, SL_ERROR_BSD_EINVAL, "300-byte alpn" },
    { SL_SOL_SOCKET, SL_SO_SSL_CONNECTION_PARAMS, 4, SL_ERROR_BSD_ENOPROTOOPT, "get-only" },
    { SL_SOL_SOCKET, SL_SO_SECURE_ENABLE_OCSP, 4, SL_ERROR_BSD_ENOPROTOOPT, "no OCSP (S5)" },
    { SL_SOL_SOCKET, SL_SO_RCVBUF, 4, SL_ERROR_BSD_ENOPROTOOPT, "rcvbuf (S5)" },
    { SL_SOL_SOCKET, 99, 4, SL_ERROR_BSD_ENOPROTOOPT, "unknown option" },
    { SL_IPPROTO_IP, SL_IP_MULTICAST_TTL, 1, SL_ERROR_BSD_ENOPROTOOPT, "IP level (S5)" },
};

static bool is_text(_i16 name)
{
    return name == SL_SO_SECURE_FILES_CA_FILE_NAME ||
           name == SL_SO_SECURE_DOMAIN_NAME_VERIFICATION || name == SL_SO_SECURE_ALPN_GENERAL;
}

static void test_setsockopt__sizes(void **state)
{
    (void)state;
    uint8_t num[300] = { 1 }; /* 1 as _u8 / _u32, {1 s, 0 us} as SlTimeval_t */
    char text[300];
    memset(text, 'a', sizeof(text));
    memcpy(text, "/cert/ca.der", 12);
    for (size_t i = 0; i < sizeof(setopt_cases) / sizeof(setopt_cases[0]); i++) {
        const struct setopt_case *c = &setopt_cases[i];
        _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_SEC_SOCKET);
        assert_true(sd >= 0);
        const void *val = is_text(c->name) ? (const void *)text : (const void *)num;
        _i16 got = sl_SetSockOpt(sd, c->level, c->name, val, c->len);
        if (got != c->want) {
            print_error("%s: got %d want %ld\n", c->why, got, c->want);
            fail();
        }
        assert_sl(sl_Close(sd), 0);
    }
    _u32 on = 1;
    assert_sl(sl_SetSockOpt(7, SL_SOL_SOCKET, SL_SO_NONBLOCKING, &on, 4), SL_ERROR_BSD_EBADF);
    _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, 0);
    assert_sl(sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_NONBLOCKING, NULL, 4), SL_ERROR_BSD_EINVAL);
}

static void test_setsockopt__secure_rules(void **state)
{
    (void)state;
    SlSockSecureMask_t mask = { SL_SEC_MASK_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 };
    SlSockSecureMethod_t bad = { 6 };
    SlSockSecureALPN_t alpn = { 0x40 };
    _i16 udp = sl_Socket(SL_AF_INET, SL_SOCK_DGRAM, 0);
    assert_sl(sl_SetSockOpt(udp, SL_SOL_SOCKET, SL_SO_SECURE_MASK, &mask, sizeof(mask)),
              SL_ERROR_BSD_ESOCKTNOSUPPORT); /* S1: secure options on UDP */
    _i16 tcp = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, 0);
    assert_sl(sl_SetSockOpt(tcp, SL_SOL_SOCKET, SL_SO_SECURE_MASK, &mask, sizeof(mask)), 0);
    _i16 sec = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_SEC_SOCKET);
    assert_sl(sl_SetSockOpt(sec, SL_SOL_SOCKET, SL_SO_SECMETHOD, &bad, sizeof(bad)),
              SL_ERROR_BSD_EINVAL);
    assert_sl(sl_SetSockOpt(sec, SL_SOL_SOCKET, SL_SO_SECURE_ALPN, &alpn, sizeof(alpn)),
              SL_ERROR_BSD_EINVAL);
    uint16_t port = 0;
    int lfd = sock_host_listener(&port);
    SlSockNonblocking_t nb = { 1 };
    assert_sl(sl_SetSockOpt(sec, SL_SOL_SOCKET, SL_SO_NONBLOCKING, &nb, sizeof(nb)), 0);
    assert_sl(sock_connect_port(sec, port), SL_ERROR_BSD_EALREADY);
    assert_sl(sl_SetSockOpt(sec, SL_SOL_SOCKET, SL_SO_SECURE_MASK, &mask, sizeof(mask)),
              SL_ERROR_BSD_EISCONN); /* S2: after sl_Connect */
    assert_sl(sl_Close(sec), 0);
    (void)close(lfd);
}

/* ---- sl_GetSockOpt -----------------------------------------------------------------------------
 */

static void test_getsockopt__read_back(void **state)
{
    (void)state;
    _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_SEC_SOCKET);
    SlSockNonblocking_t nb = { 0xFF };
    SlSocklen_t len = sizeof(nb);
    assert_sl(sl_GetSockOpt(sd, SL_SOL_SOCKET, SL_SO_NONBLOCKING, &nb, &len), 0);
    assert_int_equal(nb.NonBlockingEnabled, 0); /* default blocking */
    nb.NonBlockingEnabled = 1;
    assert_sl(sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_NONBLOCKING, &nb, sizeof(nb)), 0);
    nb.NonBlockingEnabled = 0;
    assert_sl(sl_GetSockOpt(sd, SL_SOL_SOCKET, SL_SO_NONBLOCKING, &nb, &len), 0);
    assert_int_equal(nb.NonBlockingEnabled, 1);

    SlTimeval_t tv = { 2, 500000 };
    assert_sl(sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_RCVTIMEO, &tv, sizeof(tv)), 0);
    memset(&tv, 0, sizeof(tv));
    len = sizeof(tv);
    assert_sl(sl_GetSockOpt(sd, SL_SOL_SOCKET, SL_SO_RCVTIMEO, &tv, &len), 0);
    assert_int_equal(tv.tv_sec, 2);
    assert_int_equal(tv.tv_usec, 500000);
    assert_int_equal(len, sizeof(tv));

    SlSockKeepalive_t ka = { 0 };
    len = sizeof(ka);
    assert_sl(sl_GetSockOpt(sd, SL_SOL_SOCKET, SL_SO_KEEPALIVE, &ka, &len), 0);
    assert_int_equal(ka.KeepaliveEnabled, 1); /* default on (§2.2) */
    _u32 secs = 0;
    len = sizeof(secs);
    assert_sl(sl_GetSockOpt(sd, SL_SOL_SOCKET, SL_SO_KEEPALIVETIME, &secs, &len), 0);
    assert_int_equal(secs, 300);
    ka.KeepaliveEnabled = 0;
    assert_sl(sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_KEEPALIVE, &ka, sizeof(ka)), 0);
    len = sizeof(ka);
    assert_sl(sl_GetSockOpt(sd, SL_SOL_SOCKET, SL_SO_KEEPALIVE, &ka, &len), 0);
    assert_int_equal(ka.KeepaliveEnabled, 0);

    SlSockSecureALPN_t alpn = { SL_SECURE_ALPN_H1 | SL_SECURE_ALPN_H2 };
    assert_sl(sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECURE_ALPN, &alpn, sizeof(alpn)), 0);
    alpn.SecureALPN = 0;
    len = sizeof(alpn);
    assert_sl(sl_GetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECURE_ALPN, &alpn, &len), 0);
    assert_int_equal(alpn.SecureALPN, 3); /* before connect: as set */
}

static void test_getsockopt__lengths(void **state)
{
    (void)state;
    _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_SEC_SOCKET);
    SlTimeval_t tv;
    SlSocklen_t len = 0;
    assert_sl(sl_GetSockOpt(sd, SL_SOL_SOCKET, SL_SO_RCVTIMEO, &tv, &len), SL_EZEROLEN);
    len = 4;
    assert_sl(sl_GetSockOpt(sd, SL_SOL_SOCKET, SL_SO_RCVTIMEO, &tv, &len), SL_ESMALLBUF);
    assert_int_equal(len, sizeof(SlTimeval_t)); /* the size needed */
    SlSockSSLConnectionParams_t p;
    len = sizeof(p);
    assert_sl(sl_GetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SSL_CONNECTION_PARAMS, &p, &len),
              SL_ERROR_BSD_ENOTCONN); /* S4: no session */
    char name[64];
    len = sizeof(name);
    assert_sl(sl_GetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECURE_ALPN_GENERAL, name, &len), 0);
    assert_int_equal(len, 0); /* nothing chosen */
    len = sizeof(name);
    assert_sl(sl_GetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECURE_FILES_CA_FILE_NAME, name, &len),
              SL_ERROR_BSD_ENOPROTOOPT); /* set-only */
    assert_sl(sl_GetSockOpt(12, SL_SOL_SOCKET, SL_SO_RCVTIMEO, &tv, &len), SL_ERROR_BSD_EBADF);
}

/* ---- addresses and lengths ---------------------------------------------------------------------
 */

static void test_connect__address_checks(void **state)
{
    (void)state;
    _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, 0);
    SlSockAddrIn_t a = sock_loopback(1);
    assert_sl(sl_Connect(sd, (SlSockAddr_t *)&a, 8), SL_RET_CODE_INVALID_INPUT);
    assert_sl(sl_Connect(sd, NULL, sizeof(a)), SL_RET_CODE_INVALID_INPUT);
    a.sin_family = SL_AF_INET6;
    assert_sl(sl_Connect(sd, (SlSockAddr_t *)&a, sizeof(a)), SL_RET_CODE_INVALID_INPUT);
    assert_sl(sl_Bind(sd, (SlSockAddr_t *)&a, sizeof(a)), SL_RET_CODE_INVALID_INPUT);
    char b[8];
    SlSocklen_t len = 8;
    assert_sl(sl_RecvFrom(sd, b, 8, 0, (SlSockAddr_t *)&a, &len), SL_RET_CODE_INVALID_INPUT);
    assert_sl(sl_SendTo(sd, b, 8, 0, (SlSockAddr_t *)&a, sizeof(a)), SL_RET_CODE_INVALID_INPUT);
    assert_sl(sl_Recv(sd, b, 0, 0), SL_ERROR_BSD_EINVAL);
    assert_sl(sl_Recv(sd, b, 16001, 0), SL_ERROR_BSD_EINVAL);
    assert_sl(sl_Recv(sd, b, 8, 0), SL_ERROR_BSD_ENOTCONN);
    assert_sl(sl_Send(sd, b, 0, 0), 0); /* len < 1: nothing sent */
    assert_sl(sl_Send(sd, b, -3, 0), 0);
    assert_sl(sl_Send(sd, b, 4, 0), SL_ERROR_BSD_ENOTCONN);
}

static void test_connect__refused_is_111(void **state)
{
    (void)state;
    _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, 0);
    assert_sl(sock_connect_port(sd, sock_free_port()), SL_ERROR_BSD_ECONNREFUSED);
    assert_sl(sl_Close(sd), 0);
}

/* ---- UDP over loopback (sl_Bind / sl_SendTo / sl_RecvFrom) ------------------------------------
 */

static void test_udp__sendto_recvfrom(void **state)
{
    (void)state;
    _i16 rx = sl_Socket(SL_AF_INET, SL_SOCK_DGRAM, 0);
    _i16 tx = sl_Socket(SL_AF_INET, SL_SOCK_DGRAM, 0);
    uint16_t port = sock_free_port();
    SlSockAddrIn_t a = sock_loopback(port);
    assert_sl(sl_Bind(rx, (SlSockAddr_t *)&a, sizeof(a)), 0);
    assert_sl(sl_SendTo(tx, "datagram", 8, 0, (SlSockAddr_t *)&a, sizeof(a)), 8);
    char b[32] = { 0 };
    SlSockAddrIn_t from;
    SlSocklen_t flen = sizeof(from);
    assert_sl(sl_RecvFrom(rx, b, sizeof(b), 0, (SlSockAddr_t *)&from, &flen), 8);
    assert_memory_equal(b, "datagram", 8);
    assert_int_equal(from.sin_family, SL_AF_INET);
    assert_int_equal(sl_Ntohl(from.sin_addr.s_addr), SL_IPV4_VAL(127, 0, 0, 1));
    assert_sl(sl_Recv(rx, b, sizeof(b), SL_MSG_DONTWAIT), SL_ERROR_BSD_EAGAIN);
}

/* ---- sl_Select ---------------------------------------------------------------------------------
 */

static void test_select__timeout_and_sets(void **state)
{
    (void)state;
    _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_DGRAM, 0);
    SlFdSet_t rd;
    SL_SOCKET_FD_ZERO(&rd);
    SL_SOCKET_FD_SET(sd, &rd);
    SL_SOCKET_FD_SET(9, &rd);
    assert_true(SL_SOCKET_FD_ISSET(9, &rd));
    SL_SOCKET_FD_CLR(9, &rd);
    assert_false(SL_SOCKET_FD_ISSET(9, &rd));
    assert_true(SL_SOCKET_FD_ISSET(sd, &rd));
    SlTimeval_t tv = { 0, 0 }; /* raised to 10 ms */
    int64_t t0 = now_ms();
    assert_sl(sl_Select(sd + 1, &rd, NULL, NULL, &tv), 0);
    assert_true(now_ms() - t0 >= 9);
    assert_false(SL_SOCKET_FD_ISSET(sd, &rd));
    tv.tv_usec = 60000;
    SL_SOCKET_FD_SET(sd, &rd);
    t0 = now_ms();
    assert_sl(sl_Select(sd + 1, &rd, NULL, NULL, &tv), 0);
    assert_true(now_ms() - t0 >= 55);
    assert_sl(sl_Select(17, &rd, NULL, NULL, &tv), SL_ERROR_BSD_EINVAL);
    assert_sl(sl_Select(-1, &rd, NULL, NULL, &tv), SL_ERROR_BSD_EINVAL);
}

static void test_byte_order(void **state)
{
    (void)state;
    uint8_t b[4];
    _u32 n = sl_Htonl(0x01020304u);
    memcpy(b, &n, 4);
    assert_int_equal(b[0], 1);
    assert_int_equal(b[3], 4);
    _u16 s = sl_Htons(0x0102);
    memcpy(b, &s, 2);
    assert_int_equal(b[0], 1);
    assert_int_equal(sl_Ntohl(sl_Htonl(0xA1B2C3D4u)), 0xA1B2C3D4u);
    assert_int_equal(sl_Ntohs(sl_Htons(443)), 443);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, sock_setup, sock_teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_api__not_started),
        cmocka_unit_test(test_socket__sixteen_per_device),
        T(test_socket__arguments),
        T(test_setsockopt__sizes),
        T(test_setsockopt__secure_rules),
        T(test_getsockopt__read_back),
        T(test_getsockopt__lengths),
        T(test_connect__address_checks),
        T(test_connect__refused_is_111),
        T(test_udp__sendto_recvfrom),
        T(test_select__timeout_and_sets),
        cmocka_unit_test(test_byte_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
