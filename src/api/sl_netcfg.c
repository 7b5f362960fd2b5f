/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sl_netcfg.c
 * @brief sl_NetCfgGet / sl_NetCfgSet (reference §7.6): the station's IPv4 lease from the
 *        simulated WLAN and the device's MAC address (docs/wlan.md "Addresses").
 *
 * Other configuration ids are not emulated and return SL_ERROR_INVALID_PARAM, never a silent
 * success.
 */
#include "api/api.h"

#include <string.h>

#include <ti/drivers/net/wifi/simplelink.h>

#include "device/device_wlan.h"

#include "core/banned.h"

_Static_assert(sizeof(SlNetCfgIpV4Args_t) == 16, "TI layout");

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

/* Copies @p len bytes to the caller; SL_ESMALLBUF (truncated) if the buffer is short. */
static int32_t put(const void *src, size_t len, _u16 *out_len, _u8 *out)
{
    if (out_len == NULL || out == NULL) {
        return SL_ERROR_INVALID_PARAM;
    }
    size_t n = *out_len < len ? *out_len : len;
    memcpy(out, src, n);
    int32_t ret = *out_len < len ? SL_ESMALLBUF : 0;
    *out_len = (_u16)len;
    return ret;
}

static int32_t get_ipv4(struct slsim_device *dev, _u16 *opt, _u16 *len, _u8 *values)
{
    struct slsim_wlan_lease lease;
    (void)slsim_device_wlan_status(dev, &lease, NULL, NULL, NULL);
    SlNetCfgIpV4Args_t a = {
        .Ip = lease.ip, .IpMask = lease.mask, .IpGateway = lease.gateway, .IpDnsServer = lease.dns
    };
    if (opt != NULL) {
        *opt = SL_NETCFG_ADDR_DHCP; /* the only mode emulated */
    }
    return put(&a, sizeof(a), len, values);
}

_i16 sl_NetCfgGet(const _u16 ConfigId, _u16 *pConfigOpt, _u16 *pConfigLen, _u8 *pValues)
{
    int32_t ret = 0;
    struct slsim_device *dev = enter(&ret);
    if (dev == NULL) {
        return (_i16)ret;
    }
    if (ConfigId == SL_NETCFG_IPV4_STA_ADDR_MODE) {
        ret = get_ipv4(dev, pConfigOpt, pConfigLen, pValues);
    } else if (ConfigId == SL_NETCFG_MAC_ADDRESS_GET) {
        uint8_t mac[6];
        slsim_device_mac(dev, mac);
        ret = put(mac, sizeof(mac), pConfigLen, pValues);
    } else {
        ret = SL_ERROR_INVALID_PARAM;
    }
    slsim_device_unlock(dev);
    return (_i16)ret;
}

_i16 sl_NetCfgSet(const _u16 ConfigId,
                  const _u16 ConfigOpt,
                  const _u16 ConfigLen,
                  const _u8 *pValues)
{
    (void)ConfigLen;
    (void)pValues;
    int32_t ret = 0;
    struct slsim_device *dev = enter(&ret);
    if (dev == NULL) {
        return (_i16)ret;
    }
    /* Start-up code sets DHCP (TI's "default state"); that is what the model does anyway. */
    bool dhcp = ConfigId == SL_NETCFG_IPV4_STA_ADDR_MODE && ConfigOpt == SL_NETCFG_ADDR_DHCP;
    slsim_device_unlock(dev);
    return dhcp ? 0 : (_i16)SL_ERROR_INVALID_PARAM;
}
