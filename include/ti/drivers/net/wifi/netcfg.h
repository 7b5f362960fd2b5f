/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file netcfg.h
 * @brief SimpleLink network configuration API: IP address helpers, configuration ids and the
 *        IPv4 configuration structures. Restated for slsim from public facts about TI's host
 *        driver 3.0.1.61; this is not TI's file.
 */
/* clang-format off */
#include <ti/drivers/net/wifi/simplelink.h>

#ifndef __NETCFG_H__
#define __NETCFG_H__

/* Host-order IPv4 value from four octets, a the most significant (SL_IPV4_VAL(192,168,1,1)) */
#define SL_IPV4_VAL(a, b, c, d) \
    ((((_u32)(a) << 24) & 0xFF000000) | (((_u32)(b) << 16) & 0xFF0000) | \
     (((_u32)(c) << 8) & 0xFF00) | ((_u32)(d) & 0xFF))

/* Byte i of a host-order IPv4 value, 0 the least significant */
#define SL_IPV4_BYTE(val, i)                    (((val) >> ((i) * 8)) & 0xFF)

#define SL_MAC_ADDR_LEN                         (6)
#define SL_IPV6_ADDR_LEN                        (16)

/* Configuration ids of sl_NetCfgGet / sl_NetCfgSet */
#define SL_NETCFG_MAC_ADDRESS_GET               (2)
#define SL_NETCFG_IPV4_STA_ADDR_MODE            (7)     /* SlNetCfgIpV4Args_t */
#define SL_NETCFG_IPV4_DHCP_CLIENT              (11)
#define SL_NETCFG_IPV4_DNS_CLIENT               (12)    /* SlNetCfgIpV4DnsClientArgs_t */

/* Address modes returned as the option of SL_NETCFG_IPV4_STA_ADDR_MODE */
#define SL_NETCFG_ADDR_DHCP                     (1)
#define SL_NETCFG_ADDR_DHCP_LLA                 (2)
#define SL_NETCFG_ADDR_STATIC                   (4)

typedef struct {
    _u32 Ip;
    _u32 IpMask;
    _u32 IpGateway;
    _u32 IpDnsServer;
} SlNetCfgIpV4Args_t;

typedef struct {
    _u32 DnsSecondServerAddr;
} SlNetCfgIpV4DnsClientArgs_t;

_i16 sl_NetCfgSet(const _u16 ConfigId, const _u16 ConfigOpt, const _u16 ConfigLen,
                  const _u8 *pValues);
_i16 sl_NetCfgGet(const _u16 ConfigId, _u16 *pConfigOpt, _u16 *pConfigLen, _u8 *pValues);

#endif /* __NETCFG_H__ */
/* clang-format on */
