/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file net_dns.c
 * @brief DNS override table: names (exact or "*.suffix") to IPv4 addresses, and the strict
 *        dotted-decimal parser. Pure: no I/O, no globals.
 */
#include "net/net.h"

#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

void slsim_net_init(struct slsim_net *net)
{
    memset(net, 0, sizeof(*net));
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

int32_t slsim_net_parse_ipv4(const char *s, uint32_t *ip)
{
    uint32_t v = 0;
    for (int part = 0; part < 4; part++) {
        if (part > 0 && *s++ != '.') {
            return SL_ERROR_NET_APP_DNS_BAD_ADDRESS_ERROR;
        }
        if (*s < '0' || *s > '9' || (s[0] == '0' && s[1] >= '0' && s[1] <= '9')) {
            return SL_ERROR_NET_APP_DNS_BAD_ADDRESS_ERROR; /* no digit, or a leading zero */
        }
        unsigned octet = 0;
        int digits = 0;
        while (*s >= '0' && *s <= '9' && digits < 4) {
            octet = octet * 10u + (unsigned)(*s++ - '0');
            digits++;
        }
        if (octet > 255u || digits > 3) {
            return SL_ERROR_NET_APP_DNS_BAD_ADDRESS_ERROR;
        }
        v = (v << 8) | octet;
    }
    if (*s != '\0') {
        return SL_ERROR_NET_APP_DNS_BAD_ADDRESS_ERROR;
    }
    *ip = v;
    return 0;
}

/* Copies @p len bytes of a name, lowercased, without one trailing dot; false if it is empty,
 * too long, or has a character outside [A-Za-z0-9._-] (a leading "*." is allowed if
 * @p wildcard). */
static bool norm_name(const char *name, size_t len, bool wildcard, char *out)
{
    if (len > 0 && name[len - 1] == '.') {
        len--;
    }
    if (len == 0 || len > SLSIM_NET_NAME_MAX) {
        return false;
    }
    size_t i = 0;
    if (wildcard && len > 2 && name[0] == '*' && name[1] == '.') {
        out[0] = '*';
        out[1] = '.';
        i = 2;
    }
    for (; i < len; i++) {
        char c = lower(name[i]);
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                  (c == '.' && i > 0 && out[i - 1] != '.');
        if (!ok) {
            return false;
        }
        out[i] = c;
    }
    out[len] = '\0';
    return out[len - 1] != '.';
}

int32_t slsim_net_dns_add(struct slsim_net *net, const char *name, uint32_t ip)
{
    char key[SLSIM_NET_NAME_MAX + 1];
    uint32_t literal = 0;
    if (name == NULL || !norm_name(name, strlen(name), true, key) ||
        slsim_net_parse_ipv4(key, &literal) == 0) {
        return SL_ERROR_NET_APP_DNS_PARAM_ERROR; /* an address is answered as is: use "remap" */
    }
    for (unsigned i = 0; i < net->ndns; i++) {
        if (strcmp(net->dns[i].name, key) == 0) {
            return SL_ERROR_NET_APP_DNS_DUPLICATE_ENTRY;
        }
    }
    if (net->ndns >= SLSIM_NET_DNS_MAX) {
        return SL_ERROR_NET_APP_DNS_NEED_MORE_RECORD_BUFFER;
    }
    struct slsim_net_dns_entry *e = &net->dns[net->ndns++];
    memcpy(e->name, key, strlen(key) + 1);
    e->ip = ip;
    return 0;
}

/* "*.suffix" matches @p key when key ends in ".suffix" with at least one label before it. */
static bool wildcard_match(const char *pattern, const char *key, size_t klen)
{
    const char *suffix = pattern + 1; /* ".suffix" */
    size_t slen = strlen(suffix);
    return klen > slen && strcmp(key + klen - slen, suffix) == 0;
}

bool slsim_net_dns_lookup(const struct slsim_net *net, const char *name, size_t len, uint32_t *ip)
{
    char key[SLSIM_NET_NAME_MAX + 1];
    if (net == NULL || name == NULL || !norm_name(name, len, false, key)) {
        return false;
    }
    size_t klen = strlen(key);
    const struct slsim_net_dns_entry *best = NULL;
    size_t best_len = 0;
    for (unsigned i = 0; i < net->ndns; i++) {
        const struct slsim_net_dns_entry *e = &net->dns[i];
        if (strcmp(e->name, key) == 0) {
            *ip = e->ip; /* an exact name always wins */
            return true;
        }
        size_t elen = strlen(e->name);
        if (e->name[0] == '*' && elen > best_len && wildcard_match(e->name, key, klen)) {
            best = e;
            best_len = elen;
        }
    }
    if (best != NULL) {
        *ip = best->ip;
        return true;
    }
    return false;
}
