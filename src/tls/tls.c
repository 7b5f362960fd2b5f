/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file tls.c
 * @brief The generic TLS layer (curl vtls.c style): validates, filters cipher suites, keeps a
 *        failed session failed, names suites, and dispatches to the backend in tls_int.h.
 *
 * Not here: anything that knows a TLS library (tls_mbedtls.c), certificate verification
 * (src/trust), SL error codes (src/sock maps enum slsim_tls_result / slsim_tls_fatal).
 *
 * Defaults for a zeroed struct slsim_tls_config: min_version 0 means TLS 1.0, max_version 0
 * means TLS 1.2 (the NWP's default method, SL_SO_SEC_METHOD_SSLv3_TLSV1_2, minus SSL 3.0).
 * cfg->suites is filtered to the ids the backend can negotiate within [min, max], order kept;
 * none left fails slsim_tls_new with diag->inner = SLSIM_TLS_FATAL_NO_SUITE.
 *
 * Results: once a call returns ALERT or FATAL, every later handshake/read/write returns the same
 * (write: ALERT or FATAL with the same why); after CLOSED reads keep returning CLOSED, writes
 * go on. A FATAL after the handshake with why EOF is a TCP close without close_notify.
 * After WANT_WRITE from slsim_tls_write, call it again with the same data (mbedTLS keeps the
 * record it started and counts it on the retry).
 */
#include "tls/tls.h"
#include "tls/tls_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

struct slsim_tls {
    const struct slsim_tls_backend *be;
    struct slsim_tls_be *conn;
    bool established; /**< handshake returned OK */
    /** SLSIM_TLS_OK, or the terminal result (ALERT/FATAL/CLOSED) every later call repeats. */
    enum slsim_tls_result last;
    int last_alert;
    enum slsim_tls_fatal last_why;
};

/* The one backend (SLSIM_TLS_BACKEND has a single value today). */
static const struct slsim_tls_backend *backend(void)
{
    return &slsim_tls_mbedtls;
}

/* ---- suite names ---------------------------------------------------------------------------- */

/* IANA id -> OpenSSL name, sorted by id. The 23 NWP suites (SL_SO_SECURE_MASK bits 0-22,
 * simplelink-api.md 3.3) plus the common suites a server may pick when the list is NULL. */
static const struct suite_name {
    uint16_t iana;
    const char *name;
} suite_names[] = {
    { 0x0004, "RC4-MD5" },
    { 0x0005, "RC4-SHA" },
    { 0x000A, "DES-CBC3-SHA" },
    { 0x002F, "AES128-SHA" },
    { 0x0033, "DHE-RSA-AES128-SHA" },
    { 0x0035, "AES256-SHA" },
    { 0x0039, "DHE-RSA-AES256-SHA" },
    { 0x003C, "AES128-SHA256" },
    { 0x003D, "AES256-SHA256" },
    { 0x0067, "DHE-RSA-AES128-SHA256" },
    { 0x006B, "DHE-RSA-AES256-SHA256" },
    { 0x009C, "AES128-GCM-SHA256" },
    { 0x009D, "AES256-GCM-SHA384" },
    { 0x009E, "DHE-RSA-AES128-GCM-SHA256" },
    { 0x009F, "DHE-RSA-AES256-GCM-SHA384" },
    { 0xC009, "ECDHE-ECDSA-AES128-SHA" },
    { 0xC00A, "ECDHE-ECDSA-AES256-SHA" },
    { 0xC011, "ECDHE-RSA-RC4-SHA" },
    { 0xC013, "ECDHE-RSA-AES128-SHA" },
    { 0xC014, "ECDHE-RSA-AES256-SHA" },
    { 0xC023, "ECDHE-ECDSA-AES128-SHA256" },
    { 0xC024, "ECDHE-ECDSA-AES256-SHA384" },
    { 0xC027, "ECDHE-RSA-AES128-SHA256" },
    { 0xC028, "ECDHE-RSA-AES256-SHA384" },
    { 0xC02B, "ECDHE-ECDSA-AES128-GCM-SHA256" },
    { 0xC02C, "ECDHE-ECDSA-AES256-GCM-SHA384" },
    { 0xC02F, "ECDHE-RSA-AES128-GCM-SHA256" },
    { 0xC030, "ECDHE-RSA-AES256-GCM-SHA384" },
    { 0xCCA8, "ECDHE-RSA-CHACHA20-POLY1305" },
    { 0xCCA9, "ECDHE-ECDSA-CHACHA20-POLY1305" },
    { 0xCCAA, "DHE-RSA-CHACHA20-POLY1305" },
};

static int suite_cmp(const void *key, const void *elem)
{
    uint16_t a = *(const uint16_t *)key;
    uint16_t b = ((const struct suite_name *)elem)->iana;
    return (a > b) - (a < b);
}

const char *slsim_tls_suite_name(uint16_t iana)
{
    const struct suite_name *s =
        bsearch(&iana, suite_names, sizeof(suite_names) / sizeof(suite_names[0]),
                sizeof(suite_names[0]), suite_cmp);
    return s != NULL ? s->name : NULL;
}

bool slsim_tls_suite_supported(uint16_t iana)
{
    return iana != 0 && backend()->suite_usable(iana, SLSIM_TLS_V1_0, SLSIM_TLS_V1_2);
}

/* ---- validation ----------------------------------------------------------------------------- */

static int check_versions(struct slsim_tls_config *c, struct slsim_diag *diag)
{
    if (c->min_version == 0) {
        c->min_version = SLSIM_TLS_V1_0;
    }
    if (c->max_version == 0) {
        c->max_version = SLSIM_TLS_V1_2;
    }
    if (c->min_version < SLSIM_TLS_V1_0 || c->max_version > SLSIM_TLS_V1_2 ||
        c->min_version > c->max_version) {
        slsim_diag_set(diag, SLSIM_TLS_FATAL_VERSION, "invalid tls version range %d..%d",
                       (int)c->min_version, (int)c->max_version);
        return -1;
    }
    return 0;
}

static int check_names(const struct slsim_tls_config *c, struct slsim_diag *diag)
{
    if (c->sni != NULL && (c->sni[0] == '\0' || strlen(c->sni) > 255u)) {
        slsim_diag_set(diag, SLSIM_TLS_FATAL_OTHER, "server name must be 1 to 255 bytes");
        return -1;
    }
    size_t n = 0;
    for (; c->alpn != NULL && c->alpn[n] != NULL; n++) {
        size_t len = strlen(c->alpn[n]);
        if (len == 0 || len > 255u || n >= SLSIM_TLS_ALPN_MAX) {
            slsim_diag_set(diag, SLSIM_TLS_FATAL_OTHER, "alpn: at most %u ids of 1 to 255 bytes",
                           SLSIM_TLS_ALPN_MAX);
            return -1;
        }
    }
    return 0;
}

static int check_credentials(const struct slsim_tls_config *c, struct slsim_diag *diag)
{
    if (c->creds != NULL) {
        if (c->own_cert != NULL || c->own_key != NULL || c->ca != NULL) {
            slsim_diag_set(diag, SLSIM_TLS_FATAL_OTHER, "credentials: parsed or raw, not both");
            return -1;
        }
        if (c->server && !slsim_tls_creds_has_own(c->creds)) {
            slsim_diag_set(diag, SLSIM_TLS_FATAL_KEY, "a tls server needs a certificate and key");
            return -1;
        }
        return 0;
    }
    bool cert = c->own_cert != NULL;
    if (cert != (c->own_key != NULL) || (cert && (c->own_cert_len == 0 || c->own_key_len == 0))) {
        slsim_diag_set(diag, SLSIM_TLS_FATAL_KEY, "own certificate and key go together");
        return -1;
    }
    if (c->server && !cert) {
        slsim_diag_set(diag, SLSIM_TLS_FATAL_KEY, "a tls server needs a certificate and key");
        return -1;
    }
    if (c->ca != NULL && c->ca_len == 0) {
        slsim_diag_set(diag, SLSIM_TLS_FATAL_OTHER, "empty ca");
        return -1;
    }
    return 0;
}

/* Keeps the ids the backend can negotiate within the version range (order kept). */
static int filter_suites(struct slsim_tls_config *c, uint16_t **kept, struct slsim_diag *diag)
{
    *kept = NULL;
    if (c->suites == NULL) {
        return 0;
    }
    size_t n = 0;
    while (c->suites[n] != 0) {
        n++;
    }
    uint16_t *list = calloc(n + 1u, sizeof(*list));
    if (list == NULL) {
        slsim_diag_set(diag, SLSIM_TLS_FATAL_OTHER, "out of memory");
        return -1;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (backend()->suite_usable(c->suites[i], c->min_version, c->max_version)) {
            list[k++] = c->suites[i];
        }
    }
    if (k == 0) {
        free(list);
        slsim_diag_set(diag, SLSIM_TLS_FATAL_NO_SUITE, "no offered cipher suite is supported");
        return -1;
    }
    c->suites = list;
    *kept = list;
    return 0;
}

int slsim_tls_new(const struct slsim_tls_config *cfg,
                  int fd,
                  struct slsim_tls **out,
                  struct slsim_diag *diag)
{
    slsim_diag_clear(diag);
    if (out != NULL) {
        *out = NULL;
    }
    if (cfg == NULL || out == NULL || fd < 0) {
        slsim_diag_set(diag, SLSIM_TLS_FATAL_OTHER, "invalid argument");
        return -1;
    }
    struct slsim_tls_config c = *cfg;
    uint16_t *suites = NULL;
    if (check_versions(&c, diag) != 0 || check_names(&c, diag) != 0 ||
        check_credentials(&c, diag) != 0 || filter_suites(&c, &suites, diag) != 0) {
        return -1;
    }
    int ret = -1;
    struct slsim_tls *t = calloc(1, sizeof(*t));
    if (t == NULL) {
        slsim_diag_set(diag, SLSIM_TLS_FATAL_OTHER, "out of memory");
        goto out;
    }
    t->be = backend();
    if (t->be->create(&c, fd, &t->conn, diag) != 0) {
        goto out;
    }
    *out = t;
    t = NULL;
    ret = 0;
out:
    free(t);
    free(suites);
    return ret;
}

/* ---- results -------------------------------------------------------------------------------- */

/* Fills the out-parameters (alert only for ALERT, why only for FATAL). */
static enum slsim_tls_result report(enum slsim_tls_result r,
                                    int alert,
                                    enum slsim_tls_fatal why,
                                    int *alert_out,
                                    enum slsim_tls_fatal *why_out)
{
    if (alert_out != NULL) {
        *alert_out = r == SLSIM_TLS_ALERT ? alert : -1;
    }
    if (why_out != NULL) {
        *why_out = r == SLSIM_TLS_FATAL ? why : SLSIM_TLS_FATAL_NONE;
    }
    return r;
}

/* Remembers a terminal result, then reports it. */
static enum slsim_tls_result settle(struct slsim_tls *t,
                                    enum slsim_tls_result r,
                                    int alert,
                                    enum slsim_tls_fatal why,
                                    int *alert_out,
                                    enum slsim_tls_fatal *why_out)
{
    if (r == SLSIM_TLS_ALERT || r == SLSIM_TLS_FATAL || r == SLSIM_TLS_CLOSED) {
        t->last = r;
        t->last_alert = alert;
        t->last_why = why;
    }
    return report(r, alert, why, alert_out, why_out);
}

static enum slsim_tls_result
repeat(const struct slsim_tls *t, int *alert_out, enum slsim_tls_fatal *why_out)
{
    return report(t->last, t->last_alert, t->last_why, alert_out, why_out);
}

enum slsim_tls_result
slsim_tls_handshake(struct slsim_tls *t, int *alert, enum slsim_tls_fatal *why)
{
    int a = -1;
    enum slsim_tls_fatal w = SLSIM_TLS_FATAL_NONE;
    if (t == NULL) {
        return report(SLSIM_TLS_FATAL, a, SLSIM_TLS_FATAL_OTHER, alert, why);
    }
    if (t->last != SLSIM_TLS_OK) {
        return repeat(t, alert, why);
    }
    if (t->established) {
        return settle(t, SLSIM_TLS_OK, a, w, alert, why);
    }
    enum slsim_tls_result r = t->be->handshake(t->conn, &a, &w);
    t->established = r == SLSIM_TLS_OK;
    return settle(t, r, a, w, alert, why);
}

size_t slsim_tls_peer_chain(struct slsim_tls *t, const uint8_t **der, size_t *len, size_t max)
{
    if (t == NULL || !t->established || der == NULL || len == NULL) {
        return 0;
    }
    return t->be->peer_chain(t->conn, der, len, max);
}

void slsim_tls_get_info(struct slsim_tls *t, struct slsim_tls_info *info)
{
    if (info == NULL) {
        return;
    }
    memset(info, 0, sizeof(*info));
    if (t == NULL || !t->established) {
        return;
    }
    t->be->info(t->conn, info);
    const char *name = slsim_tls_suite_name(info->suite);
    if (name == NULL) {
        name = t->be->suite_lib_name(info->suite);
    }
    (void)snprintf(info->suite_name, sizeof(info->suite_name), "%s", name != NULL ? name : "");
}

enum slsim_tls_result slsim_tls_read(
    struct slsim_tls *t, void *buf, size_t len, size_t *n, int *alert, enum slsim_tls_fatal *why)
{
    int a = -1;
    enum slsim_tls_fatal w = SLSIM_TLS_FATAL_NONE;
    if (n != NULL) {
        *n = 0;
    }
    if (t == NULL || !t->established || buf == NULL || n == NULL) {
        return report(SLSIM_TLS_FATAL, a, SLSIM_TLS_FATAL_OTHER, alert, why);
    }
    if (t->last != SLSIM_TLS_OK) {
        return repeat(t, alert, why);
    }
    if (len == 0) {
        return settle(t, SLSIM_TLS_OK, a, w, alert, why);
    }
    enum slsim_tls_result r = t->be->read(t->conn, buf, len, n, &a, &w);
    return settle(t, r, a, w, alert, why);
}

enum slsim_tls_result slsim_tls_write(
    struct slsim_tls *t, const void *buf, size_t len, size_t *n, enum slsim_tls_fatal *why)
{
    enum slsim_tls_fatal w = SLSIM_TLS_FATAL_NONE;
    if (n != NULL) {
        *n = 0;
    }
    if (t == NULL || !t->established || (buf == NULL && len > 0) || n == NULL) {
        return report(SLSIM_TLS_FATAL, -1, SLSIM_TLS_FATAL_OTHER, NULL, why);
    }
    /* After CLOSED the peer has stopped sending, but it may still read: writes go on. */
    if (t->last == SLSIM_TLS_ALERT || t->last == SLSIM_TLS_FATAL) {
        return repeat(t, NULL, why);
    }
    if (len == 0) {
        return settle(t, SLSIM_TLS_OK, -1, w, NULL, why);
    }
    enum slsim_tls_result r = t->be->write(t->conn, buf, len, n, &w);
    return settle(t, r, -1, w, NULL, why);
}

bool slsim_tls_pending(struct slsim_tls *t)
{
    return t != NULL && t->established && t->last == SLSIM_TLS_OK && t->be->pending(t->conn);
}

void slsim_tls_send_alert(struct slsim_tls *t, int alert)
{
    if (t != NULL && alert >= 0 && alert <= 255) {
        t->be->alert(t->conn, alert);
    }
}

void slsim_tls_close_notify(struct slsim_tls *t)
{
    if (t != NULL && t->established) {
        t->be->close(t->conn);
    }
}

void slsim_tls_free(struct slsim_tls *t)
{
    if (t != NULL) {
        t->be->free(t->conn);
        free(t);
    }
}
