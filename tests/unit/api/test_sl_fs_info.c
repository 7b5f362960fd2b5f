/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_sl_fs_info.c
 * @brief sl_FsGetInfo, sl_FsGetFileList, sl_FsCtl(RENAME, GET_STORAGE_INFO) and sl_FsDel
 *        (simplelink-api.md §6.3-§6.5; nwp-behaviour.md C.1; docs/fs.md "Opening" storage rule).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "fs_test_util.h"

/* docs/fs.md: each copy takes ceil((max + 512) / 4096) blocks; fail-safe and secure files keep
 * two copies. MaxSize is the device's rounding of the requested size. */
static const struct info_case {
    _u32 flags;
    _u32 request;
    _u32 max_size;
    _u32 storage;
    _u16 flag_bits; /* expected among NOT_FAILSAFE | SECURE | NOSIGNATURE */
} info_cases[] = {
    { 0, 3584, 3584, 4096, SL_FS_INFO_NOT_FAILSAFE },
    { SL_FS_CREATE_FAILSAFE, 3584, 3584, 8192, 0 },
    { 0, 3585, 3840, 8192, SL_FS_INFO_NOT_FAILSAFE },
    { SL_FS_CREATE_FAILSAFE, 3585, 3840, 16384, 0 },
    { 0, 1000, 1024, 4096, SL_FS_INFO_NOT_FAILSAFE },
    { SL_FS_CREATE_FAILSAFE, 1, 256, 8192, 0 },
    { 0, 7680, 7680, 8192, SL_FS_INFO_NOT_FAILSAFE },
    { SL_FS_CREATE_FAILSAFE, 7680, 7680, 16384, 0 },
    { 0, 100000, 100352, 102400, SL_FS_INFO_NOT_FAILSAFE },
    { SL_FS_CREATE_FAILSAFE, 100000, 100352, 204800, 0 },
    { 0, 65281, 65536, 69632, SL_FS_INFO_NOT_FAILSAFE },
    /* secure without FAILSAFE: two copies for space, but "created without FAILSAFE" (§6.4) */
    { SL_FS_CREATE_SECURE | SL_FS_CREATE_NOSIGNATURE, 3584, 3584, 8192,
      SL_FS_INFO_SECURE | SL_FS_INFO_NOSIGNATURE | SL_FS_INFO_NOT_FAILSAFE },
    { SL_FS_CREATE_SECURE | SL_FS_CREATE_NOSIGNATURE | SL_FS_CREATE_FAILSAFE, 7680, 7680, 16384,
      SL_FS_INFO_SECURE | SL_FS_INFO_NOSIGNATURE },
};

static void test_sl_FsGetInfo__sizes_and_flags(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(info_cases) / sizeof(info_cases[0]); i++) {
        const struct info_case *c = &info_cases[i];
        char name[16];
        (void)snprintf(name, sizeof(name), "/info%zu", i);
        SlFsControlGetStorageInfoResponse_t before, after;
        assert_sl(fs_storage(&before), 0);
        _u32 tok = 0;
        assert_sl(fs_create(name, c->flags, c->request, "0123456789", 10, &tok), 0);
        SlFsFileInfo_t info;
        assert_sl(fs_info(name, tok, &info), 0);
        if (info.MaxSize != c->max_size || info.StorageSize != c->storage) {
            print_error("case %zu: MaxSize %u StorageSize %u, want %u %u\n", i, info.MaxSize,
                        info.StorageSize, c->max_size, c->storage);
        }
        assert_int_equal(info.MaxSize, c->max_size);
        assert_int_equal(info.StorageSize, c->storage);
        assert_int_equal(info.Len, 10);
        assert_int_equal(info.WriteCounter, 1);
        assert_int_equal(info.Flags &
                             (SL_FS_INFO_NOT_FAILSAFE | SL_FS_INFO_SECURE | SL_FS_INFO_NOSIGNATURE |
                              SL_FS_INFO_NOT_VALID | SL_FS_INFO_OPEN_READ | SL_FS_INFO_OPEN_WRITE |
                              SL_FS_INFO_PENDING_COMMIT | SL_FS_INFO_SYS_FILE),
                         c->flag_bits);
        /* the allocation shows in the storage info, block for block */
        assert_sl(fs_storage(&after), 0);
        assert_int_equal(after.DeviceUsage.NumOfAllocatedBlocks,
                         before.DeviceUsage.NumOfAllocatedBlocks + c->storage / 4096);
        assert_int_equal(after.DeviceUsage.NumOfAvailableBlocksForUserFiles,
                         before.DeviceUsage.NumOfAvailableBlocksForUserFiles - c->storage / 4096);
        assert_int_equal(after.FilesUsage.ActualNumOfUserFiles,
                         before.FilesUsage.ActualNumOfUserFiles + 1);
        /* and deleting gives it back */
        assert_sl(sl_FsDel(FS_NAME(name), tok), 0);
        assert_sl(fs_storage(&after), 0);
        assert_int_equal(after.DeviceUsage.NumOfAllocatedBlocks,
                         before.DeviceUsage.NumOfAllocatedBlocks);
        assert_int_equal(after.DeviceUsage.NumOfAvailableBlocksForUserFiles,
                         before.DeviceUsage.NumOfAvailableBlocksForUserFiles);
        assert_int_equal(after.FilesUsage.ActualNumOfUserFiles,
                         before.FilesUsage.ActualNumOfUserFiles);
    }
}

static void test_sl_FsGetInfo__missing_file(void **state)
{
    (void)state;
    SlFsFileInfo_t info;
    assert_sl(fs_info("/nope", 0, &info), SL_ERROR_FS_FILE_NOT_EXISTS);
    assert_sl(fs_create("/yes", 0, 256, NULL, 0, NULL), 0);
    assert_sl(fs_info("/yes", 0, &info), 0);
    assert_int_equal(info.Len, 0);
    assert_int_equal(info.WriteCounter, 1);
    assert_sl(fs_info("/yes/", 0, &info), SL_ERROR_FS_FILE_NOT_EXISTS);
    assert_sl(fs_info("yes", 0, &info), SL_ERROR_FS_FILE_NOT_EXISTS);
}

/* ---- storage info -------------------------------------------------------------------------- */

static void test_sl_FsCtl__storage_info_fresh_image(void **state)
{
    (void)state;
    SlFsControlGetStorageInfoResponse_t st;
    assert_sl(fs_storage(&st), 0);
    assert_int_equal(st.DeviceUsage.DeviceBlockSize, 4096);
    assert_int_equal(st.DeviceUsage.DeviceBlocksCapacity, FS_ENV_SECTORS);
    assert_int_equal(st.DeviceUsage.NumOfReservedBlocksForSystemfiles, 32);
    assert_true(st.DeviceUsage.NumOfAvailableBlocksForUserFiles > 0);
    assert_true(st.DeviceUsage.NumOfAllocatedBlocks +
                    st.DeviceUsage.NumOfAvailableBlocksForUserFiles <=
                st.DeviceUsage.DeviceBlocksCapacity);
    assert_true(st.DeviceUsage.LargestAllocatedGapInBlocks <= st.DeviceUsage.DeviceBlocksCapacity);
    assert_int_equal(st.FilesUsage.MaxFsFiles, 240);
    assert_int_equal(st.FilesUsage.MaxFsFilesReservedForSysFiles, 50);
    assert_int_equal(st.FilesUsage.ActualNumOfUserFiles, 0);
    assert_int_equal(st.FilesUsage.ActualNumOfSysFiles, 0);
    assert_int_equal(st.FilesUsage.Bundlestate, SL_FS_BUNDLE_STATE_STOPPED);
    assert_int_equal(st.FilesUsage.NumOfAlerts, 0);
    assert_int_equal(st.FilesUsage.NumOfAlertsThreshold, 15);

    /* creating and deleting files rewrites the allocation table */
    _u16 fat = st.FilesUsage.FATWriteCounter;
    assert_sl(fs_create("/a", 0, 256, "a", 1, NULL), 0);
    assert_sl(fs_storage(&st), 0);
    assert_true(st.FilesUsage.FATWriteCounter > fat);
    assert_int_equal(st.FilesUsage.ActualNumOfUserFiles, 1);
}

/* Storage info agrees with itself: allocated grows by each file's blocks, and a second
 * sl_FsGetInfo view (StorageSize) agrees with the file list's FileAllocatedBlocks. */
static void test_sl_FsCtl__storage_info_accumulates(void **state)
{
    (void)state;
    SlFsControlGetStorageInfoResponse_t st0, st;
    assert_sl(fs_storage(&st0), 0);
    static const struct {
        const char *name;
        _u32 flags;
        _u32 max;
        _u32 blocks;
    } files[] = {
        { "/s1", 0, 3584, 1 },
        { "/s2", SL_FS_CREATE_FAILSAFE, 3584, 2 },
        { "/s3", 0, 100000, 25 },
        { "/s4", SL_FS_CREATE_FAILSAFE, 20000, 12 }, /* 20224 + 512 -> 6 blocks per copy */
    };
    _u32 total = 0;
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        assert_sl(fs_create(files[i].name, files[i].flags, files[i].max, "x", 1, NULL), 0);
        total += files[i].blocks;
        assert_sl(fs_storage(&st), 0);
        assert_int_equal(st.DeviceUsage.NumOfAllocatedBlocks,
                         st0.DeviceUsage.NumOfAllocatedBlocks + total);
        assert_int_equal(st.DeviceUsage.NumOfAvailableBlocksForUserFiles,
                         st0.DeviceUsage.NumOfAvailableBlocksForUserFiles - total);
        assert_int_equal(st.FilesUsage.ActualNumOfUserFiles, i + 1);
        SlFsFileInfo_t info;
        assert_sl(fs_info(files[i].name, 0, &info), 0);
        assert_int_equal(info.StorageSize, files[i].blocks * 4096);
    }
    /* survives a restart */
    assert_sl(sl_Stop(0), 0);
    assert_true(fs_start() >= 0);
    assert_sl(fs_storage(&st), 0);
    assert_int_equal(st.DeviceUsage.NumOfAllocatedBlocks,
                     st0.DeviceUsage.NumOfAllocatedBlocks + total);
    assert_int_equal(st.FilesUsage.ActualNumOfUserFiles, 4);
    /* rewriting a file does not allocate */
    assert_sl(fs_rewrite("/s2", 0, 0, "yy", 2), 0);
    assert_sl(fs_storage(&st), 0);
    assert_int_equal(st.DeviceUsage.NumOfAllocatedBlocks,
                     st0.DeviceUsage.NumOfAllocatedBlocks + total);
}

/* ---- file list ----------------------------------------------------------------------------- */

static const char *const list_names[] = { "/l/alpha",   "/l/beta", "/l/gamma", "/l/delta",
                                          "/l/epsilon", "/l/zeta", "/l/eta" };
#define NLIST (sizeof(list_names) / sizeof(list_names[0]))

static int find_name(const char *name)
{
    for (size_t i = 0; i < NLIST; i++) {
        if (strcasecmp(name, list_names[i]) == 0) {
            return (int)i;
        }
    }
    return -1;
}

static void make_list_files(void)
{
    for (size_t i = 0; i < NLIST; i++) {
        _u32 flags = (i % 2) ? SL_FS_CREATE_FAILSAFE : 0;
        assert_sl(fs_create(list_names[i], flags, 1000 * (_u32)(i + 1), "x", 1, NULL), 0);
    }
}

static void test_sl_FsGetFileList__names_only(void **state)
{
    (void)state;
    make_list_files();
    static const _u8 counts[] = { 1, 2, 3, 7, 20 };
    for (size_t k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
        int seen[NLIST] = { 0 };
        _i32 idx = -1;
        _u8 maxlen = 64;
        _u8 buf[1456];
        int rounds = 0;
        for (;;) {
            memset(buf, 0, sizeof(buf));
            _i32 n = sl_FsGetFileList(&idx, counts[k], maxlen, buf, 0);
            assert_true(n >= 0);
            assert_true(n <= counts[k]);
            if (n == 0) {
                break;
            }
            for (int e = 0; e < n; e++) {
                const char *name = (const char *)buf + (size_t)e * maxlen;
                assert_true(strnlen(name, maxlen) < maxlen);
                int at = find_name(name);
                assert_true(at >= 0);
                seen[at]++;
            }
            assert_true(++rounds < 100);
        }
        for (size_t i = 0; i < NLIST; i++) {
            if (seen[i] != 1) {
                print_error("count %u: %s seen %d times\n", counts[k], list_names[i], seen[i]);
            }
            assert_int_equal(seen[i], 1);
        }
    }
}

static void test_sl_FsGetFileList__with_attributes(void **state)
{
    (void)state;
    make_list_files();
    /* a fail-safe secure file and a file without a valid copy */
    _u32 tok = 0;
    assert_sl(
        fs_create("/l/secure", SL_FS_CREATE_SECURE | SL_FS_CREATE_NOSIGNATURE, 3584, "s", 1, &tok),
        0);
    _i32 h = sl_FsOpen(FS_NAME("/l/invalid"),
                       SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_MAX_SIZE(256), NULL);
    assert_true(h >= 0);
    assert_sl(sl_FsClose(h, NULL, (const _u8 *)"A", 1), 0);

    struct entry {
        SlFileAttributes_t attr;
        char name[64];
    };
    _u8 maxlen = sizeof(struct entry); /* 76, a multiple of 4 */
    int found = 0;
    bool saw_secure = false, saw_invalid = false;
    _i32 idx = -1;
    for (;;) {
        _u8 buf[4 * sizeof(struct entry)];
        _i32 n = sl_FsGetFileList(&idx, 4, maxlen, buf, SL_FS_GET_FILE_ATTRIBUTES);
        assert_true(n >= 0 && n <= 4);
        if (n == 0) {
            break;
        }
        for (int e = 0; e < n; e++) {
            struct entry ent;
            memcpy(&ent, buf + (size_t)e * maxlen, sizeof(ent));
            assert_true(strnlen(ent.name, sizeof(ent.name)) < sizeof(ent.name));
            SlFsFileInfo_t info;
            long ir = fs_info(ent.name, 0, &info);
            assert_true(ir == 0 || ir == SL_ERROR_FS_FILE_HAS_NOT_BEEN_CLOSE_CORRECTLY);
            assert_int_equal(ent.attr.FileMaxSize, info.MaxSize);
            assert_int_equal(ent.attr.FileAllocatedBlocks * 4096, info.StorageSize);
            /* the list reports the same bits as sl_FsGetInfo, without NOSIGNATURE (§6.4) */
            assert_int_equal(ent.attr.Properties, info.Flags & ~SL_FS_INFO_NOSIGNATURE);
            int at = find_name(ent.name);
            if (at >= 0) {
                _u32 want_fs = (at % 2) ? 0 : SL_FS_INFO_NOT_FAILSAFE;
                assert_int_equal(ent.attr.Properties & SL_FS_INFO_NOT_FAILSAFE, want_fs);
                found++;
            } else if (strcasecmp(ent.name, "/l/secure") == 0) {
                assert_true((ent.attr.Properties & SL_FS_INFO_SECURE) != 0);
                assert_int_equal(ent.attr.Properties & SL_FS_INFO_NOSIGNATURE, 0);
                assert_int_equal(ent.attr.FileAllocatedBlocks, 2);
                saw_secure = true;
            } else if (strcasecmp(ent.name, "/l/invalid") == 0) {
                assert_true((ent.attr.Properties & SL_FS_INFO_NOT_VALID) != 0);
                saw_invalid = true;
            } else {
                fail_msg("unexpected file %s", ent.name);
            }
        }
    }
    assert_int_equal(found, NLIST);
    assert_true(saw_secure);
    assert_true(saw_invalid);
}

static const struct list_size_case {
    _u8 count;
    _u8 maxlen;
    long want; /* 0: accepted */
} list_size_cases[] = {
    { 7, 208, 0 }, /* exactly 1456 */
    { 4, 252, 0 },
    { 1, 255, 0 },                             /* 252 after rounding */
    { 8, 184, SL_ERROR_FS_WRONG_INPUT_SIZE },  /* 1472 */
    { 255, 8, SL_ERROR_FS_WRONG_INPUT_SIZE },  /* 2040 */
    { 10, 148, SL_ERROR_FS_WRONG_INPUT_SIZE }, /* 1480 */
    { 6, 244, SL_ERROR_FS_WRONG_INPUT_SIZE },  /* 1464 */
};

static void test_sl_FsGetFileList__input_size(void **state)
{
    (void)state;
    make_list_files();
    for (size_t i = 0; i < sizeof(list_size_cases) / sizeof(list_size_cases[0]); i++) {
        const struct list_size_case *c = &list_size_cases[i];
        static _u8 buf[255 * 256];
        _i32 idx = -1;
        _i32 n = sl_FsGetFileList(&idx, c->count, c->maxlen, buf, 0);
        if (c->want == 0) {
            assert_true(n > 0);
        } else {
            assert_sl(n, c->want);
        }
    }
}

/* ---- rename -------------------------------------------------------------------------------- */

static void test_sl_FsCtl__rename(void **state)
{
    (void)state;
    assert_sl(fs_create("/old", SL_FS_CREATE_FAILSAFE, 1024, "payload", 7, NULL), 0);
    assert_sl(fs_create("/taken", 0, 1024, "other", 5, NULL), 0);
    SlFsFileInfo_t before, info;
    assert_sl(fs_info("/old", 0, &before), 0);

    assert_sl(fs_rename("/old", "/taken", 0), SL_ERROR_FS_FILE_NAME_EXIST);
    assert_sl(fs_rename("/old", "/TAKEN", 0), SL_ERROR_FS_FILE_NAME_EXIST);
    assert_sl(fs_rename("/missing", "/x", 0), SL_ERROR_FS_FILE_NOT_EXISTS);
    assert_true(fs_content_is("/old", 0, "payload"));
    assert_true(fs_content_is("/taken", 0, "other"));

    assert_sl(fs_rename("/old", "/new", 0), 0);
    assert_sl(fs_info("/old", 0, &info), SL_ERROR_FS_FILE_NOT_EXISTS);
    assert_sl(fs_info("/new", 0, &info), 0);
    assert_int_equal(info.Len, before.Len);
    assert_int_equal(info.MaxSize, before.MaxSize);
    assert_int_equal(info.StorageSize, before.StorageSize);
    assert_int_equal(info.Flags, before.Flags);
    assert_true(fs_content_is("/new", 0, "payload"));
    /* the old name is free again */
    assert_sl(fs_create("/old", 0, 1024, "fresh", 5, NULL), 0);
    /* persists */
    assert_sl(sl_Stop(0), 0);
    assert_true(fs_start() >= 0);
    assert_true(fs_content_is("/new", 0, "payload"));
    assert_true(fs_content_is("/old", 0, "fresh"));
}

/* ---- delete -------------------------------------------------------------------------------- */

static void test_sl_FsDel__missing_and_open(void **state)
{
    (void)state;
    assert_sl(sl_FsDel(FS_NAME("/ghost"), 0), SL_ERROR_FS_FILE_NOT_EXISTS);
    assert_sl(fs_create("/d", 0, 1024, "d", 1, NULL), 0);

    _i32 r = sl_FsOpen(FS_NAME("/d"), SL_FS_READ, NULL);
    assert_true(r >= 0);
    /* an open file cannot be deleted (§6.6: open for read or write, never both; the code for
     * "open" is SL_ERROR_FS_FILE_IS_ALREADY_OPENED) */
    assert_sl(sl_FsDel(FS_NAME("/d"), 0), SL_ERROR_FS_FILE_IS_ALREADY_OPENED);
    assert_sl(sl_FsClose(r, NULL, NULL, 0), 0);
    _i32 w = sl_FsOpen(FS_NAME("/d"), SL_FS_WRITE, NULL);
    assert_true(w >= 0);
    assert_sl(sl_FsDel(FS_NAME("/d"), 0), SL_ERROR_FS_FILE_IS_ALREADY_OPENED);
    assert_sl(sl_FsClose(w, NULL, NULL, 0), 0);

    assert_sl(sl_FsDel(FS_NAME("/D"), 0), 0);
    assert_sl(sl_FsDel(FS_NAME("/d"), 0), SL_ERROR_FS_FILE_NOT_EXISTS);
    SlFsFileInfo_t info;
    assert_sl(fs_info("/d", 0, &info), SL_ERROR_FS_FILE_NOT_EXISTS);
    /* a file without a valid copy can be deleted */
    _i32 h =
        sl_FsOpen(FS_NAME("/nv"), SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_MAX_SIZE(256), NULL);
    assert_true(h >= 0);
    assert_sl(sl_FsClose(h, NULL, (const _u8 *)"A", 1), 0);
    assert_sl(sl_FsDel(FS_NAME("/nv"), 0), 0);
    /* deletion persists */
    assert_sl(sl_Stop(0), 0);
    assert_true(fs_start() >= 0);
    assert_sl(fs_info("/d", 0, &info), SL_ERROR_FS_FILE_NOT_EXISTS);
    assert_sl(fs_info("/nv", 0, &info), SL_ERROR_FS_FILE_NOT_EXISTS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sl_FsGetInfo__sizes_and_flags, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsGetInfo__missing_file, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsCtl__storage_info_fresh_image, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsCtl__storage_info_accumulates, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsGetFileList__names_only, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsGetFileList__with_attributes, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsGetFileList__input_size, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsCtl__rename, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsDel__missing_and_open, fs_setup, fs_teardown),
    };
    return cmocka_run_group_tests_name("sl_fs_info", tests, NULL, NULL);
}
