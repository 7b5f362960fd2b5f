/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_catalog_lookup.c
 * @brief Unit tests of lookups, reindexing, certificate digests and PEM bundle splitting.
 *
 * Expected digests come from outside slsim: the FIPS 180-2 "abc" vector and the fingerprints
 * `openssl x509 -fingerprint -sha256` printed for tests/data/catalog/root-[ab].der.
 */
#include "catalog/catalog.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define DLEN SLSIM_CATALOG_DIGEST_LEN

#ifndef SLSIM_TEST_DATA
#error "SLSIM_TEST_DATA must name the tests/data directory"
#endif

static const char root_a_sha256[] =
    "be89f0ef7f1e6fd15d557f5c19034671279edebf5cab8192a910f92a7d8cdeed";
static const char root_b_sha256[] =
    "7d1fa2223e5602f17281c70a1d2472ed257806ad6652140100150b01066d8da1";

static void from_hex(const char *hex, uint8_t out[DLEN])
{
    assert_int_equal(strlen(hex), 2 * DLEN);
    for (size_t i = 0; i < DLEN; i++) {
        unsigned v = 0;
        assert_int_equal(sscanf(hex + 2 * i, "%2x", &v), 1);
        out[i] = (uint8_t)v;
    }
}

static size_t read_data(const char *name, uint8_t *buf, size_t cap)
{
    char path[512];
    int n = snprintf(path, sizeof(path), "%s/catalog/%s", SLSIM_TEST_DATA, name);
    assert_true(n > 0 && (size_t)n < sizeof(path));
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t len = fread(buf, 1, cap, f);
    assert_int_equal(ferror(f), 0);
    assert_true(len < cap);
    assert_int_equal(fclose(f), 0);
    return len;
}

/* Distinct for every seed < 65536: the first two bytes carry the seed. */
static void make_digest(unsigned seed, uint8_t out[DLEN])
{
    out[0] = (uint8_t)(seed & 0xFFu);
    out[1] = (uint8_t)(((seed >> 8) & 0xFFu) ^ 0x5Au);
    for (unsigned i = 2; i < DLEN; i++) {
        out[i] = (uint8_t)((seed * 101u + i * 7u) & 0xFFu);
    }
}

static void test_slsim_catalog_find_by_digest__answers(void **state)
{
    enum { A = 1, B, C, D, E, BOTH, ABSENT };
    static const struct {
        unsigned seed;
        int tweak; /* byte to flip, or -1 */
        enum slsim_catalog_lookup want;
        const char *why;
    } cases[] = {
        { A, -1, SLSIM_CATALOG_TRUSTED, "first trusted" },
        { C, -1, SLSIM_CATALOG_TRUSTED, "last trusted" },
        { D, -1, SLSIM_CATALOG_REVOKED, "revoked" },
        { E, -1, SLSIM_CATALOG_REVOKED, "last revoked" },
        { BOTH, -1, SLSIM_CATALOG_REVOKED, "in both lists: revoked wins" },
        { ABSENT, -1, SLSIM_CATALOG_UNKNOWN, "in neither list" },
        { B, 31, SLSIM_CATALOG_UNKNOWN, "same index prefix, last byte differs" },
        { D, 0, SLSIM_CATALOG_UNKNOWN, "first byte differs" },
    };
    static struct slsim_catalog cat;
    uint8_t d[DLEN];
    (void)state;

    slsim_catalog_init(&cat, 0, 0);
    for (unsigned s = A; s <= C; s++) {
        make_digest(s, d);
        assert_int_equal(slsim_catalog_add_trusted(&cat, d), SLSIM_CATALOG_OK);
    }
    make_digest(BOTH, d);
    assert_int_equal(slsim_catalog_add_trusted(&cat, d), SLSIM_CATALOG_OK);
    for (unsigned s = D; s <= BOTH; s++) {
        make_digest(s, d);
        assert_int_equal(slsim_catalog_add_revoked(&cat, d), SLSIM_CATALOG_OK);
    }
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        print_message("case: %s\n", cases[k].why);
        make_digest(cases[k].seed, d);
        if (cases[k].tweak >= 0) {
            d[cases[k].tweak] ^= 0x01;
        }
        assert_int_equal(slsim_catalog_find_by_digest(&cat, d), cases[k].want);
    }
    assert_int_equal(slsim_catalog_find_by_digest(NULL, d), SLSIM_CATALOG_UNKNOWN);
    assert_int_equal(slsim_catalog_find_by_digest(&cat, NULL), SLSIM_CATALOG_UNKNOWN);
    cat.n_trusted = 500;
    assert_int_equal(slsim_catalog_find_by_digest(&cat, d), SLSIM_CATALOG_UNKNOWN);
}

/* Full lists, added in descending digest order and re-read through the codec, so both the
 * incremental insert and the permutation decode builds are exercised. */
static void test_slsim_catalog_find_by_digest__full_lists(void **state)
{
    static struct slsim_catalog built, cat;
    static uint8_t file[SLSIM_CATALOG_MAX_ENCODED_LEN];
    uint8_t d[DLEN];
    size_t len = 0;
    (void)state;

    slsim_catalog_init(&built, 0, 0);
    for (unsigned i = 0; i < SLSIM_CATALOG_MAX_TRUSTED; i++) {
        make_digest(255 - i, d);
        assert_int_equal(slsim_catalog_add_trusted(&built, d), SLSIM_CATALOG_OK);
    }
    for (unsigned i = 0; i < SLSIM_CATALOG_MAX_REVOKED; i++) {
        make_digest(2 * i + 1000, d);
        assert_int_equal(slsim_catalog_add_revoked(&built, d), SLSIM_CATALOG_OK);
    }
    assert_int_equal(slsim_catalog_encode(&built, file, sizeof(file), &len), SLSIM_CATALOG_OK);
    assert_int_equal(slsim_catalog_decode(file, len, &cat, NULL), SLSIM_CATALOG_OK);
    for (const struct slsim_catalog *c = &built; c != NULL; c = c == &built ? &cat : NULL) {
        for (unsigned i = 0; i < SLSIM_CATALOG_MAX_TRUSTED; i++) {
            make_digest(255 - i, d);
            assert_int_equal(slsim_catalog_find_by_digest(c, d), SLSIM_CATALOG_TRUSTED);
        }
        for (unsigned i = 0; i < SLSIM_CATALOG_MAX_REVOKED; i++) {
            make_digest(2 * i + 1000, d);
            assert_int_equal(slsim_catalog_find_by_digest(c, d), SLSIM_CATALOG_REVOKED);
            make_digest(2 * i + 1001, d);
            assert_int_equal(slsim_catalog_find_by_digest(c, d), SLSIM_CATALOG_UNKNOWN);
        }
        for (unsigned s = 0; s < 128; s++) {
            make_digest(s, d);
            assert_int_equal(slsim_catalog_find_by_digest(c, d), SLSIM_CATALOG_UNKNOWN);
        }
    }
}

static void test_slsim_catalog_reindex__direct_writes(void **state)
{
    static struct slsim_catalog cat;
    uint8_t d[DLEN];
    (void)state;

    slsim_catalog_init(&cat, 0, 0);
    cat.n_trusted = 3;
    make_digest(30, cat.trusted[0]);
    make_digest(10, cat.trusted[1]);
    make_digest(20, cat.trusted[2]);
    memset(cat.trusted_sorted, 0xEE, sizeof(cat.trusted_sorted)); /* stale: must not crash */
    make_digest(10, d);
    assert_int_equal(slsim_catalog_find_by_digest(&cat, d), SLSIM_CATALOG_UNKNOWN);
    assert_int_equal(slsim_catalog_reindex(&cat), SLSIM_CATALOG_OK);
    for (unsigned s = 10; s <= 30; s += 10) {
        make_digest(s, d);
        assert_int_equal(slsim_catalog_find_by_digest(&cat, d), SLSIM_CATALOG_TRUSTED);
    }
    assert_int_equal(slsim_catalog_reindex(NULL), SLSIM_CATALOG_BAD_PARAM);
    cat.n_revoked = 65;
    assert_int_equal(slsim_catalog_reindex(&cat), SLSIM_CATALOG_TOO_MANY_REVOKED);
    cat.n_trusted = 129;
    assert_int_equal(slsim_catalog_reindex(&cat), SLSIM_CATALOG_TOO_MANY_TRUSTED);
}

static void test_slsim_catalog_digest_der__known_vectors(void **state)
{
    static const struct {
        const char *input;
        const char *sha256;
    } cases[] = {
        { "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
        { "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    };
    uint8_t got[DLEN];
    uint8_t want[DLEN];
    (void)state;

    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        from_hex(cases[k].sha256, want);
        assert_int_equal(
            slsim_catalog_digest_der((const uint8_t *)cases[k].input, strlen(cases[k].input), got),
            SLSIM_CATALOG_OK);
        assert_memory_equal(got, want, DLEN);
    }
    assert_int_equal(slsim_catalog_digest_der(NULL, 0, got), SLSIM_CATALOG_OK);
    assert_memory_equal(got, want, DLEN); /* the empty string again */
    assert_int_equal(slsim_catalog_digest_der(NULL, 1, got), SLSIM_CATALOG_BAD_PARAM);
    assert_int_equal(slsim_catalog_digest_der(got, 1, NULL), SLSIM_CATALOG_BAD_PARAM);
}

static void test_slsim_catalog_find_cert__der_files(void **state)
{
    static struct slsim_catalog cat;
    static uint8_t a[4096], b[4096];
    uint8_t d[DLEN];
    (void)state;

    size_t alen = read_data("root-a.der", a, sizeof(a));
    size_t blen = read_data("root-b.der", b, sizeof(b));
    slsim_catalog_init(&cat, 0, 0);
    assert_int_equal(slsim_catalog_find_cert(&cat, a, alen), SLSIM_CATALOG_UNKNOWN);
    from_hex(root_a_sha256, d);
    assert_int_equal(slsim_catalog_add_trusted(&cat, d), SLSIM_CATALOG_OK);
    from_hex(root_b_sha256, d);
    assert_int_equal(slsim_catalog_add_revoked(&cat, d), SLSIM_CATALOG_OK);
    assert_int_equal(slsim_catalog_find_cert(&cat, a, alen), SLSIM_CATALOG_TRUSTED);
    assert_int_equal(slsim_catalog_find_cert(&cat, b, blen), SLSIM_CATALOG_REVOKED);
    assert_int_equal(slsim_catalog_find_cert(&cat, a, alen - 1), SLSIM_CATALOG_UNKNOWN);
    assert_int_equal(slsim_catalog_find_cert(&cat, NULL, 0), SLSIM_CATALOG_UNKNOWN);
    assert_int_equal(slsim_catalog_find_cert(NULL, a, alen), SLSIM_CATALOG_UNKNOWN);
}

static void test_slsim_catalog_pem_next__bundle(void **state)
{
    static uint8_t pem[8192], a[4096], der[4096];
    struct slsim_catalog_pem_iter it;
    uint8_t d[DLEN];
    uint8_t want[DLEN];
    size_t len = 0;
    (void)state;

    size_t pem_len = read_data("bundle.pem", pem, sizeof(pem));
    size_t alen = read_data("root-a.der", a, sizeof(a));
    slsim_catalog_pem_begin(&it, pem, pem_len);

    /* Too small: the needed size is reported and the iterator stays put. */
    assert_int_equal(slsim_catalog_pem_next(&it, der, 10, &len), SLSIM_CATALOG_NO_SPACE);
    assert_int_equal(len, alen);
    assert_int_equal(slsim_catalog_pem_next(&it, NULL, 0, &len), SLSIM_CATALOG_NO_SPACE);
    assert_int_equal(len, alen);

    assert_int_equal(slsim_catalog_pem_next(&it, der, sizeof(der), &len), SLSIM_CATALOG_OK);
    assert_int_equal(len, alen);
    assert_memory_equal(der, a, alen);
    assert_int_equal(slsim_catalog_digest_der(der, len, d), SLSIM_CATALOG_OK);
    from_hex(root_a_sha256, want);
    assert_memory_equal(d, want, DLEN);

    assert_int_equal(slsim_catalog_pem_next(&it, der, sizeof(der), &len), SLSIM_CATALOG_OK);
    assert_int_equal(slsim_catalog_digest_der(der, len, d), SLSIM_CATALOG_OK);
    from_hex(root_b_sha256, want); /* the CRLF block */
    assert_memory_equal(d, want, DLEN);

    assert_int_equal(slsim_catalog_pem_next(&it, der, sizeof(der), &len), SLSIM_CATALOG_PEM_END);
    assert_int_equal(len, 0);
    assert_int_equal(slsim_catalog_pem_next(&it, der, sizeof(der), &len), SLSIM_CATALOG_PEM_END);
}

static void test_slsim_catalog_pem_next__malformed(void **state)
{
    static const struct {
        const char *text;
        enum slsim_catalog_status first;
        enum slsim_catalog_status second;
        const char *why;
    } cases[] = {
        { "", SLSIM_CATALOG_PEM_END, SLSIM_CATALOG_PEM_END, "empty" },
        { "# just a comment\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
          SLSIM_CATALOG_PEM_END, SLSIM_CATALOG_PEM_END, "no certificate block" },
        { "-----BEGIN CERTIFICATE-----\nAAAA\n", SLSIM_CATALOG_BAD_PEM, SLSIM_CATALOG_PEM_END,
          "no END line" },
        { "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", SLSIM_CATALOG_BAD_PEM,
          SLSIM_CATALOG_PEM_END, "empty body" },
        { "-----BEGIN CERTIFICATE-----\nAA!A\n-----END CERTIFICATE-----\n"
          "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n",
          SLSIM_CATALOG_BAD_PEM, SLSIM_CATALOG_OK, "bad base64, then a good block" },
        { "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERT", SLSIM_CATALOG_BAD_PEM,
          SLSIM_CATALOG_PEM_END, "END marker cut short" },
        { "-----BEGIN CERTIFIC", SLSIM_CATALOG_PEM_END, SLSIM_CATALOG_PEM_END,
          "BEGIN marker cut short" },
    };
    uint8_t der[64];
    size_t len = 0;
    (void)state;

    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        struct slsim_catalog_pem_iter it;
        size_t tlen = strlen(cases[k].text);
        /* Exact-size copy without a NUL, so ASan sees a read past the end. */
        uint8_t *copy = malloc(tlen ? tlen : 1);

        print_message("case: %s\n", cases[k].why);
        assert_non_null(copy);
        memcpy(copy, cases[k].text, tlen);
        slsim_catalog_pem_begin(&it, copy, tlen);
        assert_int_equal(slsim_catalog_pem_next(&it, der, sizeof(der), &len), cases[k].first);
        assert_int_equal(slsim_catalog_pem_next(&it, der, sizeof(der), &len), cases[k].second);
        if (cases[k].second == SLSIM_CATALOG_OK) {
            assert_int_equal(len, 3);
            assert_memory_equal(der, "\x01\x02\x03", 3);
        }
        free(copy);
    }
    slsim_catalog_pem_begin(NULL, der, 1);
    assert_int_equal(slsim_catalog_pem_next(NULL, der, sizeof(der), &len), SLSIM_CATALOG_BAD_PARAM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slsim_catalog_find_by_digest__answers),
        cmocka_unit_test(test_slsim_catalog_find_by_digest__full_lists),
        cmocka_unit_test(test_slsim_catalog_reindex__direct_writes),
        cmocka_unit_test(test_slsim_catalog_digest_der__known_vectors),
        cmocka_unit_test(test_slsim_catalog_find_cert__der_files),
        cmocka_unit_test(test_slsim_catalog_pem_next__bundle),
        cmocka_unit_test(test_slsim_catalog_pem_next__malformed),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
