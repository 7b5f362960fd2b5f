/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sl_netapp.c
 * @brief TI facade of DNS: sl_NetAppDnsGetHostByName over the host resolver (reference §7.5).
 *
 * The name is taken by length (no NUL needed); dotted-decimal text is returned as is without a
 * lookup; the IPv4 result is in host byte order. Resolver failures map by table to the DNS
 * client codes of §4.8. The device lock is not held during the lookup. The device's DNS
 * overrides (configuration "dns", docs/net.md) answer first and never reach the host resolver.
 */
#include "api/api.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>

#include <ti/drivers/net/wifi/simplelink.h>

#include "core/banned.h"

#define DNS_NAME_MAX 255 /* longest name TI's driver passes (8-bit length on the wire) */

static const struct eai_map {
    int eai;
    int32_t sl;
} eai_table[] = {
    { EAI_NONAME, SL_ERROR_NET_APP_DNS_QUERY_FAILED },     /* no such name */
    { EAI_FAIL, SL_ERROR_NET_APP_DNS_QUERY_FAILED },       /* no server answered for it */
    { EAI_AGAIN, SL_ERROR_NET_APP_DNS_QUERY_NO_RESPONSE }, /* temporary failure */
    { EAI_MEMORY, SL_ERROR_NET_APP_DNS_ALLOC_ERROR },
    { EAI_FAMILY, SL_ERROR_NET_APP_DNS_INVALID_FAMILY_TYPE },
};

static int32_t map_eai(int eai)
{
    for (size_t i = 0; i < sizeof(eai_table) / sizeof(eai_table[0]); i++) {
        if (eai_table[i].eai == eai) {
            return eai_table[i].sl;
        }
    }
    return SL_ERROR_NET_APP_DNS_QUERY_FAILED; /* EAI_NODATA and the like: no address */
}

/* Writes a host address: 4 bytes for IPv4, four host-order words for IPv6 (S10). */
static void out_addr(int family, const void *addr, _u32 *out)
{
    if (family == AF_INET) {
        struct in_addr a;
        memcpy(&a, addr, sizeof(a));
        out[0] = ntohl(a.s_addr);
        return;
    }
    uint32_t w[4];
    memcpy(w, addr, sizeof(w));
    for (int i = 0; i < 4; i++) {
        out[i] = ntohl(w[i]);
    }
}

static int32_t resolve(const char *name, int family, _u32 *out)
{
    uint8_t lit[16];
    if (inet_pton(family, name, lit) == 1) {
        out_addr(family, lit, out); /* dotted-decimal: no query (§7.5) */
        return 0;
    }
    struct addrinfo hints;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = family;
    hints.ai_socktype = SOCK_STREAM;
    struct addrinfo *res = NULL;
    int rc = getaddrinfo(name, NULL, &hints, &res);
    if (rc != 0) {
        return map_eai(rc);
    }
    int32_t ret = SL_ERROR_NET_APP_DNS_QUERY_FAILED;
    for (const struct addrinfo *ai = res; ai != NULL; ai = ai->ai_next) {
        if (ai->ai_family == AF_INET && family == AF_INET) {
            const struct sockaddr_in *sa = (const struct sockaddr_in *)(const void *)ai->ai_addr;
            out_addr(AF_INET, &sa->sin_addr, out);
            ret = 0;
            break;
        }
        if (ai->ai_family == AF_INET6 && family == AF_INET6) {
            const struct sockaddr_in6 *sa = (const struct sockaddr_in6 *)(const void *)ai->ai_addr;
            out_addr(AF_INET6, &sa->sin6_addr, out);
            ret = 0;
            break;
        }
    }
    freeaddrinfo(res);
    return ret;
}

/* net: the device's DNS overrides (docs/net.md), asked before the host resolver. Returns true
 * if @p name is overridden: *ret is then 0 (IPv4 answer in @p out) or, for an IPv6 query,
 * SL_ERROR_NET_APP_DNS_RETRY_A_QUERY (the name exists as IPv4 only). */
static bool
dns_override(const struct slsim_net *net, const char *name, int family, _u32 *out, int32_t *ret)
{
    uint32_t ip = 0;
    if (!slsim_net_dns_lookup(net, name, strlen(name), &ip)) {
        return false;
    }
    if (family != AF_INET) {
        *ret = SL_ERROR_NET_APP_DNS_RETRY_A_QUERY;
        return true;
    }
    out[0] = ip; /* host byte order, like the chip */
    *ret = 0;
    return true;
}

_i16 sl_NetAppDnsGetHostByName(_i8 *pHostName,
                               const _u16 NameLen,
                               _u32 *OutIpAddr,
                               const _u8 Family)
{
    int32_t ret = 0;
    struct slsim_device *dev = NULL;
    if (slsim_api_fs_enter(&dev, &ret) == NULL) {
        return (_i16)ret; /* SL_RET_CODE_DEV_NOT_STARTED */
    }
    const struct slsim_net *net = slsim_device_net(dev); /* net: fixed for the device's life */
    slsim_device_unlock(dev); /* the lookup runs without the device lock */
    if (Family != SL_AF_INET && Family != SL_AF_INET6) {
        return SL_ERROR_NET_APP_DNS_INVALID_FAMILY_TYPE;
    }
    if (pHostName == NULL || OutIpAddr == NULL || NameLen == 0 || NameLen > DNS_NAME_MAX) {
        return SL_ERROR_NET_APP_DNS_PARAM_ERROR;
    }
    char name[DNS_NAME_MAX + 1];
    size_t len = strnlen((const char *)pHostName, NameLen);
    if (len == 0) {
        return SL_ERROR_NET_APP_DNS_PARAM_ERROR;
    }
    memcpy(name, pHostName, len);
    name[len] = '\0';
    int family = Family == SL_AF_INET ? AF_INET : AF_INET6;
    if (dns_override(net, name, family, OutIpAddr, &ret)) {
        return (_i16)ret; /* net: an override never reaches the host resolver */
    }
    return (_i16)resolve(name, family, OutIpAddr);
}
