/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_fs_core.c
 * @brief Native file-system tests: format/mount, slot selection and damage handling,
 *        allocation, encryption at rest, size rounding, dead-after-failure.
 *
 * The TI-API behaviour matrix lives in tests/unit/api/; these tests pin the layer below it.
 */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <ti/drivers/net/wifi/errors.h>

#include "fs/fs.h"

#define SECTORS 64u
#define SECTOR  SLSIM_FLASH_SECTOR_SIZE

static const struct slsim_fs_limits lim = {
    .max_files = 240,
    .max_sys_files = 50,
    .name_area_bytes = 3136,
    .max_open_files = 16,
    .sys_reserved_blocks = 4,
    .alert_threshold = 15,
    .secure_device = true,
};

struct ctx {
    struct slsim_flash *fl;
    struct slsim_fs *fs;
};

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof(*c));
    struct slsim_fs_format_opts o = { .profile = "cc3220s" };
    assert_int_equal(slsim_flash_open_ram(SECTORS, &c->fl), 0);
    assert_int_equal(slsim_fs_format(c->fl, &o), 0);
    assert_int_equal(slsim_fs_mount(c->fl, &lim, SLSIM_FS_MOUNT_TOOL, &c->fs, NULL), 0);
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct ctx *c = *state;
    slsim_fs_free(c->fs);
    slsim_flash_close(c->fl);
    free(c);
    return 0;
}

static void remount(struct ctx *c)
{
    assert_int_equal(slsim_fs_unmount(c->fs, SLSIM_FS_STOP_TOOL), 0);
    assert_int_equal(slsim_fs_mount(c->fl, &lim, SLSIM_FS_MOUNT_TOOL, &c->fs, NULL), 0);
}

static void put(struct ctx *c, const char *name, uint32_t flags, const char *text)
{
    assert_int_equal(slsim_fs_write_file(c->fs, name, flags, 0, (const uint8_t *)text, strlen(text),
                                         NULL, SLSIM_FS_CALLER_TOOL),
                     0);
}

static void expect_content(struct ctx *c, const char *name, const char *text)
{
    uint8_t *data = NULL;
    size_t len = 0;
    assert_int_equal(slsim_fs_read_file(c->fs, name, 0, SLSIM_FS_CALLER_TOOL, &data, &len), 0);
    assert_int_equal(len, strlen(text));
    assert_memory_equal(data, text, len);
    free(data);
}

static void test_slsim_fs_mount__states_of_the_medium(void **state)
{
    (void)state;
    static const struct {
        uint8_t fill;
        int32_t want;
    } cases[] = {
        { 0xFF, SL_ERROR_FS_EMPTY_SFLASH },
        { 0x00, SL_ERROR_FS_INVALID_MAGIC_NUM },
        { 0x5A, SL_ERROR_FS_INVALID_MAGIC_NUM },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct slsim_flash *fl = NULL;
        struct slsim_fs *fs = NULL;
        struct slsim_diag diag;
        assert_int_equal(slsim_flash_open_ram(SECTORS, &fl), 0);
        memset(slsim_flash_ram_data(fl), cases[i].fill, (size_t)SECTORS * SECTOR);
        assert_int_equal(slsim_fs_mount(fl, &lim, SLSIM_FS_MOUNT_TOOL, &fs, &diag), cases[i].want);
        assert_null(fs);
        assert_true(diag.msg[0] != '\0');
        slsim_flash_close(fl);
    }
}

static void test_slsim_fs_mount__newest_valid_slot_wins(void **state)
{
    struct ctx *c = *state;
    put(c, "/a", SLSIM_FS_CF_FAILSAFE, "first");
    put(c, "/a", 0, "second");
    slsim_fs_free(c->fs);
    c->fs = NULL;
    /* Tear the newest header: the mount must fall back to the previous commit. */
    uint8_t *m = slsim_flash_ram_data(c->fl);
    uint8_t *h0 = m;
    uint8_t *h1 = m + 8 * SECTOR;
    uint64_t s0 = 0;
    uint64_t s1 = 0;
    memcpy(&s0, h0 + 24, 8);
    memcpy(&s1, h1 + 24, 8);
    uint8_t *newest = s0 > s1 ? h0 : h1;
    memset(newest + SECTOR / 2, 0xFF, SECTOR / 2);
    assert_int_equal(slsim_fs_mount(c->fl, &lim, SLSIM_FS_MOUNT_TOOL, &c->fs, NULL), 0);
    expect_content(c, "/a", "first");
}

static void test_slsim_fs_mount__both_slots_damaged(void **state)
{
    struct ctx *c = *state;
    put(c, "/a", 0, "x");
    slsim_fs_free(c->fs);
    c->fs = NULL;
    uint8_t *m = slsim_flash_ram_data(c->fl);
    m[1 * SECTOR + 3] ^= 0x01; /* slot 0 table */
    m[9 * SECTOR + 3] ^= 0x01; /* slot 1 table */
    struct slsim_diag diag;
    assert_int_equal(slsim_fs_mount(c->fl, &lim, SLSIM_FS_MOUNT_TOOL, &c->fs, &diag),
                     SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED);
    assert_non_null(strstr(diag.msg, "checksum"));
}

static void test_slsim_fs_read__damaged_data_is_detected(void **state)
{
    struct ctx *c = *state;
    put(c, "/data", 0, "hello, flash");
    uint8_t *m = slsim_flash_ram_data(c->fl);
    uint8_t *hit = memmem(m, (size_t)SECTORS * SECTOR, "hello, flash", 12);
    assert_non_null(hit);
    hit[0] ^= 0x20;
    uint8_t *data = NULL;
    size_t len = 0;
    assert_int_equal(slsim_fs_read_file(c->fs, "/data", 0, SLSIM_FS_CALLER_TOOL, &data, &len),
                     SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED);
    struct slsim_diag diag;
    assert_int_equal(slsim_fs_check(c->fs, &diag), 1);
}

static void test_slsim_fs_write_file__secure_content_is_encrypted(void **state)
{
    struct ctx *c = *state;
    put(c, "/plain", 0, "MARKER-PLAIN-0123456789");
    put(c, "/secret", SLSIM_FS_CF_SECURE | SLSIM_FS_CF_NOSIGNATURE, "MARKER-SECRET-0123456789");
    uint8_t *m = slsim_flash_ram_data(c->fl);
    assert_non_null(memmem(m, (size_t)SECTORS * SECTOR, "MARKER-PLAIN", 12));
    assert_null(memmem(m, (size_t)SECTORS * SECTOR, "MARKER-SECRET", 13));
    remount(c);
    expect_content(c, "/secret", "MARKER-SECRET-0123456789");
}

static void test_slsim_fs_round_max_size__granularity(void **state)
{
    (void)state;
    static const struct {
        uint32_t in;
        uint32_t want;
    } cases[] = {
        { 1, 256 },         { 256, 256 },       { 1000, 1024 },
        { 65280, 65280 },   { 65281, 65536 },   { 100000, 100352 },
        { 261120, 261120 }, { 261121, 262144 }, { 0xFF0000, 0xFF0000 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(slsim_fs_round_max_size(cases[i].in), cases[i].want);
    }
    assert_int_equal(slsim_fs_blocks_for(3584, 0), 1);
    assert_int_equal(slsim_fs_blocks_for(3585, 0), 2);
    assert_int_equal(slsim_fs_blocks_for(3584, SLSIM_FS_CF_FAILSAFE), 2);
    assert_int_equal(slsim_fs_blocks_for(7680, SLSIM_FS_CF_SECURE), 4);
}

static int32_t create_blocks(struct ctx *c, const char *name, uint32_t blocks)
{
    uint32_t max = (blocks * 4096u - 512u) & ~1023u; /* stays within the blocks after rounding */
    int32_t h = slsim_fs_open(c->fs, name, SLSIM_FS_O_CREATE | SLSIM_FS_MAX_SIZE(max), NULL,
                              SLSIM_FS_CALLER_APP);
    if (h < 0) {
        return h;
    }
    return slsim_fs_close(c->fs, h, NULL, NULL, 0);
}

static void test_slsim_fs_alloc__smallest_hole_that_fits(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(create_blocks(c, "/a", 1), 0);
    assert_int_equal(create_blocks(c, "/hole3", 3), 0);
    assert_int_equal(create_blocks(c, "/b", 1), 0);
    assert_int_equal(create_blocks(c, "/hole5", 5), 0);
    assert_int_equal(create_blocks(c, "/c", 1), 0);
    assert_int_equal(slsim_fs_delete(c->fs, "/hole3", 0, SLSIM_FS_CALLER_APP), 0);
    assert_int_equal(slsim_fs_delete(c->fs, "/hole5", 0, SLSIM_FS_CALLER_APP), 0);
    struct slsim_fs_storage before;
    assert_int_equal(slsim_fs_storage(c->fs, &before), 0);
    /* 2 blocks go into the 3-block hole, so the largest gap (the tail) is unchanged. */
    assert_int_equal(create_blocks(c, "/two", 2), 0);
    struct slsim_fs_storage after;
    assert_int_equal(slsim_fs_storage(c->fs, &after), 0);
    assert_int_equal(after.largest_gap_blocks, before.largest_gap_blocks);
    assert_int_equal(after.allocated_blocks, before.allocated_blocks + 2);
}

static void test_slsim_fs_alloc__system_reserve(void **state)
{
    struct ctx *c = *state;
    struct slsim_fs_storage st;
    assert_int_equal(slsim_fs_storage(c->fs, &st), 0);
    uint32_t avail = st.available_user_blocks;
    assert_int_equal(avail, SECTORS - 16 - lim.sys_reserved_blocks);
    assert_int_equal(create_blocks(c, "/big", avail + 1), SL_ERROR_FS_NOT_ENOUGH_STORAGE_SPACE);
    assert_int_equal(create_blocks(c, "/big", avail), 0);
    assert_int_equal(create_blocks(c, "/one-more", 1), SL_ERROR_FS_NOT_ENOUGH_STORAGE_SPACE);
    /* A system file may use the reserve (tool caller: the programming path). */
    int32_t h =
        slsim_fs_open(c->fs, "/sys/mcubootinfo.bin", SLSIM_FS_O_CREATE | SLSIM_FS_MAX_SIZE(1000),
                      NULL, SLSIM_FS_CALLER_TOOL);
    assert_true(h > 0);
    assert_int_equal(slsim_fs_close(c->fs, h, NULL, NULL, 0), 0);
    expect_content(c, "/sys/mcubootinfo.bin", "");
}

static void test_slsim_fs_close__stale_handle(void **state)
{
    struct ctx *c = *state;
    put(c, "/a", 0, "abc");
    int32_t h = slsim_fs_open(c->fs, "/a", SLSIM_FS_O_READ, NULL, SLSIM_FS_CALLER_APP);
    assert_true(h > 0);
    assert_int_equal(slsim_fs_close(c->fs, h, NULL, NULL, 0), 0);
    uint8_t b[4];
    assert_int_equal(slsim_fs_read(c->fs, h, 0, b, 3), SL_ERROR_FS_INVALID_HANDLE);
    assert_int_equal(slsim_fs_close(c->fs, h, NULL, NULL, 0), SL_ERROR_FS_INVALID_HANDLE);
    assert_int_equal(slsim_fs_close(c->fs, 0, NULL, NULL, 0), SL_ERROR_FS_INVALID_HANDLE);
    assert_int_equal(slsim_fs_close(c->fs, -5, NULL, NULL, 0), SL_ERROR_FS_INVALID_HANDLE);
}

static void test_slsim_fs_close__dead_after_power_loss(void **state)
{
    struct ctx *c = *state;
    put(c, "/a", SLSIM_FS_CF_FAILSAFE, "old");
    int32_t h = slsim_fs_open(c->fs, "/a", SLSIM_FS_O_WRITE, NULL, SLSIM_FS_CALLER_APP);
    assert_true(h > 0);
    assert_int_equal(slsim_fs_write(c->fs, h, 0, (const uint8_t *)"new", 3), 3);
    slsim_flash_set_cut(c->fl, 0, false);
    assert_int_equal(slsim_fs_close(c->fs, h, NULL, NULL, 0), SL_ERROR_FS_PROGRAM_FAILURE);
    assert_true(slsim_fs_is_dead(c->fs));
    assert_int_equal(slsim_fs_delete(c->fs, "/a", 0, SLSIM_FS_CALLER_APP),
                     SL_ERROR_FS_PROGRAM_FAILURE);
    slsim_fs_free(c->fs);
    slsim_flash_power_on(c->fl);
    assert_int_equal(slsim_fs_mount(c->fl, &lim, SLSIM_FS_MOUNT_BOOT, &c->fs, NULL), 0);
    expect_content(c, "/a", "old");
}

static void test_slsim_fs_mount__tool_mount_writes_nothing(void **state)
{
    struct ctx *c = *state;
    put(c, "/a", 0, "abc");
    assert_int_equal(slsim_fs_unmount(c->fs, SLSIM_FS_STOP_TOOL), 0);
    uint64_t before = slsim_flash_write_count(c->fl);
    assert_int_equal(slsim_fs_mount(c->fl, &lim, SLSIM_FS_MOUNT_TOOL, &c->fs, NULL), 0);
    expect_content(c, "/a", "abc");
    assert_int_equal(slsim_fs_unmount(c->fs, SLSIM_FS_STOP_TOOL), 0);
    assert_int_equal(slsim_flash_write_count(c->fl), before);
    assert_int_equal(slsim_fs_mount(c->fl, &lim, SLSIM_FS_MOUNT_TOOL, &c->fs, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slsim_fs_mount__states_of_the_medium),
        cmocka_unit_test_setup_teardown(test_slsim_fs_mount__newest_valid_slot_wins, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_slsim_fs_mount__both_slots_damaged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_slsim_fs_read__damaged_data_is_detected, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_slsim_fs_write_file__secure_content_is_encrypted,
                                        setup, teardown),
        cmocka_unit_test(test_slsim_fs_round_max_size__granularity),
        cmocka_unit_test_setup_teardown(test_slsim_fs_alloc__smallest_hole_that_fits, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_slsim_fs_alloc__system_reserve, setup, teardown),
        cmocka_unit_test_setup_teardown(test_slsim_fs_close__stale_handle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_slsim_fs_close__dead_after_power_loss, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_slsim_fs_mount__tool_mount_writes_nothing, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
