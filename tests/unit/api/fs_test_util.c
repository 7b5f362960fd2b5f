/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fs_test_util.c
 * @brief Device fixtures and sl_Fs* helpers for the API-level file-system tests.
 *
 * The image is made with the native flash/fs API (tests/support/device_env.c); everything
 * after that goes through the TI API only.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fs_test_util.h"

struct fs_env *fs_env_new(const char *profile, uint32_t sectors, bool start)
{
    struct fs_env *env = calloc(1, sizeof(*env));
    if (env == NULL) {
        return NULL;
    }
    if (slsim_test_device_make(&env->t, "apifs", profile, sectors, NULL) != 0) {
        fs_env_free(env);
        return NULL;
    }
    int32_t ret = slsim_test_device_open(&env->t);
    if (ret != 0) {
        print_error("slsim_emu_device_open: %ld (%s)\n", (long)ret, slsim_emu_last_error());
        fs_env_free(env);
        return NULL;
    }
    env->img = env->t.img;
    env->dev = env->t.dev;
    if (start) {
        long role = fs_start();
        if (role < 0) {
            print_error("sl_Start: %ld (%s)\n", role, slsim_emu_last_error());
            fs_env_free(env);
            return NULL;
        }
    }
    return env;
}

void fs_env_free(struct fs_env *env)
{
    if (env == NULL) {
        return;
    }
    slsim_test_device_free(&env->t, true);
    free(env);
}

int fs_setup(void **state)
{
    *state = fs_env_new("cc3220s", FS_ENV_SECTORS, true);
    return *state == NULL ? -1 : 0;
}

int fs_setup_stopped(void **state)
{
    *state = fs_env_new("cc3220s", FS_ENV_SECTORS, false);
    return *state == NULL ? -1 : 0;
}

int fs_setup_r(void **state)
{
    *state = fs_env_new("cc3220r", FS_ENV_SECTORS, true);
    return *state == NULL ? -1 : 0;
}

int fs_teardown(void **state)
{
    fs_env_free(*state);
    *state = NULL;
    return 0;
}

void fs_check_sl(
    long got, long want, const char *got_s, const char *want_s, const char *file, int line)
{
    if (got != want) {
        print_error("%s = %ld, want %s = %ld\n", got_s, got, want_s, want);
        _fail(file, line);
    }
}

long fs_start(void)
{
    return sl_Start(NULL, NULL, NULL);
}

void fs_make_name(char *buf, size_t len, char fill)
{
    buf[0] = '/';
    for (size_t i = 1; i < len; i++) {
        buf[i] = fill;
    }
    buf[len] = '\0';
}

static long write_close(_i32 h, const void *data, uint32_t len)
{
    long ret = 0;
    if (len > 0) {
        uint8_t *copy = malloc(len);
        if (copy == NULL) {
            return SL_ERROR_FS_NO_MEMORY;
        }
        memcpy(copy, data, len);
        ret = sl_FsWrite(h, 0, copy, len);
        free(copy);
        if (ret >= 0 && ret != (long)len) {
            print_error("sl_FsWrite wrote %ld of %lu\n", ret, (unsigned long)len);
            ret = SL_ERROR_FS_FAILED_TO_WRITE;
        }
    }
    if (ret < 0) {
        (void)sl_FsClose(h, NULL, (const _u8 *)"A", 1);
        return ret;
    }
    return sl_FsClose(h, NULL, NULL, 0);
}

long fs_create(
    const char *name, uint32_t flags, uint32_t max, const void *data, uint32_t len, uint32_t *token)
{
    _u32 tok = token != NULL ? *token : 0;
    _i32 h = sl_FsOpen(FS_NAME(name),
                       SL_FS_CREATE | SL_FS_WRITE | flags | SL_FS_CREATE_MAX_SIZE(max), &tok);
    if (h < 0) {
        return h;
    }
    if (token != NULL) {
        *token = tok;
    }
    return write_close(h, data, len);
}

long fs_rewrite(const char *name, uint32_t flags, uint32_t token, const void *data, uint32_t len)
{
    _u32 tok = token;
    _i32 h = sl_FsOpen(FS_NAME(name), SL_FS_WRITE | flags, &tok);
    if (h < 0) {
        return h;
    }
    return write_close(h, data, len);
}

long fs_read_all(const char *name, uint32_t token, void *buf, uint32_t cap)
{
    _u32 tok = token;
    _i32 h = sl_FsOpen(FS_NAME(name), SL_FS_READ, &tok);
    if (h < 0) {
        return h;
    }
    long n = sl_FsRead(h, 0, buf, cap);
    long c = sl_FsClose(h, NULL, NULL, 0);
    return n < 0 ? n : (c < 0 ? c : n);
}

bool fs_content_is(const char *name, uint32_t token, const char *want)
{
    char buf[4096];
    long n = fs_read_all(name, token, buf, sizeof(buf));
    if (n < 0) {
        print_error("read of %s: %ld\n", name, n);
        return false;
    }
    if ((size_t)n != strlen(want) || memcmp(buf, want, (size_t)n) != 0) {
        print_error("%s holds %.*s, want %s\n", name, (int)n, buf, want);
        return false;
    }
    return true;
}

long fs_info(const char *name, uint32_t token, SlFsFileInfo_t *info)
{
    memset(info, 0, sizeof(*info));
    return sl_FsGetInfo(FS_NAME(name), token, info);
}

long fs_storage(SlFsControlGetStorageInfoResponse_t *out)
{
    memset(out, 0, sizeof(*out));
    return sl_FsCtl(SL_FS_CTL_GET_STORAGE_INFO, 0, NULL, NULL, 0, (_u8 *)out, sizeof(*out), NULL);
}

long fs_file_ctl(SlFsCtl_e cmd, const char *name, uint32_t token)
{
    char nm[SL_FS_MAX_FILE_NAME_LENGTH + 8];
    (void)snprintf(nm, sizeof(nm), "%s", name);
    SlFsControl_t ctl = { .IncludeFilters = 0 };
    _u32 new_token = 0;
    return sl_FsCtl(cmd, token, (_u8 *)nm, (const _u8 *)&ctl, sizeof(ctl), NULL, 0, &new_token);
}

long fs_bundle_ctl(SlFsCtl_e cmd)
{
    SlFsControl_t ctl = { .IncludeFilters = 0 };
    return sl_FsCtl(cmd, 0, NULL, (const _u8 *)&ctl, sizeof(ctl), NULL, 0, NULL);
}

long fs_rename(const char *from, const char *to, uint32_t token)
{
    char a[SL_FS_MAX_FILE_NAME_LENGTH + 8];
    (void)snprintf(a, sizeof(a), "%s", from);
    size_t to_len = strlen(to) + 1;
    return sl_FsCtl(SL_FS_CTL_RENAME, token, (_u8 *)a, (const _u8 *)to, (_u16)to_len, NULL, 0,
                    NULL);
}

uint8_t *fs_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 1u << 20, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) {
            break;
        }
        uint8_t *bigger = realloc(buf, cap * 2);
        if (bigger == NULL) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    if (ferror(f)) {
        free(buf);
        buf = NULL;
    }
    (void)fclose(f);
    *len = n;
    return buf;
}

bool fs_contains(const uint8_t *hay, size_t hay_len, const void *needle, size_t needle_len)
{
    if (needle_len == 0) {
        return true;
    }
    for (size_t i = 0; i + needle_len <= hay_len; i++) {
        if (hay[i] == *(const uint8_t *)needle && memcmp(hay + i, needle, needle_len) == 0) {
            return true;
        }
    }
    return false;
}
