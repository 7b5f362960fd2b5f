/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_catalog_store.c
 * @brief The catalog on a device: install (ROM key, unsigned + development helper, bad
 *        signature, TI signature, vendor root, malformed files), the signature record, and load
 *        (tampering, power cuts between the two writes). sl_Start's catalog step is tested in
 *        test_catalog_filesig.c with the other device-level tests.
 *
 * Vendor keys and certificates are made at test time with the openssl CLI in SLSIM_TEST_WORK;
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
#include <unistd.h>

#include <cmocka.h>
#include <ti/drivers/net/wifi/errors.h>

#include "core/errtab.h"
#include "device/device.h" /* slsim_profile_default() */
#include "flash/flash.h"
#include "fs/fs.h"

#ifndef SLSIM_TEST_WORK
#error "SLSIM_TEST_WORK must name a scratch directory"
#endif

#define WORK        SLSIM_TEST_WORK
#define SECTORS     256u
#define PACKED(err) ((int32_t)((uint32_t)(int32_t)(err) << 16))

/* ---- helpers ------------------------------------------------------------------------------ */

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

struct blob {
    uint8_t *p;
    size_t len;
};

static struct blob slurp(const char *name)
{
    char path[512];
    (void)snprintf(path, sizeof(path), "%s/%s", WORK, name);
    struct blob b = { NULL, 0 };
    assert_int_equal(slsim_read_host_file(path, 1u << 16, &b.p, &b.len), 0);
    return b;
}

struct lst {
    uint8_t b[SLSIM_CATALOG_MAX_ENCODED_LEN];
    size_t len;
};

/* A catalog with `nt` trusted and `nr` revoked made-up digests derived from `seed`. */
static struct lst make_lst(uint64_t created, unsigned nt, unsigned nr, unsigned seed)
{
    struct slsim_catalog cat;
    slsim_catalog_init(&cat, created, created + 157788000u);
    uint8_t d[SLSIM_CATALOG_DIGEST_LEN];
    for (unsigned i = 0; i < nt + nr; i++) {
        for (unsigned k = 0; k < sizeof(d); k++) {
            d[k] = (uint8_t)(seed * 31u + i * 7u + k * 13u);
        }
        d[0] = (uint8_t)i;
        if (i < nt) {
            assert_int_equal(slsim_catalog_add_trusted(&cat, d), SLSIM_CATALOG_OK);
        } else {
            assert_int_equal(slsim_catalog_add_revoked(&cat, d), SLSIM_CATALOG_OK);
        }
    }
    struct lst l;
    assert_int_equal(slsim_catalog_encode(&cat, l.b, sizeof(l.b), &l.len), SLSIM_CATALOG_OK);
    return l;
}

struct env {
    struct slsim_flash *fl;
    struct slsim_fs *fs;
};

static void env_mount(struct env *e)
{
    assert_int_equal(
        slsim_fs_mount(e->fl, &slsim_profile_default()->fs, SLSIM_FS_MOUNT_TOOL, &e->fs, NULL), 0);
}

static int env_setup(void **state)
{
    struct env *e = calloc(1, sizeof(*e));
    struct slsim_fs_format_opts o = { .profile = "cc3220s" };
    if (e == NULL || slsim_flash_open_ram(SECTORS, &e->fl) != 0 || slsim_fs_format(e->fl, &o)) {
        free(e);
        return -1;
    }
    env_mount(e);
    *state = e;
    return 0;
}

static int env_teardown(void **state)
{
    struct env *e = *state;
    slsim_fs_free(e->fs);
    slsim_flash_close(e->fl);
    free(e);
    return 0;
}

static int32_t install_signed(struct slsim_fs *fs, const struct lst *l, const struct blob *key)
{
    uint8_t sig[SLSIM_CATALOG_SIG_MAX];
    size_t sig_len = 0;
    int32_t ret = key == NULL ? slsim_catalog_sign_rom(l->b, l->len, SLSIM_CATALOG_MD_SHA256, sig,
                                                       &sig_len, NULL)
                              : slsim_catalog_sign(l->b, l->len, key->p, key->len,
                                                   SLSIM_CATALOG_MD_SHA256, sig, &sig_len, NULL);
    assert_int_equal(ret, 0);
    return slsim_catalog_install(fs, l->b, l->len, sig, sig_len, SLSIM_CATALOG_SIG_AUTO, true, NULL,
                                 NULL);
}

/* Loads and checks the state; for OK also that the installed bytes are `want`. */
static void expect_load(struct slsim_fs *fs,
                        bool accept_ti,
                        enum slsim_catalog_state want_state,
                        const struct lst *want,
                        struct slsim_catalog_store_info *info)
{
    struct slsim_catalog cat;
    struct slsim_diag diag;
    slsim_diag_clear(&diag);
    int32_t ret = slsim_catalog_load(fs, accept_ti, &cat, info, &diag);
    if (info->state != want_state) {
        fail_msg("load state %d, want %d (%s)", (int)info->state, (int)want_state, diag.msg);
    }
    assert_int_equal(
        ret, want_state == SLSIM_CATALOG_STATE_REJECTED ? SL_ERROR_LOADING_CERTIFICATE_STORE : 0);
    if (want != NULL) {
        struct lst got;
        assert_int_equal(slsim_catalog_encode(&cat, got.b, sizeof(got.b), &got.len),
                         SLSIM_CATALOG_OK);
        assert_int_equal(got.len, want->len);
        assert_memory_equal(got.b, want->b, got.len);
    }
}

static void expect_packed(int32_t got, long want_err)
{
    long err = 0;
    unsigned ext = 99;
    slsim_sl_unpack(got, &err, &ext);
    if (err != want_err || ext != 0) {
        fail_msg("got %ld ext %u (packed %ld), want %ld ext 0", err, ext, (long)got, want_err);
    }
    assert_int_equal(got, PACKED(want_err));
}

/* ---- group: vendor PKI made by openssl ---------------------------------------------------- */

static int group_setup(void **state)
{
    (void)state;
    if (run("openssl version >/dev/null 2>&1") != 0) {
        (void)fprintf(stderr, "openssl not found: skipping\n");
        exit(77);
    }
    return run("mkdir -p '" WORK "' && cd '" WORK "' && "
               "for k in vendor other; do "
               "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out $k.pem && "
               "openssl pkey -in $k.pem -outform DER -out $k.key.der && "
               "openssl req -new -x509 -key $k.pem -subj \"/CN=$k root\" -days 3650 -sha256 "
               "-outform DER -out $k.der || exit 1; done && "
               "openssl req -new -x509 -newkey rsa:3072 -nodes -keyout big.pem -subj '/CN=big' "
               "-days 3650 -outform DER -out big.der 2>/dev/null && "
               "openssl req -new -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
               "-keyout ec.pem -subj '/CN=ec' -days 3650 -outform DER -out ec.der 2>/dev/null");
}

/* ---- install ------------------------------------------------------------------------------ */

static void test_slsim_catalog_install__rom_signed(void **state)
{
    struct env *e = *state;
    static const enum slsim_catalog_md mds[] = { SLSIM_CATALOG_MD_SHA256, SLSIM_CATALOG_MD_SHA1 };
    for (size_t i = 0; i < sizeof(mds) / sizeof(mds[0]); i++) {
        struct lst l = make_lst(0x6A000000u + i, 3, 1, (unsigned)i);
        uint8_t sig[SLSIM_CATALOG_SIG_MAX];
        size_t sig_len = 0;
        assert_int_equal(slsim_catalog_sign_rom(l.b, l.len, mds[i], sig, &sig_len, NULL), 0);
        struct slsim_catalog_install_report rep;
        assert_int_equal(slsim_catalog_install(e->fs, l.b, l.len, sig, sig_len,
                                               SLSIM_CATALOG_SIG_AUTO, true, &rep, NULL),
                         0);
        assert_int_equal(rep.signer, SLSIM_CATALOG_SIGNER_ROM);
        assert_int_equal(rep.md, mds[i]);
        assert_false(rep.ti_unverified);
        assert_int_equal(rep.n_trusted, 3);
        assert_int_equal(rep.n_revoked, 1);
        assert_string_equal(rep.label, "custom (2026-05-10)");
        struct slsim_catalog_store_info info;
        expect_load(e->fs, true, SLSIM_CATALOG_STATE_OK, &l, &info);
        assert_int_equal(info.signer, SLSIM_CATALOG_SIGNER_ROM);
        assert_int_equal(info.md, mds[i]);
        assert_string_equal(info.label, "custom (2026-05-10)");
        assert_int_equal(info.n_trusted, 3);
        assert_true(info.decoded);
        assert_false(info.vendor_root);
    }
}

static void test_slsim_catalog_install__unsigned_needs_dev_helper(void **state)
{
    struct env *e = *state;
    struct lst l = make_lst(0x65000000u, 2, 0, 7);
    struct slsim_diag diag;
    slsim_diag_clear(&diag);
    expect_packed(slsim_catalog_install(e->fs, l.b, l.len, NULL, 0, SLSIM_CATALOG_SIG_AUTO, true,
                                        NULL, &diag),
                  SL_ERROR_FS_ILLEGAL_SIGNATURE);
    assert_non_null(strstr(diag.msg, "not signed"));
    struct slsim_catalog_store_info info;
    expect_load(e->fs, true, SLSIM_CATALOG_STATE_MISSING, NULL, &info);
    struct slsim_catalog_install_report rep;
    assert_int_equal(slsim_catalog_install_dev(e->fs, l.b, l.len, &rep, NULL), 0);
    assert_int_equal(rep.signer, SLSIM_CATALOG_SIGNER_ROM);
    expect_load(e->fs, true, SLSIM_CATALOG_STATE_OK, &l, &info);
}

static void test_slsim_catalog_install__bad_signature_keeps_previous(void **state)
{
    struct env *e = *state;
    struct lst a = make_lst(0x60000000u, 1, 0, 1), b = make_lst(0x61000000u, 4, 2, 2);
    assert_int_equal(slsim_catalog_install_dev(e->fs, a.b, a.len, NULL, NULL), 0);
    struct blob other = slurp("other.key.der");
    uint8_t sig_other[SLSIM_CATALOG_SIG_MAX], sig_a[SLSIM_CATALOG_SIG_MAX];
    size_t len_other = 0, len_a = 0;
    assert_int_equal(slsim_catalog_sign(b.b, b.len, other.p, other.len, SLSIM_CATALOG_MD_SHA256,
                                        sig_other, &len_other, NULL),
                     0);
    assert_int_equal(slsim_catalog_sign_rom(a.b, a.len, SLSIM_CATALOG_MD_SHA1, sig_a, &len_a, NULL),
                     0);
    const struct {
        const uint8_t *sig;
        size_t len;
        const char *why;
    } cases[] = {
        { sig_other, len_other, "signed with a key the device does not trust" },
        { sig_a, len_a, "the ROM signature of another catalog" },
        { sig_a, len_a - 1, "truncated" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int32_t ret = slsim_catalog_install(e->fs, b.b, b.len, cases[i].sig, cases[i].len,
                                            SLSIM_CATALOG_SIG_AUTO, true, NULL, NULL);
        expect_packed(ret, SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT);
        char text[128];
        assert_non_null(
            strstr(slsim_sl_errfmt(ret, text, sizeof(text)), "WRONG_SIGNATURE_SECURITY_ALERT"));
        struct slsim_catalog_store_info info;
        expect_load(e->fs, true, SLSIM_CATALOG_STATE_OK, &a, &info);
    }
    free(other.p);
}

static void test_slsim_catalog_install__ti_signature(void **state)
{
    struct env *e = *state;
    struct lst pg = make_lst(0x57D569AFu, 1, 1, 3);
    uint8_t ti[SLSIM_CATALOG_TI_SIG_LEN];
    memset(ti, 0xA5, sizeof(ti));
    static const struct {
        bool accept_ti;
        size_t len;
        long want; /* unpacked */
        const char *why;
    } cases[] = {
        { false, 256, SL_ERROR_FS_ILLEGAL_SIGNATURE, "profile refuses TI signatures" },
        { true, 255, SL_ERROR_FS_WRONG_SIGNATURE_OR_CERTIFIC_NAME_LENGTH, "not 256 bytes" },
        { true, 256, 0, "accepted unverified" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct slsim_catalog_install_report rep;
        int32_t ret = slsim_catalog_install(e->fs, pg.b, pg.len, ti, cases[i].len,
                                            SLSIM_CATALOG_SIG_TI, cases[i].accept_ti, &rep, NULL);
        struct slsim_catalog_store_info info;
        if (cases[i].want != 0) {
            expect_packed(ret, cases[i].want);
            expect_load(e->fs, true, SLSIM_CATALOG_STATE_MISSING, NULL, &info);
            continue;
        }
        assert_int_equal(ret, 0);
        assert_int_equal(rep.signer, SLSIM_CATALOG_SIGNER_TI);
        assert_true(rep.ti_unverified);
        assert_string_equal(rep.note, "TI signature not verifiable in emulation");
        assert_string_equal(rep.label, "TI playground (2016-09-11)");
        expect_load(e->fs, true, SLSIM_CATALOG_STATE_OK, &pg, &info);
        assert_true(info.ti_unverified);
        assert_int_equal(info.signer, SLSIM_CATALOG_SIGNER_TI);
        assert_string_equal(info.label, "TI playground (2016-09-11)");
        expect_load(e->fs, false, SLSIM_CATALOG_STATE_REJECTED, NULL, &info);
        assert_non_null(strstr(info.reason, "TI signatures"));
    }
}

static void test_slsim_catalog_set_vendor_root__write_once_rsa2048(void **state)
{
    struct env *e = *state;
    static const uint8_t garbage[] = { 0x30, 0x03, 0x02, 0x01, 0x00 };
    struct blob vendor = slurp("vendor.der"), other = slurp("other.der"), big = slurp("big.der"),
                ec = slurp("ec.der");
    const struct {
        const uint8_t *der;
        size_t len;
        long want;
        const char *why;
    } cases[] = {
        { garbage, sizeof(garbage), SL_ERROR_FS_PROGRAMMING_ILLEGAL_FILE, "not a certificate" },
        { big.p, big.len, SL_ERROR_FS_NOT_SUPPORTED, "RSA-3072" },
        { ec.p, ec.len, SL_ERROR_FS_NOT_SUPPORTED, "EC" },
        { vendor.p, vendor.len, 0, "first RSA-2048 root" },
        { vendor.p, vendor.len, SL_ERROR_FS_FILE_ALREADY_EXISTS, "the same root again" },
        { other.p, other.len, SL_ERROR_FS_FILE_ALREADY_EXISTS, "another root" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct slsim_diag diag;
        slsim_diag_clear(&diag);
        int32_t ret = slsim_catalog_set_vendor_root(e->fs, cases[i].der, cases[i].len, &diag);
        if (ret != PACKED(cases[i].want)) {
            fail_msg("%s: %ld, want packed %ld (%s)", cases[i].why, (long)ret, cases[i].want,
                     diag.msg);
        }
    }
    uint8_t *der = NULL;
    size_t len = 0;
    assert_int_equal(slsim_catalog_get_vendor_root(e->fs, &der, &len), 0);
    assert_int_equal(len, vendor.len);
    assert_memory_equal(der, vendor.p, len);
    free(der);
    free(vendor.p);
    free(other.p);
    free(big.p);
    free(ec.p);
}

static void test_slsim_catalog_install__vendor_signed(void **state)
{
    struct env *e = *state;
    struct blob key = slurp("vendor.key.der"), cert = slurp("vendor.der");
    struct lst v = make_lst(0x66000000u, 5, 0, 9), r = make_lst(0x67000000u, 1, 0, 10);
    expect_packed(install_signed(e->fs, &v, &key), SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT);
    assert_int_equal(slsim_catalog_set_vendor_root(e->fs, cert.p, cert.len, NULL), 0);
    assert_int_equal(install_signed(e->fs, &v, &key), 0);
    struct slsim_catalog_store_info info;
    expect_load(e->fs, true, SLSIM_CATALOG_STATE_OK, &v, &info);
    assert_int_equal(info.signer, SLSIM_CATALOG_SIGNER_VENDOR);
    assert_true(info.vendor_root);
    /* The ROM path still works next to the vendor root (E2E 1224629). */
    assert_int_equal(install_signed(e->fs, &r, NULL), 0);
    expect_load(e->fs, true, SLSIM_CATALOG_STATE_OK, &r, &info);
    assert_int_equal(info.signer, SLSIM_CATALOG_SIGNER_ROM);
    free(key.p);
    free(cert.p);
}

static void test_slsim_catalog_install__malformed_rejected(void **state)
{
    struct env *e = *state;
    enum { TRUNC, LONGER, COUNT129, INDEX, RESERVED, DUP };
    static const struct {
        int how;
        long want;
        const char *why;
    } cases[] = {
        { TRUNC, SL_ERROR_FS_WRONG_INPUT_SIZE, "shorter than the header" },
        { LONGER, SL_ERROR_FS_WRONG_INPUT_SIZE, "a trailing byte" },
        { COUNT129, SL_ERROR_FS_PROGRAMMING_ILLEGAL_FILE, "129 trusted entries" },
        { INDEX, SL_ERROR_FS_PROGRAMMING_ILLEGAL_FILE, "index slot does not match" },
        { RESERVED, SL_ERROR_FS_PROGRAMMING_ILLEGAL_FILE, "reserved byte set" },
        { DUP, SL_ERROR_FS_PROGRAMMING_ILLEGAL_FILE, "duplicate digest" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct lst l = make_lst(0x62000000u, 2, 0, 4);
        switch (cases[i].how) {
        case TRUNC:
            l.len = 100;
            break;
        case LONGER:
            l.b[l.len++] = 0;
            break;
        case COUNT129:
            slsim_put_le32(l.b + 0x30, 129);
            break;
        case INDEX:
            l.b[0x34] ^= 0xFF;
            break;
        case RESERVED:
            l.b[0x20] = 1;
            break;
        default:
            memcpy(l.b + SLSIM_CATALOG_HEADER_LEN + 32, l.b + SLSIM_CATALOG_HEADER_LEN, 32);
            memcpy(l.b + 0x36, l.b + 0x34, 2);
            break;
        }
        struct slsim_diag diag;
        slsim_diag_clear(&diag);
        uint8_t sig[SLSIM_CATALOG_SIG_MAX];
        size_t sig_len = 0;
        assert_int_equal(
            slsim_catalog_sign_rom(l.b, l.len, SLSIM_CATALOG_MD_SHA256, sig, &sig_len, NULL), 0);
        int32_t ret = slsim_catalog_install(e->fs, l.b, l.len, sig, sig_len, SLSIM_CATALOG_SIG_AUTO,
                                            true, NULL, &diag);
        if (ret != PACKED(cases[i].want)) {
            fail_msg("%s: %ld, want packed %ld (%s)", cases[i].why, (long)ret, cases[i].want,
                     diag.msg);
        }
        assert_non_null(strstr(diag.msg, "malformed catalog"));
        struct slsim_catalog_store_info info;
        expect_load(e->fs, true, SLSIM_CATALOG_STATE_MISSING, NULL, &info);
    }
}

/* More than 128 roots cannot be expressed: the builder refuses the 129th. */
static void test_slsim_catalog_add_trusted__129th_impossible(void **state)
{
    (void)state;
    struct slsim_catalog cat;
    slsim_catalog_init(&cat, 1, 2);
    uint8_t d[SLSIM_CATALOG_DIGEST_LEN] = { 0 };
    for (unsigned i = 0; i < SLSIM_CATALOG_MAX_TRUSTED; i++) {
        d[0] = (uint8_t)i;
        assert_int_equal(slsim_catalog_add_trusted(&cat, d), SLSIM_CATALOG_OK);
    }
    d[1] = 1;
    assert_int_equal(slsim_catalog_add_trusted(&cat, d), SLSIM_CATALOG_TOO_MANY_TRUSTED);
}

/* ---- the signature record and labels ------------------------------------------------------ */

static void test_slsim_catalog_sigrec_decode__round_trip_and_damage(void **state)
{
    (void)state;
    struct slsim_catalog_sigrec rec = { .signer = SLSIM_CATALOG_SIGNER_VENDOR,
                                        .md = SLSIM_CATALOG_MD_SHA1,
                                        .sig_len = 256 };
    memset(rec.lst_sha256, 0x3C, sizeof(rec.lst_sha256));
    memset(rec.sig, 0x5A, rec.sig_len);
    (void)snprintf(rec.label, sizeof(rec.label), "slsim-built 2026-11-28");
    uint8_t buf[SLSIM_CATALOG_SIGREC_MAX];
    size_t len = 0;
    assert_int_equal(slsim_catalog_sigrec_encode(&rec, buf, sizeof(buf), &len), 0);
    assert_int_equal(len, 96 + 256 + 4);
    struct slsim_catalog_sigrec got;
    assert_int_equal(slsim_catalog_sigrec_decode(buf, len, &got, NULL), 0);
    assert_memory_equal(&got, &rec, sizeof(rec));
    static const struct {
        size_t off;
        int delta_len;
        const char *why;
    } cases[] = {
        { 0, 0, "magic" },  { 8, 0, "version" },     { 10, 0, "signer" },
        { 11, 0, "md" },    { 44, 0, "sig length" }, { 200, 0, "signature byte (CRC)" },
        { 0, -1, "short" }, { 0, 1, "long" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint8_t bad[SLSIM_CATALOG_SIGREC_MAX + 1];
        memcpy(bad, buf, len);
        bad[len] = 0;
        if (cases[i].delta_len == 0) {
            bad[cases[i].off] ^= 0x40;
        }
        size_t bad_len = (size_t)((long)len + cases[i].delta_len);
        if (slsim_catalog_sigrec_decode(bad, bad_len, &got, NULL) !=
            SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED) {
            fail_msg("%s: damaged record accepted", cases[i].why);
        }
    }
}

static void test_slsim_catalog_label__known_and_custom(void **state)
{
    (void)state;
    static const struct {
        uint64_t created;
        unsigned nt, nr;
        const char *want;
    } cases[] = {
        { 0x57D569AFu, 1, 1, "TI playground (2016-09-11)" },
        { 0x5C692445u, 104, 0, "TI production (2019-02-17)" },
        { 0x57D569AFu, 2, 1, "custom (2016-09-11)" },
        { 0x5C692445u, 103, 0, "custom (2019-02-17)" },
        { 0, 0, 0, "custom (1970-01-01)" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct slsim_catalog cat;
        slsim_catalog_init(&cat, cases[i].created, 0);
        cat.n_trusted = cases[i].nt;
        cat.n_revoked = cases[i].nr;
        char label[SLSIM_CATALOG_LABEL_MAX];
        slsim_catalog_label(&cat, label, sizeof(label));
        assert_string_equal(label, cases[i].want);
    }
}

/* ---- load after tampering and power cuts -------------------------------------------------- */

static void test_slsim_catalog_load__tampered_then_reinstalled(void **state)
{
    struct env *e = *state;
    enum { FLIP_DIGEST, TRUNCATE, DROP_RECORD, DAMAGE_RECORD };
    static const struct {
        int how;
        const char *reason;
    } cases[] = {
        { FLIP_DIGEST, "does not match its signature record" },
        { TRUNCATE, "malformed catalog" },
        { DROP_RECORD, "no readable signature record" },
        { DAMAGE_RECORD, "signature record is damaged" },
    };
    struct lst l = make_lst(0x63000000u, 3, 2, 5);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(slsim_catalog_install_dev(e->fs, l.b, l.len, NULL, NULL), 0);
        struct lst t = l;
        uint8_t rec[8] = "SLSIMSIG";
        switch (cases[i].how) {
        case FLIP_DIGEST:
            t.b[SLSIM_CATALOG_HEADER_LEN + 40] ^= 1;
            break;
        case TRUNCATE:
            t.len -= 32;
            break;
        case DROP_RECORD:
            assert_int_equal(
                slsim_fs_delete(e->fs, SLSIM_CATALOG_SIG_FILE, 0, SLSIM_FS_CALLER_TOOL), 0);
            break;
        default:
            assert_int_equal(slsim_fs_write_file(e->fs, SLSIM_CATALOG_SIG_FILE, 0, 0, rec,
                                                 sizeof(rec), NULL, SLSIM_FS_CALLER_TOOL),
                             0);
            break;
        }
        assert_int_equal(slsim_fs_write_file(e->fs, SLSIM_CATALOG_LST_FILE, 0, 0, t.b, t.len, NULL,
                                             SLSIM_FS_CALLER_TOOL),
                         0);
        struct slsim_catalog_store_info info;
        expect_load(e->fs, true, SLSIM_CATALOG_STATE_REJECTED, NULL, &info);
        if (strstr(info.reason, cases[i].reason) == NULL) {
            fail_msg("reason '%s', want '%s'", info.reason, cases[i].reason);
        }
        assert_int_equal(slsim_catalog_install_dev(e->fs, l.b, l.len, NULL, NULL), 0);
        expect_load(e->fs, true, SLSIM_CATALOG_STATE_OK, &l, &info);
    }
}

/* A cut at every sector write of a re-install: afterwards the device loads the old catalog, the
 * new one, or rejects the pair; never another combination. Installing again always repairs. */
static void test_slsim_catalog_install__power_cut_at_every_write(void **state)
{
    struct env *e = *state;
    struct lst a = make_lst(0x64000000u, 2, 0, 11), b = make_lst(0x64100000u, 6, 1, 12);
    unsigned rejected = 0, cuts = 0;
    for (int64_t n = 0; n < 200; n++) {
        slsim_fs_free(e->fs);
        struct slsim_fs_format_opts o = { .profile = "cc3220s" };
        assert_int_equal(slsim_fs_format(e->fl, &o), 0);
        env_mount(e);
        assert_int_equal(slsim_catalog_install_dev(e->fs, a.b, a.len, NULL, NULL), 0);
        slsim_flash_set_cut(e->fl, n, n % 2 == 1);
        int32_t ret = slsim_catalog_install_dev(e->fs, b.b, b.len, NULL, NULL);
        bool cut = slsim_flash_power_lost(e->fl);
        slsim_flash_set_cut(e->fl, -1, false);
        if (!cut) {
            assert_int_equal(ret, 0);
            break;
        }
        cuts++;
        slsim_fs_free(e->fs);
        slsim_flash_power_on(e->fl);
        env_mount(e);
        struct slsim_catalog cat;
        struct slsim_catalog_store_info info;
        int32_t lr = slsim_catalog_load(e->fs, true, &cat, &info, NULL);
        if (info.state == SLSIM_CATALOG_STATE_OK) {
            assert_int_equal(lr, 0);
            assert_true(cat.created == 0x64000000u || cat.created == 0x64100000u);
        } else {
            assert_int_equal(info.state, SLSIM_CATALOG_STATE_REJECTED);
            rejected++;
        }
        assert_int_equal(slsim_catalog_install_dev(e->fs, b.b, b.len, NULL, NULL), 0);
        expect_load(e->fs, true, SLSIM_CATALOG_STATE_OK, &b, &info);
    }
    assert_true(cuts > 2);
    assert_true(rejected > 0); /* the window between the two writes exists and is caught */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_slsim_catalog_install__rom_signed, env_setup,
                                        env_teardown),
        cmocka_unit_test_setup_teardown(test_slsim_catalog_install__unsigned_needs_dev_helper,
                                        env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_slsim_catalog_install__bad_signature_keeps_previous,
                                        env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_slsim_catalog_install__ti_signature, env_setup,
                                        env_teardown),
        cmocka_unit_test_setup_teardown(test_slsim_catalog_set_vendor_root__write_once_rsa2048,
                                        env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_slsim_catalog_install__vendor_signed, env_setup,
                                        env_teardown),
        cmocka_unit_test_setup_teardown(test_slsim_catalog_install__malformed_rejected, env_setup,
                                        env_teardown),
        cmocka_unit_test(test_slsim_catalog_add_trusted__129th_impossible),
        cmocka_unit_test(test_slsim_catalog_sigrec_decode__round_trip_and_damage),
        cmocka_unit_test(test_slsim_catalog_label__known_and_custom),
        cmocka_unit_test_setup_teardown(test_slsim_catalog_load__tampered_then_reinstalled,
                                        env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_slsim_catalog_install__power_cut_at_every_write,
                                        env_setup, env_teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
