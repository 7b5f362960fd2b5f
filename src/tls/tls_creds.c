/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file tls_creds.c
 * @brief Parsed credentials of the mbedTLS backend (struct slsim_tls_creds): own certificate
 *        chain, private key and, for a server, the client CA; parsed once and shared by the
 *        sessions of one device (sock caches them per certificate / key file name).
 *
 * Why share: a session that parses its key afresh pays the RSA blinding set-up (a modular
 * inverse, about 0.9 ms for RSA-2048) on its first signature; a kept key context reuses and
 * updates its blinding values (mbedtls_rsa_private squares them under the context's mutex).
 * The digests let a cache holder tell whether the file bytes are still the ones parsed.
 */
#include "tls/tls_creds.h"

#include "tls/tls_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/error.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>

#include "core/banned.h"

int slsim_tls_mbed_fail(struct slsim_diag *diag,
                        enum slsim_tls_fatal why,
                        const char *what,
                        int ret)
{
    char text[96];
    mbedtls_strerror(ret, text, sizeof(text));
    slsim_diag_set(diag, (int32_t)why, "%s: %s (-0x%04x)", what, text, (unsigned)-ret);
    return -1;
}

static bool is_pem(const uint8_t *data, size_t len)
{
    static const char tag[] = "-----BEGIN ";
    for (size_t i = 0; i + sizeof(tag) - 1 <= len; i++) {
        if (memcmp(data + i, tag, sizeof(tag) - 1) == 0) {
            return true;
        }
    }
    return false;
}

/* mbedTLS parses PEM only from a NUL-terminated buffer whose length counts the NUL. */
static int parse_blob(const uint8_t *data, size_t len, bool key, void *obj)
{
    uint8_t *copy = NULL;
    const uint8_t *p = data;
    size_t n = len;
    if (is_pem(data, len)) {
        copy = malloc(len + 1u);
        if (copy == NULL) {
            return MBEDTLS_ERR_X509_ALLOC_FAILED;
        }
        memcpy(copy, data, len);
        copy[len] = '\0';
        p = copy;
        n = len + 1u;
    }
    int ret = key ? mbedtls_pk_parse_key(obj, p, n, NULL, 0) : mbedtls_x509_crt_parse(obj, p, n);
    if (copy != NULL) {
        mbedtls_platform_zeroize(copy, len);
        free(copy);
    }
    return ret > 0 ? MBEDTLS_ERR_X509_INVALID_FORMAT : ret; /* > 0: some PEM blocks failed */
}

static void digest(const uint8_t *data, size_t len, uint8_t out[32])
{
    if (data == NULL || mbedtls_sha256_ret(data, len, out, 0) != 0) {
        memset(out, 0, 32);
    }
}

static int
parse_own(struct slsim_tls_creds *c, const struct slsim_tls_config *cfg, struct slsim_diag *diag)
{
    int ret = parse_blob(cfg->own_cert, cfg->own_cert_len, false, &c->cert);
    if (ret != 0) {
        return slsim_tls_mbed_fail(diag, SLSIM_TLS_FATAL_OTHER, "cannot parse own certificate",
                                   ret);
    }
    ret = parse_blob(cfg->own_key, cfg->own_key_len, true, &c->key);
    if (ret != 0) {
        return slsim_tls_mbed_fail(diag, SLSIM_TLS_FATAL_KEY, "cannot parse own private key", ret);
    }
    if (!cfg->pair_checked) {
        ret = mbedtls_pk_check_pair(&c->cert.pk, &c->key);
        if (ret != 0) {
            return slsim_tls_mbed_fail(diag, SLSIM_TLS_FATAL_KEY,
                                       "private key does not match certificate", ret);
        }
    }
    digest(cfg->own_cert, cfg->own_cert_len, c->cert_sha);
    digest(cfg->own_key, cfg->own_key_len, c->key_sha);
    c->has_own = true;
    return 0;
}

int slsim_tls_creds_new(const struct slsim_tls_config *cfg,
                        struct slsim_tls_creds **out,
                        struct slsim_diag *diag)
{
    slsim_diag_clear(diag);
    if (out == NULL || cfg == NULL || (cfg->own_cert == NULL) != (cfg->own_key == NULL) ||
        (cfg->own_cert != NULL && (cfg->own_cert_len == 0 || cfg->own_key_len == 0))) {
        slsim_diag_set(diag, SLSIM_TLS_FATAL_KEY, "own certificate and key go together");
        return -1;
    }
    *out = NULL;
    struct slsim_tls_creds *c = calloc(1, sizeof(*c));
    if (c == NULL) {
        slsim_diag_set(diag, SLSIM_TLS_FATAL_OTHER, "out of memory");
        return -1;
    }
    c->refs = 1;
    mbedtls_x509_crt_init(&c->cert);
    mbedtls_pk_init(&c->key);
    mbedtls_x509_crt_init(&c->ca);
    int ret = cfg->own_cert != NULL ? parse_own(c, cfg, diag) : 0;
    if (ret == 0 && cfg->ca != NULL) {
        int r = parse_blob(cfg->ca, cfg->ca_len, false, &c->ca);
        ret = r != 0 ? slsim_tls_mbed_fail(diag, SLSIM_TLS_FATAL_OTHER, "cannot parse client CA", r)
                     : 0;
        c->has_ca = ret == 0;
    }
    if (ret != 0) {
        slsim_tls_creds_free(c);
        return -1;
    }
    *out = c;
    return 0;
}

struct slsim_tls_creds *slsim_tls_creds_ref(struct slsim_tls_creds *c)
{
    if (c != NULL) {
        c->refs++;
    }
    return c;
}

void slsim_tls_creds_free(struct slsim_tls_creds *c)
{
    if (c == NULL || --c->refs > 0) {
        return;
    }
    mbedtls_x509_crt_free(&c->cert);
    mbedtls_pk_free(&c->key);
    mbedtls_x509_crt_free(&c->ca);
    free(c);
}

bool slsim_tls_creds_same(const struct slsim_tls_creds *c,
                          const uint8_t *cert,
                          size_t cert_len,
                          const uint8_t *key,
                          size_t key_len)
{
    if (c == NULL || !c->has_own || cert == NULL || key == NULL) {
        return false;
    }
    uint8_t sha[32];
    digest(cert, cert_len, sha);
    if (memcmp(sha, c->cert_sha, sizeof(sha)) != 0) {
        return false;
    }
    digest(key, key_len, sha);
    bool same = memcmp(sha, c->key_sha, sizeof(sha)) == 0;
    mbedtls_platform_zeroize(sha, sizeof(sha));
    return same;
}

bool slsim_tls_creds_has_own(const struct slsim_tls_creds *c)
{
    return c != NULL && c->has_own;
}
