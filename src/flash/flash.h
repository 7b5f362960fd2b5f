/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file flash.h
 * @brief The emulated serial flash: a block device of 4 KB sectors over an image file or RAM,
 *        with power-cut injection for tests.
 *
 * Writes are whole sectors. A "power cut" set with slsim_flash_set_cut() lets a given number
 * of sector writes land, optionally tears the next one (only its first half reaches the medium)
 * and then fails every later write with SL_ERROR_FS_PROGRAM_FAILURE, as a device that lost power
 * would. Not thread-safe: the owner (one file system instance) serialises access.
 */
#ifndef SLSIM_FLASH_FLASH_H
#define SLSIM_FLASH_FLASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

#define SLSIM_FLASH_SECTOR_SIZE 4096u
/** Capacity limits of a device image: 1 MB to 32 MB (the largest serial flash CC32xx supports). */
#define SLSIM_FLASH_MIN_SECTORS 256u
#define SLSIM_FLASH_MAX_SECTORS 8192u

struct slsim_flash;

/**
 * Opens an image file. With @p create the file is created (it must not exist) with
 * @p sectors erased (0xFF) sectors; otherwise its size must be a whole number of sectors in
 * the allowed range. The file is locked (flock) for exclusive use while open.
 * @retval 0 success, *out set
 * @retval SL_ERROR_FS_FILE_NOT_EXISTS the file does not exist
 * @retval SL_ERROR_FS_FILE_ALREADY_EXISTS create requested but the file exists
 * @retval SL_ERROR_FS_FILE_SYSTEM_IS_BUSY another process has the image open
 * @retval SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED size is not a valid image size
 * @retval SL_ERROR_FS_FAILED_TO_READ_NVMEM other host I/O error (see @p diag)
 */
int32_t slsim_flash_open_file(const char *path,
                              bool create,
                              uint32_t sectors,
                              struct slsim_flash **out,
                              struct slsim_diag *diag);

/**
 * Opens an existing image file read-only under a shared lock, so several readers (slsim fs ls,
 * get, stat, image info/check) can look at one image while nobody writes it. Sector writes on
 * it fail with SL_ERROR_FS_FAILED_TO_WRITE. Codes as slsim_flash_open_file().
 */
int32_t
slsim_flash_open_file_ro(const char *path, struct slsim_flash **out, struct slsim_diag *diag);

/**
 * Creates a RAM flash of @p sectors erased sectors (any count >= 1, for tests and fuzzing).
 * @retval 0 success
 * @retval SL_ERROR_FS_NO_MEMORY allocation failed
 */
int32_t slsim_flash_open_ram(uint32_t sectors, struct slsim_flash **out);

/** Creates a RAM flash holding a copy of @p data (padded with 0xFF to whole sectors). */
int32_t slsim_flash_open_ram_from(const uint8_t *data, size_t len, struct slsim_flash **out);

/** Closes and frees (NULL-safe). A file image is synced first. */
void slsim_flash_close(struct slsim_flash *fl);

/** Number of sectors. */
uint32_t slsim_flash_sectors(const struct slsim_flash *fl);

/**
 * Reads @p len bytes at byte offset @p off.
 * @retval 0 success
 * @retval SL_ERROR_FS_OFFSET_OUT_OF_RANGE outside the device
 * @retval SL_ERROR_FS_FAILED_TO_READ_NVMEM host I/O error
 */
int32_t slsim_flash_read(struct slsim_flash *fl, uint64_t off, void *buf, size_t len);

/**
 * Programs one whole sector.
 * @retval 0 success
 * @retval SL_ERROR_FS_PROGRAM_FAILURE power was cut (injected) or host I/O failed
 * @retval SL_ERROR_FS_OFFSET_OUT_OF_RANGE no such sector
 */
int32_t slsim_flash_write_sector(struct slsim_flash *fl, uint32_t sector, const uint8_t *data);

/** Makes every write so far durable (fsync for files). 0 or SL_ERROR_FS_PROGRAM_FAILURE. */
int32_t slsim_flash_sync(struct slsim_flash *fl);

/**
 * Arms a power cut: @p writes_before_cut more sector writes succeed, then the next one is
 * lost (or, with @p torn, only its first half lands) and all later writes fail.
 * A negative count disarms.
 */
void slsim_flash_set_cut(struct slsim_flash *fl, int64_t writes_before_cut, bool torn);

/** True once an armed cut has happened. */
bool slsim_flash_power_lost(const struct slsim_flash *fl);

/** Restores power after a cut (the medium keeps what landed). */
void slsim_flash_power_on(struct slsim_flash *fl);

/** Sector writes performed since open (for tests and reports). */
uint64_t slsim_flash_write_count(const struct slsim_flash *fl);

/** RAM backend only: the raw medium (NULL for files). */
uint8_t *slsim_flash_ram_data(struct slsim_flash *fl);

/** Copies the whole medium of @p src into a new RAM flash. */
int32_t slsim_flash_clone_ram(struct slsim_flash *src, struct slsim_flash **out);

#endif /* SLSIM_FLASH_FLASH_H */
