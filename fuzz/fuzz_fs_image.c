/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fuzz_fs_image.c
 * @brief Arbitrary bytes as the start of a device image: mounting, listing, reading, checking
 *        and writing must never crash, hang or read out of bounds.
 *
 * The input is copied to the start of a 32-sector RAM flash (the rest stays erased), so seeds
 * only need to hold the metadata slots and the first data blocks. Fuzz with -max_len=131072.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fs/fs.h"

#define FUZZ_SECTORS 32u

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Recomputes both slots' table and header CRCs (docs/image-format.md), so that the second
 * pass reaches the table decoder and the file operations instead of stopping at a checksum. */
static void fix_checksums(uint8_t *m)
{
    for (unsigned slot = 0; slot < 2; slot++) {
        uint8_t *h = m + (size_t)slot * 8u * SLSIM_FLASH_SECTOR_SIZE;
        uint32_t tlen = slsim_le32(h + 32);
        if (tlen <= 7u * SLSIM_FLASH_SECTOR_SIZE) {
            slsim_put_le32(h + 36, slsim_crc32(0, h + SLSIM_FLASH_SECTOR_SIZE, tlen));
        }
        slsim_put_le32(h + 4092, slsim_crc32(0, h, 4092));
    }
}

static void exercise(const uint8_t *data, size_t size, bool fix)
{
    static const struct slsim_fs_limits lim = {
        .max_files = 240,
        .max_sys_files = 50,
        .name_area_bytes = 3136,
        .max_open_files = 16,
        .sys_reserved_blocks = 2,
        .alert_threshold = 15,
        .secure_device = true,
    };
    struct slsim_flash *fl = NULL;
    struct slsim_fs *fs = NULL;
    if (slsim_flash_open_ram(FUZZ_SECTORS, &fl) != 0) {
        return;
    }
    size_t cap = (size_t)FUZZ_SECTORS * SLSIM_FLASH_SECTOR_SIZE;
    memcpy(slsim_flash_ram_data(fl), data, size < cap ? size : cap);
    if (fix) {
        fix_checksums(slsim_flash_ram_data(fl));
    }
    if (slsim_fs_mount(fl, &lim, SLSIM_FS_MOUNT_BOOT, &fs, NULL) == 0) {
        int32_t idx = -1;
        struct slsim_fs_entry e;
        while (slsim_fs_list_next(fs, &idx, &e) == 1) {
            uint8_t *content = NULL;
            size_t len = 0;
            (void)slsim_fs_read_file(fs, e.name, 0, SLSIM_FS_CALLER_TOOL, &content, &len);
            free(content);
        }
        (void)slsim_fs_check(fs, NULL);
        (void)slsim_fs_write_file(fs, "/fuzz", SLSIM_FS_CF_FAILSAFE, 0, data, size > 64 ? 64 : size,
                                  NULL, SLSIM_FS_CALLER_TOOL);
        (void)slsim_fs_unmount(fs, SLSIM_FS_STOP_DEVICE);
    }
    slsim_flash_close(fl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    exercise(data, size, false);
    exercise(data, size, true);
    return 0;
}
