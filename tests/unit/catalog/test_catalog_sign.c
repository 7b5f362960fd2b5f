/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_catalog_sign.c
 * @brief Catalog signatures: sign/verify round trips (SHA-256, SHA-1, DER and PEM keys), wrong
 *        key, changed bytes, truncated and over-long signatures, bad keys, and interoperability
 *        with `openssl dgst -sign/-verify` (the raw PKCS#1 v1.5 form of `tools sign`).
 *
 * Keys other than the ROM key are made at test time with the openssl CLI in SLSIM_TEST_WORK;
 * without openssl the test exits 77 (skipped).
 */
#include "catalog/catalog_store.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>
#include <ti/drivers/net/wifi/errors.h>

#include "core/core.h"

#ifndef SLSIM_TEST_WORK
#error "SLSIM_TEST_WORK must name a scratch directory"
#endif

#define WORK SLSIM_TEST_WORK

/* Key material, loaded once by the group setup. */
enum blob_id {
    B_ROM_KEY,      /* DER, embedded */
    B_ROM_CERT,     /* DER, embedded */
    B_ROM_KEY_PEM,  /* openssl pkey of the ROM key */
    B_ROM_CERT_PEM, /* openssl x509 of the ROM certificate */
    B_OTHER_KEY,    /* another RSA-2048 key, DER */
    B_OTHER_PUB,    /* its public key, DER */
    B_EC_KEY,       /* a P-256 key, PEM */
    B_EC_PUB,       /* its public key, PEM */
    B_COUNT
};

static const char *const blob_files[B_COUNT] = {
    NULL, NULL, "rom.pem", "romcert.pem", "other.der", "other.pub.der", "ec.pem", "ec.pub.pem",
};

struct blob {
    const uint8_t *p;
    size_t len;
    uint8_t *owned; /* what to free, if read from a file */
};

struct fixture {
    struct blob b[B_COUNT];
    uint8_t lst[SLSIM_CATALOG_MAX_ENCODED_LEN];
    size_t lst_len;
};

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int run(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(cmd)) {
        return -1;
    }
    int st = system(cmd);
    return st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static int spit(const char *path, const uint8_t *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        return -1;
    }
    size_t n = fwrite(data, 1, len, f);
    return fclose(f) == 0 && n == len ? 0 : -1;
}

static void make_lst(struct fixture *fx)
{
    struct slsim_catalog cat;
    slsim_catalog_init(&cat, 0x6000000Fu, 0x69E0000Fu);
    uint8_t d[SLSIM_CATALOG_DIGEST_LEN];
    for (unsigned i = 0; i < 3; i++) {
        memset(d, (int)(0x11u * (i + 1)), sizeof(d));
        assert_int_equal(slsim_catalog_add_trusted(&cat, d), SLSIM_CATALOG_OK);
    }
    memset(d, 0xEE, sizeof(d));
    assert_int_equal(slsim_catalog_add_revoked(&cat, d), SLSIM_CATALOG_OK);
    assert_int_equal(slsim_catalog_encode(&cat, fx->lst, sizeof(fx->lst), &fx->lst_len),
                     SLSIM_CATALOG_OK);
}

static int make_keys(void)
{
    return run("mkdir -p '" WORK "' && cd '" WORK "' && "
               "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out other.pem "
               "2>/dev/null && "
               "openssl pkey -in other.pem -outform DER -out other.der && "
               "openssl pkey -in other.pem -pubout -outform DER -out other.pub.der && "
               "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.pem && "
               "openssl pkey -in ec.pem -pubout -out ec.pub.pem && "
               "openssl pkey -inform DER -in rom.der -out rom.pem && "
               "openssl x509 -inform DER -in romcert.der -out romcert.pem && "
               "openssl pkey -in rom.pem -pubout -out rom.pub.pem");
}

static int group_setup(void **state)
{
    if (run("openssl version >/dev/null 2>&1") != 0) {
        (void)fprintf(stderr, "openssl not found: skipping\n");
        exit(77);
    }
    struct fixture *fx = calloc(1, sizeof(*fx));
    if (fx == NULL || run("mkdir -p '" WORK "'") != 0) {
        free(fx);
        return -1;
    }
    fx->b[B_ROM_KEY].p = slsim_catalog_rom_key_der(&fx->b[B_ROM_KEY].len);
    fx->b[B_ROM_CERT].p = slsim_catalog_rom_cert_der(&fx->b[B_ROM_CERT].len);
    if (spit(WORK "/rom.der", fx->b[B_ROM_KEY].p, fx->b[B_ROM_KEY].len) != 0 ||
        spit(WORK "/romcert.der", fx->b[B_ROM_CERT].p, fx->b[B_ROM_CERT].len) != 0 ||
        make_keys() != 0) {
        free(fx);
        return -1;
    }
    for (int i = 0; i < B_COUNT; i++) {
        if (blob_files[i] == NULL) {
            continue;
        }
        char path[512];
        (void)snprintf(path, sizeof(path), "%s/%s", WORK, blob_files[i]);
        if (slsim_read_host_file(path, 1u << 16, &fx->b[i].owned, &fx->b[i].len) != 0) {
            return -1;
        }
        fx->b[i].p = fx->b[i].owned;
    }
    make_lst(fx);
    *state = fx;
    return 0;
}

static int group_teardown(void **state)
{
    struct fixture *fx = *state;
    for (int i = 0; fx != NULL && i < B_COUNT; i++) {
        free(fx->b[i].owned);
    }
    free(fx);
    return 0;
}

enum mutation { M_NONE, M_FLIP_LST, M_FLIP_SIG, M_TRUNC_SIG, M_EXTEND_SIG };

static void mutate(enum mutation mut, uint8_t *lst, uint8_t *sig, size_t *sig_len)
{
    switch (mut) {
    case M_FLIP_LST:
        lst[SLSIM_CATALOG_HEADER_LEN + 5] ^= 0x01;
        break;
    case M_FLIP_SIG:
        sig[100] ^= 0x80;
        break;
    case M_TRUNC_SIG:
        (*sig_len)--;
        break;
    case M_EXTEND_SIG:
        sig[(*sig_len)++] = 0;
        break;
    default:
        break;
    }
}

static void test_slsim_catalog_sign__round_trips(void **state)
{
    const struct fixture *fx = *state;
    static const struct {
        enum slsim_catalog_md md;
        enum blob_id key;
        enum blob_id vkey;
        enum mutation mut;
        int32_t want;
        const char *why;
    } cases[] = {
        { SLSIM_CATALOG_MD_SHA256, B_ROM_KEY, B_ROM_CERT, M_NONE, 0, "SHA-256 round trip" },
        { SLSIM_CATALOG_MD_SHA1, B_ROM_KEY, B_ROM_CERT, M_NONE, 0, "SHA-1 round trip" },
        { SLSIM_CATALOG_MD_SHA256, B_ROM_KEY_PEM, B_ROM_CERT_PEM, M_NONE, 0, "PEM key, PEM cert" },
        { SLSIM_CATALOG_MD_SHA1, B_OTHER_KEY, B_OTHER_PUB, M_NONE, 0, "public key, not a cert" },
        { SLSIM_CATALOG_MD_SHA256, B_OTHER_KEY, B_ROM_CERT, M_NONE,
          SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT, "wrong key" },
        { SLSIM_CATALOG_MD_SHA256, B_ROM_KEY, B_ROM_CERT, M_FLIP_LST,
          SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT, "flipped byte in the lst" },
        { SLSIM_CATALOG_MD_SHA1, B_ROM_KEY, B_ROM_CERT, M_FLIP_SIG,
          SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT, "flipped byte in the signature" },
        { SLSIM_CATALOG_MD_SHA256, B_ROM_KEY, B_ROM_CERT, M_TRUNC_SIG,
          SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT, "truncated signature" },
        { SLSIM_CATALOG_MD_SHA256, B_ROM_KEY, B_ROM_CERT, M_EXTEND_SIG,
          SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT, "signature with a trailing byte" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint8_t lst[SLSIM_CATALOG_MAX_ENCODED_LEN];
        uint8_t sig[SLSIM_CATALOG_SIG_MAX + 1];
        size_t sig_len = 0;
        memcpy(lst, fx->lst, fx->lst_len);
        struct slsim_diag diag;
        slsim_diag_clear(&diag);
        const struct blob *k = &fx->b[cases[i].key], *v = &fx->b[cases[i].vkey];
        int32_t ret =
            slsim_catalog_sign(lst, fx->lst_len, k->p, k->len, cases[i].md, sig, &sig_len, &diag);
        assert_int_equal(ret, 0);
        assert_int_equal(sig_len, 256);
        mutate(cases[i].mut, lst, sig, &sig_len);
        enum slsim_catalog_md md = SLSIM_CATALOG_MD_UNKNOWN;
        ret = slsim_catalog_verify(lst, fx->lst_len, sig, sig_len, v->p, v->len, &md, &diag);
        if (ret != cases[i].want) {
            fail_msg("%s: verify = %ld, want %ld (%s)", cases[i].why, (long)ret,
                     (long)cases[i].want, diag.msg);
        }
        if (ret == 0) {
            assert_int_equal(md, cases[i].md);
        }
    }
}

static void test_slsim_catalog_sign__bad_keys(void **state)
{
    const struct fixture *fx = *state;
    static const uint8_t garbage[] = { 0x30, 0x03, 0x02, 0x01, 0x00 };
    const struct {
        const uint8_t *key;
        size_t key_len;
        enum slsim_catalog_md md;
        int32_t want;
        const char *why;
    } cases[] = {
        { NULL, 0, SLSIM_CATALOG_MD_SHA256, SL_ERROR_FS_INVALID_ARGS, "no key" },
        { garbage, sizeof(garbage), SLSIM_CATALOG_MD_SHA256, SL_ERROR_FS_INVALID_ARGS, "garbage" },
        { fx->b[B_OTHER_PUB].p, fx->b[B_OTHER_PUB].len, SLSIM_CATALOG_MD_SHA256,
          SL_ERROR_FS_INVALID_ARGS, "public key cannot sign" },
        { fx->b[B_EC_KEY].p, fx->b[B_EC_KEY].len, SLSIM_CATALOG_MD_SHA256,
          SL_ERROR_FS_NOT_SUPPORTED, "EC key" },
        { fx->b[B_ROM_KEY].p, fx->b[B_ROM_KEY].len, SLSIM_CATALOG_MD_UNKNOWN,
          SL_ERROR_FS_INVALID_ARGS, "no such hash" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint8_t sig[SLSIM_CATALOG_SIG_MAX];
        size_t sig_len = 99;
        int32_t ret = slsim_catalog_sign(fx->lst, fx->lst_len, cases[i].key, cases[i].key_len,
                                         cases[i].md, sig, &sig_len, NULL);
        if (ret != cases[i].want) {
            fail_msg("%s: sign = %ld, want %ld", cases[i].why, (long)ret, (long)cases[i].want);
        }
        assert_int_equal(sig_len, 0);
    }
    /* Verification with an EC key is refused, not reported as a bad signature. */
    uint8_t sig[256] = { 0 };
    assert_int_equal(slsim_catalog_verify(fx->lst, fx->lst_len, sig, sizeof(sig), fx->b[B_EC_PUB].p,
                                          fx->b[B_EC_PUB].len, NULL, NULL),
                     SL_ERROR_FS_NOT_SUPPORTED);
}

/* openssl's raw PKCS#1 v1.5 signatures (what `tools sign --fmt BINARY_SHA*` writes) verify
 * with slsim, and slsim's with openssl. */
static void test_slsim_catalog_verify__openssl_interop(void **state)
{
    const struct fixture *fx = *state;
    static const struct {
        const char *dgst;
        enum slsim_catalog_md md;
    } cases[] = {
        { "sha256", SLSIM_CATALOG_MD_SHA256 },
        { "sha1", SLSIM_CATALOG_MD_SHA1 },
    };
    assert_int_equal(spit(WORK "/cat.lst", fx->lst, fx->lst_len), 0);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(run("cd '" WORK
                             "' && openssl dgst -%s -sign rom.pem -out ossl.sig cat.lst",
                             cases[i].dgst),
                         0);
        uint8_t *sig = NULL;
        size_t sig_len = 0;
        assert_int_equal(slsim_read_host_file(WORK "/ossl.sig", 4096, &sig, &sig_len), 0);
        enum slsim_catalog_md md = SLSIM_CATALOG_MD_UNKNOWN;
        assert_int_equal(slsim_catalog_verify(fx->lst, fx->lst_len, sig, sig_len,
                                              fx->b[B_ROM_CERT].p, fx->b[B_ROM_CERT].len, &md,
                                              NULL),
                         0);
        assert_int_equal(md, cases[i].md);
        free(sig);

        uint8_t mine[SLSIM_CATALOG_SIG_MAX];
        size_t mine_len = 0;
        assert_int_equal(
            slsim_catalog_sign_rom(fx->lst, fx->lst_len, cases[i].md, mine, &mine_len, NULL), 0);
        assert_int_equal(spit(WORK "/slsim.sig", mine, mine_len), 0);
        assert_int_equal(run("cd '" WORK "' && openssl dgst -%s -verify rom.pub.pem "
                             "-signature slsim.sig cat.lst >/dev/null",
                             cases[i].dgst),
                         0);
    }
}

/* Without a file system only the ROM key is tried. */
static void test_slsim_catalog_verify_device__rom_key_only(void **state)
{
    const struct fixture *fx = *state;
    static const struct {
        enum blob_id key;
        int32_t want;
        enum slsim_catalog_signer signer;
    } cases[] = {
        { B_ROM_KEY, 0, SLSIM_CATALOG_SIGNER_ROM },
        { B_OTHER_KEY, SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT, SLSIM_CATALOG_SIGNER_NONE },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint8_t sig[SLSIM_CATALOG_SIG_MAX];
        size_t sig_len = 0;
        const struct blob *k = &fx->b[cases[i].key];
        assert_int_equal(slsim_catalog_sign(fx->lst, fx->lst_len, k->p, k->len,
                                            SLSIM_CATALOG_MD_SHA1, sig, &sig_len, NULL),
                         0);
        enum slsim_catalog_signer signer = SLSIM_CATALOG_SIGNER_TI;
        enum slsim_catalog_md md = SLSIM_CATALOG_MD_SHA256;
        struct slsim_diag diag;
        slsim_diag_clear(&diag);
        assert_int_equal(slsim_catalog_verify_device(NULL, fx->lst, fx->lst_len, sig, sig_len,
                                                     &signer, &md, &diag),
                         cases[i].want);
        assert_int_equal(signer, cases[i].signer);
        assert_int_equal(md, cases[i].want == 0 ? SLSIM_CATALOG_MD_SHA1 : SLSIM_CATALOG_MD_UNKNOWN);
        if (cases[i].want != 0) {
            assert_non_null(strstr(diag.msg, "no vendor root"));
        }
    }
}

static void test_slsim_catalog_names__all_values(void **state)
{
    (void)state;
    assert_string_equal(slsim_catalog_signer_str(SLSIM_CATALOG_SIGNER_ROM), "slsim ROM key");
    assert_string_equal(slsim_catalog_signer_str(SLSIM_CATALOG_SIGNER_VENDOR), "vendor root");
    assert_string_equal(slsim_catalog_signer_str(SLSIM_CATALOG_SIGNER_TI),
                        "TI signature (not verifiable in emulation)");
    assert_string_equal(slsim_catalog_signer_str(SLSIM_CATALOG_SIGNER_NONE), "none");
    assert_string_equal(slsim_catalog_md_str(SLSIM_CATALOG_MD_SHA256), "SHA-256");
    assert_string_equal(slsim_catalog_md_str(SLSIM_CATALOG_MD_SHA1), "SHA-1");
    assert_string_equal(slsim_catalog_md_str(SLSIM_CATALOG_MD_UNKNOWN), "unknown");
    assert_string_equal(slsim_catalog_state_str(SLSIM_CATALOG_STATE_OK), "ok");
    assert_string_equal(slsim_catalog_state_str(SLSIM_CATALOG_STATE_MISSING), "missing");
    assert_string_equal(slsim_catalog_state_str(SLSIM_CATALOG_STATE_REJECTED), "rejected");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slsim_catalog_sign__round_trips),
        cmocka_unit_test(test_slsim_catalog_sign__bad_keys),
        cmocka_unit_test(test_slsim_catalog_verify__openssl_interop),
        cmocka_unit_test(test_slsim_catalog_verify_device__rom_key_only),
        cmocka_unit_test(test_slsim_catalog_names__all_values),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
