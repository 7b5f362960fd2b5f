/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_core_util.c
 * @brief CRC-32 check values, little-endian helpers, case-insensitive names, diag channel.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/core.h"

static void test_slsim_crc32__check_values(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        uint32_t want;
    } cases[] = {
        { "", 0x00000000u },
        { "123456789", 0xCBF43926u }, /* the standard check value */
        { "The quick brown fox jumps over the lazy dog", 0x414FA339u },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(slsim_crc32(0, cases[i].in, strlen(cases[i].in)), cases[i].want);
    }
    /* Incremental equals one-shot. */
    uint32_t c = slsim_crc32(0, "12345", 5);
    assert_int_equal(slsim_crc32(c, "6789", 4), 0xCBF43926u);
}

static void test_slsim_le__round_trip(void **state)
{
    (void)state;
    uint8_t b[8];
    slsim_put_le64(b, 0x0102030405060708ull);
    assert_int_equal(b[0], 0x08);
    assert_int_equal(b[7], 0x01);
    assert_true(slsim_le64(b) == 0x0102030405060708ull);
    slsim_put_le16(b, 0xBEEF);
    assert_int_equal(slsim_le16(b), 0xBEEF);
    slsim_put_le32(b, 0xDEADBEEFu);
    assert_int_equal(slsim_le32(b), 0xDEADBEEFu);
}

static void test_slsim_name_equal__case_insensitive(void **state)
{
    (void)state;
    assert_true(slsim_name_equal("/Cert/CA.der", "/cert/ca.DER"));
    assert_false(slsim_name_equal("/cert/ca.der", "/cert/ca.de"));
    assert_false(slsim_name_equal("", "a"));
    assert_true(slsim_name_has_prefix("/SYS/certstore.lst", "/sys/"));
    assert_false(slsim_name_has_prefix("/sy", "/sys/"));
}

static void test_slsim_diag_set__null_and_truncation(void **state)
{
    (void)state;
    slsim_diag_set(NULL, 1, "ignored %d", 1);
    struct slsim_diag d;
    char big[400];
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    slsim_diag_set(&d, 7, "%s", big);
    assert_int_equal(d.inner, 7);
    assert_int_equal(strlen(d.msg), sizeof(d.msg) - 1);
    slsim_diag_clear(&d);
    assert_string_equal(d.msg, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slsim_crc32__check_values),
        cmocka_unit_test(test_slsim_le__round_trip),
        cmocka_unit_test(test_slsim_name_equal__case_insensitive),
        cmocka_unit_test(test_slsim_diag_set__null_and_truncation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
