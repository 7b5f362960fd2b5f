/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_wlan_profiles.c
 * @brief Stored profiles, connection policy, role and MAC address on the TI API
 *        (docs/wlan.md "Persistence"): add/get/del, persistence across sl_Stop/sl_Start and
 *        across a new device object on the same image, auto-connect on start, sl_WlanSetMode.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "wlan_test_util.h"

static int setup(void **state)
{
    static struct wlan_env env;
    wlan_env_make(&env);
    rec_reset();
    assert_int_equal(sl_Start(NULL, NULL, NULL), ROLE_STA);
    *state = &env;
    return 0;
}

static int teardown(void **state)
{
    struct wlan_env *env = *state;
    (void)sl_Stop(0);
    wlan_env_free(env);
    return 0;
}

static _i16 add(const char *ssid, _u8 sec, const char *key, _u32 prio)
{
    char name[33];
    char k[65];
    (void)snprintf(name, sizeof(name), "%s", ssid);
    (void)snprintf(k, sizeof(k), "%s", key != NULL ? key : "");
    SlWlanSecParams_t sp = { .Type = sec, .Key = (_i8 *)k, .KeyLen = (_u8)strlen(k) };
    return sl_WlanProfileAdd((const _i8 *)name, (_i16)strlen(name), NULL, &sp, NULL, prio, 0);
}

static void assert_profile(_i16 index, const char *ssid, _u8 sec, _u32 prio)
{
    _i8 name[32];
    _i16 name_len = 0;
    _u8 mac[6];
    SlWlanSecParams_t sp;
    memset(&sp, 0, sizeof(sp));
    _u32 p = 99;
    assert_int_equal(sl_WlanProfileGet(index, name, &name_len, mac, &sp, NULL, &p), sec);
    assert_int_equal(name_len, strlen(ssid));
    assert_memory_equal(name, ssid, strlen(ssid));
    assert_int_equal(sp.Type, sec);
    assert_int_equal(sp.KeyLen, 0); /* keys are never read back */
    assert_int_equal(p, prio);
}

static void assert_no_profile(_i16 index)
{
    _i8 name[32];
    _i16 name_len = 0;
    SlWlanSecParams_t sp;
    assert_int_equal(sl_WlanProfileGet(index, name, &name_len, NULL, &sp, NULL, NULL),
                     SL_ERROR_INVALID_PARAM);
}

static void test_profile__add_get_del(void **state)
{
    (void)state;
    assert_int_equal(add("home", SL_WLAN_SEC_TYPE_WPA_WPA2, "secret123", 5), 0);
    assert_int_equal(add("cafe", SL_WLAN_SEC_TYPE_OPEN, NULL, 1), 1);
    assert_int_equal(add("home", SL_WLAN_SEC_TYPE_WPA_WPA2, "other-key", 7), 0); /* replaces */
    assert_profile(0, "home", SL_WLAN_SEC_TYPE_WPA_WPA2, 7);
    assert_profile(1, "cafe", SL_WLAN_SEC_TYPE_OPEN, 1);
    assert_int_equal(add("x", SL_WLAN_SEC_TYPE_OPEN, NULL, 16), SL_ERROR_INVALID_PARAM);
    assert_int_equal(sl_WlanProfileDel(0), 0);
    assert_no_profile(0);
    assert_no_profile(7);
    assert_int_equal(add("n0", SL_WLAN_SEC_TYPE_OPEN, NULL, 0), 0); /* first free slot */
    for (int i = 2; i < SL_WLAN_MAX_PROFILES; i++) {
        char n[8];
        (void)snprintf(n, sizeof(n), "n%d", i);
        assert_int_equal(add(n, SL_WLAN_SEC_TYPE_OPEN, NULL, 0), i);
    }
    assert_int_equal(add("full", SL_WLAN_SEC_TYPE_OPEN, NULL, 0),
                     SL_ERROR_FS_NO_AVAILABLE_NV_INDEX);
    assert_int_equal(sl_WlanProfileDel(SL_WLAN_DEL_ALL_PROFILES), 0);
    for (int i = 0; i < SL_WLAN_MAX_PROFILES; i++) {
        assert_no_profile((_i16)i);
    }
    assert_int_equal(sl_WlanProfileDel(9), SL_ERROR_INVALID_PARAM);
}

static void test_profile__persists_across_restart_and_new_device(void **state)
{
    struct wlan_env *env = *state;
    assert_int_equal(add("home", SL_WLAN_SEC_TYPE_WPA_WPA2, "secret123", 3), 0);
    assert_int_equal(add("cafe", SL_WLAN_SEC_TYPE_OPEN, NULL, 2), 1);
    assert_int_equal(sl_WlanProfileDel(0), 0);
    _u8 pol = SL_WLAN_CONNECTION_POLICY(0, 0, 0, 0);
    assert_int_equal(sl_WlanPolicySet(SL_WLAN_POLICY_CONNECTION, pol, NULL, 0), 0);
    assert_int_equal(sl_Stop(0), 0);
    assert_int_equal(sl_Start(NULL, NULL, NULL), ROLE_STA);
    assert_no_profile(0);
    assert_profile(1, "cafe", SL_WLAN_SEC_TYPE_OPEN, 2);
    assert_int_equal(sl_Stop(0xFFFF), 0);
    wlan_env_reopen(env); /* a new process on the same image */
    assert_int_equal(sl_Start(NULL, NULL, NULL), ROLE_STA);
    assert_profile(1, "cafe", SL_WLAN_SEC_TYPE_OPEN, 2);
    _u8 got = 0xFF;
    assert_int_equal(sl_WlanPolicyGet(SL_WLAN_POLICY_CONNECTION, &got, NULL, NULL), 0);
    assert_int_equal(got, 0);
}

static void test_policy__auto_connect_on_start(void **state)
{
    (void)state;
    assert_int_equal(add("home", SL_WLAN_SEC_TYPE_WPA_WPA2, "secret123", 3), 0);
    assert_int_equal(add("cafe", SL_WLAN_SEC_TYPE_OPEN, NULL, 9), 1);
    assert_int_equal(add("gone", SL_WLAN_SEC_TYPE_WPA_WPA2, "secret123", 15), 2); /* absent */
    _u8 pol = SL_WLAN_CONNECTION_POLICY(1, 0, 0, 0);
    assert_int_equal(sl_WlanPolicySet(SL_WLAN_POLICY_CONNECTION, pol, NULL, 0), 0);
    assert_int_equal(sl_Stop(0), 0);
    rec_reset();
    assert_int_equal(sl_Start(NULL, NULL, NULL), ROLE_STA);
    assert_true(rec_wait(2));
    struct rec_event c = rec_get(0);
    assert_int_equal(c.wlan.Id, SL_WLAN_EVENT_CONNECT);
    assert_int_equal(c.wlan.Data.Connect.SsidLen, 4);
    assert_memory_equal(c.wlan.Data.Connect.SsidName, "cafe", 4); /* best present profile */
    assert_int_equal(rec_get(1).netapp.Id, SL_NETAPP_EVENT_IPV4_ACQUIRED);

    /* Policy off: nothing happens at start. */
    pol = SL_WLAN_CONNECTION_POLICY(0, 0, 0, 0);
    assert_int_equal(sl_WlanPolicySet(SL_WLAN_POLICY_CONNECTION, pol, NULL, 0), 0);
    assert_int_equal(sl_Stop(0), 0);
    rec_reset();
    assert_int_equal(sl_Start(NULL, NULL, NULL), ROLE_STA);
    struct timespec nap = { .tv_sec = 0, .tv_nsec = QUIET_MS * 1000000L };
    (void)nanosleep(&nap, NULL);
    assert_int_equal(rec_count(), 0);
    assert_int_equal(sl_WlanPolicySet(0x77, 0, NULL, 0), SL_ERROR_INVALID_PARAM);
}

static void test_mode__role_returned_by_next_start(void **state)
{
    struct wlan_env *env = *state;
    assert_int_equal(sl_WlanSetMode(ROLE_AP), 0);
    assert_int_equal(sl_WlanSetMode(ROLE_TAG + 1), SL_ERROR_INVALID_PARAM);
    assert_int_equal(wlan_connect("cafe", SL_WLAN_SEC_TYPE_OPEN, NULL), 0); /* still STA */
    assert_int_equal(sl_Stop(0), 0);
    assert_int_equal(sl_Start(NULL, NULL, NULL), ROLE_AP);
    assert_int_equal(wlan_connect("cafe", SL_WLAN_SEC_TYPE_OPEN, NULL), SL_RET_CODE_INVALID_INPUT);
    assert_int_equal(sl_Stop(0), 0);
    wlan_env_reopen(env);
    assert_int_equal(sl_Start(NULL, NULL, NULL), ROLE_AP);
    assert_int_equal(sl_WlanSetMode(ROLE_P2P), 0);
    assert_int_equal(sl_Stop(0), 0);
    assert_int_equal(sl_Start(NULL, NULL, NULL), ROLE_P2P);
    assert_int_equal(sl_WlanSetMode(ROLE_STA), 0);
    assert_int_equal(sl_Stop(0), 0);
    assert_int_equal(sl_Start(NULL, NULL, NULL), ROLE_STA);
}

static void test_netcfg__mac_stable_and_local(void **state)
{
    struct wlan_env *env = *state;
    _u8 mac[6];
    _u8 again[6];
    _u16 len = sizeof(mac);
    assert_int_equal(sl_NetCfgGet(SL_NETCFG_MAC_ADDRESS_GET, NULL, &len, mac), 0);
    assert_int_equal(len, 6);
    assert_int_equal(mac[0] & 0x03, 0x02); /* locally administered, unicast */
    assert_int_equal(sl_Stop(0), 0);
    wlan_env_reopen(env);
    assert_int_equal(sl_Start(NULL, NULL, NULL), ROLE_STA);
    len = 4;
    assert_int_equal(sl_NetCfgGet(SL_NETCFG_MAC_ADDRESS_GET, NULL, &len, again), SL_ESMALLBUF);
    len = sizeof(again);
    assert_int_equal(sl_NetCfgGet(SL_NETCFG_MAC_ADDRESS_GET, NULL, &len, again), 0);
    assert_memory_equal(mac, again, 6);
    assert_int_equal(sl_NetCfgGet(99, NULL, &len, again), SL_ERROR_INVALID_PARAM);
    assert_int_equal(sl_NetCfgSet(SL_NETCFG_IPV4_STA_ADDR_MODE, SL_NETCFG_ADDR_DHCP, 0, NULL), 0);
    assert_int_equal(sl_Stop(0), 0);
    assert_int_equal(sl_NetCfgGet(SL_NETCFG_MAC_ADDRESS_GET, NULL, &len, again),
                     SL_RET_CODE_DEV_NOT_STARTED);
    assert_int_equal(sl_Start(NULL, NULL, NULL), ROLE_STA);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_profile__add_get_del),
        T(test_profile__persists_across_restart_and_new_device),
        T(test_policy__auto_connect_on_start),
        T(test_mode__role_returned_by_next_start),
        T(test_netcfg__mac_stable_and_local),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
