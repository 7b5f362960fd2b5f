/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file pki.c
 * @brief Keys (generate, parse, write), the per-call random generator and PEM armour.
 *
 * Certificates are issued in pki_issue.c. Nothing here verifies anything: that is `trust`.
 */
#include "pki/pki.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/base64.h>
#include <mbedtls/ecp.h>
#include <mbedtls/pem.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/rsa.h>

#include "pki/pki_int.h"

#include "core/banned.h"

/* Largest DER the key writers produce: an RSA-3072 private key is about 1.8 KB. */
#define PKI_KEY_DER_MAX 4096

int slsim_pki_rng_init(struct slsim_pki_rng *rng, const char *who)
{
    mbedtls_entropy_init(&rng->entropy);
    mbedtls_ctr_drbg_init(&rng->drbg);
    return mbedtls_ctr_drbg_seed(&rng->drbg, mbedtls_entropy_func, &rng->entropy,
                                 (const unsigned char *)who, strlen(who));
}

void slsim_pki_rng_free(struct slsim_pki_rng *rng)
{
    mbedtls_ctr_drbg_free(&rng->drbg);
    mbedtls_entropy_free(&rng->entropy);
}

mbedtls_pk_context *slsim_pki_key_pk(const struct slsim_pki_key *key)
{
    /* Through uintptr_t: the keys are always heap objects, never defined const. */
    return (mbedtls_pk_context *)(uintptr_t)&key->pk;
}

static struct slsim_pki_key *key_new(void)
{
    struct slsim_pki_key *key = calloc(1, sizeof(*key));

    if (key != NULL) {
        mbedtls_pk_init(&key->pk);
    }
    return key;
}

void slsim_pki_key_free(struct slsim_pki_key *key)
{
    if (key == NULL) {
        return;
    }
    mbedtls_pk_free(&key->pk);
    free(key);
}

static int gen_rsa(mbedtls_pk_context *pk, unsigned bits, struct slsim_pki_rng *rng)
{
    int rc = mbedtls_pk_setup(pk, mbedtls_pk_info_from_type(MBEDTLS_PK_RSA));

    if (rc == 0) {
        rc = mbedtls_rsa_gen_key(mbedtls_pk_rsa(*pk), mbedtls_ctr_drbg_random, &rng->drbg, bits,
                                 65537);
    }
    return rc;
}

static int gen_ec(mbedtls_pk_context *pk, mbedtls_ecp_group_id grp, struct slsim_pki_rng *rng)
{
    int rc = mbedtls_pk_setup(pk, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY));

    if (rc == 0) {
        rc = mbedtls_ecp_gen_key(grp, mbedtls_pk_ec(*pk), mbedtls_ctr_drbg_random, &rng->drbg);
    }
    return rc;
}

int slsim_pki_key_generate(enum slsim_pki_key_type type, struct slsim_pki_key **out)
{
    struct slsim_pki_rng rng;
    struct slsim_pki_key *key = NULL;
    int rc = -1;

    if (out == NULL) {
        return -1;
    }
    *out = NULL;
    key = key_new();
    rc = slsim_pki_rng_init(&rng, "slsim pki keygen");
    if (key == NULL || rc != 0) {
        rc = -1;
        goto out;
    }
    switch (type) {
    case SLSIM_PKI_RSA2048:
        rc = gen_rsa(&key->pk, 2048, &rng);
        break;
    case SLSIM_PKI_RSA3072:
        rc = gen_rsa(&key->pk, 3072, &rng);
        break;
    case SLSIM_PKI_EC_P256:
        rc = gen_ec(&key->pk, MBEDTLS_ECP_DP_SECP256R1, &rng);
        break;
    case SLSIM_PKI_EC_P384:
        rc = gen_ec(&key->pk, MBEDTLS_ECP_DP_SECP384R1, &rng);
        break;
    default:
        rc = -1;
        break;
    }
out:
    slsim_pki_rng_free(&rng);
    if (rc != 0) {
        slsim_pki_key_free(key);
        return -1;
    }
    *out = key;
    return 0;
}

/* mbedTLS reads PEM only from a NUL-terminated buffer whose length counts the NUL. */
static int parse_pem_key(mbedtls_pk_context *pk, const uint8_t *buf, size_t len)
{
    unsigned char *copy = malloc(len + 1);
    int rc = -1;

    if (copy == NULL) {
        return -1;
    }
    memcpy(copy, buf, len);
    copy[len] = '\0';
    rc = mbedtls_pk_parse_key(pk, copy, len + 1, NULL, 0);
    mbedtls_platform_zeroize(copy, len + 1);
    free(copy);
    return rc;
}

int slsim_pki_key_parse(const uint8_t *buf, size_t len, struct slsim_pki_key **out)
{
    struct slsim_pki_key *key = NULL;
    int rc = -1;

    if (out == NULL) {
        return -1;
    }
    *out = NULL;
    if (buf == NULL || len == 0 || len > SIZE_MAX - 1) {
        return -1;
    }
    key = key_new();
    if (key == NULL) {
        return -1;
    }
    if (buf[0] == 0x30) {
        rc = mbedtls_pk_parse_key(&key->pk, buf, len, NULL, 0);
    } else {
        rc = parse_pem_key(&key->pk, buf, len);
    }
    if (rc != 0) {
        slsim_pki_key_free(key);
        return -1;
    }
    *out = key;
    return 0;
}

int slsim_pki_key_type_of(const struct slsim_pki_key *key)
{
    if (key == NULL) {
        return -1;
    }
    switch (mbedtls_pk_get_type(&key->pk)) {
    case MBEDTLS_PK_RSA: {
        size_t bits = mbedtls_pk_get_bitlen(&key->pk);
        return bits == 2048 ? SLSIM_PKI_RSA2048 : bits == 3072 ? SLSIM_PKI_RSA3072 : -1;
    }
    case MBEDTLS_PK_ECKEY:
    case MBEDTLS_PK_ECKEY_DH:
    case MBEDTLS_PK_ECDSA: {
        mbedtls_ecp_group_id grp = mbedtls_pk_ec(key->pk)->grp.id;
        return grp == MBEDTLS_ECP_DP_SECP256R1   ? SLSIM_PKI_EC_P256
               : grp == MBEDTLS_ECP_DP_SECP384R1 ? SLSIM_PKI_EC_P384
                                                 : -1;
    }
    default:
        return -1;
    }
}

/* The mbedTLS writers fill the end of the buffer; copy that tail into an exact-size block. */
static int write_der(const struct slsim_pki_key *key, bool private_part, uint8_t **der, size_t *len)
{
    unsigned char *buf = NULL;
    int n = -1;

    if (der == NULL || len == NULL) {
        return -1;
    }
    *der = NULL;
    *len = 0;
    if (key == NULL || (buf = malloc(PKI_KEY_DER_MAX)) == NULL) {
        return -1;
    }
    n = private_part ? mbedtls_pk_write_key_der(slsim_pki_key_pk(key), buf, PKI_KEY_DER_MAX)
                     : mbedtls_pk_write_pubkey_der(slsim_pki_key_pk(key), buf, PKI_KEY_DER_MAX);
    if (n > 0 && (*der = malloc((size_t)n)) != NULL) {
        memcpy(*der, buf + PKI_KEY_DER_MAX - n, (size_t)n);
        *len = (size_t)n;
    }
    mbedtls_platform_zeroize(buf, PKI_KEY_DER_MAX);
    free(buf);
    return *der != NULL ? 0 : -1;
}

int slsim_pki_key_write_der(const struct slsim_pki_key *key, uint8_t **der, size_t *len)
{
    return write_der(key, true, der, len);
}

int slsim_pki_key_write_public_der(const struct slsim_pki_key *key, uint8_t **der, size_t *len)
{
    return write_der(key, false, der, len);
}

int slsim_pki_der_to_pem(const char *label, const uint8_t *der, size_t len, char **pem)
{
    char header[64];
    char footer[64];
    size_t need = 0;
    unsigned char *buf = NULL;
    int n1 = 0;
    int n2 = 0;

    if (pem == NULL) {
        return -1;
    }
    *pem = NULL;
    if (label == NULL || der == NULL || len == 0) {
        return -1;
    }
    n1 = snprintf(header, sizeof(header), "-----BEGIN %s-----\n", label);
    n2 = snprintf(footer, sizeof(footer), "-----END %s-----\n", label);
    if (n1 < 0 || n2 < 0 || (size_t)n1 >= sizeof(header) || (size_t)n2 >= sizeof(footer)) {
        return -1;
    }
    if (mbedtls_pem_write_buffer(header, footer, der, len, NULL, 0, &need) !=
            MBEDTLS_ERR_BASE64_BUFFER_TOO_SMALL ||
        need == 0) {
        return -1;
    }
    buf = malloc(need);
    if (buf == NULL) {
        return -1;
    }
    if (mbedtls_pem_write_buffer(header, footer, der, len, buf, need, &need) != 0) {
        free(buf);
        return -1;
    }
    *pem = (char *)buf;
    return 0;
}
