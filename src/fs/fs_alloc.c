/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fs_alloc.c
 * @brief Block allocation: contiguous extents, smallest hole that fits, no defragmentation
 *        (SWRU455 §9.4.3), with a reserve that only system files may use.
 *
 * The map is rebuilt from the file table at mount; it is never stored, so a cut can never
 * leak blocks: an extent becomes used only when the table that names it is committed.
 */
#include "fs/fs.h"
#include "fs_int.h"

#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

static uint32_t file_blocks(const struct slsim_fs_file *f)
{
    return f->blocks_per_copy * f->ncopies;
}

void slsim_fs_alloc_rebuild(struct slsim_fs *fs)
{
    uint32_t sectors = slsim_flash_sectors(fs->fl);
    memset(fs->used, 0, sectors);
    memset(fs->used, 1, FS_META_SECTORS);
    for (uint32_t i = 0; i < fs->n_files; i++) {
        memset(fs->used + fs->files[i].start, 1, file_blocks(&fs->files[i]));
    }
}

void slsim_fs_alloc_stats(const struct slsim_fs *fs,
                          uint32_t *used,
                          uint32_t *largest_gap,
                          uint32_t *sys_used)
{
    uint32_t sectors = slsim_flash_sectors(fs->fl);
    uint32_t u = 0;
    uint32_t best = 0;
    uint32_t run = 0;
    for (uint32_t s = 0; s < sectors; s++) {
        if (fs->used[s]) {
            u++;
            run = 0;
        } else if (++run > best) {
            best = run;
        }
    }
    uint32_t su = 0;
    for (uint32_t i = 0; i < fs->n_files; i++) {
        if (fs->files[i].state & FS_ST_SYS) {
            su += file_blocks(&fs->files[i]);
        }
    }
    *used = u;
    *largest_gap = best;
    *sys_used = su;
}

/* First block user files may not use: the last sys_reserved_blocks blocks are kept for
 * system files (NumOfReservedBlocksForSystemfiles). */
static uint32_t user_limit(const struct slsim_fs *fs)
{
    uint32_t sectors = slsim_flash_sectors(fs->fl);
    uint32_t reserve = fs->lim.sys_reserved_blocks;
    return sectors - FS_META_SECTORS > reserve ? sectors - reserve : FS_META_SECTORS;
}

uint32_t slsim_fs_alloc_user_free(const struct slsim_fs *fs, uint32_t *largest)
{
    uint32_t end = user_limit(fs);
    uint32_t total = 0;
    uint32_t run = 0;
    uint32_t best = 0;
    for (uint32_t s = FS_META_SECTORS; s < end; s++) {
        if (fs->used[s]) {
            run = 0;
            continue;
        }
        total++;
        if (++run > best) {
            best = run;
        }
    }
    if (largest != NULL) {
        *largest = best;
    }
    return total;
}

int32_t slsim_fs_alloc(struct slsim_fs *fs, uint32_t blocks, bool sys, uint32_t *start)
{
    uint32_t end = sys ? slsim_flash_sectors(fs->fl) : user_limit(fs);
    /* Best fit: the smallest free run that holds the request (no defragmentation). */
    uint32_t best_start = 0;
    uint32_t best_len = UINT32_MAX;
    uint32_t s = FS_META_SECTORS;
    while (s < end) {
        if (fs->used[s]) {
            s++;
            continue;
        }
        uint32_t run_start = s;
        while (s < end && !fs->used[s]) {
            s++;
        }
        uint32_t len = s - run_start;
        if (len >= blocks && len < best_len) {
            best_len = len;
            best_start = run_start;
        }
    }
    if (blocks == 0 || best_len == UINT32_MAX) {
        return SL_ERROR_FS_NOT_ENOUGH_STORAGE_SPACE;
    }
    memset(fs->used + best_start, 1, blocks);
    *start = best_start;
    return 0;
}

void slsim_fs_alloc_free(struct slsim_fs *fs, uint32_t start, uint32_t blocks)
{
    memset(fs->used + start, 0, blocks);
}
