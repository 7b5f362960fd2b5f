/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sock_params.c
 * @brief The peer-certificate summary of SL_SO_SSL_CONNECTION_PARAMS (reference §2.3,
 *        nwp-behaviour B.1): subject and issuer names, their XOR-folded SHA-1, validity, and the
 *        SHA-256 of the leaf.
 *
 * Uses mbedTLS's X.509 parser and hashes only (as src/trust does); no TLS-library state.
 */
#include "sock/sock_int.h"

#include <stdio.h>
#include <string.h>

#include <mbedtls/oid.h>
#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>
#include <mbedtls/x509_crt.h>

#include "core/banned.h"

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int64_t x509_unix(const mbedtls_x509_time *t)
{
    return days_from_civil(t->year, t->mon, t->day) * 86400 + (int64_t)t->hour * 3600 +
           (int64_t)t->min * 60 + t->sec;
}

static uint16_t xor_sha1(const mbedtls_x509_buf *raw)
{
    unsigned char h[20];
    if (mbedtls_sha1_ret(raw->p, raw->len, h) != 0) {
        return 0;
    }
    uint16_t x = 0;
    for (int i = 0; i < 20; i += 2) {
        x ^= (uint16_t)((h[i] << 8) | h[i + 1]);
    }
    return x;
}

/* The CN of @p dn if it has one, else the whole DN in one-line form. */
static void name_of(char *buf, size_t size, const mbedtls_x509_name *dn)
{
    for (const mbedtls_x509_name *n = dn; n != NULL; n = n->next) {
        if (MBEDTLS_OID_CMP(MBEDTLS_OID_AT_CN, &n->oid) == 0) {
            (void)snprintf(buf, size, "%.*s", (int)n->val.len, (const char *)n->val.p);
            return;
        }
    }
    if (mbedtls_x509_dn_gets(buf, size, dn) < 0) {
        buf[0] = '\0';
    }
}

void slsim_sock_params_cert(struct slsim_sock_conn_params *p, const uint8_t *der, size_t len)
{
    if (der == NULL || len == 0) {
        return;
    }
    (void)mbedtls_sha256_ret(der, len, p->peer_der_hash, 0);
    mbedtls_x509_crt crt;
    mbedtls_x509_crt_init(&crt);
    if (mbedtls_x509_crt_parse_der(&crt, der, len) == 0) {
        name_of(p->subject, sizeof(p->subject), &crt.subject);
        name_of(p->issuer, sizeof(p->issuer), &crt.issuer);
        p->subject_xsha1 = xor_sha1(&crt.subject_raw);
        p->issuer_xsha1 = xor_sha1(&crt.issuer_raw);
        p->not_before = x509_unix(&crt.valid_from);
        p->not_after = x509_unix(&crt.valid_to);
    }
    mbedtls_x509_crt_free(&crt);
}
