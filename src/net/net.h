/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file net.h
 * @brief DNS overrides and destination remaps of one device (docs/net.md).
 *
 * A struct slsim_net is a pure table, filled from the device configuration ("dns" and "remap",
 * docs/device-config.md) and owned by it: no globals, no I/O. The TI facade asks it before the
 * host resolver (sl_NetAppDnsGetHostByName) and before handing a destination to src/sock
 * (sl_Connect, sl_SendTo). Addresses and ports are in host byte order.
 *
 * Matching rules:
 * - DNS: names compare case-insensitively, one trailing dot ignored. An exact entry wins; else
 *   the longest matching wildcard "*.suffix", which matches names with at least one more label
 *   ("*.example.com" matches "a.example.com" and "a.b.example.com", not "example.com").
 * - Remap: an exact "ip:port" entry wins over an "ip:*" entry. A "*" target port keeps the
 *   original port. A remap is applied once (its result is not remapped again).
 */
#ifndef SLSIM_NET_NET_H
#define SLSIM_NET_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SLSIM_NET_DNS_MAX   32u  /**< DNS override entries per device */
#define SLSIM_NET_REMAP_MAX 32u  /**< remap entries per device */
#define SLSIM_NET_NAME_MAX  253u /**< longest DNS name (without the trailing dot) */
#define SLSIM_NET_DEST_MAX  16u  /**< destination records: one per socket descriptor */
#define SLSIM_NET_ANY_PORT  0u   /**< "*" in a remap: any port (source), same port (target) */
#define SLSIM_NET_EP_STRLEN 22u  /**< "255.255.255.255:65535" plus NUL */

/** One DNS override: a name (or "*.suffix") and its IPv4 address. */
struct slsim_net_dns_entry {
    char name[SLSIM_NET_NAME_MAX + 1]; /**< lowercase, no trailing dot */
    uint32_t ip;
};

/** One remap: destination from_ip:from_port goes to to_ip:to_port. */
struct slsim_net_remap_entry {
    uint32_t from_ip;
    uint16_t from_port; /**< SLSIM_NET_ANY_PORT: every port of from_ip */
    uint32_t to_ip;
    uint16_t to_port; /**< SLSIM_NET_ANY_PORT: keep the original port */
};

/** A device's DNS overrides and remaps (zeroed = empty). */
struct slsim_net {
    struct slsim_net_dns_entry dns[SLSIM_NET_DNS_MAX];
    unsigned ndns;
    struct slsim_net_remap_entry remap[SLSIM_NET_REMAP_MAX];
    unsigned nremap;
};

/** Where a socket's last sl_Connect or sl_SendTo went (for reports). */
struct slsim_net_dest {
    bool set;           /**< a destination was recorded */
    bool remapped;      /**< ip:port differ from what the application asked for */
    uint32_t ip;        /**< destination actually used */
    uint16_t port;      /**< destination actually used */
    uint32_t orig_ip;   /**< destination the application gave */
    uint16_t orig_port; /**< destination the application gave */
};

/** Per-device destination records, indexed by socket descriptor. */
struct slsim_net_dests {
    struct slsim_net_dest sd[SLSIM_NET_DEST_MAX];
};

/** Empties @p net. */
void slsim_net_init(struct slsim_net *net);

/**
 * Parses strict dotted-decimal IPv4 "a.b.c.d" (each 0..255, no leading zeros, nothing else).
 * @retval 0 success, *ip in host byte order
 * @retval SL_ERROR_NET_APP_DNS_BAD_ADDRESS_ERROR not such an address
 */
int32_t slsim_net_parse_ipv4(const char *s, uint32_t *ip);

/**
 * Parses "a.b.c.d:port" (port 1..65535) or, if @p allow_any, "a.b.c.d:*" (*port becomes
 * SLSIM_NET_ANY_PORT).
 * @retval 0 success
 * @retval SL_ERROR_NET_APP_DNS_BAD_ADDRESS_ERROR bad address, missing or bad port
 */
int32_t slsim_net_parse_endpoint(const char *s, bool allow_any, uint32_t *ip, uint16_t *port);

/** Writes "a.b.c.d:port" ("a.b.c.d:*" for SLSIM_NET_ANY_PORT) into @p buf; returns @p buf. */
char *slsim_net_endpoint_str(uint32_t ip, uint16_t port, char *buf, size_t size);

/**
 * Adds a DNS override. @p name is a host name or "*.suffix" (letters, digits, '-', '_', '.';
 * one trailing dot allowed).
 * @retval 0 added
 * @retval SL_ERROR_NET_APP_DNS_PARAM_ERROR empty, too long or malformed name, or a dotted-decimal
 *         address (answered as is, without a lookup: remap addresses instead)
 * @retval SL_ERROR_NET_APP_DNS_DUPLICATE_ENTRY the name is already listed (any case)
 * @retval SL_ERROR_NET_APP_DNS_NEED_MORE_RECORD_BUFFER SLSIM_NET_DNS_MAX entries already
 */
int32_t slsim_net_dns_add(struct slsim_net *net, const char *name, uint32_t ip);

/**
 * Looks @p name (@p len bytes, no NUL needed) up in the overrides.
 * @return true and *ip if an entry matches, false otherwise (ask the host resolver)
 */
bool slsim_net_dns_lookup(const struct slsim_net *net, const char *name, size_t len, uint32_t *ip);

/**
 * Adds a remap. @p from_port SLSIM_NET_ANY_PORT = every port; @p to_port SLSIM_NET_ANY_PORT =
 * keep the port.
 * @retval 0 added
 * @retval SL_ERROR_NET_APP_DNS_DUPLICATE_ENTRY the same source is already listed
 * @retval SL_ERROR_NET_APP_DNS_NEED_MORE_RECORD_BUFFER SLSIM_NET_REMAP_MAX entries already
 */
int32_t slsim_net_remap_add(
    struct slsim_net *net, uint32_t from_ip, uint16_t from_port, uint32_t to_ip, uint16_t to_port);

/**
 * Remaps a destination: exact ip:port first, then ip:*. Without a match the output is the
 * input. @p net may be NULL (no remaps).
 * @return true if a remap entry applied
 */
bool slsim_net_remap_lookup(
    const struct slsim_net *net, uint32_t ip, uint16_t port, uint32_t *out_ip, uint16_t *out_port);

/**
 * Writes "127.0.0.1:18883 (remapped from 52.1.2.3:8883)", or just "ip:port" when not remapped,
 * or "-" when nothing was recorded. Returns @p buf.
 */
char *slsim_net_dest_str(const struct slsim_net_dest *d, char *buf, size_t size);

#endif /* SLSIM_NET_NET_H */
