/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file catalog_filesig.c
 * @brief Signed files: the verifier the device installs on its file system for
 *        `sl_FsClose(fd, certName, signature, len)` on a secure file without NOSIGNATURE.
 *
 * SWRU455 "file signature" (reference C.4): PKCS#1 v1.5 RSA over SHA-1 or SHA-256 of the file
 * content, with the certificate file named in the close; its issuers must be on the file system
 * in DER, each named exactly by its CN; the chain ends at a self-signed root whose SHA-256 is in
 * the catalog. Boot-ROM limits (SWPU332 §1.5.1): RSA <= 2048 in every chain certificate, chain
 * signatures SHA-1/SHA-256 only. Dates are not checked: the NWP clock is usually unset.
 * The order of checks and the codes are in docs/catalog.md "Signed files".
 */
#include "catalog/catalog_store.h"

#include <stdlib.h>
#include <string.h>

#include <mbedtls/md.h>
#include <mbedtls/oid.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>
#include <ti/drivers/net/wifi/errors.h>

#include "catalog/catalog_int.h"
#include "core/banned.h"

enum load_result {
    LOAD_OK = 0,
    LOAD_MISSING, /* not on the file system, or no valid copy */
    LOAD_NOT_DER, /* not one DER certificate */
};

struct walk {
    struct slsim_fs *fs;
    const struct slsim_catalog *cat;
    size_t max_bits;
};

/* Reads `name` as the NWP (no token, /sys/ readable) and parses it as one DER certificate
 * into `crt`, which must be freshly initialised. */
static enum load_result load_cert(struct slsim_fs *fs, const char *name, mbedtls_x509_crt *crt)
{
    uint8_t *der = NULL;
    size_t len = 0;
    if (slsim_fs_read_file(fs, name, 0, SLSIM_FS_CALLER_NWP, &der, &len) != 0) {
        return LOAD_MISSING;
    }
    int rc = mbedtls_x509_crt_parse_der(crt, der, len);
    free(der);
    return rc == 0 ? LOAD_OK : LOAD_NOT_DER;
}

/* The issuer's CN: the name of the file that must hold the issuer certificate. */
static bool issuer_cn(const mbedtls_x509_crt *crt, char *buf, size_t cap)
{
    for (const mbedtls_x509_name *n = &crt->issuer; n != NULL; n = n->next) {
        if (n->oid.p == NULL || MBEDTLS_OID_CMP(MBEDTLS_OID_AT_CN, &n->oid) != 0) {
            continue;
        }
        if (n->val.len == 0 || n->val.len >= cap || memchr(n->val.p, '\0', n->val.len) != NULL) {
            return false;
        }
        memcpy(buf, n->val.p, n->val.len);
        buf[n->val.len] = '\0';
        return true;
    }
    return false;
}

static bool same_buf(const mbedtls_x509_buf *a, const mbedtls_x509_buf *b)
{
    return a->len == b->len && memcmp(a->p, b->p, a->len) == 0;
}

/* The boot ROM checks chain signatures with SHA-1 or SHA-256 only; SHA-384/512 chains fail
 * with the chain-error alert (SWPU332 §1.5.1). */
static bool signed_by(const mbedtls_x509_crt *child, mbedtls_x509_crt *parent)
{
    if ((child->sig_md != MBEDTLS_MD_SHA1 && child->sig_md != MBEDTLS_MD_SHA256) ||
        child->sig_pk != MBEDTLS_PK_RSA) {
        return false;
    }
    const mbedtls_md_info_t *mi = mbedtls_md_info_from_type(child->sig_md);
    uint8_t hash[SLSIM_CATALOG_DIGEST_LEN];
    if (mi == NULL || mbedtls_md(mi, child->tbs.p, child->tbs.len, hash) != 0) {
        return false;
    }
    return mbedtls_pk_verify_ext(child->sig_pk, child->sig_opts, &parent->pk, child->sig_md, hash,
                                 mbedtls_md_get_size(mi), child->sig.p, child->sig.len) == 0;
}

/* Per-certificate rules: RSA within the profile's size, not revoked. */
static int32_t check_cert(const struct walk *w, const mbedtls_x509_crt *crt)
{
    if (!slsim_catalog_pk_rsa_within(&crt->pk, w->max_bits)) {
        return SL_ERROR_FS_CERT_CHAIN_ERROR_SECURITY_ALERT;
    }
    if (slsim_catalog_find_cert(w->cat, crt->raw.p, crt->raw.len) == SLSIM_CATALOG_REVOKED) {
        return SL_ERROR_FS_CERT_IN_THE_CHAIN_REVOKED_SECURITY_ALERT;
    }
    return 0;
}

/* Walks from chain[0] (the signing certificate, loaded) up to a self-signed root, loading each
 * issuer from the file named by its CN into the next slot. Iterative and bounded. */
static int32_t walk_chain(const struct walk *w, mbedtls_x509_crt *chain)
{
    for (size_t i = 0; i < SLSIM_CATALOG_CHAIN_MAX; i++) {
        mbedtls_x509_crt *cur = &chain[i];
        int32_t ret = check_cert(w, cur);
        if (ret != 0) {
            return ret;
        }
        if (same_buf(&cur->issuer_raw, &cur->subject_raw)) {
            /* The root's own signature does not matter (SWPU332); its digest must be trusted. */
            bool trusted =
                slsim_catalog_find_cert(w->cat, cur->raw.p, cur->raw.len) == SLSIM_CATALOG_TRUSTED;
            return trusted ? 0 : SL_ERROR_FS_ROOT_CA_IS_UNKOWN;
        }
        char cn[SLSIM_FS_NAME_MAX];
        if (i + 1 == SLSIM_CATALOG_CHAIN_MAX || !issuer_cn(cur, cn, sizeof(cn)) ||
            load_cert(w->fs, cn, &chain[i + 1]) != LOAD_OK) {
            return SL_ERROR_FS_CERT_CHAIN_ERROR_SECURITY_ALERT;
        }
        if (!same_buf(&cur->issuer_raw, &chain[i + 1].subject_raw) ||
            !signed_by(cur, &chain[i + 1])) {
            return SL_ERROR_FS_CERT_CHAIN_ERROR_SECURITY_ALERT;
        }
    }
    return SL_ERROR_FS_CERT_CHAIN_ERROR_SECURITY_ALERT;
}

static int32_t verify_with_chain(const struct walk *w,
                                 const char *cert_name,
                                 const uint8_t *data,
                                 size_t len,
                                 const uint8_t *sig,
                                 size_t sig_len)
{
    mbedtls_x509_crt *chain = calloc(SLSIM_CATALOG_CHAIN_MAX, sizeof(*chain));
    if (chain == NULL) {
        return SL_ERROR_FS_NO_MEMORY;
    }
    for (size_t i = 0; i < SLSIM_CATALOG_CHAIN_MAX; i++) {
        mbedtls_x509_crt_init(&chain[i]);
    }
    int32_t ret = load_cert(w->fs, cert_name, &chain[0]) == LOAD_OK
                      ? 0
                      : SL_ERROR_FS_WRONG_CERTIFICATE_FILE_NAME;
    if (ret == 0) {
        ret = walk_chain(w, chain);
    }
    if (ret == 0) {
        ret = slsim_catalog_pk_verify_any(&chain[0].pk, data, len, sig, sig_len, NULL);
    }
    for (size_t i = 0; i < SLSIM_CATALOG_CHAIN_MAX; i++) {
        mbedtls_x509_crt_free(&chain[i]);
    }
    free(chain);
    return ret;
}

int32_t slsim_catalog_filesig_verify(void *ctx,
                                     struct slsim_fs *fs,
                                     const char *file_name,
                                     const char *cert_name,
                                     const uint8_t *data,
                                     size_t len,
                                     const uint8_t *sig,
                                     size_t sig_len)
{
    const struct slsim_catalog_filesig_ctx *c = ctx;
    /* The catalog is installed by the tool, which checks its signature; an application write
     * of /sys/certstore.lst has no verifiable path here yet (docs/catalog.md). */
    if (file_name != NULL && slsim_name_equal(file_name, SLSIM_CATALOG_LST_FILE)) {
        return SL_ERROR_FS_NOT_SUPPORTED;
    }
    if (sig == NULL || sig_len == 0 || sig_len > SLSIM_CATALOG_FILESIG_MAX || cert_name == NULL ||
        cert_name[0] == '\0') {
        return SL_ERROR_FS_WRONG_SIGNATURE_OR_CERTIFIC_NAME_LENGTH;
    }
    if (c == NULL || c->catalog == NULL) {
        return SL_ERROR_FS_NO_CERTIFICATE_STORE;
    }
    if (fs == NULL || (data == NULL && len > 0)) {
        return SL_ERROR_FS_INVALID_ARGS;
    }
    struct walk w = {
        .fs = fs,
        .cat = c->catalog,
        .max_bits = c->max_rsa_bits != 0 ? c->max_rsa_bits : SLSIM_CATALOG_MAX_RSA_BITS,
    };
    return verify_with_chain(&w, cert_name, data, len, sig, sig_len);
}

void slsim_catalog_filesig_attach(struct slsim_fs *fs, struct slsim_catalog_filesig_ctx *ctx)
{
    struct slsim_fs_sigcheck chk = { .verify = slsim_catalog_filesig_verify, .ctx = ctx };
    slsim_fs_set_sigcheck(fs, &chk);
}
