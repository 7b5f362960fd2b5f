/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fs_test_util.h
 * @brief Shared setup for the black-box tests of the TI file-system API (tests/unit/api): a
 *        freshly formatted device image in a temporary directory, selected for the calling
 *        thread, plus small sl_Fs* helpers that return the first failing SL code.
 *
 * The tests are written from the reference (simplelink-api.md §6, §7.1; nwp-behaviour.md C)
 * and docs/fs.md, not from the implementation. Include after <cmocka.h>.
 */
#ifndef SLSIM_TESTS_FS_TEST_UTIL_H
#define SLSIM_TESTS_FS_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ti/drivers/net/wifi/simplelink.h>
#include <slsim/emu.h>

#include "device_env.h"

/** One emulated device on its own image in its own temporary directory. */
struct fs_env {
    struct slsim_test_device t;
    const char *img;          /**< t.img */
    struct slsim_device *dev; /**< t.dev */
};

/** Default image: 256 sectors = 1 MiB. */
#define FS_ENV_SECTORS 256u

/**
 * Formats an image of @p sectors sectors with @p profile ("cc3220s", "cc3220r"), writes the
 * device configuration, opens the device and selects it for the calling thread. With
 * @p start, sl_Start is called and must return a role (>= 0). NULL on failure (printed).
 */
struct fs_env *fs_env_new(const char *profile, uint32_t sectors, bool start);

/** sl_Stop(0) (result ignored), closes the device, removes the directory. NULL-safe. */
void fs_env_free(struct fs_env *env);

/** cmocka fixtures: *state is the struct fs_env. */
int fs_setup(void **state);         /**< cc3220s, 1 MiB, started */
int fs_setup_stopped(void **state); /**< cc3220s, 1 MiB, not started */
int fs_setup_r(void **state);       /**< cc3220r, 1 MiB, started */
int fs_teardown(void **state);

/** Reports "got X, want Y" in decimal (SL codes are negative) and fails the test. */
void fs_check_sl(
    long got, long want, const char *got_s, const char *want_s, const char *file, int line);
#define assert_sl(got, want) fs_check_sl((long)(got), (long)(want), #got, #want, __FILE__, __LINE__)

/** sl_Start(NULL, NULL, NULL). */
long fs_start(void);

/** Name argument of the TI calls (const _u8 *). */
#define FS_NAME(s) ((const _u8 *)(s))

/** Fills @p buf with "/" followed by 'a'.. so that strlen(buf) == @p len (buf holds len+1). */
void fs_make_name(char *buf, size_t len, char fill);

/**
 * Opens @p name with SL_FS_CREATE | SL_FS_WRITE | @p flags | SL_FS_CREATE_MAX_SIZE(@p max),
 * writes @p len bytes of @p data at 0 (none if len is 0), closes. *token (may be NULL) is
 * passed in and receives the token sl_FsOpen returns. 0 or the first negative SL code.
 */
long fs_create(const char *name,
               uint32_t flags,
               uint32_t max,
               const void *data,
               uint32_t len,
               uint32_t *token);

/** Opens @p name with SL_FS_WRITE | @p flags (token @p token), writes, closes. 0 or error. */
long fs_rewrite(const char *name, uint32_t flags, uint32_t token, const void *data, uint32_t len);

/** Opens for read with @p token, reads up to @p cap bytes at 0, closes. Bytes or error. */
long fs_read_all(const char *name, uint32_t token, void *buf, uint32_t cap);

/** True if reading @p name (token @p token) gives exactly the string @p want. */
bool fs_content_is(const char *name, uint32_t token, const char *want);

/** sl_FsGetInfo with a zeroed struct; returns its code. */
long fs_info(const char *name, uint32_t token, SlFsFileInfo_t *info);

/** sl_FsCtl(SL_FS_CTL_GET_STORAGE_INFO). 0 or error. */
long fs_storage(SlFsControlGetStorageInfoResponse_t *out);

/** sl_FsCtl of a command taking a file name and SlFsControl_t (COMMIT, ROLLBACK). */
long fs_file_ctl(SlFsCtl_e cmd, const char *name, uint32_t token);

/** sl_FsCtl(SL_FS_CTL_BUNDLE_COMMIT / _ROLLBACK): the new state or an error. */
long fs_bundle_ctl(SlFsCtl_e cmd);

/** sl_FsCtl(SL_FS_CTL_RENAME, token, from, to). */
long fs_rename(const char *from, const char *to, uint32_t token);

/** Reads the whole host file @p path into a malloc'd buffer (NULL on failure). */
uint8_t *fs_slurp(const char *path, size_t *len);

/** True if @p needle occurs in @p hay (memmem without _GNU_SOURCE). */
bool fs_contains(const uint8_t *hay, size_t hay_len, const void *needle, size_t needle_len);

#endif /* SLSIM_TESTS_FS_TEST_UTIL_H */
