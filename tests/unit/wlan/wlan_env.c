/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file wlan_env.c
 * @brief WLAN tests: a formatted image and a device configuration with simulated APs.
 */
#include "wlan_test_util.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static const char *const config_fmt =
    "{\"image\": \"dev.img\",\n"
    " \"wlan\": {\"connect_delay_ms\": 5, \"dhcp_delay_ms\": 5},\n"
    " \"aps\": [\n"
    "  {\"ssid\": \"home\", \"security\": \"wpa2\", \"key\": \"secret123\"},\n"
    "  {\"ssid\": \"cafe\", \"security\": \"open\"},\n"
    "  {\"ssid\": \"wep\", \"security\": \"wep\", \"key\": \"abcde\"},\n"
    "  {\"ssid\": \"badap\", \"security\": \"wpa2\", \"key\": \"secret123\", "
    "\"fail\": \"wrong-key\"},\n"
    "  {\"ssid\": \"slow\", \"security\": \"wpa2\", \"key\": \"secret123\", "
    "\"fail\": \"assoc-timeout\"},\n"
    "  {\"ssid\": \"gone\", \"security\": \"wpa2\", \"key\": \"secret123\", \"fail\": \"absent\"}\n"
    " ]}\n";

void wlan_env_make(struct wlan_env *e)
{
    memset(e, 0, sizeof(*e));
    assert_int_equal(slsim_test_device_make(&e->t, "wlan", "cc3220s", 256, config_fmt), 0);
    if (slsim_test_device_open(&e->t) != 0) {
        fail_msg("cannot open device: %s", slsim_emu_last_error());
    }
    e->dev = e->t.dev;
}

void wlan_env_reopen(struct wlan_env *e)
{
    slsim_test_device_close(&e->t);
    e->dev = NULL;
    assert_int_equal(slsim_test_device_open(&e->t), 0);
    e->dev = e->t.dev;
}

void wlan_env_free(struct wlan_env *e)
{
    slsim_test_device_free(&e->t, false);
    e->dev = NULL;
}

_i16 wlan_connect(const char *ssid, _u8 sec, const char *key)
{
    char name[33];
    char k[65];
    (void)snprintf(name, sizeof(name), "%s", ssid);
    (void)snprintf(k, sizeof(k), "%s", key != NULL ? key : "");
    SlWlanSecParams_t sp = { .Type = sec, .Key = (_i8 *)k, .KeyLen = (_u8)strlen(k) };
    return sl_WlanConnect((const _i8 *)name, (_i16)strlen(name), NULL, &sp, NULL);
}
