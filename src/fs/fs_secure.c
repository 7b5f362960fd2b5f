/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fs_secure.c
 * @brief Secure files: tokens, encryption at rest, security alerts, reserved /sys/ names.
 *
 * Contents of secure files are stored AES-256-CTR encrypted with the image's device key
 * (standing in for the chip's device-unique key); the counter block is file id || write
 * generation, and every write takes a fresh generation, so no key stream is reused.
 */
#include "fs/fs.h"
#include "fs_int.h"

#include <string.h>

#include <mbedtls/aes.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

/* System files an application may create or rewrite through the API (SWRU455 Table 9-4). */
static const char *const writable_sys[] = {
    "/sys/certstore.lst",   "/sys/servicepack.ucf", "/sys/mcuimg.bin",      "/sys/mcuflashimg.bin",
    "/sys/mcubootinfo.bin", "/sys/cert/ca.der",     "/sys/cert/client.der", "/sys/cert/private.key",
};

bool slsim_fs_is_sys_name(const char *name)
{
    return slsim_name_has_prefix(name, "/sys/");
}

bool slsim_fs_sys_name_writable(const char *name)
{
    for (size_t i = 0; i < sizeof(writable_sys) / sizeof(writable_sys[0]); i++) {
        if (slsim_name_equal(name, writable_sys[i])) {
            return true;
        }
    }
    return false;
}

static uint32_t random_token(void)
{
    uint32_t t = 0;
    while (t == 0) {
        if (slsim_random(&t, sizeof(t)) != 0) {
            t = 0x5A5A5A5Au; /* host RNG failure: still never 0 */
        }
    }
    return t;
}

void slsim_fs_new_tokens(struct slsim_fs_file *f, bool keep_master)
{
    if (!keep_master) {
        f->token[SLSIM_FS_TOKEN_MASTER] = random_token();
    }
    for (int t = SLSIM_FS_TOKEN_WRITE_READ; t <= SLSIM_FS_TOKEN_READ_ONLY; t++) {
        f->token[t] = random_token();
    }
}

void slsim_fs_regen_tokens(struct slsim_fs_file *f, bool keep_previous)
{
    if (keep_previous) {
        memcpy(f->prev_token, &f->token[SLSIM_FS_TOKEN_WRITE_READ], sizeof(f->prev_token));
    }
    if ((f->cflags & SLSIM_FS_CF_SECURE) && !(f->cflags & SLSIM_FS_CF_STATIC_TOKEN)) {
        slsim_fs_new_tokens(f, true);
    }
}

void slsim_fs_rollback_file(struct slsim_fs_file *f)
{
    /* SWRU455A §8.11: a rollback also rolls back the file's tokens. */
    memcpy(&f->token[SLSIM_FS_TOKEN_WRITE_READ], f->prev_token, sizeof(f->prev_token));
    f->pending = -1;
    f->state &= ~(FS_ST_PENDING_COMMIT | FS_ST_PENDING_BUNDLE);
}

int32_t slsim_fs_alert(struct slsim_fs *fs)
{
    fs->hdr.alert_count++;
    if (fs->hdr.alert_count >= fs->hdr.alert_threshold) {
        fs->hdr.flags |= FS_HF_LOCKED;
    }
    return slsim_fs_commit_meta(fs);
}

int32_t slsim_fs_check_token(struct slsim_fs *fs,
                             const struct slsim_fs_file *f,
                             uint32_t token,
                             bool write,
                             enum slsim_fs_caller caller)
{
    if (caller != SLSIM_FS_CALLER_APP || !(f->cflags & SLSIM_FS_CF_SECURE)) {
        return 0;
    }
    if (write ? (f->cflags & SLSIM_FS_CF_PUBLIC_WRITE) : (f->cflags & SLSIM_FS_CF_PUBLIC_READ)) {
        return 0;
    }
    int ok_ids[2] = { SLSIM_FS_TOKEN_WRITE_READ,
                      write ? SLSIM_FS_TOKEN_WRITE_ONLY : SLSIM_FS_TOKEN_READ_ONLY };
    if (token == f->token[SLSIM_FS_TOKEN_MASTER] || token == f->token[ok_ids[0]] ||
        token == f->token[ok_ids[1]]) {
        return 0;
    }
    if (!fs->lim.secure_device) {
        return SL_ERROR_FS_INVALID_TOKEN;
    }
    int32_t ret = slsim_fs_alert(fs);
    return ret != 0 ? ret : SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT;
}

int32_t slsim_fs_crypt(const struct slsim_fs *fs,
                       const struct slsim_fs_file *f,
                       uint64_t gen,
                       uint8_t *data,
                       size_t len)
{
    if (!(f->cflags & SLSIM_FS_CF_SECURE) || len == 0) {
        return 0;
    }
    mbedtls_aes_context aes;
    unsigned char nonce[16];
    unsigned char block[16];
    size_t nc_off = 0;
    memset(nonce, 0, sizeof(nonce));
    slsim_put_le32(nonce, f->id);
    slsim_put_le64(nonce + 4, gen);
    mbedtls_aes_init(&aes);
    int rc = mbedtls_aes_setkey_enc(&aes, fs->hdr.key, 256);
    if (rc == 0) {
        rc = mbedtls_aes_crypt_ctr(&aes, len, &nc_off, nonce, block, data, data);
    }
    mbedtls_aes_free(&aes);
    memset(block, 0, sizeof(block));
    return rc == 0 ? 0 : SL_ERROR_FS_FAILED_TO_WRITE;
}
