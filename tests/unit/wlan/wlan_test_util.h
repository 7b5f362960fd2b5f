/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file wlan_test_util.h
 * @brief WLAN tests: a device image with simulated access points (wlan_env.c) and, for the
 *        binaries that define handlers, an event recorder with bounded waits (wlan_rec.c).
 */
#ifndef SLSIM_TESTS_WLAN_TEST_UTIL_H
#define SLSIM_TESTS_WLAN_TEST_UTIL_H

#include <stdbool.h>

#include <slsim/emu.h>
#include <ti/drivers/net/wifi/simplelink.h>

#include "device_env.h"

/* The access points of every test configuration (index = position = BSSID's last byte - 1). */
#define AP_HOME  0    /* "home",  wpa2, key "secret123" */
#define AP_CAFE  1    /* "cafe",  open */
#define AP_WEP   2    /* "wep",   wep, key "abcde" */
#define AP_BAD   3    /* "badap", wpa2, key "secret123", fail wrong-key */
#define AP_SLOW  4    /* "slow",  wpa2, key "secret123", fail assoc-timeout */
#define AP_GONE  5    /* "gone",  wpa2, key "secret123", fail absent */
#define WAIT_MS  2000 /* bound of every wait for an event */
#define QUIET_MS 150  /* how long "no event" is watched for */

struct wlan_env {
    struct slsim_test_device t;
    struct slsim_device *dev; /**< t.dev */
};

/** Formats an image, writes the configuration, opens the device and selects it (not started). */
void wlan_env_make(struct wlan_env *e);

/** Opens a new device object on the same image and configuration (a "new process"). */
void wlan_env_reopen(struct wlan_env *e);

/** Closes the device and removes the files. */
void wlan_env_free(struct wlan_env *e);

/** sl_WlanConnect with a NUL-terminated SSID and key (key NULL: open). */
_i16 wlan_connect(const char *ssid, _u8 sec, const char *key);

/* ---- recorder (wlan_rec.c: defines the WLAN, NetApp and general handlers) ---- */

enum rec_kind { REC_WLAN = 1, REC_NETAPP = 2 };

struct rec_event {
    enum rec_kind kind;
    SlWlanEvent_t wlan;
    SlNetAppEvent_t netapp;
    bool on_caller_thread; /* delivered on the thread that called rec_reset() (must be false) */
};

/** Forgets recorded events; the calling thread becomes "the test thread". */
void rec_reset(void);

/** Waits until at least @p count events were recorded (bounded by WAIT_MS). */
bool rec_wait(unsigned count);

/** Number of events recorded so far. */
unsigned rec_count(void);

/** The @p i-th recorded event (copy). */
struct rec_event rec_get(unsigned i);

/** A function the handlers call (outside the recorder lock) after recording; NULL: none. */
void rec_set_hook(void (*hook)(const struct rec_event *ev));

#endif /* SLSIM_TESTS_WLAN_TEST_UTIL_H */
