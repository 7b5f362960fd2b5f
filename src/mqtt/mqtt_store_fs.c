/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file mqtt_store_fs.c
 * @brief The client's queue persisted in one fail-safe device file through the TI file API.
 *
 * A fail-safe file (SL_FS_CREATE_FAILSAFE) keeps a mirror copy: a write session opened with
 * SL_FS_WRITE goes to the shadow copy and becomes the file's content only at sl_FsClose, so a
 * power cut during save() leaves the previous queue intact. File content: "SMQF", u32 blob
 * length (big-endian), blob. The file is created with max size 8 + max_blob.
 */
#include "mqtt/mqtt_transport_sl.h"

#include <string.h>

#include <ti/drivers/net/wifi/simplelink.h>

#include "core/banned.h"

#define HEAD 8u

static int32_t store_load(void *ctx, uint8_t *buf, size_t cap, size_t *len)
{
    struct slsim_mqtt_store_fs *fs = ctx;
    *len = 0;
    _u32 token = 0;
    _i32 h = sl_FsOpen((const _u8 *)fs->file_name, SL_FS_READ, &token);
    if (h == SL_ERROR_FS_FILE_NOT_EXISTS) {
        return 0; /* nothing stored yet */
    }
    if (h < 0) {
        return fs->last_sl_error = h;
    }
    uint8_t head[HEAD];
    int32_t rc = sl_FsRead(h, 0, head, HEAD);
    uint32_t n =
        (uint32_t)head[4] << 24 | (uint32_t)head[5] << 16 | (uint32_t)head[6] << 8 | head[7];
    if (rc == (int32_t)HEAD && memcmp(head, "SMQF", 4) == 0 && n <= cap) {
        rc = n == 0 ? 0 : sl_FsRead(h, HEAD, buf, n);
        rc = rc == (int32_t)n ? 0 : SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
    } else if (rc >= 0) {
        rc = SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
    }
    (void)sl_FsClose(h, NULL, NULL, 0);
    if (rc < 0) {
        return fs->last_sl_error = rc;
    }
    *len = n;
    return 0;
}

static _i32 open_for_write(const struct slsim_mqtt_store_fs *fs)
{
    _u32 token = 0;
    _i32 h = sl_FsOpen((const _u8 *)fs->file_name, SL_FS_WRITE, &token);
    if (h == SL_ERROR_FS_FILE_NOT_EXISTS) {
        _u32 mode = SL_FS_CREATE | SL_FS_OVERWRITE | SL_FS_CREATE_FAILSAFE |
                    SL_FS_CREATE_MAX_SIZE(HEAD + fs->max_blob);
        h = sl_FsOpen((const _u8 *)fs->file_name, mode, &token);
    }
    return h;
}

static int32_t store_save(void *ctx, const uint8_t *buf, size_t len)
{
    struct slsim_mqtt_store_fs *fs = ctx;
    if (len > fs->max_blob) {
        return fs->last_sl_error = SL_ERROR_FS_FILE_MAX_SIZE_EXCEEDED;
    }
    _i32 h = open_for_write(fs);
    if (h < 0) {
        return fs->last_sl_error = h;
    }
    uint8_t head[HEAD] = {
        'S',         'M', 'Q', 'F', (uint8_t)(len >> 24), (uint8_t)(len >> 16), (uint8_t)(len >> 8),
        (uint8_t)len
    };
    int32_t rc = sl_FsWrite(h, 0, head, HEAD);
    if (rc == (int32_t)HEAD && len > 0) {
        /* sl_FsWrite takes a non-const pointer but only reads it. */
        rc = sl_FsWrite(h, HEAD, (_u8 *)(uintptr_t)buf, (_u32)len);
        rc = rc == (int32_t)len ? (int32_t)HEAD : rc;
    }
    if (rc != (int32_t)HEAD) {
        /* Abort the write session: the previous content stays (fail-safe). */
        (void)sl_FsClose(h, NULL, (const _u8 *)"A", 1);
        return fs->last_sl_error = rc < 0 ? rc : SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
    }
    rc = sl_FsClose(h, NULL, NULL, 0); /* the commit point */
    if (rc < 0) {
        return fs->last_sl_error = rc;
    }
    return 0;
}

void slsim_mqtt_store_fs_bind(struct slsim_mqtt_store_fs *fs, struct slsim_mqtt_store *out)
{
    out->ctx = fs;
    out->load = store_load;
    out->save = store_save;
}
