/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_sl_device.c
 * @brief sl_DeviceSet/sl_DeviceGet: the device clock (configuration "clock" key, DATE_TIME),
 *        version information, and the error paths.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <slsim/emu.h>
#include <ti/drivers/net/wifi/simplelink.h>

#include "device_env.h"

struct env {
    struct slsim_test_device t;
};

/* A formatted image and a configuration with @p clock_json (e.g. "\"power-on\"", or NULL).
 * Returns slsim_emu_device_open's code. */
static int32_t make_env(struct env *e, const char *clock_json)
{
    char json[256];
    (void)snprintf(json, sizeof(json), "{\"image\": \"dev.img\"%s%s}\n",
                   clock_json ? ", \"clock\": " : "", clock_json ? clock_json : "");
    assert_int_equal(slsim_test_device_make(&e->t, "dev", "cc3220s", 256, json), 0);
    return slsim_test_device_open(&e->t);
}

static void free_env(struct env *e)
{
    slsim_test_device_free(&e->t, false);
}

static void get_date(SlDateTime_t *dt)
{
    _u8 opt = SL_DEVICE_GENERAL_DATE_TIME;
    _u16 len = sizeof(*dt);
    assert_int_equal(sl_DeviceGet(SL_DEVICE_GENERAL, &opt, &len, (_u8 *)dt), 0);
    assert_int_equal(len, sizeof(*dt));
}

static void test_sl_DeviceGet__power_on_clock_then_set(void **state)
{
    (void)state;
    struct env e;
    assert_int_equal(make_env(&e, "\"power-on\""), 0);
    SlDateTime_t dt;
    _u8 opt = SL_DEVICE_GENERAL_DATE_TIME;
    _u16 len = sizeof(dt);
    assert_int_equal(sl_DeviceGet(SL_DEVICE_GENERAL, &opt, &len, (_u8 *)&dt),
                     SL_RET_CODE_DEV_NOT_STARTED);
    assert_true(sl_Start(NULL, NULL, NULL) >= 0);
    get_date(&dt);
    assert_int_equal(dt.tm_year, 2013);
    assert_int_equal(dt.tm_mon, 1);
    assert_int_equal(dt.tm_day, 1);
    memset(&dt, 0, sizeof(dt));
    dt.tm_year = 2026;
    dt.tm_mon = 11;
    dt.tm_day = 28;
    dt.tm_hour = 9;
    assert_int_equal(
        sl_DeviceSet(SL_DEVICE_GENERAL, SL_DEVICE_GENERAL_DATE_TIME, sizeof(dt), (_u8 *)&dt), 0);
    /* The clock survives sl_Stop/sl_Start (hibernate). */
    assert_int_equal(sl_Stop(0), 0);
    assert_true(sl_Start(NULL, NULL, NULL) >= 0);
    get_date(&dt);
    assert_int_equal(dt.tm_year, 2026);
    assert_int_equal(dt.tm_mon, 11);
    assert_int_equal(dt.tm_day, 28);
    assert_int_equal(dt.tm_hour, 9);
    dt.tm_mon = 13;
    assert_int_equal(
        sl_DeviceSet(SL_DEVICE_GENERAL, SL_DEVICE_GENERAL_DATE_TIME, sizeof(dt), (_u8 *)&dt),
        SL_ERROR_INVALID_PARAM);
    assert_int_equal(sl_DeviceSet(SL_DEVICE_GENERAL, SL_DEVICE_GENERAL_DATE_TIME, 10, (_u8 *)&dt),
                     SL_ERROR_INVALID_PARAM);
    len = 8;
    assert_int_equal(sl_DeviceGet(SL_DEVICE_GENERAL, &opt, &len, (_u8 *)&dt), SL_ESMALLBUF);
    assert_int_equal(len, sizeof(dt));
    (void)sl_Stop(0);
    free_env(&e);
}

static void test_sl_DeviceGet__fixed_clock_and_version(void **state)
{
    (void)state;
    struct env e;
    assert_int_equal(make_env(&e, "\"2020-02-29T12:00:00Z\""), 0);
    assert_true(sl_Start(NULL, NULL, NULL) >= 0);
    SlDateTime_t dt;
    get_date(&dt);
    assert_int_equal(dt.tm_year, 2020);
    assert_int_equal(dt.tm_mon, 2);
    assert_int_equal(dt.tm_day, 29);
    assert_int_equal(dt.tm_hour, 12);
    SlDeviceVersion_t v;
    _u8 opt = SL_DEVICE_GENERAL_VERSION;
    _u16 len = sizeof(v);
    assert_int_equal(sl_DeviceGet(SL_DEVICE_GENERAL, &opt, &len, (_u8 *)&v), 0);
    assert_int_not_equal(v.ChipId, 0);
    opt = SL_DEVICE_GENERAL_PERSISTENT;
    assert_int_equal(sl_DeviceGet(SL_DEVICE_GENERAL, &opt, &len, (_u8 *)&v),
                     SL_ERROR_INVALID_PARAM);
    (void)sl_Stop(0);
    free_env(&e);
}

static void test_slsim_emu_device_open__bad_clock(void **state)
{
    (void)state;
    static const char *const bad[] = { "\"yesterday\"", "42", "\"2021-13-01T00:00:00Z\"" };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct env e;
        assert_int_not_equal(make_env(&e, bad[i]), 0);
        assert_non_null(strstr(slsim_emu_last_error(), "clock"));
        free_env(&e);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sl_DeviceGet__power_on_clock_then_set),
        cmocka_unit_test(test_sl_DeviceGet__fixed_clock_and_version),
        cmocka_unit_test(test_slsim_emu_device_open__bad_clock),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
