/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sock_secure.c
 * @brief Secure sockets: option storage, mask -> IANA suites (reference §3.3), method ->
 *        versions, ALPN bits -> ids, the TLS configuration, the local file checks before any
 *        network I/O, and the trust engine's verdict after the handshake (docs/sock.md
 *        "Secure connect pipeline", docs/trust.md).
 *
 * Not here: the state machine (sock_connect.c) and the SlSockSSLConnectionParams_t summary of
 * the peer certificate (sock_params.c).
 */
#include "sock/sock_int.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

/* SL_SO_SECURE_MASK bit n -> IANA id (reference §3.3; bits 0..22). */
static const uint16_t mask_suites[SLSIM_SOCK_SUITE_BITS] = {
    0x0005, /*  0 RC4-SHA */
    0x0004, /*  1 RC4-MD5 */
    0x0035, /*  2 AES256-SHA */
    0x0039, /*  3 DHE-RSA-AES256-SHA */
    0xC014, /*  4 ECDHE-RSA-AES256-SHA */
    0xC011, /*  5 ECDHE-RSA-RC4-SHA */
    0x003C, /*  6 AES128-SHA256 */
    0x003D, /*  7 AES256-SHA256 */
    0xC027, /*  8 ECDHE-RSA-AES128-SHA256 */
    0xC023, /*  9 ECDHE-ECDSA-AES128-SHA256 */
    0xC009, /* 10 ECDHE-ECDSA-AES128-SHA */
    0xC00A, /* 11 ECDHE-ECDSA-AES256-SHA */
    0x009C, /* 12 AES128-GCM-SHA256 */
    0x009D, /* 13 AES256-GCM-SHA384 */
    0x009E, /* 14 DHE-RSA-AES128-GCM-SHA256 */
    0x009F, /* 15 DHE-RSA-AES256-GCM-SHA384 */
    0xC02F, /* 16 ECDHE-RSA-AES128-GCM-SHA256 */
    0xC030, /* 17 ECDHE-RSA-AES256-GCM-SHA384 */
    0xC02B, /* 18 ECDHE-ECDSA-AES128-GCM-SHA256 */
    0xC02C, /* 19 ECDHE-ECDSA-AES256-GCM-SHA384 */
    0xCCA9, /* 20 ECDHE-ECDSA-CHACHA20-POLY1305 */
    0xCCA8, /* 21 ECDHE-RSA-CHACHA20-POLY1305 */
    0xCCAA, /* 22 DHE-RSA-CHACHA20-POLY1305 */
};

/* SL_SECURE_ALPN_* bit n -> protocol id (reference §3.4). */
static const char *const alpn_names[SLSIM_SOCK_ALPN_BITS] = {
    "http/1.1", "h2", "h2c", "h2-14", "h2-16",
};

size_t slsim_sock_mask_suites(uint32_t mask, uint16_t *out, size_t max)
{
    size_t n = 0;
    for (unsigned bit = 0; bit < SLSIM_SOCK_SUITE_BITS && n + 1 < max; bit++) {
        if ((mask & (1u << bit)) != 0 && slsim_tls_suite_supported(mask_suites[bit])) {
            out[n++] = mask_suites[bit];
        }
    }
    if (max > 0) {
        out[n] = 0;
    }
    return n;
}

uint32_t slsim_sock_suite_bit(uint16_t iana)
{
    for (uint32_t bit = 0; bit < SLSIM_SOCK_SUITE_BITS; bit++) {
        if (mask_suites[bit] == iana) {
            return bit;
        }
    }
    return 0xFFFFFFFFu;
}

int32_t
slsim_sock_method_versions(uint8_t method, enum slsim_tls_version *min, enum slsim_tls_version *max)
{
    switch (method) {
    case 1: /* SL_SO_SEC_METHOD_TLSV1 */
    case 2: /* SL_SO_SEC_METHOD_TLSV1_1 */
    case 3: /* SL_SO_SEC_METHOD_TLSV1_2: one version each (enum values match) */
        *min = (enum slsim_tls_version)method;
        *max = (enum slsim_tls_version)method;
        return 0;
    case SLSIM_SOCK_METHOD_DEF: /* SSLv3_TLSV1_2: SSL 3.0 is not offered (mbedTLS 2.28) */
        *min = SLSIM_TLS_V1_0;
        *max = SLSIM_TLS_V1_2;
        return 0;
    default: /* 0 SSLv3 and 5 DTLS 1.0 */
        return SL_ERROR_BSD_ESEC_NOT_COMPILED_IN;
    }
}

size_t slsim_sock_alpn_ids(uint32_t bits, const char *general, const char **out, size_t max)
{
    size_t n = 0;
    for (unsigned bit = 0; bit < SLSIM_SOCK_ALPN_BITS && n + 1 < max; bit++) {
        if ((bits & (1u << bit)) != 0) {
            out[n++] = alpn_names[bit];
        }
    }
    if (general != NULL && general[0] != '\0' && n + 1 < max) {
        out[n++] = general;
    }
    if (max > 0) {
        out[n] = NULL;
    }
    return n;
}

void slsim_sock_sec_defaults(struct slsim_sock_sec *sec)
{
    memset(sec, 0, sizeof(*sec));
    sec->method = SLSIM_SOCK_METHOD_DEF;
    sec->mask = SLSIM_SOCK_MASK_ALL;
}

void slsim_sock_files_free(struct slsim_sock_files *f)
{
    for (int i = 0; i < 4; i++) {
        free(f->data[i]);
    }
    memset(f, 0, sizeof(*f));
}

/* ---- option setters (docs/compat-deviations.md "Sockets" S1-S3) ----------------------------- */

/* The slot, if secure options may be set on it now: not UDP or accepted (-94), not listening
 * (-466), not connecting or connected (-106). Plain TCP sockets take them for sl_StartTLS. */
static int32_t sec_slot(struct slsim_sock_table *t, int sd, struct slsim_sock_slot **s)
{
    int32_t ret = slsim_sock_slot_get(t, sd, s);
    if (ret != 0) {
        return ret;
    }
    if ((*s)->type != SLSIM_SOCK_STREAM || (*s)->accepted) {
        return SL_ERROR_BSD_ESOCKTNOSUPPORT;
    }
    if ((*s)->state == SLSIM_SOCK_LISTENING) {
        return SL_ERROR_BSD_ESECNOTALLOWEDWHENLISTENING;
    }
    if ((*s)->state != SLSIM_SOCK_OPEN &&
        !((*s)->state == SLSIM_SOCK_CONNECTED && !(*s)->secure && (*s)->tls == NULL)) {
        return SL_ERROR_BSD_EISCONN;
    }
    return 0;
}

static int32_t set_text(char *dst, const char *src, size_t len)
{
    len = src != NULL ? strnlen(src, len) : 0; /* optlen may count a final NUL */
    if (len == 0 || len > SLSIM_SOCK_OPT_MAX) {
        return SL_ERROR_BSD_EINVAL;
    }
    memcpy(dst, src, len);
    dst[len] = '\0';
    return 0;
}

int32_t slsim_sock_set_secmethod(struct slsim_sock_table *t, int sd, uint8_t method)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = sec_slot(t, sd, &s);
    if (ret == 0 && method > 5) {
        ret = SL_ERROR_BSD_EINVAL;
    }
    if (ret == 0) {
        s->sec.method = method;
    }
    return ret;
}

int32_t slsim_sock_set_mask(struct slsim_sock_table *t, int sd, uint32_t mask)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = sec_slot(t, sd, &s);
    if (ret == 0 && (mask & ~SLSIM_SOCK_MASK_ALL) != 0) {
        ret = SL_ERROR_BSD_EINVAL;
    }
    if (ret == 0) {
        s->sec.mask = mask;
    }
    return ret;
}

int32_t slsim_sock_set_file(
    struct slsim_sock_table *t, int sd, enum slsim_sock_file which, const char *name, size_t len)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = sec_slot(t, sd, &s);
    if (ret == 0 && (unsigned)which > SLSIM_SOCK_FILE_PEER) {
        ret = SL_ERROR_BSD_EINVAL;
    }
    return ret == 0 ? set_text(s->sec.file[which], name, len) : ret;
}

int32_t slsim_sock_set_domain(struct slsim_sock_table *t, int sd, const char *name, size_t len)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = sec_slot(t, sd, &s);
    return ret == 0 ? set_text(s->sec.domain, name, len) : ret;
}

int32_t slsim_sock_set_alpn(struct slsim_sock_table *t, int sd, uint32_t bits)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = sec_slot(t, sd, &s);
    if (ret == 0 && (bits & ~SLSIM_SOCK_ALPN_ALL) != 0) {
        ret = SL_ERROR_BSD_EINVAL;
    }
    if (ret == 0) {
        s->sec.alpn = bits;
    }
    return ret;
}

int32_t
slsim_sock_set_alpn_general(struct slsim_sock_table *t, int sd, const char *name, size_t len)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = sec_slot(t, sd, &s);
    return ret == 0 ? set_text(s->sec.alpn_general, name, len) : ret;
}

int32_t slsim_sock_set_store_disabled(struct slsim_sock_table *t, int sd, bool disabled)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = sec_slot(t, sd, &s);
    if (ret == 0) {
        s->sec.store_disabled = disabled;
    }
    return ret;
}

int32_t slsim_sock_get_secure(
    struct slsim_sock_table *t, int sd, uint8_t *method, uint32_t *mask, uint32_t *alpn)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret == 0) {
        *method = s->sec.method;
        *mask = s->sec.mask;
        *alpn = s->sec.alpn;
    }
    return ret;
}

/* ---- connect pipeline ------------------------------------------------------------------------ */

static void load_files(struct slsim_sock_table *t, struct slsim_sock_slot *s)
{
    slsim_sock_files_free(&s->files);
    for (int i = 0; i < 4; i++) {
        if (s->sec.file[i][0] == '\0' || t->env.read_file == NULL) {
            continue;
        }
        /* Any read failure means "not there" for the NWP: -454 / -457 / -458 / -469 follow. */
        if (t->env.read_file(t->env.ctx, s->sec.file[i], &s->files.data[i], &s->files.len[i]) ==
            0) {
            s->files.exists[i] = true;
        } else {
            free(s->files.data[i]);
            s->files.data[i] = NULL;
            s->files.len[i] = 0;
        }
    }
}

static void
fill_input(struct slsim_sock_table *t, struct slsim_sock_slot *s, struct slsim_trust_input *in)
{
    memset(in, 0, sizeof(*in));
    const struct slsim_sock_files *f = &s->files;
    in->ca_set = s->sec.file[SLSIM_SOCK_FILE_CA][0] != '\0';
    in->ca_exists = f->exists[SLSIM_SOCK_FILE_CA];
    in->ca_name = in->ca_set ? s->sec.file[SLSIM_SOCK_FILE_CA] : NULL;
    in->ca = f->data[SLSIM_SOCK_FILE_CA];
    in->ca_len = f->len[SLSIM_SOCK_FILE_CA];
    in->catalog_state = SLSIM_TRUST_CATALOG_MISSING;
    if (t->env.catalog != NULL) {
        in->catalog = t->env.catalog(t->env.ctx, &in->catalog_state, &in->catalog_label);
    }
    in->store_disabled = s->sec.store_disabled;
    in->host_time = (int64_t)time(NULL);
    in->device_time = t->env.device_time != NULL ? t->env.device_time(t->env.ctx) : in->host_time;
    in->domain = s->sec.domain[0] != '\0' ? s->sec.domain : NULL;
    in->pinned_set = s->sec.file[SLSIM_SOCK_FILE_PEER][0] != '\0';
    in->pinned = f->data[SLSIM_SOCK_FILE_PEER];
    in->pinned_len = f->len[SLSIM_SOCK_FILE_PEER];
    in->pem_multi_root = t->env.pem_multi_root;
    in->revoked_connected = t->env.revoked_connected;
}

/* Secure sockets connecting (from the TCP connect on) or connected. */
static unsigned count_secure(const struct slsim_sock_table *t)
{
    unsigned n = 0;
    for (int i = 0; i < SLSIM_SOCK_MAX; i++) {
        n += t->slot[i].counted ? 1u : 0u;
    }
    return n;
}

static int32_t check_limits(struct slsim_sock_table *t, struct slsim_sock_slot *s)
{
    unsigned max = t->env.max_secure > 0 ? t->env.max_secure : SLSIM_SOCK_MAX;
    unsigned used = count_secure(t);
    if (used >= max) {
        slsim_trust_add(s->res, SLSIM_CHECK_SOCKETS, SLSIM_FINDING_FAIL,
                        SL_ERROR_BSD_ESECT00MANYSSLOPENED, 0, -1,
                        "close a secure socket first (sl_Close)",
                        "%u secure sockets are already open; this device allows %u", used, max);
        return SL_ERROR_BSD_ESECT00MANYSSLOPENED;
    }
    slsim_trust_add(s->res, SLSIM_CHECK_SOCKETS, SLSIM_FINDING_PASS, 0, 0, -1, "",
                    "secure socket %u of %u", used + 1, max);
    enum slsim_tls_version lo = SLSIM_TLS_V1_0;
    enum slsim_tls_version hi = SLSIM_TLS_V1_2;
    int32_t ret = slsim_sock_method_versions(s->sec.method, &lo, &hi);
    if (ret < 0) {
        slsim_trust_add(s->res, SLSIM_CHECK_HANDSHAKE, SLSIM_FINDING_FAIL, ret, 0, -1,
                        "use SL_SO_SEC_METHOD_TLSV1_2 or the default method",
                        "SL_SO_SECMETHOD %u (SSL 3.0 / DTLS) is not available",
                        (unsigned)s->sec.method);
        return ret;
    }
    if (slsim_sock_mask_suites(s->sec.mask, s->suites, SLSIM_SOCK_SUITE_BITS + 1) == 0) {
        slsim_trust_add(s->res, SLSIM_CHECK_HANDSHAKE, SLSIM_FINDING_FAIL,
                        SL_ERROR_BSD_ESEC_UNSUPPORTED_SUITE, 0, -1,
                        "allow a suite slsim supports (see docs/compat-deviations.md)",
                        "SL_SO_SECURE_MASK 0x%06lx leaves no supported cipher suite",
                        (unsigned long)s->sec.mask);
        return SL_ERROR_BSD_ESEC_UNSUPPORTED_SUITE;
    }
    return 0;
}

/* True when the credentials cache holds these file names with exactly these bytes: the pair
 * check passed for them at an earlier connect and need not run again. */
static bool own_pair_known(const struct slsim_sock_table *t, const struct slsim_sock_slot *s)
{
    const struct slsim_sock_files *f = &s->files;
    for (unsigned i = 0; i < SLSIM_SOCK_CREDS_CACHE; i++) {
        const struct slsim_sock_creds_entry *e = &t->creds[i];
        if (e->creds != NULL && strcmp(e->cert, s->sec.file[SLSIM_SOCK_FILE_CERT]) == 0 &&
            strcmp(e->key, s->sec.file[SLSIM_SOCK_FILE_KEY]) == 0) {
            return slsim_tls_creds_same(e->creds, f->data[SLSIM_SOCK_FILE_CERT],
                                        f->len[SLSIM_SOCK_FILE_CERT], f->data[SLSIM_SOCK_FILE_KEY],
                                        f->len[SLSIM_SOCK_FILE_KEY]);
        }
    }
    return false;
}

int32_t slsim_sock_secure_prepare(struct slsim_sock_table *t, struct slsim_sock_slot *s)
{
    if (s->res == NULL) {
        s->res = malloc(sizeof(*s->res));
        if (s->res == NULL) {
            return SL_ERROR_BSD_ENOMEM;
        }
    }
    slsim_trust_init(s->res);
    s->params_valid = false;
    load_files(t, s);
    struct slsim_trust_input in;
    fill_input(t, s, &in);
    in.own_pair_verified = own_pair_known(t, s);
    const struct slsim_sock_files *f = &s->files;
    int32_t ret = slsim_trust_check_local(
        s->res, &in, f->data[SLSIM_SOCK_FILE_CERT], f->len[SLSIM_SOCK_FILE_CERT],
        s->sec.file[SLSIM_SOCK_FILE_CERT][0] != '\0', f->data[SLSIM_SOCK_FILE_KEY],
        f->len[SLSIM_SOCK_FILE_KEY], s->sec.file[SLSIM_SOCK_FILE_KEY][0] != '\0');
    if (ret == 0) {
        ret = check_limits(t, s);
    }
    if (ret < 0) {
        s->res->code = ret;
        s->res->connected = false;
        return ret;
    }
    s->counted = true;
    return 0;
}

/* Why slsim_tls_new() refused (its diag.inner is an enum slsim_tls_fatal). */
static int32_t new_code(const struct slsim_diag *d)
{
    switch (d->inner) {
    case SLSIM_TLS_FATAL_KEY:
        return SL_ERROR_BSD_ESECBADPRIVATEFILE;
    case SLSIM_TLS_FATAL_NO_SUITE:
        return SL_ERROR_BSD_ESEC_UNSUPPORTED_SUITE;
    default:
        return SL_ERROR_BSD_ESECGENERAL;
    }
}

/* ---- parsed credentials, cached per (certificate file, key file) ---------------------------- */

void slsim_sock_creds_clear(struct slsim_sock_table *t)
{
    for (unsigned i = 0; i < SLSIM_SOCK_CREDS_CACHE; i++) {
        slsim_tls_creds_free(t->creds[i].creds);
        memset(&t->creds[i], 0, sizeof(t->creds[i]));
    }
}

/* The entry for the slot's file names, else a free or the least recently used one (emptied). */
static struct slsim_sock_creds_entry *creds_entry(struct slsim_sock_table *t,
                                                  const struct slsim_sock_slot *s)
{
    const char *cert = s->sec.file[SLSIM_SOCK_FILE_CERT];
    const char *key = s->sec.file[SLSIM_SOCK_FILE_KEY];
    struct slsim_sock_creds_entry *victim = &t->creds[0];
    for (unsigned i = 0; i < SLSIM_SOCK_CREDS_CACHE; i++) {
        struct slsim_sock_creds_entry *e = &t->creds[i];
        if (e->creds != NULL && strcmp(e->cert, cert) == 0 && strcmp(e->key, key) == 0) {
            return e;
        }
        if (victim->creds != NULL && (e->creds == NULL || e->used < victim->used)) {
            victim = e;
        }
    }
    slsim_tls_creds_free(victim->creds);
    memset(victim, 0, sizeof(*victim));
    (void)snprintf(victim->cert, sizeof(victim->cert), "%s", cert);
    (void)snprintf(victim->key, sizeof(victim->key), "%s", key);
    return victim;
}

/*
 * The parsed credentials for the files read at this connect: the cached ones while the files
 * hold the same bytes, else parsed now and cached. The pair check is not repeated:
 * slsim_sock_secure_prepare() ran src/trust's (-458) on these very bytes.
 */
static int32_t
own_creds(struct slsim_sock_table *t, struct slsim_sock_slot *s, struct slsim_tls_creds **out)
{
    const struct slsim_sock_files *f = &s->files;
    const uint8_t *cert = f->data[SLSIM_SOCK_FILE_CERT];
    const uint8_t *key = f->data[SLSIM_SOCK_FILE_KEY];
    size_t cert_len = f->len[SLSIM_SOCK_FILE_CERT];
    size_t key_len = f->len[SLSIM_SOCK_FILE_KEY];
    struct slsim_sock_creds_entry *e = creds_entry(t, s);
    if (e->creds != NULL && !slsim_tls_creds_same(e->creds, cert, cert_len, key, key_len)) {
        slsim_tls_creds_free(e->creds); /* a file changed: sessions keep their reference */
        e->creds = NULL;
    }
    if (e->creds == NULL) {
        struct slsim_tls_config src;
        memset(&src, 0, sizeof(src));
        src.own_cert = cert;
        src.own_cert_len = cert_len;
        src.own_key = key;
        src.own_key_len = key_len;
        src.pair_checked = true;
        struct slsim_diag diag;
        if (slsim_tls_creds_new(&src, &e->creds, &diag) != 0) {
            return new_code(&diag);
        }
    }
    e->used = ++t->creds_tick;
    *out = e->creds;
    return 0;
}

/* Own certificate and key into @p cfg: parsed (cached) when both files exist, else the raw
 * bytes of the one there is, which slsim_tls_new() refuses as before (-458). */
static int32_t
own_credentials(struct slsim_sock_table *t, struct slsim_sock_slot *s, struct slsim_tls_config *cfg)
{
    const struct slsim_sock_files *f = &s->files;
    bool cert = f->exists[SLSIM_SOCK_FILE_CERT] && f->len[SLSIM_SOCK_FILE_CERT] > 0;
    bool key = f->exists[SLSIM_SOCK_FILE_KEY] && f->len[SLSIM_SOCK_FILE_KEY] > 0;
    if (cert && key) {
        return own_creds(t, s, &cfg->creds);
    }
    if (f->exists[SLSIM_SOCK_FILE_CERT] || f->exists[SLSIM_SOCK_FILE_KEY]) {
        cfg->own_cert = f->data[SLSIM_SOCK_FILE_CERT];
        cfg->own_cert_len = f->len[SLSIM_SOCK_FILE_CERT];
        cfg->own_key = f->data[SLSIM_SOCK_FILE_KEY];
        cfg->own_key_len = f->len[SLSIM_SOCK_FILE_KEY];
        cfg->pair_checked = true;
    }
    return 0;
}

int32_t slsim_sock_secure_start(struct slsim_sock_table *t, struct slsim_sock_slot *s)
{
    struct slsim_tls_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    (void)slsim_sock_method_versions(s->sec.method, &cfg.min_version, &cfg.max_version);
    cfg.suites = s->suites;
    cfg.sni = s->sec.domain[0] != '\0' ? s->sec.domain : NULL; /* the domain option is SNI */
    if (slsim_sock_alpn_ids(s->sec.alpn, s->sec.alpn_general, s->alpn_ids,
                            SLSIM_SOCK_ALPN_BITS + 2) > 0) {
        cfg.alpn = s->alpn_ids;
    }
    int32_t ret = own_credentials(t, s, &cfg);
    if (ret != 0) {
        return ret;
    }
    struct slsim_diag diag;
    slsim_diag_clear(&diag);
    if (slsim_tls_new(&cfg, s->fd, &s->tls, &diag) != 0) {
        return new_code(&diag);
    }
    s->hs_deadline = slsim_sock_now_ms() + (int64_t)t->env.handshake_timeout_ms;
    s->want = POLLOUT;
    s->state = SLSIM_SOCK_TLS_HANDSHAKE;
    return 0;
}

/* The alert the client sends when it rejects the server: bad_certificate (42) for a domain or
 * pinning mismatch, unknown_ca (48) for chain, anchor and catalog problems (docs/sock.md). */
static int reject_alert(const struct slsim_trust_result *res)
{
    for (size_t i = 0; i < res->n; i++) {
        const struct slsim_finding *f = &res->findings[i];
        if (f->status == SLSIM_FINDING_FAIL) {
            return f->check == SLSIM_CHECK_DOMAIN || f->check == SLSIM_CHECK_PINNED ? 42 : 48;
        }
    }
    return 48;
}

/* SlSockSSLConnectionParams_t content of a session that stays up. */
static void fill_params(struct slsim_sock_slot *s,
                        const struct slsim_tls_info *info,
                        const struct slsim_trust_input *in)
{
    struct slsim_sock_conn_params *p = &s->params;
    memset(p, 0, sizeof(*p));
    p->version = (uint32_t)info->version; /* enum values are the SL_SO_SEC_METHOD_* ones */
    p->suite_iana = info->suite;
    p->suite_bit = slsim_sock_suite_bit(info->suite);
    int32_t code = s->res->code;
    p->peer_verified = code == 0 || code == SL_ERROR_BSD_ESECDATEERROR ||
                       code == SL_ERROR_BSD_ESECCERTIFICATEREVOKED ||
                       code == SL_ERROR_BSD_ESECUNKNOWNROOTCA;
    for (unsigned bit = 0; bit < SLSIM_SOCK_ALPN_BITS && info->alpn[0] != '\0'; bit++) {
        if ((s->sec.alpn & (1u << bit)) != 0 && strcmp(info->alpn, alpn_names[bit]) == 0) {
            p->alpn_bit = 1u << bit;
        }
    }
    if (p->alpn_bit == 0 && info->alpn[0] != '\0' && strcmp(info->alpn, s->sec.alpn_general) == 0) {
        (void)snprintf(p->alpn_general, sizeof(p->alpn_general), "%s", info->alpn);
    }
    if (in->chain_count > 0) {
        slsim_sock_params_cert(p, in->chain[0], in->chain_len[0]);
    }
    s->params_valid = true;
}

int32_t
slsim_sock_secure_finish(struct slsim_sock_table *t, struct slsim_sock_slot *s, bool *connected)
{
    struct slsim_tls_info info;
    slsim_tls_get_info(s->tls, &info);
    slsim_trust_add(s->res, SLSIM_CHECK_HANDSHAKE, SLSIM_FINDING_PASS, 0, 0, -1, "",
                    "tls 1.%d handshake done, suite %s (0x%04x)%s%s", (int)info.version - 1,
                    info.suite_name, (unsigned)info.suite, info.alpn[0] ? ", alpn " : "",
                    info.alpn);
    struct slsim_trust_input in;
    fill_input(t, s, &in);
    in.chain_count = slsim_tls_peer_chain(s->tls, in.chain, in.chain_len, SLSIM_TRUST_MAX_CHAIN);
    slsim_trust_evaluate(&in, s->res);
    int32_t code = s->res->code;
    *connected = s->res->connected;
    if (!*connected) {
        slsim_tls_send_alert(s->tls, reject_alert(s->res));
    }
    if (code == SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E) {
        slsim_sock_event_push(t, SLSIM_SOCK_EV_ASYNC, slsim_sock_sd_of(t, s), SLSIM_SOCK_WRONG_ROOT,
                              code, s->res->expected_issuer);
    }
    if (*connected) {
        fill_params(s, &info, &in);
    }
    return code;
}
