/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_device_clock.c
 * @brief Device clock: calendar conversion against the C library, modes, parsing, setting.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <ti/drivers/net/wifi/errors.h>

#include "device/device_clock.h"

static void test_slsim_unix_to_date__matches_gmtime_r(void **state)
{
    (void)state;
    /* Every 9973 seconds * 7919 steps covers 1970..2095 with leap days and odd times. */
    for (int64_t t = 0; t < (int64_t)4000000000LL; t += 9973LL * 7919LL + 17) {
        struct tm tm;
        time_t tt = (time_t)t;
        assert_non_null(gmtime_r(&tt, &tm));
        struct slsim_date d;
        slsim_unix_to_date(t, &d);
        assert_int_equal(d.year, (uint32_t)tm.tm_year + 1900);
        assert_int_equal(d.mon, (uint32_t)tm.tm_mon + 1);
        assert_int_equal(d.day, (uint32_t)tm.tm_mday);
        assert_int_equal(d.hour, (uint32_t)tm.tm_hour);
        assert_int_equal(d.min, (uint32_t)tm.tm_min);
        assert_int_equal(d.sec, (uint32_t)tm.tm_sec);
        assert_int_equal(d.wday, (uint32_t)tm.tm_wday);
        assert_int_equal(d.yday, (uint32_t)tm.tm_yday + 1);
        assert_true(slsim_date_to_unix(&d) == t);
    }
}

static void test_slsim_clock_parse__modes(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int rc;
        enum slsim_clock_mode mode;
        int64_t start;
    } cases[] = {
        { "host", 0, SLSIM_CLOCK_HOST, 0 },
        { "power-on", 0, SLSIM_CLOCK_POWER_ON, 0 },
        { "2016-09-11T14:26:55Z", 0, SLSIM_CLOCK_FIXED, 0x57D569AF },
        { "2024-02-29T00:00:00Z", 0, SLSIM_CLOCK_FIXED, 1709164800 },
        { "2023-02-29T00:00:00Z", -1, SLSIM_CLOCK_HOST, 0 },
        { "2016-09-11 14:26:55", -1, SLSIM_CLOCK_HOST, 0 },
        { "2016-09-11T14:26:55Zx", -1, SLSIM_CLOCK_HOST, 0 },
        { "yesterday", -1, SLSIM_CLOCK_HOST, 0 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        enum slsim_clock_mode mode = SLSIM_CLOCK_HOST;
        int64_t start = 0;
        assert_int_equal(slsim_clock_parse(cases[i].text, &mode, &start), cases[i].rc);
        if (cases[i].rc == 0) {
            assert_int_equal(mode, cases[i].mode);
            assert_true(start == cases[i].start);
        }
    }
}

static void test_slsim_clock_now__power_on_and_set(void **state)
{
    (void)state;
    struct slsim_device_clock c;
    slsim_clock_init(&c, SLSIM_CLOCK_POWER_ON, 0);
    struct slsim_date d;
    slsim_clock_get(&c, &d);
    assert_int_equal(d.year, 2013);
    assert_int_equal(d.mon, 1);
    assert_int_equal(d.day, 1);
    struct slsim_date set = { .sec = 5, .min = 4, .hour = 3, .day = 28, .mon = 11, .year = 2026 };
    assert_int_equal(slsim_clock_set(&c, &set), 0);
    slsim_clock_get(&c, &d);
    assert_int_equal(d.year, 2026);
    assert_int_equal(d.mon, 11);
    assert_int_equal(d.day, 28);
    struct slsim_date bad = { .day = 31, .mon = 4, .year = 2026 };
    assert_int_equal(slsim_clock_set(&c, &bad), SL_ERROR_INVALID_PARAM);
    slsim_clock_init(&c, SLSIM_CLOCK_HOST, 0);
    int64_t now = (int64_t)time(NULL);
    assert_true(slsim_clock_now(&c) >= now - 1 && slsim_clock_now(&c) <= now + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slsim_unix_to_date__matches_gmtime_r),
        cmocka_unit_test(test_slsim_clock_parse__modes),
        cmocka_unit_test(test_slsim_clock_now__power_on_and_set),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
