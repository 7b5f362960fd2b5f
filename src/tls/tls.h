/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file tls.h
 * @brief The TLS client/server layer the secure sockets run on (curl vtls style: this header,
 *        a backend vtable in tls_int.h, one backend: mbedTLS 2.28 in tls_mbedtls.c).
 *
 * Non-blocking only: every call does what it can on a non-blocking fd and returns
 * SLSIM_TLS_WANT_READ / _WANT_WRITE when it must wait; the caller polls the fd. Certificate
 * verification is NOT done here: the client runs mbedTLS with MBEDTLS_SSL_VERIFY_NONE, the
 * handshake accepts any server chain and exposes it, and src/trust decides (the NWP's
 * "connected with warning" results need the session up).
 * No other slsim module includes TLS library headers.
 */
#ifndef SLSIM_TLS_TLS_H
#define SLSIM_TLS_TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

enum slsim_tls_result {
    SLSIM_TLS_OK = 0,
    SLSIM_TLS_WANT_READ,
    SLSIM_TLS_WANT_WRITE,
    SLSIM_TLS_CLOSED, /**< peer sent close_notify (or clean EOF after it) */
    SLSIM_TLS_ALERT,  /**< peer sent a fatal alert: see *alert */
    SLSIM_TLS_FATAL,  /**< local failure / protocol error / TCP dropped: see inner and kind */
};

/** Why a FATAL happened (sock maps it to the SL code). */
enum slsim_tls_fatal {
    SLSIM_TLS_FATAL_NONE = 0,
    SLSIM_TLS_FATAL_NO_SUITE,    /**< no cipher suite in common (local decision) -> -791 */
    SLSIM_TLS_FATAL_VERSION,     /**< no protocol version in common -> -370 style */
    SLSIM_TLS_FATAL_EOF,         /**< TCP closed mid-record or mid-handshake -> -708/-470 */
    SLSIM_TLS_FATAL_RESET,       /**< TCP reset -> -708 */
    SLSIM_TLS_FATAL_BAD_MESSAGE, /**< garbage / malformed records -> -706 */
    SLSIM_TLS_FATAL_BAD_MAC,     /**< record MAC / decrypt failure -> -705 */
    SLSIM_TLS_FATAL_KEY,         /**< own key unusable -> -458 */
    SLSIM_TLS_FATAL_OTHER,       /**< anything else -> -450 */
};

/** Protocol versions (SL_SO_SECMETHOD maps onto min/max). SSL 3.0 is not offered. */
enum slsim_tls_version {
    SLSIM_TLS_V1_0 = 1,
    SLSIM_TLS_V1_1 = 2,
    SLSIM_TLS_V1_2 = 3,
};

struct slsim_tls_config {
    bool server; /**< false: client (the usual) */
    enum slsim_tls_version min_version;
    enum slsim_tls_version max_version;
    const uint16_t *suites;  /**< IANA ids to offer, 0-terminated; NULL = library default */
    const char *sni;         /**< server name to send, NULL = none */
    const char *const *alpn; /**< NULL-terminated protocol ids, NULL = none */
    const uint8_t *own_cert; /**< DER or PEM (chain), NULL = none */
    size_t own_cert_len;
    const uint8_t *own_key; /**< DER or PEM private key */
    size_t own_key_len;
    const uint8_t *ca; /**< server side: CA to request/verify client certs, or NULL */
    size_t ca_len;
    /** Parsed credentials to use instead of own_cert / own_key / ca (those must then be NULL).
     *  The session takes a reference: the caller may drop its own after slsim_tls_new. */
    struct slsim_tls_creds *creds;
    /** The caller has already checked that own_key belongs to own_cert (src/trust does, for
     *  the -458 finding): the pair check is skipped when raw bytes are parsed. */
    bool pair_checked;
};

struct slsim_tls_info {
    enum slsim_tls_version version;
    uint16_t suite; /**< negotiated IANA id */
    char suite_name[64];
    char alpn[64]; /**< negotiated ALPN id, "" if none */
};

struct slsim_tls;

/**
 * Parsed credentials: the own certificate (chain) and private key, and for a server the CA
 * that client certificates must chain to. Parsing once and reusing them across sessions keeps
 * the RSA blinding values of the key warm (the first private-key operation on a freshly parsed
 * RSA key computes them: a modular inverse). Reference-counted; not thread-safe: a creds
 * object and every session using it belong to one device (sock calls in under the device
 * lock). The key's state changes on use (blinding), so it is never shared between devices.
 */
struct slsim_tls_creds;

/**
 * Parses cfg->own_cert + cfg->own_key (both or neither) and cfg->ca (or NULL); checks the
 * pair unless cfg->pair_checked. Other fields of @p cfg are ignored. SHA-256 digests of the
 * bytes are kept for slsim_tls_creds_same(). Failures as slsim_tls_new (diag->inner).
 * @return 0 with *out holding one reference, or -1.
 */
int slsim_tls_creds_new(const struct slsim_tls_config *cfg,
                        struct slsim_tls_creds **out,
                        struct slsim_diag *diag);

/** Takes one more reference; returns @p c. */
struct slsim_tls_creds *slsim_tls_creds_ref(struct slsim_tls_creds *c);

/** Drops one reference (NULL-safe); the last one frees (the key is zeroised by mbedTLS). */
void slsim_tls_creds_free(struct slsim_tls_creds *c);

/** True if @p c was made from exactly these certificate and key bytes (SHA-256 compared). */
bool slsim_tls_creds_same(const struct slsim_tls_creds *c,
                          const uint8_t *cert,
                          size_t cert_len,
                          const uint8_t *key,
                          size_t key_len);

/**
 * Creates a session over the connected, non-blocking TCP @p fd (not owned).
 * @return 0, or -1 with the reason in @p diag (bad own key -> diag->inner set).
 */
int slsim_tls_new(const struct slsim_tls_config *cfg,
                  int fd,
                  struct slsim_tls **out,
                  struct slsim_diag *diag);

/** Advances the handshake. On ALERT *alert is the received alert number; on FATAL *why. */
enum slsim_tls_result
slsim_tls_handshake(struct slsim_tls *t, int *alert, enum slsim_tls_fatal *why);

/** After the handshake: the chain the peer sent, leaf first (pointers valid until free). */
size_t slsim_tls_peer_chain(struct slsim_tls *t, const uint8_t **der, size_t *len, size_t max);

/** After the handshake: version, suite, ALPN. */
void slsim_tls_get_info(struct slsim_tls *t, struct slsim_tls_info *info);

/** Reads application data; *n bytes. CLOSED at close_notify. */
enum slsim_tls_result slsim_tls_read(
    struct slsim_tls *t, void *buf, size_t len, size_t *n, int *alert, enum slsim_tls_fatal *why);

/** Writes application data; *n bytes taken (may be less than len). */
enum slsim_tls_result slsim_tls_write(
    struct slsim_tls *t, const void *buf, size_t len, size_t *n, enum slsim_tls_fatal *why);

/** True if decrypted bytes are buffered (select() must report readable). */
bool slsim_tls_pending(struct slsim_tls *t);

/** Sends a fatal alert (e.g. 48 unknown_ca when the engine rejects the chain). Best effort. */
void slsim_tls_send_alert(struct slsim_tls *t, int alert);

/** Sends close_notify (best effort, non-blocking). */
void slsim_tls_close_notify(struct slsim_tls *t);

/** Frees (NULL-safe). Does not close the fd. */
void slsim_tls_free(struct slsim_tls *t);

/** IANA id -> OpenSSL-style name, or NULL if slsim does not know it. */
const char *slsim_tls_suite_name(uint16_t iana);

/** True if the backend can negotiate this suite. */
bool slsim_tls_suite_supported(uint16_t iana);

#endif /* SLSIM_TLS_TLS_H */
