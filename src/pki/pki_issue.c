/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file pki_issue.c
 * @brief Issue X.509 v3 certificates with mbedTLS's writer.
 *
 * Two things mbedTLS 2.28's writer does not do for us: it has no subjectAltName setter (the
 * extension is encoded here), and it takes the issuer name as a string. A string rebuilt from
 * a parsed name loses the ASN.1 string types (PrintableString vs UTF8String), so the issuer
 * would not match the parent's subject byte for byte and a verifier comparing raw names (as
 * the NWP and slsim's trust engine do) would not find the parent. The issuer list is therefore
 * copied attribute by attribute, with its tags, from the parent's parsed subject, and the
 * written certificate is checked against that subject before it is returned.
 */
#include "pki/pki.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mbedtls/asn1write.h>
#include <mbedtls/oid.h>
#include <mbedtls/x509_crt.h>

#include "pki/pki_int.h"

#include "core/banned.h"

/* Room for the largest certificate we write: RSA-3072 keys and a few hundred SAN bytes. */
#define PKI_CRT_DER_MAX 16384

struct issue_ctx {
    const struct slsim_pki_cert_req *req;
    const struct slsim_pki_key *subject_key;
    const struct slsim_pki_key *issuer_key;
    mbedtls_x509write_cert wr;
    mbedtls_x509_crt parent; /* parsed issuer certificate (empty when self-signed) */
    bool self_signed;
    struct slsim_pki_rng rng;
    struct slsim_diag *diag;
};

static bool md_from_name(const char *name, mbedtls_md_type_t *md)
{
    static const struct {
        const char *name;
        mbedtls_md_type_t md;
    } mds[] = {
        { "sha256", MBEDTLS_MD_SHA256 },
        { "sha1", MBEDTLS_MD_SHA1 },
        { "sha384", MBEDTLS_MD_SHA384 },
        { "sha512", MBEDTLS_MD_SHA512 },
    };

    if (name == NULL) {
        *md = MBEDTLS_MD_SHA256;
        return true;
    }
    for (size_t i = 0; i < sizeof(mds) / sizeof(mds[0]); i++) {
        if (slsim_name_equal(name, mds[i].name)) {
            *md = mds[i].md;
            return true;
        }
    }
    return false;
}

/* "YYYYMMDDhhmmss" (UTC) as the writer wants it. */
static bool format_time(int64_t t, char out[16])
{
    time_t tt = (time_t)t;
    struct tm tm;
    int n = 0;

    if ((int64_t)tt != t || gmtime_r(&tt, &tm) == NULL || tm.tm_year + 1900 < 1950 ||
        tm.tm_year + 1900 > 9999) {
        return false;
    }
    n = snprintf(out, 16, "%04d%02d%02d%02d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                 tm.tm_hour, tm.tm_min, tm.tm_sec);
    return n == 14;
}

/* Prepends one copied attribute; the writer emits the list from its tail, so prepending in
 * parse order keeps the parent's RDN order. Freed by mbedtls_x509write_crt_free(). */
static int push_attr(mbedtls_asn1_named_data **head, const mbedtls_x509_name *attr)
{
    mbedtls_asn1_named_data *node = calloc(1, sizeof(*node));

    if (node == NULL) {
        return -1;
    }
    node->next = *head;
    *head = node;
    node->oid.p = malloc(attr->oid.len);
    node->val.p = malloc(attr->val.len > 0 ? attr->val.len : 1);
    if (node->oid.p == NULL || node->val.p == NULL) {
        return -1;
    }
    memcpy(node->oid.p, attr->oid.p, attr->oid.len);
    memcpy(node->val.p, attr->val.p, attr->val.len);
    node->oid.len = attr->oid.len;
    node->oid.tag = attr->oid.tag;
    node->val.len = attr->val.len;
    node->val.tag = attr->val.tag;
    return 0;
}

static int set_names(struct issue_ctx *c)
{
    int rc = mbedtls_x509write_crt_set_subject_name(&c->wr, c->req->subject);

    /* mbedTLS accepts text without any "type=value" and yields an empty name. */
    if (rc != 0 || c->wr.subject == NULL || strchr(c->req->subject, '=') == NULL) {
        slsim_diag_set(c->diag, rc, "cannot read subject '%s' as a DN (C=.., O=.., CN=..)",
                       c->req->subject);
        return -1;
    }
    if (c->self_signed) {
        return mbedtls_x509write_crt_set_issuer_name(&c->wr, c->req->subject) == 0 ? 0 : -1;
    }
    for (const mbedtls_x509_name *n = &c->parent.subject; n != NULL; n = n->next) {
        if (n->oid.p != NULL && push_attr(&c->wr.issuer, n) != 0) {
            slsim_diag_set(c->diag, 0, "out of memory copying the issuer name");
            return -1;
        }
    }
    return 0;
}

static int set_serial(struct issue_ctx *c)
{
    uint8_t be[8];
    uint64_t serial = c->req->serial;
    mbedtls_mpi mpi;
    int rc = 0;

    if (serial == 0) {
        rc = mbedtls_ctr_drbg_random(&c->rng.drbg, be, sizeof(be));
        serial = 0;
        for (size_t i = 0; i < sizeof(be); i++) {
            serial = (serial << 8) | be[i];
        }
        serial = (serial & 0x7FFFFFFFFFFFFFFFull) | 1u; /* positive and never zero */
    }
    for (size_t i = 0; i < sizeof(be); i++) {
        be[i] = (uint8_t)(serial >> (56 - 8 * i));
    }
    mbedtls_mpi_init(&mpi);
    if (rc == 0) {
        rc = mbedtls_mpi_read_binary(&mpi, be, sizeof(be));
    }
    if (rc == 0) {
        rc = mbedtls_x509write_crt_set_serial(&c->wr, &mpi);
    }
    mbedtls_mpi_free(&mpi);
    return rc == 0 ? 0 : -1;
}

static int set_basics(struct issue_ctx *c)
{
    mbedtls_md_type_t md = MBEDTLS_MD_NONE;
    char from[16];
    char to[16];

    if (!md_from_name(c->req->md, &md)) {
        slsim_diag_set(c->diag, 0, "unknown digest '%s' (sha256, sha1, sha384, sha512)",
                       c->req->md);
        return -1;
    }
    if (!format_time(c->req->not_before, from) || !format_time(c->req->not_after, to)) {
        slsim_diag_set(c->diag, 0, "validity outside the years 1950..9999");
        return -1;
    }
    mbedtls_x509write_crt_set_version(&c->wr, MBEDTLS_X509_CRT_VERSION_3);
    mbedtls_x509write_crt_set_md_alg(&c->wr, md);
    mbedtls_x509write_crt_set_subject_key(&c->wr, slsim_pki_key_pk(c->subject_key));
    mbedtls_x509write_crt_set_issuer_key(&c->wr, slsim_pki_key_pk(c->issuer_key));
    if (mbedtls_x509write_crt_set_validity(&c->wr, from, to) != 0 || set_serial(c) != 0) {
        slsim_diag_set(c->diag, 0, "cannot set the validity or serial number");
        return -1;
    }
    return 0;
}

/* subjectAltName ::= SEQUENCE OF GeneralName; dNSName is [2] IA5String (RFC 5280 4.2.1.6).
 * The ASN.1 writer fills the buffer backwards, so the names are written last to first. */
static int set_san(struct issue_ctx *c)
{
    const char *const *dns = c->req->dns;
    size_t n = 0;
    size_t cap = 16;
    unsigned char *buf = NULL;
    unsigned char *p = NULL;
    size_t len = 0;
    int rc = 0;

    for (n = 0; dns != NULL && dns[n] != NULL; n++) {
        cap += strlen(dns[n]) + 8;
    }
    if (n == 0) {
        return 0;
    }
    if ((buf = malloc(cap)) == NULL) {
        return -1;
    }
    p = buf + cap;
    for (size_t i = n; i-- > 0 && rc >= 0;) {
        size_t l = strlen(dns[i]);
        int r1 = mbedtls_asn1_write_raw_buffer(&p, buf, (const unsigned char *)dns[i], l);
        int r2 = r1 < 0 ? r1 : mbedtls_asn1_write_len(&p, buf, l);
        int r3 = r2 < 0 ? r2 : mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONTEXT_SPECIFIC | 2);
        rc = r3 < 0 ? r3 : 0;
        len += r3 < 0 ? 0 : (size_t)r1 + (size_t)r2 + (size_t)r3;
    }
    if (rc >= 0 && (rc = mbedtls_asn1_write_len(&p, buf, len)) >= 0) {
        len += (size_t)rc;
        rc = mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE);
    }
    if (rc >= 0) {
        len += (size_t)rc;
        rc = mbedtls_x509write_crt_set_extension(&c->wr, MBEDTLS_OID_SUBJECT_ALT_NAME,
                                                 MBEDTLS_OID_SIZE(MBEDTLS_OID_SUBJECT_ALT_NAME), 0,
                                                 p, len);
    }
    free(buf);
    return rc < 0 ? -1 : 0;
}

static int set_extensions(struct issue_ctx *c)
{
    const struct slsim_pki_cert_req *req = c->req;
    unsigned int ku = 0;
    int rc = 0;

    if (!req->no_basic_constraints) {
        rc = mbedtls_x509write_crt_set_basic_constraints(&c->wr, req->ca ? 1 : 0,
                                                         req->ca ? req->path_len : -1);
    }
    if (req->ca) {
        ku = MBEDTLS_X509_KU_KEY_CERT_SIGN | MBEDTLS_X509_KU_CRL_SIGN;
    } else {
        ku = MBEDTLS_X509_KU_DIGITAL_SIGNATURE;
        if (mbedtls_pk_get_type(&c->subject_key->pk) == MBEDTLS_PK_RSA) {
            ku |= MBEDTLS_X509_KU_KEY_ENCIPHERMENT;
        }
    }
    if (rc == 0) {
        rc = mbedtls_x509write_crt_set_key_usage(&c->wr, ku);
    }
    if (rc == 0) {
        rc = mbedtls_x509write_crt_set_subject_key_identifier(&c->wr);
    }
    if (rc == 0) {
        rc = mbedtls_x509write_crt_set_authority_key_identifier(&c->wr);
    }
    if (rc == 0) {
        rc = set_san(c);
    }
    if (rc != 0) {
        slsim_diag_set(c->diag, rc, "cannot encode the certificate extensions");
        return -1;
    }
    return 0;
}

/* The issued certificate must parse, and its issuer must be the parent's subject, byte for
 * byte (or its own subject when self-signed). */
static int check_issued(struct issue_ctx *c, const unsigned char *der, size_t len)
{
    mbedtls_x509_crt out;
    const mbedtls_x509_buf *want = NULL;
    int rc = -1;

    mbedtls_x509_crt_init(&out);
    if (mbedtls_x509_crt_parse_der(&out, der, len) != 0) {
        slsim_diag_set(c->diag, 0, "the written certificate does not parse");
        goto out;
    }
    want = c->self_signed ? &out.subject_raw : &c->parent.subject_raw;
    if (out.issuer_raw.len != want->len || memcmp(out.issuer_raw.p, want->p, want->len) != 0) {
        slsim_diag_set(c->diag, 0, "the issuer name could not be reproduced byte for byte");
        goto out;
    }
    rc = 0;
out:
    mbedtls_x509_crt_free(&out);
    return rc;
}

static int write_out(struct issue_ctx *c, uint8_t **der, size_t *len)
{
    unsigned char *buf = malloc(PKI_CRT_DER_MAX);
    int n = 0;

    if (buf == NULL) {
        return -1;
    }
    n = mbedtls_x509write_crt_der(&c->wr, buf, PKI_CRT_DER_MAX, mbedtls_ctr_drbg_random,
                                  &c->rng.drbg);
    if (n <= 0) {
        slsim_diag_set(c->diag, n, "signing failed (mbedTLS -0x%04x)", (unsigned)-n);
    } else if (check_issued(c, buf + PKI_CRT_DER_MAX - n, (size_t)n) == 0 &&
               (*der = malloc((size_t)n)) != NULL) {
        memcpy(*der, buf + PKI_CRT_DER_MAX - n, (size_t)n);
        *len = (size_t)n;
    }
    free(buf);
    return *der != NULL ? 0 : -1;
}

static bool args_ok(const struct slsim_pki_cert_req *req,
                    const struct slsim_pki_key *subject_key,
                    const uint8_t *issuer_der,
                    const struct slsim_pki_key *issuer_key,
                    struct slsim_diag *diag)
{
    if (req == NULL || req->subject == NULL || subject_key == NULL) {
        slsim_diag_set(diag, 0, "missing request, subject or subject key");
        return false;
    }
    if ((issuer_der == NULL) != (issuer_key == NULL)) {
        slsim_diag_set(diag, 0, "give both the issuer certificate and its key, or neither");
        return false;
    }
    if (req->not_after < req->not_before) {
        slsim_diag_set(diag, 0, "not_after is before not_before");
        return false;
    }
    return true;
}

int slsim_pki_issue(const struct slsim_pki_cert_req *req,
                    const struct slsim_pki_key *subject_key,
                    const uint8_t *issuer_der,
                    size_t issuer_len,
                    const struct slsim_pki_key *issuer_key,
                    uint8_t **der,
                    size_t *len,
                    struct slsim_diag *diag)
{
    struct issue_ctx c;
    int rc = -1;

    slsim_diag_clear(diag);
    if (der == NULL || len == NULL) {
        return -1;
    }
    *der = NULL;
    *len = 0;
    if (!args_ok(req, subject_key, issuer_der, issuer_key, diag)) {
        return -1;
    }
    memset(&c, 0, sizeof(c));
    c.req = req;
    c.diag = diag;
    c.subject_key = subject_key;
    c.self_signed = issuer_der == NULL;
    c.issuer_key = c.self_signed ? subject_key : issuer_key;
    mbedtls_x509write_crt_init(&c.wr);
    mbedtls_x509_crt_init(&c.parent);
    if (slsim_pki_rng_init(&c.rng, "slsim pki issue") != 0) {
        slsim_diag_set(diag, 0, "no entropy for the random generator");
        goto out;
    }
    if (!c.self_signed && mbedtls_x509_crt_parse_der(&c.parent, issuer_der, issuer_len) != 0) {
        slsim_diag_set(diag, 0, "the issuer certificate does not parse");
        goto out;
    }
    if (set_names(&c) == 0 && set_basics(&c) == 0 && set_extensions(&c) == 0) {
        rc = write_out(&c, der, len);
    }
out:
    slsim_pki_rng_free(&c.rng);
    mbedtls_x509_crt_free(&c.parent);
    mbedtls_x509write_crt_free(&c.wr);
    return rc;
}
