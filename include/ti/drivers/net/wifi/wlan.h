/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file wlan.h
 * @brief SimpleLink WLAN API: roles, security types, connect and profile functions, policies,
 *        and WLAN events. Restated for slsim from public facts about TI's host driver
 *        3.0.1.61; this is not TI's file.
 *
 * Only the subset documented in slsim's reference is declared; see docs/compat-deviations.md
 * for what is left out.
 */
/* clang-format off */
#include <ti/drivers/net/wifi/simplelink.h>

#ifndef __WLAN_H__
#define __WLAN_H__

/* ------------------------------------------------------------------------------------------ */
/* Constants                                                                                  */
/* ------------------------------------------------------------------------------------------ */

#define SL_WLAN_SSID_MAX_LENGTH                 (32)
#define SL_WLAN_BSSID_LENGTH                    (6)
#define SL_WLAN_MAX_PROFILES                    (7)
#define SL_WLAN_DEL_ALL_PROFILES                (255)

/* Roles (sl_Start return value, sl_WlanSetMode argument) */
typedef enum {
    ROLE_STA = 0,
    ROLE_RESERVED = 1,
    ROLE_AP = 2,
    ROLE_P2P = 3,
    ROLE_TAG = 4
} SlWlanMode_e;

/* Security types (SlWlanSecParams_t.Type) */
#define SL_WLAN_SEC_TYPE_OPEN                   (0)
#define SL_WLAN_SEC_TYPE_WEP                    (1)
#define SL_WLAN_SEC_TYPE_WPA                    (2)     /* deprecated, same as WPA_WPA2 */
#define SL_WLAN_SEC_TYPE_WPA_WPA2               (2)
#define SL_WLAN_SEC_TYPE_WPS_PBC                (3)
#define SL_WLAN_SEC_TYPE_WPS_PIN                (4)
#define SL_WLAN_SEC_TYPE_WPA_ENT                (5)
#define SL_WLAN_SEC_TYPE_P2P_PBC                (6)
#define SL_WLAN_SEC_TYPE_P2P_PIN_KEYPAD         (7)
#define SL_WLAN_SEC_TYPE_P2P_PIN_DISPLAY        (8)
#define SL_WLAN_SEC_TYPE_P2P_PIN_AUTO           (9)
#define SL_WLAN_SEC_TYPE_WEP_SHARED             (10)
#define SL_WLAN_SEC_TYPE_WPA2_PLUS              (11)    /* WPA2, WPA2 + PMF, WPA3 */
#define SL_WLAN_SEC_TYPE_WPA3                   (12)
#define SL_WLAN_SEC_TYPE_WPA_PMK                (15)

/* Disconnect reason codes (SlWlanEventDisconnect_t.ReasonCode): 802.11 reasons first,
   then TI's own (200 and up) */
#define SL_WLAN_DISCONNECT_UNSPECIFIED                      (1)
#define SL_WLAN_DISCONNECT_AUTH_NO_LONGER_VALID             (2)
#define SL_WLAN_DISCONNECT_DEAUTH_SENDING_STA_LEAVING       (3)
#define SL_WLAN_DISCONNECT_INACTIVITY                       (4)
#define SL_WLAN_DISCONNECT_MIC_FAILURE                      (14)
#define SL_WLAN_DISCONNECT_FOURWAY_HANDSHAKE_TIMEOUT        (15)
#define SL_WLAN_DISCONNECT_IEEE_802_1X_AUTHENTICATION_FAILED (23)
#define SL_WLAN_DISCONNECT_USER_INITIATED                   (200)
#define SL_WLAN_DISCONNECT_AUTH_TIMEOUT                     (202)
#define SL_WLAN_DISCONNECT_ASSOC_TIMEOUT                    (203)
#define SL_WLAN_DISCONNECT_SECURITY_FAILURE                 (204)
#define SL_WLAN_DISCONNECT_WHILE_CONNNECTING                (208)
#define SL_WLAN_DISCONNECT_MISSING_CERT                     (209)
#define SL_WLAN_DISCONNECT_CERTIFICATE_EXPIRED              (210)

/* WLAN status values */
#define SL_WLAN_STATUS_DISCONNECTED             (0)
#define SL_WLAN_STATUS_SCANING                  (1)
#define SL_WLAN_STATUS_CONNECTING               (2)
#define SL_WLAN_STATUS_CONNECTED                (3)

/* Policy types of sl_WlanPolicySet / sl_WlanPolicyGet */
#define SL_WLAN_POLICY_CONNECTION               (0x10)
#define SL_WLAN_POLICY_SCAN                     (0x20)
#define SL_WLAN_POLICY_PM                       (0x30)
#define SL_WLAN_POLICY_P2P                      (0x40)

/* Connection policy: bit 0 auto, bit 1 fast, bit 3 any P2P, bit 5 auto provisioning */
#define SL_WLAN_CONNECTION_POLICY(Auto, Fast, anyP2P, autoProvisioning) \
    (((Auto) << 0) | ((Fast) << 1) | ((anyP2P) << 3) | ((autoProvisioning) << 5))

/* Scan policy: bit 0 enable, bit 1 hidden SSIDs */
#define SL_WLAN_SCAN_POLICY(Enable, Hidden) \
    (((Enable) << 0) | ((Hidden) << 1))

/* sl_WlanGet id: connection information */
#define SL_WLAN_CONNECTION_INFO                 (5)

/* Connection states reported with SL_WLAN_CONNECTION_INFO */
#define SL_WLAN_DISCONNECTED                    (0)
#define SL_WLAN_CONNECTED_STA                   (1)
#define SL_WLAN_CONNECTED_P2PCL                 (2)
#define SL_WLAN_CONNECTED_P2PGO                 (3)
#define SL_WLAN_AP_CONNECTED_STATIONS           (4)

/* ------------------------------------------------------------------------------------------ */
/* Security parameters                                                                        */
/* ------------------------------------------------------------------------------------------ */

typedef struct {
    _u8  Type;          /* SL_WLAN_SEC_TYPE_* */
    _i8 *Key;
    _u8  KeyLen;
} SlWlanSecParams_t;

/* Enterprise parameters */
typedef struct {
    _i8 *User;
    _u8  UserLen;
    _i8 *AnonUser;
    _u8  AnonUserLen;
    _u8  CertIndex;
    _u32 EapMethod;
} SlWlanSecParamsExt_t;

/* Enterprise parameters as read back by sl_WlanProfileGet (same fields as above) */
typedef struct {
    _i8 *User;
    _u8  UserLen;
    _i8 *AnonUser;
    _u8  AnonUserLen;
    _u8  CertIndex;
    _u32 EapMethod;
} SlWlanGetSecParamsExt_t;

/* ------------------------------------------------------------------------------------------ */
/* Events                                                                                     */
/* ------------------------------------------------------------------------------------------ */

typedef enum {
    SL_WLAN_EVENT_CONNECT = 1,
    SL_WLAN_EVENT_DISCONNECT = 2,
    SL_WLAN_EVENT_STA_ADDED = 3,
    SL_WLAN_EVENT_STA_REMOVED = 4,
    SL_WLAN_EVENT_P2P_CONNECT = 5,
    SL_WLAN_EVENT_P2P_DISCONNECT = 6,
    SL_WLAN_EVENT_P2P_CLIENT_ADDED = 7,
    SL_WLAN_EVENT_P2P_CLIENT_REMOVED = 8,
    SL_WLAN_EVENT_P2P_DEVFOUND = 9,
    SL_WLAN_EVENT_P2P_REQUEST = 10,
    SL_WLAN_EVENT_P2P_CONNECTFAIL = 11,
    SL_WLAN_EVENT_RXFILTER = 12,
    SL_WLAN_EVENT_PROVISIONING_STATUS = 13,
    SL_WLAN_EVENT_PROVISIONING_PROFILE_ADDED = 14,
    SL_WLAN_EVENT_LINK_QUALITY_TRIGGER = 15,
    SL_WLAN_EVENT_MAX = 16
} SlWlanEventId_e;

/* SL_WLAN_EVENT_CONNECT; the SSID is not NUL-terminated */
typedef struct {
    _u8 SsidLen;
    _u8 SsidName[32];
    _u8 Bssid[6];
    _u8 Padding;
} SlWlanEventConnect_t;

/* SL_WLAN_EVENT_DISCONNECT */
typedef struct {
    _u8 SsidLen;
    _u8 SsidName[32];
    _u8 Bssid[6];
    _u8 ReasonCode;     /* SL_WLAN_DISCONNECT_* */
} SlWlanEventDisconnect_t;

/* Event payloads; only the members slsim documents are present */
typedef union {
    SlWlanEventConnect_t    Connect;
    SlWlanEventDisconnect_t Disconnect;
    struct {
        _u8 Mac[6];
        _u8 Padding[2];
    } STAAdded;         /* SL_WLAN_EVENT_STA_ADDED */
    struct {
        _u8 Mac[6];
        _u8 Padding[2];
    } STARemoved;       /* SL_WLAN_EVENT_STA_REMOVED */
} SlWlanEventData_u;

/* Argument of SimpleLinkWlanEventHandler */
typedef struct {
    _u32              Id;   /* SlWlanEventId_e */
    SlWlanEventData_u Data;
} SlWlanEvent_t;

/* ------------------------------------------------------------------------------------------ */
/* Functions                                                                                  */
/* ------------------------------------------------------------------------------------------ */

_i16 sl_WlanConnect(const _i8 *pName, const _i16 NameLen, const _u8 *pMacAddr,
                    const SlWlanSecParams_t *pSecParams,
                    const SlWlanSecParamsExt_t *pSecExtParams);
_i16 sl_WlanDisconnect(void);

_i16 sl_WlanProfileAdd(const _i8 *pName, const _i16 NameLen, const _u8 *pMacAddr,
                       const SlWlanSecParams_t *pSecParams,
                       const SlWlanSecParamsExt_t *pSecExtParams, const _u32 Priority,
                       const _u32 Options);
_i16 sl_WlanProfileGet(const _i16 Index, _i8 *pName, _i16 *pNameLen, _u8 *pMacAddr,
                       SlWlanSecParams_t *pSecParams, SlWlanGetSecParamsExt_t *pSecExtParams,
                       _u32 *pPriority);
_i16 sl_WlanProfileDel(const _i16 Index);
_i16 sl_WlanProfileUpdate(const _u32 Index, const _i8 *pName, const _i16 NameLen,
                          const _u8 *pMacAddr, const SlWlanSecParams_t *pSecParams,
                          const SlWlanSecParamsExt_t *pSecExtParams, const _u32 Priority);

_i16 sl_WlanPolicySet(const _u8 Type, const _u8 Policy, _u8 *pVal, const _u8 ValLen);
_i16 sl_WlanPolicyGet(const _u8 Type, _u8 *pPolicy, _u8 *pVal, _u8 *pValLen);

_i16 sl_WlanSetMode(const _u8 Mode);

_i16 sl_WlanSet(const _u16 ConfigId, const _u16 ConfigOpt, const _u16 ConfigLen,
                const _u8 *pValues);
_i16 sl_WlanGet(const _u16 ConfigId, _u16 *pConfigOpt, _u16 *pConfigLen, _u8 *pValues);

#endif /* __WLAN_H__ */
/* clang-format on */
