/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file net_wlan.h
 * @brief The simulated WLAN (docs/wlan.md): the configured access points, the station's
 *        connect state machine, stored profiles and their on-image codec.
 *
 * Everything here is pure: no threads, no clock, no I/O. The device (device_wlan.c) owns a
 * struct slsim_wlan, serialises access to it with its own lock, runs the state machine's steps
 * on the event thread and persists the profile store in the image. Event payloads are TI-shaped
 * plain structs; the facade converts them to SlWlanEvent_t / SlNetAppEvent_t. Values (event ids,
 * reasons, security types, roles) are TI's numbers (wlan.h), pinned by the facade.
 */
#ifndef SLSIM_NET_NET_WLAN_H
#define SLSIM_NET_NET_WLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SLSIM_WLAN_APS_MAX      16 /**< access points in a device configuration */
#define SLSIM_WLAN_PROFILES_MAX 7  /**< SL_WLAN_MAX_PROFILES */
#define SLSIM_WLAN_SSID_MAX     32 /**< SL_WLAN_SSID_MAX_LENGTH */
#define SLSIM_WLAN_KEY_MAX      64 /**< WPA passphrase 8..63 chars or 64 hex digits */
#define SLSIM_WLAN_PRIORITY_MAX 15 /**< profile priority 0 (lowest) .. 15 */
#define SLSIM_WLAN_STORE_SIZE   (16 + SLSIM_WLAN_PROFILES_MAX * 112) /**< encoded store bytes */

/* TI values (wlan.h, netapp.h), repeated because the core does not see TI headers. */
#define SLSIM_WLAN_EV_CONNECT        1u    /**< SL_WLAN_EVENT_CONNECT */
#define SLSIM_WLAN_EV_DISCONNECT     2u    /**< SL_WLAN_EVENT_DISCONNECT */
#define SLSIM_NETAPP_EV_IPV4_ACQ     1u    /**< SL_NETAPP_EVENT_IPV4_ACQUIRED */
#define SLSIM_WLAN_R_FOURWAY_TIMEOUT 15u   /**< SL_WLAN_DISCONNECT_FOURWAY_HANDSHAKE_TIMEOUT */
#define SLSIM_WLAN_R_USER            200u  /**< SL_WLAN_DISCONNECT_USER_INITIATED */
#define SLSIM_WLAN_R_ASSOC_TIMEOUT   203u  /**< SL_WLAN_DISCONNECT_ASSOC_TIMEOUT */
#define SLSIM_WLAN_R_SECURITY        204u  /**< SL_WLAN_DISCONNECT_SECURITY_FAILURE */
#define SLSIM_WLAN_R_WHILE_CONNECT   208u  /**< SL_WLAN_DISCONNECT_WHILE_CONNNECTING */
#define SLSIM_WLAN_SEC_OPEN          0u    /**< SL_WLAN_SEC_TYPE_OPEN */
#define SLSIM_WLAN_SEC_WEP           1u    /**< SL_WLAN_SEC_TYPE_WEP */
#define SLSIM_WLAN_SEC_WPA2          2u    /**< SL_WLAN_SEC_TYPE_WPA_WPA2 */
#define SLSIM_WLAN_SEC_WPA2_PLUS     11u   /**< SL_WLAN_SEC_TYPE_WPA2_PLUS */
#define SLSIM_WLAN_SEC_WPA3          12u   /**< SL_WLAN_SEC_TYPE_WPA3 */
#define SLSIM_WLAN_ROLE_STA          0u    /**< ROLE_STA */
#define SLSIM_WLAN_POLICY_AUTO       0x01u /**< SL_WLAN_CONNECTION_POLICY(1,0,0,0) */

/** Failure an access point is configured to produce ("fail" in docs/device-config.md). */
enum slsim_wlan_fail {
    SLSIM_WLAN_FAIL_NONE = 0,
    SLSIM_WLAN_FAIL_WRONG_KEY,     /**< every key is refused */
    SLSIM_WLAN_FAIL_ABSENT,        /**< configured but out of range: never found */
    SLSIM_WLAN_FAIL_ASSOC_TIMEOUT, /**< found, association times out */
};

/** One simulated access point (configuration "aps"). */
struct slsim_wlan_ap {
    uint8_t ssid[SLSIM_WLAN_SSID_MAX];
    uint8_t ssid_len;
    uint8_t sec; /**< SLSIM_WLAN_SEC_OPEN / _WEP / _WPA2 / _WPA3 */
    uint8_t key[SLSIM_WLAN_KEY_MAX];
    uint8_t key_len;
    uint8_t fail; /**< enum slsim_wlan_fail */
};

struct slsim_wlan_aps {
    struct slsim_wlan_ap ap[SLSIM_WLAN_APS_MAX];
    unsigned n;
};

/** Timing of the model (configuration "wlan"); all in milliseconds. */
struct slsim_wlan_timing {
    bool set;              /**< false: the defaults below */
    uint32_t connect_ms;   /**< request -> CONNECT / DISCONNECT (default 20) */
    uint32_t dhcp_ms;      /**< CONNECT -> IPV4_ACQUIRED (default 20) */
    uint32_t autostart_ms; /**< sl_Start -> auto-connect request (default 0) */
};

/** The defaults of struct slsim_wlan_timing. */
void slsim_wlan_timing_defaults(struct slsim_wlan_timing *t);

/** Parses a security name ("open", "wep", "wpa2", "wpa3"); false if unknown. */
bool slsim_wlan_sec_parse(const char *name, uint8_t *sec);

/** Parses a failure name ("wrong-key", "absent", "assoc-timeout"); false if unknown. */
bool slsim_wlan_fail_parse(const char *name, uint8_t *fail);

/* ---- stored profiles ---------------------------------------------------------------------- */

struct slsim_wlan_profile {
    bool used;
    uint8_t ssid_len;
    uint8_t ssid[SLSIM_WLAN_SSID_MAX];
    uint8_t bssid[6]; /**< all zero = any */
    uint8_t sec;
    uint8_t key_len;
    uint8_t key[SLSIM_WLAN_KEY_MAX];
    uint8_t priority; /**< 0 .. 15 */
};

/** What the chip keeps in its serial flash for the WLAN: profiles, policies, role. */
struct slsim_wlan_store {
    uint8_t conn_policy; /**< SL_WLAN_POLICY_CONNECTION value */
    uint8_t scan_policy; /**< SL_WLAN_POLICY_SCAN value */
    uint8_t pm_policy;   /**< SL_WLAN_POLICY_PM value */
    uint8_t p2p_policy;  /**< SL_WLAN_POLICY_P2P value */
    struct slsim_wlan_profile p[SLSIM_WLAN_PROFILES_MAX];
};

/** Encodes @p st into exactly SLSIM_WLAN_STORE_SIZE bytes at @p out (docs/wlan.md). */
void slsim_wlan_store_encode(const struct slsim_wlan_store *st, uint8_t *out);

/**
 * Decodes a stored profile file.
 * @retval 0 success
 * @retval SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED wrong size, magic, version, CRC or field range
 */
int32_t slsim_wlan_store_decode(const uint8_t *in, size_t len, struct slsim_wlan_store *st);

/**
 * sl_WlanProfileAdd: an identical SSID+BSSID+security replaces its slot, else the first free
 * one. Returns the index (>= 0), or:
 * @retval SL_ERROR_INVALID_PARAM SSID length 0 or > 32, key too long, priority > 15
 * @retval SL_ERROR_FS_NO_AVAILABLE_NV_INDEX all 7 slots are used (docs/wlan.md)
 */
int32_t slsim_wlan_profile_add(struct slsim_wlan_store *st, const struct slsim_wlan_profile *p);

/** The profile index chosen by auto-connect (highest priority whose AP is present), or -1. */
int slsim_wlan_profile_pick(const struct slsim_wlan_store *st, const struct slsim_wlan_aps *aps);

/* ---- connect state machine ---------------------------------------------------------------- */

enum slsim_wlan_state {
    SLSIM_WLAN_IDLE = 0,
    SLSIM_WLAN_CONNECTING,  /**< request accepted, association pending (or AP not found) */
    SLSIM_WLAN_ASSOCIATED,  /**< CONNECT delivered, DHCP pending */
    SLSIM_WLAN_IP_ACQUIRED, /**< IPV4_ACQUIRED delivered */
};

/** A WLAN event payload (SlWlanEventConnect_t / SlWlanEventDisconnect_t fields). */
struct slsim_wlan_event {
    uint32_t id; /**< SLSIM_WLAN_EV_CONNECT / _DISCONNECT */
    uint8_t ssid_len;
    uint8_t ssid[SLSIM_WLAN_SSID_MAX];
    uint8_t bssid[6];
    uint8_t reason; /**< DISCONNECT only */
};

/** A NetApp event payload (SlIpV4AcquiredAsync_t), addresses in host byte order. */
struct slsim_netapp_event {
    uint32_t id; /**< SLSIM_NETAPP_EV_IPV4_ACQ */
    uint32_t ip;
    uint32_t gateway;
    uint32_t dns;
};

/** The current IPv4 lease (zeros when none), host byte order. */
struct slsim_wlan_lease {
    uint32_t ip;
    uint32_t mask;
    uint32_t gateway;
    uint32_t dns;
};

/** The station: state, the attempt's generation, the target, the lease. */
struct slsim_wlan {
    enum slsim_wlan_state state;
    uint32_t gen; /**< bumped by every request; stale steps are ignored */
    uint8_t ssid_len;
    uint8_t ssid[SLSIM_WLAN_SSID_MAX];
    uint8_t bssid[6]; /**< requested BSSID (zero = any), then the AP's */
    uint8_t sec;
    uint8_t key_len;
    uint8_t key[SLSIM_WLAN_KEY_MAX];
    int ap; /**< index into the configured APs once associated, else -1 */
    struct slsim_wlan_lease lease;
};

/** What a step or request asks the device to do. */
struct slsim_wlan_out {
    bool has_wlan;
    struct slsim_wlan_event wlan;
    bool has_netapp;
    struct slsim_netapp_event netapp;
    bool next_dhcp; /**< schedule slsim_wlan_step_dhcp() after the DHCP delay */
};

/** Resets @p w to IDLE (keeps the generation counter moving). */
void slsim_wlan_reset(struct slsim_wlan *w);

/**
 * sl_WlanConnect: records the request and bumps the generation. If an attempt or connection
 * was in progress, @p out holds its DISCONNECT (USER_INITIATED / WHILE_CONNNECTING).
 * @retval 0 accepted: schedule slsim_wlan_step_assoc(gen) after the connect delay
 * @retval SL_ERROR_INVALID_PARAM SSID length 0 or > 32, key longer than 64
 */
int32_t slsim_wlan_connect(struct slsim_wlan *w,
                           const uint8_t *ssid,
                           size_t ssid_len,
                           const uint8_t *bssid,
                           uint8_t sec,
                           const uint8_t *key,
                           size_t key_len,
                           struct slsim_wlan_out *out);

/** sl_WlanDisconnect: 0 and a DISCONNECT in @p out, or 1 when already disconnected. */
int32_t slsim_wlan_disconnect(struct slsim_wlan *w, struct slsim_wlan_out *out);

/** The association step of attempt @p gen against the configured APs (see docs/wlan.md). */
void slsim_wlan_step_assoc(struct slsim_wlan *w,
                           uint32_t gen,
                           const struct slsim_wlan_aps *aps,
                           struct slsim_wlan_out *out);

/** The DHCP step of attempt @p gen: the lease and IPV4_ACQUIRED. */
void slsim_wlan_step_dhcp(struct slsim_wlan *w, uint32_t gen, struct slsim_wlan_out *out);

/** The made-up BSSID of configured AP @p index: 02:53:4C:41:50:<index + 1> ("SLAP"). */
void slsim_wlan_ap_bssid(unsigned index, uint8_t bssid[6]);

#endif /* SLSIM_NET_NET_WLAN_H */
