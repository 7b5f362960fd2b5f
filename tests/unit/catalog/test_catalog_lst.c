/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_catalog_lst.c
 * @brief Unit tests of the `.lst` codec: round trips, limits, the playground layout byte by
 *        byte, truncation at every length, malformed headers, warnings and names.
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

/* Distinct for every seed < 65536: the first two bytes carry the seed. */
static void make_digest(unsigned seed, uint8_t out[DLEN])
{
    out[0] = (uint8_t)(seed & 0xFFu);
    out[1] = (uint8_t)(((seed >> 8) & 0xFFu) ^ 0xA5u);
    for (unsigned i = 2; i < DLEN; i++) {
        out[i] = (uint8_t)((seed * 37u + i * 11u + 1u) & 0xFFu);
    }
}

/* Trusted entries use seeds 0..n-1, revoked 1000..1000+m-1. */
static void build(struct slsim_catalog *cat, unsigned n, unsigned m)
{
    uint8_t d[DLEN];

    slsim_catalog_init(cat, 0x57D569AFu, 0x613D110Fu);
    for (unsigned i = 0; i < n; i++) {
        make_digest(i, d);
        assert_int_equal(slsim_catalog_add_trusted(cat, d), SLSIM_CATALOG_OK);
    }
    for (unsigned i = 0; i < m; i++) {
        make_digest(1000 + i, d);
        assert_int_equal(slsim_catalog_add_revoked(cat, d), SLSIM_CATALOG_OK);
    }
}

static uint8_t *encode_new(const struct slsim_catalog *cat, size_t *len)
{
    size_t need = slsim_catalog_encoded_len(cat);
    uint8_t *buf = malloc(need + 1);

    assert_non_null(buf);
    assert_int_equal(slsim_catalog_encode(cat, buf, need, len), SLSIM_CATALOG_OK);
    assert_int_equal(*len, need);
    return buf;
}

static void test_slsim_catalog_encode__round_trip(void **state)
{
    static const struct {
        unsigned n, m;
        const char *why;
    } cases[] = {
        { 0, 0, "empty catalog: header only" },
        { 1, 1, "playground shape" },
        { 0, 3, "revoked only" },
        { 3, 0, "trusted only" },
        { 5, 2, "a few of each" },
        { 128, 64, "both lists full" },
    };
    static struct slsim_catalog built, decoded;
    (void)state;

    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        struct slsim_catalog_diag diag;
        size_t len = 0;
        size_t len2 = 0;

        print_message("case: %s\n", cases[k].why);
        build(&built, cases[k].n, cases[k].m);
        uint8_t *first = encode_new(&built, &len);
        assert_int_equal(len, 0x1B8 + 32 * (cases[k].n + cases[k].m));
        assert_int_equal(slsim_catalog_decode(first, len, &decoded, &diag), SLSIM_CATALOG_OK);
        assert_int_equal(diag.warnings, 0);
        assert_int_equal(decoded.created, built.created);
        assert_int_equal(decoded.valid_until, built.valid_until);
        assert_int_equal(decoded.n_trusted, cases[k].n);
        assert_int_equal(decoded.n_revoked, cases[k].m);
        assert_memory_equal(decoded.trusted, built.trusted, (size_t)DLEN * cases[k].n);
        assert_memory_equal(decoded.revoked, built.revoked, (size_t)DLEN * cases[k].m);
        uint8_t *second = encode_new(&decoded, &len2);
        assert_int_equal(len2, len);
        assert_memory_equal(first, second, len);
        free(first);
        free(second);
    }
}

static void test_slsim_catalog_add_trusted__limits(void **state)
{
    static struct slsim_catalog cat;
    uint8_t d[DLEN];
    (void)state;

    build(&cat, SLSIM_CATALOG_MAX_TRUSTED, SLSIM_CATALOG_MAX_REVOKED);
    make_digest(5000, d);
    assert_int_equal(slsim_catalog_add_trusted(&cat, d), SLSIM_CATALOG_TOO_MANY_TRUSTED);
    assert_int_equal(slsim_catalog_add_revoked(&cat, d), SLSIM_CATALOG_TOO_MANY_REVOKED);
    assert_int_equal(cat.n_trusted, 128);
    assert_int_equal(cat.n_revoked, 64);
    assert_int_equal(slsim_catalog_encoded_len(&cat), 6584);
    assert_int_equal(slsim_catalog_encoded_len(&cat), SLSIM_CATALOG_MAX_ENCODED_LEN);
}

static void test_slsim_catalog_add_trusted__duplicate(void **state)
{
    static struct slsim_catalog cat;
    uint8_t d[DLEN];
    (void)state;

    build(&cat, 3, 2);
    make_digest(1, d);
    assert_int_equal(slsim_catalog_add_trusted(&cat, d), SLSIM_CATALOG_DUPLICATE);
    assert_int_equal(cat.n_trusted, 3);
    make_digest(1001, d);
    assert_int_equal(slsim_catalog_add_revoked(&cat, d), SLSIM_CATALOG_DUPLICATE);
    assert_int_equal(cat.n_revoked, 2);
    /* Being in the other list is not a duplicate: revoked then wins at lookup. */
    assert_int_equal(slsim_catalog_add_trusted(&cat, d), SLSIM_CATALOG_OK);
    assert_int_equal(slsim_catalog_add_trusted(NULL, d), SLSIM_CATALOG_BAD_PARAM);
    assert_int_equal(slsim_catalog_add_revoked(&cat, NULL), SLSIM_CATALOG_BAD_PARAM);
}

/* The playground file's shape (504 bytes, N = M = 1) with synthetic digests, laid out by hand
 * from the documented offsets rather than by the encoder under test. */
static void playground_expected(uint8_t exp[504], uint8_t trusted[DLEN], uint8_t revoked[DLEN])
{
    for (unsigned i = 0; i < DLEN; i++) {
        trusted[i] = (uint8_t)(0x10u + i);
        revoked[i] = (uint8_t)(0xC0u + i);
    }
    trusted[0] = 0x34;
    trusted[1] = 0x94;
    revoked[0] = 0x56;
    revoked[1] = 0x52;
    memset(exp, 0, 504);
    exp[0x000] = 0xAF; /* created 0x57D569AF, little-endian */
    exp[0x001] = 0x69;
    exp[0x002] = 0xD5;
    exp[0x003] = 0x57;
    exp[0x008] = 0x0F; /* valid until 0x613D110F */
    exp[0x009] = 0x11;
    exp[0x00A] = 0x3D;
    exp[0x00B] = 0x61;
    exp[0x030] = 0x01; /* N */
    exp[0x034] = 0x34; /* trusted index slot 0 */
    exp[0x035] = 0x94;
    exp[0x134] = 0x01; /* M */
    exp[0x138] = 0x56; /* revoked index slot 0 */
    exp[0x139] = 0x52;
    memcpy(exp + 0x1B8, trusted, DLEN);
    memcpy(exp + 0x1D8, revoked, DLEN);
}

static void test_slsim_catalog_encode__playground_layout(void **state)
{
    static struct slsim_catalog cat;
    uint8_t exp[504];
    uint8_t got[600];
    uint8_t trusted[DLEN];
    uint8_t revoked[DLEN];
    size_t len = 0;
    (void)state;

    playground_expected(exp, trusted, revoked);
    slsim_catalog_init(&cat, 0x57D569AFu, 0x613D110Fu);
    assert_int_equal(slsim_catalog_add_trusted(&cat, trusted), SLSIM_CATALOG_OK);
    assert_int_equal(slsim_catalog_add_revoked(&cat, revoked), SLSIM_CATALOG_OK);
    assert_int_equal(slsim_catalog_encode(&cat, got, sizeof(got), &len), SLSIM_CATALOG_OK);
    assert_int_equal(len, 504);
    assert_memory_equal(got, exp, 504);
}

static void test_slsim_catalog_decode__playground_layout(void **state)
{
    static struct slsim_catalog cat;
    struct slsim_catalog_diag diag;
    uint8_t exp[504];
    uint8_t trusted[DLEN];
    uint8_t revoked[DLEN];
    (void)state;

    playground_expected(exp, trusted, revoked);
    assert_int_equal(slsim_catalog_decode(exp, sizeof(exp), &cat, &diag), SLSIM_CATALOG_OK);
    assert_int_equal(diag.warnings, 0);
    assert_string_equal(diag.msg, "");
    assert_int_equal(cat.created, 0x57D569AFu);
    assert_int_equal(cat.valid_until, 0x613D110Fu);
    /* TI's files: valid until = created + 5 years (1826 days) + 6 hours. */
    assert_int_equal(cat.valid_until - cat.created, 1826u * 86400u + 6u * 3600u);
    assert_int_equal(cat.n_trusted, 1);
    assert_int_equal(cat.n_revoked, 1);
    assert_memory_equal(cat.trusted[0], trusted, DLEN);
    assert_memory_equal(cat.revoked[0], revoked, DLEN);
}

static void test_slsim_catalog_decode__truncated_every_length(void **state)
{
    static struct slsim_catalog cat, src;
    size_t full = 0;
    (void)state;

    build(&src, 2, 1);
    uint8_t *file = encode_new(&src, &full);
    assert_int_equal(full, 536);
    for (size_t len = 0; len < full; len++) {
        struct slsim_catalog_diag diag;
        /* An exact-size heap copy, so ASan sees any read past `len`. */
        uint8_t *cut = malloc(len ? len : 1);
        enum slsim_catalog_status want =
            len < SLSIM_CATALOG_HEADER_LEN ? SLSIM_CATALOG_TRUNCATED : SLSIM_CATALOG_BAD_SIZE;

        assert_non_null(cut);
        memcpy(cut, file, len);
        assert_int_equal(slsim_catalog_decode(cut, len, &cat, &diag), want);
        assert_int_equal(diag.offset, len);
        assert_int_equal(cat.n_trusted, 0);
        assert_int_equal(cat.n_revoked, 0);
        free(cut);
    }
    free(file);
}

static void test_slsim_catalog_decode__malformed(void **state)
{
    static const struct {
        size_t off;
        uint8_t val[4];
        enum slsim_catalog_status want;
        size_t nval;
        size_t want_off;
        const char *why;
    } cases[] = {
        { 0x030, { 0xFF, 0xFF, 0xFF, 0xFF }, SLSIM_CATALOG_TOO_MANY_TRUSTED, 4, 0x030, "N huge" },
        { 0x030, { 0x81, 0, 0, 0 }, SLSIM_CATALOG_TOO_MANY_TRUSTED, 4, 0x030, "N = 129" },
        { 0x031, { 0x01 }, SLSIM_CATALOG_TOO_MANY_TRUSTED, 1, 0x030, "N = 258" },
        { 0x134, { 0xFF, 0xFF, 0xFF, 0xFF }, SLSIM_CATALOG_TOO_MANY_REVOKED, 4, 0x134, "M huge" },
        { 0x134, { 0x41, 0, 0, 0 }, SLSIM_CATALOG_TOO_MANY_REVOKED, 4, 0x134, "M = 65" },
        { 0x030, { 0x03, 0, 0, 0 }, SLSIM_CATALOG_BAD_SIZE, 4, 536, "N one too many" },
        { 0x134, { 0x00, 0, 0, 0 }, SLSIM_CATALOG_BAD_SIZE, 4, 504, "M one too few" },
        { 0x034, { 0x77 }, SLSIM_CATALOG_INDEX_MISMATCH, 1, 0x034, "trusted slot 0 wrong" },
        { 0x037, { 0x00 }, SLSIM_CATALOG_INDEX_MISMATCH, 1, 0x036, "trusted slot 1 wrong" },
        { 0x038, { 0x01 }, SLSIM_CATALOG_INDEX_MISMATCH, 1, 0x038, "trusted unused slot set" },
        { 0x133, { 0x01 }, SLSIM_CATALOG_INDEX_MISMATCH, 1, 0x132, "last trusted slot set" },
        { 0x138, { 0x00, 0x00 }, SLSIM_CATALOG_INDEX_MISMATCH, 2, 0x138, "revoked slot 0 wrong" },
        { 0x1B7, { 0x01 }, SLSIM_CATALOG_INDEX_MISMATCH, 1, 0x1B6, "last revoked slot set" },
        { 0x1B8, { 0xEE }, SLSIM_CATALOG_INDEX_MISMATCH, 1, 0x034, "trusted digest byte 0" },
        { 0x1F8, { 0xEE }, SLSIM_CATALOG_INDEX_MISMATCH, 1, 0x138, "revoked digest byte 0" },
        { 0x1BD, { 0xEE }, SLSIM_CATALOG_OK, 1, 0, "digest byte 5 is not indexed" },
    };
    static struct slsim_catalog src, cat;
    uint8_t file[536];
    size_t len = 0;
    (void)state;

    build(&src, 2, 1);
    assert_int_equal(slsim_catalog_encode(&src, file, sizeof(file), &len), SLSIM_CATALOG_OK);
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        struct slsim_catalog_diag diag;
        uint8_t bad[536];

        print_message("case: %s\n", cases[k].why);
        memcpy(bad, file, sizeof(bad));
        memcpy(bad + cases[k].off, cases[k].val, cases[k].nval);
        assert_int_equal(slsim_catalog_decode(bad, sizeof(bad), &cat, &diag), cases[k].want);
        assert_int_equal(diag.offset, cases[k].want_off);
        assert_true(cases[k].want == SLSIM_CATALOG_OK || diag.msg[0] != '\0');
    }
}

static void test_slsim_catalog_decode__bad_size_message(void **state)
{
    static struct slsim_catalog src, cat;
    struct slsim_catalog_diag diag;
    uint8_t file[537];
    size_t len = 0;
    (void)state;

    build(&src, 2, 1);
    assert_int_equal(slsim_catalog_encode(&src, file, sizeof(file), &len), SLSIM_CATALOG_OK);
    file[536] = 0;
    assert_int_equal(slsim_catalog_decode(file, 537, &cat, &diag), SLSIM_CATALOG_BAD_SIZE);
    assert_int_equal(diag.offset, 536);
    assert_string_equal(diag.msg, "catalog is 537 bytes, expected 536 for 2 trusted + 1 revoked");
    assert_int_equal(slsim_catalog_decode(file, 536, &cat, NULL), SLSIM_CATALOG_OK);
}

static void test_slsim_catalog_decode__warnings(void **state)
{
    static const struct {
        size_t off;
        uint8_t val;
        uint32_t want;
        size_t want_off;
        const char *why;
    } cases[] = {
        { 0x010, 0x01, SLSIM_CATALOG_WARN_RESERVED_NONZERO, 0x010, "first reserved byte" },
        { 0x02F, 0x80, SLSIM_CATALOG_WARN_RESERVED_NONZERO, 0x02F, "last reserved byte" },
        { 0x007, 0x01, SLSIM_CATALOG_WARN_TIME_HIGH_NONZERO, 0x004, "created high half" },
        { 0x00C, 0x02, SLSIM_CATALOG_WARN_TIME_HIGH_NONZERO, 0x00C, "valid-until high half" },
    };
    static struct slsim_catalog src, cat;
    uint8_t file[536];
    uint8_t again[536];
    size_t len = 0;
    (void)state;

    build(&src, 2, 1);
    assert_int_equal(slsim_catalog_encode(&src, file, sizeof(file), &len), SLSIM_CATALOG_OK);
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        struct slsim_catalog_diag diag;
        uint8_t odd[536];

        print_message("case: %s\n", cases[k].why);
        memcpy(odd, file, sizeof(odd));
        odd[cases[k].off] = cases[k].val;
        assert_int_equal(slsim_catalog_decode(odd, sizeof(odd), &cat, &diag), SLSIM_CATALOG_OK);
        assert_int_equal(diag.warnings, cases[k].want);
        assert_int_equal(diag.offset, cases[k].want_off);
        assert_non_null(strstr(diag.msg, "warning: "));
        assert_int_equal(slsim_catalog_warnings_status(diag.warnings),
                         SLSIM_CATALOG_RESERVED_NONZERO);
        /* Kept in the struct, so re-encoding is byte-exact. */
        assert_int_equal(slsim_catalog_encode(&cat, again, sizeof(again), &len), SLSIM_CATALOG_OK);
        assert_memory_equal(again, odd, sizeof(odd));
    }
    assert_int_equal(cat.created, 0x57D569AFu);
    assert_int_equal(cat.valid_until, 0x00000002613D110Full);
}

static void test_slsim_catalog_decode__duplicates(void **state)
{
    static const struct {
        unsigned n, m;
        unsigned t_seeds[3];
        unsigned r_seeds[3];
        uint32_t want;
        size_t want_off;
        const char *why;
    } cases[] = {
        { 3, 0, { 7, 8, 7 }, { 0 }, SLSIM_CATALOG_WARN_DUP_TRUSTED, 0x1B8 + 64, "trusted twice" },
        { 0, 3, { 0 }, { 9, 9, 9 }, SLSIM_CATALOG_WARN_DUP_REVOKED, 0x1B8 + 32, "revoked thrice" },
        { 1, 2, { 4 }, { 5, 4 }, SLSIM_CATALOG_WARN_IN_BOTH, 0x1B8 + 64, "trusted and revoked" },
        { 2,
          2,
          { 4, 4 },
          { 4, 6 },
          SLSIM_CATALOG_WARN_DUP_TRUSTED | SLSIM_CATALOG_WARN_IN_BOTH,
          0x1B8 + 32,
          "both" },
    };
    static struct slsim_catalog src, cat;
    uint8_t file[1024];
    uint8_t again[1024];
    (void)state;

    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        struct slsim_catalog_diag diag;
        size_t len = 0;
        size_t len2 = 0;

        print_message("case: %s\n", cases[k].why);
        /* add_* refuses duplicates, so write the lists directly. */
        slsim_catalog_init(&src, 1, 2);
        src.n_trusted = cases[k].n;
        src.n_revoked = cases[k].m;
        for (unsigned i = 0; i < cases[k].n; i++) {
            make_digest(cases[k].t_seeds[i], src.trusted[i]);
        }
        for (unsigned i = 0; i < cases[k].m; i++) {
            make_digest(cases[k].r_seeds[i], src.revoked[i]);
        }
        assert_int_equal(slsim_catalog_encode(&src, file, sizeof(file), &len), SLSIM_CATALOG_OK);
        assert_int_equal(slsim_catalog_decode(file, len, &cat, &diag), SLSIM_CATALOG_OK);
        assert_int_equal(diag.warnings, cases[k].want);
        assert_int_equal(diag.offset, cases[k].want_off);
        assert_int_equal(slsim_catalog_warnings_status(diag.warnings), SLSIM_CATALOG_DUPLICATE);
        assert_int_equal(slsim_catalog_encode(&cat, again, sizeof(again), &len2), SLSIM_CATALOG_OK);
        assert_int_equal(len2, len);
        assert_memory_equal(again, file, len);
    }
}

static void test_slsim_catalog_decode__bad_param(void **state)
{
    static struct slsim_catalog cat;
    struct slsim_catalog_diag diag;
    uint8_t byte = 0;
    (void)state;

    assert_int_equal(slsim_catalog_decode(&byte, 1, NULL, &diag), SLSIM_CATALOG_BAD_PARAM);
    assert_int_equal(slsim_catalog_decode(NULL, 5, &cat, &diag), SLSIM_CATALOG_BAD_PARAM);
    assert_int_equal(slsim_catalog_decode(NULL, 0, &cat, &diag), SLSIM_CATALOG_TRUNCATED);
    assert_int_equal(slsim_catalog_decode(NULL, 0, &cat, NULL), SLSIM_CATALOG_TRUNCATED);
}

static void test_slsim_catalog_encode__bad_input(void **state)
{
    static struct slsim_catalog cat;
    uint8_t buf[600];
    size_t written = 99;
    (void)state;

    build(&cat, 1, 1);
    assert_int_equal(slsim_catalog_encode(NULL, buf, sizeof(buf), &written),
                     SLSIM_CATALOG_BAD_PARAM);
    assert_int_equal(written, 0);
    assert_int_equal(slsim_catalog_encode(&cat, NULL, 0, &written), SLSIM_CATALOG_BAD_PARAM);
    assert_int_equal(slsim_catalog_encode(&cat, buf, 503, &written), SLSIM_CATALOG_NO_SPACE);
    assert_int_equal(written, 504);
    assert_int_equal(slsim_catalog_encode(&cat, buf, 504, NULL), SLSIM_CATALOG_OK);
    cat.n_trusted = 129;
    assert_int_equal(slsim_catalog_encode(&cat, buf, sizeof(buf), &written),
                     SLSIM_CATALOG_TOO_MANY_TRUSTED);
    assert_int_equal(slsim_catalog_encoded_len(&cat), 0);
    cat.n_trusted = 1;
    cat.n_revoked = 65;
    assert_int_equal(slsim_catalog_encode(&cat, buf, sizeof(buf), &written),
                     SLSIM_CATALOG_TOO_MANY_REVOKED);
    assert_int_equal(slsim_catalog_encoded_len(&cat), 0);
    assert_int_equal(slsim_catalog_encoded_len(NULL), 0);
}

static void test_slsim_catalog_status_str__every_status_named(void **state)
{
    (void)state;

    for (int st = 0; st < SLSIM_CATALOG_STATUS_COUNT; st++) {
        const char *name = slsim_catalog_status_name((enum slsim_catalog_status)st);
        const char *msg = slsim_catalog_status_str((enum slsim_catalog_status)st);

        assert_int_equal(strncmp(name, "SLSIM_CATALOG_", 14), 0);
        assert_true(msg[0] != '\0');
        for (int other = 0; other < st; other++) {
            assert_string_not_equal(name,
                                    slsim_catalog_status_name((enum slsim_catalog_status)other));
        }
    }
    assert_int_equal(SLSIM_CATALOG_OK, 0);
    assert_string_equal(slsim_catalog_status_name(SLSIM_CATALOG_BAD_SIZE),
                        "SLSIM_CATALOG_BAD_SIZE");
    assert_string_equal(slsim_catalog_status_name(SLSIM_CATALOG_STATUS_COUNT), "SLSIM_CATALOG_?");
    assert_string_equal(slsim_catalog_status_str(SLSIM_CATALOG_STATUS_COUNT),
                        "unknown catalog status");
    assert_string_equal(slsim_catalog_warning_str(SLSIM_CATALOG_WARN_IN_BOTH),
                        "a digest is both trusted and revoked");
    assert_string_equal(slsim_catalog_warning_str((enum slsim_catalog_warn_flags)0),
                        "unknown catalog warning");
    assert_int_equal(slsim_catalog_warnings_status(0), SLSIM_CATALOG_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slsim_catalog_encode__round_trip),
        cmocka_unit_test(test_slsim_catalog_add_trusted__limits),
        cmocka_unit_test(test_slsim_catalog_add_trusted__duplicate),
        cmocka_unit_test(test_slsim_catalog_encode__playground_layout),
        cmocka_unit_test(test_slsim_catalog_decode__playground_layout),
        cmocka_unit_test(test_slsim_catalog_decode__truncated_every_length),
        cmocka_unit_test(test_slsim_catalog_decode__malformed),
        cmocka_unit_test(test_slsim_catalog_decode__bad_size_message),
        cmocka_unit_test(test_slsim_catalog_decode__warnings),
        cmocka_unit_test(test_slsim_catalog_decode__duplicates),
        cmocka_unit_test(test_slsim_catalog_decode__bad_param),
        cmocka_unit_test(test_slsim_catalog_encode__bad_input),
        cmocka_unit_test(test_slsim_catalog_status_str__every_status_named),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
