/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file catalog_digest.c
 * @brief The digest a catalog stores for a certificate, and PEM bundle splitting.
 *
 * A catalog entry is SHA-256 over the whole DER certificate, the usual SHA-256 fingerprint
 * (reference nwp-behaviour.md A.3). Certificates are not parsed here: X.509 belongs to `trust`
 * and `tls`. The PEM splitter only finds `CERTIFICATE` blocks and base64-decodes them, so a
 * bundle such as /etc/ssl/certs/ca-certificates.crt can be turned into catalog entries.
 */
#include "catalog/catalog.h"

#include <string.h>

#include <mbedtls/base64.h>
#include <mbedtls/sha256.h>

static const char pem_begin[] = "-----BEGIN CERTIFICATE-----";
static const char pem_end[] = "-----END CERTIFICATE-----";

enum slsim_catalog_status
slsim_catalog_digest_der(const uint8_t *der, size_t len, uint8_t out[SLSIM_CATALOG_DIGEST_LEN])
{
    static const uint8_t empty[1];

    if (out == NULL || (der == NULL && len != 0)) {
        return SLSIM_CATALOG_BAD_PARAM;
    }
    if (mbedtls_sha256_ret(der != NULL ? der : empty, len, out, 0) != 0) {
        return SLSIM_CATALOG_CRYPTO;
    }
    return SLSIM_CATALOG_OK;
}

void slsim_catalog_pem_begin(struct slsim_catalog_pem_iter *it, const uint8_t *pem, size_t len)
{
    if (it == NULL) {
        return;
    }
    it->pos = pem;
    it->end = pem != NULL ? pem + len : NULL;
}

/* First occurrence of `needle` in [p, end), or NULL. The buffer need not be NUL-terminated,
 * so strstr() is not an option. */
static const uint8_t *find_marker(const uint8_t *p, const uint8_t *end, const char *needle)
{
    size_t nlen = strlen(needle);

    while (p != NULL && (size_t)(end - p) >= nlen) {
        if (memcmp(p, needle, nlen) == 0) {
            return p;
        }
        p = memchr(p + 1, needle[0], (size_t)(end - p) - 1);
    }
    return NULL;
}

enum slsim_catalog_status slsim_catalog_pem_next(struct slsim_catalog_pem_iter *it,
                                                 uint8_t *der,
                                                 size_t der_cap,
                                                 size_t *der_len)
{
    const uint8_t *begin = NULL;
    const uint8_t *body = NULL;
    const uint8_t *stop = NULL;
    size_t olen = 0;
    int rc = 0;

    if (der_len != NULL) {
        *der_len = 0;
    }
    if (it == NULL || der_len == NULL || (der == NULL && der_cap != 0)) {
        return SLSIM_CATALOG_BAD_PARAM;
    }
    begin = it->pos != NULL ? find_marker(it->pos, it->end, pem_begin) : NULL;
    if (begin == NULL) {
        it->pos = it->end;
        return SLSIM_CATALOG_PEM_END;
    }
    body = begin + strlen(pem_begin);
    stop = find_marker(body, it->end, pem_end);
    if (stop == NULL) {
        it->pos = body;
        return SLSIM_CATALOG_BAD_PEM;
    }
    rc = mbedtls_base64_decode(der, der_cap, &olen, body, (size_t)(stop - body));
    if (rc == MBEDTLS_ERR_BASE64_BUFFER_TOO_SMALL) {
        *der_len = olen;
        return SLSIM_CATALOG_NO_SPACE;
    }
    if (rc != 0 || olen == 0) {
        it->pos = body;
        return SLSIM_CATALOG_BAD_PEM;
    }
    it->pos = stop + strlen(pem_end);
    *der_len = olen;
    return SLSIM_CATALOG_OK;
}
