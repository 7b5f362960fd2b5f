/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_sl_fs_secure.c
 * @brief Secure files: tokens, public access, vendor and static tokens, the sequential-write
 *        rule, signed files, security alerts and the lock, the CC3220R rules, and encryption
 *        at rest (simplelink-api.md §6.1, §6.6; nwp-behaviour.md C.4; docs/fs.md "Tokens").
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fs_test_util.h"

#define SECURE_NOSIG (SL_FS_CREATE_SECURE | SL_FS_CREATE_NOSIGNATURE)
#define ABORT_SIG    ((const _u8 *)"A")

static _u32 create_secure(const char *name, _u32 extra, const char *content)
{
    _u32 master = 0;
    assert_sl(
        fs_create(name, SECURE_NOSIG | extra, 1024, content, (uint32_t)strlen(content), &master),
        0);
    assert_int_not_equal(master, 0);
    return master;
}

static void get_tokens(const char *name, _u32 master, _u32 tok[4])
{
    SlFsFileInfo_t info;
    assert_sl(fs_info(name, master, &info), 0);
    memcpy(tok, info.Token, sizeof(info.Token));
    assert_int_equal(tok[SL_FS_TOKEN_MASTER], master);
}

static long alerts(void)
{
    SlFsControlGetStorageInfoResponse_t st;
    assert_sl(fs_storage(&st), 0);
    return (long)st.FilesUsage.NumOfAlerts;
}

static void test_sl_FsOpen__secure_create_returns_master_token(void **state)
{
    (void)state;
    _u32 master = create_secure("/sec", 0, "secret");
    SlFsFileInfo_t info;

    /* with the master token: every token (§6.4 SlFsTokenId_e order), distinct and non-zero */
    assert_sl(fs_info("/sec", master, &info), 0);
    assert_int_equal(info.Token[SL_FS_TOKEN_MASTER], master);
    for (int i = 0; i < 4; i++) {
        assert_int_not_equal(info.Token[i], 0);
        for (int j = 0; j < i; j++) {
            assert_int_not_equal(info.Token[i], info.Token[j]);
        }
    }
    assert_int_equal(info.Flags & (SL_FS_INFO_SECURE | SL_FS_INFO_NOSIGNATURE),
                     SL_FS_INFO_SECURE | SL_FS_INFO_NOSIGNATURE);
    assert_int_equal(info.Len, 6);
    /* secure files keep two copies (docs/fs.md "Opening": fail-safe and secure) */
    assert_int_equal(info.StorageSize, 8192);

    /* without the master token: info but no tokens */
    assert_sl(fs_info("/sec", 0, &info), 0);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(info.Token[i], 0);
    }
    _u32 tok[4];
    get_tokens("/sec", master, tok);
    assert_sl(fs_info("/sec", tok[SL_FS_TOKEN_READ_ONLY], &info), 0);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(info.Token[i], 0);
    }
    assert_true(fs_content_is("/sec", master, "secret"));
}

static const struct perm_case {
    int token; /* SlFsTokenId_e, or -1: none (0), -2: a wrong value */
    long read_want;
    long write_want;
} perm_cases[] = {
    { SL_FS_TOKEN_MASTER, 0, 0 },
    { SL_FS_TOKEN_WRITE_READ, 0, 0 },
    { SL_FS_TOKEN_WRITE_ONLY, SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT, 0 },
    { SL_FS_TOKEN_READ_ONLY, 0, SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT },
    { -1, SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT, SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT },
    { -2, SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT, SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT },
};

/* docs/fs.md "Tokens": read needs master/WRITE_READ/READ_ONLY, write master/WRITE_READ/
 * WRITE_ONLY; a wrong token is -10365 and one security alert. STATIC_TOKEN keeps the tokens
 * fixed so that every row uses the same set. */
static void test_sl_FsOpen__token_permissions(void **state)
{
    (void)state;
    _u32 master = create_secure("/perm", SL_FS_CREATE_STATIC_TOKEN, "v0");
    _u32 tok[4];
    get_tokens("/perm", master, tok);
    long expect_alerts = alerts();
    assert_int_equal(expect_alerts, 0);
    char want[8] = "v0";
    for (size_t i = 0; i < sizeof(perm_cases) / sizeof(perm_cases[0]); i++) {
        const struct perm_case *c = &perm_cases[i];
        _u32 t = c->token >= 0 ? tok[c->token] : (c->token == -1 ? 0 : (master ^ 0x5A5A5A5Au));
        char buf[8];
        long r = fs_read_all("/perm", t, buf, sizeof(buf));
        if (c->read_want == 0) {
            assert_sl(r, (long)strlen(want));
        } else {
            assert_sl(r, c->read_want);
            expect_alerts++;
        }
        assert_int_equal(alerts(), expect_alerts);

        char next[8];
        (void)snprintf(next, sizeof(next), "v%zu", i + 1);
        long w = fs_rewrite("/perm", 0, t, next, (uint32_t)strlen(next));
        assert_sl(w, c->write_want);
        if (w == 0) {
            (void)snprintf(want, sizeof(want), "%s", next);
        } else {
            expect_alerts++;
        }
        assert_int_equal(alerts(), expect_alerts);
        assert_true(fs_content_is("/perm", master, want));
    }
    /* tokens never changed (STATIC_TOKEN) */
    _u32 after[4];
    get_tokens("/perm", master, after);
    assert_memory_equal(after, tok, sizeof(tok));
}

/* §6.6: open-for-write regenerates every token but the master, unless STATIC_TOKEN. */
static void test_sl_FsClose__tokens_regenerated_after_write(void **state)
{
    (void)state;
    _u32 master = create_secure("/regen", 0, "one");
    _u32 before[4], after[4];
    get_tokens("/regen", master, before);
    assert_sl(fs_rewrite("/regen", 0, before[SL_FS_TOKEN_WRITE_ONLY], "two", 3), 0);
    get_tokens("/regen", master, after);
    assert_int_equal(after[SL_FS_TOKEN_MASTER], master);
    for (int i = 1; i < 4; i++) {
        assert_int_not_equal(after[i], before[i]);
    }
    char buf[8];
    assert_sl(fs_read_all("/regen", before[SL_FS_TOKEN_READ_ONLY], buf, sizeof(buf)),
              SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT);
    assert_true(fs_content_is("/regen", after[SL_FS_TOKEN_READ_ONLY], "two"));
    assert_true(fs_content_is("/regen", master, "two"));
    /* tokens survive a restart */
    assert_sl(sl_Stop(0), 0);
    assert_true(fs_start() >= 0);
    _u32 restarted[4];
    get_tokens("/regen", master, restarted);
    assert_memory_equal(restarted, after, sizeof(after));
}

static void test_sl_FsClose__static_token_keeps_tokens(void **state)
{
    (void)state;
    _u32 master = create_secure("/static", SL_FS_CREATE_STATIC_TOKEN, "one");
    _u32 before[4], after[4];
    get_tokens("/static", master, before);
    assert_sl(fs_rewrite("/static", 0, master, "two", 3), 0);
    assert_sl(fs_rewrite("/static", 0, before[SL_FS_TOKEN_WRITE_READ], "three", 5), 0);
    get_tokens("/static", master, after);
    assert_memory_equal(after, before, sizeof(before));
    assert_true(fs_content_is("/static", before[SL_FS_TOKEN_READ_ONLY], "three"));
}

static void test_sl_FsOpen__vendor_token(void **state)
{
    (void)state;
    _u32 vendor = 0x1234ABCDu;
    _u32 tok = vendor;
    assert_sl(fs_create("/vendor", SECURE_NOSIG | SL_FS_CREATE_VENDOR_TOKEN | SL_FS_CREATE_FAILSAFE,
                        1024, "vend", 4, &tok),
              0);
    assert_int_equal(tok, vendor);
    _u32 all[4];
    get_tokens("/vendor", vendor, all);
    assert_true(fs_content_is("/vendor", vendor, "vend"));
    /* the vendor master token stays after a write */
    assert_sl(fs_rewrite("/vendor", 0, vendor, "v2", 2), 0);
    get_tokens("/vendor", vendor, all);
    assert_true(fs_content_is("/vendor", vendor, "v2"));
}

static void test_sl_FsOpen__public_read_and_write(void **state)
{
    (void)state;
    _u32 mr = create_secure("/pubr", SL_FS_CREATE_PUBLIC_READ, "readable");
    _u32 mw = create_secure("/pubw", SL_FS_CREATE_PUBLIC_WRITE, "writable");
    SlFsFileInfo_t info;
    assert_sl(fs_info("/pubr", 0, &info), 0);
    assert_int_equal(info.Flags & (SL_FS_INFO_PUBLIC_READ | SL_FS_INFO_PUBLIC_WRITE),
                     SL_FS_INFO_PUBLIC_READ);
    assert_sl(fs_info("/pubw", 0, &info), 0);
    assert_int_equal(info.Flags & (SL_FS_INFO_PUBLIC_READ | SL_FS_INFO_PUBLIC_WRITE),
                     SL_FS_INFO_PUBLIC_WRITE);

    /* PUBLIC_READ: read without a token, no alert; write still needs one */
    assert_true(fs_content_is("/pubr", 0, "readable"));
    assert_int_equal(alerts(), 0);
    assert_sl(fs_rewrite("/pubr", 0, 0, "x", 1), SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT);
    assert_int_equal(alerts(), 1);
    assert_sl(fs_rewrite("/pubr", 0, mr, "y", 1), 0);
    assert_true(fs_content_is("/pubr", 0, "y"));

    /* PUBLIC_WRITE: write without a token, no alert; read still needs one */
    assert_sl(fs_rewrite("/pubw", 0, 0, "written", 7), 0);
    assert_int_equal(alerts(), 1);
    char buf[16];
    assert_sl(fs_read_all("/pubw", 0, buf, sizeof(buf)), SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT);
    assert_int_equal(alerts(), 2);
    assert_true(fs_content_is("/pubw", mw, "written"));
}

/* docs/fs.md: secure files must be written sequentially (offset = bytes so far), else -10296. */
static void test_sl_FsWrite__secure_sequential_rule(void **state)
{
    (void)state;
    _u32 master = 0;
    _i32 h =
        sl_FsOpen(FS_NAME("/seq"),
                  SL_FS_CREATE | SL_FS_WRITE | SECURE_NOSIG | SL_FS_CREATE_MAX_SIZE(1024), &master);
    assert_true(h >= 0);
    _u8 data[64];
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (_u8)('A' + i % 26);
    }
    assert_sl(sl_FsWrite(h, 16, data, 16), SL_ERROR_FS_OFFSET_NOT_16_BYTE_ALIGN);
    assert_sl(sl_FsWrite(h, 0, data, 16), 16);
    assert_sl(sl_FsWrite(h, 32, data + 32, 16), SL_ERROR_FS_OFFSET_NOT_16_BYTE_ALIGN);
    assert_sl(sl_FsWrite(h, 0, data, 16), SL_ERROR_FS_OFFSET_NOT_16_BYTE_ALIGN);
    assert_sl(sl_FsWrite(h, 15, data + 15, 1), SL_ERROR_FS_OFFSET_NOT_16_BYTE_ALIGN);
    assert_sl(sl_FsWrite(h, 16, data + 16, 5), 5); /* sequential, not 16-aligned length */
    assert_sl(sl_FsWrite(h, 21, data + 21, 7), 7);
    assert_sl(sl_FsClose(h, NULL, NULL, 0), 0);
    _u8 back[64];
    assert_sl(fs_read_all("/seq", master, back, sizeof(back)), 28);
    assert_memory_equal(back, data, 28);

    /* a rewrite starts again at 0 */
    h = sl_FsOpen(FS_NAME("/seq"), SL_FS_WRITE, &master);
    assert_true(h >= 0);
    assert_sl(sl_FsWrite(h, 28, data, 4), SL_ERROR_FS_OFFSET_NOT_16_BYTE_ALIGN);
    assert_sl(sl_FsWrite(h, 0, data, 4), 4);
    assert_sl(sl_FsClose(h, NULL, NULL, 0), 0);
    SlFsFileInfo_t info;
    assert_sl(fs_info("/seq", 0, &info), 0);
    assert_int_equal(info.Len, 4);
}

static _i32 open_signed(const char *name, _u32 *master, bool create)
{
    _u32 mode = create ? SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_SECURE | SL_FS_CREATE_FAILSAFE |
                             SL_FS_CREATE_MAX_SIZE(1024)
                       : SL_FS_WRITE;
    _i32 h = sl_FsOpen(FS_NAME(name), mode, master);
    assert_true(h >= 0);
    _u8 data[] = "signed payload";
    assert_sl(sl_FsWrite(h, 0, data, 14), 14);
    return h;
}

/* docs/fs.md "Closing": a signed secure file without certificate name and 1-256-byte
 * signature -> -10290; with them the signature is verified against the device's catalog —
 * this test image has none -> SL_ERROR_FS_NO_CERTIFICATE_STORE (-10242) (the full signed-file
 * matrix is tests/unit/catalog/test_catalog_filesig.c); the write is discarded in all cases. */
static void test_sl_FsClose__signed_secure_file(void **state)
{
    (void)state;
    _u32 master = 0;
    static _u8 sig[300];
    memset(sig, 0x5A, sizeof(sig));
    const _u8 *cert = FS_NAME("/cert/vendor.der");

    _i32 h = open_signed("/signed", &master, true);
    assert_int_not_equal(master, 0);
    assert_sl(sl_FsClose(h, NULL, NULL, 0), SL_ERROR_FS_WRONG_SIGNATURE_OR_CERTIFIC_NAME_LENGTH);
    SlFsFileInfo_t info;
    assert_sl(fs_info("/signed", master, &info), SL_ERROR_FS_FILE_HAS_NOT_BEEN_CLOSE_CORRECTLY);
    assert_true((info.Flags & SL_FS_INFO_NOT_VALID) != 0);
    assert_int_equal(info.Flags & (SL_FS_INFO_SECURE | SL_FS_INFO_NOSIGNATURE), SL_FS_INFO_SECURE);
    assert_int_equal(info.Flags & SL_FS_INFO_OPEN_WRITE, 0);

    static const struct {
        bool with_cert;
        _u32 sig_len;
        long want;
    } closes[] = {
        { false, 256, SL_ERROR_FS_WRONG_SIGNATURE_OR_CERTIFIC_NAME_LENGTH },
        { true, 0, SL_ERROR_FS_WRONG_SIGNATURE_OR_CERTIFIC_NAME_LENGTH },
        { true, 257, SL_ERROR_FS_WRONG_SIGNATURE_OR_CERTIFIC_NAME_LENGTH },
        { true, 256, SL_ERROR_FS_NO_CERTIFICATE_STORE },
        { true, 128, SL_ERROR_FS_NO_CERTIFICATE_STORE },
        { true, 2, SL_ERROR_FS_NO_CERTIFICATE_STORE },
    };
    for (size_t i = 0; i < sizeof(closes) / sizeof(closes[0]); i++) {
        h = open_signed("/signed", &master, false);
        long r = sl_FsClose(h, closes[i].with_cert ? cert : NULL, closes[i].sig_len ? sig : NULL,
                            closes[i].sig_len);
        if (r != closes[i].want) {
            print_error("close case %zu\n", i);
        }
        assert_sl(r, closes[i].want);
        assert_sl(fs_info("/signed", master, &info), SL_ERROR_FS_FILE_HAS_NOT_BEEN_CLOSE_CORRECTLY);
        assert_int_equal(info.WriteCounter, 0);
    }
    /* abort ('A', 1) is not a signature */
    h = open_signed("/signed", &master, false);
    assert_sl(sl_FsClose(h, NULL, ABORT_SIG, 1), 0);
    assert_sl(sl_FsOpen(FS_NAME("/signed"), SL_FS_READ, &master), SL_ERROR_FS_NO_VALID_COPY_EXISTS);
}

/* Raises the image's 15 security alerts (docs/fs.md "Tokens": "At 15 alerts (the image's
 * threshold) the device locks"). Returns the master token of "/lock"; "/plain" holds "plain". */
static _u32 raise_alerts_to_threshold(void)
{
    _u32 master = create_secure("/lock", SL_FS_CREATE_STATIC_TOKEN, "x");
    assert_sl(fs_create("/plain", 0, 1024, "plain", 5, NULL), 0);
    SlFsControlGetStorageInfoResponse_t st;
    assert_sl(fs_storage(&st), 0);
    assert_int_equal(st.FilesUsage.NumOfAlertsThreshold, 15);
    assert_int_equal(st.FilesUsage.NumOfAlerts, 0);

    char buf[4];
    for (int i = 1; i <= 14; i++) {
        assert_sl(fs_read_all("/lock", master + 1, buf, sizeof(buf)),
                  SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT);
        assert_int_equal(alerts(), i);
    }
    /* still usable at 14 */
    assert_true(fs_content_is("/lock", master, "x"));
    assert_true(fs_content_is("/plain", 0, "plain"));
    /* the 15th alert */
    assert_sl(fs_read_all("/lock", master + 1, buf, sizeof(buf)),
              SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT);
    return master;
}

/* At the threshold the device locks: file calls -> -10299, the next sl_Start ->
 * SL_ERROR_FS_ALERT_ERR (docs/fs.md "Tokens"; nwp-behaviour.md C.4). */
static void test_sl_FsOpen__alert_threshold_locks_device(void **state)
{
    (void)state;
    _u32 master = raise_alerts_to_threshold();
    SlFsFileInfo_t info;
    assert_sl(sl_FsOpen(FS_NAME("/lock"), SL_FS_READ, &master), SL_ERROR_FS_FILE_SYSTEM_IS_LOCKED);
    assert_sl(sl_FsOpen(FS_NAME("/plain"), SL_FS_READ, NULL), SL_ERROR_FS_FILE_SYSTEM_IS_LOCKED);
    assert_sl(
        sl_FsOpen(FS_NAME("/new"), SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_MAX_SIZE(256), NULL),
        SL_ERROR_FS_FILE_SYSTEM_IS_LOCKED);
    assert_sl(fs_info("/plain", 0, &info), SL_ERROR_FS_FILE_SYSTEM_IS_LOCKED);
    assert_sl(sl_FsDel(FS_NAME("/plain"), 0), SL_ERROR_FS_FILE_SYSTEM_IS_LOCKED);
    assert_sl(fs_rename("/plain", "/p2", 0), SL_ERROR_FS_FILE_SYSTEM_IS_LOCKED);
    assert_sl(fs_file_ctl(SL_FS_CTL_COMMIT, "/plain", 0), SL_ERROR_FS_FILE_SYSTEM_IS_LOCKED);
    /* Not asserted: whether SL_FS_CTL_GET_STORAGE_INFO (no file involved) is a "file call"
     * that a locked device refuses; the documents do not say. */

    assert_sl(sl_Stop(0), 0);
    assert_sl(fs_start(), SL_ERROR_FS_ALERT_ERR);
    (void)sl_Stop(0);
    assert_sl(fs_start(), SL_ERROR_FS_ALERT_ERR); /* stays locked */
}

/* docs/fs.md "Tokens": once locked, "file calls -> -10299"; sl_FsGetFileList is a file call.
 * (Found by this suite and fixed; kept as a regression test.) Previously: slsim still lists the
 * files on a locked device: sl_FsGetFileList returns the number of entries (2), expected
 * SL_ERROR_FS_FILE_SYSTEM_IS_LOCKED (-10299). */
static void test_sl_FsGetFileList__locked_device(void **state)
{
    (void)state;
    (void)raise_alerts_to_threshold();
    _i32 idx = -1;
    _u8 list[256];
    assert_sl(sl_FsGetFileList(&idx, 4, 64, list, 0), SL_ERROR_FS_FILE_SYSTEM_IS_LOCKED);
}

/* Alerts are persisted (docs/fs.md "Tokens"). */
static void test_sl_FsOpen__alerts_persist_across_restart(void **state)
{
    (void)state;
    _u32 master = create_secure("/alert", 0, "x");
    char buf[4];
    assert_sl(fs_read_all("/alert", master ^ 1u, buf, sizeof(buf)),
              SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT);
    assert_sl(sl_FsDel(FS_NAME("/alert"), master ^ 2u), SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT);
    assert_int_equal(alerts(), 2);
    assert_sl(sl_Stop(0), 0);
    assert_true(fs_start() >= 0);
    assert_int_equal(alerts(), 2);
    /* a non-secure file ignores the token: no alert */
    assert_sl(fs_create("/ns", 0, 1024, "ns", 2, NULL), 0);
    assert_true(fs_content_is("/ns", 0xDEADBEEFu, "ns"));
    assert_sl(fs_rewrite("/ns", 0, 0x12345u, "n2", 2), 0);
    assert_int_equal(alerts(), 2);
}

/* Delete and rename of a secure file need a write token (docs/fs.md "Tokens"). */
static void test_sl_FsDel__secure_needs_write_token(void **state)
{
    (void)state;
    _u32 master = create_secure("/del", 0, "x");
    _u32 tok[4];
    get_tokens("/del", master, tok);
    assert_sl(sl_FsDel(FS_NAME("/del"), 0), SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT);
    assert_sl(sl_FsDel(FS_NAME("/del"), tok[SL_FS_TOKEN_READ_ONLY]),
              SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT);
    assert_sl(fs_rename("/del", "/del2", tok[SL_FS_TOKEN_READ_ONLY]),
              SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT);
    assert_int_equal(alerts(), 3);
    assert_sl(fs_rename("/del", "/del2", tok[SL_FS_TOKEN_WRITE_ONLY]), 0);
    assert_sl(sl_FsDel(FS_NAME("/del2"), tok[SL_FS_TOKEN_WRITE_ONLY]), 0);
    SlFsFileInfo_t info;
    assert_sl(fs_info("/del2", 0, &info), SL_ERROR_FS_FILE_NOT_EXISTS);

    _u32 m2 = create_secure("/del3", 0, "y");
    assert_sl(sl_FsDel(FS_NAME("/del3"), m2), 0);
    /* PUBLIC_WRITE: delete without a token */
    (void)create_secure("/del4", SL_FS_CREATE_PUBLIC_WRITE, "z");
    assert_sl(sl_FsDel(FS_NAME("/del4"), 0), 0);
    assert_int_equal(alerts(), 3);
}

/* docs/fs.md: the plaintext of a secure file never reaches the flash; a normal file's does. */
static void test_sl_FsWrite__secure_content_encrypted_at_rest(void **state)
{
    struct fs_env *env = *state;
    static const char secret[] = "SECRET-MARKER-7f3a9c51e2d84b06-SECRET";
    static const char plain[] = "PLAIN-MARKER-1b2c3d4e5f60718293-PLAIN";
    char big_secret[1024];
    size_t off = 0;
    while (off + sizeof(secret) < sizeof(big_secret)) {
        memcpy(big_secret + off, secret, sizeof(secret) - 1);
        off += sizeof(secret) - 1;
    }
    big_secret[off] = '\0';
    _u32 master = 0;
    assert_sl(fs_create("/s1", SECURE_NOSIG, 1024, big_secret, (uint32_t)off, &master), 0);
    _u32 m2 = 0;
    assert_sl(fs_create("/s2", SECURE_NOSIG | SL_FS_CREATE_FAILSAFE | SL_FS_CREATE_PUBLIC_READ,
                        1024, secret, sizeof(secret) - 1, &m2),
              0);
    assert_sl(fs_rewrite("/s2", 0, m2, big_secret, (uint32_t)off), 0);
    assert_sl(fs_create("/p1", 0, 1024, plain, sizeof(plain) - 1, NULL), 0);
    assert_sl(sl_Stop(0), 0);

    size_t len = 0;
    uint8_t *img = fs_slurp(env->img, &len);
    assert_non_null(img);
    assert_true(len >= 256u * 4096u);
    assert_true(fs_contains(img, len, plain, sizeof(plain) - 1));
    assert_false(fs_contains(img, len, secret, sizeof(secret) - 1));
    assert_false(fs_contains(img, len, secret, 16)); /* not even a fragment */
    free(img);

    assert_true(fs_start() >= 0);
    assert_sl(fs_read_all("/s1", master, big_secret, sizeof(big_secret)), (long)off);
    assert_memory_equal(big_secret, secret, sizeof(secret) - 1);
}

/* ---- CC3220R (non-secure part) ------------------------------------------------------------- */

static void test_sl_FsOpen__cc3220r_wrong_token_is_no_alert(void **state)
{
    (void)state;
    _u32 master = create_secure("/cert/private.key", 0, "key");
    SlFsFileInfo_t info;
    assert_sl(fs_info("/cert/private.key", master, &info), 0);
    assert_int_equal(info.Token[SL_FS_TOKEN_MASTER], master);
    assert_true((info.Flags & SL_FS_INFO_SECURE) != 0);
    for (int i = 0; i < 20; i++) { /* more than the threshold: never locks */
        assert_sl(fs_rewrite("/cert/private.key", 0, master + 1, "bad", 3),
                  SL_ERROR_FS_INVALID_TOKEN);
    }
    assert_sl(sl_FsDel(FS_NAME("/cert/private.key"), master + 1), SL_ERROR_FS_INVALID_TOKEN);
    assert_int_equal(alerts(), 0);
    assert_sl(fs_rewrite("/cert/private.key", 0, master, "key2", 4), 0);
    assert_sl(fs_create("/after", 0, 1024, "fine", 4, NULL), 0);
    assert_sl(sl_Stop(0), 0);
    assert_true(fs_start() >= 0);
    assert_true(fs_content_is("/after", 0, "fine"));
}

static void test_sl_FsOpen__cc3220r_secure_file_not_readable(void **state)
{
    (void)state;
    _u32 master = create_secure("/cert/client.der", 0, "cert");
    assert_sl(sl_FsOpen(FS_NAME("/cert/client.der"), SL_FS_READ, &master),
              SL_ERROR_FS_INVALID_ACCESS_TYPE);
    _u32 pub = create_secure("/cert/pub.der", SL_FS_CREATE_PUBLIC_READ, "cert");
    (void)pub;
    assert_sl(sl_FsOpen(FS_NAME("/cert/pub.der"), SL_FS_READ, NULL),
              SL_ERROR_FS_INVALID_ACCESS_TYPE);
    /* a non-secure file is readable as usual */
    assert_sl(fs_create("/plain", 0, 1024, "p", 1, NULL), 0);
    assert_true(fs_content_is("/plain", 0, "p"));
    assert_int_equal(alerts(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__secure_create_returns_master_token,
                                        fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__token_permissions, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsClose__tokens_regenerated_after_write, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsClose__static_token_keeps_tokens, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__vendor_token, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__public_read_and_write, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsWrite__secure_sequential_rule, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsClose__signed_secure_file, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__alert_threshold_locks_device, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsGetFileList__locked_device, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__alerts_persist_across_restart, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsDel__secure_needs_write_token, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsWrite__secure_content_encrypted_at_rest, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__cc3220r_wrong_token_is_no_alert, fs_setup_r,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__cc3220r_secure_file_not_readable,
                                        fs_setup_r, fs_teardown),
    };
    return cmocka_run_group_tests_name("sl_fs_secure", tests, NULL, NULL);
}
