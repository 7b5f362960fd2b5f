/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_sl_fs_rw.c
 * @brief sl_FsRead / sl_FsWrite: offsets, ends, limits, direction, handles, no append and
 *        writes larger than one 1456-byte host transaction (simplelink-api.md §6.3, §6.6;
 *        docs/fs.md "Reading and writing").
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fs_test_util.h"

static _i32 create_open(const char *name, _u32 flags, _u32 max)
{
    _i32 h = sl_FsOpen(FS_NAME(name),
                       SL_FS_CREATE | SL_FS_WRITE | flags | SL_FS_CREATE_MAX_SIZE(max), NULL);
    assert_true(h >= 0);
    return h;
}

static void test_sl_FsWrite__offsets(void **state)
{
    (void)state;
    _i32 h = create_open("/off", 0, 1024);
    _u8 abc[] = "abc", def[] = "def", x[] = "x";
    assert_sl(sl_FsWrite(h, 0, abc, 3), 3);
    assert_sl(sl_FsWrite(h, 3, def, 3), 3);
    /* overwrite inside what was written */
    assert_sl(sl_FsWrite(h, 1, x, 1), 1);
    /* a gap reads as erased flash (0xFF) */
    assert_sl(sl_FsWrite(h, 10, x, 1), 1);
    assert_sl(sl_FsClose(h, NULL, NULL, 0), 0);

    SlFsFileInfo_t info;
    assert_sl(fs_info("/off", 0, &info), 0);
    assert_int_equal(info.Len, 11);
    _u8 buf[32];
    memset(buf, 0, sizeof(buf));
    assert_sl(fs_read_all("/off", 0, buf, sizeof(buf)), 11);
    assert_memory_equal(buf, "axcdef", 6);
    for (int i = 6; i < 10; i++) {
        assert_int_equal(buf[i], 0xFF);
    }
    assert_int_equal(buf[10], 'x');
}

static const struct read_case {
    _u32 offset;
    _u32 len;
    long want;
    const char *expect; /* bytes expected when want > 0 */
} read_cases[] = {
    { 0, 10, 10, "0123456789" },
    { 3, 4, 4, "3456" },
    { 6, 100, 4, "6789" }, /* partial read at the end */
    { 9, 1, 1, "9" },
    { 10, 1, 0, "" }, /* exactly at the end */
    { 10, 100, 0, "" },
    { 11, 1, SL_ERROR_FS_OFFSET_OUT_OF_RANGE, "" },
    { 1000, 1, SL_ERROR_FS_OFFSET_OUT_OF_RANGE, "" },
    { 5000, 1, SL_ERROR_FS_OFFSET_OUT_OF_RANGE, "" }, /* beyond the maximum size too */
    { 0, 0, SL_ERROR_FS_INVALID_LENGTH_FOR_READ, "" },
};

static void test_sl_FsRead__offsets_and_ends(void **state)
{
    (void)state;
    assert_sl(fs_create("/digits", 0, 1024, "0123456789", 10, NULL), 0);
    _i32 h = sl_FsOpen(FS_NAME("/digits"), SL_FS_READ, NULL);
    assert_true(h >= 0);
    for (size_t i = 0; i < sizeof(read_cases) / sizeof(read_cases[0]); i++) {
        const struct read_case *c = &read_cases[i];
        _u8 buf[128];
        memset(buf, 0, sizeof(buf));
        _i32 n = sl_FsRead(h, c->offset, buf, c->len);
        if (n != c->want) {
            print_error("case %zu: offset %u len %u\n", i, c->offset, c->len);
        }
        assert_sl(n, c->want);
        if (n > 0) {
            assert_memory_equal(buf, c->expect, (size_t)n);
        }
    }
    assert_sl(sl_FsRead(h, 0, NULL, 4), SL_ERROR_FS_INVALID_READ_BUFFER);
    assert_sl(sl_FsClose(h, NULL, NULL, 0), 0);
}

/* Writing past the (rounded) maximum size -> SL_ERROR_FS_OFFSET_OUT_OF_RANGE, nothing written. */
static void test_sl_FsWrite__past_max_size(void **state)
{
    (void)state;
    static _u8 big[1100];
    memset(big, 'b', sizeof(big));
    _i32 h = create_open("/max", 0, 1000); /* rounded to 1024 */
    assert_sl(sl_FsWrite(h, 0, big, 1025), SL_ERROR_FS_OFFSET_OUT_OF_RANGE);
    assert_sl(sl_FsWrite(h, 1024, big, 1), SL_ERROR_FS_OFFSET_OUT_OF_RANGE);
    assert_sl(sl_FsWrite(h, 1020, big, 5), SL_ERROR_FS_OFFSET_OUT_OF_RANGE);
    assert_sl(sl_FsWrite(h, 2000, big, 1), SL_ERROR_FS_OFFSET_OUT_OF_RANGE);
    assert_sl(sl_FsWrite(h, 0, big, 1000), 1000);
    assert_sl(sl_FsWrite(h, 1000, big, 24), 24); /* up to exactly 1024 */
    assert_sl(sl_FsWrite(h, 1020, big, 8), SL_ERROR_FS_OFFSET_OUT_OF_RANGE);
    assert_sl(sl_FsWrite(h, 0, NULL, 4), SL_ERROR_FS_INVALID_WRITE_BUFFER);
    assert_sl(sl_FsClose(h, NULL, NULL, 0), 0);
    SlFsFileInfo_t info;
    assert_sl(fs_info("/max", 0, &info), 0);
    assert_int_equal(info.Len, 1024);
    assert_int_equal(info.MaxSize, 1024);
}

static void test_sl_FsRead__direction(void **state)
{
    (void)state;
    assert_sl(fs_create("/dir", 0, 1024, "content", 7, NULL), 0);
    _u8 buf[8] = "zzzz";
    _i32 r = sl_FsOpen(FS_NAME("/dir"), SL_FS_READ, NULL);
    assert_true(r >= 0);
    assert_sl(sl_FsWrite(r, 0, buf, 4), SL_ERROR_FS_FILE_ACCESS_IS_DIFFERENT);
    assert_sl(sl_FsClose(r, NULL, NULL, 0), 0);
    assert_true(fs_content_is("/dir", 0, "content"));

    _i32 w = sl_FsOpen(FS_NAME("/dir"), SL_FS_WRITE, NULL);
    assert_true(w >= 0);
    assert_sl(sl_FsRead(w, 0, buf, 4), SL_ERROR_FS_FILE_ACCESS_IS_DIFFERENT);
    assert_sl(sl_FsClose(w, NULL, NULL, 0), 0);

    /* a freshly created file is a write handle too */
    _i32 c = create_open("/dir2", 0, 1024);
    assert_sl(sl_FsRead(c, 0, buf, 4), SL_ERROR_FS_FILE_ACCESS_IS_DIFFERENT);
    assert_sl(sl_FsClose(c, NULL, NULL, 0), 0);
}

static void test_sl_FsRead__bad_handles(void **state)
{
    (void)state;
    _u8 buf[8] = "data";
    static const _i32 bad[] = { -1, 16, 17, 100, 12345, 0x7FFFFFFF };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_sl(sl_FsRead(bad[i], 0, buf, 4), SL_ERROR_FS_INVALID_HANDLE);
        assert_sl(sl_FsWrite(bad[i], 0, buf, 4), SL_ERROR_FS_INVALID_HANDLE);
        assert_sl(sl_FsClose(bad[i], NULL, NULL, 0), SL_ERROR_FS_INVALID_HANDLE);
    }
    /* a closed handle is a bad handle */
    assert_sl(fs_create("/h", 0, 1024, "x", 1, NULL), 0);
    _i32 h = sl_FsOpen(FS_NAME("/h"), SL_FS_READ, NULL);
    assert_true(h >= 0);
    assert_sl(sl_FsClose(h, NULL, NULL, 0), 0);
    assert_sl(sl_FsRead(h, 0, buf, 1), SL_ERROR_FS_INVALID_HANDLE);
    assert_sl(sl_FsWrite(h, 0, buf, 1), SL_ERROR_FS_INVALID_HANDLE);
    assert_sl(sl_FsClose(h, NULL, NULL, 0), SL_ERROR_FS_INVALID_HANDLE);
}

/* Open-for-write erases the file: no append, no partial update (§6.2, §6.6). */
static void test_sl_FsWrite__open_for_write_erases(void **state)
{
    (void)state;
    static const _u32 kinds[] = { 0, SL_FS_CREATE_FAILSAFE };
    for (size_t k = 0; k < 2; k++) {
        char name[16];
        (void)snprintf(name, sizeof(name), "/erase%zu", k);
        assert_sl(fs_create(name, kinds[k], 1024, "hello world", 11, NULL), 0);
        assert_sl(fs_rewrite(name, 0, 0, "hi", 2), 0);
        assert_true(fs_content_is(name, 0, "hi"));
        /* a write at an offset of a rewrite does not keep the bytes before it */
        _i32 h = sl_FsOpen(FS_NAME(name), SL_FS_WRITE, NULL);
        assert_true(h >= 0);
        _u8 z[] = "Z";
        assert_sl(sl_FsWrite(h, 1, z, 1), 1);
        assert_sl(sl_FsClose(h, NULL, NULL, 0), 0);
        _u8 buf[8];
        assert_sl(fs_read_all(name, 0, buf, sizeof(buf)), 2);
        assert_int_equal(buf[0], 0xFF);
        assert_int_equal(buf[1], 'Z');
        /* open and close without writing: empty */
        assert_sl(fs_rewrite(name, 0, 0, NULL, 0), 0);
        SlFsFileInfo_t info;
        assert_sl(fs_info(name, 0, &info), 0);
        assert_int_equal(info.Len, 0);
        assert_sl(fs_read_all(name, 0, buf, sizeof(buf)), 0);
        /* OVERWRITE behaves as WRITE */
        _i32 o = sl_FsOpen(FS_NAME(name), SL_FS_OVERWRITE, NULL);
        assert_true(o >= 0);
        _u8 abc[] = "abc";
        assert_sl(sl_FsWrite(o, 0, abc, 3), 3);
        assert_sl(sl_FsClose(o, NULL, NULL, 0), 0);
        assert_true(fs_content_is(name, 0, "abc"));
    }
}

static void fill_pattern(_u8 *buf, size_t len, unsigned seed)
{
    for (size_t i = 0; i < len; i++) {
        buf[i] = (_u8)((i * 31u + seed) ^ (i >> 8));
    }
}

/* More than one 1456-byte host transaction: one big write, and several chunks. */
static void test_sl_FsWrite__larger_than_one_transaction(void **state)
{
    (void)state;
    enum { LEN = 1456 * 3 + 100 };
    static _u8 data[LEN], back[LEN + 16];
    fill_pattern(data, LEN, 7);

    _i32 h = create_open("/big1", SL_FS_CREATE_FAILSAFE, 8192);
    assert_sl(sl_FsWrite(h, 0, data, LEN), LEN);
    assert_sl(sl_FsClose(h, NULL, NULL, 0), 0);
    memset(back, 0, sizeof(back));
    assert_sl(fs_read_all("/big1", 0, back, sizeof(back)), LEN);
    assert_memory_equal(back, data, LEN);

    static const _u32 chunk_sizes[] = { 1456, 1457, 1000, 4096 };
    for (size_t k = 0; k < sizeof(chunk_sizes) / sizeof(chunk_sizes[0]); k++) {
        char name[16];
        (void)snprintf(name, sizeof(name), "/chunk%zu", k);
        fill_pattern(data, LEN, (unsigned)k);
        h = create_open(name, 0, 8192);
        for (_u32 off = 0; off < LEN; off += chunk_sizes[k]) {
            _u32 n = LEN - off < chunk_sizes[k] ? LEN - off : chunk_sizes[k];
            assert_sl(sl_FsWrite(h, off, data + off, n), n);
        }
        assert_sl(sl_FsClose(h, NULL, NULL, 0), 0);
        SlFsFileInfo_t info;
        assert_sl(fs_info(name, 0, &info), 0);
        assert_int_equal(info.Len, LEN);
        /* read back in odd-sized pieces */
        _i32 r = sl_FsOpen(FS_NAME(name), SL_FS_READ, NULL);
        assert_true(r >= 0);
        memset(back, 0, sizeof(back));
        _u32 off = 0;
        for (;;) {
            _i32 n = sl_FsRead(r, off, back + off, 1500);
            assert_true(n >= 0);
            if (n == 0) {
                break;
            }
            off += (_u32)n;
        }
        assert_int_equal(off, LEN);
        assert_memory_equal(back, data, LEN);
        assert_sl(sl_FsClose(r, NULL, NULL, 0), 0);
    }
}

/* Written data becomes visible only at close; it survives sl_Stop/sl_Start. */
static void test_sl_FsWrite__persists_across_restart(void **state)
{
    (void)state;
    enum { LEN = 3000 };
    static _u8 data[LEN], back[LEN];
    fill_pattern(data, LEN, 99);
    _i32 h = create_open("/persist", 0, LEN);
    assert_sl(sl_FsWrite(h, 0, data, LEN), LEN);
    assert_sl(sl_FsClose(h, NULL, NULL, 0), 0);
    assert_sl(sl_Stop(0), 0);
    assert_true(fs_start() >= 0);
    assert_sl(fs_read_all("/persist", 0, back, LEN), LEN);
    assert_memory_equal(back, data, LEN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sl_FsWrite__offsets, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsRead__offsets_and_ends, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsWrite__past_max_size, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsRead__direction, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsRead__bad_handles, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsWrite__open_for_write_erases, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsWrite__larger_than_one_transaction, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsWrite__persists_across_restart, fs_setup,
                                        fs_teardown),
    };
    return cmocka_run_group_tests_name("sl_fs_rw", tests, NULL, NULL);
}
