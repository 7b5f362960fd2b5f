/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fs_file.c
 * @brief sl_FsOpen / sl_FsRead / sl_FsWrite / sl_FsClose semantics and open handles.
 *
 * Rules follow SWRU455 §9.4 and TI's host driver (reference simplelink-api.md §6): a file is
 * open for read or write, never both; open-for-write erases (no append); a fail-safe file is
 * rewritten into its other copy so the old content survives until a successful close; a
 * non-fail-safe file loses its valid copy as soon as it is opened for write.
 */
#include "fs/fs.h"
#include "fs_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

#define CREATION_FLAGS                                                                \
    (SLSIM_FS_CF_FAILSAFE | SLSIM_FS_CF_SECURE | SLSIM_FS_CF_NOSIGNATURE |            \
     SLSIM_FS_CF_STATIC_TOKEN | SLSIM_FS_CF_VENDOR_TOKEN | SLSIM_FS_CF_PUBLIC_WRITE | \
     SLSIM_FS_CF_PUBLIC_READ)
#define SECURE_ONLY_FLAGS                                                            \
    (SLSIM_FS_CF_NOSIGNATURE | SLSIM_FS_CF_STATIC_TOKEN | SLSIM_FS_CF_VENDOR_TOKEN | \
     SLSIM_FS_CF_PUBLIC_WRITE | SLSIM_FS_CF_PUBLIC_READ)

enum open_kind { OPEN_READ, OPEN_WRITE, OPEN_CREATE, OPEN_CREATE_OR_WRITE };

uint32_t slsim_fs_round_max_size(uint32_t bytes)
{
    static const uint32_t gran[] = { 256, 1024, 4096, 16384, 65536 };
    for (size_t i = 0; i < sizeof(gran) / sizeof(gran[0]); i++) {
        uint32_t count = (uint32_t)(((uint64_t)bytes + gran[i] - 1) / gran[i]);
        if (count <= 255) {
            return count * gran[i];
        }
    }
    return 255u * 65536u;
}

uint32_t slsim_fs_blocks_for(uint32_t max_size, uint32_t create_flags)
{
    uint32_t per_copy =
        (max_size + SLSIM_FS_FILE_OVERHEAD + SLSIM_FS_BLOCK_SIZE - 1) / SLSIM_FS_BLOCK_SIZE;
    bool two = (create_flags & (SLSIM_FS_CF_FAILSAFE | SLSIM_FS_CF_SECURE)) != 0;
    return per_copy * (two ? 2u : 1u);
}

int32_t slsim_fs_check_name(const char *name)
{
    if (name == NULL || name[0] == '\0' || strnlen(name, SLSIM_FS_NAME_MAX) >= SLSIM_FS_NAME_MAX) {
        return SL_ERROR_FS_WRONG_FILE_NAME;
    }
    return 0;
}

struct slsim_fs_file *slsim_fs_find(struct slsim_fs *fs, const char *name)
{
    for (uint32_t i = 0; i < fs->n_files; i++) {
        if (slsim_name_equal(fs->files[i].name, name)) {
            return &fs->files[i];
        }
    }
    return NULL;
}

int slsim_fs_read_copy(const struct slsim_fs_file *f, const struct slsim_fs *fs)
{
    if (f->pending >= 0) {
        if (f->state & FS_ST_PENDING_COMMIT) {
            return f->pending;
        }
        if ((f->state & FS_ST_PENDING_BUNDLE) &&
            fs->hdr.bundle_state == SLSIM_FS_BUNDLE_PENDING_COMMIT) {
            return f->pending;
        }
    }
    return f->active;
}

uint16_t slsim_fs_info_flags(const struct slsim_fs *fs, const struct slsim_fs_file *f)
{
    uint16_t fl = 0;
    bool secure = (f->cflags & SLSIM_FS_CF_SECURE) != 0;
    if (secure) {
        fl |= SLSIM_FS_INFO_SECURE;
        fl |= (f->cflags & SLSIM_FS_CF_PUBLIC_WRITE) ? SLSIM_FS_INFO_PUBLIC_WRITE : 0;
        fl |= (f->cflags & SLSIM_FS_CF_PUBLIC_READ) ? SLSIM_FS_INFO_PUBLIC_READ : 0;
        fl |= (f->cflags & SLSIM_FS_CF_NOSIGNATURE) ? SLSIM_FS_INFO_NOSIGNATURE : 0;
    }
    fl |= (f->cflags & SLSIM_FS_CF_FAILSAFE) ? 0 : SLSIM_FS_INFO_NOT_FAILSAFE;
    fl |= (f->state & FS_ST_SYS) ? SLSIM_FS_INFO_SYS_FILE : 0;
    fl |= slsim_fs_read_copy(f, fs) < 0 ? SLSIM_FS_INFO_NOT_VALID : 0;
    fl |= (f->state & FS_ST_PENDING_COMMIT) ? SLSIM_FS_INFO_PENDING_COMMIT : 0;
    fl |= (f->state & FS_ST_PENDING_BUNDLE) ? SLSIM_FS_INFO_PENDING_BUNDLE_COMMIT : 0;
    if (f->open_slot >= 0) {
        const struct fs_handle *hd = &fs->handles[f->open_slot];
        fl |= hd->write ? SLSIM_FS_INFO_OPEN_WRITE : SLSIM_FS_INFO_OPEN_READ;
        fl |= hd->must_commit ? SLSIM_FS_INFO_MUST_COMMIT : 0;
        fl |= hd->bundle ? SLSIM_FS_INFO_BUNDLE_FILE : 0;
    }
    return fl;
}

/* ---- handles ------------------------------------------------------------------------------ */

static struct fs_handle *get_handle(struct slsim_fs *fs, int32_t h)
{
    if (h <= 0) {
        return NULL;
    }
    struct fs_handle *hd = &fs->handles[(uint32_t)h % FS_MAX_HANDLES];
    if (!hd->used || hd->serial != (uint32_t)h / FS_MAX_HANDLES) {
        return NULL;
    }
    return hd;
}

static int32_t
new_handle(struct slsim_fs *fs, struct slsim_fs_file *f, bool write, struct fs_handle **out)
{
    unsigned open = 0;
    int slot = -1;
    for (unsigned i = 0; i < FS_MAX_HANDLES; i++) {
        if (fs->handles[i].used) {
            open++;
        } else if (slot < 0) {
            slot = (int)i;
        }
    }
    if (slot < 0 || open >= fs->lim.max_open_files) {
        return SL_ERROR_FS_MAX_OPENED_FILE_EXCEEDED;
    }
    struct fs_handle *hd = &fs->handles[slot];
    memset(hd, 0, sizeof(*hd));
    hd->used = true;
    hd->write = write;
    hd->file = f;
    fs->next_serial = fs->next_serial % 0x3FFFFFu + 1u;
    hd->serial = fs->next_serial;
    f->open_slot = slot;
    *out = hd;
    return (int32_t)(hd->serial * FS_MAX_HANDLES + (uint32_t)slot);
}

static void release_handle(struct fs_handle *hd)
{
    hd->file->open_slot = -1;
    free(hd->buf);
    memset(hd, 0, sizeof(*hd));
}

void slsim_fs_abort_handle(struct slsim_fs *fs, struct fs_handle *hd)
{
    (void)fs; /* the stored copies were never touched: nothing to undo on flash */
    release_handle(hd);
}

static int32_t handle_value(const struct fs_handle *hd, const struct slsim_fs *fs)
{
    return (int32_t)(hd->serial * FS_MAX_HANDLES + (uint32_t)(hd - fs->handles));
}

/* ---- open --------------------------------------------------------------------------------- */

static int32_t parse_mode(uint32_t word, enum open_kind *kind)
{
    switch (word & SLSIM_FS_MODE_MASK) {
    case SLSIM_FS_O_READ:
        *kind = OPEN_READ;
        return 0;
    case SLSIM_FS_O_WRITE:
    case SLSIM_FS_O_OVERWRITE:
        *kind = OPEN_WRITE;
        return 0;
    case SLSIM_FS_O_CREATE:
    case SLSIM_FS_O_CREATE | SLSIM_FS_O_WRITE:
        *kind = OPEN_CREATE;
        return 0;
    case SLSIM_FS_O_CREATE | SLSIM_FS_O_OVERWRITE:
        *kind = OPEN_CREATE_OR_WRITE;
        return 0;
    default:
        return SL_ERROR_FS_INVALID_FILE_MODE;
    }
}

static int32_t
open_read(struct slsim_fs *fs, struct slsim_fs_file *f, uint32_t token, enum slsim_fs_caller caller)
{
    if (f->open_slot >= 0) {
        return SL_ERROR_FS_FILE_IS_ALREADY_OPENED;
    }
    if (caller == SLSIM_FS_CALLER_APP && (f->state & FS_ST_SYS)) {
        return SL_ERROR_FS_SYSTEM_FILE_ACCESS_DENIED;
    }
    if (caller == SLSIM_FS_CALLER_APP && (f->cflags & SLSIM_FS_CF_SECURE) &&
        !fs->lim.secure_device) {
        return SL_ERROR_FS_INVALID_ACCESS_TYPE; /* CC3220R: secure files are NWP-only */
    }
    int32_t ret = slsim_fs_check_token(fs, f, token, false, caller);
    if (ret != 0) {
        return ret;
    }
    int copy = slsim_fs_read_copy(f, fs);
    if (copy < 0) {
        return SL_ERROR_FS_NO_VALID_COPY_EXISTS;
    }
    uint8_t *data = NULL;
    uint32_t len = 0;
    ret = slsim_fs_load_copy(fs, f, copy, &data, &len);
    if (ret != 0) {
        return ret;
    }
    struct fs_handle *hd = NULL;
    ret = new_handle(fs, f, false, &hd);
    if (ret < 0) {
        free(data);
        return ret;
    }
    hd->buf = data;
    hd->len = len;
    hd->cap = len;
    return ret;
}

static int32_t write_checks(struct slsim_fs *fs, const struct slsim_fs_file *f, uint32_t flags)
{
    if (f->open_slot >= 0) {
        return SL_ERROR_FS_FILE_IS_ALREADY_OPENED;
    }
    if (f->state & (FS_ST_PENDING_COMMIT | FS_ST_PENDING_BUNDLE)) {
        return SL_ERROR_FS_FILE_IS_PENDING_COMMIT;
    }
    if ((flags & SLSIM_FS_WF_MUST_COMMIT) && !(f->cflags & SLSIM_FS_CF_FAILSAFE)) {
        return SL_ERROR_FS_FILE_HAS_NO_FAILSAFE;
    }
    if (flags & SLSIM_FS_WF_BUNDLE) {
        if (!(f->cflags & SLSIM_FS_CF_FAILSAFE)) {
            return SL_ERROR_FS_BUNDLE_FILE_SHOULD_BE_CREATED_WITH_FAILSAFE;
        }
        if (fs->hdr.bundle_state == SLSIM_FS_BUNDLE_PENDING_COMMIT) {
            return SL_ERROR_FS_BUNDLE_NOT_IN_CORRECT_STATE;
        }
    }
    return 0;
}

static int32_t open_write(struct slsim_fs *fs,
                          struct slsim_fs_file *f,
                          uint32_t flags,
                          uint32_t token,
                          enum slsim_fs_caller caller)
{
    if (caller == SLSIM_FS_CALLER_APP && (f->state & FS_ST_SYS) &&
        !slsim_fs_sys_name_writable(f->name)) {
        return SL_ERROR_FS_SYSTEM_FILE_ACCESS_DENIED;
    }
    if (caller == SLSIM_FS_CALLER_APP && slsim_name_equal(f->name, SLSIM_FS_CATALOG_NAME)) {
        return SL_ERROR_FS_NOT_SUPPORTED; /* catalog updates go through the tool (see fs.md) */
    }
    int32_t ret = write_checks(fs, f, flags);
    if (ret == 0 && f->open_slot < 0) {
        ret = slsim_fs_check_token(fs, f, token, true, caller);
    }
    if (ret != 0) {
        return ret;
    }
    struct fs_handle *hd = NULL;
    int32_t h = new_handle(fs, f, true, &hd);
    if (h < 0) {
        return h;
    }
    hd->must_commit = (flags & SLSIM_FS_WF_MUST_COMMIT) != 0;
    hd->bundle = (flags & SLSIM_FS_WF_BUNDLE) != 0;
    hd->target = (int8_t)((f->ncopies == 2 && f->active >= 0) ? 1 - f->active : 0);
    if (f->ncopies == 1 && f->active >= 0) {
        /* No mirror: the old content is gone the moment the file is opened for write. */
        f->active = -1;
        hd->invalidated = true;
        ret = slsim_fs_commit_meta(fs);
        if (ret != 0) {
            release_handle(hd);
            return ret;
        }
    }
    return h;
}

static uint32_t name_area_used(const struct slsim_fs *fs)
{
    uint32_t total = 0;
    for (uint32_t i = 0; i < fs->n_files; i++) {
        total += (uint32_t)strlen(fs->files[i].name) + 1u;
    }
    return total;
}

static int32_t create_limits(struct slsim_fs *fs, const char *name, bool sys)
{
    uint32_t nsys = 0;
    for (uint32_t i = 0; i < fs->n_files; i++) {
        nsys += (fs->files[i].state & FS_ST_SYS) ? 1u : 0u;
    }
    uint32_t nuser = fs->n_files - nsys;
    if (fs->n_files >= fs->lim.max_files || fs->n_files >= FS_MAX_FILES_LIMIT ||
        (sys && nsys >= fs->lim.max_sys_files) ||
        (!sys && nuser >= fs->lim.max_files - fs->lim.max_sys_files)) {
        return SL_ERROR_FS_NO_AVAILABLE_NV_INDEX;
    }
    if (name_area_used(fs) + strlen(name) + 1u > fs->lim.name_area_bytes) {
        return SL_ERROR_FS_WARNING_FILE_NAME_NOT_KEPT;
    }
    return 0;
}

static int32_t create_checks(uint32_t flags, uint32_t units)
{
    if (flags & (SLSIM_FS_WF_MUST_COMMIT | SLSIM_FS_WF_BUNDLE)) {
        return SL_ERROR_FS_IGNORE_COMMIT_ROLLBAC_FLAG;
    }
    if ((flags & SECURE_ONLY_FLAGS) && !(flags & SLSIM_FS_CF_SECURE)) {
        return SL_ERROR_FS_WRONG_FILE_OPEN_FLAGS;
    }
    if (units == 0) {
        return SL_ERROR_FS_FILE_INVALID_FILE_SIZE;
    }
    if ((uint64_t)units * 256u > SLSIM_FS_MAX_FILE_SIZE) {
        return SL_ERROR_FS_FILE_MAX_SIZE_EXCEEDED;
    }
    return 0;
}

static void init_entry(struct slsim_fs *fs,
                       struct slsim_fs_file *f,
                       const char *name,
                       uint32_t flags,
                       uint32_t max_size,
                       bool sys)
{
    memset(f, 0, sizeof(*f));
    (void)snprintf(f->name, sizeof(f->name), "%s", name);
    f->cflags = flags & CREATION_FLAGS;
    f->state = sys ? FS_ST_SYS : 0;
    f->max_size = max_size;
    f->ncopies = (flags & (SLSIM_FS_CF_FAILSAFE | SLSIM_FS_CF_SECURE)) ? 2 : 1;
    f->blocks_per_copy = slsim_fs_blocks_for(max_size, 0);
    f->active = -1;
    f->pending = -1;
    f->id = fs->hdr.next_id++;
    f->open_slot = -1;
}

static int32_t create(struct slsim_fs *fs,
                      const char *name,
                      uint32_t flags,
                      uint32_t units,
                      uint32_t *token,
                      enum slsim_fs_caller caller)
{
    bool sys = slsim_fs_is_sys_name(name);
    if (sys && caller == SLSIM_FS_CALLER_APP && !slsim_fs_sys_name_writable(name)) {
        return SL_ERROR_FS_FILE_NAME_RESERVED;
    }
    if (caller == SLSIM_FS_CALLER_APP && slsim_name_equal(name, SLSIM_FS_CATALOG_NAME)) {
        return SL_ERROR_FS_NOT_SUPPORTED; /* catalog updates go through the tool (see fs.md) */
    }
    int32_t ret = create_checks(flags, units);
    if (ret == 0) {
        ret = create_limits(fs, name, sys);
    }
    if (ret != 0) {
        return ret;
    }
    struct slsim_fs_file *f = &fs->files[fs->n_files];
    init_entry(fs, f, name, flags, slsim_fs_round_max_size(units * 256u), sys);
    ret = slsim_fs_alloc(fs, f->blocks_per_copy * f->ncopies, sys, &f->start);
    if (ret != 0) {
        return ret;
    }
    if (f->cflags & SLSIM_FS_CF_SECURE) {
        bool vendor = (f->cflags & SLSIM_FS_CF_VENDOR_TOKEN) != 0;
        f->token[SLSIM_FS_TOKEN_MASTER] = (vendor && token != NULL) ? *token : 0;
        slsim_fs_new_tokens(f, vendor);
    }
    struct fs_handle *hd = NULL;
    int32_t h = new_handle(fs, f, true, &hd);
    if (h < 0) {
        slsim_fs_alloc_free(fs, f->start, f->blocks_per_copy * f->ncopies);
        return h;
    }
    fs->n_files++;
    ret = slsim_fs_commit_meta(fs);
    if (ret != 0) {
        release_handle(hd);
        return ret;
    }
    if (token != NULL) {
        *token = f->token[SLSIM_FS_TOKEN_MASTER];
    }
    return h;
}

static int32_t
open_precheck(const struct slsim_fs *fs, const char *name, enum slsim_fs_caller caller)
{
    if (fs->dead) {
        return SL_ERROR_FS_PROGRAM_FAILURE;
    }
    if ((fs->hdr.flags & FS_HF_LOCKED) && caller != SLSIM_FS_CALLER_TOOL) {
        return SL_ERROR_FS_FILE_SYSTEM_IS_LOCKED;
    }
    return slsim_fs_check_name(name);
}

int32_t slsim_fs_open(struct slsim_fs *fs,
                      const char *name,
                      uint32_t mode_word,
                      uint32_t *token,
                      enum slsim_fs_caller caller)
{
    enum open_kind kind = OPEN_READ;
    int32_t ret = open_precheck(fs, name, caller);
    if (ret == 0) {
        ret = parse_mode(mode_word, &kind);
    }
    if (ret != 0) {
        return ret;
    }
    uint32_t flags = mode_word & SLSIM_FS_FLAGS_MASK;
    if (flags & SLSIM_FS_WF_ENCRYPTED) {
        return SL_ERROR_FS_NOT_SUPPORTED;
    }
    if ((flags & SLSIM_FS_WF_MUST_COMMIT) && (flags & SLSIM_FS_WF_BUNDLE)) {
        return SL_ERROR_FS_WRONG_FILE_OPEN_FLAGS;
    }
    if (kind == OPEN_READ && (flags & (SLSIM_FS_WF_MUST_COMMIT | SLSIM_FS_WF_BUNDLE))) {
        return SL_ERROR_FS_WRONG_FILE_OPEN_FLAGS;
    }
    struct slsim_fs_file *f = slsim_fs_find(fs, name);
    uint32_t tok = token != NULL ? *token : 0;
    switch (kind) {
    case OPEN_READ:
        return f == NULL ? SL_ERROR_FS_FILE_NOT_EXISTS : open_read(fs, f, tok, caller);
    case OPEN_WRITE:
        return f == NULL ? SL_ERROR_FS_FILE_NOT_EXISTS : open_write(fs, f, flags, tok, caller);
    case OPEN_CREATE:
        return f != NULL
                   ? SL_ERROR_FS_FILE_ALREADY_EXISTS
                   : create(fs, name, flags, mode_word & SLSIM_FS_MAXSIZE_MASK, token, caller);
    case OPEN_CREATE_OR_WRITE:
    default:
        return f != NULL
                   ? open_write(fs, f, flags, tok, caller)
                   : create(fs, name, flags, mode_word & SLSIM_FS_MAXSIZE_MASK, token, caller);
    }
}

/* ---- read / write / close ----------------------------------------------------------------- */

int32_t slsim_fs_read(struct slsim_fs *fs, int32_t h, uint32_t off, uint8_t *buf, uint32_t len)
{
    struct fs_handle *hd = get_handle(fs, h);
    if (hd == NULL) {
        return SL_ERROR_FS_INVALID_HANDLE;
    }
    if (hd->write) {
        return SL_ERROR_FS_FILE_ACCESS_IS_DIFFERENT;
    }
    if (buf == NULL) {
        return SL_ERROR_FS_INVALID_READ_BUFFER;
    }
    if (len == 0) {
        return SL_ERROR_FS_INVALID_LENGTH_FOR_READ;
    }
    if (off > hd->len) {
        return SL_ERROR_FS_OFFSET_OUT_OF_RANGE;
    }
    uint32_t n = hd->len - off < len ? hd->len - off : len;
    if (n > INT32_MAX) {
        n = INT32_MAX;
    }
    memcpy(buf, hd->buf + off, n);
    return (int32_t)n;
}

static int32_t grow(struct fs_handle *hd, uint32_t need)
{
    if (need <= hd->cap) {
        return 0;
    }
    uint32_t cap = hd->cap ? hd->cap : 1024;
    while (cap < need) {
        cap = cap > UINT32_MAX / 2 ? need : cap * 2;
    }
    if (cap > hd->file->max_size) {
        cap = hd->file->max_size;
    }
    uint8_t *nbuf = realloc(hd->buf, cap);
    if (nbuf == NULL) {
        return SL_ERROR_FS_NO_MEMORY;
    }
    hd->buf = nbuf;
    hd->cap = cap;
    return 0;
}

int32_t
slsim_fs_write(struct slsim_fs *fs, int32_t h, uint32_t off, const uint8_t *buf, uint32_t len)
{
    struct fs_handle *hd = get_handle(fs, h);
    if (hd == NULL) {
        return SL_ERROR_FS_INVALID_HANDLE;
    }
    if (!hd->write) {
        return SL_ERROR_FS_FILE_ACCESS_IS_DIFFERENT;
    }
    if (buf == NULL) {
        return SL_ERROR_FS_INVALID_WRITE_BUFFER;
    }
    if (len == 0) {
        return 0;
    }
    if ((uint64_t)off + len > hd->file->max_size || len > INT32_MAX) {
        return SL_ERROR_FS_OFFSET_OUT_OF_RANGE;
    }
    if ((hd->file->cflags & SLSIM_FS_CF_SECURE) && off != hd->len) {
        return SL_ERROR_FS_OFFSET_NOT_16_BYTE_ALIGN;
    }
    int32_t ret = grow(hd, off + len);
    if (ret != 0) {
        return ret;
    }
    if (off > hd->len) {
        memset(hd->buf + hd->len, 0xFF, off - hd->len); /* a gap reads as erased flash */
    }
    memcpy(hd->buf + off, buf, len);
    if (off + len > hd->len) {
        hd->len = off + len;
    }
    return (int32_t)len;
}

void slsim_fs_set_sigcheck(struct slsim_fs *fs, const struct slsim_fs_sigcheck *chk)
{
    if (chk != NULL) {
        fs->sigcheck = *chk;
    } else {
        memset(&fs->sigcheck, 0, sizeof(fs->sigcheck));
    }
}

static bool is_alert_code(int32_t code)
{
    return code == SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT ||
           code == SL_ERROR_FS_CERT_CHAIN_ERROR_SECURITY_ALERT ||
           code == SL_ERROR_FS_CERT_IN_THE_CHAIN_REVOKED_SECURITY_ALERT;
}

static int32_t signed_close_check(struct slsim_fs *fs,
                                  struct fs_handle *hd,
                                  const char *cert,
                                  const uint8_t *sig,
                                  uint32_t sig_len)
{
    const struct slsim_fs_file *f = hd->file;
    if (!(f->cflags & SLSIM_FS_CF_SECURE) || (f->cflags & SLSIM_FS_CF_NOSIGNATURE)) {
        return 0;
    }
    if (cert == NULL || cert[0] == '\0' || sig == NULL || sig_len == 0 || sig_len > 256) {
        return SL_ERROR_FS_WRONG_SIGNATURE_OR_CERTIFIC_NAME_LENGTH;
    }
    if (fs->sigcheck.verify == NULL) {
        return SL_ERROR_FS_NOT_SUPPORTED; /* nobody can check the signature: never accept it */
    }
    int32_t ret =
        fs->sigcheck.verify(fs->sigcheck.ctx, fs, f->name, cert, hd->buf, hd->len, sig, sig_len);
    if (ret != 0 && is_alert_code(ret) && fs->lim.secure_device) {
        int32_t aret = slsim_fs_alert(fs);
        if (aret != 0) {
            return aret;
        }
    }
    return ret;
}

static int32_t commit_write(struct slsim_fs *fs, struct fs_handle *hd)
{
    struct slsim_fs_file *f = hd->file;
    int32_t ret = slsim_fs_store_copy(fs, f, hd->target, hd->buf, hd->len);
    if (ret != 0) {
        return ret;
    }
    if (hd->must_commit) {
        f->pending = hd->target;
        f->state |= FS_ST_PENDING_COMMIT;
    } else if (hd->bundle) {
        f->pending = hd->target;
        f->state |= FS_ST_PENDING_BUNDLE;
        fs->hdr.bundle_state = SLSIM_FS_BUNDLE_STARTED;
    } else {
        f->active = hd->target;
    }
    f->write_counter++;
    slsim_fs_regen_tokens(f, f->pending >= 0); /* a pending write can be rolled back */
    return slsim_fs_commit_meta(fs);
}

int32_t slsim_fs_close(
    struct slsim_fs *fs, int32_t h, const char *cert_name, const uint8_t *sig, uint32_t sig_len)
{
    struct fs_handle *hd = get_handle(fs, h);
    if (hd == NULL) {
        return SL_ERROR_FS_INVALID_HANDLE;
    }
    if (!hd->write) {
        release_handle(hd);
        return 0;
    }
    if (sig != NULL && sig_len == 1 && sig[0] == 'A') {
        slsim_fs_abort_handle(fs, hd);
        return 0;
    }
    int32_t ret = fs->dead ? SL_ERROR_FS_PROGRAM_FAILURE
                           : signed_close_check(fs, hd, cert_name, sig, sig_len);
    if (ret == 0) {
        ret = commit_write(fs, hd);
    }
    release_handle(hd);
    return ret;
}

int32_t slsim_fs_handle_of(struct slsim_fs *fs, const struct slsim_fs_file *f)
{
    return f->open_slot < 0 ? -1 : handle_value(&fs->handles[f->open_slot], fs);
}
