/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file trust_chain.c
 * @brief The post-handshake pipeline (slsim_trust_evaluate) and its first three steps: the
 *        certificates the server sent (peer-cert), the links between them (chain) and the CA
 *        file's root above them (anchor).
 *
 * The chain is followed from the leaf while the next certificate's subject equals the current
 * issuer, byte for byte, as the NWP's wolfSSL-derived stack does; certificates after the first
 * break are ignored. Signatures are checked one link at a time with the child's own digest and
 * algorithm (mbedtls_pk_verify_ext); mbedtls_x509_crt_verify() is not used, because its rules
 * (profiles, key usage, its own trust list) are not the NWP's.
 */
#include "trust/trust.h"

#include <stdio.h>
#include <string.h>

#include <mbedtls/md.h>
#include <mbedtls/oid.h>
#include <mbedtls/sha256.h>

#include <ti/drivers/net/wifi/errors.h>

#include "trust/trust_int.h"
#include "core/core.h"

#include "core/banned.h"

bool slsim_trust_raw_equal(const mbedtls_x509_buf *a, const mbedtls_x509_buf *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->p, b->p, a->len) == 0);
}

bool slsim_trust_signed_by(const mbedtls_x509_crt *child, const mbedtls_x509_crt *parent)
{
    unsigned char hash[MBEDTLS_MD_MAX_SIZE];
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(child->sig_md);
    /* mbedTLS 2.28 takes a non-const context for a verify that only reads it. */
    mbedtls_pk_context *pk = (mbedtls_pk_context *)(uintptr_t)&parent->pk;

    if (md == NULL || !mbedtls_pk_can_do(pk, child->sig_pk) ||
        mbedtls_md(md, child->tbs.p, child->tbs.len, hash) != 0) {
        return false;
    }
    return mbedtls_pk_verify_ext(child->sig_pk, child->sig_opts, pk, child->sig_md, hash,
                                 mbedtls_md_get_size(md), child->sig.p, child->sig.len) == 0;
}

static bool self_issued(const mbedtls_x509_crt *c)
{
    return slsim_trust_raw_equal(&c->subject_raw, &c->issuer_raw);
}

static void
time_pair(char *buf, size_t size, const struct slsim_trust_input *in, int64_t from, int64_t to)
{
    const char *dev = in->device_time < from ? "not yet valid"
                      : in->device_time > to ? "expired"
                                             : "valid";
    const char *host = in->host_time < from ? "not yet valid"
                       : in->host_time > to ? "expired"
                                            : "valid";

    if (in->host_time == 0) { /* host clock not given */
        (void)snprintf(buf, size, "device clock: %s", dev);
        return;
    }
    (void)snprintf(buf, size, "device clock: %s, host clock: %s", dev, host);
}

static void peer_info(struct slsim_trust_ctx *ctx, size_t i)
{
    const mbedtls_x509_crt *c = &ctx->sent[i];
    char subj[SLSIM_TRUST_DN_SHORT];
    char iss[SLSIM_TRUST_DN_SHORT];
    char from[16];
    char to[16];
    char when[80];
    char alg[48];
    int64_t t0 = slsim_trust_x509_time(&c->valid_from);
    int64_t t1 = slsim_trust_x509_time(&c->valid_to);

    slsim_trust_dn(subj, sizeof(subj), &c->subject);
    slsim_trust_dn(iss, sizeof(iss), &c->issuer);
    slsim_trust_time_str(from, sizeof(from), t0, true);
    slsim_trust_time_str(to, sizeof(to), t1, true);
    time_pair(when, sizeof(when), ctx->in, t0, t1);
    if (mbedtls_x509_sig_alg_gets(alg, sizeof(alg), &c->sig_oid, c->sig_pk, c->sig_md,
                                  c->sig_opts) < 0) {
        (void)snprintf(alg, sizeof(alg), "%s", "unknown signature");
    }
    slsim_trust_add(ctx->res, SLSIM_CHECK_PEER_CERT, SLSIM_FINDING_INFO, 0, 0, (int)i, NULL,
                    "#%zu '%s' issued by '%s'; %s..%s (%s); key %s %zu-bit; signed %s", i, subj,
                    iss, from, to, when, mbedtls_pk_get_name(&c->pk), mbedtls_pk_get_bitlen(&c->pk),
                    alg);
}

int slsim_trust_check_peer(struct slsim_trust_ctx *ctx)
{
    const struct slsim_trust_input *in = ctx->in;
    size_t n = in->chain_count < SLSIM_TRUST_MAX_CHAIN ? in->chain_count : SLSIM_TRUST_MAX_CHAIN;

    if (n == 0) {
        slsim_trust_add(ctx->res, SLSIM_CHECK_PEER_CERT, SLSIM_FINDING_FAIL,
                        SL_ERROR_BSD_ESEC_NO_PEER_CERT, SLSIM_X509_BADCERT_MISSING, -1,
                        "configure the server to send its certificate chain",
                        "the server sent no certificate");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        int rc = 0;

        mbedtls_x509_crt_init(&ctx->sent[i]);
        ctx->n_sent = i + 1;
        rc = mbedtls_x509_crt_parse_der(&ctx->sent[i], in->chain[i], in->chain_len[i]);
        if (rc != 0) {
            slsim_trust_add(ctx->res, SLSIM_CHECK_PEER_CERT, SLSIM_FINDING_FAIL,
                            SL_ERROR_BSD_ESEC_ASN_PARSE_E, SLSIM_X509_BADCERT_OTHER, (int)i,
                            "fix the server's certificate file: every certificate it sends must "
                            "be valid DER X.509",
                            "certificate #%zu sent by the server is not valid X.509 (mbedTLS "
                            "-0x%04x)",
                            i, (unsigned)-rc);
            return -1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        peer_info(ctx, i);
    }
    return 0;
}

static size_t follow(const struct slsim_trust_ctx *ctx)
{
    size_t i = 0;

    while (i + 1 < ctx->n_sent && !self_issued(&ctx->sent[i]) &&
           slsim_trust_raw_equal(&ctx->sent[i + 1].subject_raw, &ctx->sent[i].issuer_raw)) {
        i++;
    }
    return i + 1;
}

static void link_fail(struct slsim_trust_ctx *ctx, size_t child, bool not_ca)
{
    char c[SLSIM_TRUST_DN_SHORT];
    char p[SLSIM_TRUST_DN_SHORT];
    char fix[SLSIM_TRUST_TEXT];
    const mbedtls_x509_crt *pc = &ctx->sent[child + 1];

    slsim_trust_dn(c, sizeof(c), &ctx->sent[child].subject);
    slsim_trust_dn(p, sizeof(p), &pc->subject);
    if (not_ca) {
        (void)snprintf(fix, sizeof(fix),
                       "reissue '%s' with basicConstraints CA:TRUE, or send the real CA that "
                       "issued '%s'",
                       p, c);
        slsim_trust_add(
            ctx->res, SLSIM_CHECK_CHAIN, SLSIM_FINDING_FAIL, SL_ERROR_BSD_ESEC_NOT_CA_ERROR,
            SLSIM_X509_BADCERT_NOT_TRUSTED, (int)child + 1, fix,
            "'%s' issued '%s' but is not a CA (basicConstraints %s)", p, c,
            (pc->ext_types & MBEDTLS_X509_EXT_BASIC_CONSTRAINTS) ? "CA:FALSE" : "missing");
        return;
    }
    (void)snprintf(fix, sizeof(fix),
                   "install on the server the intermediate '%s' whose key signed '%s'", p, c);
    slsim_trust_add(ctx->res, SLSIM_CHECK_CHAIN, SLSIM_FINDING_FAIL,
                    SL_ERROR_BSD_ESEC_ASN_SIG_CONFIRM_E, SLSIM_X509_BADCERT_NOT_TRUSTED, (int)child,
                    fix, "the signature on '%s' does not verify with the key of '%s' sent above it",
                    c, p);
}

static bool depth_ok(struct slsim_trust_ctx *ctx)
{
    unsigned max = ctx->in->max_depth != 0 ? ctx->in->max_depth : SLSIM_TRUST_DEFAULT_DEPTH;

    if (ctx->path_len <= max) {
        return true;
    }
    slsim_trust_add(ctx->res, SLSIM_CHECK_CHAIN, SLSIM_FINDING_FAIL,
                    SL_ERROR_BSD_ESEC_MAX_CHAIN_ERROR, SLSIM_X509_BADCERT_OTHER, (int)max,
                    "send a shorter chain from the server: the leaf and its intermediates, "
                    "without cross-signed extras",
                    "the server's chain is %zu certificates long; the device accepts at most %u",
                    ctx->path_len, max);
    return false;
}

void slsim_trust_check_chain(struct slsim_trust_ctx *ctx)
{
    ctx->path_len = follow(ctx);
    if (!depth_ok(ctx)) {
        return;
    }
    for (size_t i = 0; i + 1 < ctx->path_len; i++) {
        if (!ctx->sent[i + 1].ca_istrue) {
            link_fail(ctx, i, true);
            return;
        }
        if (!slsim_trust_signed_by(&ctx->sent[i], &ctx->sent[i + 1])) {
            link_fail(ctx, i, false);
            return;
        }
    }
    ctx->chain_ok = true;
    slsim_trust_add(ctx->res, SLSIM_CHECK_CHAIN, SLSIM_FINDING_PASS, 0, 0, -1, NULL,
                    "the server sent %zu certificate(s): %zu link(s) verified, %zu extra "
                    "ignored",
                    ctx->n_sent, ctx->path_len - 1, ctx->n_sent - ctx->path_len);
}

/* A CC3220 reads only the first certificate of a PEM CA file: is the right root further down? */
static size_t ignored_match(const struct slsim_trust_ctx *ctx, const mbedtls_x509_crt *top)
{
    for (size_t i = ctx->ca.n_roots; i < ctx->ca.n_certs; i++) {
        const mbedtls_x509_crt *r = slsim_trust_ca_cert(&ctx->ca, i);

        if (r != NULL && slsim_trust_raw_equal(&r->subject_raw, &top->issuer_raw)) {
            return i + 1;
        }
    }
    return 0;
}

static void no_signer_fix(char *fix,
                          size_t size,
                          const struct slsim_trust_ctx *ctx,
                          const mbedtls_x509_crt *top,
                          size_t later)
{
    const char *name = ctx->in->ca_name != NULL ? ctx->in->ca_name : "(unnamed)";
    char want[44];
    char topdn[44];
    char held[44];

    slsim_trust_dn(want, sizeof(want), &top->issuer);
    slsim_trust_dn(topdn, sizeof(topdn), &top->subject);
    slsim_trust_dn(held, sizeof(held), &ctx->ca.certs.subject);
    if (later != 0) {
        (void)slsim_fmt(fix, size,
                        "put '%s' first in '%s': this device (CC3220) reads only the first "
                        "certificate of a PEM CA file",
                        want, name);
    } else if (!top->ca_istrue) {
        /* The top is the server's own certificate: its issuer may be a root or an
         * intermediate the server did not send. */
        (void)slsim_fmt(fix, size,
                        "name the CA '%s' that issued '%s' as the CA file (if it is an "
                        "intermediate, send it from the server): '%s' holds '%s'",
                        want, topdn, name, held);
    } else {
        (void)slsim_fmt(fix, size,
                        "name the root CA '%s' (it issued '%s') as the CA file: '%s' holds '%s'",
                        want, topdn, name, held);
    }
}

static void anchor_no_signer(struct slsim_trust_ctx *ctx, const mbedtls_x509_crt *top)
{
    char want[SLSIM_TRUST_DN_SHORT];
    char topdn[SLSIM_TRUST_DN_SHORT];
    char held[SLSIM_TRUST_DN_SHORT];
    char fix[SLSIM_TRUST_TEXT];
    char note[64] = "";
    char full[512];
    size_t later = ignored_match(ctx, top);

    /* The SL_SSL_NOTIFICATION_WRONG_ROOT_CA text: the whole DN, cut at 127 characters. */
    slsim_trust_dn(full, sizeof(full), &top->issuer);
    (void)snprintf(ctx->res->expected_issuer, sizeof(ctx->res->expected_issuer), "%.127s", full);
    slsim_trust_dn(want, sizeof(want), &top->issuer);
    slsim_trust_dn(topdn, sizeof(topdn), &top->subject);
    slsim_trust_dn(held, sizeof(held), &ctx->ca.certs.subject);
    no_signer_fix(fix, sizeof(fix), ctx, top, later);
    if (later != 0) {
        (void)snprintf(note, sizeof(note), "; the right root, #%zu, is ignored by CC3220", later);
    }
    slsim_trust_add(
        ctx->res, SLSIM_CHECK_ANCHOR, SLSIM_FINDING_FAIL, SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E,
        SLSIM_X509_BADCERT_NOT_TRUSTED, (int)ctx->path_len - 1, fix,
        "'%s' was issued by '%s', not by the CA file's '%s'%s", topdn, want, held, note);
}

static void anchor_fail(struct slsim_trust_ctx *ctx,
                        const mbedtls_x509_crt *top,
                        const mbedtls_x509_crt *root,
                        bool not_ca)
{
    char r[SLSIM_TRUST_DN_SHORT];
    char t[SLSIM_TRUST_DN_SHORT];
    char fix[SLSIM_TRUST_TEXT];

    slsim_trust_dn(r, sizeof(r), &root->subject);
    slsim_trust_dn(t, sizeof(t), &top->subject);
    if (not_ca) {
        (void)snprintf(fix, sizeof(fix),
                       "use a CA certificate (basicConstraints CA:TRUE) as the CA file instead of "
                       "'%s'",
                       r);
        slsim_trust_add(ctx->res, SLSIM_CHECK_ANCHOR, SLSIM_FINDING_FAIL,
                        SL_ERROR_BSD_ESEC_NOT_CA_ERROR, SLSIM_X509_BADCERT_NOT_TRUSTED, -1, fix,
                        "the CA file's certificate '%s' anchors '%s' but is not a CA "
                        "(basicConstraints missing or CA:FALSE)",
                        r, t);
        return;
    }
    (void)snprintf(fix, sizeof(fix),
                   "replace the CA file with the root CA whose key signed '%s' (same name '%s', "
                   "other key)",
                   t, r);
    slsim_trust_add(
        ctx->res, SLSIM_CHECK_ANCHOR, SLSIM_FINDING_FAIL, SL_ERROR_BSD_ESEC_ASN_SIG_CONFIRM_E,
        SLSIM_X509_BADCERT_NOT_TRUSTED, (int)ctx->path_len - 1, fix,
        "the CA file's root '%s' has the right name, but its key did not sign '%s'", r, t);
}

/* The root that anchors @p top: the same certificate, else one named as its issuer whose key
 * verifies its signature. *named receives the first root with the right name. */
static const mbedtls_x509_crt *
find_root(struct slsim_trust_ctx *ctx, const mbedtls_x509_crt *top, const mbedtls_x509_crt **named)
{
    *named = NULL;
    for (size_t i = 0; i < ctx->ca.n_roots; i++) {
        const mbedtls_x509_crt *r = slsim_trust_ca_cert(&ctx->ca, i);

        if (r != NULL && slsim_trust_raw_equal(&r->raw, &top->raw)) {
            ctx->root_is_top = true;
            *named = r;
            return r;
        }
    }
    for (size_t i = 0; i < ctx->ca.n_roots; i++) {
        const mbedtls_x509_crt *r = slsim_trust_ca_cert(&ctx->ca, i);

        if (r == NULL || !slsim_trust_raw_equal(&r->subject_raw, &top->issuer_raw)) {
            continue;
        }
        *named = *named != NULL ? *named : r;
        if (slsim_trust_signed_by(top, r)) {
            return r;
        }
    }
    return NULL;
}

void slsim_trust_check_anchor(struct slsim_trust_ctx *ctx)
{
    const mbedtls_x509_crt *top = &ctx->sent[ctx->path_len - 1];
    const mbedtls_x509_crt *named = NULL;
    const mbedtls_x509_crt *root = find_root(ctx, top, &named);
    char dn[SLSIM_TRUST_DN_SHORT];

    if (named == NULL) {
        anchor_no_signer(ctx, top);
        return;
    }
    if (root == NULL || !root->ca_istrue) {
        anchor_fail(ctx, top, root != NULL ? root : named, root != NULL);
        ctx->root_is_top = false;
        return;
    }
    ctx->root = root;
    ctx->res->root_found = true;
    (void)mbedtls_sha256_ret(root->raw.p, root->raw.len, ctx->res->root_digest, 0);
    slsim_trust_dn(dn, sizeof(dn), &root->subject);
    slsim_trust_add(ctx->res, SLSIM_CHECK_ANCHOR, SLSIM_FINDING_PASS, 0, 0, -1, NULL,
                    ctx->root_is_top ? "the server's top certificate '%s' is in the CA file"
                                     : "the CA file's root '%s' signed the top of the chain",
                    dn);
}

/* ---- the pipeline ------------------------------------------------------------------------ */

static void skip_from(struct slsim_trust_result *res, enum slsim_trust_check from, const char *why)
{
    for (int c = (int)from; c <= (int)SLSIM_CHECK_NO_CA; c++) {
        slsim_trust_add(res, (enum slsim_trust_check)c, SLSIM_FINDING_SKIP, 0, 0, -1, NULL, "%s",
                        why);
    }
}

/* Loads the CA file; adds the ca-file finding unless slsim_trust_check_local() already did. */
static void load_ca(struct slsim_trust_ctx *ctx)
{
    const struct slsim_trust_input *in = ctx->in;
    bool checked = slsim_trust_has_check(ctx->res, SLSIM_CHECK_CA_FILE);

    if (!in->ca_set) {
        return;
    }
    if (!checked) {
        ctx->ca_ok = slsim_trust_ca_check(ctx->res, in, &ctx->ca) == 0;
        return;
    }
    ctx->ca_ok =
        in->ca_exists && slsim_trust_ca_load(&ctx->ca, in->ca, in->ca_len, in->pem_multi_root) == 0;
    if (!ctx->ca_ok && slsim_trust_find_status(ctx->res, SLSIM_FINDING_FAIL) < 0) {
        /* The file changed since slsim_trust_check_local() passed it: report it now. */
        (void)slsim_trust_ca_check(ctx->res, in, &ctx->ca);
    }
}

static void run_checks(struct slsim_trust_ctx *ctx)
{
    if (slsim_trust_check_peer(ctx) != 0) {
        skip_from(ctx->res, SLSIM_CHECK_CHAIN,
                  "not checked: the server's certificates could not be read");
        return;
    }
    if (!ctx->ca_ok) {
        slsim_trust_add(ctx->res, SLSIM_CHECK_CHAIN, SLSIM_FINDING_SKIP, 0, 0, -1, NULL,
                        "not checked: no CA file is set, so the chain is not verified");
        slsim_trust_add(ctx->res, SLSIM_CHECK_ANCHOR, SLSIM_FINDING_SKIP, 0, 0, -1, NULL,
                        "not checked: no CA file is set");
    } else {
        slsim_trust_check_chain(ctx);
        if (ctx->chain_ok) {
            slsim_trust_check_anchor(ctx);
        } else {
            slsim_trust_add(ctx->res, SLSIM_CHECK_ANCHOR, SLSIM_FINDING_SKIP, 0, 0, -1, NULL,
                            "not checked: the chain the server sent is broken");
        }
    }
    slsim_trust_check_dates(ctx);
    slsim_trust_check_domain(ctx);
    slsim_trust_check_pinned(ctx);
    slsim_trust_check_catalog(ctx);
    slsim_trust_check_no_ca(ctx);
}

void slsim_trust_evaluate(const struct slsim_trust_input *in, struct slsim_trust_result *res)
{
    struct slsim_trust_ctx ctx;
    int failed = -1;
    char why[SLSIM_TRUST_TEXT];

    if (in == NULL || res == NULL) {
        return;
    }
    memset(&ctx, 0, sizeof(ctx));
    ctx.in = in;
    ctx.res = res;
    slsim_trust_ca_init(&ctx.ca);
    load_ca(&ctx);
    failed = slsim_trust_find_status(res, SLSIM_FINDING_FAIL);
    if (failed >= 0) {
        (void)snprintf(why, sizeof(why), "not evaluated: %s failed first (%d)",
                       slsim_trust_check_name(res->findings[failed].check),
                       (int)res->findings[failed].code);
        skip_from(res, SLSIM_CHECK_PEER_CERT, why);
    } else {
        run_checks(&ctx);
    }
    slsim_trust_decide(res, in->revoked_connected);
    for (size_t i = 0; i < ctx.n_sent; i++) {
        mbedtls_x509_crt_free(&ctx.sent[i]);
    }
    slsim_trust_ca_free(&ctx.ca);
}
