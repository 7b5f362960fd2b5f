/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_pki.c
 * @brief Unit tests of the X.509 issuing library: chains parse and link by name byte for byte,
 *        extensions and validity are written as asked, digests, key round trips, PEM armour.
 *
 * Certificates are read back with mbedTLS's parser and signatures checked with mbedtls_pk_verify
 * directly (the tests do not use the library's chain verifier).
 */
#include "pki/pki.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include <mbedtls/md.h>
#include <mbedtls/oid.h>
#include <mbedtls/x509_crt.h>

#include "core/banned.h"

#define T2020 1577836800 /* 2020-01-01 00:00:00 UTC */
#define T2040 2208988800 /* 2040-01-01 00:00:00 UTC */

struct keys {
    struct slsim_pki_key *ec;
    struct slsim_pki_key *ec2;
    struct slsim_pki_key *ec384;
    struct slsim_pki_key *rsa;
};

static int setup(void **state)
{
    struct keys *k = calloc(1, sizeof(*k));

    if (k == NULL || slsim_pki_key_generate(SLSIM_PKI_EC_P256, &k->ec) != 0 ||
        slsim_pki_key_generate(SLSIM_PKI_EC_P256, &k->ec2) != 0 ||
        slsim_pki_key_generate(SLSIM_PKI_EC_P384, &k->ec384) != 0 ||
        slsim_pki_key_generate(SLSIM_PKI_RSA2048, &k->rsa) != 0) {
        return -1;
    }
    *state = k;
    return 0;
}

static int teardown(void **state)
{
    struct keys *k = *state;

    slsim_pki_key_free(k->ec);
    slsim_pki_key_free(k->ec2);
    slsim_pki_key_free(k->ec384);
    slsim_pki_key_free(k->rsa);
    free(k);
    return 0;
}

static void parse(mbedtls_x509_crt *crt, const uint8_t *der, size_t len)
{
    mbedtls_x509_crt_init(crt);
    assert_int_equal(mbedtls_x509_crt_parse_der(crt, der, len), 0);
}

/* The child's signature verifies with the parent's public key. */
static bool signed_by(const mbedtls_x509_crt *child, const mbedtls_x509_crt *parent)
{
    unsigned char hash[MBEDTLS_MD_MAX_SIZE];
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(child->sig_md);

    if (md == NULL || mbedtls_md(md, child->tbs.p, child->tbs.len, hash) != 0) {
        return false;
    }
    return mbedtls_pk_verify_ext(child->sig_pk, child->sig_opts,
                                 (mbedtls_pk_context *)(uintptr_t)&parent->pk, child->sig_md, hash,
                                 mbedtls_md_get_size(md), child->sig.p, child->sig.len) == 0;
}

static bool raw_equal(const mbedtls_x509_buf *a, const mbedtls_x509_buf *b)
{
    return a->len == b->len && memcmp(a->p, b->p, a->len) == 0;
}

static bool has_dns(const mbedtls_x509_crt *crt, const char *name)
{
    for (const mbedtls_x509_sequence *s = &crt->subject_alt_names; s != NULL; s = s->next) {
        if (s->buf.tag == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | 2) && s->buf.len == strlen(name) &&
            memcmp(s->buf.p, name, s->buf.len) == 0) {
            return true;
        }
    }
    return false;
}

static void issue_ok(const struct slsim_pki_cert_req *req,
                     const struct slsim_pki_key *key,
                     const uint8_t *idr,
                     size_t ilen,
                     const struct slsim_pki_key *ikey,
                     uint8_t **der,
                     size_t *len)
{
    struct slsim_diag diag;

    int rc = slsim_pki_issue(req, key, idr, ilen, ikey, der, len, &diag);
    if (rc != 0) {
        fail_msg("issue failed: %s", diag.msg);
    }
    assert_non_null(*der);
}

/* root (EC) -> intermediate (RSA, pathLen 0) -> leaf (EC, two SANs) */
static void issue_chain(const struct keys *k, uint8_t *der[3], size_t len[3])
{
    static const char *const dns[] = { "leaf.example.com", "*.iot.example.com", NULL };
    const struct slsim_pki_cert_req root_req = {
        .subject = "C=IL, O=Texas Instruments Inc., OU=RND, CN=dummy-root-ca-cert",
        .not_before = T2020,
        .not_after = T2040,
        .ca = true,
        .path_len = -1,
        .serial = 1,
    };
    const struct slsim_pki_cert_req int_req = {
        .subject = "C=IL, O=Texas Instruments Inc., CN=dummy-intermediate",
        .not_before = T2020,
        .not_after = T2040,
        .ca = true,
        .path_len = 0,
        .serial = 2,
    };
    const struct slsim_pki_cert_req leaf_req = {
        .subject = "CN=leaf.example.com",
        .dns = dns,
        .not_before = T2020,
        .not_after = T2040,
        .serial = 0x0102030405060708ull,
    };

    issue_ok(&root_req, k->ec, NULL, 0, NULL, &der[0], &len[0]);
    issue_ok(&int_req, k->rsa, der[0], len[0], k->ec, &der[1], &len[1]);
    issue_ok(&leaf_req, k->ec2, der[1], len[1], k->rsa, &der[2], &len[2]);
}

static void test_slsim_pki_issue__chain_links(void **state)
{
    uint8_t *der[3] = { NULL, NULL, NULL };
    size_t len[3] = { 0, 0, 0 };
    mbedtls_x509_crt root, inter, leaf;
    char dn[256];

    issue_chain(*state, der, len);
    parse(&root, der[0], len[0]);
    parse(&inter, der[1], len[1]);
    parse(&leaf, der[2], len[2]);
    assert_true(mbedtls_x509_dn_gets(dn, sizeof(dn), &root.subject) > 0);
    assert_string_equal(dn, "C=IL, O=Texas Instruments Inc., OU=RND, CN=dummy-root-ca-cert");
    assert_true(raw_equal(&root.issuer_raw, &root.subject_raw));
    assert_true(raw_equal(&inter.issuer_raw, &root.subject_raw));
    assert_true(raw_equal(&leaf.issuer_raw, &inter.subject_raw));
    assert_true(signed_by(&root, &root));
    assert_true(signed_by(&inter, &root));
    assert_true(signed_by(&leaf, &inter));
    assert_false(signed_by(&leaf, &root));
    mbedtls_x509_crt_free(&root);
    mbedtls_x509_crt_free(&inter);
    mbedtls_x509_crt_free(&leaf);
    for (int i = 0; i < 3; i++) {
        free(der[i]);
    }
}

static void test_slsim_pki_issue__extensions(void **state)
{
    uint8_t *der[3] = { NULL, NULL, NULL };
    size_t len[3] = { 0, 0, 0 };
    mbedtls_x509_crt root, inter, leaf;

    issue_chain(*state, der, len);
    parse(&root, der[0], len[0]);
    parse(&inter, der[1], len[1]);
    parse(&leaf, der[2], len[2]);
    assert_int_equal(root.ca_istrue, 1);
    assert_int_equal(root.max_pathlen, 0); /* none */
    assert_true(root.key_usage & MBEDTLS_X509_KU_KEY_CERT_SIGN);
    assert_int_equal(inter.ca_istrue, 1);
    assert_int_equal(inter.max_pathlen, 1); /* mbedTLS stores pathLen + 1 */
    assert_int_equal(leaf.ca_istrue, 0);
    assert_true(leaf.ext_types & MBEDTLS_X509_EXT_BASIC_CONSTRAINTS);
    assert_true(leaf.key_usage & MBEDTLS_X509_KU_DIGITAL_SIGNATURE);
    assert_false(leaf.key_usage & MBEDTLS_X509_KU_KEY_CERT_SIGN);
    assert_true(has_dns(&leaf, "leaf.example.com"));
    assert_true(has_dns(&leaf, "*.iot.example.com"));
    assert_false(has_dns(&inter, "leaf.example.com"));
    assert_int_equal(leaf.serial.len, 8);
    assert_int_equal(leaf.serial.p[0], 0x01);
    assert_int_equal(leaf.serial.p[7], 0x08);
    mbedtls_x509_crt_free(&root);
    mbedtls_x509_crt_free(&inter);
    mbedtls_x509_crt_free(&leaf);
    for (int i = 0; i < 3; i++) {
        free(der[i]);
    }
}

static void test_slsim_pki_issue__validity_window(void **state)
{
    struct keys *k = *state;
    static const struct {
        int64_t from, to;
        int y1, mo1, d1, h1, y2, mo2, d2, s2;
    } cases[] = {
        { T2020, T2040, 2020, 1, 1, 0, 2040, 1, 1, 0 },
        { 1356998400, 1356998400 + 86399, 2013, 1, 1, 0, 2013, 1, 1, 59 },
        { 946684800 + 3600, 4102444800, 2000, 1, 1, 1, 2100, 1, 1, 0 }, /* GeneralizedTime */
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct slsim_pki_cert_req req = { .subject = "CN=window",
                                          .not_before = cases[i].from,
                                          .not_after = cases[i].to,
                                          .serial = 7 };
        uint8_t *der = NULL;
        size_t len = 0;
        mbedtls_x509_crt crt;

        issue_ok(&req, k->ec, NULL, 0, NULL, &der, &len);
        parse(&crt, der, len);
        assert_int_equal(crt.valid_from.year, cases[i].y1);
        assert_int_equal(crt.valid_from.mon, cases[i].mo1);
        assert_int_equal(crt.valid_from.day, cases[i].d1);
        assert_int_equal(crt.valid_from.hour, cases[i].h1);
        assert_int_equal(crt.valid_to.year, cases[i].y2);
        assert_int_equal(crt.valid_to.mon, cases[i].mo2);
        assert_int_equal(crt.valid_to.day, cases[i].d2);
        assert_int_equal(crt.valid_to.sec, cases[i].s2);
        mbedtls_x509_crt_free(&crt);
        free(der);
    }
}

static void test_slsim_pki_issue__digests(void **state)
{
    struct keys *k = *state;
    static const struct {
        const char *md;
        int key; /* 0 EC P-256, 1 RSA, 2 EC P-384 */
        mbedtls_md_type_t want;
    } cases[] = {
        { NULL, 0, MBEDTLS_MD_SHA256 },     { "sha256", 1, MBEDTLS_MD_SHA256 },
        { "sha1", 0, MBEDTLS_MD_SHA1 },     { "sha1", 1, MBEDTLS_MD_SHA1 },
        { "sha384", 0, MBEDTLS_MD_SHA384 }, { "SHA384", 1, MBEDTLS_MD_SHA384 },
        { "sha384", 2, MBEDTLS_MD_SHA384 }, { "sha512", 1, MBEDTLS_MD_SHA512 },
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct slsim_pki_key *key = cases[i].key == 0   ? k->ec
                                          : cases[i].key == 1 ? k->rsa
                                                              : k->ec384;
        struct slsim_pki_cert_req req = { .subject = "CN=digest",
                                          .md = cases[i].md,
                                          .not_before = T2020,
                                          .not_after = T2040,
                                          .ca = true,
                                          .path_len = -1 };
        uint8_t *der = NULL;
        size_t len = 0;
        mbedtls_x509_crt crt;

        issue_ok(&req, key, NULL, 0, NULL, &der, &len);
        parse(&crt, der, len);
        assert_int_equal(crt.sig_md, cases[i].want);
        assert_int_equal(crt.sig_pk, cases[i].key == 1 ? MBEDTLS_PK_RSA : MBEDTLS_PK_ECDSA);
        assert_true(signed_by(&crt, &crt));
        mbedtls_x509_crt_free(&crt);
        free(der);
    }
}

/* An issuer whose CN is a PrintableString (not mbedTLS's UTF8String default): the child's
 * issuer must keep that type. The issuer certificate's own signature is not valid after the
 * patch, which does not matter for naming. */
static void test_slsim_pki_issue__issuer_string_types_kept(void **state)
{
    struct keys *k = *state;
    struct slsim_pki_cert_req req = { .subject = "O=Patch, CN=Printable Root",
                                      .not_before = T2020,
                                      .not_after = T2040,
                                      .ca = true,
                                      .path_len = -1 };
    static const uint8_t cn_utf8[] = { 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c };
    uint8_t *rd = NULL, *cd = NULL;
    size_t rl = 0, cl = 0, patched = 0;
    mbedtls_x509_crt root, child;

    issue_ok(&req, k->ec, NULL, 0, NULL, &rd, &rl);
    for (size_t i = 0; i + sizeof(cn_utf8) <= rl; i++) {
        if (memcmp(rd + i, cn_utf8, sizeof(cn_utf8)) == 0) {
            rd[i + sizeof(cn_utf8) - 1] = 0x13; /* PrintableString */
            patched++;
        }
    }
    assert_int_equal(patched, 2); /* issuer and subject */
    req.subject = "CN=child";
    req.ca = false;
    issue_ok(&req, k->ec2, rd, rl, k->ec, &cd, &cl);
    parse(&root, rd, rl);
    parse(&child, cd, cl);
    assert_true(raw_equal(&child.issuer_raw, &root.subject_raw));
    assert_int_equal(child.issuer.next->val.tag, MBEDTLS_ASN1_PRINTABLE_STRING);
    mbedtls_x509_crt_free(&root);
    mbedtls_x509_crt_free(&child);
    free(rd);
    free(cd);
}

static void test_slsim_pki_issue__basic_constraints_omitted(void **state)
{
    struct keys *k = *state;
    struct slsim_pki_cert_req req = {
        .subject = "CN=old", .not_before = T2020, .not_after = T2040, .no_basic_constraints = true
    };
    uint8_t *der = NULL;
    size_t len = 0;
    mbedtls_x509_crt crt;

    issue_ok(&req, k->ec, NULL, 0, NULL, &der, &len);
    parse(&crt, der, len);
    assert_false(crt.ext_types & MBEDTLS_X509_EXT_BASIC_CONSTRAINTS);
    assert_int_equal(crt.ca_istrue, 0);
    assert_true(crt.serial.len >= 1); /* random serial */
    mbedtls_x509_crt_free(&crt);
    free(der);
}

static void test_slsim_pki_issue__bad_requests(void **state)
{
    struct keys *k = *state;
    uint8_t *root = NULL;
    size_t rlen = 0;
    struct slsim_pki_cert_req good = { .subject = "CN=ok",
                                       .not_before = T2020,
                                       .not_after = T2040 };
    static const uint8_t junk[] = { 0x30, 0x03, 0x02, 0x01, 0x00 };

    issue_ok(&good, k->ec, NULL, 0, NULL, &root, &rlen);
    static const struct {
        const char *subject, *md;
        int64_t from, to;
        int issuer; /* 0 none, 1 der only, 2 key only, 3 junk der + key */
        const char *why;
    } cases[] = {
        { "not a dn", NULL, T2020, T2040, 0, "subject" },
        { "CN=x", "md5", T2020, T2040, 0, "digest" },
        { "CN=x", NULL, T2040, T2020, 0, "not_after" },
        { "CN=x", NULL, -30000000000LL, T2020, 0, "validity" },
        { "CN=x", NULL, T2020, T2040, 1, "both" },
        { "CN=x", NULL, T2020, T2040, 2, "both" },
        { "CN=x", NULL, T2020, T2040, 3, "does not parse" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct slsim_pki_cert_req req = { .subject = cases[i].subject,
                                          .md = cases[i].md,
                                          .not_before = cases[i].from,
                                          .not_after = cases[i].to };
        const uint8_t *idr = cases[i].issuer == 1 ? root : cases[i].issuer == 3 ? junk : NULL;
        size_t ilen = cases[i].issuer == 1 ? rlen : cases[i].issuer == 3 ? sizeof(junk) : 0;
        const struct slsim_pki_key *ikey = cases[i].issuer >= 2 ? k->ec : NULL;
        struct slsim_diag diag;
        uint8_t *der = (uint8_t *)&diag;
        size_t len = 99;

        assert_int_equal(slsim_pki_issue(&req, k->ec2, idr, ilen, ikey, &der, &len, &diag), -1);
        assert_null(der);
        assert_int_equal(len, 0);
        if (strstr(diag.msg, cases[i].why) == NULL) {
            fail_msg("case %zu: got '%s'", i, diag.msg);
        }
    }
    free(root);
}

static void test_slsim_pki_key_write_der__round_trip(void **state)
{
    struct keys *k = *state;
    const struct {
        const struct slsim_pki_key *key;
        int type;
    } cases[] = {
        { k->ec, SLSIM_PKI_EC_P256 },
        { k->ec384, SLSIM_PKI_EC_P384 },
        { k->rsa, SLSIM_PKI_RSA2048 },
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint8_t *d1 = NULL, *d2 = NULL, *d3 = NULL;
        size_t l1 = 0, l2 = 0, l3 = 0;
        char *pem = NULL;
        struct slsim_pki_key *back = NULL, *back_pem = NULL;

        assert_int_equal(slsim_pki_key_type_of(cases[i].key), cases[i].type);
        assert_int_equal(slsim_pki_key_write_der(cases[i].key, &d1, &l1), 0);
        assert_int_equal(slsim_pki_key_parse(d1, l1, &back), 0);
        assert_int_equal(slsim_pki_key_write_der(back, &d2, &l2), 0);
        assert_memory_equal(d1, d2, l1);
        assert_int_equal(l1, l2);
        assert_int_equal(slsim_pki_der_to_pem(cases[i].type == SLSIM_PKI_RSA2048 ? "RSA PRIVATE KEY"
                                                                                 : "EC PRIVATE KEY",
                                              d1, l1, &pem),
                         0);
        assert_int_equal(slsim_pki_key_parse((const uint8_t *)pem, strlen(pem), &back_pem), 0);
        assert_int_equal(slsim_pki_key_write_der(back_pem, &d3, &l3), 0);
        assert_int_equal(l1, l3);
        assert_memory_equal(d1, d3, l1);
        assert_int_equal(slsim_pki_key_type_of(back_pem), cases[i].type);
        slsim_pki_key_free(back);
        slsim_pki_key_free(back_pem);
        free(d1);
        free(d2);
        free(d3);
        free(pem);
    }
}

static void test_slsim_pki_key_parse__garbage(void **state)
{
    (void)state;
    static const char pem_junk[] = "-----BEGIN EC PRIVATE KEY-----\nnot*base64\n"
                                   "-----END EC PRIVATE KEY-----\n";
    static const uint8_t der_junk[] = { 0x30, 0x03, 0x02, 0x01, 0x01 };
    struct slsim_pki_key *key = (struct slsim_pki_key *)&key;

    assert_int_equal(slsim_pki_key_parse((const uint8_t *)pem_junk, strlen(pem_junk), &key), -1);
    assert_null(key);
    assert_int_equal(slsim_pki_key_parse(der_junk, sizeof(der_junk), &key), -1);
    assert_int_equal(slsim_pki_key_parse(NULL, 3, &key), -1);
    assert_int_equal(slsim_pki_key_generate((enum slsim_pki_key_type)42, &key), -1);
    assert_null(key);
    slsim_pki_key_free(NULL);
}

static void test_slsim_pki_der_to_pem__certificate(void **state)
{
    struct keys *k = *state;
    struct slsim_pki_cert_req req = { .subject = "CN=pem",
                                      .not_before = T2020,
                                      .not_after = T2040 };
    uint8_t *der = NULL;
    size_t len = 0;
    char *pem = NULL;
    mbedtls_x509_crt crt;

    issue_ok(&req, k->ec, NULL, 0, NULL, &der, &len);
    assert_int_equal(slsim_pki_der_to_pem("CERTIFICATE", der, len, &pem), 0);
    assert_memory_equal(pem, "-----BEGIN CERTIFICATE-----\n", 28);
    assert_non_null(strstr(pem, "\n-----END CERTIFICATE-----\n"));
    mbedtls_x509_crt_init(&crt);
    assert_int_equal(mbedtls_x509_crt_parse(&crt, (const unsigned char *)pem, strlen(pem) + 1), 0);
    assert_int_equal(crt.raw.len, len);
    assert_memory_equal(crt.raw.p, der, len);
    mbedtls_x509_crt_free(&crt);
    free(pem);
    pem = (char *)der;
    assert_int_equal(slsim_pki_der_to_pem("CERTIFICATE", NULL, 0, &pem), -1);
    assert_null(pem);
    free(der);
}

static void test_slsim_pki_key_write_public_der__matches_certificate(void **state)
{
    struct keys *k = *state;
    struct slsim_pki_cert_req req = { .subject = "CN=pub",
                                      .not_before = T2020,
                                      .not_after = T2040 };
    uint8_t *der = NULL, *pub = NULL;
    size_t len = 0, plen = 0;
    mbedtls_x509_crt crt;

    issue_ok(&req, k->rsa, NULL, 0, NULL, &der, &len);
    assert_int_equal(slsim_pki_key_write_public_der(k->rsa, &pub, &plen), 0);
    parse(&crt, der, len);
    assert_int_equal(crt.pk_raw.len, plen);
    assert_memory_equal(crt.pk_raw.p, pub, plen);
    mbedtls_x509_crt_free(&crt);
    free(der);
    free(pub);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slsim_pki_issue__chain_links),
        cmocka_unit_test(test_slsim_pki_issue__extensions),
        cmocka_unit_test(test_slsim_pki_issue__validity_window),
        cmocka_unit_test(test_slsim_pki_issue__digests),
        cmocka_unit_test(test_slsim_pki_issue__issuer_string_types_kept),
        cmocka_unit_test(test_slsim_pki_issue__basic_constraints_omitted),
        cmocka_unit_test(test_slsim_pki_issue__bad_requests),
        cmocka_unit_test(test_slsim_pki_key_write_der__round_trip),
        cmocka_unit_test(test_slsim_pki_key_parse__garbage),
        cmocka_unit_test(test_slsim_pki_der_to_pem__certificate),
        cmocka_unit_test(test_slsim_pki_key_write_public_der__matches_certificate),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
