/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fs_mount.c
 * @brief Format, mount (slot selection, validation, boot-time rollback), metadata commit,
 *        unmount.
 */
#include "fs/fs.h"
#include "fs_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

int32_t slsim_fs_fail(struct slsim_fs *fs, int32_t ret)
{
    if (ret == SL_ERROR_FS_PROGRAM_FAILURE || ret == SL_ERROR_FS_FAILED_TO_READ_NVMEM) {
        fs->dead = true;
    }
    return ret;
}

static int32_t
write_slot(struct slsim_flash *fl, unsigned slot, const struct fs_header *h, const uint8_t *table)
{
    uint8_t sector[SLSIM_FLASH_SECTOR_SIZE];
    uint32_t base = slot * FS_SLOT_SECTORS;
    uint32_t nsec = (h->table_len + SLSIM_FLASH_SECTOR_SIZE - 1) / SLSIM_FLASH_SECTOR_SIZE;
    int32_t ret = 0;
    for (uint32_t i = 0; i < nsec && ret == 0; i++) {
        size_t off = (size_t)i * SLSIM_FLASH_SECTOR_SIZE;
        size_t n = h->table_len - off;
        if (n > SLSIM_FLASH_SECTOR_SIZE) {
            n = SLSIM_FLASH_SECTOR_SIZE;
        }
        memset(sector, 0, sizeof(sector));
        memcpy(sector, table + off, n);
        ret = slsim_flash_write_sector(fl, base + 1 + i, sector);
    }
    /* The table must be durable before the header that points at it. */
    if (ret == 0) {
        ret = slsim_flash_sync(fl);
    }
    if (ret == 0) {
        slsim_fs_header_encode(h, sector);
        ret = slsim_flash_write_sector(fl, base, sector);
    }
    if (ret == 0) {
        ret = slsim_flash_sync(fl);
    }
    return ret;
}

int32_t slsim_fs_commit_meta(struct slsim_fs *fs)
{
    if (fs->dead) {
        return SL_ERROR_FS_PROGRAM_FAILURE;
    }
    uint8_t *table = malloc(FS_TABLE_MAX);
    if (table == NULL) {
        return SL_ERROR_FS_NO_MEMORY;
    }
    size_t len = slsim_fs_table_encode(fs->files, fs->n_files, table, FS_TABLE_MAX);
    if (len == 0 && fs->n_files > 0) {
        free(table);
        return SL_ERROR_FS_NO_ENTRIES_AVAILABLE;
    }
    struct fs_header h = fs->hdr;
    h.seq++;
    h.fat_write_counter++;
    h.table_len = (uint32_t)len;
    h.table_crc = slsim_crc32(0, table, len);
    h.n_files = fs->n_files;
    unsigned slot = 1u - fs->cur_slot;
    int32_t ret = write_slot(fs->fl, slot, &h, table);
    free(table);
    if (ret != 0) {
        return slsim_fs_fail(fs, ret);
    }
    fs->hdr = h;
    fs->cur_slot = slot;
    return 0;
}

int32_t slsim_fs_format(struct slsim_flash *fl, const struct slsim_fs_format_opts *opts)
{
    uint32_t sectors = slsim_flash_sectors(fl);
    if (sectors < FS_META_SECTORS + 16) {
        return SL_ERROR_FS_INVALID_ARGS;
    }
    struct fs_header h;
    memset(&h, 0, sizeof(h));
    h.version = FS_FORMAT_VERSION;
    h.sector_count = sectors;
    h.seq = 1;
    h.flags = FS_HF_CLEAN | (opts != NULL && opts->development ? FS_HF_DEVELOPMENT : 0);
    h.alert_threshold = (opts != NULL && opts->alert_threshold) ? opts->alert_threshold : 15;
    h.next_gen = 1;
    h.next_id = 1;
    h.table_crc = slsim_crc32(0, NULL, 0);
    h.created = (uint32_t)time(NULL);
    if (slsim_random(h.key, sizeof(h.key)) != 0 || slsim_random(h.uuid, sizeof(h.uuid)) != 0) {
        return SL_ERROR_FS_FAILED_INIT_STORAGE;
    }
    if (opts != NULL && opts->profile != NULL) {
        (void)snprintf(h.profile, sizeof(h.profile), "%s", opts->profile);
    }
    /* Erase-equivalent: invalidate the other slot so a stale image cannot win. */
    uint8_t zero[SLSIM_FLASH_SECTOR_SIZE];
    memset(zero, 0, sizeof(zero));
    int32_t ret = slsim_flash_write_sector(fl, FS_SLOT_SECTORS, zero);
    if (ret == 0) {
        ret = write_slot(fl, 0, &h, NULL);
    }
    return ret;
}

/* Reads one slot; 0 and *h filled if the header and its table are valid. */
static int32_t read_slot(struct slsim_flash *fl, unsigned slot, struct fs_header *h, uint8_t *table)
{
    uint8_t sector[SLSIM_FLASH_SECTOR_SIZE];
    uint32_t base = slot * FS_SLOT_SECTORS;
    int32_t ret =
        slsim_flash_read(fl, (uint64_t)base * SLSIM_FLASH_SECTOR_SIZE, sector, sizeof(sector));
    if (ret != 0) {
        return ret;
    }
    ret = slsim_fs_header_decode(sector, h);
    if (ret != 0) {
        return ret;
    }
    if (h->sector_count != slsim_flash_sectors(fl)) {
        return SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
    }
    ret = slsim_flash_read(fl, (uint64_t)(base + 1) * SLSIM_FLASH_SECTOR_SIZE, table, h->table_len);
    if (ret != 0) {
        return ret;
    }
    return slsim_crc32(0, table, h->table_len) == h->table_crc
               ? 0
               : SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
}

static int32_t pick_slot(struct slsim_fs *fs, uint8_t *table, struct slsim_diag *diag)
{
    struct fs_header h[2];
    int32_t r[2];
    uint8_t *t1 = table + FS_TABLE_MAX;
    r[0] = read_slot(fs->fl, 0, &h[0], table);
    r[1] = read_slot(fs->fl, 1, &h[1], t1);
    int best = -1;
    if (r[0] == 0 && (r[1] != 0 || h[0].seq >= h[1].seq)) {
        best = 0;
    } else if (r[1] == 0) {
        best = 1;
    }
    if (best < 0) {
        int32_t why = (r[0] == SL_ERROR_FS_EMPTY_SFLASH || r[0] == SL_ERROR_FS_INVALID_MAGIC_NUM)
                          ? r[0]
                          : SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
        if (why == SL_ERROR_FS_EMPTY_SFLASH && r[1] != SL_ERROR_FS_EMPTY_SFLASH &&
            r[1] != SL_ERROR_FS_INVALID_MAGIC_NUM) {
            why = SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
        }
        slsim_diag_set(diag, why,
                       why == SL_ERROR_FS_EMPTY_SFLASH ? "the flash is erased (not formatted)"
                       : why == SL_ERROR_FS_INVALID_MAGIC_NUM ? "not an slsim image (bad magic)"
                                                              : "no valid metadata slot (both "
                                                                "headers or tables fail their "
                                                                "checksums)");
        return why;
    }
    fs->hdr = h[best];
    fs->cur_slot = (unsigned)best;
    if (best == 1) {
        memmove(table, t1, h[1].table_len);
    }
    return 0;
}

static int32_t validate_files(struct slsim_fs *fs, struct slsim_diag *diag)
{
    uint32_t sectors = slsim_flash_sectors(fs->fl);
    for (uint32_t i = 0; i < fs->n_files; i++) {
        const struct slsim_fs_file *f = &fs->files[i];
        uint64_t end = (uint64_t)f->start + (uint64_t)f->blocks_per_copy * f->ncopies;
        if (f->start < FS_META_SECTORS || end > sectors) {
            slsim_diag_set(diag, (int32_t)i, "file '%s' lies outside the data area", f->name);
            return SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
        }
        for (uint32_t j = 0; j < i; j++) {
            const struct slsim_fs_file *g = &fs->files[j];
            uint64_t gend = (uint64_t)g->start + (uint64_t)g->blocks_per_copy * g->ncopies;
            if (slsim_name_equal(f->name, g->name) || (f->start < gend && g->start < end)) {
                slsim_diag_set(diag, (int32_t)i, "files '%s' and '%s' collide", g->name, f->name);
                return SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
            }
        }
    }
    return 0;
}

/* Unclean boot: pending single-file commits and bundles roll back (SWRU455 bundle flow). */
static void rollback_pending(struct slsim_fs *fs)
{
    for (uint32_t i = 0; i < fs->n_files; i++) {
        struct slsim_fs_file *f = &fs->files[i];
        if (f->state & (FS_ST_PENDING_COMMIT | FS_ST_PENDING_BUNDLE)) {
            slsim_fs_rollback_file(f);
            fs->boot.rolled_back = true;
        }
    }
    if (fs->hdr.bundle_state != SLSIM_FS_BUNDLE_STOPPED) {
        fs->hdr.bundle_state = SLSIM_FS_BUNDLE_STOPPED;
        fs->boot.rolled_back = true;
    }
}

static int32_t boot(struct slsim_fs *fs, struct slsim_diag *diag)
{
    if (fs->hdr.flags & FS_HF_LOCKED) {
        slsim_diag_set(diag, (int32_t)fs->hdr.alert_count, "device locked after %u security alerts",
                       fs->hdr.alert_count);
        return SL_ERROR_FS_ALERT_ERR;
    }
    fs->boot.unclean = (fs->hdr.flags & FS_HF_CLEAN) == 0;
    fs->boot.restore_complete = (fs->hdr.flags & FS_HF_RESTORE_COMPLETE) != 0;
    if (fs->boot.unclean) {
        rollback_pending(fs);
    }
    fs->hdr.flags &= ~FS_HF_CLEAN; /* running: a cut from now on is an unclean stop */
    return slsim_fs_commit_meta(fs);
}

static int32_t mount_load(struct slsim_fs *fs, struct slsim_diag *diag)
{
    uint8_t *table = malloc(2 * (size_t)FS_TABLE_MAX);
    if (table == NULL) {
        return SL_ERROR_FS_NO_MEMORY;
    }
    int32_t ret = pick_slot(fs, table, diag);
    if (ret == 0) {
        /* Generations used after the last commit may be on flash already: skip past them so
         * a CTR nonce is never reused (at most a few are used between two commits). */
        fs->hdr.next_gen += 1u << 16;
        fs->n_files = fs->hdr.n_files;
        ret = slsim_fs_table_decode(table, fs->hdr.table_len, fs->n_files, fs->files, diag);
    }
    free(table);
    if (ret == 0) {
        ret = validate_files(fs, diag);
    }
    return ret;
}

int32_t slsim_fs_mount(struct slsim_flash *fl,
                       const struct slsim_fs_limits *lim,
                       enum slsim_fs_mount_mode mode,
                       struct slsim_fs **out,
                       struct slsim_diag *diag)
{
    *out = NULL;
    struct slsim_fs *fs = calloc(1, sizeof(*fs));
    if (fs == NULL) {
        return SL_ERROR_FS_NO_MEMORY;
    }
    fs->fl = fl;
    fs->lim = *lim;
    fs->files = calloc(FS_MAX_FILES_LIMIT, sizeof(*fs->files));
    fs->used = calloc(slsim_flash_sectors(fl), 1);
    int32_t ret = (fs->files == NULL || fs->used == NULL) ? SL_ERROR_FS_NO_MEMORY : 0;
    if (ret == 0) {
        ret = mount_load(fs, diag);
    }
    if (ret == 0) {
        slsim_fs_alloc_rebuild(fs);
        if (fs->hdr.alert_threshold == 0) {
            fs->hdr.alert_threshold = lim->alert_threshold;
        }
        if (mode == SLSIM_FS_MOUNT_BOOT) {
            ret = boot(fs, diag);
        }
    }
    if (ret != 0) {
        slsim_fs_free(fs);
        return ret;
    }
    *out = fs;
    return 0;
}

void slsim_fs_boot_report(const struct slsim_fs *fs, struct slsim_fs_boot_report *rep)
{
    *rep = fs->boot;
}

int32_t slsim_fs_ack_restore(struct slsim_fs *fs)
{
    if (!(fs->hdr.flags & FS_HF_RESTORE_COMPLETE)) {
        return 0;
    }
    fs->hdr.flags &= ~FS_HF_RESTORE_COMPLETE;
    fs->boot.restore_complete = false;
    return slsim_fs_commit_meta(fs);
}

void slsim_fs_free(struct slsim_fs *fs)
{
    if (fs == NULL) {
        return;
    }
    for (unsigned i = 0; i < FS_MAX_HANDLES; i++) {
        free(fs->handles[i].buf);
    }
    free(fs->files);
    free(fs->used);
    free(fs);
}

bool slsim_fs_is_dead(const struct slsim_fs *fs)
{
    return fs->dead;
}

int32_t slsim_fs_unmount(struct slsim_fs *fs, enum slsim_fs_stop how)
{
    if (fs == NULL) {
        return 0;
    }
    int32_t ret = fs->dead ? SL_ERROR_FS_PROGRAM_FAILURE : 0;
    for (unsigned i = 0; i < FS_MAX_HANDLES && ret == 0; i++) {
        if (fs->handles[i].used) {
            slsim_fs_abort_handle(fs, &fs->handles[i]);
        }
    }
    if (ret == 0 && how == SLSIM_FS_STOP_DEVICE) {
        if (fs->hdr.bundle_state == SLSIM_FS_BUNDLE_STARTED) {
            fs->hdr.bundle_state = SLSIM_FS_BUNDLE_PENDING_COMMIT;
        }
        fs->hdr.flags |= FS_HF_CLEAN;
        ret = slsim_fs_commit_meta(fs);
    }
    slsim_fs_free(fs);
    return ret;
}
