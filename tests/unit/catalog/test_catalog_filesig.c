/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_catalog_filesig.c
 * @brief The catalog on a started device: sl_Start's catalog step (missing, OK, changed after
 *        install, installed again), and signed files through the TI API:
 *        sl_FsOpen(CREATE_SECURE without NOSIGNATURE),
 *        sl_FsWrite, sl_FsClose(fd, certName, signature, len) against a playground-shaped PKI
 *        (root `dummy-root-ca-cert` -> `dummy-trusted-ca-cert` -> `dummy-trusted-cert`, each
 *        stored on the device under its CN) and a catalog installed with the tool path.
 *
 * The PKI is made at test time with the openssl CLI in SLSIM_TEST_WORK (signatures too, with
 * `openssl dgst -sign`); without openssl the test exits 77 (skipped). The device comes from
 * tests/support/device_env.c (as in tests/unit/api): an image in a temporary directory, a device
 * configuration, slsim_emu_device_open + slsim_emu_use, then sl_Start.
 */
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
#include <slsim/emu.h>
#include <ti/drivers/net/wifi/simplelink.h>

#include "catalog/catalog_store.h"
#include "device/device.h"
#include "flash/flash.h"
#include "fs/fs.h"

#include "device_env.h"

#ifndef SLSIM_TEST_WORK
#error "SLSIM_TEST_WORK must name a scratch directory"
#endif

#define WORK     SLSIM_TEST_WORK
#define SECTORS  256u
#define ROOT_CN  "dummy-root-ca-cert"
#define INTER_CN "dummy-trusted-ca-cert"
#define LEAF_CN  "dummy-trusted-cert"
#define BIG_CN   "big-leaf"
#define SIGNED   "/user/signed.bin"
#define OPEN_MODE                                                                   \
    (SL_FS_CREATE | SL_FS_OVERWRITE | SL_FS_CREATE_SECURE | SL_FS_CREATE_FAILSAFE | \
     SL_FS_CREATE_MAX_SIZE(4096))

/* ---- the PKI ------------------------------------------------------------------------------ */

enum blob_id {
    B_ROOT,
    B_INTER,
    B_INTER384, /* the same intermediate, signed by the root with SHA-384 */
    B_LEAF,
    B_BIG, /* an RSA-3072 leaf under the intermediate */
    B_CONTENT,
    B_SIG256, /* leaf key, SHA-256 */
    B_SIG1,   /* leaf key, SHA-1 */
    B_SIGWRONG,
    B_SIGBIG, /* 384 bytes */
    B_COUNT
};

static const char *const blob_files[B_COUNT] = {
    "root.der",    "inter.der",   "inter384.der", "leaf.der",  "big.der",
    "content.bin", "leaf256.sig", "leaf1.sig",    "wrong.sig", "big.sig",
};

struct blob {
    uint8_t *p;
    size_t len;
};

static struct blob pki[B_COUNT];

static const char make_pki[] =
    "set -e; mkdir -p '" WORK "'; cd '" WORK "'; "
    "S='/C=IL/ST=Sharon/L=Raanana/O=Texas Instruments Inc./OU=RND/CN='; "
    "printf 'basicConstraints=critical,CA:TRUE\\n' > ca.ext; "
    "openssl req -new -x509 -newkey rsa:2048 -nodes -keyout root.key -subj \"${S}" ROOT_CN "\" "
    "-days 3650 -sha256 -out root.pem 2>/dev/null; "
    "openssl req -new -newkey rsa:2048 -nodes -keyout inter.key -subj \"${S}" INTER_CN "\" "
    "-out inter.csr 2>/dev/null; "
    "openssl x509 -req -in inter.csr -CA root.pem -CAkey root.key -set_serial 2 -days 3650 "
    "-sha256 -extfile ca.ext -out inter.pem 2>/dev/null; "
    "openssl x509 -req -in inter.csr -CA root.pem -CAkey root.key -set_serial 3 -days 3650 "
    "-sha384 -extfile ca.ext -out inter384.pem 2>/dev/null; "
    "openssl req -new -newkey rsa:2048 -nodes -keyout leaf.key -subj \"${S}" LEAF_CN "\" "
    "-out leaf.csr 2>/dev/null; "
    "openssl x509 -req -in leaf.csr -CA inter.pem -CAkey inter.key -set_serial 4 -days 3650 "
    "-sha256 -out leaf.pem 2>/dev/null; "
    "openssl req -new -newkey rsa:3072 -nodes -keyout big.key -subj \"${S}" BIG_CN "\" "
    "-out big.csr 2>/dev/null; "
    "openssl x509 -req -in big.csr -CA inter.pem -CAkey inter.key -set_serial 5 -days 3650 "
    "-sha256 -out big.pem 2>/dev/null; "
    "for c in root inter inter384 leaf big; do openssl x509 -in $c.pem -outform DER -out $c.der; "
    "done; "
    "printf 'slsim signed file: an MCU image, more or less\\n' > content.bin; "
    "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out wrong.key 2>/dev/null; "
    "openssl dgst -sha256 -sign leaf.key -out leaf256.sig content.bin; "
    "openssl dgst -sha1 -sign leaf.key -out leaf1.sig content.bin; "
    "openssl dgst -sha256 -sign wrong.key -out wrong.sig content.bin; "
    "openssl dgst -sha256 -sign big.key -out big.sig content.bin";

static int run(const char *cmd)
{
    int st = system(cmd);
    return st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static int group_setup(void **state)
{
    (void)state;
    if (run("openssl version >/dev/null 2>&1") != 0) {
        (void)fprintf(stderr, "openssl not found: skipping\n");
        exit(77);
    }
    if (run(make_pki) != 0) {
        return -1;
    }
    for (int i = 0; i < B_COUNT; i++) {
        char path[512];
        (void)snprintf(path, sizeof(path), "%s/%s", WORK, blob_files[i]);
        if (slsim_read_host_file(path, 1u << 16, &pki[i].p, &pki[i].len) != 0) {
            return -1;
        }
    }
    return pki[B_SIGBIG].len == 384 && pki[B_SIG256].len == 256 ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    for (int i = 0; i < B_COUNT; i++) {
        free(pki[i].p);
    }
    return 0;
}

/* ---- a device, as tests/unit/api/fs_test_util.c makes one ------------------------------------ */

struct dev_env {
    struct slsim_test_device t;
    struct slsim_device *dev; /**< t.dev */
};

static int dev_setup(void **state)
{
    *state = NULL;
    struct dev_env *e = calloc(1, sizeof(*e));
    if (e == NULL) {
        return -1;
    }
    if (slsim_test_device_make(&e->t, "catsig", "cc3220s", SECTORS, NULL) != 0 ||
        slsim_test_device_open(&e->t) != 0) {
        slsim_test_device_free(&e->t, false);
        free(e);
        return -1;
    }
    e->dev = e->t.dev;
    *state = e;
    return 0;
}

static int dev_teardown(void **state)
{
    struct dev_env *e = *state;
    if (e != NULL) {
        slsim_test_device_free(&e->t, true);
        free(e);
    }
    return 0;
}

enum cat_kind { CAT_NONE, CAT_ROOT, CAT_OTHER_ROOT, CAT_ROOT_REVOKE_INTER };

enum file_bits {
    F_ROOT = 1u << 0,
    F_INTER = 1u << 1,
    F_INTER384 = 1u << 2, /* stored under the intermediate's CN instead of F_INTER */
    F_LEAF = 1u << 3,
    F_BIG = 1u << 4,
    F_CHAIN = F_ROOT | F_INTER | F_LEAF | F_BIG,
};

static void put(struct slsim_fs *fs, const char *name, enum blob_id b)
{
    assert_int_equal(
        slsim_fs_write_file(fs, name, 0, 0, pki[b].p, pki[b].len, NULL, SLSIM_FS_CALLER_TOOL), 0);
}

static void install_catalog(struct slsim_fs *fs, enum cat_kind kind)
{
    struct slsim_catalog cat;
    slsim_catalog_init(&cat, 0x57D569AFu, 0x613D110Fu);
    uint8_t d[SLSIM_CATALOG_DIGEST_LEN];
    if (kind == CAT_OTHER_ROOT) {
        memset(d, 0x42, sizeof(d));
    } else {
        assert_int_equal(slsim_catalog_digest_der(pki[B_ROOT].p, pki[B_ROOT].len, d), 0);
    }
    assert_int_equal(slsim_catalog_add_trusted(&cat, d), SLSIM_CATALOG_OK);
    if (kind == CAT_ROOT_REVOKE_INTER) {
        assert_int_equal(slsim_catalog_digest_der(pki[B_INTER].p, pki[B_INTER].len, d), 0);
        assert_int_equal(slsim_catalog_add_revoked(&cat, d), SLSIM_CATALOG_OK);
    }
    uint8_t lst[SLSIM_CATALOG_MAX_ENCODED_LEN];
    size_t len = 0;
    assert_int_equal(slsim_catalog_encode(&cat, lst, sizeof(lst), &len), SLSIM_CATALOG_OK);
    assert_int_equal(slsim_catalog_install_dev(fs, lst, len, NULL, NULL), 0);
}

/* The tool path (like UniFlash) before the device starts: chain files and catalog. */
static void provision(const struct dev_env *e, unsigned files, enum cat_kind kind)
{
    struct slsim_flash *fl = NULL;
    struct slsim_fs *fs = NULL;
    assert_int_equal(slsim_flash_open_file(e->t.img, false, 0, &fl, NULL), 0);
    assert_int_equal(
        slsim_fs_mount(fl, &slsim_profile_default()->fs, SLSIM_FS_MOUNT_TOOL, &fs, NULL), 0);
    static const struct {
        unsigned bit;
        const char *name;
        enum blob_id b;
    } map[] = {
        { F_ROOT, ROOT_CN, B_ROOT },
        { F_INTER, INTER_CN, B_INTER },
        { F_INTER384, INTER_CN, B_INTER384 },
        { F_LEAF, LEAF_CN, B_LEAF },
        { F_BIG, BIG_CN, B_BIG },
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (files & map[i].bit) {
            put(fs, map[i].name, map[i].b);
        }
    }
    if (kind != CAT_NONE) {
        install_catalog(fs, kind);
    }
    assert_int_equal(slsim_fs_unmount(fs, SLSIM_FS_STOP_TOOL), 0);
    slsim_flash_close(fl);
}

static long alerts(void)
{
    SlFsControlGetStorageInfoResponse_t st;
    memset(&st, 0, sizeof(st));
    long ret = sl_FsCtl(SL_FS_CTL_GET_STORAGE_INFO, 0, NULL, NULL, 0, (_u8 *)&st, sizeof(st), NULL);
    assert_int_equal(ret, 0);
    return (long)st.FilesUsage.NumOfAlerts;
}

/* Creates (or rewrites, with the master token *token) `name` as a secure signed file with the
 * content and closes it with the signature. *token receives the master token. */
static long signed_write(const char *name, const char *cert, enum blob_id sig, uint32_t *token)
{
    _u32 tok = *token;
    _i32 h = sl_FsOpen((const _u8 *)name, OPEN_MODE, &tok);
    if (h < 0) {
        return h;
    }
    *token = tok;
    long n = sl_FsWrite(h, 0, pki[B_CONTENT].p, (_u32)pki[B_CONTENT].len);
    assert_int_equal(n, (long)pki[B_CONTENT].len);
    return sl_FsClose(h, (const _u8 *)cert, pki[sig].p, (_u32)pki[sig].len);
}

static bool content_readable(uint32_t token)
{
    _u32 tok = token;
    _i32 h = sl_FsOpen((const _u8 *)SIGNED, SL_FS_READ, &tok);
    if (h < 0) {
        return false;
    }
    uint8_t buf[256];
    long n = sl_FsRead(h, 0, buf, sizeof(buf));
    (void)sl_FsClose(h, NULL, NULL, 0);
    return n == (long)pki[B_CONTENT].len && memcmp(buf, pki[B_CONTENT].p, (size_t)n) == 0;
}

/* ---- the matrix ----------------------------------------------------------------------------- */

static const struct sig_case {
    const char *why;
    unsigned files;
    enum cat_kind cat;
    const char *name;
    const char *cert;
    enum blob_id sig;
    long want;
    bool alert;
} sig_cases[] = {
    { "right chain, SHA-256", F_CHAIN, CAT_ROOT, SIGNED, LEAF_CN, B_SIG256, 0, false },
    { "right chain, SHA-1", F_CHAIN, CAT_ROOT, SIGNED, LEAF_CN, B_SIG1, 0, false },
    { "root not in the catalog", F_CHAIN, CAT_OTHER_ROOT, SIGNED, LEAF_CN, B_SIG256,
      SL_ERROR_FS_ROOT_CA_IS_UNKOWN, false },
    { "signed with another key", F_CHAIN, CAT_ROOT, SIGNED, LEAF_CN, B_SIGWRONG,
      SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT, true },
    { "intermediate signed with SHA-384", F_ROOT | F_INTER384 | F_LEAF, CAT_ROOT, SIGNED, LEAF_CN,
      B_SIG256, SL_ERROR_FS_CERT_CHAIN_ERROR_SECURITY_ALERT, true },
    { "RSA-3072 leaf, 384-byte signature", F_CHAIN, CAT_ROOT, SIGNED, BIG_CN, B_SIGBIG,
      SL_ERROR_FS_WRONG_SIGNATURE_OR_CERTIFIC_NAME_LENGTH, false },
    { "RSA-3072 leaf, 256-byte signature", F_CHAIN, CAT_ROOT, SIGNED, BIG_CN, B_SIG256,
      SL_ERROR_FS_CERT_CHAIN_ERROR_SECURITY_ALERT, true },
    { "intermediate file missing", F_ROOT | F_LEAF, CAT_ROOT, SIGNED, LEAF_CN, B_SIG256,
      SL_ERROR_FS_CERT_CHAIN_ERROR_SECURITY_ALERT, true },
    { "root file missing", F_INTER | F_LEAF, CAT_ROOT, SIGNED, LEAF_CN, B_SIG256,
      SL_ERROR_FS_CERT_CHAIN_ERROR_SECURITY_ALERT, true },
    { "intermediate revoked", F_CHAIN, CAT_ROOT_REVOKE_INTER, SIGNED, LEAF_CN, B_SIG256,
      SL_ERROR_FS_CERT_IN_THE_CHAIN_REVOKED_SECURITY_ALERT, true },
    { "certificate file name wrong", F_CHAIN, CAT_ROOT, SIGNED, LEAF_CN ".der", B_SIG256,
      SL_ERROR_FS_WRONG_CERTIFICATE_FILE_NAME, false },
    { "no catalog installed", F_CHAIN, CAT_NONE, SIGNED, LEAF_CN, B_SIG256,
      SL_ERROR_FS_NO_CERTIFICATE_STORE, false },
    { "catalog written through the TI API", F_CHAIN, CAT_NONE, "/sys/certstore.lst", LEAF_CN,
      B_SIG256, SL_ERROR_FS_NOT_SUPPORTED, false },
};

static void run_sig_case(struct dev_env *e, const struct sig_case *c)
{
    provision(e, c->files, c->cat);
    long role = sl_Start(NULL, NULL, NULL);
    if (role < 0) {
        fail_msg("%s: sl_Start = %ld (%s)", c->why, role, slsim_emu_last_error());
    }
    long before = alerts();
    uint32_t token = 0;
    long ret = signed_write(c->name, c->cert, c->sig, &token);
    if (ret != c->want) {
        fail_msg("%s: sl_FsClose = %ld, want %ld", c->why, ret, c->want);
    }
    if (alerts() != before + (c->alert ? 1 : 0)) {
        fail_msg("%s: alerts %ld -> %ld", c->why, before, alerts());
    }
    if (content_readable(token) != (c->want == 0)) {
        fail_msg("%s: content readable is %d", c->why, (int)content_readable(token));
    }
}

/* One fresh device (image, catalog, chain files) per row. */
static void test_sl_FsClose__signed_file_matrix(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(sig_cases) / sizeof(sig_cases[0]); i++) {
        void *env = NULL;
        assert_int_equal(dev_setup(&env), 0);
        run_sig_case(env, &sig_cases[i]);
        assert_int_equal(dev_teardown(&env), 0);
    }
}

/* Repeated failures reach the alert threshold: the file system locks and the next sl_Start
 * fails with SL_ERROR_FS_ALERT_ERR. */
static void test_sl_FsClose__alert_threshold_locks_device(void **state)
{
    struct dev_env *e = *state;
    provision(e, F_CHAIN, CAT_ROOT);
    assert_true(sl_Start(NULL, NULL, NULL) >= 0);
    SlFsControlGetStorageInfoResponse_t st;
    memset(&st, 0, sizeof(st));
    assert_int_equal(
        sl_FsCtl(SL_FS_CTL_GET_STORAGE_INFO, 0, NULL, NULL, 0, (_u8 *)&st, sizeof(st), NULL), 0);
    long threshold = (long)st.FilesUsage.NumOfAlertsThreshold;
    assert_true(threshold > 0 && threshold < 100);
    uint32_t token = 0;
    for (long i = 0; i < threshold; i++) {
        assert_int_equal(signed_write(SIGNED, LEAF_CN, B_SIGWRONG, &token),
                         SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT);
        assert_int_equal(alerts(), i + 1);
    }
    assert_int_equal(signed_write(SIGNED, LEAF_CN, B_SIG256, &token),
                     SL_ERROR_FS_FILE_SYSTEM_IS_LOCKED);
    assert_int_equal(sl_Stop(0), 0);
    assert_int_equal(sl_Start(NULL, NULL, NULL), SL_ERROR_FS_ALERT_ERR);
}

/* ---- sl_Start's catalog step ----------------------------------------------------------------- */

/* Rewrites /sys/certstore.lst with one digest byte changed, leaving the signature record. */
static void tamper(const struct dev_env *e)
{
    struct slsim_flash *fl = NULL;
    struct slsim_fs *fs = NULL;
    assert_int_equal(slsim_flash_open_file(e->t.img, false, 0, &fl, NULL), 0);
    assert_int_equal(
        slsim_fs_mount(fl, &slsim_profile_default()->fs, SLSIM_FS_MOUNT_TOOL, &fs, NULL), 0);
    uint8_t *lst = NULL;
    size_t len = 0;
    assert_int_equal(
        slsim_fs_read_file(fs, SLSIM_CATALOG_LST_FILE, 0, SLSIM_FS_CALLER_TOOL, &lst, &len), 0);
    lst[SLSIM_CATALOG_HEADER_LEN + 9] ^= 0x10;
    assert_int_equal(
        slsim_fs_write_file(fs, SLSIM_CATALOG_LST_FILE, 0, 0, lst, len, NULL, SLSIM_FS_CALLER_TOOL),
        0);
    free(lst);
    assert_int_equal(slsim_fs_unmount(fs, SLSIM_FS_STOP_TOOL), 0);
    slsim_flash_close(fl);
}

/* Missing catalog: starts. Installed: starts and the getter returns it. Changed after install:
 * sl_Start fails with SL_ERROR_LOADING_CERTIFICATE_STORE and the device stays stopped.
 * Installed again: starts. */
static void test_sl_Start__catalog_states(void **state)
{
    struct dev_env *e = *state;
    enum { NOTHING, INSTALL, TAMPER, REINSTALL };
    static const struct {
        int step;
        long want;
        int state;
    } cases[] = {
        { NOTHING, 0, SLSIM_CATALOG_STATE_MISSING },
        { INSTALL, 0, SLSIM_CATALOG_STATE_OK },
        { TAMPER, SL_ERROR_LOADING_CERTIFICATE_STORE, SLSIM_CATALOG_STATE_REJECTED },
        { REINSTALL, 0, SLSIM_CATALOG_STATE_OK },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (cases[i].step == TAMPER) {
            tamper(e);
        } else {
            provision(e, 0, cases[i].step == NOTHING ? CAT_NONE : CAT_ROOT);
        }
        long ret = sl_Start(NULL, NULL, NULL);
        if (ret != cases[i].want) {
            fail_msg("step %d: sl_Start = %ld, want %ld (%s)", cases[i].step, ret, cases[i].want,
                     slsim_emu_last_error());
        }
        int st = -1;
        const struct slsim_catalog_store_info *info = NULL;
        slsim_device_lock(e->dev);
        const struct slsim_catalog *cat = slsim_device_catalog(e->dev, &st, &info);
        bool started = slsim_device_started(e->dev);
        slsim_device_unlock(e->dev);
        assert_int_equal(st, cases[i].state);
        assert_int_equal(started, ret >= 0);
        assert_int_equal(cat != NULL, st == SLSIM_CATALOG_STATE_OK);
        if (cat != NULL) {
            assert_int_equal(cat->n_trusted, 1);
            assert_string_equal(info->label, "custom (2016-09-11)");
            assert_int_equal(info->signer, SLSIM_CATALOG_SIGNER_ROM);
        }
        if (ret < 0) {
            assert_non_null(strstr(info->reason, "does not match its signature record"));
            assert_non_null(strstr(slsim_emu_last_error(), "catalog rejected"));
        } else {
            assert_int_equal(sl_Stop(0), 0);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sl_Start__catalog_states, dev_setup, dev_teardown),
        cmocka_unit_test(test_sl_FsClose__signed_file_matrix),
        cmocka_unit_test_setup_teardown(test_sl_FsClose__alert_threshold_locks_device, dev_setup,
                                        dev_teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
