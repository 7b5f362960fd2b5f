/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sock_int.h
 * @brief Private to the sock module: the slot and table layout and the cross-file helpers.
 *
 * Locking rule: a table has no lock of its own. Every function of sock.h is called with the
 * owning device's lock held (the TI facade takes it around each step and releases it while it
 * waits in poll()), so the table, its slots and its event queue are only ever touched by one
 * thread at a time. Nothing here blocks.
 */
#ifndef SLSIM_SOCK_SOCK_INT_H
#define SLSIM_SOCK_SOCK_INT_H

#include "sock/sock.h"

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tls/tls.h"
#include "trust/trust.h"

#define SLSIM_SOCK_TXBUF         ((size_t)16 * 1024) /**< per-socket send buffer (docs/sock.md) */
#define SLSIM_SOCK_EVENTS        SLSIM_SOCK_EVENT_MAX
#define SLSIM_SOCK_OPT_MAX       255u      /**< longest option value (optlen is 8 bits) */
#define SLSIM_SOCK_HS_TIMEOUT_MS 20000u    /**< default handshake timeout (-462) */
#define SLSIM_SOCK_SUITE_BITS    23u       /**< SL_SO_SECURE_MASK bits 0..22 */
#define SLSIM_SOCK_MASK_ALL      0x7FFFFFu /**< SL_SEC_MASK_SECURE_DEFAULT */
#define SLSIM_SOCK_ALPN_BITS     5u        /**< SL_SECURE_ALPN_H1 .. _H2_16 */
#define SLSIM_SOCK_ALPN_ALL      0x1Fu     /**< SL_SECURE_ALPN_FULL_LIST */
#define SLSIM_SOCK_METHOD_DEF    4u        /**< SL_SO_SEC_METHOD_SSLv3_TLSV1_2 */
#define SLSIM_SOCK_KEEPALIVE_S   300u      /**< SL_SO_KEEPALIVETIME default */
#define SLSIM_SOCK_CREDS_CACHE   4u        /**< parsed (cert, key) file pairs kept per device */

/* TI numbers used below sock.h (errors.h holds the codes; these are plain values). */
#define SLSIM_SOCK_AF_INET    2
#define SLSIM_SOCK_STREAM     1
#define SLSIM_SOCK_DGRAM      2
#define SLSIM_SOCK_PROTO_TCP  6
#define SLSIM_SOCK_PROTO_UDP  17
#define SLSIM_SOCK_PROTO_SEC  100
#define SLSIM_SOCK_EV_TX_FAIL 1u /**< SL_SOCKET_TX_FAILED_EVENT */
#define SLSIM_SOCK_EV_ASYNC   2u /**< SL_SOCKET_ASYNC_EVENT */
#define SLSIM_SOCK_WRONG_ROOT 5u /**< SL_SSL_NOTIFICATION_WRONG_ROOT_CA */

enum slsim_sock_state {
    SLSIM_SOCK_FREE = 0,
    SLSIM_SOCK_OPEN,           /**< created, not connected */
    SLSIM_SOCK_TCP_CONNECTING, /**< non-blocking connect() in flight */
    SLSIM_SOCK_TLS_HANDSHAKE,  /**< TCP up, TLS handshake running */
    SLSIM_SOCK_CONNECTED,      /**< usable (also: connected with a warning code) */
    SLSIM_SOCK_FAILED,         /**< connect failed; dead until sl_Close */
    SLSIM_SOCK_LISTENING,
};

/** Secure options as set (applied at connect). */
struct slsim_sock_sec {
    uint8_t method;                            /**< SL_SO_SEC_METHOD_* */
    uint32_t mask;                             /**< SL_SEC_MASK_* bits */
    char file[4][SLSIM_SOCK_OPT_MAX + 1];      /**< enum slsim_sock_file; "" = not set */
    char domain[SLSIM_SOCK_OPT_MAX + 1];       /**< "" = not set */
    uint32_t alpn;                             /**< SL_SECURE_ALPN_* bits */
    char alpn_general[SLSIM_SOCK_OPT_MAX + 1]; /**< "" = not set */
    bool store_disabled;
};

/** Files read as the NWP at connect time (freed when the connect completes). */
struct slsim_sock_files {
    uint8_t *data[4];
    size_t len[4];
    bool exists[4];
};

struct slsim_sock_slot {
    enum slsim_sock_state state;
    int fd;
    int type; /**< SLSIM_SOCK_STREAM / _DGRAM */
    bool secure;
    bool nonblocking;
    bool accepted;
    uint32_t rcvtimeo_ms;
    bool keepalive;
    uint32_t keepalive_secs;
    struct slsim_sock_sec sec;
    /* connect */
    uint32_t ip;
    uint16_t port;
    bool final_pending; /**< the final connect code has not been returned yet */
    int32_t code;       /**< final connect code (0, warning or failure) */
    bool counted;       /**< counts against the profile's secure-socket limit */
    int64_t hs_deadline;
    short want; /**< poll events the TLS layer waits for */
    struct slsim_tls *tls;
    struct slsim_sock_files files;
    struct slsim_trust_result *res; /**< findings of the last secure connect */
    struct slsim_sock_conn_params params;
    bool params_valid;
    uint16_t suites[SLSIM_SOCK_SUITE_BITS + 1];
    const char *alpn_ids[SLSIM_SOCK_ALPN_BITS + 2];
    /* data */
    uint8_t *tx;
    size_t txlen;
    size_t tls_retry; /**< length of a TLS write to repeat after WANT_WRITE */
    int32_t tx_error; /**< after a TX failure: sends return SL_ERROR_BSD_SOC_ERROR */
};

/** Parsed own credentials of one (certificate file, key file) name pair (sock_secure.c). Used
 *  again while the files hold the bytes they were parsed from (SHA-256 compared at connect). */
struct slsim_sock_creds_entry {
    char cert[SLSIM_SOCK_OPT_MAX + 1];
    char key[SLSIM_SOCK_OPT_MAX + 1];
    struct slsim_tls_creds *creds; /**< the cache's reference; NULL = free entry */
    uint64_t used;                 /**< last use (table tick), for replacement */
};

struct slsim_sock_table {
    struct slsim_sock_env env;
    struct slsim_sock_creds_entry creds[SLSIM_SOCK_CREDS_CACHE];
    uint64_t creds_tick;
    struct slsim_sock_slot slot[SLSIM_SOCK_MAX];
    struct slsim_sock_event ev[SLSIM_SOCK_EVENTS];
    unsigned nev;
};

/* ---- sock_table.c ------------------------------------------------------------------------ */

/** The slot of @p sd, or SL_ERROR_BSD_EBADF. */
int32_t slsim_sock_slot_get(struct slsim_sock_table *t, int sd, struct slsim_sock_slot **s);

/** Queues an async event (dropped when the queue is full). */
void slsim_sock_event_push(struct slsim_sock_table *t,
                           uint32_t event,
                           int sd,
                           uint8_t type,
                           int32_t val,
                           const char *extra);

/** Fills a host IPv4 address from host-order @p ip and @p port. */
void slsim_sock_addr_fill(struct sockaddr_in *a, uint32_t ip, uint16_t port);

/** Index of @p s in the table. */
int slsim_sock_sd_of(const struct slsim_sock_table *t, const struct slsim_sock_slot *s);

/* ---- sock_errno.c ------------------------------------------------------------------------ */

/** Host errno -> SL code by table (never -errno); unknown values give SL_ERROR_BSD_SOC_ERROR. */
int32_t slsim_sock_errno_to_sl(int err);

/* ---- sock_connect.c ---------------------------------------------------------------------- */

/** SL code of a TLS failure: alert n -> -(300 + n), fatal kinds by table. */
int32_t
slsim_sock_tls_code(enum slsim_tls_result r, int alert, enum slsim_tls_fatal why, bool handshake);
/* sock_alerts.c: a readable name and a fix for a handshake failure. */
void slsim_sock_handshake_text(enum slsim_tls_result r,
                               int alert,
                               enum slsim_tls_fatal why,
                               const char **name,
                               const char **fix);

/** Advances an in-progress connect: SL_ERROR_BSD_EALREADY, or 0 once it completed (the final
 *  code is then in s->code with s->final_pending set). */
int32_t slsim_sock_connect_step(struct slsim_sock_table *t, struct slsim_sock_slot *s);

/* ---- sock_secure.c ----------------------------------------------------------------------- */

/** Mask -> IANA ids (ascending bit order) the backend can do, 0-terminated; count returned. */
size_t slsim_sock_mask_suites(uint32_t mask, uint16_t *out, size_t max);

/** The SL_SEC_MASK_* bit index of @p iana, or 0xFFFFFFFF. */
uint32_t slsim_sock_suite_bit(uint16_t iana);

/** SL_SO_SECMETHOD -> version range; SL_ERROR_BSD_ESEC_NOT_COMPILED_IN for SSLv3 / DTLS. */
int32_t slsim_sock_method_versions(uint8_t method,
                                   enum slsim_tls_version *min,
                                   enum slsim_tls_version *max);

/** ALPN bits (+ general name or NULL) -> NULL-terminated ids; count returned. */
size_t slsim_sock_alpn_ids(uint32_t bits, const char *general, const char **out, size_t max);

/** Before any network I/O: local files, the secure-socket limit, method and suites. */
int32_t slsim_sock_secure_prepare(struct slsim_sock_table *t, struct slsim_sock_slot *s);

/** TCP is up: creates the TLS session. 0 or the failure code. */
int32_t slsim_sock_secure_start(struct slsim_sock_table *t, struct slsim_sock_slot *s);

/** Handshake done: findings -> code; alert + WRONG_ROOT_CA event on failure. Returns the code;
 *  *connected says whether the socket stays up. */
int32_t
slsim_sock_secure_finish(struct slsim_sock_table *t, struct slsim_sock_slot *s, bool *connected);

/** Frees the connect-time files. */
void slsim_sock_files_free(struct slsim_sock_files *f);

/** Drops the table's parsed-credentials cache (sessions keep their own references). */
void slsim_sock_creds_clear(struct slsim_sock_table *t);

/** Default secure options. */
void slsim_sock_sec_defaults(struct slsim_sock_sec *sec);

/* ---- sock_params.c ----------------------------------------------------------------------- */

/** Fills the peer-certificate part of @p p from the leaf's DER (left zero if unparsable). */
void slsim_sock_params_cert(struct slsim_sock_conn_params *p, const uint8_t *der, size_t len);

/* ---- sock_data.c ------------------------------------------------------------------------- */

/** Writes queued bytes without blocking. 0, or the failure code (also queued as an event). */
int32_t slsim_sock_flush(struct slsim_sock_table *t, struct slsim_sock_slot *s);

/** True if a receive would not block (data, TLS data decrypted, EOF, error). */
bool slsim_sock_readable(struct slsim_sock_slot *s);

#endif /* SLSIM_SOCK_SOCK_INT_H */
