/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_sl_fs_commit.c
 * @brief Single-file MUST_COMMIT and the bundle (OTA) flow across sl_Stop/sl_Start and power
 *        cuts (nwp-behaviour.md C.3 with SWRU455M Table 9-12; simplelink-api.md §6.5;
 *        docs/fs.md "Commit, rollback, bundles").
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fs_test_util.h"

static long bundle_state(void)
{
    SlFsControlGetStorageInfoResponse_t st;
    assert_sl(fs_storage(&st), 0);
    return st.FilesUsage.Bundlestate;
}

static _u16 flags_of(const char *name)
{
    SlFsFileInfo_t info;
    assert_sl(fs_info(name, 0, &info), 0);
    return info.Flags;
}

static void restart_clean(void)
{
    assert_sl(sl_Stop(1), 0);
    assert_true(fs_start() >= 0);
}

static void restart_power_cut(const struct fs_env *env)
{
    slsim_emu_power_cut(env->dev);
    assert_true(fs_start() >= 0);
}

/* failsafe file "name" holding "old", then rewritten with MUST_COMMIT to "new" and closed */
static void make_pending(const char *name)
{
    assert_sl(fs_create(name, SL_FS_CREATE_FAILSAFE, 1024, "old", 3, NULL), 0);
    assert_sl(fs_rewrite(name, SL_FS_WRITE_MUST_COMMIT, 0, "new!", 4), 0);
    assert_true((flags_of(name) & SL_FS_INFO_PENDING_COMMIT) != 0);
}

/* ---- MUST_COMMIT --------------------------------------------------------------------------- */

static void test_sl_FsOpen__must_commit_needs_failsafe(void **state)
{
    (void)state;
    assert_sl(fs_create("/plain", 0, 1024, "plain", 5, NULL), 0);
    assert_sl(sl_FsOpen(FS_NAME("/plain"), SL_FS_WRITE | SL_FS_WRITE_MUST_COMMIT, NULL),
              SL_ERROR_FS_FILE_HAS_NO_FAILSAFE);
    assert_true(fs_content_is("/plain", 0, "plain"));
    assert_sl(sl_FsOpen(FS_NAME("/new"),
                        SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_FAILSAFE |
                            SL_FS_WRITE_MUST_COMMIT | SL_FS_CREATE_MAX_SIZE(1024),
                        NULL),
              SL_ERROR_FS_IGNORE_COMMIT_ROLLBAC_FLAG);
}

static void test_sl_FsCtl__commit_keeps_new(void **state)
{
    (void)state;
    make_pending("/mc");
    assert_true(fs_content_is("/mc", 0, "new!")); /* reads see the new content */
    SlFsFileInfo_t info;
    assert_sl(fs_info("/mc", 0, &info), 0);
    assert_int_equal(info.Len, 4);
    /* no writes while pending */
    assert_sl(sl_FsOpen(FS_NAME("/mc"), SL_FS_WRITE, NULL), SL_ERROR_FS_FILE_IS_PENDING_COMMIT);

    assert_sl(fs_file_ctl(SL_FS_CTL_COMMIT, "/mc", 0), 0);
    assert_int_equal(flags_of("/mc") & SL_FS_INFO_PENDING_COMMIT, 0);
    assert_true(fs_content_is("/mc", 0, "new!"));
    /* not pending any more */
    assert_sl(fs_file_ctl(SL_FS_CTL_COMMIT, "/mc", 0),
              SL_ERROR_FS_INCORRECT_FILE_STATE_FOR_OPERATION);
    assert_sl(fs_file_ctl(SL_FS_CTL_ROLLBACK, "/mc", 0),
              SL_ERROR_FS_INCORRECT_FILE_STATE_FOR_OPERATION);
    /* committed content survives a power cut */
    restart_power_cut(*state);
    assert_true(fs_content_is("/mc", 0, "new!"));
    assert_sl(fs_rewrite("/mc", 0, 0, "later", 5), 0);
    assert_true(fs_content_is("/mc", 0, "later"));
}

static void test_sl_FsCtl__rollback_restores_old(void **state)
{
    (void)state;
    make_pending("/rb");
    assert_sl(fs_file_ctl(SL_FS_CTL_ROLLBACK, "/rb", 0), 0);
    assert_true(fs_content_is("/rb", 0, "old"));
    SlFsFileInfo_t info;
    assert_sl(fs_info("/rb", 0, &info), 0);
    assert_int_equal(info.Len, 3);
    assert_int_equal(info.Flags & SL_FS_INFO_PENDING_COMMIT, 0);
    assert_sl(fs_file_ctl(SL_FS_CTL_ROLLBACK, "/rb", 0),
              SL_ERROR_FS_INCORRECT_FILE_STATE_FOR_OPERATION);
    restart_clean();
    assert_true(fs_content_is("/rb", 0, "old"));
}

static void test_sl_FsCtl__commit_when_not_pending(void **state)
{
    (void)state;
    assert_sl(fs_create("/np", SL_FS_CREATE_FAILSAFE, 1024, "x", 1, NULL), 0);
    assert_sl(fs_file_ctl(SL_FS_CTL_COMMIT, "/np", 0),
              SL_ERROR_FS_INCORRECT_FILE_STATE_FOR_OPERATION);
    assert_sl(fs_rewrite("/np", 0, 0, "y", 1), 0); /* a plain rewrite is not pending */
    assert_sl(fs_file_ctl(SL_FS_CTL_COMMIT, "/np", 0),
              SL_ERROR_FS_INCORRECT_FILE_STATE_FOR_OPERATION);
    assert_sl(fs_file_ctl(SL_FS_CTL_COMMIT, "/missing", 0), SL_ERROR_FS_FILE_NOT_EXISTS);
    assert_true(fs_content_is("/np", 0, "y"));
}

/* A clean sl_Stop/sl_Start keeps the commit pending (docs/fs.md). */
static void test_sl_FsCtl__pending_survives_clean_restart(void **state)
{
    (void)state;
    make_pending("/k1");
    make_pending("/k2");
    restart_clean();
    assert_true((flags_of("/k1") & SL_FS_INFO_PENDING_COMMIT) != 0);
    assert_true((flags_of("/k2") & SL_FS_INFO_PENDING_COMMIT) != 0);
    assert_true(fs_content_is("/k1", 0, "new!"));
    assert_sl(fs_file_ctl(SL_FS_CTL_COMMIT, "/k1", 0), 0);
    assert_sl(fs_file_ctl(SL_FS_CTL_ROLLBACK, "/k2", 0), 0);
    restart_clean();
    assert_true(fs_content_is("/k1", 0, "new!"));
    assert_true(fs_content_is("/k2", 0, "old"));
}

/* An unclean start rolls back every pending commit (docs/fs.md; C.3 WDT/reboot rollback). */
static void test_sl_FsCtl__power_cut_rolls_back_pending(void **state)
{
    (void)state;
    make_pending("/cut");
    assert_sl(fs_create("/bystander", 0, 1024, "same", 4, NULL), 0);
    restart_power_cut(*state);
    assert_true(fs_content_is("/cut", 0, "old"));
    assert_int_equal(flags_of("/cut") & SL_FS_INFO_PENDING_COMMIT, 0);
    assert_true(fs_content_is("/bystander", 0, "same"));
    assert_sl(fs_file_ctl(SL_FS_CTL_COMMIT, "/cut", 0),
              SL_ERROR_FS_INCORRECT_FILE_STATE_FOR_OPERATION);

    /* also after a clean restart that kept it pending */
    assert_sl(fs_rewrite("/cut", SL_FS_WRITE_MUST_COMMIT, 0, "again", 5), 0);
    restart_clean();
    assert_true(fs_content_is("/cut", 0, "again"));
    restart_power_cut(*state);
    assert_true(fs_content_is("/cut", 0, "old"));
}

/* docs/fs.md: rollback of a file open for write aborts that write. */
static void test_sl_FsCtl__rollback_of_open_file_aborts(void **state)
{
    (void)state;
    assert_sl(fs_create("/ow", SL_FS_CREATE_FAILSAFE, 1024, "old", 3, NULL), 0);
    _i32 h = sl_FsOpen(FS_NAME("/ow"), SL_FS_WRITE | SL_FS_WRITE_MUST_COMMIT, NULL);
    assert_true(h >= 0);
    _u8 data[] = "new";
    assert_sl(sl_FsWrite(h, 0, data, 3), 3);
    assert_sl(fs_file_ctl(SL_FS_CTL_ROLLBACK, "/ow", 0), 0);
    assert_int_equal(flags_of("/ow") & (SL_FS_INFO_OPEN_WRITE | SL_FS_INFO_PENDING_COMMIT), 0);
    assert_true(fs_content_is("/ow", 0, "old"));
}

/* nwp-behaviour.md C.3 (SWRU455A §8.10-8.11, [TI]): "Rolling back a secure file needs a token
 * with write permission. Rollback also rolls back the file tokens." docs/fs.md is silent.
 * (Found by this suite and fixed; kept as a regression test.) Previously: after SL_FS_CTL_ROLLBACK
 * the WRITE_READ/WRITE_ONLY/READ_ONLY tokens stay those generated by the rolled-back write,
 * expected those from before it (the master is unchanged). */
static void test_sl_FsCtl__secure_rollback_restores_tokens(void **state)
{
    (void)state;
    _u32 master = 0;
    assert_sl(fs_create("/st",
                        SL_FS_CREATE_SECURE | SL_FS_CREATE_NOSIGNATURE | SL_FS_CREATE_FAILSAFE,
                        1024, "old", 3, &master),
              0);
    SlFsFileInfo_t info;
    assert_sl(fs_info("/st", master, &info), 0);
    _u32 t1[4];
    memcpy(t1, info.Token, sizeof(t1));
    assert_sl(fs_rewrite("/st", SL_FS_WRITE_MUST_COMMIT, master, "new", 3), 0);
    assert_sl(fs_info("/st", master, &info), 0);
    assert_true((info.Flags & SL_FS_INFO_PENDING_COMMIT) != 0);
    assert_int_not_equal(info.Token[SL_FS_TOKEN_READ_ONLY], t1[SL_FS_TOKEN_READ_ONLY]);
    assert_sl(fs_file_ctl(SL_FS_CTL_ROLLBACK, "/st", info.Token[SL_FS_TOKEN_READ_ONLY]),
              SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT);
    assert_sl(fs_file_ctl(SL_FS_CTL_ROLLBACK, "/st", master), 0);
    assert_sl(fs_info("/st", master, &info), 0);
    assert_memory_equal(info.Token, t1, sizeof(t1));
    assert_true(fs_content_is("/st", t1[SL_FS_TOKEN_READ_ONLY], "old"));
}

/* ---- bundles ------------------------------------------------------------------------------- */

static const char *const bnames[] = { "/ota/app.bin", "/ota/cfg.json", "/ota/cert.der" };
#define NB 3

static void bundle_prepare(void)
{
    for (int i = 0; i < NB; i++) {
        char old[16];
        (void)snprintf(old, sizeof(old), "old%d", i);
        assert_sl(
            fs_create(bnames[i], SL_FS_CREATE_FAILSAFE, 4096, old, (uint32_t)strlen(old), NULL), 0);
    }
    assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_STOPPED);
}

static void bundle_write_all(void)
{
    for (int i = 0; i < NB; i++) {
        char nw[16];
        (void)snprintf(nw, sizeof(nw), "NEW-%d", i);
        assert_sl(fs_rewrite(bnames[i], SL_FS_WRITE_BUNDLE_FILE, 0, nw, (uint32_t)strlen(nw)), 0);
        assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_STARTED);
        assert_true((flags_of(bnames[i]) & SL_FS_INFO_PENDING_BUNDLE_COMMIT) != 0);
    }
}

static void expect_bundle(bool fresh)
{
    for (int i = 0; i < NB; i++) {
        char want[16];
        (void)snprintf(want, sizeof(want), fresh ? "NEW-%d" : "old%d", i);
        assert_true(fs_content_is(bnames[i], 0, want));
    }
}

static void expect_no_bundle_flags(void)
{
    for (int i = 0; i < NB; i++) {
        assert_int_equal(flags_of(bnames[i]) &
                             (SL_FS_INFO_PENDING_BUNDLE_COMMIT | SL_FS_INFO_PENDING_COMMIT),
                         0);
    }
}

/* SWRU455M Table 9-12, commit branch. */
static void test_sl_FsCtl__bundle_flow_commit(void **state)
{
    (void)state;
    bundle_prepare();
    bundle_write_all();
    expect_bundle(false); /* STARTED: reads still see the old copy */
    restart_clean();      /* sl_Stop(X > 0) + sl_Start */
    assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_PENDING_COMMIT);
    expect_bundle(true); /* PENDING_COMMIT: reads see the new copy */
    assert_sl(fs_bundle_ctl(SL_FS_CTL_BUNDLE_COMMIT), SL_FS_BUNDLE_STATE_STOPPED);
    assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_STOPPED);
    expect_bundle(true);
    expect_no_bundle_flags();
    restart_clean();
    assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_STOPPED);
    expect_bundle(true);
    restart_power_cut(*state); /* committed: a cut changes nothing */
    expect_bundle(true);
}

/* SWRU455M Table 9-12, rollback branch. */
static void test_sl_FsCtl__bundle_flow_rollback(void **state)
{
    (void)state;
    bundle_prepare();
    bundle_write_all();
    restart_clean();
    assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_PENDING_COMMIT);
    expect_bundle(true);
    assert_sl(fs_bundle_ctl(SL_FS_CTL_BUNDLE_ROLLBACK), SL_FS_BUNDLE_STATE_STOPPED);
    assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_STOPPED);
    expect_bundle(false);
    expect_no_bundle_flags();
    restart_clean();
    expect_bundle(false);
}

static void test_sl_FsCtl__bundle_rollback_in_started(void **state)
{
    (void)state;
    bundle_prepare();
    bundle_write_all();
    assert_sl(fs_bundle_ctl(SL_FS_CTL_BUNDLE_ROLLBACK), SL_FS_BUNDLE_STATE_STOPPED);
    assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_STOPPED);
    expect_bundle(false);
    expect_no_bundle_flags();
    restart_clean();
    assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_STOPPED);
    expect_bundle(false);
}

static void test_sl_FsCtl__bundle_state_errors(void **state)
{
    (void)state;
    bundle_prepare();
    /* STOPPED */
    assert_sl(fs_bundle_ctl(SL_FS_CTL_BUNDLE_COMMIT), SL_ERROR_FS_BUNDLE_ALREADY_IN_STATE);
    assert_sl(fs_bundle_ctl(SL_FS_CTL_BUNDLE_ROLLBACK), SL_ERROR_FS_BUNDLE_ALREADY_IN_STATE);

    /* a bundle file open for write */
    _i32 h = sl_FsOpen(FS_NAME(bnames[0]), SL_FS_WRITE | SL_FS_WRITE_BUNDLE_FILE, NULL);
    assert_true(h >= 0);
    _u8 data[] = "NEW-0";
    assert_sl(sl_FsWrite(h, 0, data, 5), 5);
    assert_sl(fs_bundle_ctl(SL_FS_CTL_BUNDLE_ROLLBACK), SL_ERROR_FS_BUNDLE_FILES_ARE_OPENED);
    assert_sl(sl_FsClose(h, NULL, NULL, 0), 0);

    /* STARTED: commit needs PENDING_COMMIT */
    assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_STARTED);
    assert_sl(fs_bundle_ctl(SL_FS_CTL_BUNDLE_COMMIT), SL_ERROR_FS_BUNDLE_NOT_IN_CORRECT_STATE);
    assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_STARTED);
    assert_true(fs_content_is(bnames[0], 0, "old0"));

    restart_clean();
    assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_PENDING_COMMIT);
    assert_sl(fs_bundle_ctl(SL_FS_CTL_BUNDLE_COMMIT), SL_FS_BUNDLE_STATE_STOPPED);
    assert_sl(fs_bundle_ctl(SL_FS_CTL_BUNDLE_COMMIT), SL_ERROR_FS_BUNDLE_ALREADY_IN_STATE);
    assert_true(fs_content_is(bnames[0], 0, "NEW-0"));
    assert_true(fs_content_is(bnames[1], 0, "old1"));
}

/* docs/fs.md: bundle commit/rollback "with a bundle file open -> -10283" (no direction given).
 * (Found by this suite and fixed; kept as a regression test.) Previously: in PENDING_COMMIT with a
 * bundle file open for read, SL_FS_CTL_BUNDLE_COMMIT returns SL_FS_BUNDLE_STATE_STOPPED (0),
 * expected SL_ERROR_FS_BUNDLE_FILES_ARE_OPENED (-10283). (If docs/fs.md means "open for write"
 * only, the document should say so.) */
static void test_sl_FsCtl__bundle_commit_with_file_open_for_read(void **state)
{
    (void)state;
    bundle_prepare();
    bundle_write_all();
    restart_clean();
    assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_PENDING_COMMIT);
    _i32 r = sl_FsOpen(FS_NAME(bnames[0]), SL_FS_READ, NULL);
    assert_true(r >= 0);
    assert_sl(fs_bundle_ctl(SL_FS_CTL_BUNDLE_COMMIT), SL_ERROR_FS_BUNDLE_FILES_ARE_OPENED);
    assert_sl(fs_bundle_ctl(SL_FS_CTL_BUNDLE_ROLLBACK), SL_ERROR_FS_BUNDLE_FILES_ARE_OPENED);
    assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_PENDING_COMMIT);
    assert_sl(sl_FsClose(r, NULL, NULL, 0), 0);
    assert_sl(fs_bundle_ctl(SL_FS_CTL_BUNDLE_COMMIT), SL_FS_BUNDLE_STATE_STOPPED);
    expect_bundle(true);
}

static void test_sl_FsOpen__bundle_needs_failsafe(void **state)
{
    (void)state;
    assert_sl(fs_create("/nf", 0, 1024, "x", 1, NULL), 0);
    assert_sl(sl_FsOpen(FS_NAME("/nf"), SL_FS_WRITE | SL_FS_WRITE_BUNDLE_FILE, NULL),
              SL_ERROR_FS_BUNDLE_FILE_SHOULD_BE_CREATED_WITH_FAILSAFE);
    assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_STOPPED);
    assert_true(fs_content_is("/nf", 0, "x"));
}

/* C.3: a power failure before approval (in STARTED or PENDING_COMMIT) rolls back. */
static void test_sl_FsCtl__bundle_power_cut_in_started(void **state)
{
    (void)state;
    bundle_prepare();
    bundle_write_all();
    restart_power_cut(*state);
    assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_STOPPED);
    expect_bundle(false);
    expect_no_bundle_flags();
}

static void test_sl_FsCtl__bundle_power_cut_in_pending_commit(void **state)
{
    (void)state;
    bundle_prepare();
    bundle_write_all();
    restart_clean();
    assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_PENDING_COMMIT);
    expect_bundle(true);
    restart_power_cut(*state);
    assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_STOPPED);
    expect_bundle(false);
    expect_no_bundle_flags();
    /* and a new bundle can start afterwards */
    bundle_write_all();
    restart_clean();
    assert_sl(fs_bundle_ctl(SL_FS_CTL_BUNDLE_COMMIT), SL_FS_BUNDLE_STATE_STOPPED);
    expect_bundle(true);
}

/* A power cut while a bundle file is open for write (STARTED): everything rolls back. */
static void test_sl_FsCtl__bundle_power_cut_while_writing(void **state)
{
    (void)state;
    bundle_prepare();
    assert_sl(fs_rewrite(bnames[0], SL_FS_WRITE_BUNDLE_FILE, 0, "NEW-0", 5), 0);
    _i32 h = sl_FsOpen(FS_NAME(bnames[1]), SL_FS_WRITE | SL_FS_WRITE_BUNDLE_FILE, NULL);
    assert_true(h >= 0);
    _u8 data[] = "NEW-1";
    assert_sl(sl_FsWrite(h, 0, data, 5), 5);
    restart_power_cut(*state);
    assert_int_equal(bundle_state(), SL_FS_BUNDLE_STATE_STOPPED);
    expect_bundle(false);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__must_commit_needs_failsafe, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsCtl__commit_keeps_new, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsCtl__rollback_restores_old, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsCtl__commit_when_not_pending, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsCtl__pending_survives_clean_restart, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsCtl__power_cut_rolls_back_pending, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsCtl__rollback_of_open_file_aborts, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsCtl__secure_rollback_restores_tokens, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsCtl__bundle_flow_commit, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsCtl__bundle_flow_rollback, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsCtl__bundle_rollback_in_started, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsCtl__bundle_state_errors, fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsCtl__bundle_commit_with_file_open_for_read,
                                        fs_setup, fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsOpen__bundle_needs_failsafe, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsCtl__bundle_power_cut_in_started, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsCtl__bundle_power_cut_in_pending_commit, fs_setup,
                                        fs_teardown),
        cmocka_unit_test_setup_teardown(test_sl_FsCtl__bundle_power_cut_while_writing, fs_setup,
                                        fs_teardown),
    };
    return cmocka_run_group_tests_name("sl_fs_commit", tests, NULL, NULL);
}
