/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_sl_fs_limits.c
 * @brief Device limits seen through the TI API: the file table (240 files, of which 190 user
 *        files), the 3136-byte name area, running out of flash, holes (no defragmentation) and
 *        the largest maximum size (simplelink-api.md §6.2, §6.6, §8; nwp-behaviour.md C.1;
 *        docs/fs.md "Opening", "Limits").
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fs_test_util.h"

#define BLOCK 4096u

static int setup_2m(void **state)
{
    *state = fs_env_new("cc3220s", 512, true);
    return *state == NULL ? -1 : 0;
}

/* 0xFF0000 needs 4081 blocks: 4200 sectors (16.4 MiB) leave room after 14 metadata blocks and
 * the 32 blocks reserved for system files. */
static int setup_big(void **state)
{
    *state = fs_env_new("cc3220s", 4200, true);
    return *state == NULL ? -1 : 0;
}

static SlFsControlGetStorageInfoResponse_t storage(void)
{
    SlFsControlGetStorageInfoResponse_t st;
    assert_sl(fs_storage(&st), 0);
    return st;
}

/* docs/fs.md: more than 240 files, 50 system files or 190 user files -> -10318. 190 files of one
 * block each need 190 blocks: a 2 MiB image (512 blocks) has room for them. */
static void test_sl_FsOpen__file_table_full(void **state)
{
    (void)state;
    SlFsControlGetStorageInfoResponse_t st = storage();
    assert_true(st.DeviceUsage.NumOfAvailableBlocksForUserFiles >= 191);
    for (int i = 0; i < 190; i++) {
        char name[16];
        (void)snprintf(name, sizeof(name), "/f%03d", i);
        long r = fs_create(name, 0, 256, name, 5, NULL);
        if (r != 0) {
            print_error("file %d\n", i);
        }
        assert_sl(r, 0);
    }
    st = storage();
    assert_int_equal(st.FilesUsage.ActualNumOfUserFiles, 190);
    _u16 avail = st.DeviceUsage.NumOfAvailableBlocksForUserFiles;
    assert_true(avail > 0); /* the limit is the table, not the space */

    assert_sl(
        sl_FsOpen(FS_NAME("/f190"), SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_MAX_SIZE(256), NULL),
        SL_ERROR_FS_NO_AVAILABLE_NV_INDEX);
    assert_sl(sl_FsOpen(FS_NAME("/f191"),
                        SL_FS_CREATE | SL_FS_OVERWRITE | SL_FS_CREATE_MAX_SIZE(256), NULL),
              SL_ERROR_FS_NO_AVAILABLE_NV_INDEX);
    SlFsFileInfo_t info;
    assert_sl(fs_info("/f190", 0, &info), SL_ERROR_FS_FILE_NOT_EXISTS);
    st = storage();
    assert_int_equal(st.FilesUsage.ActualNumOfUserFiles, 190);
    assert_int_equal(st.DeviceUsage.NumOfAvailableBlocksForUserFiles, avail);

    /* existing files still open, also through CREATE|OVERWRITE (no new index needed) */
    assert_sl(fs_rewrite("/f007", 0, 0, "seven", 5), 0);
    _i32 h = sl_FsOpen(FS_NAME("/f008"),
                       SL_FS_CREATE | SL_FS_OVERWRITE | SL_FS_CREATE_MAX_SIZE(256), NULL);
    assert_true(h >= 0);
    assert_sl(sl_FsClose(h, NULL, NULL, 0), 0);
    assert_true(fs_content_is("/f007", 0, "seven"));
    assert_true(fs_content_is("/f189", 0, "/f189"));

    /* a restart keeps the count; deleting one frees an index */
    assert_sl(sl_Stop(0), 0);
    assert_true(fs_start() >= 0);
    assert_sl(
        sl_FsOpen(FS_NAME("/f190"), SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_MAX_SIZE(256), NULL),
        SL_ERROR_FS_NO_AVAILABLE_NV_INDEX);
    assert_sl(sl_FsDel(FS_NAME("/f000"), 0), 0);
    assert_sl(fs_create("/f190", 0, 256, "last", 4, NULL), 0);
    assert_true(fs_content_is("/f190", 0, "last"));
    assert_sl(fs_create("/f191", 0, 256, "over", 4, NULL), SL_ERROR_FS_NO_AVAILABLE_NV_INDEX);
}

/* docs/fs.md: the name area holds 3136 bytes including the NULs; when it is full a create gives
 * SL_ERROR_FS_WARNING_FILE_NAME_NOT_KEPT. 17 names of 179 characters take 17 * 180 = 3060 bytes;
 * a 75-character name takes the last 76 bytes exactly. */
static void test_sl_FsOpen__name_area_full(void **state)
{
    (void)state;
    char name[181];
    for (int i = 0; i < 17; i++) {
        fs_make_name(name, 179, (char)('a' + i));
        assert_sl(fs_create(name, 0, 256, "n", 1, NULL), 0);
    }
    fs_make_name(name, 75, 'Z');
    assert_sl(fs_create(name, 0, 256, "last", 4, NULL), 0); /* 3136 bytes exactly */
    assert_true(fs_content_is(name, 0, "last"));

    SlFsControlGetStorageInfoResponse_t st = storage();
    assert_int_equal(st.FilesUsage.ActualNumOfUserFiles, 18);
    assert_sl(
        sl_FsOpen(FS_NAME("/x"), SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_MAX_SIZE(256), NULL),
        SL_ERROR_FS_WARNING_FILE_NAME_NOT_KEPT);
    /* the files whose names are kept still work, also after a restart */
    assert_sl(sl_Stop(0), 0);
    assert_true(fs_start() >= 0);
    for (int i = 0; i < 17; i++) {
        fs_make_name(name, 179, (char)('a' + i));
        assert_true(fs_content_is(name, 0, "n"));
    }
    fs_make_name(name, 75, 'Z');
    assert_true(fs_content_is(name, 0, "last"));
}

/* docs/fs.md: no hole -> -10322; the image's other files are unharmed. */
static void test_sl_FsOpen__not_enough_space(void **state)
{
    (void)state;
    assert_sl(fs_create("/keep1", 0, 1024, "keep-one", 8, NULL), 0);
    assert_sl(fs_create("/keep2", SL_FS_CREATE_FAILSAFE, 1024, "keep-two", 8, NULL), 0);
    SlFsControlGetStorageInfoResponse_t st0 = storage();
    _u32 avail = st0.DeviceUsage.NumOfAvailableBlocksForUserFiles;
    assert_true(avail > 8);

    /* avail * 4096 bytes need avail + 1 blocks (512-byte header) */
    assert_sl(fs_create("/toobig", 0, avail * BLOCK, NULL, 0, NULL),
              SL_ERROR_FS_NOT_ENOUGH_STORAGE_SPACE);
    /* a fail-safe file of half the space needs two copies of avail/2 + 1 blocks */
    assert_sl(fs_create("/toobig-fs", SL_FS_CREATE_FAILSAFE, (avail / 2) * BLOCK, NULL, 0, NULL),
              SL_ERROR_FS_NOT_ENOUGH_STORAGE_SPACE);
    SlFsFileInfo_t info;
    assert_sl(fs_info("/toobig", 0, &info), SL_ERROR_FS_FILE_NOT_EXISTS);
    assert_sl(fs_info("/toobig-fs", 0, &info), SL_ERROR_FS_FILE_NOT_EXISTS);
    SlFsControlGetStorageInfoResponse_t st = storage();
    assert_int_equal(st.DeviceUsage.NumOfAvailableBlocksForUserFiles, avail);
    assert_int_equal(st.FilesUsage.ActualNumOfUserFiles, 2);

    /* (avail - 1) * 4096 + 512 bytes fit exactly */
    assert_sl(fs_create("/fill", 0, (avail - 1) * BLOCK, "filler", 6, NULL), 0);
    assert_sl(fs_info("/fill", 0, &info), 0);
    assert_int_equal(info.MaxSize, (avail - 1) * BLOCK);
    assert_int_equal(info.StorageSize, avail * BLOCK);
    st = storage();
    assert_int_equal(st.DeviceUsage.NumOfAvailableBlocksForUserFiles, 0);
    assert_sl(fs_create("/one-more", 0, 256, "x", 1, NULL), SL_ERROR_FS_NOT_ENOUGH_STORAGE_SPACE);
    assert_sl(fs_create("/one-more", SL_FS_CREATE_FAILSAFE, 256, "x", 1, NULL),
              SL_ERROR_FS_NOT_ENOUGH_STORAGE_SPACE);

    /* existing files are unharmed and can still be rewritten */
    assert_true(fs_content_is("/keep1", 0, "keep-one"));
    assert_true(fs_content_is("/keep2", 0, "keep-two"));
    assert_true(fs_content_is("/fill", 0, "filler"));
    assert_sl(fs_rewrite("/keep2", 0, 0, "keep-2b", 7), 0);
    assert_sl(fs_rewrite("/keep1", 0, 0, "keep-1b", 7), 0);
    assert_sl(sl_Stop(0), 0);
    assert_true(fs_start() >= 0);
    assert_true(fs_content_is("/keep1", 0, "keep-1b"));
    assert_true(fs_content_is("/keep2", 0, "keep-2b"));
    assert_true(fs_content_is("/fill", 0, "filler"));

    /* deleting gives the space back */
    assert_sl(sl_FsDel(FS_NAME("/fill"), 0), 0);
    st = storage();
    assert_int_equal(st.DeviceUsage.NumOfAvailableBlocksForUserFiles, avail);
    assert_sl(fs_create("/one-more", 0, 256, "x", 1, NULL), 0);
}

/* nwp-behaviour.md C.1 (SWRU455M §9.4.3): no defragmentation; create picks "the smallest memory
 * hole that fits the requested size"; docs/fs.md "Opening": no hole -> -10322.
 * (Found by this suite and fixed; kept as a regression test.) Previously: with 2 free blocks in two
 * 1-block holes (b and d, separated by c), slsim creates a 2-block file: fs_create("/two") returns
 * 0, expected SL_ERROR_FS_NOT_ENOUGH_STORAGE_SPACE
 * (-10322). (LargestAllocatedGapInBlocks then reads 32, apparently the system reserve.) */
static void test_sl_FsOpen__holes_are_not_merged(void **state)
{
    (void)state;
    SlFsControlGetStorageInfoResponse_t st = storage();
    _u32 avail = st.DeviceUsage.NumOfAvailableBlocksForUserFiles;
    /* a (4 blocks) b (1) c (4) d (1) and the rest */
    assert_sl(fs_create("/a", 0, 3 * BLOCK, "a", 1, NULL), 0);
    assert_sl(fs_create("/b", 0, 256, "b", 1, NULL), 0);
    assert_sl(fs_create("/c", 0, 3 * BLOCK, "c", 1, NULL), 0);
    assert_sl(fs_create("/d", 0, 256, "d", 1, NULL), 0);
    _u32 rest = avail - 10;
    assert_sl(fs_create("/rest", 0, (rest - 1) * BLOCK, "r", 1, NULL), 0);
    st = storage();
    assert_int_equal(st.DeviceUsage.NumOfAvailableBlocksForUserFiles, 0);
    assert_sl(sl_FsDel(FS_NAME("/b"), 0), 0);
    assert_sl(sl_FsDel(FS_NAME("/d"), 0), 0);
    st = storage();
    assert_int_equal(st.DeviceUsage.NumOfAvailableBlocksForUserFiles, 2);
    /* two free blocks, but in two holes of one block */
    assert_sl(fs_create("/two", 0, BLOCK, "2", 1, NULL), SL_ERROR_FS_NOT_ENOUGH_STORAGE_SPACE);
    assert_sl(fs_create("/fs1", SL_FS_CREATE_FAILSAFE, 256, "2", 1, NULL),
              SL_ERROR_FS_NOT_ENOUGH_STORAGE_SPACE);
    assert_sl(fs_create("/one1", 0, 256, "1", 1, NULL), 0);
    assert_sl(fs_create("/one2", 0, 256, "1", 1, NULL), 0);
    assert_true(fs_content_is("/a", 0, "a"));
    assert_true(fs_content_is("/c", 0, "c"));
    assert_true(fs_content_is("/rest", 0, "r"));
}

/* §6.2: max size x 256 > 0xFF0000 -> -10310; 0xFF0000 itself is accepted (64 KB x 255). */
static void test_sl_FsOpen__largest_max_size(void **state)
{
    (void)state;
    assert_sl(sl_FsOpen(FS_NAME("/huge"),
                        SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_MAX_SIZE(0xFF0001u), NULL),
              SL_ERROR_FS_FILE_MAX_SIZE_EXCEEDED);
    _i32 h = sl_FsOpen(FS_NAME("/huge"),
                       SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_MAX_SIZE(0xFF0000u), NULL);
    assert_true(h >= 0);
    _u8 b[2] = { 'e', 'f' };
    assert_sl(sl_FsWrite(h, 0xFF0000u - 1, b, 2), SL_ERROR_FS_OFFSET_OUT_OF_RANGE);
    assert_sl(sl_FsWrite(h, 0xFF0000u - 1, b, 1), 1);
    assert_sl(sl_FsWrite(h, 0xFF0000u, b, 1), SL_ERROR_FS_OFFSET_OUT_OF_RANGE);
    assert_sl(sl_FsClose(h, NULL, NULL, 0), 0);
    SlFsFileInfo_t info;
    assert_sl(fs_info("/huge", 0, &info), 0);
    assert_int_equal(info.MaxSize, 0xFF0000u);
    assert_int_equal(info.Len, 0xFF0000u);
    assert_int_equal(info.StorageSize, 4081u * BLOCK);
    _i32 r = sl_FsOpen(FS_NAME("/huge"), SL_FS_READ, NULL);
    assert_true(r >= 0);
    _u8 back[4] = { 0 };
    assert_sl(sl_FsRead(r, 0xFF0000u - 1, back, 4), 1);
    assert_int_equal(back[0], 'e');
    assert_sl(sl_FsRead(r, 0, back, 4), 4);
    assert_int_equal(back[0], 0xFF); /* never written: erased flash */
    assert_sl(sl_FsClose(r, NULL, NULL, 0), 0);
    assert_sl(sl_FsDel(FS_NAME("/huge"), 0), 0);

    /* 16 KB granularity: 1100000 -> 4297 units -> 68 x 16 KB */
    assert_sl(fs_create("/16k", 0, 1100000, "x", 1, NULL), 0);
    assert_sl(fs_info("/16k", 0, &info), 0);
    assert_int_equal(info.MaxSize, 68u * 16384u);
    /* 64 KB granularity: 5000000 -> 77 x 64 KB */
    assert_sl(fs_create("/64k", SL_FS_CREATE_FAILSAFE, 5000000, "x", 1, NULL), 0);
    assert_sl(fs_info("/64k", 0, &info), 0);
    assert_int_equal(info.MaxSize, 77u * 65536u);
    assert_int_equal(info.StorageSize, 2u * ((77u * 65536u + 512u + BLOCK - 1) / BLOCK) * BLOCK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__file_table_full, setup_2m, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__name_area_full, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__not_enough_space, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__holes_are_not_merged, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__largest_max_size, setup_big, fs_teardown),
    };
    return cmocka_run_group_tests_name("sl_fs_limits", tests, NULL, NULL);
}
