/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_trust_map.c
 * @brief The decision table (slsim_trust_decide), the findings list, report names and the
 *        module's text and matching helpers, on hand-made findings (no certificates).
 */
#include "trust/trust.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <ti/drivers/net/wifi/errors.h>

#include "trust/trust_int.h"

#include "core/banned.h"

struct f {
    enum slsim_trust_check check;
    enum slsim_finding_status st;
    int32_t code;
};

#define MAXF 5

static const struct decide_case {
    const char *why;
    struct f in[MAXF];
    size_t n;
    bool revoked_connected;
    int32_t want;
    bool up;
} decide_cases[] = {
    { "nothing", { { 0 } }, 0, true, 0, true },
    { "passes and infos",
      { { SLSIM_CHECK_CA_FILE, SLSIM_FINDING_PASS, 0 },
        { SLSIM_CHECK_PEER_CERT, SLSIM_FINDING_INFO, 0 },
        { SLSIM_CHECK_DOMAIN, SLSIM_FINDING_SKIP, 0 } },
      3,
      true,
      0,
      true },
    { "first fail in pipeline order",
      { { SLSIM_CHECK_DOMAIN, SLSIM_FINDING_FAIL, SL_ERROR_BSD_ESEC_DOMAIN_NAME_MISMATCH },
        { SLSIM_CHECK_CHAIN, SLSIM_FINDING_FAIL, SL_ERROR_BSD_ESEC_NOT_CA_ERROR } },
      2,
      true,
      SL_ERROR_BSD_ESEC_NOT_CA_ERROR,
      false },
    { "fail beats every warning",
      { { SLSIM_CHECK_DATES, SLSIM_FINDING_WARN, SL_ERROR_BSD_ESECDATEERROR },
        { SLSIM_CHECK_PINNED, SLSIM_FINDING_FAIL, SL_ERROR_BSD_ESECWRONGPEERCERT },
        { SLSIM_CHECK_CATALOG, SLSIM_FINDING_WARN, SL_ERROR_BSD_ESECUNKNOWNROOTCA } },
      3,
      true,
      SL_ERROR_BSD_ESECWRONGPEERCERT,
      false },
    { "dates before catalog",
      { { SLSIM_CHECK_CATALOG, SLSIM_FINDING_WARN, SL_ERROR_BSD_ESECUNKNOWNROOTCA },
        { SLSIM_CHECK_DATES, SLSIM_FINDING_WARN, SL_ERROR_BSD_ESECDATEERROR } },
      2,
      true,
      SL_ERROR_BSD_ESECDATEERROR,
      true },
    { "revoked before catalog",
      { { SLSIM_CHECK_CATALOG, SLSIM_FINDING_WARN, SL_ERROR_BSD_ESECUNKNOWNROOTCA },
        { SLSIM_CHECK_CATALOG, SLSIM_FINDING_WARN, SL_ERROR_BSD_ESECCERTIFICATEREVOKED } },
      2,
      true,
      SL_ERROR_BSD_ESECCERTIFICATEREVOKED,
      true },
    { "revoked is a failure by profile",
      { { SLSIM_CHECK_DATES, SLSIM_FINDING_WARN, SL_ERROR_BSD_ESECDATEERROR },
        { SLSIM_CHECK_CATALOG, SLSIM_FINDING_WARN, SL_ERROR_BSD_ESECCERTIFICATEREVOKED } },
      2,
      false,
      SL_ERROR_BSD_ESECCERTIFICATEREVOKED,
      false },
    { "revoked FAIL finding, connected profile",
      { { SLSIM_CHECK_CATALOG, SLSIM_FINDING_FAIL, SL_ERROR_BSD_ESECCERTIFICATEREVOKED },
        { SLSIM_CHECK_NO_CA, SLSIM_FINDING_PASS, 0 } },
      2,
      true,
      SL_ERROR_BSD_ESECCERTIFICATEREVOKED,
      true },
    { "catalog before no-ca",
      { { SLSIM_CHECK_NO_CA, SLSIM_FINDING_WARN, SL_ERROR_BSD_ESECSNOVERIFY },
        { SLSIM_CHECK_CATALOG, SLSIM_FINDING_WARN, SL_ERROR_BSD_ESECUNKNOWNROOTCA } },
      2,
      true,
      SL_ERROR_BSD_ESECUNKNOWNROOTCA,
      true },
    { "no-ca alone",
      { { SLSIM_CHECK_NO_CA, SLSIM_FINDING_WARN, SL_ERROR_BSD_ESECSNOVERIFY } },
      1,
      true,
      SL_ERROR_BSD_ESECSNOVERIFY,
      true },
    { "unlisted warning after listed ones",
      { { SLSIM_CHECK_HANDSHAKE, SLSIM_FINDING_WARN, -999 },
        { SLSIM_CHECK_NO_CA, SLSIM_FINDING_WARN, SL_ERROR_BSD_ESECSNOVERIFY } },
      2,
      true,
      SL_ERROR_BSD_ESECSNOVERIFY,
      true },
    { "local failure first",
      { { SLSIM_CHECK_CA_FILE, SLSIM_FINDING_FAIL, SL_ERROR_BSD_ESECNOCAFILE },
        { SLSIM_CHECK_OWN_KEY, SLSIM_FINDING_FAIL, SL_ERROR_BSD_ESECBADPRIVATEFILE } },
      2,
      true,
      SL_ERROR_BSD_ESECNOCAFILE,
      false },
    { "socket limit",
      { { SLSIM_CHECK_SOCKETS, SLSIM_FINDING_FAIL, SL_ERROR_BSD_ESECT00MANYSSLOPENED } },
      1,
      true,
      SL_ERROR_BSD_ESECT00MANYSSLOPENED,
      false },
};

static void test_slsim_trust_decide__table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(decide_cases) / sizeof(decide_cases[0]); i++) {
        const struct decide_case *c = &decide_cases[i];
        struct slsim_trust_result res;

        slsim_trust_init(&res);
        for (size_t j = 0; j < c->n; j++) {
            slsim_trust_add(&res, c->in[j].check, c->in[j].st, c->in[j].code, 0, -1, "fix", "r");
        }
        slsim_trust_decide(&res, c->revoked_connected);
        if (res.code != c->want || res.connected != c->up) {
            fail_msg("%s: got %d/%d, want %d/%d", c->why, (int)res.code, res.connected,
                     (int)c->want, c->up);
        }
    }
    slsim_trust_decide(NULL, true);
}

static void test_slsim_trust_add__bounded(void **state)
{
    struct slsim_trust_result res;
    char long_fix[600];

    (void)state;
    memset(long_fix, 'x', sizeof(long_fix) - 1);
    long_fix[sizeof(long_fix) - 1] = '\0';
    slsim_trust_init(&res);
    assert_true(res.connected);
    for (int i = 0; i < SLSIM_TRUST_MAX_FINDINGS + 5; i++) {
        slsim_trust_add(&res, SLSIM_CHECK_CHAIN, SLSIM_FINDING_INFO, 0, 0, i, long_fix, "%s #%d",
                        long_fix, i);
    }
    assert_int_equal(res.n, SLSIM_TRUST_MAX_FINDINGS);
    assert_int_equal(strlen(res.findings[0].reason), SLSIM_TRUST_TEXT - 1);
    assert_int_equal(strlen(res.findings[0].fix), SLSIM_TRUST_TEXT - 1);
    slsim_trust_add(NULL, SLSIM_CHECK_CHAIN, SLSIM_FINDING_INFO, 0, 0, 0, NULL, "x");
    slsim_trust_init(NULL);
}

static void test_slsim_trust_check_name__all(void **state)
{
    static const char *const want[] = { "ca-file",   "own-cert", "own-key", "sockets", "handshake",
                                        "peer-cert", "chain",    "anchor",  "dates",   "domain",
                                        "pinned",    "catalog",  "no-ca" };

    (void)state;
    for (int c = 0; c < SLSIM_CHECK_COUNT; c++) {
        assert_string_equal(slsim_trust_check_name((enum slsim_trust_check)c), want[c]);
    }
    assert_string_equal(slsim_trust_check_name(SLSIM_CHECK_COUNT), "?");
    assert_string_equal(slsim_trust_status_name(SLSIM_FINDING_PASS), "pass");
    assert_string_equal(slsim_trust_status_name(SLSIM_FINDING_WARN), "warn");
    assert_string_equal(slsim_trust_status_name(SLSIM_FINDING_FAIL), "fail");
    assert_string_equal(slsim_trust_status_name((enum slsim_finding_status)9), "?");
}

static void test_slsim_trust_name_match__table(void **state)
{
    static const struct {
        const char *pat, *host;
        bool want;
    } cases[] = {
        { "leaf.example.com", "leaf.example.com", true },
        { "leaf.example.com", "LEAF.EXAMPLE.COM", true },
        { "leaf.example.com", "leaf.example.co", false },
        { "leaf.example.com", "xleaf.example.com", false },
        { "*.iot.example.com", "dev1.iot.example.com", true },
        { "*.iot.example.com", "DEV1.IoT.Example.com", true },
        { "*.iot.example.com", "a.b.iot.example.com", false },
        { "*.iot.example.com", "iot.example.com", false },
        { "*.iot.example.com", ".iot.example.com", false },
        { "*.", "a.", false },
        { "*", "anything", false },
        { "", "", false },
        { "a*.example.com", "ab.example.com", false }, /* partial-label wildcards: literal */
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        bool got = slsim_trust_name_match(cases[i].pat, strlen(cases[i].pat), cases[i].host);
        if (got != cases[i].want) {
            fail_msg("'%s' vs '%s': got %d", cases[i].pat, cases[i].host, got);
        }
    }
}

static void test_slsim_trust_x509_time__known_dates(void **state)
{
    static const struct {
        mbedtls_x509_time t;
        int64_t want;
        const char *text;
    } cases[] = {
        { { 1970, 1, 1, 0, 0, 0 }, 0, "1970-01-01 00:00:00 UTC" },
        { { 2013, 1, 1, 0, 0, 0 }, 1356998400, "2013-01-01 00:00:00 UTC" },
        { { 2000, 2, 29, 12, 30, 15 }, 951827415, "2000-02-29 12:30:15 UTC" },
        { { 2024, 6, 1, 0, 0, 0 }, 1717200000, "2024-06-01 00:00:00 UTC" },
        { { 2126, 11, 4, 0, 56, 17 }, 4949427377, "2126-11-04 00:56:17 UTC" },
        { { 1950, 1, 1, 0, 0, 0 }, -631152000, "1950-01-01 00:00:00 UTC" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char buf[40];

        assert_int_equal(slsim_trust_x509_time(&cases[i].t), cases[i].want);
        slsim_trust_time_str(buf, sizeof(buf), cases[i].want, false);
        assert_string_equal(buf, cases[i].text);
        slsim_trust_time_str(buf, sizeof(buf), cases[i].want, true);
        assert_memory_equal(buf, cases[i].text, 10);
        assert_int_equal(strlen(buf), 10);
    }
}

static void test_slsim_trust_dn__truncates(void **state)
{
    mbedtls_x509_name cn;
    static const unsigned char oid[] = { 0x55, 0x04, 0x03 };
    static const char val[] = "a-rather-long-common-name-for-a-test";
    char buf[16];
    char big[80];

    (void)state;
    memset(&cn, 0, sizeof(cn));
    cn.oid.tag = MBEDTLS_ASN1_OID;
    cn.oid.p = (unsigned char *)(uintptr_t)oid;
    cn.oid.len = sizeof(oid);
    cn.val.tag = MBEDTLS_ASN1_UTF8_STRING;
    cn.val.p = (unsigned char *)(uintptr_t)val;
    cn.val.len = strlen(val);
    slsim_trust_dn(big, sizeof(big), &cn);
    assert_string_equal(big, "CN=a-rather-long-common-name-for-a-test");
    slsim_trust_dn(buf, sizeof(buf), &cn);
    assert_string_equal(buf, "CN=a-rather-...");
    slsim_trust_dn(buf, 3, &cn);
    assert_string_equal(buf, "CN");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slsim_trust_decide__table),
        cmocka_unit_test(test_slsim_trust_add__bounded),
        cmocka_unit_test(test_slsim_trust_check_name__all),
        cmocka_unit_test(test_slsim_trust_name_match__table),
        cmocka_unit_test(test_slsim_trust_x509_time__known_dates),
        cmocka_unit_test(test_slsim_trust_dn__truncates),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
