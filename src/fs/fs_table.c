/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fs_table.c
 * @brief Pure encoders/decoders of the image header sector and the file table.
 *
 * Bytes in, structs out: no I/O, no globals, bounds-checked, so fuzz_fs_image can feed any
 * bytes. Layouts are documented in docs/image-format.md.
 */
#include "fs/fs.h"
#include "fs_int.h"

#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

/* Header sector offsets. */
enum {
    H_MAGIC = 0,
    H_VERSION = 8,
    H_SECTOR_SIZE = 12,
    H_SECTOR_COUNT = 16,
    H_SLOT_SECTORS = 20,
    H_SEQ = 24,
    H_TABLE_LEN = 32,
    H_TABLE_CRC = 36,
    H_FLAGS = 40,
    H_ALERTS = 44,
    H_ALERT_THRESHOLD = 48,
    H_BUNDLE = 52,
    H_FAT_WRITES = 56,
    H_NEXT_GEN = 60,
    H_NEXT_ID = 68,
    H_N_FILES = 72,
    H_CREATED = 76,
    H_KEY = 80,
    H_UUID = 112,
    H_PROFILE = 128,
    H_CRC = SLSIM_FLASH_SECTOR_SIZE - 4,
};

void slsim_fs_header_encode(const struct fs_header *h, uint8_t *s)
{
    memset(s, 0, SLSIM_FLASH_SECTOR_SIZE);
    memcpy(s + H_MAGIC, FS_MAGIC, 8);
    slsim_put_le32(s + H_VERSION, FS_FORMAT_VERSION);
    slsim_put_le32(s + H_SECTOR_SIZE, SLSIM_FLASH_SECTOR_SIZE);
    slsim_put_le32(s + H_SECTOR_COUNT, h->sector_count);
    slsim_put_le32(s + H_SLOT_SECTORS, FS_SLOT_SECTORS);
    slsim_put_le64(s + H_SEQ, h->seq);
    slsim_put_le32(s + H_TABLE_LEN, h->table_len);
    slsim_put_le32(s + H_TABLE_CRC, h->table_crc);
    slsim_put_le32(s + H_FLAGS, h->flags);
    slsim_put_le32(s + H_ALERTS, h->alert_count);
    slsim_put_le32(s + H_ALERT_THRESHOLD, h->alert_threshold);
    slsim_put_le32(s + H_BUNDLE, h->bundle_state);
    slsim_put_le32(s + H_FAT_WRITES, h->fat_write_counter);
    slsim_put_le64(s + H_NEXT_GEN, h->next_gen);
    slsim_put_le32(s + H_NEXT_ID, h->next_id);
    slsim_put_le32(s + H_N_FILES, h->n_files);
    slsim_put_le32(s + H_CREATED, h->created);
    memcpy(s + H_KEY, h->key, FS_KEY_LEN);
    memcpy(s + H_UUID, h->uuid, sizeof(h->uuid));
    memcpy(s + H_PROFILE, h->profile, sizeof(h->profile));
    slsim_put_le32(s + H_CRC, slsim_crc32(0, s, H_CRC));
}

static bool all_bytes(const uint8_t *p, size_t n, uint8_t v)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != v) {
            return false;
        }
    }
    return true;
}

int32_t slsim_fs_header_decode(const uint8_t *s, struct fs_header *h)
{
    memset(h, 0, sizeof(*h));
    if (memcmp(s + H_MAGIC, FS_MAGIC, 8) != 0) {
        return all_bytes(s, SLSIM_FLASH_SECTOR_SIZE, 0xFF) ? SL_ERROR_FS_EMPTY_SFLASH
                                                           : SL_ERROR_FS_INVALID_MAGIC_NUM;
    }
    if (slsim_le32(s + H_CRC) != slsim_crc32(0, s, H_CRC)) {
        return SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
    }
    h->version = slsim_le32(s + H_VERSION);
    if (h->version != FS_FORMAT_VERSION ||
        slsim_le32(s + H_SECTOR_SIZE) != SLSIM_FLASH_SECTOR_SIZE ||
        slsim_le32(s + H_SLOT_SECTORS) != FS_SLOT_SECTORS) {
        return SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
    }
    h->sector_count = slsim_le32(s + H_SECTOR_COUNT);
    h->seq = slsim_le64(s + H_SEQ);
    h->table_len = slsim_le32(s + H_TABLE_LEN);
    h->table_crc = slsim_le32(s + H_TABLE_CRC);
    h->flags = slsim_le32(s + H_FLAGS);
    h->alert_count = slsim_le32(s + H_ALERTS);
    h->alert_threshold = slsim_le32(s + H_ALERT_THRESHOLD);
    h->bundle_state = slsim_le32(s + H_BUNDLE);
    h->fat_write_counter = slsim_le32(s + H_FAT_WRITES);
    h->next_gen = slsim_le64(s + H_NEXT_GEN);
    h->next_id = slsim_le32(s + H_NEXT_ID);
    h->n_files = slsim_le32(s + H_N_FILES);
    h->created = slsim_le32(s + H_CREATED);
    memcpy(h->key, s + H_KEY, FS_KEY_LEN);
    memcpy(h->uuid, s + H_UUID, sizeof(h->uuid));
    memcpy(h->profile, s + H_PROFILE, sizeof(h->profile));
    h->profile[sizeof(h->profile) - 1] = '\0';
    if (h->table_len > FS_TABLE_MAX || h->n_files > FS_MAX_FILES_LIMIT ||
        (h->bundle_state != SLSIM_FS_BUNDLE_STOPPED && h->bundle_state != SLSIM_FS_BUNDLE_STARTED &&
         h->bundle_state != SLSIM_FS_BUNDLE_PENDING_COMMIT)) {
        return SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
    }
    return 0;
}

/* Entry layout: see docs/image-format.md "File table". */
static void encode_entry(const struct slsim_fs_file *f, uint8_t *p, size_t name_len)
{
    slsim_put_le16(p + 0, (uint16_t)name_len);
    slsim_put_le16(p + 2, 0);
    slsim_put_le32(p + 4, f->cflags);
    slsim_put_le32(p + 8, f->state);
    slsim_put_le32(p + 12, f->max_size);
    slsim_put_le32(p + 16, f->start);
    slsim_put_le32(p + 20, f->blocks_per_copy);
    p[24] = f->ncopies;
    p[25] = (uint8_t)f->active;
    p[26] = (uint8_t)f->pending;
    p[27] = 0;
    for (int c = 0; c < 2; c++) {
        uint8_t *q = p + 28 + 16 * c;
        slsim_put_le32(q, f->copy[c].len);
        slsim_put_le32(q + 4, f->copy[c].crc);
        slsim_put_le64(q + 8, f->copy[c].gen);
    }
    for (int t = 0; t < 4; t++) {
        slsim_put_le32(p + 60 + 4 * t, f->token[t]);
    }
    slsim_put_le32(p + 76, f->write_counter);
    slsim_put_le32(p + 80, f->id);
    for (int t = 0; t < 3; t++) {
        slsim_put_le32(p + 84 + 4 * t, f->prev_token[t]);
    }
    memcpy(p + FS_ENTRY_FIXED, f->name, name_len);
}

size_t
slsim_fs_table_encode(const struct slsim_fs_file *files, uint32_t n, uint8_t *buf, size_t cap)
{
    size_t off = 0;
    for (uint32_t i = 0; i < n; i++) {
        size_t name_len = strlen(files[i].name);
        if (off + FS_ENTRY_FIXED + name_len > cap) {
            return 0;
        }
        encode_entry(&files[i], buf + off, name_len);
        off += FS_ENTRY_FIXED + name_len;
    }
    return off;
}

static int32_t decode_entry(const uint8_t *p, size_t avail, struct slsim_fs_file *f, size_t *used)
{
    if (avail < FS_ENTRY_FIXED) {
        return SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
    }
    size_t name_len = slsim_le16(p);
    if (name_len == 0 || name_len >= SLSIM_FS_NAME_MAX || avail - FS_ENTRY_FIXED < name_len) {
        return SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
    }
    memset(f, 0, sizeof(*f));
    f->cflags = slsim_le32(p + 4);
    f->state = slsim_le32(p + 8);
    f->max_size = slsim_le32(p + 12);
    f->start = slsim_le32(p + 16);
    f->blocks_per_copy = slsim_le32(p + 20);
    f->ncopies = p[24];
    f->active = (int8_t)p[25];
    f->pending = (int8_t)p[26];
    for (int c = 0; c < 2; c++) {
        const uint8_t *q = p + 28 + 16 * c;
        f->copy[c].len = slsim_le32(q);
        f->copy[c].crc = slsim_le32(q + 4);
        f->copy[c].gen = slsim_le64(q + 8);
    }
    for (int t = 0; t < 4; t++) {
        f->token[t] = slsim_le32(p + 60 + 4 * t);
    }
    f->write_counter = slsim_le32(p + 76);
    f->id = slsim_le32(p + 80);
    for (int t = 0; t < 3; t++) {
        f->prev_token[t] = slsim_le32(p + 84 + 4 * t);
    }
    memcpy(f->name, p + FS_ENTRY_FIXED, name_len);
    f->name[name_len] = '\0';
    f->open_slot = -1;
    if (memchr(f->name, '\0', name_len) != NULL) {
        return SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
    }
    *used = FS_ENTRY_FIXED + name_len;
    return 0;
}

static bool entry_consistent(const struct slsim_fs_file *f)
{
    if (f->ncopies < 1 || f->ncopies > 2 || f->max_size == 0 ||
        f->max_size > SLSIM_FS_MAX_FILE_SIZE || f->active < -1 || f->active >= f->ncopies ||
        f->pending < -1 || f->pending >= f->ncopies || f->blocks_per_copy == 0 ||
        (uint64_t)f->blocks_per_copy * SLSIM_FS_BLOCK_SIZE <
            (uint64_t)f->max_size + SLSIM_FS_FILE_OVERHEAD) {
        return false;
    }
    if (f->pending >= 0 && f->pending == f->active) {
        return false;
    }
    for (int c = 0; c < f->ncopies; c++) {
        if (f->copy[c].len > f->max_size) {
            return false;
        }
    }
    return true;
}

int32_t slsim_fs_table_decode(const uint8_t *buf,
                              size_t len,
                              uint32_t n,
                              struct slsim_fs_file *files,
                              struct slsim_diag *diag)
{
    size_t off = 0;
    if (n > FS_MAX_FILES_LIMIT) {
        slsim_diag_set(diag, (int32_t)n, "file table claims %u files", n);
        return SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
    }
    for (uint32_t i = 0; i < n; i++) {
        size_t used = 0;
        if (decode_entry(buf + off, len - off, &files[i], &used) != 0 ||
            !entry_consistent(&files[i])) {
            slsim_diag_set(diag, (int32_t)off, "file table entry %u at offset %zu is damaged", i,
                           off);
            return SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
        }
        off += used;
    }
    if (off != len) {
        slsim_diag_set(diag, (int32_t)off, "file table has %zu stray bytes", len - off);
        return SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
    }
    return 0;
}
