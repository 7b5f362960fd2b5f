/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file tls_int.h
 * @brief The TLS backend vtable (curl vtls_int.h style): what tls.c asks a TLS library for.
 *
 * Only src/tls/ includes this header. tls.c validates arguments, filters the cipher-suite
 * list, keeps results sticky after a failure and owns the suite-name table; a backend only
 * drives its library over the caller's non-blocking fd. There is one backend, mbedTLS 2.28
 * (tls_mbedtls.c, the only file of the project that includes mbedtls/ssl.h).
 *
 * Threading: a session is used by one thread at a time (the sock layer's lock); a backend
 * keeps no global state, every session owns its RNG and configuration. Credentials
 * (struct slsim_tls_creds, tls_creds.c) may be shared by the sessions of one device.
 */
#ifndef SLSIM_TLS_TLS_INT_H
#define SLSIM_TLS_TLS_INT_H

#include "tls/tls.h"

/** Largest handshake flight buffered before it is pushed to the socket (bytes). */
#define SLSIM_TLS_FLIGHT_MAX_BYTES 16384u

/** Most ALPN ids one session offers (5 NWP ids + 1 free-text id, with room to spare). */
#define SLSIM_TLS_ALPN_MAX 8u

/** One backend session; each backend defines it. */
struct slsim_tls_be;

/**
 * A TLS library binding. Every function except create and the suite queries gets a session
 * that create returned. The result functions return only WANT_READ, WANT_WRITE, OK or a
 * terminal result (CLOSED, ALERT with *alert set, FATAL with *why set).
 */
struct slsim_tls_backend {
    const char *name; /**< "mbedtls" */

    /**
     * Creates a session. @p cfg is already validated by tls.c: versions are in range and
     * min <= max, cfg->suites is NULL or a non-empty list of usable ids, a server has a
     * certificate and key (raw or in cfg->creds, never both). The backend copies what it keeps
     * (cfg may go away) and takes a reference on cfg->creds.
     * @return 0, or -1 with diag set (diag->inner: an enum slsim_tls_fatal).
     */
    int (*create)(const struct slsim_tls_config *cfg,
                  int fd,
                  struct slsim_tls_be **out,
                  struct slsim_diag *diag);
    enum slsim_tls_result (*handshake)(struct slsim_tls_be *be,
                                       int *alert,
                                       enum slsim_tls_fatal *why);
    enum slsim_tls_result (*read)(struct slsim_tls_be *be,
                                  void *buf,
                                  size_t len,
                                  size_t *n,
                                  int *alert,
                                  enum slsim_tls_fatal *why);
    enum slsim_tls_result (*write)(
        struct slsim_tls_be *be, const void *buf, size_t len, size_t *n, enum slsim_tls_fatal *why);
    size_t (*peer_chain)(struct slsim_tls_be *be, const uint8_t **der, size_t *len, size_t max);
    /** Fills version, suite and alpn (tls.c fills suite_name). */
    void (*info)(struct slsim_tls_be *be, struct slsim_tls_info *info);
    bool (*pending)(struct slsim_tls_be *be);
    void (*alert)(struct slsim_tls_be *be, int alert);
    void (*close)(struct slsim_tls_be *be);
    void (*free)(struct slsim_tls_be *be);
    /** True if the library can negotiate @p iana with some version in [min, max]. */
    bool (*suite_usable)(uint16_t iana, enum slsim_tls_version min, enum slsim_tls_version max);
    /** The library's own name of @p iana (fallback for slsim_tls_suite_name), or NULL. */
    const char *(*suite_lib_name)(uint16_t iana);
};

/** True if @p c holds an own certificate and key (tls_creds.c). */
bool slsim_tls_creds_has_own(const struct slsim_tls_creds *c);

/** The mbedTLS 2.28 backend (tls_mbedtls.c). */
extern const struct slsim_tls_backend slsim_tls_mbedtls;

#endif /* SLSIM_TLS_TLS_INT_H */
