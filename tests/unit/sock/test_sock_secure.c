/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_sock_secure.c
 * @brief The secure-socket tables: SL_SO_SECURE_MASK bit -> IANA suite (reference §3.3, copied
 *        here independently), SL_SO_SECMETHOD -> versions (§3.2), ALPN bits -> ids (§3.4),
 *        TLS results -> SL codes (docs/sock.md step 3).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <ti/drivers/net/wifi/errors.h>

#include "sock/sock_int.h"

/* §3.3, bit by bit. */
static const uint16_t ref_suites[23] = {
    0x0005, 0x0004, 0x0035, 0x0039, 0xC014, 0xC011, 0x003C, 0x003D, 0xC027, 0xC023, 0xC009, 0xC00A,
    0x009C, 0x009D, 0x009E, 0x009F, 0xC02F, 0xC030, 0xC02B, 0xC02C, 0xCCA9, 0xCCA8, 0xCCAA,
};

static void test_mask_suites__each_bit(void **state)
{
    (void)state;
    for (unsigned bit = 0; bit < 23; bit++) {
        uint16_t out[24];
        size_t n = slsim_sock_mask_suites(1u << bit, out, 24);
        bool can = slsim_tls_suite_supported(ref_suites[bit]);
        if (n != (can ? 1u : 0u) || (can && out[0] != ref_suites[bit]) || out[n] != 0) {
            print_error("bit %u: %zu suites (0x%04x), want %s 0x%04x\n", bit, n, out[0],
                        can ? "exactly" : "none of", ref_suites[bit]);
            fail();
        }
        assert_int_equal(slsim_sock_suite_bit(ref_suites[bit]), bit);
    }
}

static void test_mask_suites__default_keeps_order(void **state)
{
    (void)state;
    uint16_t out[24];
    size_t n = slsim_sock_mask_suites(SLSIM_SOCK_MASK_ALL, out, 24);
    assert_true(n > 0);
    size_t k = 0;
    for (unsigned bit = 0; bit < 23; bit++) {
        if (slsim_tls_suite_supported(ref_suites[bit])) {
            assert_int_equal(out[k], ref_suites[bit]);
            k++;
        }
    }
    assert_int_equal(k, n);
    /* The common modern suites are there (mbedTLS 2.28 does them). */
    assert_int_equal(slsim_sock_mask_suites(1u << 16, out, 24), 1); /* ECDHE-RSA-AES128-GCM */
    assert_int_equal(out[0], 0xC02F);
    assert_int_equal(slsim_sock_mask_suites(1u << 18, out, 24), 1); /* ECDHE-ECDSA-AES128-GCM */
    assert_int_equal(out[0], 0xC02B);
}

static void test_mask_suites__none_and_unknown(void **state)
{
    (void)state;
    uint16_t out[24];
    assert_int_equal(slsim_sock_mask_suites(0, out, 24), 0);
    assert_int_equal(out[0], 0);
    assert_int_equal(slsim_sock_mask_suites(1u << 23, out, 24), 0); /* beyond the 23 bits */
    assert_int_equal(slsim_sock_suite_bit(0x1301), 0xFFFFFFFFu);    /* TLS 1.3: not a bit */
    assert_int_equal(slsim_sock_mask_suites(SLSIM_SOCK_MASK_ALL, out, 3), 2); /* room for 2+0 */
    assert_int_equal(out[2], 0);
}

static const struct method_case {
    uint8_t method;
    long want;
    int min;
    int max;
} method_cases[] = {
    { 0, SL_ERROR_BSD_ESEC_NOT_COMPILED_IN, 0, 0 }, /* SSLv3 */
    { 1, 0, SLSIM_TLS_V1_0, SLSIM_TLS_V1_0 },
    { 2, 0, SLSIM_TLS_V1_1, SLSIM_TLS_V1_1 },
    { 3, 0, SLSIM_TLS_V1_2, SLSIM_TLS_V1_2 },
    { 4, 0, SLSIM_TLS_V1_0, SLSIM_TLS_V1_2 },       /* SSLv3_TLSV1_2 default, minus SSL 3.0 */
    { 5, SL_ERROR_BSD_ESEC_NOT_COMPILED_IN, 0, 0 }, /* DTLS */
    { 6, SL_ERROR_BSD_ESEC_NOT_COMPILED_IN, 0, 0 },
};

static void test_method_versions__table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(method_cases) / sizeof(method_cases[0]); i++) {
        const struct method_case *c = &method_cases[i];
        enum slsim_tls_version lo = 0;
        enum slsim_tls_version hi = 0;
        long got = slsim_sock_method_versions(c->method, &lo, &hi);
        assert_int_equal(got, c->want);
        if (c->want == 0) {
            assert_int_equal(lo, c->min);
            assert_int_equal(hi, c->max);
        }
    }
}

static void test_alpn_ids__bits_and_general(void **state)
{
    (void)state;
    const char *ids[8];
    assert_int_equal(slsim_sock_alpn_ids(0x1F, "mqtt", ids, 8), 6);
    const char *want[] = { "http/1.1", "h2", "h2c", "h2-14", "h2-16", "mqtt" };
    for (int i = 0; i < 6; i++) {
        assert_string_equal(ids[i], want[i]);
    }
    assert_null(ids[6]);
    assert_int_equal(slsim_sock_alpn_ids(0x02, NULL, ids, 8), 1);
    assert_string_equal(ids[0], "h2");
    assert_int_equal(slsim_sock_alpn_ids(0x10, "", ids, 8), 1);
    assert_string_equal(ids[0], "h2-16");
    assert_int_equal(slsim_sock_alpn_ids(0, "x-proto", ids, 8), 1);
    assert_string_equal(ids[0], "x-proto");
    assert_int_equal(slsim_sock_alpn_ids(0, NULL, ids, 8), 0);
    assert_null(ids[0]);
}

static const struct tls_case {
    enum slsim_tls_result r;
    int alert;
    enum slsim_tls_fatal why;
    bool handshake;
    long want;
    const char *what;
} tls_cases[] = {
    { SLSIM_TLS_OK, -1, SLSIM_TLS_FATAL_NONE, true, 0, "ok" },
    { SLSIM_TLS_WANT_READ, -1, SLSIM_TLS_FATAL_NONE, true, SL_ERROR_BSD_EALREADY, "hs wants" },
    { SLSIM_TLS_WANT_WRITE, -1, SLSIM_TLS_FATAL_NONE, false, SL_ERROR_BSD_EAGAIN, "data wants" },
    { SLSIM_TLS_ALERT, 40, SLSIM_TLS_FATAL_NONE, true, -340, "handshake_failure" },
    { SLSIM_TLS_ALERT, 42, SLSIM_TLS_FATAL_NONE, true, -342, "bad_certificate" },
    { SLSIM_TLS_ALERT, 48, SLSIM_TLS_FATAL_NONE, true, -348, "unknown_ca (no TI name)" },
    { SLSIM_TLS_ALERT, 70, SLSIM_TLS_FATAL_NONE, false, -370, "protocol_version" },
    { SLSIM_TLS_ALERT, 112, SLSIM_TLS_FATAL_NONE, true, -412, "unrecognized_name" },
    { SLSIM_TLS_CLOSED, -1, SLSIM_TLS_FATAL_NONE, false, SL_ERROR_BSD_ESECCLOSED, "-452" },
    { SLSIM_TLS_CLOSED, -1, SLSIM_TLS_FATAL_NONE, true, SL_ERROR_BSD_ESEC_CLOSE_NOTIFY, "-300" },
    { SLSIM_TLS_FATAL, -1, SLSIM_TLS_FATAL_NO_SUITE, true, -791, "no suite" },
    { SLSIM_TLS_FATAL, -1, SLSIM_TLS_FATAL_VERSION, true, -370, "no version" },
    { SLSIM_TLS_FATAL, -1, SLSIM_TLS_FATAL_EOF, true, -708, "tcp closed in handshake" },
    { SLSIM_TLS_FATAL, -1, SLSIM_TLS_FATAL_EOF, false, 0, "tcp closed on a session: 0" },
    { SLSIM_TLS_FATAL, -1, SLSIM_TLS_FATAL_RESET, true, -708, "reset" },
    { SLSIM_TLS_FATAL, -1, SLSIM_TLS_FATAL_BAD_MESSAGE, true, -706, "garbage" },
    { SLSIM_TLS_FATAL, -1, SLSIM_TLS_FATAL_BAD_MAC, false, -705, "mac" },
    { SLSIM_TLS_FATAL, -1, SLSIM_TLS_FATAL_KEY, true, -458, "own key" },
    { SLSIM_TLS_FATAL, -1, SLSIM_TLS_FATAL_OTHER, true, -450, "other" },
};

static void test_tls_code__table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(tls_cases) / sizeof(tls_cases[0]); i++) {
        const struct tls_case *c = &tls_cases[i];
        long got = slsim_sock_tls_code(c->r, c->alert, c->why, c->handshake);
        if (got != c->want) {
            print_error("%s: got %ld want %ld\n", c->what, got, c->want);
            fail();
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mask_suites__each_bit),
        cmocka_unit_test(test_mask_suites__default_keeps_order),
        cmocka_unit_test(test_mask_suites__none_and_unknown),
        cmocka_unit_test(test_method_versions__table),
        cmocka_unit_test(test_alpn_ids__bits_and_general),
        cmocka_unit_test(test_tls_code__table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
