/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file catalog_sign.c
 * @brief Catalog signatures: raw RSA PKCS#1 v1.5 over SHA-256 or SHA-1 of the `.lst` bytes (the
 *        `SLImageCreator tools sign --fmt BINARY_SHA2|BINARY_SHA1` format, reference C.6), made
 *        and checked with mbedTLS 2.28; plus the key helpers the store and file signatures share.
 *
 * It does not decide which key the device trusts beyond "ROM key, then vendor root"
 * (slsim_catalog_verify_device()); installing and loading are catalog_store.c.
 */
#include "catalog/catalog_store.h"

#include <stdlib.h>
#include <string.h>

#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>
#include <mbedtls/x509_crt.h>
#include <ti/drivers/net/wifi/errors.h>

#include "catalog/catalog_int.h"
#include "core/banned.h"

/* Largest RSA key whose signature fits SLSIM_CATALOG_SIG_MAX. */
#define SIGN_MAX_BITS ((size_t)8 * SLSIM_CATALOG_SIG_MAX)

static int rng(void *ctx, unsigned char *out, size_t len)
{
    (void)ctx;
    return slsim_random(out, len) == 0 ? 0 : MBEDTLS_ERR_RSA_RNG_FAILED;
}

static mbedtls_md_type_t md_type(enum slsim_catalog_md md)
{
    switch (md) {
    case SLSIM_CATALOG_MD_SHA256:
        return MBEDTLS_MD_SHA256;
    case SLSIM_CATALOG_MD_SHA1:
        return MBEDTLS_MD_SHA1;
    default:
        return MBEDTLS_MD_NONE;
    }
}

int slsim_catalog_hash(enum slsim_catalog_md md,
                       const uint8_t *data,
                       size_t len,
                       uint8_t out[SLSIM_CATALOG_DIGEST_LEN],
                       size_t *out_len)
{
    const mbedtls_md_info_t *info = mbedtls_md_info_from_type(md_type(md));
    if (info == NULL || (data == NULL && len > 0)) {
        return -1;
    }
    static const uint8_t empty[1] = { 0 };
    if (mbedtls_md(info, data != NULL ? data : empty, len, out) != 0) {
        return -1;
    }
    *out_len = mbedtls_md_get_size(info);
    return 0;
}

/* PEM input must be NUL-terminated for mbedTLS (and its length must count the NUL): make a
 * terminated copy when the buffer looks like PEM. DER is used in place. */
static const uint8_t *pem_terminated(const uint8_t *buf, size_t len, uint8_t **copy, size_t *out)
{
    *copy = NULL;
    *out = len;
    if (len < 11 || memcmp(buf, "-----BEGIN ", 11) != 0) {
        return buf;
    }
    *copy = malloc(len + 1);
    if (*copy == NULL) {
        return NULL;
    }
    memcpy(*copy, buf, len);
    (*copy)[len] = '\0';
    *out = len + 1;
    return *copy;
}

/* A certificate's key: re-parse its SubjectPublicKeyInfo into `pk`. */
static int parse_cert_key(mbedtls_pk_context *pk, const uint8_t *buf, size_t len)
{
    mbedtls_x509_crt crt;
    mbedtls_x509_crt_init(&crt);
    int rc = mbedtls_x509_crt_parse(&crt, buf, len);
    if (rc == 0) {
        rc = mbedtls_pk_parse_public_key(pk, crt.pk_raw.p, crt.pk_raw.len);
    }
    mbedtls_x509_crt_free(&crt);
    return rc;
}

int32_t slsim_catalog_pk_parse(mbedtls_pk_context *pk,
                               const uint8_t *buf,
                               size_t len,
                               bool private_key,
                               struct slsim_diag *diag)
{
    uint8_t *copy = NULL;
    size_t n = 0;
    const uint8_t *in = buf != NULL && len > 0 ? pem_terminated(buf, len, &copy, &n) : NULL;
    if (in == NULL) {
        slsim_diag_set(diag, 0, "no key bytes");
        return SL_ERROR_FS_INVALID_ARGS;
    }
    int rc = 0;
    if (private_key) {
        rc = mbedtls_pk_parse_key(pk, in, n, NULL, 0);
    } else {
        rc = parse_cert_key(pk, in, n);
        if (rc != 0) {
            mbedtls_pk_free(pk);
            mbedtls_pk_init(pk);
            rc = mbedtls_pk_parse_public_key(pk, in, n);
        }
    }
    free(copy);
    if (rc != 0) {
        slsim_diag_set(diag, rc, "not %s (mbedtls -0x%04x)",
                       private_key ? "an unencrypted private key" : "a certificate or public key",
                       (unsigned)-rc);
        return SL_ERROR_FS_INVALID_ARGS;
    }
    return 0;
}

bool slsim_catalog_pk_rsa_within(const mbedtls_pk_context *pk, size_t max_bits)
{
    return mbedtls_pk_get_type(pk) == MBEDTLS_PK_RSA && mbedtls_pk_get_bitlen(pk) <= max_bits;
}

int32_t slsim_catalog_pk_verify_any(mbedtls_pk_context *pk,
                                    const uint8_t *data,
                                    size_t len,
                                    const uint8_t *sig,
                                    size_t sig_len,
                                    enum slsim_catalog_md *md_out)
{
    static const enum slsim_catalog_md order[] = { SLSIM_CATALOG_MD_SHA256, SLSIM_CATALOG_MD_SHA1 };
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        uint8_t hash[SLSIM_CATALOG_DIGEST_LEN];
        size_t hlen = 0;
        if (slsim_catalog_hash(order[i], data, len, hash, &hlen) != 0) {
            continue;
        }
        /* pk_verify refuses a signature shorter than the modulus and reports a longer one as
         * SIG_LEN_EXTRA: both are failures here. */
        if (mbedtls_pk_verify(pk, md_type(order[i]), hash, hlen, sig, sig_len) == 0) {
            if (md_out != NULL) {
                *md_out = order[i];
            }
            return 0;
        }
    }
    return SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT;
}

static int32_t sign_checked(mbedtls_pk_context *pk,
                            const uint8_t *lst,
                            size_t len,
                            enum slsim_catalog_md md,
                            uint8_t *sig_out,
                            size_t *sig_len,
                            struct slsim_diag *diag)
{
    if (mbedtls_pk_get_type(pk) != MBEDTLS_PK_RSA || mbedtls_pk_get_bitlen(pk) > SIGN_MAX_BITS) {
        slsim_diag_set(diag, 0, "signing key is not RSA of at most %zu bits", SIGN_MAX_BITS);
        return SL_ERROR_FS_NOT_SUPPORTED;
    }
    uint8_t hash[SLSIM_CATALOG_DIGEST_LEN];
    size_t hlen = 0;
    if (slsim_catalog_hash(md, lst, len, hash, &hlen) != 0) {
        slsim_diag_set(diag, 0, "cannot hash the catalog");
        return SL_ERROR_FS_UNKNOWN;
    }
    int rc = mbedtls_pk_sign(pk, md_type(md), hash, hlen, sig_out, sig_len, rng, NULL);
    if (rc != 0) {
        slsim_diag_set(diag, rc, "RSA signing failed (mbedtls -0x%04x)", (unsigned)-rc);
        return SL_ERROR_FS_UNKNOWN;
    }
    return 0;
}

int32_t slsim_catalog_sign(const uint8_t *lst,
                           size_t len,
                           const uint8_t *key,
                           size_t key_len,
                           enum slsim_catalog_md md,
                           uint8_t sig_out[SLSIM_CATALOG_SIG_MAX],
                           size_t *sig_len,
                           struct slsim_diag *diag)
{
    if (sig_len != NULL) {
        *sig_len = 0;
    }
    if ((lst == NULL && len > 0) || key == NULL || sig_out == NULL || sig_len == NULL ||
        md_type(md) == MBEDTLS_MD_NONE) {
        slsim_diag_set(diag, 0, "invalid argument to catalog signing");
        return SL_ERROR_FS_INVALID_ARGS;
    }
    mbedtls_pk_context pk;
    mbedtls_pk_init(&pk);
    int32_t ret = slsim_catalog_pk_parse(&pk, key, key_len, true, diag);
    if (ret == 0 && !mbedtls_pk_can_do(&pk, MBEDTLS_PK_RSA)) {
        ret = SL_ERROR_FS_NOT_SUPPORTED;
        slsim_diag_set(diag, 0, "signing key is not an RSA key");
    }
    if (ret == 0) {
        ret = sign_checked(&pk, lst, len, md, sig_out, sig_len, diag);
    }
    mbedtls_pk_free(&pk);
    return ret;
}

int32_t slsim_catalog_sign_rom(const uint8_t *lst,
                               size_t len,
                               enum slsim_catalog_md md,
                               uint8_t sig_out[SLSIM_CATALOG_SIG_MAX],
                               size_t *sig_len,
                               struct slsim_diag *diag)
{
    size_t key_len = 0;
    const uint8_t *key = slsim_catalog_rom_key_der(&key_len);
    return slsim_catalog_sign(lst, len, key, key_len, md, sig_out, sig_len, diag);
}

int32_t slsim_catalog_verify(const uint8_t *lst,
                             size_t len,
                             const uint8_t *sig,
                             size_t sig_len,
                             const uint8_t *key,
                             size_t key_len,
                             enum slsim_catalog_md *md_out,
                             struct slsim_diag *diag)
{
    if ((lst == NULL && len > 0) || sig == NULL || key == NULL) {
        slsim_diag_set(diag, 0, "invalid argument to catalog verification");
        return SL_ERROR_FS_INVALID_ARGS;
    }
    mbedtls_pk_context pk;
    mbedtls_pk_init(&pk);
    int32_t ret = slsim_catalog_pk_parse(&pk, key, key_len, false, diag);
    if (ret == 0 && mbedtls_pk_get_type(&pk) != MBEDTLS_PK_RSA) {
        slsim_diag_set(diag, 0, "verification key is not an RSA key");
        ret = SL_ERROR_FS_NOT_SUPPORTED;
    }
    if (ret == 0) {
        ret = slsim_catalog_pk_verify_any(&pk, lst, len, sig, sig_len, md_out);
        if (ret != 0) {
            slsim_diag_set(diag, 0, "signature (%zu bytes) does not verify with the %zu-bit key",
                           sig_len, mbedtls_pk_get_bitlen(&pk));
        }
    }
    mbedtls_pk_free(&pk);
    return ret;
}

static void set_out(enum slsim_catalog_signer *signer,
                    enum slsim_catalog_signer s,
                    enum slsim_catalog_md *md,
                    enum slsim_catalog_md m)
{
    if (signer != NULL) {
        *signer = s;
    }
    if (md != NULL) {
        *md = m;
    }
}

int32_t slsim_catalog_verify_device(struct slsim_fs *fs,
                                    const uint8_t *lst,
                                    size_t len,
                                    const uint8_t *sig,
                                    size_t sig_len,
                                    enum slsim_catalog_signer *signer,
                                    enum slsim_catalog_md *md,
                                    struct slsim_diag *diag)
{
    set_out(signer, SLSIM_CATALOG_SIGNER_NONE, md, SLSIM_CATALOG_MD_UNKNOWN);
    if (lst == NULL || sig == NULL) {
        slsim_diag_set(diag, 0, "invalid argument to catalog verification");
        return SL_ERROR_FS_INVALID_ARGS;
    }
    size_t cert_len = 0;
    const uint8_t *cert = slsim_catalog_rom_cert_der(&cert_len);
    enum slsim_catalog_md m = SLSIM_CATALOG_MD_UNKNOWN;
    if (slsim_catalog_verify(lst, len, sig, sig_len, cert, cert_len, &m, NULL) == 0) {
        set_out(signer, SLSIM_CATALOG_SIGNER_ROM, md, m);
        return 0;
    }
    uint8_t *otp = NULL;
    size_t otp_len = 0;
    bool have_otp = fs != NULL && slsim_catalog_get_vendor_root(fs, &otp, &otp_len) == 0;
    int32_t ret = SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT;
    if (have_otp && slsim_catalog_verify(lst, len, sig, sig_len, otp, otp_len, &m, NULL) == 0) {
        set_out(signer, SLSIM_CATALOG_SIGNER_VENDOR, md, m);
        ret = 0;
    }
    free(otp);
    if (ret != 0) {
        slsim_diag_set(
            diag, 0, "catalog signature (%zu bytes) does not verify with the slsim ROM key%s",
            sig_len, have_otp ? " nor with the vendor root" : " (no vendor root in OTP)");
    }
    return ret;
}

const char *slsim_catalog_signer_str(enum slsim_catalog_signer signer)
{
    switch (signer) {
    case SLSIM_CATALOG_SIGNER_ROM:
        return "slsim ROM key";
    case SLSIM_CATALOG_SIGNER_VENDOR:
        return "vendor root";
    case SLSIM_CATALOG_SIGNER_TI:
        return "TI signature (not verifiable in emulation)";
    default:
        return "none";
    }
}

const char *slsim_catalog_md_str(enum slsim_catalog_md md)
{
    switch (md) {
    case SLSIM_CATALOG_MD_SHA256:
        return "SHA-256";
    case SLSIM_CATALOG_MD_SHA1:
        return "SHA-1";
    default:
        return "unknown";
    }
}

const char *slsim_catalog_state_str(enum slsim_catalog_state state)
{
    switch (state) {
    case SLSIM_CATALOG_STATE_OK:
        return "ok";
    case SLSIM_CATALOG_STATE_MISSING:
        return "missing";
    case SLSIM_CATALOG_STATE_REJECTED:
        return "rejected";
    default:
        return "unknown";
    }
}
