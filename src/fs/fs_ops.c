/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fs_ops.c
 * @brief Name-based operations: delete, info, list, rename, commit/rollback, bundles,
 *        storage info, restore to factory, whole-file helpers and the data check.
 */
#include "fs/fs.h"
#include "fs_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

static int32_t pack(int32_t err, uint32_t ext)
{
    return (int32_t)(((uint32_t)err << 16) | (ext & 0xFFFFu));
}

static int32_t lookup(struct slsim_fs *fs,
                      const char *name,
                      enum slsim_fs_caller caller,
                      struct slsim_fs_file **out)
{
    *out = NULL;
    if (fs->dead) {
        return SL_ERROR_FS_PROGRAM_FAILURE;
    }
    if ((fs->hdr.flags & FS_HF_LOCKED) && caller != SLSIM_FS_CALLER_TOOL) {
        return SL_ERROR_FS_FILE_SYSTEM_IS_LOCKED;
    }
    int32_t ret = slsim_fs_check_name(name);
    if (ret != 0) {
        return ret;
    }
    *out = slsim_fs_find(fs, name);
    return *out == NULL ? SL_ERROR_FS_FILE_NOT_EXISTS : 0;
}

/* Checks shared by delete and rename: the file must be idle and the caller allowed. */
static int32_t modify_checks(struct slsim_fs *fs,
                             struct slsim_fs_file *f,
                             uint32_t token,
                             enum slsim_fs_caller caller)
{
    if (f->open_slot >= 0) {
        return SL_ERROR_FS_FILE_IS_ALREADY_OPENED;
    }
    if (caller == SLSIM_FS_CALLER_APP && (f->state & FS_ST_SYS)) {
        return SL_ERROR_FS_SYSTEM_FILE_ACCESS_DENIED;
    }
    if (f->state & (FS_ST_PENDING_COMMIT | FS_ST_PENDING_BUNDLE)) {
        return SL_ERROR_FS_FILE_IS_PENDING_COMMIT;
    }
    return slsim_fs_check_token(fs, f, token, true, caller);
}

void slsim_fs_remove_entry(struct slsim_fs *fs, struct slsim_fs_file *f)
{
    slsim_fs_alloc_free(fs, f->start, f->blocks_per_copy * f->ncopies);
    size_t idx = (size_t)(f - fs->files);
    /* Open handles point at entries: re-point those that move. */
    for (size_t i = idx + 1; i < fs->n_files; i++) {
        if (fs->files[i].open_slot >= 0) {
            fs->handles[fs->files[i].open_slot].file = &fs->files[i - 1];
        }
    }
    memmove(&fs->files[idx], &fs->files[idx + 1], (fs->n_files - idx - 1) * sizeof(*f));
    fs->n_files--;
}

int32_t
slsim_fs_delete(struct slsim_fs *fs, const char *name, uint32_t token, enum slsim_fs_caller caller)
{
    struct slsim_fs_file *f = NULL;
    int32_t ret = lookup(fs, name, caller, &f);
    if (ret == 0) {
        ret = modify_checks(fs, f, token, caller);
    }
    if (ret != 0) {
        return ret;
    }
    slsim_fs_remove_entry(fs, f);
    return slsim_fs_commit_meta(fs);
}

int32_t slsim_fs_get_info(struct slsim_fs *fs,
                          const char *name,
                          uint32_t token,
                          struct slsim_fs_info *info,
                          enum slsim_fs_caller caller)
{
    struct slsim_fs_file *f = NULL;
    memset(info, 0, sizeof(*info));
    int32_t ret = lookup(fs, name, caller, &f);
    if (ret != 0) {
        return ret;
    }
    int copy = slsim_fs_read_copy(f, fs);
    info->flags = slsim_fs_info_flags(fs, f);
    info->len = copy >= 0 ? f->copy[copy].len : 0;
    info->max_size = f->max_size;
    info->blocks = f->blocks_per_copy * f->ncopies;
    info->storage_size = info->blocks * SLSIM_FS_BLOCK_SIZE;
    info->write_counter = f->write_counter;
    bool secure = (f->cflags & SLSIM_FS_CF_SECURE) != 0;
    if (secure && (caller != SLSIM_FS_CALLER_APP || token == f->token[SLSIM_FS_TOKEN_MASTER])) {
        memcpy(info->token, f->token, sizeof(info->token));
    }
    if (f->open_slot >= 0) {
        return SL_ERROR_FS_FILE_IS_ALREADY_OPENED;
    }
    return copy < 0 ? SL_ERROR_FS_FILE_HAS_NOT_BEEN_CLOSE_CORRECTLY : 0;
}

int32_t slsim_fs_list_next(struct slsim_fs *fs, int32_t *index, struct slsim_fs_entry *e)
{
    if (fs->dead) {
        return SL_ERROR_FS_PROGRAM_FAILURE;
    }
    int64_t i = (int64_t)*index + 1;
    if (i < 0) {
        i = 0;
    }
    if (i >= (int64_t)fs->n_files) {
        return 0;
    }
    const struct slsim_fs_file *f = &fs->files[i];
    int copy = slsim_fs_read_copy(f, fs);
    memset(e, 0, sizeof(*e));
    (void)snprintf(e->name, sizeof(e->name), "%s", f->name);
    e->max_size = f->max_size;
    e->properties = slsim_fs_info_flags(fs, f) & ~SLSIM_FS_INFO_NOSIGNATURE;
    e->blocks = f->blocks_per_copy * f->ncopies;
    e->len = copy >= 0 ? f->copy[copy].len : 0;
    *index = (int32_t)i;
    return 1;
}

static uint32_t names_bytes(const struct slsim_fs *fs)
{
    uint32_t total = 0;
    for (uint32_t i = 0; i < fs->n_files; i++) {
        total += (uint32_t)strlen(fs->files[i].name) + 1u;
    }
    return total;
}

int32_t slsim_fs_rename(struct slsim_fs *fs,
                        const char *name,
                        const char *new_name,
                        uint32_t token,
                        enum slsim_fs_caller caller)
{
    struct slsim_fs_file *f = NULL;
    int32_t ret = lookup(fs, name, caller, &f);
    if (ret == 0) {
        ret = slsim_fs_check_name(new_name);
    }
    if (ret != 0) {
        return ret;
    }
    struct slsim_fs_file *other = slsim_fs_find(fs, new_name);
    if (other != NULL && other != f) {
        return SL_ERROR_FS_FILE_NAME_EXIST;
    }
    if (caller == SLSIM_FS_CALLER_APP && slsim_fs_is_sys_name(new_name)) {
        return SL_ERROR_FS_FILE_NAME_RESERVED;
    }
    ret = modify_checks(fs, f, token, caller);
    if (ret != 0) {
        return ret;
    }
    if (names_bytes(fs) - strlen(f->name) + strlen(new_name) > fs->lim.name_area_bytes) {
        return SL_ERROR_FS_WARNING_FILE_NAME_NOT_KEPT;
    }
    (void)snprintf(f->name, sizeof(f->name), "%s", new_name);
    f->state = (f->state & ~FS_ST_SYS) | (slsim_fs_is_sys_name(new_name) ? FS_ST_SYS : 0);
    return slsim_fs_commit_meta(fs);
}

int32_t slsim_fs_commit(struct slsim_fs *fs,
                        const char *name,
                        uint32_t token,
                        bool commit,
                        uint32_t *new_token,
                        enum slsim_fs_caller caller)
{
    struct slsim_fs_file *f = NULL;
    int32_t ret = lookup(fs, name, caller, &f);
    if (ret != 0) {
        return ret;
    }
    if (caller == SLSIM_FS_CALLER_APP && (f->state & FS_ST_SYS) &&
        !slsim_fs_sys_name_writable(f->name)) {
        return SL_ERROR_FS_SYSTEM_FILE_ACCESS_DENIED;
    }
    if (!(f->cflags & SLSIM_FS_CF_FAILSAFE)) {
        return SL_ERROR_FS_FILE_HAS_NO_FAILSAFE;
    }
    ret = slsim_fs_check_token(fs, f, token, true, caller);
    if (ret != 0) {
        return ret;
    }
    if (f->open_slot >= 0 && fs->handles[f->open_slot].write && !commit) {
        /* Rolling back a file still open for write aborts that write (SWRU455 §8.11). */
        slsim_fs_abort_handle(fs, &fs->handles[f->open_slot]);
        return 0;
    }
    if (f->open_slot >= 0 || !(f->state & FS_ST_PENDING_COMMIT)) {
        return SL_ERROR_FS_INCORRECT_FILE_STATE_FOR_OPERATION;
    }
    if (commit) {
        f->active = f->pending;
        f->pending = -1;
        f->state &= ~FS_ST_PENDING_COMMIT;
    } else {
        slsim_fs_rollback_file(f);
    }
    if (new_token != NULL) {
        *new_token = f->token[SLSIM_FS_TOKEN_MASTER];
    }
    return slsim_fs_commit_meta(fs);
}

int32_t slsim_fs_bundle(struct slsim_fs *fs, bool commit)
{
    if (fs->dead) {
        return SL_ERROR_FS_PROGRAM_FAILURE;
    }
    for (unsigned i = 0; i < FS_MAX_HANDLES; i++) {
        const struct fs_handle *hd = &fs->handles[i];
        if (hd->used && (hd->bundle || (hd->file->state & FS_ST_PENDING_BUNDLE))) {
            return SL_ERROR_FS_BUNDLE_FILES_ARE_OPENED; /* open for read or write */
        }
    }
    if (fs->hdr.bundle_state == SLSIM_FS_BUNDLE_STOPPED) {
        return SL_ERROR_FS_BUNDLE_ALREADY_IN_STATE;
    }
    if (commit && fs->hdr.bundle_state != SLSIM_FS_BUNDLE_PENDING_COMMIT) {
        return SL_ERROR_FS_BUNDLE_NOT_IN_CORRECT_STATE;
    }
    for (uint32_t i = 0; i < fs->n_files; i++) {
        struct slsim_fs_file *f = &fs->files[i];
        if (f->state & FS_ST_PENDING_BUNDLE) {
            if (commit) {
                f->active = f->pending;
                f->pending = -1;
                f->state &= ~FS_ST_PENDING_BUNDLE;
            } else {
                slsim_fs_rollback_file(f);
            }
        }
    }
    fs->hdr.bundle_state = SLSIM_FS_BUNDLE_STOPPED;
    int32_t ret = slsim_fs_commit_meta(fs);
    return ret != 0 ? ret : SLSIM_FS_BUNDLE_STOPPED;
}

int32_t slsim_fs_storage(struct slsim_fs *fs, struct slsim_fs_storage *st)
{
    memset(st, 0, sizeof(*st));
    uint32_t used = 0;
    uint32_t gap = 0;
    uint32_t sys_used = 0;
    slsim_fs_alloc_stats(fs, &used, &gap, &sys_used);
    uint32_t cap = slsim_flash_sectors(fs->fl);
    uint32_t user_gap = 0;
    st->block_size = SLSIM_FS_BLOCK_SIZE;
    st->capacity_blocks = cap;
    st->allocated_blocks = used;
    st->reserved_blocks = FS_META_SECTORS;
    st->reserved_sys_blocks = fs->lim.sys_reserved_blocks;
    st->available_user_blocks = slsim_fs_alloc_user_free(fs, &user_gap);
    st->largest_gap_blocks = user_gap; /* the largest file a user may still create */
    st->max_files = fs->lim.max_files;
    st->max_sys_files = fs->lim.max_sys_files;
    for (uint32_t i = 0; i < fs->n_files; i++) {
        if (fs->files[i].state & FS_ST_SYS) {
            st->sys_files++;
        } else {
            st->user_files++;
        }
    }
    st->alerts = fs->hdr.alert_count;
    st->alert_threshold = fs->hdr.alert_threshold;
    st->fat_write_counter = fs->hdr.fat_write_counter;
    st->bundle_state = fs->hdr.bundle_state;
    st->development = (fs->hdr.flags & FS_HF_DEVELOPMENT) != 0;
    st->locked = (fs->hdr.flags & FS_HF_LOCKED) != 0;
    (void)snprintf(st->profile, sizeof(st->profile), "%s", fs->hdr.profile);
    return 0;
}

int32_t slsim_fs_restore(struct slsim_fs *fs, uint32_t operation)
{
    if (fs->dead) {
        return pack(SL_ERROR_FS_PROGRAM_FAILURE, 0);
    }
    if (operation == 0) {
        return pack(SL_ERROR_FS_PROGRAMMING_IMAGE_NOT_EXISTS, 0);
    }
    if (operation != 2) {
        return pack(SL_ERROR_FS_INVALID_ARGS, 0);
    }
    for (unsigned i = 0; i < FS_MAX_HANDLES; i++) {
        if (fs->handles[i].used) {
            slsim_fs_abort_handle(fs, &fs->handles[i]);
        }
    }
    uint32_t i = 0;
    while (i < fs->n_files) {
        struct slsim_fs_file *f = &fs->files[i];
        if (!(f->state & FS_ST_SYS)) {
            slsim_fs_remove_entry(fs, f);
            continue;
        }
        if (f->pending >= 0) {
            slsim_fs_rollback_file(f);
        }
        i++;
    }
    fs->hdr.bundle_state = SLSIM_FS_BUNDLE_STOPPED;
    fs->hdr.alert_count = 0;
    fs->hdr.flags = (fs->hdr.flags & ~FS_HF_LOCKED) | FS_HF_RESTORE_COMPLETE;
    int32_t ret = slsim_fs_commit_meta(fs);
    return ret != 0 ? pack(ret, 0) : 0;
}

int32_t slsim_fs_read_file(struct slsim_fs *fs,
                           const char *name,
                           uint32_t token,
                           enum slsim_fs_caller caller,
                           uint8_t **data,
                           size_t *len)
{
    *data = NULL;
    *len = 0;
    int32_t h = slsim_fs_open(fs, name, SLSIM_FS_O_READ, &token, caller);
    if (h < 0) {
        return h;
    }
    struct fs_handle *hd = &fs->handles[(uint32_t)h % FS_MAX_HANDLES];
    *data = hd->buf;
    *len = hd->len;
    hd->buf = NULL; /* ownership moves to the caller */
    if (*data == NULL) {
        *data = malloc(1);
        if (*data == NULL) {
            (void)slsim_fs_close(fs, h, NULL, NULL, 0);
            return SL_ERROR_FS_NO_MEMORY;
        }
    }
    return slsim_fs_close(fs, h, NULL, NULL, 0);
}

int32_t slsim_fs_write_file(struct slsim_fs *fs,
                            const char *name,
                            uint32_t create_flags,
                            uint32_t max_size,
                            const uint8_t *data,
                            size_t len,
                            uint32_t *token,
                            enum slsim_fs_caller caller)
{
    if (len > SLSIM_FS_MAX_FILE_SIZE || max_size > SLSIM_FS_MAX_FILE_SIZE) {
        return SL_ERROR_FS_FILE_MAX_SIZE_EXCEEDED;
    }
    if ((create_flags & SLSIM_FS_CF_SECURE) && !(create_flags & SLSIM_FS_CF_NOSIGNATURE)) {
        /* A signed file needs a certificate and a signature at close: this helper has neither,
         * so refuse before creating anything. */
        return SL_ERROR_FS_WRONG_SIGNATURE_OR_CERTIFIC_NAME_LENGTH;
    }
    uint32_t want = max_size != 0 ? max_size : (len > 0 ? (uint32_t)len : 1u);
    uint32_t word = SLSIM_FS_O_CREATE | SLSIM_FS_O_OVERWRITE |
                    (create_flags & SLSIM_FS_FLAGS_MASK) | SLSIM_FS_MAX_SIZE(want);
    int32_t h = slsim_fs_open(fs, name, word, token, caller);
    if (h < 0) {
        return h;
    }
    int32_t ret = len > 0 ? slsim_fs_write(fs, h, 0, data, (uint32_t)len) : 0;
    if (ret < 0) {
        (void)slsim_fs_close(fs, h, NULL, (const uint8_t *)SLSIM_FS_ABORT_SIG, 1);
        return ret;
    }
    return slsim_fs_close(fs, h, NULL, NULL, 0);
}

int32_t slsim_fs_check(struct slsim_fs *fs, struct slsim_diag *diag)
{
    int32_t bad = 0;
    for (uint32_t i = 0; i < fs->n_files; i++) {
        const struct slsim_fs_file *f = &fs->files[i];
        int copies[2] = { f->active, f->pending };
        for (int k = 0; k < 2; k++) {
            if (copies[k] < 0) {
                continue;
            }
            uint8_t *data = NULL;
            uint32_t len = 0;
            int32_t ret = slsim_fs_load_copy(fs, f, copies[k], &data, &len);
            free(data);
            if (ret != 0) {
                bad++;
                slsim_diag_set(diag, ret, "'%s' copy %d fails its checksum", f->name, copies[k]);
            }
        }
    }
    return bad;
}
