/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sock.h
 * @brief The device's socket table: TCP/UDP/TLS sockets over host sockets, as non-blocking
 *        state machines (docs/sock.md).
 *
 * Every function here is non-blocking and returns an SL code (>= 0 result, < 0 SL_ERROR_*).
 * Blocking behaviour (blocking sl_Connect/sl_Recv/sl_Select) is built by the caller from
 * slsim_sock_poll_spec() + poll() + the step functions, WITHOUT holding the device lock while
 * waiting, so another thread can use other sockets (or send on this one) meanwhile.
 *
 * The table never touches the device directly: files, the catalog, the clock and events come
 * through struct slsim_sock_env. Values of domains, types, protocols and option numbers are
 * TI's (they are plain numbers); the TI facade (src/api/sl_socket.c) validates option sizes and
 * converts TI structs before calling the setters below.
 */
#ifndef SLSIM_SOCK_SOCK_H
#define SLSIM_SOCK_SOCK_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "trust/trust.h"

#define SLSIM_SOCK_MAX       16 /**< compile-time table size (profiles may allow fewer) */
#define SLSIM_SOCK_EVENT_MAX 16 /**< async events a table queues until the facade takes them */

/** Socket async events (TI's SL_SOCKET_ASYNC_EVENT subtypes / TX failed), queued for the API. */
struct slsim_sock_event {
    uint32_t event; /**< 1 = TX failed, 2 = async event */
    uint8_t sd;
    uint8_t type; /**< async subtype, e.g. 5 = SL_SSL_NOTIFICATION_WRONG_ROOT_CA */
    int16_t val;  /**< error code */
    char extra[128];
};

/** What the table needs from its device. */
struct slsim_sock_env {
    /** Reads a whole device file as the NWP (tokens not checked). SL FS code or 0. */
    int32_t (*read_file)(void *ctx, const char *name, uint8_t **data, size_t *len);
    /** The catalog (NULL unless OK), its state and a label for reports. */
    const struct slsim_catalog *(*catalog)(void *ctx,
                                           enum slsim_trust_catalog_state *state,
                                           const char **label);
    /** The device clock, Unix seconds. */
    int64_t (*device_time)(void *ctx);
    void *ctx;
    uint32_t max_sockets;          /**< profile: all sockets (<= SLSIM_SOCK_MAX) */
    uint32_t max_secure;           /**< profile: connected TLS sockets */
    bool pem_multi_root;           /**< profile */
    bool revoked_connected;        /**< profile */
    uint32_t handshake_timeout_ms; /**< -462 after this long (0 = 20000) */
};

struct slsim_sock_table;

/** Creates a table. SL_ERROR_BSD_ENOMEM on allocation failure. */
int32_t slsim_sock_table_new(const struct slsim_sock_env *env, struct slsim_sock_table **out);
/** Closes every socket and frees (NULL-safe). */
void slsim_sock_table_free(struct slsim_sock_table *t);

/* ---- lifecycle (TI values: domain 2 = AF_INET, type 1 stream / 2 dgram, proto 100 = TLS) --- */
int32_t slsim_sock_socket(struct slsim_sock_table *t, int domain, int type, int proto);
int32_t slsim_sock_close(struct slsim_sock_table *t, int sd);
/** Address and port in host order (the facade converts SlSockAddrIn_t). */
int32_t slsim_sock_bind(struct slsim_sock_table *t, int sd, uint32_t ip, uint16_t port);
int32_t slsim_sock_listen(struct slsim_sock_table *t, int sd, int backlog);
/** Non-blocking accept: new sd, or SL_ERROR_BSD_EAGAIN. */
int32_t slsim_sock_accept(struct slsim_sock_table *t, int sd, uint32_t *ip, uint16_t *port);

/**
 * Starts or advances a connect. Returns SL_ERROR_BSD_EALREADY while TCP or TLS is in progress,
 * then (once) the final code: 0, a connected-with-warning code (-453/-461/-467/-468), or the
 * failure code (socket dead until closed). Afterwards SL_ERROR_BSD_EISCONN.
 */
int32_t slsim_sock_connect(struct slsim_sock_table *t, int sd, uint32_t ip, uint16_t port);

/** Starts TLS on a connected TCP socket (sl_StartTLS): SL_ERROR_BSD_EALREADY while the
 *  handshake runs (advance it with slsim_sock_connect(), which then reports the final code
 *  once), or the final code. */
int32_t slsim_sock_starttls(struct slsim_sock_table *t, int sd);

/* ---- data --------------------------------------------------------------------------------- */
/** Queues/sends data: the bytes accepted (all of @p len when len <= 16 KB, else possibly a
 *  part), SL_ERROR_BSD_EAGAIN (no buffer room), SL_ERROR_BSD_SOC_ERROR after a TX failure
 *  event, or another error. */
int32_t slsim_sock_send(struct slsim_sock_table *t, int sd, const void *buf, size_t len);
/** Receives: bytes (> 0), 0 (peer closed TCP), SL_ERROR_BSD_EAGAIN, -452 (TLS closed), ... */
int32_t slsim_sock_recv(struct slsim_sock_table *t, int sd, void *buf, size_t len);
int32_t slsim_sock_sendto(
    struct slsim_sock_table *t, int sd, const void *buf, size_t len, uint32_t ip, uint16_t port);
int32_t slsim_sock_recvfrom(
    struct slsim_sock_table *t, int sd, void *buf, size_t len, uint32_t *ip, uint16_t *port);

/* ---- waiting ------------------------------------------------------------------------------ */
/**
 * What to wait for before calling the operation @p op on @p sd again: the host fd and poll
 * events (POLLIN/POLLOUT), and the absolute deadline (CLOCK_MONOTONIC ms, 0 = none) after which
 * the operation must be called anyway (it then reports its timeout, e.g. -462).
 */
enum slsim_sock_op {
    SLSIM_SOCK_OP_CONNECT,
    SLSIM_SOCK_OP_SEND,
    SLSIM_SOCK_OP_RECV,
    SLSIM_SOCK_OP_ACCEPT
};
int32_t slsim_sock_poll_spec(struct slsim_sock_table *t,
                             int sd,
                             enum slsim_sock_op op,
                             int *fd,
                             short *events,
                             int64_t *deadline_ms);

/**
 * One readiness pass for sl_Select: advances every in-progress connect without blocking and
 * reports which sockets of @p want_read / @p want_write (bit n = sd n) are ready now: readable =
 * data (or TLS-decrypted data) or a pending accept; writable = a connect that has completed.
 * Also fills the fds/events to poll for the next pass (@p pfds must have room for
 * SLSIM_SOCK_MAX entries) and the earliest handshake deadline (0 = none). Returns the number of
 * ready bits (a socket readable and writable counts twice, as BSD select counts).
 */
int32_t slsim_sock_select_pass(struct slsim_sock_table *t,
                               uint32_t want_read,
                               uint32_t want_write,
                               uint32_t *ready_read,
                               uint32_t *ready_write,
                               struct pollfd *pfds,
                               unsigned *npfds,
                               int64_t *deadline_ms);

/* ---- options (facade-validated; values are TI's) ------------------------------------------ */
enum slsim_sock_file {
    SLSIM_SOCK_FILE_KEY = 0,
    SLSIM_SOCK_FILE_CERT,
    SLSIM_SOCK_FILE_CA,
    SLSIM_SOCK_FILE_PEER
};
int32_t slsim_sock_set_nonblocking(struct slsim_sock_table *t, int sd, bool on);
int32_t slsim_sock_get_nonblocking(struct slsim_sock_table *t, int sd, bool *on);
int32_t slsim_sock_set_rcvtimeo(struct slsim_sock_table *t, int sd, uint32_t ms); /* 0 = none */
int32_t slsim_sock_get_rcvtimeo(struct slsim_sock_table *t, int sd, uint32_t *ms);
int32_t slsim_sock_set_keepalive(struct slsim_sock_table *t, int sd, bool on, uint32_t secs);
int32_t slsim_sock_set_secmethod(struct slsim_sock_table *t, int sd, uint8_t method);
int32_t slsim_sock_set_mask(struct slsim_sock_table *t, int sd, uint32_t mask);
int32_t slsim_sock_set_file(
    struct slsim_sock_table *t, int sd, enum slsim_sock_file which, const char *name, size_t len);
int32_t slsim_sock_set_domain(struct slsim_sock_table *t, int sd, const char *name, size_t len);
int32_t slsim_sock_set_alpn(struct slsim_sock_table *t, int sd, uint32_t bits);
int32_t
slsim_sock_set_alpn_general(struct slsim_sock_table *t, int sd, const char *name, size_t len);
int32_t slsim_sock_set_store_disabled(struct slsim_sock_table *t, int sd, bool disabled);

/** After a secure connect (TI's SlSockSSLConnectionParams_t content, in native form). */
struct slsim_sock_conn_params {
    uint32_t version;   /**< SL_SO_SEC_METHOD_* value negotiated */
    uint32_t suite_bit; /**< index of the SL_SEC_MASK_* bit of the suite, or 0xFFFFFFFF */
    uint16_t suite_iana;
    bool peer_verified; /**< chain verified to the CA file (codes 0, -461, -467, -468) */
    uint32_t alpn_bit;  /**< SL_SECURE_ALPN_* chosen, 0 none */
    char alpn_general[256];
    uint8_t peer_der_hash[32];
    char subject[64];
    char issuer[64];
    int64_t not_before;
    int64_t not_after;
    uint16_t subject_xsha1; /**< SHA-1 of the subject DN (DER), XOR-folded to 16 bits */
    uint16_t issuer_xsha1;  /**< same for the issuer DN */
};
int32_t
slsim_sock_conn_params(struct slsim_sock_table *t, int sd, struct slsim_sock_conn_params *p);

/** The findings of the last connect on @p sd (for slsim doctor and tests). */
int32_t
slsim_sock_last_findings(struct slsim_sock_table *t, int sd, struct slsim_trust_result *out);

/** Takes queued async events (to dispatch after the device lock is released). */
unsigned
slsim_sock_take_events(struct slsim_sock_table *t, struct slsim_sock_event *out, unsigned max);

/** Test hook: handshake timeout override in ms. */
void slsim_sock_set_handshake_timeout(struct slsim_sock_table *t, uint32_t ms);

/* ---- additions (issue: sockets) ----------------------------------------------------------- */

/** CLOCK_MONOTONIC in ms (the clock of the poll specs' deadlines). */
int64_t slsim_sock_now_ms(void);

/** SL_SO_KEEPALIVE / SL_SO_KEEPALIVETIME read-back. */
int32_t slsim_sock_get_keepalive(struct slsim_sock_table *t, int sd, bool *on, uint32_t *secs);

/** SL_SO_SECMETHOD, SL_SO_SECURE_MASK and SL_SO_SECURE_ALPN as set. */
int32_t slsim_sock_get_secure(
    struct slsim_sock_table *t, int sd, uint8_t *method, uint32_t *mask, uint32_t *alpn);

#endif /* SLSIM_SOCK_SOCK_H */
