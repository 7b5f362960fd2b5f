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
#include <unistd.h>
#include <cmocka.h>

#include "flash/flash.h"
#include "fs/fs.h"

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
    (void)snprintf(e->dir, sizeof(e->dir), "/tmp/slsim-wlan-XXXXXX");
    assert_non_null(mkdtemp(e->dir));
    (void)snprintf(e->img, sizeof(e->img), "%s/dev.img", e->dir);
    (void)snprintf(e->cfg, sizeof(e->cfg), "%s/dev.json", e->dir);
    struct slsim_flash *fl = NULL;
    struct slsim_fs_format_opts o = { .profile = "cc3220s" };
    assert_int_equal(slsim_flash_open_file(e->img, true, 256, &fl, NULL), 0);
    assert_int_equal(slsim_fs_format(fl, &o), 0);
    slsim_flash_close(fl);
    FILE *f = fopen(e->cfg, "w");
    assert_non_null(f);
    fputs(config_fmt, f);
    fclose(f);
    if (slsim_emu_device_open(e->cfg, &e->dev) != 0) {
        fail_msg("cannot open device: %s", slsim_emu_last_error());
    }
    slsim_emu_use(e->dev);
}

void wlan_env_reopen(struct wlan_env *e)
{
    slsim_emu_device_close(e->dev);
    e->dev = NULL;
    assert_int_equal(slsim_emu_device_open(e->cfg, &e->dev), 0);
    slsim_emu_use(e->dev);
}

void wlan_env_free(struct wlan_env *e)
{
    slsim_emu_device_close(e->dev);
    e->dev = NULL;
    (void)unlink(e->img);
    (void)unlink(e->cfg);
    (void)rmdir(e->dir);
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
