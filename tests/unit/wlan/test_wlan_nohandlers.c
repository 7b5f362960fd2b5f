/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_wlan_nohandlers.c
 * @brief An application that defines none of the §7.3 handlers links (weak defaults) and runs:
 *        events are raised and delivered to the empty defaults on the event thread.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "wlan_test_util.h"

static void test_nohandlers__connect_and_stop(void **state)
{
    (void)state;
    struct wlan_env env;
    wlan_env_make(&env);
    assert_int_equal(sl_Start(NULL, NULL, NULL), ROLE_STA);
    assert_int_equal(wlan_connect("home", SL_WLAN_SEC_TYPE_WPA_WPA2, "secret123"), 0);
    SlNetCfgIpV4Args_t a;
    int tries = 0;
    do { /* no handler to tell us: poll the lease, bounded */
        struct timespec nap = { .tv_sec = 0, .tv_nsec = 5000000L };
        (void)nanosleep(&nap, NULL);
        _u16 len = sizeof(a);
        assert_int_equal(sl_NetCfgGet(SL_NETCFG_IPV4_STA_ADDR_MODE, NULL, &len, (_u8 *)&a), 0);
    } while (a.Ip == 0 && ++tries < WAIT_MS / 5);
    assert_int_equal(a.Ip, 0xC0A80164u);
    assert_int_equal(sl_WlanDisconnect(), 0);
    assert_int_equal(slsim_emu_events_flush(env.dev, WAIT_MS), 0);
    assert_int_equal(sl_Stop(0xFFFF), 0);
    wlan_env_free(&env);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nohandlers__connect_and_stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
