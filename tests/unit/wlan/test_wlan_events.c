/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_wlan_events.c
 * @brief WLAN event sequences on the TI API (docs/wlan.md): right key -> CONNECT then
 *        IPV4_ACQUIRED with the documented payloads; wrong key, security mismatch, failing APs
 *        -> DISCONNECT with the documented reasons; AP absent -> no event; user disconnect;
 *        handlers that call the API from the event thread; the init callback; sl_Stop.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <pthread.h>
#include <time.h>
#include <cmocka.h>

#include "wlan_test_util.h"

#define IP(a, b, c, d) (((_u32)(a) << 24) | ((_u32)(b) << 16) | ((_u32)(c) << 8) | (_u32)(d))

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
    rec_set_hook(NULL);
    (void)sl_Stop(0);
    wlan_env_free(env);
    return 0;
}

static void quiet(void)
{
    struct timespec nap = { .tv_sec = 0, .tv_nsec = QUIET_MS * 1000000L };
    (void)nanosleep(&nap, NULL);
}

static void assert_bssid(const _u8 *bssid, unsigned ap)
{
    const _u8 want[6] = { 0x02, 0x53, 0x4C, 0x41, 0x50, (_u8)(ap + 1) };
    assert_memory_equal(bssid, want, 6);
}

static void assert_ipv4(_u32 ip, _u32 mask, _u32 gw, _u32 dns)
{
    SlNetCfgIpV4Args_t a;
    _u16 len = sizeof(a);
    _u16 opt = 0;
    memset(&a, 0xEE, sizeof(a));
    assert_int_equal(sl_NetCfgGet(SL_NETCFG_IPV4_STA_ADDR_MODE, &opt, &len, (_u8 *)&a), 0);
    assert_int_equal(opt, SL_NETCFG_ADDR_DHCP);
    assert_int_equal(len, sizeof(a));
    assert_int_equal(a.Ip, ip);
    assert_int_equal(a.IpMask, mask);
    assert_int_equal(a.IpGateway, gw);
    assert_int_equal(a.IpDnsServer, dns);
}

/* Connects to "home" with the right key and checks the two events. */
static void connect_home(void)
{
    assert_int_equal(wlan_connect("home", SL_WLAN_SEC_TYPE_WPA_WPA2, "secret123"), 0);
    assert_true(rec_wait(2));
    struct rec_event c = rec_get(0);
    assert_int_equal(c.kind, REC_WLAN);
    assert_false(c.on_caller_thread);
    assert_int_equal(c.wlan.Id, SL_WLAN_EVENT_CONNECT);
    assert_int_equal(c.wlan.Data.Connect.SsidLen, 4);
    assert_memory_equal(c.wlan.Data.Connect.SsidName, "home", 4);
    assert_bssid(c.wlan.Data.Connect.Bssid, AP_HOME);
    struct rec_event ip = rec_get(1);
    assert_int_equal(ip.kind, REC_NETAPP);
    assert_int_equal(ip.netapp.Id, SL_NETAPP_EVENT_IPV4_ACQUIRED);
    assert_int_equal(ip.netapp.Data.IpAcquiredV4.Ip, IP(192, 168, 1, 100)); /* host order */
    assert_int_equal(ip.netapp.Data.IpAcquiredV4.Gateway, IP(192, 168, 1, 1));
    assert_int_equal(ip.netapp.Data.IpAcquiredV4.Dns, IP(192, 168, 1, 1));
}

static void test_wlan_connect__right_key_connect_then_ip(void **state)
{
    (void)state;
    assert_ipv4(0, 0, 0, 0); /* no lease before */
    connect_home();
    assert_ipv4(IP(192, 168, 1, 100), IP(255, 255, 255, 0), IP(192, 168, 1, 1), IP(192, 168, 1, 1));
    quiet();
    assert_int_equal(rec_count(), 2); /* nothing more */
}

static const struct fail_case {
    const char *ssid;
    _u8 sec;
    const char *key;
    unsigned ap;
    _u8 reason;
    const char *why;
} fail_cases[] = {
    { "home", SL_WLAN_SEC_TYPE_WPA_WPA2, "wrongkey1", AP_HOME,
      SL_WLAN_DISCONNECT_FOURWAY_HANDSHAKE_TIMEOUT, "wpa2, wrong key" },
    { "home", SL_WLAN_SEC_TYPE_OPEN, NULL, AP_HOME, SL_WLAN_DISCONNECT_SECURITY_FAILURE,
      "open to a wpa2 AP" },
    { "wep", SL_WLAN_SEC_TYPE_WEP, "xxxxx", AP_WEP, SL_WLAN_DISCONNECT_SECURITY_FAILURE,
      "wep, wrong key" },
    { "badap", SL_WLAN_SEC_TYPE_WPA_WPA2, "secret123", AP_BAD,
      SL_WLAN_DISCONNECT_FOURWAY_HANDSHAKE_TIMEOUT, "AP failing every key" },
    { "slow", SL_WLAN_SEC_TYPE_WPA_WPA2, "secret123", AP_SLOW, SL_WLAN_DISCONNECT_ASSOC_TIMEOUT,
      "AP failing association" },
};

static void test_wlan_connect__failures_disconnect_with_reason(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(fail_cases) / sizeof(fail_cases[0]); i++) {
        const struct fail_case *fc = &fail_cases[i];
        rec_reset();
        assert_int_equal(wlan_connect(fc->ssid, fc->sec, fc->key), 0);
        if (!rec_wait(1)) {
            fail_msg("%s: no event", fc->why);
        }
        struct rec_event d = rec_get(0);
        assert_int_equal(d.kind, REC_WLAN);
        assert_int_equal(d.wlan.Id, SL_WLAN_EVENT_DISCONNECT);
        if (d.wlan.Data.Disconnect.ReasonCode != fc->reason) {
            fail_msg("%s: reason %u, want %u", fc->why, d.wlan.Data.Disconnect.ReasonCode,
                     fc->reason);
        }
        assert_int_equal(d.wlan.Data.Disconnect.SsidLen, strlen(fc->ssid));
        assert_memory_equal(d.wlan.Data.Disconnect.SsidName, fc->ssid, strlen(fc->ssid));
        assert_bssid(d.wlan.Data.Disconnect.Bssid, fc->ap);
        assert_ipv4(0, 0, 0, 0);
        assert_int_equal(sl_WlanDisconnect(), 1); /* already disconnected */
    }
    quiet();
    assert_int_equal(rec_count(), 1);
}

static void test_wlan_connect__open_ap(void **state)
{
    (void)state;
    assert_int_equal(wlan_connect("cafe", SL_WLAN_SEC_TYPE_OPEN, NULL), 0);
    assert_true(rec_wait(2));
    assert_int_equal(rec_get(0).wlan.Id, SL_WLAN_EVENT_CONNECT);
    assert_bssid(rec_get(0).wlan.Data.Connect.Bssid, AP_CAFE);
    assert_int_equal(rec_get(1).netapp.Data.IpAcquiredV4.Ip, IP(192, 168, 1, 101));
}

static void test_wlan_connect__absent_ap_no_event_until_disconnect(void **state)
{
    (void)state;
    const char *absent[] = { "nowhere", "gone" };
    for (size_t i = 0; i < 2; i++) {
        rec_reset();
        assert_int_equal(wlan_connect(absent[i], SL_WLAN_SEC_TYPE_WPA_WPA2, "secret123"), 0);
        quiet();
        assert_int_equal(rec_count(), 0); /* still scanning */
        assert_int_equal(sl_WlanDisconnect(), 0);
        assert_true(rec_wait(1));
        struct rec_event d = rec_get(0);
        assert_int_equal(d.wlan.Id, SL_WLAN_EVENT_DISCONNECT);
        assert_int_equal(d.wlan.Data.Disconnect.ReasonCode, SL_WLAN_DISCONNECT_WHILE_CONNNECTING);
        assert_int_equal(d.wlan.Data.Disconnect.SsidLen, strlen(absent[i]));
    }
}

static void test_wlan_disconnect__user_initiated(void **state)
{
    (void)state;
    assert_int_equal(sl_WlanDisconnect(), 1); /* never connected */
    connect_home();
    assert_int_equal(sl_WlanDisconnect(), 0);
    assert_true(rec_wait(3));
    struct rec_event d = rec_get(2);
    assert_int_equal(d.wlan.Id, SL_WLAN_EVENT_DISCONNECT);
    assert_int_equal(d.wlan.Data.Disconnect.ReasonCode, SL_WLAN_DISCONNECT_USER_INITIATED);
    assert_bssid(d.wlan.Data.Disconnect.Bssid, AP_HOME);
    assert_ipv4(0, 0, 0, 0);
    assert_int_equal(sl_WlanDisconnect(), 1);
}

/* ---- handlers that call the API from the event thread ---------------------------------- */

static _i16 hook_mac_ret = 1;
static _i16 hook_disc_ret = 1;
static _i16 hook_stop_ret = 1;

static void api_hook(const struct rec_event *ev)
{
    if (ev->kind == REC_WLAN && ev->wlan.Id == SL_WLAN_EVENT_CONNECT) {
        _u8 mac[6];
        _u16 len = sizeof(mac);
        hook_mac_ret = sl_NetCfgGet(SL_NETCFG_MAC_ADDRESS_GET, NULL, &len, mac);
    } else if (ev->kind == REC_NETAPP) {
        hook_disc_ret = sl_WlanDisconnect();
        hook_stop_ret = sl_Stop(0); /* cannot join its own thread */
    }
}

static void test_wlan_handler__calls_api_without_deadlock(void **state)
{
    (void)state;
    rec_set_hook(api_hook);
    assert_int_equal(wlan_connect("home", SL_WLAN_SEC_TYPE_WPA_WPA2, "secret123"), 0);
    assert_true(rec_wait(3));
    rec_set_hook(NULL);
    assert_int_equal(hook_mac_ret, 0);
    assert_int_equal(hook_disc_ret, 0);
    assert_int_equal(hook_stop_ret, SL_RET_CODE_API_COMMAND_IN_PROGRESS);
    struct rec_event d = rec_get(2);
    assert_int_equal(d.wlan.Id, SL_WLAN_EVENT_DISCONNECT);
    assert_int_equal(d.wlan.Data.Disconnect.ReasonCode, SL_WLAN_DISCONNECT_USER_INITIATED);
}

/* ---- sl_Start's init callback, sl_Stop with work pending ------------------------------- */

static pthread_mutex_t cb_lock = PTHREAD_MUTEX_INITIALIZER;
static int cb_calls;
static _u32 cb_status;
static bool cb_on_caller;
static pthread_t cb_caller;

static void init_cb(_u32 Status, SlDeviceInitInfo_t *info)
{
    (void)info;
    (void)pthread_mutex_lock(&cb_lock);
    cb_calls++;
    cb_status = Status;
    cb_on_caller = pthread_equal(pthread_self(), cb_caller) != 0;
    (void)pthread_mutex_unlock(&cb_lock);
}

static void test_sl_Start__init_callback_on_event_thread(void **state)
{
    struct wlan_env *env = *state;
    assert_int_equal(sl_Stop(0), 0);
    cb_caller = pthread_self();
    assert_int_equal(sl_Start(NULL, NULL, init_cb), 0);
    assert_int_equal(slsim_emu_events_flush(env->dev, WAIT_MS), 0);
    (void)pthread_mutex_lock(&cb_lock);
    assert_int_equal(cb_calls, 1);
    assert_int_equal(cb_status, ROLE_STA);
    assert_false(cb_on_caller);
    (void)pthread_mutex_unlock(&cb_lock);
    assert_int_equal(sl_Start(NULL, NULL, init_cb), SL_RET_CODE_DEV_ALREADY_STARTED);
}

static void test_sl_Stop__drops_pending_then_restarts(void **state)
{
    (void)state;
    for (int i = 0; i < 5; i++) {
        assert_int_equal(wlan_connect("home", SL_WLAN_SEC_TYPE_WPA_WPA2, "secret123"), 0);
        assert_int_equal(sl_Stop(i % 2 == 0 ? 0 : 0xFFFF), 0);
        assert_int_equal(sl_WlanConnect((const _i8 *)"home", 4, NULL, NULL, NULL),
                         SL_RET_CODE_DEV_NOT_STARTED);
        assert_int_equal(sl_Start(NULL, NULL, NULL), ROLE_STA);
    }
    rec_reset();
    connect_home(); /* the model starts clean after a restart */
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_wlan_connect__right_key_connect_then_ip),
        T(test_wlan_connect__failures_disconnect_with_reason),
        T(test_wlan_connect__open_ap),
        T(test_wlan_connect__absent_ap_no_event_until_disconnect),
        T(test_wlan_disconnect__user_initiated),
        T(test_wlan_handler__calls_api_without_deadlock),
        T(test_sl_Start__init_callback_on_event_thread),
        T(test_sl_Stop__drops_pending_then_restarts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
