/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file net_wlan.c
 * @brief The simulated WLAN: configured access points, the station's connect state machine,
 *        stored profiles and their codec (docs/wlan.md). Pure: no I/O, no threads, no clock.
 */
#include "net/net_wlan.h"

#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/core.h"

#include "core/banned.h"

#define STORE_MAGIC   "SLWP"
#define STORE_VERSION 1u
#define HDR_SIZE      16u
#define REC_SIZE      112u

_Static_assert(SLSIM_WLAN_STORE_SIZE == HDR_SIZE + SLSIM_WLAN_PROFILES_MAX * REC_SIZE, "layout");

/* Address plan (docs/wlan.md): 192.168.1.0/24, gateway and DNS .1, station .100 + AP index. */
#define NET_BASE 0xC0A80100u
#define NET_MASK 0xFFFFFF00u
#define HOST_GW  1u
#define HOST_STA 100u

void slsim_wlan_timing_defaults(struct slsim_wlan_timing *t)
{
    t->set = true;
    t->connect_ms = 20;
    t->dhcp_ms = 20;
    t->autostart_ms = 0;
}

static const struct name_value {
    const char *name;
    uint8_t value;
} sec_names[] = {
    { "open", SLSIM_WLAN_SEC_OPEN },
    { "wep", SLSIM_WLAN_SEC_WEP },
    { "wpa2", SLSIM_WLAN_SEC_WPA2 },
    { "wpa3", SLSIM_WLAN_SEC_WPA3 },
}, fail_names[] = {
    { "wrong-key", SLSIM_WLAN_FAIL_WRONG_KEY },
    { "absent", SLSIM_WLAN_FAIL_ABSENT },
    { "assoc-timeout", SLSIM_WLAN_FAIL_ASSOC_TIMEOUT },
};

static bool lookup(const struct name_value *t, size_t n, const char *name, uint8_t *out)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(t[i].name, name) == 0) {
            *out = t[i].value;
            return true;
        }
    }
    return false;
}

bool slsim_wlan_sec_parse(const char *name, uint8_t *sec)
{
    return lookup(sec_names, sizeof(sec_names) / sizeof(sec_names[0]), name, sec);
}

bool slsim_wlan_fail_parse(const char *name, uint8_t *fail)
{
    return lookup(fail_names, sizeof(fail_names) / sizeof(fail_names[0]), name, fail);
}

void slsim_wlan_ap_bssid(unsigned index, uint8_t bssid[6])
{
    static const uint8_t prefix[5] = { 0x02, 0x53, 0x4C, 0x41, 0x50 }; /* local, "SLAP" */
    memcpy(bssid, prefix, sizeof(prefix));
    bssid[5] = (uint8_t)(index + 1);
}

/* ---- profile store ------------------------------------------------------------------------ */

static uint32_t store_crc(const uint8_t *b)
{
    uint32_t crc = slsim_crc32(0, b, 12);
    return slsim_crc32(crc, b + HDR_SIZE, SLSIM_WLAN_STORE_SIZE - HDR_SIZE);
}

void slsim_wlan_store_encode(const struct slsim_wlan_store *st, uint8_t *out)
{
    memset(out, 0, SLSIM_WLAN_STORE_SIZE);
    memcpy(out, STORE_MAGIC, 4);
    out[4] = STORE_VERSION;
    out[5] = st->conn_policy;
    out[6] = st->scan_policy;
    out[7] = st->pm_policy;
    out[8] = st->p2p_policy;
    for (unsigned i = 0; i < SLSIM_WLAN_PROFILES_MAX; i++) {
        const struct slsim_wlan_profile *p = &st->p[i];
        uint8_t *r = out + HDR_SIZE + i * REC_SIZE;
        if (!p->used) {
            continue;
        }
        r[0] = 1;
        r[1] = p->priority;
        r[2] = p->sec;
        r[3] = p->ssid_len;
        memcpy(r + 4, p->ssid, sizeof(p->ssid));
        memcpy(r + 36, p->bssid, sizeof(p->bssid));
        r[42] = p->key_len;
        memcpy(r + 44, p->key, sizeof(p->key));
    }
    slsim_put_le32(out + 12, store_crc(out));
}

static bool decode_record(const uint8_t *r, struct slsim_wlan_profile *p)
{
    memset(p, 0, sizeof(*p));
    if (r[0] == 0) {
        return true;
    }
    if (r[0] != 1 || r[1] > SLSIM_WLAN_PRIORITY_MAX || r[3] == 0 || r[3] > SLSIM_WLAN_SSID_MAX ||
        r[42] > SLSIM_WLAN_KEY_MAX) {
        return false;
    }
    p->used = true;
    p->priority = r[1];
    p->sec = r[2];
    p->ssid_len = r[3];
    memcpy(p->ssid, r + 4, sizeof(p->ssid));
    memcpy(p->bssid, r + 36, sizeof(p->bssid));
    p->key_len = r[42];
    memcpy(p->key, r + 44, sizeof(p->key));
    return true;
}

int32_t slsim_wlan_store_decode(const uint8_t *in, size_t len, struct slsim_wlan_store *st)
{
    memset(st, 0, sizeof(*st));
    if (len != SLSIM_WLAN_STORE_SIZE || memcmp(in, STORE_MAGIC, 4) != 0 || in[4] != STORE_VERSION ||
        slsim_le32(in + 12) != store_crc(in)) {
        return SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
    }
    st->conn_policy = in[5];
    st->scan_policy = in[6];
    st->pm_policy = in[7];
    st->p2p_policy = in[8];
    for (unsigned i = 0; i < SLSIM_WLAN_PROFILES_MAX; i++) {
        if (!decode_record(in + HDR_SIZE + i * REC_SIZE, &st->p[i])) {
            memset(st, 0, sizeof(*st));
            return SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
        }
    }
    return 0;
}

static bool same_network(const struct slsim_wlan_profile *a, const struct slsim_wlan_profile *b)
{
    return a->ssid_len == b->ssid_len && memcmp(a->ssid, b->ssid, a->ssid_len) == 0 &&
           memcmp(a->bssid, b->bssid, sizeof(a->bssid)) == 0 && a->sec == b->sec;
}

int32_t slsim_wlan_profile_add(struct slsim_wlan_store *st, const struct slsim_wlan_profile *p)
{
    if (p->ssid_len == 0 || p->ssid_len > SLSIM_WLAN_SSID_MAX || p->key_len > SLSIM_WLAN_KEY_MAX ||
        p->priority > SLSIM_WLAN_PRIORITY_MAX) {
        return SL_ERROR_INVALID_PARAM;
    }
    int slot = -1;
    for (int i = 0; i < SLSIM_WLAN_PROFILES_MAX && slot < 0; i++) {
        if (st->p[i].used && same_network(&st->p[i], p)) {
            slot = i; /* re-adding replaces at the same index (reference §7.4) */
        }
    }
    for (int i = 0; i < SLSIM_WLAN_PROFILES_MAX && slot < 0; i++) {
        if (!st->p[i].used) {
            slot = i;
        }
    }
    if (slot < 0) {
        return SL_ERROR_FS_NO_AVAILABLE_NV_INDEX;
    }
    st->p[slot] = *p;
    st->p[slot].used = true;
    return slot;
}

/* The configured AP named by @p ssid (and @p bssid unless all zero), present or not; -1. */
static int find_ap(const struct slsim_wlan_aps *aps,
                   const uint8_t *ssid,
                   size_t ssid_len,
                   const uint8_t *bssid)
{
    static const uint8_t any[6] = { 0 };
    for (unsigned i = 0; i < aps->n; i++) {
        const struct slsim_wlan_ap *ap = &aps->ap[i];
        uint8_t b[6];
        slsim_wlan_ap_bssid(i, b);
        if (ap->ssid_len == ssid_len && memcmp(ap->ssid, ssid, ssid_len) == 0 &&
            (memcmp(bssid, any, 6) == 0 || memcmp(bssid, b, 6) == 0)) {
            return (int)i;
        }
    }
    return -1;
}

int slsim_wlan_profile_pick(const struct slsim_wlan_store *st, const struct slsim_wlan_aps *aps)
{
    int best = -1;
    for (int i = 0; i < SLSIM_WLAN_PROFILES_MAX; i++) {
        const struct slsim_wlan_profile *p = &st->p[i];
        if (!p->used) {
            continue;
        }
        int ap = find_ap(aps, p->ssid, p->ssid_len, p->bssid);
        if (ap < 0 || aps->ap[ap].fail == SLSIM_WLAN_FAIL_ABSENT) {
            continue;
        }
        if (best < 0 || p->priority > st->p[best].priority) {
            best = i; /* ties: the lowest index */
        }
    }
    return best;
}

/* ---- connect state machine ---------------------------------------------------------------- */

void slsim_wlan_reset(struct slsim_wlan *w)
{
    uint32_t gen = w->gen + 1;
    memset(w, 0, sizeof(*w));
    w->gen = gen;
    w->ap = -1;
}

static void disconnect_event(const struct slsim_wlan *w, uint8_t reason, struct slsim_wlan_out *o)
{
    o->has_wlan = true;
    memset(&o->wlan, 0, sizeof(o->wlan));
    o->wlan.id = SLSIM_WLAN_EV_DISCONNECT;
    o->wlan.ssid_len = w->ssid_len;
    memcpy(o->wlan.ssid, w->ssid, sizeof(w->ssid));
    memcpy(o->wlan.bssid, w->bssid, sizeof(w->bssid));
    o->wlan.reason = reason;
}

int32_t slsim_wlan_disconnect(struct slsim_wlan *w, struct slsim_wlan_out *out)
{
    memset(out, 0, sizeof(*out));
    if (w->state == SLSIM_WLAN_IDLE) {
        return 1; /* "non-zero = already disconnected" (reference §7.4) */
    }
    uint8_t reason =
        w->state == SLSIM_WLAN_CONNECTING ? SLSIM_WLAN_R_WHILE_CONNECT : SLSIM_WLAN_R_USER;
    disconnect_event(w, reason, out);
    slsim_wlan_reset(w);
    return 0;
}

int32_t slsim_wlan_connect(struct slsim_wlan *w,
                           const uint8_t *ssid,
                           size_t ssid_len,
                           const uint8_t *bssid,
                           uint8_t sec,
                           const uint8_t *key,
                           size_t key_len,
                           struct slsim_wlan_out *out)
{
    memset(out, 0, sizeof(*out));
    if (ssid == NULL || ssid_len == 0 || ssid_len > SLSIM_WLAN_SSID_MAX ||
        key_len > SLSIM_WLAN_KEY_MAX || (key_len > 0 && key == NULL)) {
        return SL_ERROR_INVALID_PARAM;
    }
    (void)slsim_wlan_disconnect(w, out); /* a new request abandons the previous one */
    slsim_wlan_reset(w);
    w->state = SLSIM_WLAN_CONNECTING;
    w->ssid_len = (uint8_t)ssid_len;
    memcpy(w->ssid, ssid, ssid_len);
    if (bssid != NULL) {
        memcpy(w->bssid, bssid, sizeof(w->bssid));
    }
    w->sec = sec;
    w->key_len = (uint8_t)key_len;
    if (key_len > 0) {
        memcpy(w->key, key, key_len);
    }
    return 0;
}

/* Does the requested security type fit the AP's? WPA2_PLUS accepts WPA2 and WPA3 APs. */
static bool sec_fits(uint8_t ap_sec, uint8_t req)
{
    switch (ap_sec) {
    case SLSIM_WLAN_SEC_OPEN:
        return req == SLSIM_WLAN_SEC_OPEN;
    case SLSIM_WLAN_SEC_WEP:
        return req == SLSIM_WLAN_SEC_WEP || req == 10u /* SL_WLAN_SEC_TYPE_WEP_SHARED */;
    case SLSIM_WLAN_SEC_WPA2:
        return req == SLSIM_WLAN_SEC_WPA2 || req == SLSIM_WLAN_SEC_WPA2_PLUS;
    default:
        return req == SLSIM_WLAN_SEC_WPA3 || req == SLSIM_WLAN_SEC_WPA2_PLUS;
    }
}

/* The reason an association with @p ap fails, or 0 when it succeeds (docs/wlan.md). */
static uint8_t assoc_reason(const struct slsim_wlan *w, const struct slsim_wlan_ap *ap)
{
    if (ap->fail == SLSIM_WLAN_FAIL_ASSOC_TIMEOUT) {
        return SLSIM_WLAN_R_ASSOC_TIMEOUT;
    }
    if (!sec_fits(ap->sec, w->sec)) {
        return SLSIM_WLAN_R_SECURITY;
    }
    bool key_ok = ap->sec == SLSIM_WLAN_SEC_OPEN ||
                  (w->key_len == ap->key_len && memcmp(w->key, ap->key, ap->key_len) == 0);
    if (ap->fail == SLSIM_WLAN_FAIL_WRONG_KEY || !key_ok) {
        /* WPA: the 4-way handshake never completes; WEP/open: refused as a security failure. */
        bool wpa = ap->sec == SLSIM_WLAN_SEC_WPA2 || ap->sec == SLSIM_WLAN_SEC_WPA3;
        return wpa ? SLSIM_WLAN_R_FOURWAY_TIMEOUT : SLSIM_WLAN_R_SECURITY;
    }
    return 0;
}

void slsim_wlan_step_assoc(struct slsim_wlan *w,
                           uint32_t gen,
                           const struct slsim_wlan_aps *aps,
                           struct slsim_wlan_out *out)
{
    memset(out, 0, sizeof(*out));
    if (gen != w->gen || w->state != SLSIM_WLAN_CONNECTING) {
        return; /* abandoned by a later request */
    }
    int i = find_ap(aps, w->ssid, w->ssid_len, w->bssid);
    if (i < 0 || aps->ap[i].fail == SLSIM_WLAN_FAIL_ABSENT) {
        return; /* not found: the station keeps scanning, no event (docs/wlan.md) */
    }
    slsim_wlan_ap_bssid((unsigned)i, w->bssid);
    uint8_t reason = assoc_reason(w, &aps->ap[i]);
    if (reason != 0) {
        disconnect_event(w, reason, out);
        slsim_wlan_reset(w);
        return;
    }
    w->state = SLSIM_WLAN_ASSOCIATED;
    w->ap = i;
    out->has_wlan = true;
    out->wlan.id = SLSIM_WLAN_EV_CONNECT;
    out->wlan.ssid_len = w->ssid_len;
    memcpy(out->wlan.ssid, w->ssid, sizeof(w->ssid));
    memcpy(out->wlan.bssid, w->bssid, sizeof(w->bssid));
    out->next_dhcp = true;
}

void slsim_wlan_step_dhcp(struct slsim_wlan *w, uint32_t gen, struct slsim_wlan_out *out)
{
    memset(out, 0, sizeof(*out));
    if (gen != w->gen || w->state != SLSIM_WLAN_ASSOCIATED || w->ap < 0) {
        return;
    }
    w->state = SLSIM_WLAN_IP_ACQUIRED;
    w->lease.ip = NET_BASE | (HOST_STA + (uint32_t)w->ap);
    w->lease.mask = NET_MASK;
    w->lease.gateway = NET_BASE | HOST_GW;
    w->lease.dns = NET_BASE | HOST_GW;
    out->has_netapp = true;
    out->netapp.id = SLSIM_NETAPP_EV_IPV4_ACQ;
    out->netapp.ip = w->lease.ip;
    out->netapp.gateway = w->lease.gateway;
    out->netapp.dns = w->lease.dns;
}
