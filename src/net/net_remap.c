/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file net_remap.c
 * @brief Destination remap table ("ip:port" or "ip:*" to "ip:port" or "ip:*"), the endpoint
 *        parser and the report strings. Pure: no I/O, no globals.
 */
#include "net/net.h"

#include <stdio.h>
#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

/* "1".."65535" (no sign, no leading zero) -> *port. */
static bool parse_port(const char *s, uint16_t *port)
{
    if (*s < '1' || *s > '9') {
        return false;
    }
    uint32_t v = 0;
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9') {
            return false;
        }
        v = v * 10u + (uint32_t)(*s - '0');
        if (v > 65535u) {
            return false;
        }
    }
    *port = (uint16_t)v;
    return true;
}

int32_t slsim_net_parse_endpoint(const char *s, bool allow_any, uint32_t *ip, uint16_t *port)
{
    const char *colon = s != NULL ? strchr(s, ':') : NULL;
    if (colon == NULL || (size_t)(colon - s) >= 16u) {
        return SL_ERROR_NET_APP_DNS_BAD_ADDRESS_ERROR;
    }
    char addr[16];
    memcpy(addr, s, (size_t)(colon - s));
    addr[colon - s] = '\0';
    uint32_t a = 0;
    if (slsim_net_parse_ipv4(addr, &a) != 0) {
        return SL_ERROR_NET_APP_DNS_BAD_ADDRESS_ERROR;
    }
    uint16_t p = 0;
    if (allow_any && strcmp(colon + 1, "*") == 0) {
        p = SLSIM_NET_ANY_PORT;
    } else if (!parse_port(colon + 1, &p)) {
        return SL_ERROR_NET_APP_DNS_BAD_ADDRESS_ERROR;
    }
    *ip = a;
    *port = p;
    return 0;
}

char *slsim_net_endpoint_str(uint32_t ip, uint16_t port, char *buf, size_t size)
{
    if (port == SLSIM_NET_ANY_PORT) {
        (void)snprintf(buf, size, "%u.%u.%u.%u:*", (unsigned)(ip >> 24),
                       (unsigned)(ip >> 16) & 255u, (unsigned)(ip >> 8) & 255u,
                       (unsigned)ip & 255u);
    } else {
        (void)snprintf(buf, size, "%u.%u.%u.%u:%u", (unsigned)(ip >> 24),
                       (unsigned)(ip >> 16) & 255u, (unsigned)(ip >> 8) & 255u, (unsigned)ip & 255u,
                       (unsigned)port);
    }
    return buf;
}

int32_t slsim_net_remap_add(
    struct slsim_net *net, uint32_t from_ip, uint16_t from_port, uint32_t to_ip, uint16_t to_port)
{
    for (unsigned i = 0; i < net->nremap; i++) {
        if (net->remap[i].from_ip == from_ip && net->remap[i].from_port == from_port) {
            return SL_ERROR_NET_APP_DNS_DUPLICATE_ENTRY;
        }
    }
    if (net->nremap >= SLSIM_NET_REMAP_MAX) {
        return SL_ERROR_NET_APP_DNS_NEED_MORE_RECORD_BUFFER;
    }
    struct slsim_net_remap_entry *e = &net->remap[net->nremap++];
    e->from_ip = from_ip;
    e->from_port = from_port;
    e->to_ip = to_ip;
    e->to_port = to_port;
    return 0;
}

bool slsim_net_remap_lookup(
    const struct slsim_net *net, uint32_t ip, uint16_t port, uint32_t *out_ip, uint16_t *out_port)
{
    *out_ip = ip;
    *out_port = port;
    if (net == NULL) {
        return false;
    }
    const struct slsim_net_remap_entry *any = NULL;
    const struct slsim_net_remap_entry *hit = NULL;
    for (unsigned i = 0; i < net->nremap && hit == NULL; i++) {
        const struct slsim_net_remap_entry *e = &net->remap[i];
        if (e->from_ip != ip) {
            continue;
        }
        if (e->from_port == port && port != SLSIM_NET_ANY_PORT) {
            hit = e; /* an exact ip:port wins over ip:* */
        } else if (e->from_port == SLSIM_NET_ANY_PORT) {
            any = e;
        }
    }
    if (hit == NULL) {
        hit = any;
    }
    if (hit == NULL) {
        return false;
    }
    *out_ip = hit->to_ip;
    *out_port = hit->to_port == SLSIM_NET_ANY_PORT ? port : hit->to_port;
    return true;
}

char *slsim_net_dest_str(const struct slsim_net_dest *d, char *buf, size_t size)
{
    char now[SLSIM_NET_EP_STRLEN];
    char orig[SLSIM_NET_EP_STRLEN];
    if (d == NULL || !d->set) {
        (void)snprintf(buf, size, "-");
    } else if (d->remapped) {
        (void)snprintf(buf, size, "%s (remapped from %s)",
                       slsim_net_endpoint_str(d->ip, d->port, now, sizeof(now)),
                       slsim_net_endpoint_str(d->orig_ip, d->orig_port, orig, sizeof(orig)));
    } else {
        (void)snprintf(buf, size, "%s", slsim_net_endpoint_str(d->ip, d->port, now, sizeof(now)));
    }
    return buf;
}
