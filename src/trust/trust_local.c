/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file trust_local.c
 * @brief Checks of the local files before any network I/O: the CA file (-454, -456), the
 *        own certificate (-457) and the own private key (-458, also when it does not match).
 *
 * The NWP checks these when the handshake starts (SWRU455 table 8-4; reference B.3 "order of
 * checks", step 1), so a bad file fails sl_Connect before a single byte is sent.
 */
#include "trust/trust.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>

#include <ti/drivers/net/wifi/errors.h>

#include "trust/trust_int.h"

#include "core/banned.h"

static const char *file_name(const char *name)
{
    return name != NULL && name[0] != '\0' ? name : "(unnamed)";
}

static void ca_pass(struct slsim_trust_result *res,
                    const struct slsim_trust_input *in,
                    const struct slsim_trust_ca *ca)
{
    char dn[SLSIM_TRUST_DN_SHORT];

    slsim_trust_dn(dn, sizeof(dn), &ca->certs.subject);
    if (ca->n_certs == 1) {
        slsim_trust_add(res, SLSIM_CHECK_CA_FILE, SLSIM_FINDING_PASS, 0, 0, -1, NULL,
                        "the CA file '%s' holds one certificate (%s): '%s'", file_name(in->ca_name),
                        ca->pem ? "PEM" : "DER", dn);
    } else {
        slsim_trust_add(res, SLSIM_CHECK_CA_FILE, SLSIM_FINDING_PASS, 0, 0, -1, NULL,
                        "the CA file '%s' holds %zu PEM certificates, the first '%s'; %s",
                        file_name(in->ca_name), ca->n_certs, dn,
                        ca->n_roots == 1 ? "this device uses only the first (CC3220)"
                                         : "this device uses them all");
    }
}

int32_t slsim_trust_ca_check(struct slsim_trust_result *res,
                             const struct slsim_trust_input *in,
                             struct slsim_trust_ca *ca)
{
    char fix[SLSIM_TRUST_TEXT];
    const char *name = file_name(in->ca_name);

    if (!in->ca_set) {
        slsim_trust_add(res, SLSIM_CHECK_CA_FILE, SLSIM_FINDING_SKIP, 0, 0, -1, NULL,
                        "no CA file is set on the socket (SL_SO_SECURE_FILES_CA_FILE_NAME)");
        return 0;
    }
    if (!in->ca_exists) {
        (void)snprintf(fix, sizeof(fix),
                       "write the root CA certificate to '%s' (slsim fs put IMAGE ca.der %s) or "
                       "correct SL_SO_SECURE_FILES_CA_FILE_NAME",
                       name, name);
        slsim_trust_add(res, SLSIM_CHECK_CA_FILE, SLSIM_FINDING_FAIL, SL_ERROR_BSD_ESECNOCAFILE,
                        SLSIM_X509_BADCERT_MISSING, -1, fix,
                        "the CA file '%s' named on the socket does not exist on the device", name);
        return SL_ERROR_BSD_ESECNOCAFILE;
    }
    if (slsim_trust_ca_load(ca, in->ca, in->ca_len, in->pem_multi_root) != 0) {
        (void)snprintf(fix, sizeof(fix),
                       "write a DER or PEM X.509 certificate to '%s' "
                       "(openssl x509 -in ca.pem -outform der -out ca.der)",
                       name);
        slsim_trust_add(res, SLSIM_CHECK_CA_FILE, SLSIM_FINDING_FAIL, SL_ERROR_BSD_ESECBADCAFILE,
                        SLSIM_X509_BADCERT_OTHER, -1, fix,
                        "the CA file '%s' holds no usable certificate: %s", name, ca->why);
        return SL_ERROR_BSD_ESECBADCAFILE;
    }
    ca_pass(res, in, ca);
    return 0;
}

/* Own certificate: the first certificate of the file (PEM files may carry the chain after it). */
static int32_t check_own_cert(struct slsim_trust_result *res,
                              const uint8_t *buf,
                              size_t len,
                              bool set,
                              struct slsim_trust_ca *own)
{
    char dn[SLSIM_TRUST_DN_SHORT];

    if (!set) {
        slsim_trust_add(res, SLSIM_CHECK_OWN_CERT, SLSIM_FINDING_SKIP, 0, 0, -1, NULL,
                        "no client certificate is set (SL_SO_SECURE_FILES_CERTIFICATE_FILE_NAME)");
        return 0;
    }
    if (slsim_trust_ca_load(own, buf, len, false) != 0) {
        slsim_trust_add(res, SLSIM_CHECK_OWN_CERT, SLSIM_FINDING_FAIL, SL_ERROR_BSD_ESECBADCERTFILE,
                        SLSIM_X509_BADCERT_OTHER, -1,
                        "write the device's certificate as DER or PEM to the file named in "
                        "SL_SO_SECURE_FILES_CERTIFICATE_FILE_NAME",
                        "the client certificate file holds no usable certificate: %s", own->why);
        return SL_ERROR_BSD_ESECBADCERTFILE;
    }
    slsim_trust_dn(dn, sizeof(dn), &own->certs.subject);
    slsim_trust_add(res, SLSIM_CHECK_OWN_CERT, SLSIM_FINDING_PASS, 0, 0, -1, NULL,
                    "the client certificate '%s' parses (%s, %zu-bit key)", dn,
                    mbedtls_pk_get_name(&own->certs.pk), mbedtls_pk_get_bitlen(&own->certs.pk));
    return 0;
}

/* mbedTLS reads PEM only from a NUL-terminated buffer whose length counts the NUL. */
static int parse_key(mbedtls_pk_context *pk, const uint8_t *buf, size_t len)
{
    unsigned char *copy = NULL;
    int rc = -1;

    if (buf == NULL || len == 0) {
        return -1;
    }
    if (buf[0] == 0x30) {
        return mbedtls_pk_parse_key(pk, buf, len, NULL, 0);
    }
    if (len == SIZE_MAX || (copy = malloc(len + 1)) == NULL) {
        return -1;
    }
    memcpy(copy, buf, len);
    copy[len] = '\0';
    rc = mbedtls_pk_parse_key(pk, copy, len + 1, NULL, 0);
    mbedtls_platform_zeroize(copy, len + 1);
    free(copy);
    return rc;
}

static int32_t key_fail(struct slsim_trust_result *res, const char *reason)
{
    slsim_trust_add(res, SLSIM_CHECK_OWN_KEY, SLSIM_FINDING_FAIL, SL_ERROR_BSD_ESECBADPRIVATEFILE,
                    SLSIM_X509_BADCERT_BAD_KEY, -1,
                    "write the private key that belongs to the client certificate (DER or PEM, "
                    "unencrypted) to the file named in SL_SO_SECURE_FILES_PRIVATE_KEY_FILE_NAME",
                    "%s", reason);
    return SL_ERROR_BSD_ESECBADPRIVATEFILE;
}

static int32_t check_own_key(struct slsim_trust_result *res,
                             const uint8_t *buf,
                             size_t len,
                             bool set,
                             const struct slsim_trust_ca *own,
                             bool pair_verified)
{
    mbedtls_pk_context key;
    int32_t code = 0;

    if (!set) {
        slsim_trust_add(res, SLSIM_CHECK_OWN_KEY, SLSIM_FINDING_SKIP, 0, 0, -1, NULL,
                        "no private key is set (SL_SO_SECURE_FILES_PRIVATE_KEY_FILE_NAME)");
        return 0;
    }
    mbedtls_pk_init(&key);
    if (parse_key(&key, buf, len) != 0) {
        code = key_fail(res, "the private key file is not an unencrypted RSA or EC key "
                             "(DER or PEM)");
    } else if (own->n_certs > 0 && !pair_verified &&
               mbedtls_pk_check_pair(&own->certs.pk, &key) != 0) {
        code = key_fail(res, "the private key does not belong to the client certificate "
                             "(its public half differs from the certificate's key)");
    } else {
        slsim_trust_add(res, SLSIM_CHECK_OWN_KEY, SLSIM_FINDING_PASS, 0, 0, -1, NULL,
                        "the private key parses (%s, %zu-bit)%s", mbedtls_pk_get_name(&key),
                        mbedtls_pk_get_bitlen(&key),
                        own->n_certs == 0 ? ""
                        : pair_verified   ? " and matches the client certificate (same bytes as "
                                            "at an earlier check)"
                                          : " and matches the client certificate");
    }
    mbedtls_pk_free(&key);
    return code;
}

int32_t slsim_trust_check_local(struct slsim_trust_result *res,
                                const struct slsim_trust_input *in,
                                const uint8_t *own_cert,
                                size_t own_cert_len,
                                bool own_cert_set,
                                const uint8_t *own_key,
                                size_t own_key_len,
                                bool own_key_set)
{
    struct slsim_trust_ca ca;
    struct slsim_trust_ca own;
    int32_t first = 0;
    int32_t code = 0;

    if (res == NULL || in == NULL) {
        return SL_ERROR_BSD_ESECGENERAL;
    }
    slsim_trust_ca_init(&ca);
    slsim_trust_ca_init(&own);
    first = slsim_trust_ca_check(res, in, &ca);
    code = check_own_cert(res, own_cert, own_cert_len, own_cert_set, &own);
    first = first != 0 ? first : code;
    code = check_own_key(res, own_key, own_key_len, own_key_set, &own, in->own_pair_verified);
    first = first != 0 ? first : code;
    slsim_trust_ca_free(&own);
    slsim_trust_ca_free(&ca);
    return first;
}
