/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file tls_mbedtls.c
 * @brief The mbedTLS 2.28 backend of src/tls: one session per secure socket over the caller's
 *        non-blocking TCP fd. The only file of slsim that includes mbedtls/ssl.h.
 *
 * What it does not do: certificate verification (the client accepts any server chain and
 * src/trust judges it afterwards, like the NWP's "connected with warning" results), session
 * resumption, renegotiation, TLS 1.3, SSL 3.0. Credentials are parsed in tls_creds.c.
 *
 * I/O: own bio callbacks on send()/recv() with MSG_NOSIGNAL. During the handshake every record
 * mbedTLS writes is appended to a flight buffer that goes out in one send() when mbedTLS is
 * about to read, when the handshake call ends, or when it would pass
 * SLSIM_TLS_FLIGHT_MAX_BYTES; with TCP_NODELAY this avoids the Nagle / delayed-ACK stall of a
 * flight written as 3-5 small segments. After the handshake the buffer is freed and records go
 * straight to the socket (mbedTLS already writes one record per send()).
 */
#include "tls/tls.h"
#include "tls/tls_creds.h"
#include "tls/tls_int.h"

#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_ciphersuites.h>
#include <mbedtls/x509_crt.h>

#include "core/banned.h"

struct slsim_tls_be {
    mbedtls_ssl_context ssl;
    mbedtls_ssl_config conf;
    mbedtls_ctr_drbg_context drbg;
    struct slsim_tls_creds *creds; /**< one reference, or NULL (no own certificate, no CA) */
    int fd;
    enum slsim_tls_fatal io_why; /**< first TCP failure the bio callbacks saw */
    bool coalesce;               /**< handshake running: buffer whole flights */
    uint8_t *flight;             /**< buffered handshake output, freed after the handshake */
    size_t flight_off;           /**< bytes of flight already sent */
    size_t flight_len;
    size_t flight_cap;
    int *suites;       /**< 0-terminated, lives as long as conf */
    const char **alpn; /**< NULL-terminated, lives as long as conf */
};

/* ---- RNG ------------------------------------------------------------------------------------ */

/*
 * The per-session CTR_DRBG is seeded (and reseeded) straight from the kernel CSPRNG,
 * getrandom(2), which is also what mbedtls_entropy's platform source polls. A per-session
 * mbedtls_entropy_context is not used: Debian's build embeds the 32 KiB HAVEGE state in it
 * (sizeof 37,960 bytes), more than the whole 48 KiB budget of an idle session leaves.
 */
static int os_entropy(void *ctx, unsigned char *buf, size_t len)
{
    (void)ctx;
    return slsim_random(buf, len) == 0 ? 0 : MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED;
}

/* ---- bio ------------------------------------------------------------------------------------ */

static bool would_block(int err)
{
#if EAGAIN != EWOULDBLOCK
    if (err == EWOULDBLOCK) {
        return true;
    }
#endif
    return err == EAGAIN;
}

/* Records the first TCP failure: a reset peer (RST, or EPIPE after one) or anything else. */
static int io_failure(struct slsim_tls_be *be, int err, int fallback)
{
    bool reset = err == ECONNRESET || err == EPIPE || err == ECONNABORTED;
    if (be->io_why == SLSIM_TLS_FATAL_NONE) {
        be->io_why = reset ? SLSIM_TLS_FATAL_RESET : SLSIM_TLS_FATAL_OTHER;
    }
    return reset ? MBEDTLS_ERR_NET_CONN_RESET : fallback;
}

static int raw_send(struct slsim_tls_be *be, const unsigned char *buf, size_t len)
{
    for (;;) {
        ssize_t n = send(be->fd, buf, len, MSG_NOSIGNAL);
        if (n >= 0) {
            return n > INT_MAX ? INT_MAX : (int)n;
        }
        if (errno == EINTR) {
            continue;
        }
        if (would_block(errno)) {
            return MBEDTLS_ERR_SSL_WANT_WRITE;
        }
        return io_failure(be, errno, MBEDTLS_ERR_NET_SEND_FAILED);
    }
}

/* Sends the buffered flight: 0 when it is all out, else WANT_WRITE or a failure. */
static int flight_flush(struct slsim_tls_be *be)
{
    while (be->flight_off < be->flight_len) {
        int n = raw_send(be, be->flight + be->flight_off, be->flight_len - be->flight_off);
        if (n < 0) {
            return n;
        }
        be->flight_off += (size_t)n;
    }
    be->flight_off = 0;
    be->flight_len = 0;
    return 0;
}

static int flight_reserve(struct slsim_tls_be *be, size_t extra)
{
    size_t need = be->flight_len + extra;
    if (need <= be->flight_cap) {
        return 0;
    }
    size_t cap = be->flight_cap == 0 ? 2048u : be->flight_cap;
    while (cap < need) {
        cap *= 2u;
    }
    if (cap > SLSIM_TLS_FLIGHT_MAX_BYTES) {
        cap = SLSIM_TLS_FLIGHT_MAX_BYTES;
    }
    uint8_t *p = realloc(be->flight, cap);
    if (p == NULL) {
        return -1;
    }
    be->flight = p;
    be->flight_cap = cap;
    return 0;
}

static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
    struct slsim_tls_be *be = ctx;
    if (!be->coalesce) {
        return raw_send(be, buf, len);
    }
    if (be->flight_len + len > SLSIM_TLS_FLIGHT_MAX_BYTES) {
        int ret = flight_flush(be);
        if (ret < 0) {
            return ret; /* mbedTLS keeps the record and offers it again */
        }
        if (len > SLSIM_TLS_FLIGHT_MAX_BYTES) {
            return raw_send(be, buf, len);
        }
    }
    if (flight_reserve(be, len) != 0) {
        return MBEDTLS_ERR_SSL_ALLOC_FAILED;
    }
    memcpy(be->flight + be->flight_len, buf, len);
    be->flight_len += len;
    return (int)len;
}

static int raw_recv(struct slsim_tls_be *be, unsigned char *buf, size_t len)
{
    for (;;) {
        ssize_t n = recv(be->fd, buf, len, 0);
        if (n >= 0) {
            return n > INT_MAX ? INT_MAX : (int)n;
        }
        if (errno == EINTR) {
            continue;
        }
        if (would_block(errno)) {
            return MBEDTLS_ERR_SSL_WANT_READ;
        }
        return io_failure(be, errno, MBEDTLS_ERR_NET_RECV_FAILED);
    }
}

static int bio_recv(void *ctx, unsigned char *buf, size_t len)
{
    struct slsim_tls_be *be = ctx;
    /* mbedTLS reads only after writing a whole flight: this is the moment to send it. */
    int ret = flight_flush(be);
    if (ret == 0) {
        ret = raw_recv(be, buf, len);
    }
    if (ret == 0 && be->io_why == SLSIM_TLS_FATAL_NONE) {
        be->io_why = SLSIM_TLS_FATAL_EOF; /* mbedTLS turns 0 into MBEDTLS_ERR_SSL_CONN_EOF */
    }
    return ret;
}

/* ---- error mapping -------------------------------------------------------------------------- */

static const struct err_map {
    int mbed;
    enum slsim_tls_fatal why;
} err_map[] = {
    { MBEDTLS_ERR_SSL_CONN_EOF, SLSIM_TLS_FATAL_EOF },
    { MBEDTLS_ERR_NET_CONN_RESET, SLSIM_TLS_FATAL_RESET },
    { MBEDTLS_ERR_SSL_INVALID_MAC, SLSIM_TLS_FATAL_BAD_MAC },
    { MBEDTLS_ERR_SSL_BAD_HS_PROTOCOL_VERSION, SLSIM_TLS_FATAL_VERSION },
    { MBEDTLS_ERR_SSL_NO_CIPHER_CHOSEN, SLSIM_TLS_FATAL_NO_SUITE },
    { MBEDTLS_ERR_SSL_NO_USABLE_CIPHERSUITE, SLSIM_TLS_FATAL_NO_SUITE },
    { MBEDTLS_ERR_SSL_PRIVATE_KEY_REQUIRED, SLSIM_TLS_FATAL_KEY },
    { MBEDTLS_ERR_SSL_PK_TYPE_MISMATCH, SLSIM_TLS_FATAL_KEY },
    { MBEDTLS_ERR_X509_CERT_VERIFY_FAILED, SLSIM_TLS_FATAL_OTHER }, /* server: client cert */
    { MBEDTLS_ERR_SSL_INVALID_RECORD, SLSIM_TLS_FATAL_BAD_MESSAGE },
    { MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE, SLSIM_TLS_FATAL_BAD_MESSAGE },
    { MBEDTLS_ERR_SSL_UNEXPECTED_RECORD, SLSIM_TLS_FATAL_BAD_MESSAGE },
    { MBEDTLS_ERR_SSL_CERTIFICATE_TOO_LARGE, SLSIM_TLS_FATAL_BAD_MESSAGE },
    { MBEDTLS_ERR_SSL_INVALID_VERIFY_HASH, SLSIM_TLS_FATAL_BAD_MESSAGE },
    { MBEDTLS_ERR_SSL_BAD_HS_NEW_SESSION_TICKET, SLSIM_TLS_FATAL_BAD_MESSAGE },
};

static enum slsim_tls_fatal fatal_kind(const struct slsim_tls_be *be, int ret)
{
    if (ret == MBEDTLS_ERR_NET_SEND_FAILED || ret == MBEDTLS_ERR_NET_RECV_FAILED ||
        ret == MBEDTLS_ERR_SSL_CONN_EOF || ret == MBEDTLS_ERR_NET_CONN_RESET) {
        if (be->io_why != SLSIM_TLS_FATAL_NONE) {
            return be->io_why;
        }
    }
    for (size_t i = 0; i < sizeof(err_map) / sizeof(err_map[0]); i++) {
        if (err_map[i].mbed == ret) {
            return err_map[i].why;
        }
    }
    /* ssl.h numbers the BAD_HS_* codes contiguously, CLIENT_HELLO down to FINISHED. */
    if (ret <= MBEDTLS_ERR_SSL_BAD_HS_CLIENT_HELLO && ret >= MBEDTLS_ERR_SSL_BAD_HS_FINISHED) {
        return SLSIM_TLS_FATAL_BAD_MESSAGE;
    }
    /* An unparsable peer certificate comes back as an X.509 (+ ASN.1) error code. */
    int high = (-ret) & 0xFF80;
    if (high >= -MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE && high <= -MBEDTLS_ERR_X509_FATAL_ERROR) {
        return SLSIM_TLS_FATAL_BAD_MESSAGE;
    }
    return SLSIM_TLS_FATAL_OTHER;
}

/*
 * mbedTLS 2.28 has no public getter for the description of a received fatal alert. When it
 * returns MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE, mbedtls_ssl_handle_message_type() has just
 * parsed the alert record in place: in_msgtype is ALERT, in_msg[0] the level, in_msg[1] the
 * description. These are public members of mbedtls_ssl_context in 2.x (no MBEDTLS_PRIVATE);
 * revisit when moving to 3.x, where they are private.
 */
static int received_alert(const struct slsim_tls_be *be)
{
    const mbedtls_ssl_context *ssl = &be->ssl;
    if (ssl->in_msg == NULL || ssl->in_msgtype != MBEDTLS_SSL_MSG_ALERT || ssl->in_msglen < 2) {
        return -1;
    }
    return ssl->in_msg[1];
}

static enum slsim_tls_result
map_result(const struct slsim_tls_be *be, int ret, int *alert, enum slsim_tls_fatal *why)
{
    switch (ret) {
    case 0:
        return SLSIM_TLS_OK;
    case MBEDTLS_ERR_SSL_WANT_READ:
        return SLSIM_TLS_WANT_READ;
    case MBEDTLS_ERR_SSL_WANT_WRITE:
        return SLSIM_TLS_WANT_WRITE;
    case MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY:
        return SLSIM_TLS_CLOSED;
    case MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE:
        *alert = received_alert(be);
        if (*alert >= 0) {
            return SLSIM_TLS_ALERT;
        }
        *why = SLSIM_TLS_FATAL_OTHER;
        return SLSIM_TLS_FATAL;
    default:
        *why = fatal_kind(be, ret);
        return SLSIM_TLS_FATAL;
    }
}

/* ---- set-up --------------------------------------------------------------------------------- */

/* The session's reference on parsed credentials: the caller's, or its own from raw bytes. */
static int load_credentials(struct slsim_tls_be *be,
                            const struct slsim_tls_config *cfg,
                            struct slsim_diag *diag)
{
    if (cfg->creds != NULL) {
        be->creds = slsim_tls_creds_ref(cfg->creds);
        return 0;
    }
    if (cfg->own_cert == NULL && !(cfg->server && cfg->ca != NULL)) {
        return 0;
    }
    return slsim_tls_creds_new(cfg, &be->creds, diag);
}

static int conf_suites(struct slsim_tls_be *be, const uint16_t *suites)
{
    size_t n = 0;
    bool arc4 = false;
    while (suites[n] != 0) {
        const mbedtls_ssl_ciphersuite_t *cs = mbedtls_ssl_ciphersuite_from_id(suites[n]);
        arc4 = arc4 || (cs != NULL && cs->cipher == MBEDTLS_CIPHER_ARC4_128);
        n++;
    }
    be->suites = calloc(n + 1u, sizeof(*be->suites));
    if (be->suites == NULL) {
        return MBEDTLS_ERR_SSL_ALLOC_FAILED;
    }
    for (size_t i = 0; i < n; i++) {
        be->suites[i] = suites[i];
    }
    mbedtls_ssl_conf_ciphersuites(&be->conf, be->suites);
    /* The NWP offers RC4 (SL_SO_SECURE_MASK bits 0, 1, 5); 2.28 needs it switched on. */
    mbedtls_ssl_conf_arc4_support(&be->conf,
                                  arc4 ? MBEDTLS_SSL_ARC4_ENABLED : MBEDTLS_SSL_ARC4_DISABLED);
    return 0;
}

static int conf_alpn(struct slsim_tls_be *be, const char *const *alpn)
{
    size_t n = 0;
    size_t bytes = 0;
    while (alpn[n] != NULL) {
        bytes += strlen(alpn[n]) + 1u;
        n++;
    }
    const char **list = malloc((n + 1u) * sizeof(*list) + bytes);
    if (list == NULL) {
        return MBEDTLS_ERR_SSL_ALLOC_FAILED;
    }
    char *text = (char *)(list + n + 1u);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(alpn[i]) + 1u;
        memcpy(text, alpn[i], len);
        list[i] = text;
        text += len;
    }
    list[n] = NULL;
    be->alpn = list;
    return mbedtls_ssl_conf_alpn_protocols(&be->conf, list);
}

/*
 * Authentication. The client takes any chain: VERIFY_NONE, no CA. mbedTLS 2.28 then still
 * parses the server's Certificate message and keeps the chain as received (peer_chain), and
 * still verifies the ServerKeyExchange signature with the leaf's key; it skips its own chain
 * verification, host-name, key-usage / extended-key-usage and certificate-curve checks, whose
 * outcome VERIFY_OPTIONAL ignored anyway. src/trust verifies the chain afterwards.
 */
static int conf_auth(struct slsim_tls_be *be, const struct slsim_tls_config *cfg)
{
    struct slsim_tls_creds *c = be->creds;
    if (!cfg->server) {
        mbedtls_ssl_conf_authmode(&be->conf, MBEDTLS_SSL_VERIFY_NONE);
        mbedtls_ssl_conf_ca_chain(&be->conf, NULL, NULL);
    } else if (c != NULL && c->has_ca) {
        mbedtls_ssl_conf_authmode(&be->conf, MBEDTLS_SSL_VERIFY_REQUIRED);
        mbedtls_ssl_conf_ca_chain(&be->conf, &c->ca, NULL);
    } else {
        mbedtls_ssl_conf_authmode(&be->conf, MBEDTLS_SSL_VERIFY_NONE);
    }
    if (c != NULL && c->has_own) {
        return mbedtls_ssl_conf_own_cert(&be->conf, &c->cert, &c->key);
    }
    return 0;
}

static int
setup_conf(struct slsim_tls_be *be, const struct slsim_tls_config *cfg, struct slsim_diag *diag)
{
    int ret = mbedtls_ssl_config_defaults(
        &be->conf, cfg->server ? MBEDTLS_SSL_IS_SERVER : MBEDTLS_SSL_IS_CLIENT,
        MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
    if (ret != 0) {
        return slsim_tls_mbed_fail(diag, SLSIM_TLS_FATAL_OTHER, "cannot set tls defaults", ret);
    }
    mbedtls_ssl_conf_rng(&be->conf, mbedtls_ctr_drbg_random, &be->drbg);
    /* enum slsim_tls_version is the TLS minor version of major 3: 1.0 = 1 ... 1.2 = 3. */
    mbedtls_ssl_conf_min_version(&be->conf, MBEDTLS_SSL_MAJOR_VERSION_3, (int)cfg->min_version);
    mbedtls_ssl_conf_max_version(&be->conf, MBEDTLS_SSL_MAJOR_VERSION_3, (int)cfg->max_version);
    /* The NWP API has no resumption: tickets would only cost memory. No max_fragment_length
     * either: without MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH (off in Debian's build) the two 16 KiB
     * record buffers keep their size whatever the server agrees to. */
    mbedtls_ssl_conf_session_tickets(&be->conf, MBEDTLS_SSL_SESSION_TICKETS_DISABLED);
    ret = cfg->suites != NULL ? conf_suites(be, cfg->suites) : 0;
    if (ret == 0 && cfg->alpn != NULL) {
        ret = conf_alpn(be, cfg->alpn);
    }
    if (ret == 0) {
        ret = conf_auth(be, cfg);
    }
    if (ret != 0) {
        return slsim_tls_mbed_fail(diag, SLSIM_TLS_FATAL_OTHER, "cannot configure tls", ret);
    }
    return 0;
}

static int
setup_ssl(struct slsim_tls_be *be, const struct slsim_tls_config *cfg, struct slsim_diag *diag)
{
    int ret = mbedtls_ssl_setup(&be->ssl, &be->conf);
    if (ret != 0) {
        return slsim_tls_mbed_fail(diag, SLSIM_TLS_FATAL_OTHER, "cannot set up tls session", ret);
    }
    if (!cfg->server) {
        /* NULL: no SNI extension and no host-name check (SWRU455: SNI only with a domain). */
        ret = mbedtls_ssl_set_hostname(&be->ssl, cfg->sni);
        if (ret != 0) {
            return slsim_tls_mbed_fail(diag, SLSIM_TLS_FATAL_OTHER, "cannot set server name", ret);
        }
    }
    mbedtls_ssl_set_bio(&be->ssl, be, bio_send, bio_recv, NULL);
    return 0;
}

/* ---- the vtable ----------------------------------------------------------------------------- */

static void be_free(struct slsim_tls_be *be)
{
    if (be == NULL) {
        return;
    }
    mbedtls_ssl_free(&be->ssl);
    mbedtls_ssl_config_free(&be->conf);
    mbedtls_ctr_drbg_free(&be->drbg);
    slsim_tls_creds_free(be->creds);
    free(be->flight);
    free(be->suites);
    free(be->alpn);
    free(be);
}

static int be_create(const struct slsim_tls_config *cfg,
                     int fd,
                     struct slsim_tls_be **out,
                     struct slsim_diag *diag)
{
    static const unsigned char pers[] = "slsim tls session";
    int ret = -1;
    struct slsim_tls_be *be = calloc(1, sizeof(*be));
    if (be == NULL) {
        slsim_diag_set(diag, SLSIM_TLS_FATAL_OTHER, "out of memory");
        return -1;
    }
    mbedtls_ssl_init(&be->ssl);
    mbedtls_ssl_config_init(&be->conf);
    mbedtls_ctr_drbg_init(&be->drbg);
    be->fd = fd;
    be->coalesce = true;

    ret = mbedtls_ctr_drbg_seed(&be->drbg, os_entropy, NULL, pers, sizeof(pers) - 1u);
    if (ret != 0) {
        ret = slsim_tls_mbed_fail(diag, SLSIM_TLS_FATAL_OTHER, "cannot seed random generator", ret);
        goto out;
    }
    ret = load_credentials(be, cfg, diag);
    if (ret == 0) {
        ret = setup_conf(be, cfg, diag);
    }
    if (ret == 0) {
        ret = setup_ssl(be, cfg, diag);
    }
    if (ret == 0) {
        int one = 1; /* best effort: fails harmlessly on a non-TCP fd */
        (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        *out = be;
        be = NULL;
    }
out:
    be_free(be);
    return ret;
}

static enum slsim_tls_result
be_handshake(struct slsim_tls_be *be, int *alert, enum slsim_tls_fatal *why)
{
    int ret = mbedtls_ssl_handshake(&be->ssl);
    if (ret == 0) {
        ret = flight_flush(be); /* a server's last flight: CCS + Finished */
        if (ret == 0) {
            be->coalesce = false;
            free(be->flight);
            be->flight = NULL;
            be->flight_cap = 0;
        }
    } else if (ret != MBEDTLS_ERR_SSL_WANT_READ && ret != MBEDTLS_ERR_SSL_WANT_WRITE) {
        if (ret == MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE) {
            /* 2.28 fails a required-but-absent client certificate silently; say so as a
             * TLS 1.2 server does (OpenSSL: handshake_failure). */
            (void)mbedtls_ssl_send_alert_message(&be->ssl, MBEDTLS_SSL_ALERT_LEVEL_FATAL,
                                                 MBEDTLS_SSL_ALERT_MSG_HANDSHAKE_FAILURE);
        }
        (void)flight_flush(be); /* best effort: the alert mbedTLS queued on its way out */
    }
    return map_result(be, ret, alert, why);
}

static enum slsim_tls_result be_read(struct slsim_tls_be *be,
                                     void *buf,
                                     size_t len,
                                     size_t *n,
                                     int *alert,
                                     enum slsim_tls_fatal *why)
{
    int ret = mbedtls_ssl_read(&be->ssl, buf, len);
    if (ret > 0) {
        *n = (size_t)ret;
        return SLSIM_TLS_OK;
    }
    if (ret == 0) {
        ret = MBEDTLS_ERR_SSL_CONN_EOF; /* 2.28 reports a TCP EOF as a 0-byte read */
    }
    return map_result(be, ret, alert, why);
}

static enum slsim_tls_result
be_write(struct slsim_tls_be *be, const void *buf, size_t len, size_t *n, enum slsim_tls_fatal *why)
{
    int alert = -1;
    int ret = mbedtls_ssl_write(&be->ssl, buf, len);
    if (ret >= 0) {
        *n = (size_t)ret;
        return SLSIM_TLS_OK;
    }
    enum slsim_tls_result r = map_result(be, ret, &alert, why);
    if (r == SLSIM_TLS_ALERT || r == SLSIM_TLS_CLOSED) {
        *why = SLSIM_TLS_FATAL_OTHER; /* a write does not read: should not happen */
        r = SLSIM_TLS_FATAL;
    }
    return r;
}

static size_t be_peer_chain(struct slsim_tls_be *be, const uint8_t **der, size_t *len, size_t max)
{
    /* MBEDTLS_SSL_KEEP_PEER_CERTIFICATE (on in Debian's build) keeps the chain as received. */
    const mbedtls_x509_crt *crt = mbedtls_ssl_get_peer_cert(&be->ssl);
    size_t n = 0;
    for (; crt != NULL && crt->raw.p != NULL && n < max; crt = crt->next) {
        der[n] = crt->raw.p;
        len[n] = crt->raw.len;
        n++;
    }
    return n;
}

static void be_info(struct slsim_tls_be *be, struct slsim_tls_info *info)
{
    static const struct {
        const char *name;
        enum slsim_tls_version v;
    } versions[] = {
        { "TLSv1.0", SLSIM_TLS_V1_0 },
        { "TLSv1.1", SLSIM_TLS_V1_1 },
        { "TLSv1.2", SLSIM_TLS_V1_2 },
    };
    const char *v = mbedtls_ssl_get_version(&be->ssl);
    for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
        if (strcmp(v, versions[i].name) == 0) {
            info->version = versions[i].v;
        }
    }
    const char *suite = mbedtls_ssl_get_ciphersuite(&be->ssl);
    int id = suite != NULL ? mbedtls_ssl_get_ciphersuite_id(suite) : 0;
    info->suite = (uint16_t)(id > 0 && id <= UINT16_MAX ? id : 0);
    const char *alpn = mbedtls_ssl_get_alpn_protocol(&be->ssl);
    (void)snprintf(info->alpn, sizeof(info->alpn), "%s", alpn != NULL ? alpn : "");
}

static bool be_pending(struct slsim_tls_be *be)
{
    return mbedtls_ssl_get_bytes_avail(&be->ssl) > 0;
}

static void be_alert(struct slsim_tls_be *be, int alert)
{
    (void)mbedtls_ssl_send_alert_message(&be->ssl, MBEDTLS_SSL_ALERT_LEVEL_FATAL,
                                         (unsigned char)alert);
    (void)flight_flush(be);
}

static void be_close(struct slsim_tls_be *be)
{
    (void)mbedtls_ssl_close_notify(&be->ssl);
    (void)flight_flush(be);
}

static bool be_suite_usable(uint16_t iana, enum slsim_tls_version min, enum slsim_tls_version max)
{
    const mbedtls_ssl_ciphersuite_t *cs = mbedtls_ssl_ciphersuite_from_id(iana);
    return cs != NULL && cs->min_minor_ver <= (int)max && cs->max_minor_ver >= (int)min;
}

static const char *be_suite_lib_name(uint16_t iana)
{
    const mbedtls_ssl_ciphersuite_t *cs = mbedtls_ssl_ciphersuite_from_id(iana);
    return cs != NULL ? cs->name : NULL;
}

const struct slsim_tls_backend slsim_tls_mbedtls = {
    .name = "mbedtls",
    .create = be_create,
    .handshake = be_handshake,
    .read = be_read,
    .write = be_write,
    .peer_chain = be_peer_chain,
    .info = be_info,
    .pending = be_pending,
    .alert = be_alert,
    .close = be_close,
    .free = be_free,
    .suite_usable = be_suite_usable,
    .suite_lib_name = be_suite_lib_name,
};
