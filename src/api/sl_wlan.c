/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sl_wlan.c
 * @brief The WLAN API (reference §7.4) over the device's simulated WLAN (docs/wlan.md):
 *        connect/disconnect, stored profiles, policies and the role.
 *
 * Results of a connect arrive as events on the device's event thread; these calls only
 * validate, convert and hand the request to the device (device_wlan.h).
 */
#include "api/api.h"

#include <string.h>

#include <ti/drivers/net/wifi/simplelink.h>

#include "device/device_wlan.h"

#include "core/banned.h"

_Static_assert(SL_WLAN_SEC_TYPE_WPA_WPA2 == SLSIM_WLAN_SEC_WPA2, "TI value");
_Static_assert(SL_WLAN_SEC_TYPE_WPA3 == SLSIM_WLAN_SEC_WPA3, "TI value");
_Static_assert(SL_WLAN_SEC_TYPE_WPA2_PLUS == SLSIM_WLAN_SEC_WPA2_PLUS, "TI value");
_Static_assert(SL_WLAN_MAX_PROFILES == SLSIM_WLAN_PROFILES_MAX, "TI value");
_Static_assert(SL_WLAN_DEL_ALL_PROFILES == SLSIM_WLAN_DEL_ALL, "TI value");
_Static_assert(SL_WLAN_POLICY_CONNECTION == 0x10 && SL_WLAN_POLICY_P2P == 0x40, "TI values");

static struct slsim_device *enter(int32_t *ret)
{
    struct slsim_device *dev = slsim_api_device();
    if (dev == NULL) {
        *ret = SL_RET_CODE_DEV_NOT_STARTED;
        return NULL;
    }
    slsim_device_lock(dev);
    if (!slsim_device_started(dev)) {
        slsim_device_unlock(dev);
        *ret = SL_RET_CODE_DEV_NOT_STARTED;
        return NULL;
    }
    return dev;
}

static _i16 leave(struct slsim_device *dev, int32_t ret)
{
    slsim_device_unlock(dev);
    return (_i16)ret;
}

/* TI's name/security arguments -> a profile; SL_ERROR_INVALID_PARAM if they do not fit. */
static int32_t to_profile(const _i8 *name,
                          _i16 name_len,
                          const _u8 *mac,
                          const SlWlanSecParams_t *sec,
                          const SlWlanSecParamsExt_t *ext,
                          struct slsim_wlan_profile *p)
{
    memset(p, 0, sizeof(*p));
    if (name == NULL || name_len <= 0 || name_len > SL_WLAN_SSID_MAX_LENGTH || ext != NULL ||
        (sec != NULL && sec->Type == SL_WLAN_SEC_TYPE_WPA_ENT) ||
        (sec != NULL && sec->KeyLen > SLSIM_WLAN_KEY_MAX) ||
        (sec != NULL && sec->KeyLen > 0 && sec->Key == NULL)) {
        return SL_ERROR_INVALID_PARAM; /* enterprise: not emulated (docs/wlan.md) */
    }
    p->ssid_len = (uint8_t)name_len;
    memcpy(p->ssid, name, (size_t)name_len);
    if (mac != NULL) {
        memcpy(p->bssid, mac, sizeof(p->bssid));
    }
    p->sec = sec != NULL ? sec->Type : SL_WLAN_SEC_TYPE_OPEN;
    if (sec != NULL && sec->Type != SL_WLAN_SEC_TYPE_OPEN && sec->KeyLen > 0) {
        p->key_len = sec->KeyLen;
        memcpy(p->key, sec->Key, sec->KeyLen);
    }
    return 0;
}

_i16 sl_WlanConnect(const _i8 *pName,
                    const _i16 NameLen,
                    const _u8 *pMacAddr,
                    const SlWlanSecParams_t *pSecParams,
                    const SlWlanSecParamsExt_t *pSecExtParams)
{
    int32_t ret = 0;
    struct slsim_device *dev = enter(&ret);
    if (dev == NULL) {
        return (_i16)ret;
    }
    struct slsim_wlan_profile p;
    ret = to_profile(pName, NameLen, pMacAddr, pSecParams, pSecExtParams, &p);
    if (ret == 0) {
        ret = slsim_device_wlan_connect(dev, p.ssid, p.ssid_len, p.bssid, p.sec, p.key, p.key_len);
    }
    return leave(dev, ret);
}

_i16 sl_WlanDisconnect(void)
{
    int32_t ret = 0;
    struct slsim_device *dev = enter(&ret);
    if (dev == NULL) {
        return (_i16)ret;
    }
    return leave(dev, slsim_device_wlan_disconnect(dev));
}

_i16 sl_WlanProfileAdd(const _i8 *pName,
                       const _i16 NameLen,
                       const _u8 *pMacAddr,
                       const SlWlanSecParams_t *pSecParams,
                       const SlWlanSecParamsExt_t *pSecExtParams,
                       const _u32 Priority,
                       const _u32 Options)
{
    (void)Options; /* "unsupported" (reference §7.4) */
    int32_t ret = 0;
    struct slsim_device *dev = enter(&ret);
    if (dev == NULL) {
        return (_i16)ret;
    }
    struct slsim_wlan_profile p;
    ret = to_profile(pName, NameLen, pMacAddr, pSecParams, pSecExtParams, &p);
    if (ret == 0 && Priority > SLSIM_WLAN_PRIORITY_MAX) {
        ret = SL_ERROR_INVALID_PARAM;
    }
    if (ret == 0) {
        p.priority = (uint8_t)Priority;
        ret = slsim_device_wlan_profile_add(dev, &p);
    }
    return leave(dev, ret);
}

_i16 sl_WlanProfileGet(const _i16 Index,
                       _i8 *pName,
                       _i16 *pNameLen,
                       _u8 *pMacAddr,
                       SlWlanSecParams_t *pSecParams,
                       SlWlanGetSecParamsExt_t *pSecExtParams,
                       _u32 *pPriority)
{
    int32_t ret = 0;
    struct slsim_device *dev = enter(&ret);
    if (dev == NULL) {
        return (_i16)ret;
    }
    struct slsim_wlan_profile p;
    if (pName == NULL || pNameLen == NULL || pSecParams == NULL) {
        return leave(dev, SL_ERROR_INVALID_PARAM);
    }
    ret = slsim_device_wlan_profile_get(dev, Index, &p);
    if (ret == 0) {
        memcpy(pName, p.ssid, p.ssid_len); /* not NUL-terminated, as the events */
        *pNameLen = p.ssid_len;
        if (pMacAddr != NULL) {
            memcpy(pMacAddr, p.bssid, sizeof(p.bssid));
        }
        pSecParams->Type = p.sec;
        pSecParams->KeyLen = 0; /* the key is never read back */
        if (pSecExtParams != NULL) {
            memset(pSecExtParams, 0, sizeof(*pSecExtParams));
        }
        if (pPriority != NULL) {
            *pPriority = p.priority;
        }
        ret = p.sec; /* the profile's security type (docs/wlan.md) */
    }
    return leave(dev, ret);
}

_i16 sl_WlanProfileDel(const _i16 Index)
{
    int32_t ret = 0;
    struct slsim_device *dev = enter(&ret);
    if (dev == NULL) {
        return (_i16)ret;
    }
    return leave(dev, slsim_device_wlan_profile_del(dev, Index));
}

_i16 sl_WlanPolicySet(const _u8 Type, const _u8 Policy, _u8 *pVal, const _u8 ValLen)
{
    (void)pVal; /* scan interval, PM details: accepted, not modelled */
    (void)ValLen;
    int32_t ret = 0;
    struct slsim_device *dev = enter(&ret);
    if (dev == NULL) {
        return (_i16)ret;
    }
    return leave(dev, slsim_device_wlan_policy_set(dev, Type, Policy));
}

_i16 sl_WlanPolicyGet(const _u8 Type, _u8 *pPolicy, _u8 *pVal, _u8 *pValLen)
{
    (void)pVal;
    int32_t ret = 0;
    struct slsim_device *dev = enter(&ret);
    if (dev == NULL) {
        return (_i16)ret;
    }
    if (pPolicy == NULL) {
        return leave(dev, SL_ERROR_INVALID_PARAM);
    }
    ret = slsim_device_wlan_policy_get(dev, Type, pPolicy);
    if (ret == 0 && pValLen != NULL) {
        *pValLen = 0;
    }
    return leave(dev, ret);
}

_i16 sl_WlanSetMode(const _u8 Mode)
{
    int32_t ret = 0;
    struct slsim_device *dev = enter(&ret);
    if (dev == NULL) {
        return (_i16)ret;
    }
    return leave(dev, slsim_device_wlan_set_mode(dev, Mode));
}
