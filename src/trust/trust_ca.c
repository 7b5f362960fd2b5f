/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file trust_ca.c
 * @brief Read a CA file (or an own-certificate file) the way the NWP reads it.
 *
 * A file whose first byte is 0x30 (an ASN.1 SEQUENCE) is one DER certificate. Anything else is
 * PEM: every `-----BEGIN CERTIFICATE-----` block counts, text between blocks is ignored, and one
 * block that does not decode or parse makes the whole file bad (SWRU455 table 8-4: -456 "check
 * if it is a valid DER/PEM CA file"). Which certificates act as roots is the profile's choice:
 * CC3235 uses them all, CC3220 only the first (reference B.4).
 */
#include "trust/trust.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "trust/trust_int.h"

#include "core/banned.h"

void slsim_trust_ca_init(struct slsim_trust_ca *ca)
{
    memset(ca, 0, sizeof(*ca));
    mbedtls_x509_crt_init(&ca->certs);
}

void slsim_trust_ca_free(struct slsim_trust_ca *ca)
{
    mbedtls_x509_crt_free(&ca->certs);
    ca->n_certs = 0;
    ca->n_roots = 0;
}

const mbedtls_x509_crt *slsim_trust_ca_cert(const struct slsim_trust_ca *ca, size_t i)
{
    const mbedtls_x509_crt *c = &ca->certs;

    if (i >= ca->n_certs) {
        return NULL;
    }
    while (i-- > 0 && c != NULL) {
        c = c->next;
    }
    return c;
}

static int load_der(struct slsim_trust_ca *ca, const uint8_t *buf, size_t len)
{
    int rc = mbedtls_x509_crt_parse_der(&ca->certs, buf, len);

    if (rc != 0) {
        (void)snprintf(
            ca->why, sizeof(ca->why),
            "it starts like DER (0x30) but is not an X.509 certificate (mbedTLS -0x%04x)",
            (unsigned)-rc);
        return -1;
    }
    ca->n_certs = 1;
    return 0;
}

/* Decodes and parses the next block; 1 = one more certificate, 0 = no more blocks, -1 bad. */
static int load_pem_block(struct slsim_trust_ca *ca,
                          struct slsim_catalog_pem_iter *it,
                          uint8_t *der,
                          size_t cap)
{
    size_t dlen = 0;
    enum slsim_catalog_status st = slsim_catalog_pem_next(it, der, cap, &dlen);
    size_t block = ca->n_certs + 1;
    int rc = 0;

    if (st == SLSIM_CATALOG_PEM_END) {
        return 0;
    }
    if (st != SLSIM_CATALOG_OK) {
        (void)snprintf(ca->why, sizeof(ca->why), "PEM certificate block %zu is damaged (%s)", block,
                       slsim_catalog_status_str(st));
        return -1;
    }
    rc = mbedtls_x509_crt_parse_der(&ca->certs, der, dlen);
    if (rc != 0) {
        (void)snprintf(ca->why, sizeof(ca->why),
                       "PEM certificate block %zu decodes but is not an X.509 certificate "
                       "(mbedTLS -0x%04x)",
                       block, (unsigned)-rc);
        return -1;
    }
    ca->n_certs++;
    return 1;
}

static int load_pem(struct slsim_trust_ca *ca, const uint8_t *buf, size_t len)
{
    struct slsim_catalog_pem_iter it;
    uint8_t *der = malloc(len); /* base64 text is always longer than what it decodes to */
    int rc = 1;

    if (der == NULL) {
        (void)snprintf(ca->why, sizeof(ca->why), "out of memory reading the file");
        return -1;
    }
    slsim_catalog_pem_begin(&it, buf, len);
    while (rc == 1) {
        rc = load_pem_block(ca, &it, der, len);
    }
    free(der);
    if (rc == 0 && ca->n_certs == 0) {
        (void)snprintf(ca->why, sizeof(ca->why),
                       "it is neither DER nor PEM: no -----BEGIN CERTIFICATE----- block");
        return -1;
    }
    return rc;
}

int slsim_trust_ca_load(struct slsim_trust_ca *ca, const uint8_t *buf, size_t len, bool multi_root)
{
    int rc = -1;

    slsim_trust_ca_free(ca);
    slsim_trust_ca_init(ca);
    if (buf == NULL || len == 0) {
        (void)snprintf(ca->why, sizeof(ca->why), "the file is empty");
        return -1;
    }
    ca->pem = buf[0] != 0x30;
    rc = ca->pem ? load_pem(ca, buf, len) : load_der(ca, buf, len);
    if (rc != 0) {
        slsim_trust_ca_free(ca);
        return -1;
    }
    ca->n_roots = multi_root ? ca->n_certs : 1;
    return 0;
}
