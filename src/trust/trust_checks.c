/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file trust_checks.c
 * @brief Pipeline steps 8 to 12 on the verified path: dates against the device clock, domain
 *        name, pinned peer certificate, the catalog (revocations and trusted root) and no-CA.
 *
 * Dates use the device clock, never the host's (the NWP clock restarts at 2013-01-01 after a
 * reset, reference B.3); the host clock only makes the reason and fix more precise. Domain
 * matching follows the NWP: the leaf's DNS subjectAltNames, else its CN, one-label `*.`
 * wildcards, case-insensitive (SWRU455 SL_SO_SECURE_DOMAIN_NAME_VERIFICATION).
 */
#include "trust/trust.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/oid.h>

#include <ti/drivers/net/wifi/errors.h>

#include "catalog/catalog.h"
#include "trust/trust_int.h"

#include "core/banned.h"

#define DNS_NAME_TAG (MBEDTLS_ASN1_CONTEXT_SPECIFIC | 2) /* GeneralName dNSName [2] */

size_t slsim_trust_path(const struct slsim_trust_ctx *ctx,
                        struct slsim_trust_path_cert out[SLSIM_TRUST_MAX_CHAIN + 1])
{
    size_t n = 0;

    for (size_t i = 0; i < ctx->path_len && i < ctx->n_sent; i++) {
        out[n].crt = &ctx->sent[i];
        out[n].index = (int)i;
        n++;
    }
    if (ctx->root != NULL && !ctx->root_is_top) {
        out[n].crt = ctx->root;
        out[n].index = -1;
        n++;
    }
    return n;
}

static bool verified(const struct slsim_trust_ctx *ctx)
{
    return ctx->root != NULL;
}

/* ---- dates ------------------------------------------------------------------------------- */

static void date_fix(char *fix,
                     size_t size,
                     const struct slsim_trust_input *in,
                     bool host_ok,
                     bool future,
                     const char *dn)
{
    char day[16];

    slsim_trust_time_str(day, sizeof(day), in->device_time, true);
    if (in->host_time == 0) { /* no host clock to compare with */
        (void)snprintf(fix, size,
                       "check the device clock (sl_DeviceSet SL_DEVICE_GENERAL_DATE_TIME, it "
                       "reads %s) or %s '%s' on the server",
                       day, future ? "replace" : "renew", dn);
    } else if (host_ok) {
        (void)snprintf(fix, size,
                       "set the device clock (sl_DeviceSet SL_DEVICE_GENERAL_DATE_TIME) - it "
                       "reads %s",
                       day);
    } else {
        (void)snprintf(fix, size, "%s '%s' on the server: the host clock agrees",
                       future ? "use a certificate that is valid now instead of" : "renew", dn);
    }
}

static void date_warn(struct slsim_trust_ctx *ctx,
                      const struct slsim_trust_path_cert *pc,
                      int64_t from,
                      int64_t to)
{
    const struct slsim_trust_input *in = ctx->in;
    bool future = in->device_time < from;
    bool host_ok = in->host_time >= from && in->host_time <= to;
    const char *host = in->host_time == 0 ? "the host clock is not known"
                       : host_ok          ? "by the host clock it is valid"
                       : future           ? "by the host clock it is not valid yet either"
                                          : "by the host clock it expired too";
    char dn[SLSIM_TRUST_DN_SHORT];
    char edge[32];
    char dev[32];
    char fix[SLSIM_TRUST_TEXT];

    slsim_trust_dn(dn, sizeof(dn), &pc->crt->subject);
    slsim_trust_time_str(edge, sizeof(edge), future ? from : to, false);
    slsim_trust_time_str(dev, sizeof(dev), in->device_time, false);
    date_fix(fix, sizeof(fix), in, host_ok, future, dn);
    slsim_trust_add(ctx->res, SLSIM_CHECK_DATES, SLSIM_FINDING_WARN, SL_ERROR_BSD_ESECDATEERROR,
                    future ? SLSIM_X509_BADCERT_FUTURE : SLSIM_X509_BADCERT_EXPIRED, pc->index, fix,
                    "'%s' %s %s, but the device clock reads %s (%s)", dn,
                    future ? "is not valid before" : "expired", edge, dev, host);
}

void slsim_trust_check_dates(struct slsim_trust_ctx *ctx)
{
    struct slsim_trust_path_cert path[SLSIM_TRUST_MAX_CHAIN + 1];
    size_t n = 0;

    if (!verified(ctx)) {
        slsim_trust_add(ctx->res, SLSIM_CHECK_DATES, SLSIM_FINDING_SKIP, 0, 0, -1, NULL,
                        ctx->ca_ok ? "not checked: the chain did not verify"
                                   : "not checked: no CA file is set");
        return;
    }
    n = slsim_trust_path(ctx, path);
    for (size_t i = 0; i < n; i++) {
        int64_t from = slsim_trust_x509_time(&path[i].crt->valid_from);
        int64_t to = slsim_trust_x509_time(&path[i].crt->valid_to);
        char dn[SLSIM_TRUST_DN_SHORT];
        char until[32];

        if (ctx->in->device_time < from || ctx->in->device_time > to) {
            date_warn(ctx, &path[i], from, to);
            continue;
        }
        slsim_trust_dn(dn, sizeof(dn), &path[i].crt->subject);
        slsim_trust_time_str(until, sizeof(until), to, false);
        slsim_trust_add(ctx->res, SLSIM_CHECK_DATES, SLSIM_FINDING_PASS, 0, 0, path[i].index, NULL,
                        "'%s' is valid by the device clock (until %s)", dn, until);
    }
}

/* ---- domain ------------------------------------------------------------------------------ */

static bool span_equal_nocase(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen) {
        return false;
    }
    for (size_t i = 0; i < alen; i++) {
        unsigned char x = (unsigned char)a[i];
        unsigned char y = (unsigned char)b[i];

        x = (x >= 'A' && x <= 'Z') ? (unsigned char)(x + 32) : x;
        y = (y >= 'A' && y <= 'Z') ? (unsigned char)(y + 32) : y;
        if (x != y) {
            return false;
        }
    }
    return true;
}

bool slsim_trust_name_match(const char *pat, size_t plen, const char *host)
{
    size_t hlen = strlen(host);
    const char *dot = NULL;

    if (plen == 0 || hlen == 0) {
        return false;
    }
    if (plen > 2 && pat[0] == '*' && pat[1] == '.') {
        dot = memchr(host, '.', hlen);
        if (dot == NULL || dot == host) {
            return false; /* the wildcard must stand for one non-empty label */
        }
        return span_equal_nocase(pat + 2, plen - 2, dot + 1, hlen - (size_t)(dot + 1 - host));
    }
    return span_equal_nocase(pat, plen, host, hlen);
}

/* Appends "name" to a ", "-separated list; stops quietly when the buffer is full. */
static void list_add(char *list, size_t size, const unsigned char *name, size_t len)
{
    size_t used = strlen(list);
    int n = snprintf(list + used, size - used, "%s%.*s", used > 0 ? ", " : "", (int)len,
                     (const char *)name);

    if (n < 0 || (size_t)n >= size - used) {
        (void)snprintf(list + size - 4, 4, "...");
    }
}

/* Checks every candidate name; collects them in @p list for the reason. */
static bool leaf_matches(const mbedtls_x509_crt *leaf, const char *host, char *list, size_t size)
{
    bool any_dns = false;
    bool match = false;

    list[0] = '\0';
    for (const mbedtls_x509_sequence *s = &leaf->subject_alt_names; s != NULL; s = s->next) {
        if (s->buf.p == NULL || s->buf.tag != DNS_NAME_TAG) {
            continue;
        }
        any_dns = true;
        list_add(list, size, s->buf.p, s->buf.len);
        match = match || slsim_trust_name_match((const char *)s->buf.p, s->buf.len, host);
    }
    if (any_dns) {
        return match;
    }
    for (const mbedtls_x509_name *a = &leaf->subject; a != NULL; a = a->next) {
        if (a->oid.p != NULL && MBEDTLS_OID_CMP(MBEDTLS_OID_AT_CN, &a->oid) == 0) {
            list_add(list, size, a->val.p, a->val.len);
            match = match || slsim_trust_name_match((const char *)a->val.p, a->val.len, host);
        }
    }
    return match;
}

void slsim_trust_check_domain(struct slsim_trust_ctx *ctx)
{
    const char *host = ctx->in->domain;
    char names[120];
    char dn[SLSIM_TRUST_DN_SHORT];
    char fix[SLSIM_TRUST_TEXT];

    if (host == NULL || host[0] == '\0') {
        slsim_trust_add(ctx->res, SLSIM_CHECK_DOMAIN, SLSIM_FINDING_SKIP, 0, 0, -1, NULL,
                        "not checked: SL_SO_SECURE_DOMAIN_NAME_VERIFICATION is not set");
        return;
    }
    slsim_trust_dn(dn, sizeof(dn), &ctx->sent[0].subject);
    if (leaf_matches(&ctx->sent[0], host, names, sizeof(names))) {
        slsim_trust_add(ctx->res, SLSIM_CHECK_DOMAIN, SLSIM_FINDING_PASS, 0, 0, 0, NULL,
                        "'%s' matches a name of '%s' (%s)", host, dn, names);
        return;
    }
    (void)snprintf(fix, sizeof(fix),
                   "set SL_SO_SECURE_DOMAIN_NAME_VERIFICATION to a name in the certificate: %s",
                   names[0] != '\0' ? names : "(it has none)");
    slsim_trust_add(ctx->res, SLSIM_CHECK_DOMAIN, SLSIM_FINDING_FAIL,
                    SL_ERROR_BSD_ESEC_DOMAIN_NAME_MISMATCH, SLSIM_X509_BADCERT_CN_MISMATCH, 0, fix,
                    "'%s' is not a name of the server certificate '%s' (it names: %s)", host, dn,
                    names[0] != '\0' ? names : "nothing");
}

/* ---- pinned ------------------------------------------------------------------------------ */

/* The pinned file as DER: the bytes themselves, or the first PEM block decoded (malloc'd). */
static uint8_t *pinned_der(const struct slsim_trust_input *in, size_t *len)
{
    struct slsim_catalog_pem_iter it;
    uint8_t *der = NULL;

    *len = 0;
    if (in->pinned == NULL || in->pinned_len == 0 || (der = malloc(in->pinned_len)) == NULL) {
        return NULL;
    }
    if (in->pinned[0] == 0x30) {
        memcpy(der, in->pinned, in->pinned_len);
        *len = in->pinned_len;
        return der;
    }
    slsim_catalog_pem_begin(&it, in->pinned, in->pinned_len);
    if (slsim_catalog_pem_next(&it, der, in->pinned_len, len) != SLSIM_CATALOG_OK) {
        free(der);
        *len = 0;
        return NULL;
    }
    return der;
}

void slsim_trust_check_pinned(struct slsim_trust_ctx *ctx)
{
    const struct slsim_trust_input *in = ctx->in;
    size_t len = 0;
    uint8_t *der = NULL;
    char dn[SLSIM_TRUST_DN_SHORT];

    if (!in->pinned_set) {
        slsim_trust_add(ctx->res, SLSIM_CHECK_PINNED, SLSIM_FINDING_SKIP, 0, 0, -1, NULL,
                        "not checked: no pinned peer certificate is set");
        return;
    }
    slsim_trust_dn(dn, sizeof(dn), &ctx->sent[0].subject);
    der = pinned_der(in, &len);
    if (der != NULL && len == ctx->sent[0].raw.len && memcmp(der, ctx->sent[0].raw.p, len) == 0) {
        slsim_trust_add(ctx->res, SLSIM_CHECK_PINNED, SLSIM_FINDING_PASS, 0, 0, 0, NULL,
                        "the server certificate '%s' is the pinned certificate", dn);
    } else {
        slsim_trust_add(ctx->res, SLSIM_CHECK_PINNED, SLSIM_FINDING_FAIL,
                        SL_ERROR_BSD_ESECWRONGPEERCERT, SLSIM_X509_BADCERT_NOT_TRUSTED, 0,
                        "write the server's current certificate to the pinned file "
                        "(SL_SO_SECURE_FILES_PEER_CERT_OR_DH_KEY_FILE_NAME), or unset it",
                        "the server certificate '%s' is not the pinned peer certificate%s", dn,
                        der == NULL ? " (the pinned file holds no certificate)" : "");
    }
    free(der);
}

/* ---- catalog ----------------------------------------------------------------------------- */

static const char *label_of(const struct slsim_trust_input *in)
{
    return in->catalog_label != NULL ? in->catalog_label : "installed catalog";
}

/* Catalog missing or refused: no root can be known, so -468 (reference B.5). */
static bool catalog_unusable(struct slsim_trust_ctx *ctx)
{
    const struct slsim_trust_input *in = ctx->in;
    const char *fix = "install a catalog: slsim catalog install IMAGE CATALOG.lst (or set "
                      "SL_SO_SECURE_DISABLE_CERTIFICATE_STORE on the socket)";

    if (in->catalog_state == SLSIM_TRUST_CATALOG_REJECTED) {
        slsim_trust_add(ctx->res, SLSIM_CHECK_CATALOG, SLSIM_FINDING_WARN,
                        SL_ERROR_BSD_ESECUNKNOWNROOTCA, SLSIM_X509_BADCERT_NOT_TRUSTED, -1, fix,
                        "the device's catalog /sys/certstore.lst was refused (bad signature or "
                        "damaged), so no root CA is known as trusted");
        return true;
    }
    if (in->catalog_state != SLSIM_TRUST_CATALOG_OK || in->catalog == NULL) {
        slsim_trust_add(ctx->res, SLSIM_CHECK_CATALOG, SLSIM_FINDING_WARN,
                        SL_ERROR_BSD_ESECUNKNOWNROOTCA, SLSIM_X509_BADCERT_NOT_TRUSTED, -1, fix,
                        "the device has no catalog (/sys/certstore.lst is missing), so no root "
                        "CA is known as trusted");
        return true;
    }
    return false;
}

static void catalog_revoked(struct slsim_trust_ctx *ctx, const struct slsim_trust_path_cert *pc)
{
    char dn[SLSIM_TRUST_DN_SHORT];
    char fix[SLSIM_TRUST_TEXT];
    bool up = ctx->in->revoked_connected;

    slsim_trust_dn(dn, sizeof(dn), &pc->crt->subject);
    (void)snprintf(fix, sizeof(fix),
                   pc->index < 0 ? "use a root CA that is not revoked instead of '%s'"
                                 : "replace the revoked certificate '%s' on the server",
                   dn);
    slsim_trust_add(ctx->res, SLSIM_CHECK_CATALOG, up ? SLSIM_FINDING_WARN : SLSIM_FINDING_FAIL,
                    SL_ERROR_BSD_ESECCERTIFICATEREVOKED, SLSIM_X509_BADCERT_REVOKED, pc->index, fix,
                    "'%s' is on the revoked list of the device's catalog (%s)", dn,
                    label_of(ctx->in));
}

static void catalog_root(struct slsim_trust_ctx *ctx)
{
    const struct slsim_trust_input *in = ctx->in;
    char dn[SLSIM_TRUST_DN_SHORT];
    unsigned n = in->catalog->n_trusted;

    slsim_trust_dn(dn, sizeof(dn), &ctx->root->subject);
    if (slsim_catalog_find_by_digest(in->catalog, ctx->res->root_digest) == SLSIM_CATALOG_TRUSTED) {
        slsim_trust_add(ctx->res, SLSIM_CHECK_CATALOG, SLSIM_FINDING_PASS, 0, 0, -1, NULL,
                        "the root CA '%s' is in the device's catalog (%s)", dn, label_of(in));
        return;
    }
    slsim_trust_add(ctx->res, SLSIM_CHECK_CATALOG, SLSIM_FINDING_WARN,
                    SL_ERROR_BSD_ESECUNKNOWNROOTCA, SLSIM_X509_BADCERT_NOT_TRUSTED, -1,
                    "install a catalog that lists this root: slsim catalog install IMAGE "
                    "CATALOG.lst (or set SL_SO_SECURE_DISABLE_CERTIFICATE_STORE)",
                    "the root CA '%s' is not in the device's catalog (%s, %u trusted root%s)", dn,
                    label_of(in), n, n == 1 ? "" : "s");
}

void slsim_trust_check_catalog(struct slsim_trust_ctx *ctx)
{
    struct slsim_trust_path_cert path[SLSIM_TRUST_MAX_CHAIN + 1];
    size_t n = 0;

    if (!ctx->in->ca_set) {
        slsim_trust_add(ctx->res, SLSIM_CHECK_CATALOG, SLSIM_FINDING_SKIP, 0, 0, -1, NULL,
                        "not checked: without a CA file the catalog is not consulted");
        return;
    }
    if (ctx->in->store_disabled) {
        slsim_trust_add(ctx->res, SLSIM_CHECK_CATALOG, SLSIM_FINDING_PASS, 0, 0, -1, NULL,
                        "store disabled: SL_SO_SECURE_DISABLE_CERTIFICATE_STORE is set, the "
                        "catalog is not consulted");
        return;
    }
    if (!verified(ctx)) {
        slsim_trust_add(ctx->res, SLSIM_CHECK_CATALOG, SLSIM_FINDING_SKIP, 0, 0, -1, NULL,
                        "not checked: the chain did not verify");
        return;
    }
    if (catalog_unusable(ctx)) {
        return;
    }
    n = slsim_trust_path(ctx, path);
    for (size_t i = 0; i < n; i++) {
        if (slsim_catalog_find_cert(ctx->in->catalog, path[i].crt->raw.p, path[i].crt->raw.len) ==
            SLSIM_CATALOG_REVOKED) {
            catalog_revoked(ctx, &path[i]);
        }
    }
    catalog_root(ctx);
}

/* ---- no CA ------------------------------------------------------------------------------- */

void slsim_trust_check_no_ca(struct slsim_trust_ctx *ctx)
{
    const struct slsim_trust_input *in = ctx->in;
    char leaf[SLSIM_TRUST_DN_SHORT];
    char top[SLSIM_TRUST_DN_SHORT];
    char fix[SLSIM_TRUST_TEXT];
    size_t last = ctx->n_sent > 0 ? ctx->n_sent - 1 : 0;

    if (in->ca_set) {
        slsim_trust_add(ctx->res, SLSIM_CHECK_NO_CA, SLSIM_FINDING_PASS, 0, 0, -1, NULL,
                        "a CA file is set ('%s'): the server is verified",
                        in->ca_name != NULL ? in->ca_name : "(unnamed)");
        return;
    }
    slsim_trust_dn(leaf, sizeof(leaf), &ctx->sent[0].subject);
    slsim_trust_dn(top, sizeof(top), &ctx->sent[last].issuer);
    (void)snprintf(fix, sizeof(fix),
                   "set SL_SO_SECURE_FILES_CA_FILE_NAME to a file holding the root CA '%s'", top);
    slsim_trust_add(ctx->res, SLSIM_CHECK_NO_CA, SLSIM_FINDING_WARN, SL_ERROR_BSD_ESECSNOVERIFY,
                    SLSIM_X509_BADCERT_NOT_TRUSTED, -1, fix,
                    "no CA file is set, so the server '%s' was not verified (connected anyway)",
                    leaf);
}
