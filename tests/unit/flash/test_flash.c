/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_flash.c
 * @brief The block device: file images (create, size rules, exclusive lock), RAM flash, and
 *        power-cut injection (lost and torn writes).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <ti/drivers/net/wifi/errors.h>

#include "flash/flash.h"

static char dir[64];
static char path[128];

static int setup(void **state)
{
    (void)state;
    (void)snprintf(dir, sizeof(dir), "/tmp/slsim-flash-XXXXXX");
    assert_non_null(mkdtemp(dir));
    (void)snprintf(path, sizeof(path), "%s/dev.img", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    (void)unlink(path);
    (void)rmdir(dir);
    return 0;
}

static void test_slsim_flash_open_file__create_and_reopen(void **state)
{
    (void)state;
    struct slsim_flash *fl = NULL;
    assert_int_equal(slsim_flash_open_file(path, true, 256, &fl, NULL), 0);
    assert_int_equal(slsim_flash_sectors(fl), 256);
    uint8_t sector[SLSIM_FLASH_SECTOR_SIZE];
    memset(sector, 0xA5, sizeof(sector));
    assert_int_equal(slsim_flash_write_sector(fl, 255, sector), 0);
    slsim_flash_close(fl);
    assert_int_equal(slsim_flash_open_file(path, true, 256, &fl, NULL),
                     SL_ERROR_FS_FILE_ALREADY_EXISTS);
    assert_int_equal(slsim_flash_open_file(path, false, 0, &fl, NULL), 0);
    uint8_t back[SLSIM_FLASH_SECTOR_SIZE];
    assert_int_equal(slsim_flash_read(fl, 255u * SLSIM_FLASH_SECTOR_SIZE, back, sizeof(back)), 0);
    assert_memory_equal(back, sector, sizeof(back));
    assert_int_equal(slsim_flash_read(fl, 256u * SLSIM_FLASH_SECTOR_SIZE, back, 1),
                     SL_ERROR_FS_OFFSET_OUT_OF_RANGE);
    assert_int_equal(slsim_flash_write_sector(fl, 256, sector), SL_ERROR_FS_OFFSET_OUT_OF_RANGE);
    slsim_flash_close(fl);
}

static void test_slsim_flash_open_file__exclusive(void **state)
{
    (void)state;
    struct slsim_flash *a = NULL;
    struct slsim_flash *b = NULL;
    struct slsim_diag diag;
    assert_int_equal(slsim_flash_open_file(path, true, 256, &a, NULL), 0);
    assert_int_equal(slsim_flash_open_file(path, false, 0, &b, &diag),
                     SL_ERROR_FS_FILE_SYSTEM_IS_BUSY);
    assert_non_null(strstr(diag.msg, "in use"));
    slsim_flash_close(a);
    assert_int_equal(slsim_flash_open_file(path, false, 0, &b, NULL), 0);
    slsim_flash_close(b);
}

static void test_slsim_flash_open_file_ro__shared_readers(void **state)
{
    (void)state;
    struct slsim_flash *w = NULL;
    struct slsim_flash *r1 = NULL;
    struct slsim_flash *r2 = NULL;
    assert_int_equal(slsim_flash_open_file(path, true, 256, &w, NULL), 0);
    assert_int_equal(slsim_flash_open_file_ro(path, &r1, NULL), SL_ERROR_FS_FILE_SYSTEM_IS_BUSY);
    slsim_flash_close(w);
    assert_int_equal(slsim_flash_open_file_ro(path, &r1, NULL), 0);
    assert_int_equal(slsim_flash_open_file_ro(path, &r2, NULL), 0);
    assert_int_equal(slsim_flash_open_file(path, false, 0, &w, NULL),
                     SL_ERROR_FS_FILE_SYSTEM_IS_BUSY);
    uint8_t s[SLSIM_FLASH_SECTOR_SIZE];
    memset(s, 0, sizeof(s));
    assert_int_equal(slsim_flash_write_sector(r1, 0, s), SL_ERROR_FS_FAILED_TO_WRITE);
    assert_int_equal(slsim_flash_read(r2, 0, s, sizeof(s)), 0);
    assert_int_equal(s[0], 0xFF);
    slsim_flash_close(r1);
    slsim_flash_close(r2);
}

static void test_slsim_flash_open_file__bad_sizes(void **state)
{
    (void)state;
    struct slsim_flash *fl = NULL;
    static const long sizes[] = { 0, 4096, 1048576 - 4096, 1048576 + 1, 33554432 + 4096 };
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(ftruncate(fileno(f), sizes[i]), 0);
        fclose(f);
        struct slsim_diag diag;
        assert_int_equal(slsim_flash_open_file(path, false, 0, &fl, &diag),
                         SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED);
        assert_non_null(strstr(diag.msg, "not an image"));
        (void)unlink(path);
    }
    assert_int_equal(slsim_flash_open_file(path, false, 0, &fl, NULL), SL_ERROR_FS_FILE_NOT_EXISTS);
    assert_int_equal(slsim_flash_open_file(path, true, 100, &fl, NULL), SL_ERROR_FS_INVALID_ARGS);
}

static void test_slsim_flash_set_cut__lost_and_torn(void **state)
{
    (void)state;
    static const struct {
        bool torn;
        uint8_t first_half;
        uint8_t second_half;
    } cases[] = { { false, 0xFF, 0xFF }, { true, 0x11, 0xFF } };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct slsim_flash *fl = NULL;
        uint8_t s[SLSIM_FLASH_SECTOR_SIZE];
        assert_int_equal(slsim_flash_open_ram(4, &fl), 0);
        memset(s, 0x11, sizeof(s));
        slsim_flash_set_cut(fl, 1, cases[i].torn);
        assert_int_equal(slsim_flash_write_sector(fl, 0, s), 0);
        assert_false(slsim_flash_power_lost(fl));
        assert_int_equal(slsim_flash_write_sector(fl, 1, s), SL_ERROR_FS_PROGRAM_FAILURE);
        assert_true(slsim_flash_power_lost(fl));
        assert_int_equal(slsim_flash_write_sector(fl, 2, s), SL_ERROR_FS_PROGRAM_FAILURE);
        assert_int_equal(slsim_flash_sync(fl), SL_ERROR_FS_PROGRAM_FAILURE);
        const uint8_t *m = slsim_flash_ram_data(fl);
        assert_int_equal(m[0], 0x11);
        assert_int_equal(m[SLSIM_FLASH_SECTOR_SIZE], cases[i].first_half);
        assert_int_equal(m[2 * SLSIM_FLASH_SECTOR_SIZE - 1], cases[i].second_half);
        assert_int_equal(m[2 * SLSIM_FLASH_SECTOR_SIZE], 0xFF);
        slsim_flash_power_on(fl);
        assert_int_equal(slsim_flash_write_sector(fl, 2, s), 0);
        assert_int_equal(slsim_flash_write_count(fl), 2);
        slsim_flash_close(fl);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_slsim_flash_open_file__create_and_reopen, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_slsim_flash_open_file__exclusive, setup, teardown),
        cmocka_unit_test_setup_teardown(test_slsim_flash_open_file_ro__shared_readers, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_slsim_flash_open_file__bad_sizes, setup, teardown),
        cmocka_unit_test(test_slsim_flash_set_cut__lost_and_torn),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
