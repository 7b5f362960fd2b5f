/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_sl_fs_close.c
 * @brief sl_FsClose and abort, fail-safe versus single-copy files, power cuts in the middle of
 *        a rewrite, persistence across sl_Stop/sl_Start (simplelink-api.md §6.3, §6.6;
 *        nwp-behaviour.md C.3; docs/fs.md "Closing", "Single-copy vs fail-safe files").
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fs_test_util.h"

#define ABORT_SIG ((const _u8 *)"A")

static _i32 open_write(const char *name)
{
    _i32 h = sl_FsOpen(FS_NAME(name), SL_FS_WRITE, NULL);
    assert_true(h >= 0);
    return h;
}

static void write_str(_i32 h, const char *s)
{
    _u8 buf[256];
    size_t n = strlen(s);
    memcpy(buf, s, n);
    assert_sl(sl_FsWrite(h, 0, buf, (_u32)n), (long)n);
}

/* The file has no valid copy: info still filled, -10288 with NOT_VALID; reads refused. */
static void expect_no_valid_copy(const char *name)
{
    SlFsFileInfo_t info;
    assert_sl(fs_info(name, 0, &info), SL_ERROR_FS_FILE_HAS_NOT_BEEN_CLOSE_CORRECTLY);
    assert_true((info.Flags & SL_FS_INFO_NOT_VALID) != 0);
    assert_true(info.MaxSize > 0);
    assert_sl(sl_FsOpen(FS_NAME(name), SL_FS_READ, NULL), SL_ERROR_FS_NO_VALID_COPY_EXISTS);
}

static void test_sl_FsClose__abort_failsafe_keeps_old(void **state)
{
    (void)state;
    assert_sl(fs_create("/fs", SL_FS_CREATE_FAILSAFE, 1024, "old content", 11, NULL), 0);
    _i32 h = open_write("/fs");
    write_str(h, "NEW NEW NEW NEW");
    assert_sl(sl_FsClose(h, NULL, ABORT_SIG, 1), 0);
    assert_true(fs_content_is("/fs", 0, "old content"));
    SlFsFileInfo_t info;
    assert_sl(fs_info("/fs", 0, &info), 0);
    assert_int_equal(info.Len, 11);
    assert_int_equal(info.WriteCounter, 1); /* an abort is not a successful write */
    assert_int_equal(info.Flags & SL_FS_INFO_NOT_VALID, 0);
    /* and it survives a restart */
    assert_sl(sl_Stop(0), 0);
    assert_true(fs_start() >= 0);
    assert_true(fs_content_is("/fs", 0, "old content"));
}

static void test_sl_FsClose__abort_single_copy_loses_content(void **state)
{
    (void)state;
    assert_sl(fs_create("/one", 0, 1024, "old content", 11, NULL), 0);
    _i32 h = open_write("/one");
    write_str(h, "new");
    assert_sl(sl_FsClose(h, NULL, ABORT_SIG, 1), 0);
    expect_no_valid_copy("/one");
    /* still no valid copy after a restart */
    assert_sl(sl_Stop(0), 0);
    assert_true(fs_start() >= 0);
    expect_no_valid_copy("/one");
    /* rewriting and closing makes it valid again */
    assert_sl(fs_rewrite("/one", 0, 0, "again", 5), 0);
    assert_true(fs_content_is("/one", 0, "again"));
    SlFsFileInfo_t info;
    assert_sl(fs_info("/one", 0, &info), 0);
    assert_int_equal(info.Flags & SL_FS_INFO_NOT_VALID, 0);
}

/* A created file has no valid copy until it is closed (SWRU455M §9.4.3 via C.3). */
static void test_sl_FsClose__abort_of_new_file(void **state)
{
    (void)state;
    static const _u32 kinds[] = { 0, SL_FS_CREATE_FAILSAFE };
    for (size_t k = 0; k < 2; k++) {
        char name[16];
        (void)snprintf(name, sizeof(name), "/new%zu", k);
        _i32 h =
            sl_FsOpen(FS_NAME(name),
                      SL_FS_CREATE | SL_FS_WRITE | kinds[k] | SL_FS_CREATE_MAX_SIZE(1024), NULL);
        assert_true(h >= 0);
        write_str(h, "data");
        assert_sl(sl_FsClose(h, NULL, ABORT_SIG, 1), 0);
        expect_no_valid_copy(name);
        /* it exists: create again is refused, a rewrite works */
        assert_sl(sl_FsOpen(FS_NAME(name), SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_MAX_SIZE(1024),
                            NULL),
                  SL_ERROR_FS_FILE_ALREADY_EXISTS);
        assert_sl(fs_rewrite(name, 0, 0, "ok", 2), 0);
        assert_true(fs_content_is(name, 0, "ok"));
    }
}

/* Close of a read handle ignores the signature arguments (docs/fs.md "Closing"). */
static void test_sl_FsClose__read_handle_ignores_signature(void **state)
{
    (void)state;
    assert_sl(fs_create("/r", 0, 1024, "keep", 4, NULL), 0);
    _i32 h = sl_FsOpen(FS_NAME("/r"), SL_FS_READ, NULL);
    assert_true(h >= 0);
    assert_sl(sl_FsClose(h, NULL, ABORT_SIG, 1), 0);
    assert_true(fs_content_is("/r", 0, "keep"));
    h = sl_FsOpen(FS_NAME("/r"), SL_FS_READ, NULL);
    assert_true(h >= 0);
    _u8 sig[32] = { 1, 2, 3 };
    assert_sl(sl_FsClose(h, FS_NAME("/cert.der"), sig, sizeof(sig)), 0);
    SlFsFileInfo_t info;
    assert_sl(fs_info("/r", 0, &info), 0);
    assert_int_equal(info.WriteCounter, 1);
    assert_int_equal(info.Flags & SL_FS_INFO_OPEN_READ, 0);
}

static void test_sl_FsClose__write_counter_and_len(void **state)
{
    (void)state;
    assert_sl(fs_create("/wc", SL_FS_CREATE_FAILSAFE, 1024, "a", 1, NULL), 0);
    SlFsFileInfo_t info;
    assert_sl(fs_info("/wc", 0, &info), 0);
    assert_int_equal(info.WriteCounter, 1);
    assert_int_equal(info.Len, 1);
    assert_sl(fs_rewrite("/wc", 0, 0, "bbb", 3), 0);
    assert_sl(fs_rewrite("/wc", 0, 0, "cc", 2), 0);
    assert_sl(fs_info("/wc", 0, &info), 0);
    assert_int_equal(info.WriteCounter, 3);
    assert_int_equal(info.Len, 2);
    assert_sl(sl_Stop(0), 0);
    assert_true(fs_start() >= 0);
    assert_sl(fs_info("/wc", 0, &info), 0);
    assert_int_equal(info.WriteCounter, 3);
    assert_int_equal(info.Len, 2);
    assert_int_equal(info.MaxSize, 1024);
    assert_int_equal(info.Flags & SL_FS_INFO_NOT_FAILSAFE, 0);
}

/* Power cut in the middle of a fail-safe rewrite: the old content after restart. */
static void test_sl_FsClose__power_cut_during_failsafe_rewrite(void **state)
{
    struct fs_env *env = *state;
    assert_sl(fs_create("/fsw", SL_FS_CREATE_FAILSAFE, 4096, "old", 3, NULL), 0);
    assert_sl(fs_create("/other", 0, 1024, "other", 5, NULL), 0);
    _i32 h = open_write("/fsw");
    write_str(h, "new content that is never closed");
    slsim_emu_power_cut(env->dev);
    assert_true(fs_start() >= 0);
    assert_true(fs_content_is("/fsw", 0, "old"));
    assert_true(fs_content_is("/other", 0, "other"));
    SlFsFileInfo_t info;
    assert_sl(fs_info("/fsw", 0, &info), 0);
    assert_int_equal(info.Len, 3);
    assert_int_equal(info.WriteCounter, 1);
    assert_int_equal(info.Flags & (SL_FS_INFO_NOT_VALID | SL_FS_INFO_OPEN_WRITE), 0);
    /* the file can be rewritten afterwards */
    assert_sl(fs_rewrite("/fsw", 0, 0, "newer", 5), 0);
    assert_true(fs_content_is("/fsw", 0, "newer"));
}

/* Power cut during a single-copy rewrite: no valid copy (§6.6, docs/fs.md). */
static void test_sl_FsClose__power_cut_during_single_copy_rewrite(void **state)
{
    struct fs_env *env = *state;
    assert_sl(fs_create("/sc", 0, 4096, "old", 3, NULL), 0);
    _i32 h = open_write("/sc");
    write_str(h, "new");
    slsim_emu_power_cut(env->dev);
    assert_true(fs_start() >= 0);
    expect_no_valid_copy("/sc");
}

/* A file created and never closed before a cut exists without a valid copy ("unclosed files
 * after a reset behave as aborted"). */
static void test_sl_FsClose__power_cut_after_create(void **state)
{
    struct fs_env *env = *state;
    _i32 h = sl_FsOpen(
        FS_NAME("/unclosed"),
        SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_FAILSAFE | SL_FS_CREATE_MAX_SIZE(1024), NULL);
    assert_true(h >= 0);
    write_str(h, "lost");
    slsim_emu_power_cut(env->dev);
    assert_true(fs_start() >= 0);
    expect_no_valid_copy("/unclosed");
}

/* Power cut right after a successful close: the new content is durable. */
static void test_sl_FsClose__power_cut_after_close(void **state)
{
    struct fs_env *env = *state;
    assert_sl(fs_create("/dur", SL_FS_CREATE_FAILSAFE, 1024, "old", 3, NULL), 0);
    assert_sl(fs_rewrite("/dur", 0, 0, "new", 3), 0);
    assert_sl(fs_create("/dur2", 0, 1024, "plain", 5, NULL), 0);
    slsim_emu_power_cut(env->dev);
    assert_true(fs_start() >= 0);
    assert_true(fs_content_is("/dur", 0, "new"));
    assert_true(fs_content_is("/dur2", 0, "plain"));
}

/* Several power cuts in a row while rewriting never lose the last closed fail-safe content. */
static void test_sl_FsClose__repeated_power_cuts(void **state)
{
    struct fs_env *env = *state;
    assert_sl(fs_create("/rep", SL_FS_CREATE_FAILSAFE, 8192, "v0", 2, NULL), 0);
    char want[16] = "v0";
    for (int i = 1; i <= 6; i++) {
        char next[16];
        (void)snprintf(next, sizeof(next), "v%d", i);
        if (i % 2 == 0) {
            assert_sl(fs_rewrite("/rep", 0, 0, next, (uint32_t)strlen(next)), 0);
            (void)snprintf(want, sizeof(want), "%s", next);
        } else {
            _i32 h = open_write("/rep");
            write_str(h, next);
        }
        slsim_emu_power_cut(env->dev);
        assert_true(fs_start() >= 0);
        assert_true(fs_content_is("/rep", 0, want));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sl_FsClose__abort_failsafe_keeps_old, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsClose__abort_single_copy_loses_content, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsClose__abort_of_new_file, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsClose__read_handle_ignores_signature, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsClose__write_counter_and_len, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsClose__power_cut_during_failsafe_rewrite,
                                        fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsClose__power_cut_during_single_copy_rewrite,
                                        fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsClose__power_cut_after_create, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsClose__power_cut_after_close, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsClose__repeated_power_cuts, fs_setup,
                                        fs_teardown),
    };
    return cmocka_run_group_tests_name("sl_fs_close", tests, NULL, NULL);
}
