/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_sl_fs_open.c
 * @brief sl_FsOpen as a device programmer sees it: every mode-word combination
 *        (simplelink-api.md §6.2), flag misuse (docs/fs.md "Opening"), the max-size rounding,
 *        name rules, already-open and too-many-open, and sl_Fs* before sl_Start.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fs_test_util.h"

#define MAX1K SL_FS_CREATE_MAX_SIZE(1024)

#pragma weak sl_FsProgram

/* ---- mode words (§6.2 table) --------------------------------------------------------------- */

static const struct mode_case {
    _u32 mode;
    bool exists;
    long want; /* 0: a handle (>= 0) */
    const char *why;
} mode_cases[] = {
    { SL_FS_READ, true, 0, "READ existing" },
    { SL_FS_READ, false, SL_ERROR_FS_FILE_NOT_EXISTS, "READ missing" },
    { SL_FS_WRITE, true, 0, "WRITE existing" },
    { SL_FS_WRITE, false, SL_ERROR_FS_FILE_NOT_EXISTS, "WRITE missing" },
    { SL_FS_OVERWRITE, true, 0, "OVERWRITE existing" },
    { SL_FS_OVERWRITE, false, SL_ERROR_FS_FILE_NOT_EXISTS, "OVERWRITE missing" },
    { SL_FS_CREATE | MAX1K, true, SL_ERROR_FS_FILE_ALREADY_EXISTS, "CREATE existing" },
    { SL_FS_CREATE | MAX1K, false, 0, "CREATE missing" },
    { SL_FS_CREATE | SL_FS_WRITE | MAX1K, true, SL_ERROR_FS_FILE_ALREADY_EXISTS,
      "CREATE|WRITE existing" },
    { SL_FS_CREATE | SL_FS_WRITE | MAX1K, false, 0, "CREATE|WRITE missing" },
    { SL_FS_CREATE | SL_FS_OVERWRITE | MAX1K, true, 0, "CREATE|OVERWRITE existing" },
    { SL_FS_CREATE | SL_FS_OVERWRITE | MAX1K, false, 0, "CREATE|OVERWRITE missing" },
    { SL_FS_READ | SL_FS_WRITE, true, SL_ERROR_FS_INVALID_FILE_MODE, "READ|WRITE" },
    { SL_FS_READ | SL_FS_OVERWRITE, true, SL_ERROR_FS_INVALID_FILE_MODE, "READ|OVERWRITE" },
    { SL_FS_WRITE | SL_FS_OVERWRITE, true, SL_ERROR_FS_INVALID_FILE_MODE, "WRITE|OVERWRITE" },
    { 0, true, SL_ERROR_FS_INVALID_FILE_MODE, "no mode bits, existing" },
    { 0, false, SL_ERROR_FS_INVALID_FILE_MODE, "no mode bits, missing" },
    { MAX1K, false, SL_ERROR_FS_INVALID_FILE_MODE, "only a max size" },
    { SL_FS_CREATE | SL_FS_READ | MAX1K, false, SL_ERROR_FS_INVALID_FILE_MODE, "CREATE|READ" },
    { SL_FS_CREATE | SL_FS_READ | MAX1K, true, SL_ERROR_FS_INVALID_FILE_MODE,
      "CREATE|READ existing" },
    { SL_FS_CREATE | SL_FS_WRITE | SL_FS_OVERWRITE | MAX1K, false, SL_ERROR_FS_INVALID_FILE_MODE,
      "CREATE|WRITE|OVERWRITE" },
    { SL_FS_CREATE | SL_FS_WRITE | SL_FS_OVERWRITE | SL_FS_READ | MAX1K, false,
      SL_ERROR_FS_INVALID_FILE_MODE, "all four mode bits" },
    { 0x80000000u, true, SL_ERROR_FS_INVALID_FILE_MODE, "fifth (undefined) mode bit" },
    { SL_FS_READ | 0x80000000u, true, SL_ERROR_FS_INVALID_FILE_MODE, "READ plus bit 31" },
};

static void test_sl_FsOpen__mode_words(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(mode_cases) / sizeof(mode_cases[0]); i++) {
        const struct mode_case *c = &mode_cases[i];
        char name[32];
        (void)snprintf(name, sizeof(name), "/mode/%zu", i);
        if (c->exists) {
            assert_sl(fs_create(name, 0, 1024, "old", 3, NULL), 0);
        }
        _i32 h = sl_FsOpen(FS_NAME(name), c->mode, NULL);
        if (c->want == 0) {
            if (h < 0) {
                print_error("case %zu (%s): sl_FsOpen = %ld\n", i, c->why, (long)h);
            }
            assert_true(h >= 0);
            assert_sl(sl_FsClose(h, NULL, NULL, 0), 0);
        } else {
            if (h != c->want) {
                print_error("case %zu (%s)\n", i, c->why);
            }
            assert_sl(h, c->want);
        }
        /* A refused open leaves an existing file as it was. */
        if (c->exists && c->want != 0) {
            assert_true(fs_content_is(name, 0, "old"));
        }
        if (!c->exists && c->want != 0) {
            SlFsFileInfo_t info;
            assert_sl(fs_info(name, 0, &info), SL_ERROR_FS_FILE_NOT_EXISTS);
        }
    }
}

/* CREATE|OVERWRITE of an existing file opens it for write: the old content is erased. */
static void test_sl_FsOpen__create_overwrite_existing_rewrites(void **state)
{
    (void)state;
    assert_sl(fs_create("/co", SL_FS_CREATE_FAILSAFE, 1024, "old content", 11, NULL), 0);
    _i32 h = sl_FsOpen(FS_NAME("/co"), SL_FS_CREATE | SL_FS_OVERWRITE | MAX1K, NULL);
    assert_true(h >= 0);
    _u8 data[] = "new";
    assert_sl(sl_FsWrite(h, 0, data, 3), 3);
    assert_sl(sl_FsClose(h, NULL, NULL, 0), 0);
    assert_true(fs_content_is("/co", 0, "new"));
    SlFsFileInfo_t info;
    assert_sl(fs_info("/co", 0, &info), 0);
    assert_int_equal(info.WriteCounter, 2);
    /* created fail-safe: the (ignored) missing FAILSAFE flag on this open changes nothing */
    assert_int_equal(info.Flags & SL_FS_INFO_NOT_FAILSAFE, 0);
}

/* ---- flag misuse (docs/fs.md "Opening": checks in order) ----------------------------------- */

static const struct flag_case {
    _u32 mode;
    bool exists; /* an existing fail-safe file "/flags/<i>" is made first */
    long want;   /* 0: a handle */
    const char *why;
} flag_cases[] = {
    { SL_FS_WRITE | SL_FS_WRITE_ENCRYPTED, true, SL_ERROR_FS_NOT_SUPPORTED,
      "secure-content session is not emulated" },
    { SL_FS_CREATE | SL_FS_WRITE | SL_FS_WRITE_ENCRYPTED | MAX1K, false, SL_ERROR_FS_NOT_SUPPORTED,
      "WRITE_ENCRYPTED on create" },
    { SL_FS_WRITE | SL_FS_WRITE_MUST_COMMIT | SL_FS_WRITE_BUNDLE_FILE, true,
      SL_ERROR_FS_WRONG_FILE_OPEN_FLAGS, "MUST_COMMIT with BUNDLE" },
    { SL_FS_READ | SL_FS_WRITE_MUST_COMMIT, true, SL_ERROR_FS_WRONG_FILE_OPEN_FLAGS,
      "READ with MUST_COMMIT" },
    { SL_FS_READ | SL_FS_WRITE_BUNDLE_FILE, true, SL_ERROR_FS_WRONG_FILE_OPEN_FLAGS,
      "READ with BUNDLE" },
    { SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_FAILSAFE | SL_FS_WRITE_MUST_COMMIT | MAX1K, false,
      SL_ERROR_FS_IGNORE_COMMIT_ROLLBAC_FLAG, "MUST_COMMIT at create" },
    { SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_FAILSAFE | SL_FS_WRITE_BUNDLE_FILE | MAX1K, false,
      SL_ERROR_FS_IGNORE_COMMIT_ROLLBAC_FLAG, "BUNDLE at create" },
    { SL_FS_CREATE | SL_FS_OVERWRITE | SL_FS_CREATE_FAILSAFE | SL_FS_WRITE_MUST_COMMIT | MAX1K,
      false, SL_ERROR_FS_IGNORE_COMMIT_ROLLBAC_FLAG, "CREATE|OVERWRITE creating with MUST_COMMIT" },
    { SL_FS_CREATE | SL_FS_OVERWRITE | SL_FS_WRITE_MUST_COMMIT, true, 0,
      "CREATE|OVERWRITE of an existing fail-safe file with MUST_COMMIT is an open" },
    { SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_NOSIGNATURE | MAX1K, false,
      SL_ERROR_FS_WRONG_FILE_OPEN_FLAGS, "NOSIGNATURE without SECURE" },
    { SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_STATIC_TOKEN | MAX1K, false,
      SL_ERROR_FS_WRONG_FILE_OPEN_FLAGS, "STATIC_TOKEN without SECURE" },
    { SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_VENDOR_TOKEN | MAX1K, false,
      SL_ERROR_FS_WRONG_FILE_OPEN_FLAGS, "VENDOR_TOKEN without SECURE" },
    { SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_PUBLIC_WRITE | MAX1K, false,
      SL_ERROR_FS_WRONG_FILE_OPEN_FLAGS, "PUBLIC_WRITE without SECURE" },
    { SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_PUBLIC_READ | MAX1K, false,
      SL_ERROR_FS_WRONG_FILE_OPEN_FLAGS, "PUBLIC_READ without SECURE" },
    /* creation flags count only at creation: ignored when opening an existing file */
    { SL_FS_WRITE | SL_FS_CREATE_SECURE, true, 0, "SECURE on open-for-write is ignored" },
    { SL_FS_WRITE | SL_FS_CREATE_PUBLIC_READ | SL_FS_CREATE_NOSIGNATURE, true, 0,
      "secure-only flags on open-for-write are ignored" },
    /* order: commit/bundle flag before the secure-only check before the size check */
    { SL_FS_CREATE | SL_FS_WRITE | SL_FS_WRITE_MUST_COMMIT | SL_FS_CREATE_PUBLIC_READ, false,
      SL_ERROR_FS_IGNORE_COMMIT_ROLLBAC_FLAG, "order: commit flag first" },
    { SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_PUBLIC_READ, false,
      SL_ERROR_FS_WRONG_FILE_OPEN_FLAGS, "order: secure-only flag before size 0" },
    { SL_FS_READ | SL_FS_WRITE | SL_FS_WRITE_ENCRYPTED, true, SL_ERROR_FS_INVALID_FILE_MODE,
      "order: mode before WRITE_ENCRYPTED" },
    { SL_FS_READ | SL_FS_WRITE_ENCRYPTED | SL_FS_WRITE_MUST_COMMIT, true, SL_ERROR_FS_NOT_SUPPORTED,
      "order: WRITE_ENCRYPTED before the MUST_COMMIT/READ check" },
};

static void test_sl_FsOpen__flag_misuse(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(flag_cases) / sizeof(flag_cases[0]); i++) {
        const struct flag_case *c = &flag_cases[i];
        char name[32];
        (void)snprintf(name, sizeof(name), "/flags/%zu", i);
        if (c->exists) {
            assert_sl(fs_create(name, SL_FS_CREATE_FAILSAFE, 1024, "old", 3, NULL), 0);
        }
        _i32 h = sl_FsOpen(FS_NAME(name), c->mode, NULL);
        if (c->want == 0) {
            if (h < 0) {
                print_error("case %zu (%s): sl_FsOpen = %ld\n", i, c->why, (long)h);
            }
            assert_true(h >= 0);
            assert_sl(sl_FsClose(h, NULL, (const _u8 *)"A", 1), 0);
        } else {
            if (h != c->want) {
                print_error("case %zu (%s)\n", i, c->why);
            }
            assert_sl(h, c->want);
        }
        SlFsFileInfo_t info;
        if (!c->exists) {
            /* a refused create creates nothing */
            assert_sl(fs_info(name, 0, &info), SL_ERROR_FS_FILE_NOT_EXISTS);
        } else {
            assert_true(fs_content_is(name, 0, "old"));
            assert_sl(fs_info(name, 0, &info), 0);
            assert_int_equal(info.Flags & SL_FS_INFO_SECURE, 0);
        }
    }
}

/* ---- SL_FS_CREATE_MAX_SIZE rounding (§6.2: granularity 256 B..64 KB, count <= 255) --------- */

static const struct size_case {
    _u32 bytes;
    long want;     /* sl_FsOpen result: 0 = handle */
    _u32 want_max; /* MaxSize reported by sl_FsGetInfo */
} size_cases[] = {
    { 1, 0, 256 },
    { 256, 0, 256 },
    { 257, 0, 512 },
    { 1000, 0, 1024 },
    { 3584, 0, 3584 },
    { 65280, 0, 65280 },
    { 65281, 0, 65536 },
    { 100000, 0, 100352 },
    { 261120, 0, 261120 },
    { 261121, 0, 262144 },
    { 300000, 0, 303104 },
    { 0, SL_ERROR_FS_FILE_INVALID_FILE_SIZE, 0 },
    { 0xFF0001u, SL_ERROR_FS_FILE_MAX_SIZE_EXCEEDED, 0 },
    { 0x1000000u, SL_ERROR_FS_FILE_MAX_SIZE_EXCEEDED, 0 },
};

static void test_sl_FsOpen__max_size_rounding(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(size_cases) / sizeof(size_cases[0]); i++) {
        const struct size_case *c = &size_cases[i];
        char name[32];
        (void)snprintf(name, sizeof(name), "/size/%zu", i);
        _i32 h = sl_FsOpen(FS_NAME(name),
                           SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_MAX_SIZE(c->bytes), NULL);
        if (c->want != 0) {
            if (h != c->want) {
                print_error("case %zu: %lu bytes\n", i, (unsigned long)c->bytes);
            }
            assert_sl(h, c->want);
            continue;
        }
        assert_true(h >= 0);
        assert_sl(sl_FsClose(h, NULL, NULL, 0), 0);
        SlFsFileInfo_t info;
        assert_sl(fs_info(name, 0, &info), 0);
        if (info.MaxSize != c->want_max) {
            print_error("case %zu: %lu bytes -> MaxSize %lu, want %lu\n", i,
                        (unsigned long)c->bytes, (unsigned long)info.MaxSize,
                        (unsigned long)c->want_max);
        }
        assert_int_equal(info.MaxSize, c->want_max);
        assert_sl(sl_FsDel(FS_NAME(name), 0), 0);
    }
}

/* ---- names -------------------------------------------------------------------------------- */

static void test_sl_FsOpen__name_length_179_ok_180_refused(void **state)
{
    (void)state;
    char ok[181], bad[181];
    fs_make_name(ok, 179, 'k');
    fs_make_name(bad, 180, 'b');
    SlFsFileInfo_t info;

    /* 180 characters: refused by every name-taking call (§6.2) */
    assert_sl(sl_FsOpen(FS_NAME(bad), SL_FS_CREATE | SL_FS_WRITE | MAX1K, NULL),
              SL_ERROR_FS_WRONG_FILE_NAME);
    assert_sl(sl_FsOpen(FS_NAME(bad), SL_FS_READ, NULL), SL_ERROR_FS_WRONG_FILE_NAME);
    assert_sl(fs_info(bad, 0, &info), SL_ERROR_FS_WRONG_FILE_NAME);
    assert_sl(sl_FsDel(FS_NAME(bad), 0), SL_ERROR_FS_WRONG_FILE_NAME);
    assert_sl(fs_file_ctl(SL_FS_CTL_COMMIT, bad, 0), SL_ERROR_FS_WRONG_FILE_NAME);
    assert_sl(fs_file_ctl(SL_FS_CTL_ROLLBACK, bad, 0), SL_ERROR_FS_WRONG_FILE_NAME);
    assert_sl(fs_rename(bad, "/new", 0), SL_ERROR_FS_WRONG_FILE_NAME);

    /* 179 characters: before it exists, the device answers "not found" */
    assert_sl(fs_info(ok, 0, &info), SL_ERROR_FS_FILE_NOT_EXISTS);
    assert_sl(sl_FsDel(FS_NAME(ok), 0), SL_ERROR_FS_FILE_NOT_EXISTS);
    assert_sl(sl_FsOpen(FS_NAME(ok), SL_FS_READ, NULL), SL_ERROR_FS_FILE_NOT_EXISTS);

    assert_sl(fs_create(ok, 0, 1024, "long", 4, NULL), 0);
    assert_sl(fs_info(ok, 0, &info), 0);
    assert_int_equal(info.Len, 4);
    assert_true(fs_content_is(ok, 0, "long"));
    assert_sl(fs_rename(ok, "/short", 0), 0);
    assert_sl(fs_rename("/short", ok, 0), 0);
    assert_sl(sl_FsDel(FS_NAME(ok), 0), 0);

    /* the empty name is refused too (docs/fs.md) */
    assert_sl(sl_FsOpen(FS_NAME(""), SL_FS_CREATE | SL_FS_WRITE | MAX1K, NULL),
              SL_ERROR_FS_WRONG_FILE_NAME);
}

static void test_sl_FsOpen__names_are_case_insensitive(void **state)
{
    (void)state;
    assert_sl(fs_create("/Cert/A.der", 0, 1024, "cert", 4, NULL), 0);
    assert_true(fs_content_is("/cert/a.DER", 0, "cert"));
    assert_sl(sl_FsOpen(FS_NAME("/CERT/A.DER"), SL_FS_CREATE | SL_FS_WRITE | MAX1K, NULL),
              SL_ERROR_FS_FILE_ALREADY_EXISTS);
    SlFsFileInfo_t info;
    assert_sl(fs_info("/cErT/a.dEr", 0, &info), 0);
    assert_int_equal(info.Len, 4);
    assert_sl(fs_rewrite("/CERT/a.der", 0, 0, "new!", 4), 0);
    assert_true(fs_content_is("/Cert/A.der", 0, "new!"));
    assert_sl(sl_FsDel(FS_NAME("/cert/A.DER"), 0), 0);
    assert_sl(fs_info("/Cert/A.der", 0, &info), SL_ERROR_FS_FILE_NOT_EXISTS);
}

static void test_sl_FsOpen__sys_names_reserved(void **state)
{
    (void)state;
    SlFsFileInfo_t info;
    assert_sl(sl_FsOpen(FS_NAME("/sys/foo"), SL_FS_CREATE | SL_FS_WRITE | MAX1K, NULL),
              SL_ERROR_FS_FILE_NAME_RESERVED);
    assert_sl(sl_FsOpen(FS_NAME("/sys/foo"), SL_FS_CREATE | SL_FS_OVERWRITE | MAX1K, NULL),
              SL_ERROR_FS_FILE_NAME_RESERVED);
    /* names are case-insensitive, so /SYS/ is /sys/ */
    assert_sl(sl_FsOpen(FS_NAME("/SYS/Foo"), SL_FS_CREATE | SL_FS_WRITE | MAX1K, NULL),
              SL_ERROR_FS_FILE_NAME_RESERVED);
    assert_sl(fs_info("/sys/foo", 0, &info), SL_ERROR_FS_FILE_NOT_EXISTS);
    /* "/" is just a character: "/system.txt" and "sys/foo" are ordinary names */
    assert_sl(fs_create("/system.txt", 0, 1024, "x", 1, NULL), 0);
    assert_sl(fs_create("sys/foo", 0, 1024, "y", 1, NULL), 0);
}

/* docs/fs.md: a host may write the system files of SWRU455 Table 9-4, but not read, delete or
 * rename them. */
static void test_sl_FsOpen__writable_system_file(void **state)
{
    (void)state;
    assert_sl(fs_create("/sys/mcuimg.bin", 0, 4096, "app", 3, NULL), 0);
    assert_sl(sl_FsOpen(FS_NAME("/sys/mcuimg.bin"), SL_FS_READ, NULL),
              SL_ERROR_FS_SYSTEM_FILE_ACCESS_DENIED);
    assert_sl(sl_FsDel(FS_NAME("/sys/mcuimg.bin"), 0), SL_ERROR_FS_SYSTEM_FILE_ACCESS_DENIED);
    assert_sl(fs_rename("/sys/mcuimg.bin", "/app.bin", 0), SL_ERROR_FS_SYSTEM_FILE_ACCESS_DENIED);
    assert_sl(fs_rewrite("/sys/mcuimg.bin", 0, 0, "app2", 4), 0);
    SlFsFileInfo_t info;
    assert_sl(fs_info("/app.bin", 0, &info), SL_ERROR_FS_FILE_NOT_EXISTS);
}

/* ---- open state ---------------------------------------------------------------------------- */

static void test_sl_FsOpen__already_open(void **state)
{
    (void)state;
    assert_sl(fs_create("/busy", SL_FS_CREATE_FAILSAFE, 1024, "data", 4, NULL), 0);

    _i32 r = sl_FsOpen(FS_NAME("/busy"), SL_FS_READ, NULL);
    assert_true(r >= 0);
    assert_sl(sl_FsOpen(FS_NAME("/busy"), SL_FS_READ, NULL), SL_ERROR_FS_FILE_IS_ALREADY_OPENED);
    assert_sl(sl_FsOpen(FS_NAME("/busy"), SL_FS_WRITE, NULL), SL_ERROR_FS_FILE_IS_ALREADY_OPENED);
    assert_sl(sl_FsOpen(FS_NAME("/BUSY"), SL_FS_CREATE | SL_FS_OVERWRITE | MAX1K, NULL),
              SL_ERROR_FS_FILE_IS_ALREADY_OPENED);
    assert_sl(sl_FsClose(r, NULL, NULL, 0), 0);

    _i32 w = sl_FsOpen(FS_NAME("/busy"), SL_FS_WRITE, NULL);
    assert_true(w >= 0);
    assert_sl(sl_FsOpen(FS_NAME("/busy"), SL_FS_READ, NULL), SL_ERROR_FS_FILE_IS_ALREADY_OPENED);
    assert_sl(sl_FsOpen(FS_NAME("/busy"), SL_FS_OVERWRITE, NULL),
              SL_ERROR_FS_FILE_IS_ALREADY_OPENED);
    /* still open for write: the refused opens did not disturb the handle */
    _u8 data[] = "next";
    assert_sl(sl_FsWrite(w, 0, data, 4), 4);
    assert_sl(sl_FsClose(w, NULL, NULL, 0), 0);
    assert_true(fs_content_is("/busy", 0, "next"));
}

/* The info of an open file carries SL_FS_INFO_OPEN_READ / _OPEN_WRITE (§6.4). §6.3 allows
 * sl_FsGetInfo to return SL_ERROR_FS_FILE_IS_ALREADY_OPENED with valid info, so both 0 and that
 * code are accepted (the documents do not say which one an open file gives). */
static void test_sl_FsGetInfo__open_flags(void **state)
{
    (void)state;
    assert_sl(fs_create("/of", SL_FS_CREATE_FAILSAFE, 1024, "12345", 5, NULL), 0);
    SlFsFileInfo_t info;
    _i32 r = sl_FsOpen(FS_NAME("/of"), SL_FS_READ, NULL);
    assert_true(r >= 0);
    long ret = fs_info("/of", 0, &info);
    assert_true(ret == 0 || ret == SL_ERROR_FS_FILE_IS_ALREADY_OPENED);
    assert_int_equal(info.Flags & (SL_FS_INFO_OPEN_READ | SL_FS_INFO_OPEN_WRITE),
                     SL_FS_INFO_OPEN_READ);
    assert_int_equal(info.Len, 5);
    assert_sl(sl_FsClose(r, NULL, NULL, 0), 0);

    _i32 w = sl_FsOpen(FS_NAME("/of"), SL_FS_WRITE, NULL);
    assert_true(w >= 0);
    ret = fs_info("/of", 0, &info);
    assert_true(ret == 0 || ret == SL_ERROR_FS_FILE_IS_ALREADY_OPENED);
    assert_int_equal(info.Flags & (SL_FS_INFO_OPEN_READ | SL_FS_INFO_OPEN_WRITE),
                     SL_FS_INFO_OPEN_WRITE);
    assert_sl(sl_FsClose(w, NULL, (const _u8 *)"A", 1), 0);

    assert_sl(fs_info("/of", 0, &info), 0);
    assert_int_equal(info.Flags & (SL_FS_INFO_OPEN_READ | SL_FS_INFO_OPEN_WRITE), 0);
}

/* docs/fs.md: more than 16 open handles -> SL_ERROR_FS_MAX_OPENED_FILE_EXCEEDED */
static void test_sl_FsOpen__too_many_open_files(void **state)
{
    (void)state;
    enum { N = 17 };
    _i32 h[N];
    for (int i = 0; i < N; i++) {
        char name[16];
        (void)snprintf(name, sizeof(name), "/m%d", i);
        assert_sl(fs_create(name, 0, 256, "x", 1, NULL), 0);
    }
    for (int i = 0; i < 16; i++) {
        char name[16];
        (void)snprintf(name, sizeof(name), "/m%d", i);
        h[i] = sl_FsOpen(FS_NAME(name), SL_FS_READ, NULL);
        assert_true(h[i] >= 0);
        for (int j = 0; j < i; j++) {
            assert_int_not_equal(h[i], h[j]);
        }
    }
    assert_sl(sl_FsOpen(FS_NAME("/m16"), SL_FS_READ, NULL), SL_ERROR_FS_MAX_OPENED_FILE_EXCEEDED);
    assert_sl(sl_FsClose(h[3], NULL, NULL, 0), 0);
    h[3] = sl_FsOpen(FS_NAME("/m16"), SL_FS_READ, NULL);
    assert_true(h[3] >= 0);
    for (int i = 0; i < 16; i++) {
        assert_sl(sl_FsClose(h[i], NULL, NULL, 0), 0);
    }
}

/* ---- device not started (§4.1, docs/fs.md: the first check) ------------------------------- */

static void expect_all_not_started(void)
{
    _u8 buf[16] = { 0 };
    char name[] = "/f";
    SlFsFileInfo_t info;
    SlFsControlGetStorageInfoResponse_t st;
    _i32 idx = -1;
    SlFsRetToFactoryCommand_t restore = { .Operation = SL_FS_FACTORY_RET_TO_DEFAULT };

    assert_sl(sl_FsOpen(FS_NAME(name), SL_FS_CREATE | SL_FS_WRITE | MAX1K, NULL),
              SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_FsOpen(FS_NAME(name), SL_FS_READ, NULL), SL_RET_CODE_DEV_NOT_STARTED);
    /* the started check comes before the mode check */
    assert_sl(sl_FsOpen(FS_NAME(name), SL_FS_READ | SL_FS_WRITE, NULL),
              SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_FsClose(0, NULL, NULL, 0), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_FsRead(0, 0, buf, sizeof(buf)), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_FsWrite(0, 0, buf, sizeof(buf)), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(fs_info(name, 0, &info), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_FsDel(FS_NAME(name), 0), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(fs_storage(&st), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(fs_file_ctl(SL_FS_CTL_COMMIT, name, 0), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(fs_rename(name, "/g", 0), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(fs_bundle_ctl(SL_FS_CTL_BUNDLE_COMMIT), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(
        sl_FsCtl(SL_FS_CTL_RESTORE, 0, NULL, (const _u8 *)&restore, sizeof(restore), NULL, 0, NULL),
        SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_FsGetFileList(&idx, 4, 64, buf, 0), SL_RET_CODE_DEV_NOT_STARTED);
    /* sl_FsProgram is declared by fs.h (§6.3) but slsim does not define it yet: checked only
     * when linked in (weak reference). */
    if (sl_FsProgram != NULL) {
        assert_sl(sl_FsProgram(buf, sizeof(buf), NULL, 0), SL_RET_CODE_DEV_NOT_STARTED);
    }
}

static void test_sl_Fs__before_sl_Start(void **state)
{
    (void)state;
    expect_all_not_started();
}

/* docs/fs.md "Opening": "Checks, in order: device started (-2018), name (...)" — as in TI's host
 * driver, where the API-allowed check precedes the name-length check.
 * (Found by this suite and fixed; kept as a regression test.) Previously: slsim checks the name
 * first: a 180-character name on a stopped device gives SL_ERROR_FS_WRONG_FILE_NAME (-10298),
 * expected SL_RET_CODE_DEV_NOT_STARTED (-2018). */
static void test_sl_FsOpen__started_checked_before_name(void **state)
{
    (void)state;
    char longname[200];
    fs_make_name(longname, 185, 'z');
    char bad[181];
    fs_make_name(bad, 180, 'b');
    SlFsFileInfo_t info;
    assert_sl(sl_FsOpen(FS_NAME(longname), SL_FS_READ, NULL), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_FsOpen(FS_NAME(""), SL_FS_READ, NULL), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(fs_info(bad, 0, &info), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(sl_FsDel(FS_NAME(bad), 0), SL_RET_CODE_DEV_NOT_STARTED);
    assert_sl(fs_rename(bad, "/x", 0), SL_RET_CODE_DEV_NOT_STARTED);
}

static void test_sl_Fs__after_sl_Stop(void **state)
{
    (void)state;
    assert_true(fs_start() >= 0);
    assert_sl(fs_create("/f", 0, 1024, "x", 1, NULL), 0);
    _i32 h = sl_FsOpen(FS_NAME("/f"), SL_FS_READ, NULL);
    assert_true(h >= 0);
    assert_sl(sl_Stop(0), 0);
    expect_all_not_started();
    assert_sl(sl_FsRead(h, 0, (_u8 *)&h, 1), SL_RET_CODE_DEV_NOT_STARTED);
    /* after a restart the file is there */
    assert_true(fs_start() >= 0);
    assert_true(fs_content_is("/f", 0, "x"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__mode_words, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__create_overwrite_existing_rewrites,
                                        fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__flag_misuse, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__max_size_rounding, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__name_length_179_ok_180_refused, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__names_are_case_insensitive, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__sys_names_reserved, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__writable_system_file, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__already_open, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsGetInfo__open_flags, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__too_many_open_files, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_Fs__before_sl_Start, fs_setup_stopped, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_Fs__after_sl_Stop, fs_setup_stopped, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__started_checked_before_name,
                                        fs_setup_stopped, fs_teardown),
    };
    return cmocka_run_group_tests_name("sl_fs_open", tests, NULL, NULL);
}
