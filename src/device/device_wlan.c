/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file device_wlan.c
 * @brief A device's WLAN runtime: the station model driven by event-thread timers, and the
 *        profiles, policies and role the chip keeps in its serial flash (docs/wlan.md).
 */
#include "device/device_wlan.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "device/device.h"
#include "device/device_events.h"

#include "core/banned.h"

#define MODE_FILE_SIZE 8u
#define POLICY_TYPES   4u

struct slsim_device_wlan {
    pthread_mutex_t mu;            /* protects sta (timers run without the device lock) */
    struct slsim_wlan sta;         /* the station model */
    struct slsim_wlan_store store; /* device lock */
    uint8_t mode;                  /* persisted role (device lock) */
    uint8_t role;                  /* role of this run (device lock) */
};

int32_t slsim_device_wlan_new(struct slsim_device_wlan **out)
{
    *out = calloc(1, sizeof(**out));
    if (*out == NULL) {
        return SL_ERROR_BSD_ENOMEM;
    }
    if (pthread_mutex_init(&(*out)->mu, NULL) != 0) {
        free(*out);
        *out = NULL;
        return SL_ERROR_BSD_ENOMEM;
    }
    slsim_wlan_reset(&(*out)->sta);
    return 0;
}

void slsim_device_wlan_free(struct slsim_device_wlan *dw)
{
    if (dw != NULL) {
        (void)pthread_mutex_destroy(&dw->mu);
        free(dw);
    }
}

static uint32_t delay_of(struct slsim_device *dev, int which)
{
    struct slsim_wlan_timing t = slsim_device_config(dev)->wlan;
    if (!t.set) {
        slsim_wlan_timing_defaults(&t);
    }
    return which == 0 ? t.connect_ms : which == 1 ? t.dhcp_ms : t.autostart_ms;
}

/* ---- station: results become events; timers advance the model ---------------------------- */

static void step_dhcp(struct slsim_device *dev, uint32_t gen);

/* Posts what a request or step produced. Called with dw->mu held (lock order: station, queue). */
static void emit(struct slsim_device *dev, const struct slsim_wlan_out *o, uint32_t gen)
{
    struct slsim_events *q = slsim_device_events(dev);
    struct slsim_event ev;
    if (o->has_wlan) {
        memset(&ev, 0, sizeof(ev));
        ev.kind = SLSIM_EVENT_WLAN;
        ev.u.wlan = o->wlan;
        (void)slsim_events_post(q, &ev, 0);
    }
    if (o->has_netapp) {
        memset(&ev, 0, sizeof(ev));
        ev.kind = SLSIM_EVENT_NETAPP;
        ev.u.netapp = o->netapp;
        (void)slsim_events_post(q, &ev, 0);
    }
    if (o->next_dhcp) {
        (void)slsim_events_post_timer(q, step_dhcp, gen, delay_of(dev, 1));
    }
}

static void step_assoc(struct slsim_device *dev, uint32_t gen)
{
    struct slsim_device_wlan *dw = slsim_device_wlan(dev);
    struct slsim_wlan_out o;
    (void)pthread_mutex_lock(&dw->mu);
    slsim_wlan_step_assoc(&dw->sta, gen, &slsim_device_config(dev)->aps, &o);
    emit(dev, &o, gen);
    (void)pthread_mutex_unlock(&dw->mu);
}

static void step_dhcp(struct slsim_device *dev, uint32_t gen)
{
    struct slsim_device_wlan *dw = slsim_device_wlan(dev);
    struct slsim_wlan_out o;
    (void)pthread_mutex_lock(&dw->mu);
    slsim_wlan_step_dhcp(&dw->sta, gen, &o);
    emit(dev, &o, gen);
    (void)pthread_mutex_unlock(&dw->mu);
}

static int32_t request(struct slsim_device *dev,
                       const struct slsim_wlan_profile *p,
                       const uint8_t *bssid,
                       uint32_t delay_ms)
{
    struct slsim_device_wlan *dw = slsim_device_wlan(dev);
    struct slsim_wlan_out o;
    (void)pthread_mutex_lock(&dw->mu);
    int32_t ret =
        slsim_wlan_connect(&dw->sta, p->ssid, p->ssid_len, bssid, p->sec, p->key, p->key_len, &o);
    if (ret == 0) {
        emit(dev, &o, dw->sta.gen);
        (void)slsim_events_post_timer(slsim_device_events(dev), step_assoc, dw->sta.gen, delay_ms);
    }
    (void)pthread_mutex_unlock(&dw->mu);
    return ret;
}

int32_t slsim_device_wlan_connect(struct slsim_device *dev,
                                  const uint8_t *ssid,
                                  size_t ssid_len,
                                  const uint8_t *bssid,
                                  uint8_t sec,
                                  const uint8_t *key,
                                  size_t key_len)
{
    if (slsim_device_wlan(dev)->role != SLSIM_WLAN_ROLE_STA) {
        return SL_RET_CODE_INVALID_INPUT;
    }
    struct slsim_wlan_profile p;
    memset(&p, 0, sizeof(p));
    if (ssid_len == 0 || ssid_len > SLSIM_WLAN_SSID_MAX || key_len > SLSIM_WLAN_KEY_MAX ||
        ssid == NULL || (key_len > 0 && key == NULL)) {
        return SL_ERROR_INVALID_PARAM;
    }
    p.ssid_len = (uint8_t)ssid_len;
    memcpy(p.ssid, ssid, ssid_len);
    p.sec = sec;
    p.key_len = (uint8_t)key_len;
    if (key_len > 0) {
        memcpy(p.key, key, key_len);
    }
    return request(dev, &p, bssid, delay_of(dev, 0));
}

int32_t slsim_device_wlan_disconnect(struct slsim_device *dev)
{
    struct slsim_device_wlan *dw = slsim_device_wlan(dev);
    struct slsim_wlan_out o;
    (void)pthread_mutex_lock(&dw->mu);
    int32_t ret = slsim_wlan_disconnect(&dw->sta, &o);
    emit(dev, &o, dw->sta.gen);
    (void)pthread_mutex_unlock(&dw->mu);
    return ret;
}

int slsim_device_wlan_status(struct slsim_device *dev,
                             struct slsim_wlan_lease *lease,
                             uint8_t ssid[SLSIM_WLAN_SSID_MAX],
                             uint8_t *ssid_len,
                             uint8_t bssid[6])
{
    struct slsim_device_wlan *dw = slsim_device_wlan(dev);
    (void)pthread_mutex_lock(&dw->mu);
    int state = (int)dw->sta.state;
    if (lease != NULL) {
        *lease = dw->sta.lease;
    }
    if (ssid != NULL && ssid_len != NULL) {
        memcpy(ssid, dw->sta.ssid, SLSIM_WLAN_SSID_MAX);
        *ssid_len = dw->sta.ssid_len;
    }
    if (bssid != NULL) {
        memcpy(bssid, dw->sta.bssid, 6);
    }
    (void)pthread_mutex_unlock(&dw->mu);
    return state;
}

/* ---- persistence -------------------------------------------------------------------------- */

/* Same flags as the catalog's own records: written whole, fail-safe, not signed. */
#define STORE_FLAGS \
    (SLSIM_FS_CF_SECURE | SLSIM_FS_CF_PUBLIC_WRITE | SLSIM_FS_CF_FAILSAFE | SLSIM_FS_CF_NOSIGNATURE)

static int32_t write_sys(struct slsim_device *dev, const char *name, const uint8_t *d, size_t n)
{
    struct slsim_fs *fs = slsim_device_fs(dev);
    if (fs == NULL) {
        return SL_RET_CODE_DEV_NOT_STARTED;
    }
    return slsim_fs_write_file(fs, name, STORE_FLAGS, 0, d, n, NULL, SLSIM_FS_CALLER_TOOL);
}

static int32_t save_store(struct slsim_device *dev)
{
    uint8_t buf[SLSIM_WLAN_STORE_SIZE];
    slsim_wlan_store_encode(&slsim_device_wlan(dev)->store, buf);
    return write_sys(dev, SLSIM_WLAN_PROFILES_FILE, buf, sizeof(buf));
}

/* Reads the store and the role; a missing or damaged file reads as the factory default. */
static void load(struct slsim_device *dev)
{
    struct slsim_device_wlan *dw = slsim_device_wlan(dev);
    struct slsim_fs *fs = slsim_device_fs(dev);
    uint8_t *d = NULL;
    size_t n = 0;
    memset(&dw->store, 0, sizeof(dw->store));
    dw->store.conn_policy = SLSIM_WLAN_POLICY_AUTO;
    if (slsim_fs_read_file(fs, SLSIM_WLAN_PROFILES_FILE, 0, SLSIM_FS_CALLER_NWP, &d, &n) == 0 &&
        slsim_wlan_store_decode(d, n, &dw->store) != 0) {
        dw->store.conn_policy = SLSIM_WLAN_POLICY_AUTO;
    }
    free(d);
    d = NULL;
    dw->mode = SLSIM_WLAN_ROLE_STA;
    if (slsim_fs_read_file(fs, SLSIM_WLAN_MODE_FILE, 0, SLSIM_FS_CALLER_NWP, &d, &n) == 0 &&
        n == MODE_FILE_SIZE && memcmp(d, "SLWM", 4) == 0 && d[4] == 1 &&
        (d[5] == 0 || d[5] == 2 || d[5] == 3)) {
        dw->mode = d[5];
    }
    free(d);
}

int32_t slsim_device_wlan_start(struct slsim_device *dev)
{
    struct slsim_device_wlan *dw = slsim_device_wlan(dev);
    load(dev);
    dw->role = dw->mode;
    (void)pthread_mutex_lock(&dw->mu);
    slsim_wlan_reset(&dw->sta);
    (void)pthread_mutex_unlock(&dw->mu);
    if (slsim_events_start(slsim_device_events(dev)) != 0) {
        return SL_ERROR_BSD_ENOMEM;
    }
    int pick = slsim_wlan_profile_pick(&dw->store, &slsim_device_config(dev)->aps);
    if (dw->role == SLSIM_WLAN_ROLE_STA && (dw->store.conn_policy & SLSIM_WLAN_POLICY_AUTO) &&
        pick >= 0) {
        const struct slsim_wlan_profile *p = &dw->store.p[pick];
        (void)request(dev, p, p->bssid, delay_of(dev, 0) + delay_of(dev, 2));
    }
    return dw->role;
}

void slsim_device_wlan_stop(struct slsim_device *dev)
{
    struct slsim_device_wlan *dw = slsim_device_wlan(dev);
    slsim_events_stop(slsim_device_events(dev), 0);
    (void)pthread_mutex_lock(&dw->mu);
    slsim_wlan_reset(&dw->sta);
    (void)pthread_mutex_unlock(&dw->mu);
}

int32_t slsim_device_wlan_profile_add(struct slsim_device *dev, const struct slsim_wlan_profile *p)
{
    struct slsim_device_wlan *dw = slsim_device_wlan(dev);
    struct slsim_wlan_store before = dw->store;
    int32_t idx = slsim_wlan_profile_add(&dw->store, p);
    if (idx >= 0) {
        int32_t ret = save_store(dev);
        if (ret != 0) {
            dw->store = before;
            return ret;
        }
    }
    return idx;
}

int32_t
slsim_device_wlan_profile_get(struct slsim_device *dev, int index, struct slsim_wlan_profile *p)
{
    struct slsim_device_wlan *dw = slsim_device_wlan(dev);
    if (index < 0 || index >= SLSIM_WLAN_PROFILES_MAX || !dw->store.p[index].used) {
        return SL_ERROR_INVALID_PARAM;
    }
    *p = dw->store.p[index];
    return 0;
}

int32_t slsim_device_wlan_profile_del(struct slsim_device *dev, int index)
{
    struct slsim_device_wlan *dw = slsim_device_wlan(dev);
    struct slsim_wlan_store before = dw->store;
    if (index == SLSIM_WLAN_DEL_ALL) {
        memset(dw->store.p, 0, sizeof(dw->store.p));
    } else if (index >= 0 && index < SLSIM_WLAN_PROFILES_MAX) {
        memset(&dw->store.p[index], 0, sizeof(dw->store.p[index])); /* unused: still 0 */
    } else {
        return SL_ERROR_INVALID_PARAM;
    }
    int32_t ret = save_store(dev);
    if (ret != 0) {
        dw->store = before;
    }
    return ret;
}

static uint8_t *policy_slot(struct slsim_wlan_store *st, uint8_t type)
{
    switch (type) {
    case 0x10:
        return &st->conn_policy;
    case 0x20:
        return &st->scan_policy;
    case 0x30:
        return &st->pm_policy;
    case 0x40:
        return &st->p2p_policy;
    default:
        return NULL;
    }
}

int32_t slsim_device_wlan_policy_set(struct slsim_device *dev, uint8_t type, uint8_t policy)
{
    struct slsim_device_wlan *dw = slsim_device_wlan(dev);
    uint8_t *slot = policy_slot(&dw->store, type);
    if (slot == NULL) {
        return SL_ERROR_INVALID_PARAM;
    }
    uint8_t old = *slot;
    *slot = policy;
    int32_t ret = save_store(dev);
    if (ret != 0) {
        *slot = old;
    }
    return ret;
}

int32_t slsim_device_wlan_policy_get(struct slsim_device *dev, uint8_t type, uint8_t *policy)
{
    uint8_t *slot = policy_slot(&slsim_device_wlan(dev)->store, type);
    if (slot == NULL) {
        return SL_ERROR_INVALID_PARAM;
    }
    *policy = *slot;
    return 0;
}

int32_t slsim_device_wlan_set_mode(struct slsim_device *dev, uint8_t mode)
{
    if (mode != 0 && mode != 2 && mode != 3) {
        return SL_ERROR_INVALID_PARAM; /* ROLE_STA, ROLE_AP, ROLE_P2P */
    }
    uint8_t buf[MODE_FILE_SIZE] = { 'S', 'L', 'W', 'M', 1, mode, 0, 0 };
    int32_t ret = write_sys(dev, SLSIM_WLAN_MODE_FILE, buf, sizeof(buf));
    if (ret == 0) {
        slsim_device_wlan(dev)->mode = mode;
    }
    return ret;
}

uint8_t slsim_device_wlan_role(struct slsim_device *dev)
{
    return slsim_device_wlan(dev)->role;
}

void slsim_device_mac(struct slsim_device *dev, uint8_t mac[6])
{
    uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a 64 of the image path */
    for (const char *p = slsim_device_config(dev)->image; *p != '\0'; p++) {
        h = (h ^ (uint8_t)*p) * 0x100000001b3ull;
    }
    for (int i = 0; i < 6; i++) {
        mac[i] = (uint8_t)(h >> (8 * i));
    }
    mac[0] = (uint8_t)((mac[0] & 0xFCu) | 0x02u); /* locally administered, unicast */
}
