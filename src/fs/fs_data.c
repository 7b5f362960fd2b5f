/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fs_data.c
 * @brief Storing and loading one copy of a file's content in its extent.
 *
 * A copy starts with a 512-byte copy header (magic, file id, generation, length, CRC) in its
 * first block, followed by the (for secure files encrypted) content. The file table holds the
 * same length/CRC/generation; both must agree for the copy to be readable.
 */
#include "fs/fs.h"
#include "fs_int.h"

#include <stdlib.h>
#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

static uint32_t copy_first_sector(const struct slsim_fs_file *f, int copy)
{
    return f->start + (uint32_t)copy * f->blocks_per_copy;
}

static void encode_copy_header(
    uint8_t *p, const struct slsim_fs_file *f, uint64_t gen, uint32_t len, uint32_t crc)
{
    memset(p, 0, SLSIM_FS_FILE_OVERHEAD);
    slsim_put_le32(p, FS_COPY_MAGIC);
    slsim_put_le32(p + 4, f->id);
    slsim_put_le64(p + 8, gen);
    slsim_put_le32(p + 16, len);
    slsim_put_le32(p + 20, crc);
    slsim_put_le32(p + 24, slsim_crc32(0, p, 24));
}

int32_t slsim_fs_store_copy(
    struct slsim_fs *fs, struct slsim_fs_file *f, int copy, const uint8_t *data, uint32_t len)
{
    uint64_t gen = fs->hdr.next_gen++;
    size_t total = SLSIM_FS_FILE_OVERHEAD + (size_t)len;
    size_t nsec = (total + SLSIM_FLASH_SECTOR_SIZE - 1) / SLSIM_FLASH_SECTOR_SIZE;
    uint8_t *img = calloc(nsec, SLSIM_FLASH_SECTOR_SIZE);
    if (img == NULL) {
        return SL_ERROR_FS_NO_MEMORY;
    }
    if (len > 0) {
        memcpy(img + SLSIM_FS_FILE_OVERHEAD, data, len);
    }
    int32_t ret = slsim_fs_crypt(fs, f, gen, img + SLSIM_FS_FILE_OVERHEAD, len);
    uint32_t crc = slsim_crc32(0, img + SLSIM_FS_FILE_OVERHEAD, len);
    encode_copy_header(img, f, gen, len, crc);
    uint32_t first = copy_first_sector(f, copy);
    for (size_t i = 0; i < nsec && ret == 0; i++) {
        ret = slsim_flash_write_sector(fs->fl, first + (uint32_t)i,
                                       img + i * SLSIM_FLASH_SECTOR_SIZE);
    }
    free(img);
    if (ret != 0) {
        return slsim_fs_fail(fs, ret);
    }
    f->copy[copy].len = len;
    f->copy[copy].crc = crc;
    f->copy[copy].gen = gen;
    return 0;
}

int32_t slsim_fs_load_copy(
    struct slsim_fs *fs, const struct slsim_fs_file *f, int copy, uint8_t **data, uint32_t *len)
{
    const struct fs_copy *c = &f->copy[copy];
    size_t total = SLSIM_FS_FILE_OVERHEAD + (size_t)c->len;
    uint8_t *img = malloc(total);
    *data = NULL;
    *len = 0;
    if (img == NULL) {
        return SL_ERROR_FS_NO_MEMORY;
    }
    uint64_t off = (uint64_t)copy_first_sector(f, copy) * SLSIM_FLASH_SECTOR_SIZE;
    int32_t ret = slsim_flash_read(fs->fl, off, img, total);
    if (ret == 0 && (slsim_le32(img) != FS_COPY_MAGIC || slsim_le32(img + 4) != f->id ||
                     slsim_le64(img + 8) != c->gen || slsim_le32(img + 16) != c->len ||
                     slsim_le32(img + 24) != slsim_crc32(0, img, 24) ||
                     slsim_crc32(0, img + SLSIM_FS_FILE_OVERHEAD, c->len) != c->crc)) {
        ret = SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
    }
    if (ret == 0) {
        ret = slsim_fs_crypt(fs, f, c->gen, img + SLSIM_FS_FILE_OVERHEAD, c->len);
    }
    if (ret != 0) {
        free(img);
        return ret;
    }
    memmove(img, img + SLSIM_FS_FILE_OVERHEAD, c->len);
    *data = img;
    *len = c->len;
    return 0;
}
