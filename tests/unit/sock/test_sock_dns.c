/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_sock_dns.c
 * @brief sl_NetAppDnsGetHostByName (reference §7.5, §4.8) with the host resolver wrapped
 *        (-Wl,--wrap=getaddrinfo): results in host byte order, names by length, literals
 *        without a query, resolver failures -> DNS codes, parameter checks, not started.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "sock_test_util.h"

int __real_getaddrinfo(const char *node,
                       const char *service,
                       const struct addrinfo *hints,
                       struct addrinfo **res);
int __wrap_getaddrinfo(const char *node,
                       const char *service,
                       const struct addrinfo *hints,
                       struct addrinfo **res);

/* Test-only: what the wrapped resolver does (0 = pass through to the real one). */
static int fake_eai;
static int calls;

int __wrap_getaddrinfo(const char *node,
                       const char *service,
                       const struct addrinfo *hints,
                       struct addrinfo **res)
{
    calls++;
    if (fake_eai != 0) {
        return fake_eai;
    }
    if (strcmp(node, "device.slsim.test") == 0) {
        /* A fixed answer without touching the network: 10.1.2.3. */
        return __real_getaddrinfo("10.1.2.3", service, hints, res);
    }
    return __real_getaddrinfo(node, service, hints, res);
}

static _i16 lookup(const char *name, size_t len, _u32 *ip, _u8 family)
{
    char buf[300];
    memset(buf, 0, sizeof(buf));
    memcpy(buf, name, strlen(name) < sizeof(buf) ? strlen(name) : sizeof(buf) - 1);
    return sl_NetAppDnsGetHostByName((_i8 *)buf, (_u16)len, ip, family);
}

static void test_dns__literal_without_query(void **state)
{
    (void)state;
    _u32 ip = 0;
    calls = 0;
    assert_sl(lookup("192.168.1.20", 12, &ip, SL_AF_INET), 0);
    assert_int_equal(ip, SL_IPV4_VAL(192, 168, 1, 20)); /* host order */
    assert_int_equal(calls, 0);
}

static void test_dns__name_by_length(void **state)
{
    (void)state;
    _u32 ip = 0;
    /* "device.slsim.test" followed by junk; only the first 17 bytes count. */
    assert_sl(lookup("device.slsim.testXYZ", 17, &ip, SL_AF_INET), 0);
    assert_int_equal(ip, SL_IPV4_VAL(10, 1, 2, 3));
    assert_int_equal(SL_IPV4_BYTE(ip, 3), 10);
    assert_sl(lookup("localhost", 9, &ip, SL_AF_INET), 0);
    assert_int_equal(ip, SL_IPV4_VAL(127, 0, 0, 1));
}

static const struct eai_case {
    int eai;
    long want;
} eai_cases[] = {
    { EAI_NONAME, SL_ERROR_NET_APP_DNS_QUERY_FAILED },
    { EAI_FAIL, SL_ERROR_NET_APP_DNS_QUERY_FAILED },
    { EAI_AGAIN, SL_ERROR_NET_APP_DNS_QUERY_NO_RESPONSE },
    { EAI_MEMORY, SL_ERROR_NET_APP_DNS_ALLOC_ERROR },
    { EAI_SERVICE, SL_ERROR_NET_APP_DNS_QUERY_FAILED },
};

static void test_dns__resolver_failures(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(eai_cases) / sizeof(eai_cases[0]); i++) {
        _u32 ip = 0;
        fake_eai = eai_cases[i].eai;
        assert_sl(lookup("nowhere.slsim.test", 18, &ip, SL_AF_INET), eai_cases[i].want);
    }
    fake_eai = 0;
}

static void test_dns__parameters(void **state)
{
    (void)state;
    _u32 ip[4] = { 0 };
    char big[300];
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    assert_sl(lookup("localhost", 0, ip, SL_AF_INET), SL_ERROR_NET_APP_DNS_PARAM_ERROR);
    assert_sl(lookup(big, 256, ip, SL_AF_INET), SL_ERROR_NET_APP_DNS_PARAM_ERROR);
    assert_sl(lookup("localhost", 9, ip, 7), SL_ERROR_NET_APP_DNS_INVALID_FAMILY_TYPE);
    assert_sl(lookup("localhost", 9, ip, 10), SL_ERROR_NET_APP_DNS_INVALID_FAMILY_TYPE);
    assert_sl(sl_NetAppDnsGetHostByName(NULL, 4, ip, SL_AF_INET), SL_ERROR_NET_APP_DNS_PARAM_ERROR);
    assert_sl(lookup("::1", 3, ip, SL_AF_INET6), 0);
    assert_int_equal(ip[0], 0);
    assert_int_equal(ip[3], 1);
}

static void test_dns__not_started(void **state)
{
    (void)state;
    struct sock_env *env = sock_env_new("cc3220s", false);
    assert_non_null(env);
    _u32 ip = 0;
    assert_sl(lookup("127.0.0.1", 9, &ip, SL_AF_INET), SL_RET_CODE_DEV_NOT_STARTED);
    sock_env_free(env);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_dns__literal_without_query, sock_setup, sock_teardown),
        cmocka_unit_test_setup_teardown(test_dns__name_by_length, sock_setup, sock_teardown),
        cmocka_unit_test_setup_teardown(test_dns__resolver_failures, sock_setup, sock_teardown),
        cmocka_unit_test_setup_teardown(test_dns__parameters, sock_setup, sock_teardown),
        cmocka_unit_test(test_dns__not_started),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
