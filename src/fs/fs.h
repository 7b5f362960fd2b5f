/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fs.h
 * @brief The device serial-flash file system (CC32xx semantics) on an slsim flash.
 *
 * One struct slsim_fs is one mounted file system. Every function returns an SL code: >= 0 a
 * result, < 0 an SL_ERROR_* from TI's errors.h. Constants below deliberately carry the same
 * numeric values as TI's fs.h (the API layer pins them with _Static_assert), so the TI facade
 * passes mode words and flag bits through unchanged; this module never includes TI's types.
 *
 * Durability: every change that must survive a power cut is committed copy-on-write (see
 * docs/image-format.md); a failed flash write marks the instance dead (every later call returns
 * SL_ERROR_FS_PROGRAM_FAILURE) and the caller must drop it with slsim_fs_free() and remount.
 * Not thread-safe: the owning device serialises calls.
 */
#ifndef SLSIM_FS_FS_H
#define SLSIM_FS_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "flash/flash.h"

/* ---- open-mode word: same layout and values as TI's fs.h ---------------------------------- */
#define SLSIM_FS_MODE_MASK    0xF8000000u
#define SLSIM_FS_FLAGS_MASK   0x07FE0000u
#define SLSIM_FS_MAXSIZE_MASK 0x0001FFFFu

#define SLSIM_FS_O_CREATE    0x08000000u
#define SLSIM_FS_O_WRITE     0x10000000u
#define SLSIM_FS_O_OVERWRITE 0x20000000u
#define SLSIM_FS_O_READ      0x40000000u

#define SLSIM_FS_CF_FAILSAFE     0x00020000u
#define SLSIM_FS_CF_SECURE       0x00040000u
#define SLSIM_FS_CF_NOSIGNATURE  0x00080000u
#define SLSIM_FS_CF_STATIC_TOKEN 0x00100000u
#define SLSIM_FS_CF_VENDOR_TOKEN 0x00200000u
#define SLSIM_FS_CF_PUBLIC_WRITE 0x00400000u
#define SLSIM_FS_CF_PUBLIC_READ  0x00800000u
#define SLSIM_FS_WF_MUST_COMMIT  0x01000000u
#define SLSIM_FS_WF_BUNDLE       0x02000000u
#define SLSIM_FS_WF_ENCRYPTED    0x04000000u

/** Max size field: units of 256 bytes, rounded up (TI's SL_FS_CREATE_MAX_SIZE). */
#define SLSIM_FS_MAX_SIZE(bytes) ((((uint32_t)(bytes) + 255u) / 256u) & SLSIM_FS_MAXSIZE_MASK)

/* ---- file information bits: same values as TI's SL_FS_INFO_* ------------------------------ */
#define SLSIM_FS_INFO_MUST_COMMIT           0x0001u
#define SLSIM_FS_INFO_BUNDLE_FILE           0x0002u
#define SLSIM_FS_INFO_PENDING_COMMIT        0x0004u
#define SLSIM_FS_INFO_PENDING_BUNDLE_COMMIT 0x0008u
#define SLSIM_FS_INFO_SECURE                0x0010u
#define SLSIM_FS_INFO_NOT_FAILSAFE          0x0020u
#define SLSIM_FS_INFO_SYS_FILE              0x0040u
#define SLSIM_FS_INFO_NOT_VALID             0x0100u
#define SLSIM_FS_INFO_PUBLIC_WRITE          0x0200u
#define SLSIM_FS_INFO_PUBLIC_READ           0x0400u
#define SLSIM_FS_INFO_OPEN_READ             0x0800u
#define SLSIM_FS_INFO_OPEN_WRITE            0x1000u
#define SLSIM_FS_INFO_NOSIGNATURE           0x2000u

/** Token indexes (TI's SlFsTokenId_e). */
enum slsim_fs_token_id {
    SLSIM_FS_TOKEN_MASTER = 0,
    SLSIM_FS_TOKEN_WRITE_READ = 1,
    SLSIM_FS_TOKEN_WRITE_ONLY = 2,
    SLSIM_FS_TOKEN_READ_ONLY = 3,
};

/** Bundle states (TI's SlFsBundleState_e values). */
enum slsim_fs_bundle_state {
    SLSIM_FS_BUNDLE_STOPPED = 0,
    SLSIM_FS_BUNDLE_STARTED = 1,
    SLSIM_FS_BUNDLE_PENDING_COMMIT = 3,
};

#define SLSIM_FS_NAME_MAX      180u /**< names must be shorter than this (TI: strlen >= 180 fails) */
#define SLSIM_FS_BLOCK_SIZE    4096u
#define SLSIM_FS_FILE_OVERHEAD 512u /**< per-copy header bytes charged inside the first block */
#define SLSIM_FS_MAX_FILE_SIZE 0xFF0000u
#define SLSIM_FS_ABORT_SIG     "A" /**< sl_FsClose(fd, NULL, "A", 1) aborts the write */
#define SLSIM_FS_CATALOG_NAME  "/sys/certstore.lst" /**< the trusted-root catalog */

/** Who is calling: the application through the TI API, the NWP itself, or a provisioning tool. */
enum slsim_fs_caller {
    SLSIM_FS_CALLER_APP = 0,  /**< TI API rules: /sys/ reserved, tokens checked, alerts */
    SLSIM_FS_CALLER_NWP = 1,  /**< the emulated NWP reading certificates/keys for TLS */
    SLSIM_FS_CALLER_TOOL = 2, /**< slsim image/fs tools: the programming path (like UniFlash) */
};

/** Per-device limits; come from the device profile. */
struct slsim_fs_limits {
    uint32_t max_files;           /**< all files, system files included (240) */
    uint32_t max_sys_files;       /**< of which at most this many system files (50) */
    uint32_t name_area_bytes;     /**< total bytes for names incl. NULs (3136) */
    uint32_t max_open_files;      /**< simultaneously open handles */
    uint32_t sys_reserved_blocks; /**< blocks user files may not use (kept for system files) */
    uint32_t alert_threshold;     /**< security alerts before the device locks */
    bool secure_device;           /**< false on CC3220R: wrong tokens are no security alerts */
};

/** Options of slsim_fs_format(). */
struct slsim_fs_format_opts {
    const char *profile; /**< profile name recorded in the image (informational, <= 15 chars) */
    uint32_t alert_threshold;
    bool development; /**< development-format image (IsDevlopmentFormatType) */
};

/** Mount modes. */
enum slsim_fs_mount_mode {
    SLSIM_FS_MOUNT_TOOL = 0, /**< inspect/modify without booting: no rollback, lock ignored */
    SLSIM_FS_MOUNT_BOOT = 1, /**< device sl_Start: unclean boot rolls back, lock enforced */
};

/** What a boot mount found (slsim_fs_boot_report()). */
struct slsim_fs_boot_report {
    bool unclean;          /**< the previous run did not end with a clean stop */
    bool rolled_back;      /**< pending commits/bundles were rolled back because of it */
    bool restore_complete; /**< a restore-to-factory finished; the device must reset */
};

/** Unmount modes. */
enum slsim_fs_stop {
    SLSIM_FS_STOP_TOOL = 0,   /**< a tool closes the image: device state untouched */
    SLSIM_FS_STOP_DEVICE = 1, /**< sl_Stop: clean stop, a started bundle becomes pending commit */
};

/** sl_FsGetInfo equivalent. */
struct slsim_fs_info {
    uint16_t flags;         /**< SLSIM_FS_INFO_* */
    uint32_t len;           /**< bytes in the copy a reader would see */
    uint32_t max_size;      /**< maximum size in bytes, as the device rounded it */
    uint32_t token[4];      /**< filled only when asked with the master token */
    uint32_t storage_size;  /**< bytes used on flash including the mirror */
    uint32_t write_counter; /**< successful writes (closes) */
    uint32_t blocks;        /**< 4 KB blocks allocated */
};

/** One file-list entry. */
struct slsim_fs_entry {
    char name[SLSIM_FS_NAME_MAX];
    uint32_t max_size;
    uint32_t properties; /**< SLSIM_FS_INFO_* without NOSIGNATURE (as the chip's file list) */
    uint32_t blocks;
    uint32_t len;
};

/** Storage usage (SL_FS_CTL_GET_STORAGE_INFO). */
struct slsim_fs_storage {
    uint32_t block_size;
    uint32_t capacity_blocks;
    uint32_t allocated_blocks;
    uint32_t reserved_blocks;
    uint32_t reserved_sys_blocks;
    uint32_t largest_gap_blocks;
    uint32_t available_user_blocks;
    uint32_t max_files;
    uint32_t max_sys_files;
    uint32_t user_files;
    uint32_t sys_files;
    uint32_t alerts;
    uint32_t alert_threshold;
    uint32_t fat_write_counter;
    uint32_t bundle_state;
    bool development;
    bool locked;
    char profile[16];
};

struct slsim_fs;

/**
 * File-signature verification, supplied by the file system's owner (the device wires the trust
 * module in, so that fs does not depend on the catalog).
 */
struct slsim_fs_sigcheck {
    /**
     * Verifies @p sig over @p data (the content being closed into file @p file_name) with the
     * certificate file @p cert_name on @p fs. Returns 0, or the SL_ERROR_FS_* code the chip gives
     * (-10287, -10289, -10290, -10292, -10273, -10372, ...). Codes whose name ends in
     * SECURITY_ALERT are counted as security alerts by the file system.
     */
    int32_t (*verify)(void *ctx,
                      struct slsim_fs *fs,
                      const char *file_name,
                      const char *cert_name,
                      const uint8_t *data,
                      size_t len,
                      const uint8_t *sig,
                      size_t sig_len);
    void *ctx;
};

/** Installs (or with NULL removes) the signature verifier used by signed closes. */
void slsim_fs_set_sigcheck(struct slsim_fs *fs, const struct slsim_fs_sigcheck *chk);

/**
 * Writes an empty file system on @p fl (erasing everything on it).
 * @retval 0 success
 * @retval SL_ERROR_FS_INVALID_ARGS too small a flash
 * @retval SL_ERROR_FS_PROGRAM_FAILURE a flash write failed
 */
int32_t slsim_fs_format(struct slsim_flash *fl, const struct slsim_fs_format_opts *opts);

/**
 * Mounts the file system on @p fl. The flash stays owned by the caller.
 * @retval 0 success, *out set
 * @retval SL_ERROR_FS_EMPTY_SFLASH the flash is erased (never formatted)
 * @retval SL_ERROR_FS_INVALID_MAGIC_NUM not an slsim image
 * @retval SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED metadata damaged or inconsistent (see @p diag)
 * @retval SL_ERROR_FS_ALERT_ERR boot mount of a device locked by security alerts
 * @retval SL_ERROR_FS_NO_MEMORY allocation failed
 */
int32_t slsim_fs_mount(struct slsim_flash *fl,
                       const struct slsim_fs_limits *lim,
                       enum slsim_fs_mount_mode mode,
                       struct slsim_fs **out,
                       struct slsim_diag *diag);

/** The boot report of the last boot mount (all false for tool mounts). */
void slsim_fs_boot_report(const struct slsim_fs *fs, struct slsim_fs_boot_report *rep);

/** Acknowledges a completed restore (clears the flag so the next boot is normal). */
int32_t slsim_fs_ack_restore(struct slsim_fs *fs);

/**
 * Aborts every open handle, records the stop and frees the instance (even on error).
 * @retval 0 success
 * @retval SL_ERROR_FS_PROGRAM_FAILURE the final commit failed (power lost)
 */
int32_t slsim_fs_unmount(struct slsim_fs *fs, enum slsim_fs_stop how);

/** Frees without writing anything (what a power cut does). NULL-safe. */
void slsim_fs_free(struct slsim_fs *fs);

/** True once a flash write failed; the instance then refuses everything. */
bool slsim_fs_is_dead(const struct slsim_fs *fs);

/**
 * sl_FsOpen: @p mode_word is TI's AccessModeAndMaxSize. Returns a handle (> 0).
 * On create of a secure file *token receives the master token (with VENDOR_TOKEN it supplies
 * it); @p token may be NULL (token 0).
 * @retval SL_ERROR_FS_INVALID_FILE_MODE mode bits are not one of the allowed combinations
 * @retval SL_ERROR_FS_WRONG_FILE_NAME empty name or strlen >= 180
 * @retval SL_ERROR_FS_FILE_NOT_EXISTS read/write of a missing file
 * @retval SL_ERROR_FS_FILE_ALREADY_EXISTS create of an existing file
 * @retval SL_ERROR_FS_FILE_INVALID_FILE_SIZE create with max size 0
 * @retval SL_ERROR_FS_FILE_MAX_SIZE_EXCEEDED create with max size > 0xFF0000
 * @retval SL_ERROR_FS_NOT_ENOUGH_STORAGE_SPACE no hole large enough
 * @retval SL_ERROR_FS_NO_AVAILABLE_NV_INDEX too many files (or system files)
 * @retval SL_ERROR_FS_WARNING_FILE_NAME_NOT_KEPT the name area is full (slsim refuses)
 * @retval SL_ERROR_FS_FILE_IS_ALREADY_OPENED the file is open
 * @retval SL_ERROR_FS_MAX_OPENED_FILE_EXCEEDED too many open handles
 * @retval SL_ERROR_FS_FILE_NAME_RESERVED app creating a reserved /sys/ name
 * @retval SL_ERROR_FS_SYSTEM_FILE_ACCESS_DENIED app reading a system file
 * @retval SL_ERROR_FS_WRONG_FILE_OPEN_FLAGS inconsistent flags
 * @retval SL_ERROR_FS_IGNORE_COMMIT_ROLLBAC_FLAG commit/bundle flag when creating
 * @retval SL_ERROR_FS_FILE_HAS_NO_FAILSAFE MUST_COMMIT on a non fail-safe file
 * @retval SL_ERROR_FS_BUNDLE_FILE_SHOULD_BE_CREATED_WITH_FAILSAFE bundle flag, not fail-safe
 * @retval SL_ERROR_FS_BUNDLE_NOT_IN_CORRECT_STATE bundle write while the bundle awaits commit
 * @retval SL_ERROR_FS_FILE_IS_PENDING_COMMIT write of a file awaiting commit
 * @retval SL_ERROR_FS_NO_VALID_COPY_EXISTS read of a file that was never closed
 * @retval SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT wrong token (counts as an alert)
 * @retval SL_ERROR_FS_INVALID_TOKEN wrong token on a non-secure device
 * @retval SL_ERROR_FS_INVALID_ACCESS_TYPE app reading a secure file on a non-secure device
 * @retval SL_ERROR_FS_NOT_SUPPORTED encrypted (secure content) write sessions
 * @retval SL_ERROR_FS_FILE_SYSTEM_IS_LOCKED device locked by security alerts
 * @retval SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED the stored copy fails its checksum
 */
int32_t slsim_fs_open(struct slsim_fs *fs,
                      const char *name,
                      uint32_t mode_word,
                      uint32_t *token,
                      enum slsim_fs_caller caller);

/**
 * sl_FsRead: bytes read (may be fewer than @p len at the end of the file; 0 at the end).
 * @retval SL_ERROR_FS_INVALID_HANDLE unknown handle
 * @retval SL_ERROR_FS_FILE_ACCESS_IS_DIFFERENT handle opened for write
 * @retval SL_ERROR_FS_INVALID_READ_BUFFER NULL buffer
 * @retval SL_ERROR_FS_INVALID_LENGTH_FOR_READ length 0
 * @retval SL_ERROR_FS_OFFSET_OUT_OF_RANGE offset beyond the end of the file
 */
int32_t slsim_fs_read(struct slsim_fs *fs, int32_t h, uint32_t off, uint8_t *buf, uint32_t len);

/**
 * sl_FsWrite: bytes written (all of @p len).
 * @retval SL_ERROR_FS_INVALID_HANDLE, SL_ERROR_FS_FILE_ACCESS_IS_DIFFERENT (read handle)
 * @retval SL_ERROR_FS_INVALID_WRITE_BUFFER NULL buffer
 * @retval SL_ERROR_FS_OFFSET_OUT_OF_RANGE the write would pass the file's maximum size
 * @retval SL_ERROR_FS_OFFSET_NOT_16_BYTE_ALIGN secure file written out of sequence
 */
int32_t
slsim_fs_write(struct slsim_fs *fs, int32_t h, uint32_t off, const uint8_t *buf, uint32_t len);

/**
 * sl_FsClose: commits a write (or aborts with signature "A", length 1).
 * @retval 0 success
 * @retval SL_ERROR_FS_INVALID_HANDLE unknown handle
 * @retval SL_ERROR_FS_WRONG_SIGNATURE_OR_CERTIFIC_NAME_LENGTH signed file closed without a
 *         certificate name or signature, or a signature longer than 256 bytes
 * @retval SL_ERROR_FS_NOT_SUPPORTED signed file but no verifier installed (discarded)
 * @retval SL_ERROR_FS_ROOT_CA_IS_UNKOWN etc. whatever the verifier returns (write discarded;
 *         *_SECURITY_ALERT codes count as alerts)
 * @retval SL_ERROR_FS_PROGRAM_FAILURE flash write failed
 */
int32_t slsim_fs_close(
    struct slsim_fs *fs, int32_t h, const char *cert_name, const uint8_t *sig, uint32_t sig_len);

/** sl_FsDel. Codes as open, plus SL_ERROR_FS_FILE_IS_PENDING_COMMIT. */
int32_t
slsim_fs_delete(struct slsim_fs *fs, const char *name, uint32_t token, enum slsim_fs_caller caller);

/**
 * sl_FsGetInfo. Fills @p info; returns 0, or SL_ERROR_FS_FILE_IS_ALREADY_OPENED /
 * SL_ERROR_FS_FILE_HAS_NOT_BEEN_CLOSE_CORRECTLY with @p info still filled (as the chip).
 */
int32_t slsim_fs_get_info(struct slsim_fs *fs,
                          const char *name,
                          uint32_t token,
                          struct slsim_fs_info *info,
                          enum slsim_fs_caller caller);

/** File list: fills *e with the entry after *index (start with -1); 1 = entry, 0 = end. */
int32_t slsim_fs_list_next(struct slsim_fs *fs, int32_t *index, struct slsim_fs_entry *e);

/** SL_FS_CTL_RENAME. SL_ERROR_FS_FILE_NAME_EXIST if @p new_name exists. */
int32_t slsim_fs_rename(struct slsim_fs *fs,
                        const char *name,
                        const char *new_name,
                        uint32_t token,
                        enum slsim_fs_caller caller);

/** SL_FS_CTL_COMMIT / SL_FS_CTL_ROLLBACK of a MUST_COMMIT file; *new_token = master token. */
int32_t slsim_fs_commit(struct slsim_fs *fs,
                        const char *name,
                        uint32_t token,
                        bool commit,
                        uint32_t *new_token,
                        enum slsim_fs_caller caller);

/** SL_FS_CTL_BUNDLE_COMMIT / _ROLLBACK: returns the new bundle state (>= 0) or an error. */
int32_t slsim_fs_bundle(struct slsim_fs *fs, bool commit);

/** SL_FS_CTL_GET_STORAGE_INFO. */
int32_t slsim_fs_storage(struct slsim_fs *fs, struct slsim_fs_storage *st);

/**
 * SL_FS_CTL_RESTORE. @p operation 2 (to default) deletes every user file, rolls back pending
 * work and clears alerts; 0 (to image) needs a factory image slsim images do not hold.
 * Returns the packed form (err << 16) | ext: 0 on success.
 */
int32_t slsim_fs_restore(struct slsim_fs *fs, uint32_t operation);

/** Reads a whole file into a malloc'd buffer (caller frees). Codes as open/read. */
int32_t slsim_fs_read_file(struct slsim_fs *fs,
                           const char *name,
                           uint32_t token,
                           enum slsim_fs_caller caller,
                           uint8_t **data,
                           size_t *len);

/**
 * Creates-or-overwrites a whole file in one step (open, write, close).
 * @p create_flags are SLSIM_FS_CF_* (used only if the file is created); @p max_size 0 means
 * "fit the content". *token as in open.
 */
int32_t slsim_fs_write_file(struct slsim_fs *fs,
                            const char *name,
                            uint32_t create_flags,
                            uint32_t max_size,
                            const uint8_t *data,
                            size_t len,
                            uint32_t *token,
                            enum slsim_fs_caller caller);

/** The device rounding of a requested maximum size (256 B … 64 KB granularity). */
uint32_t slsim_fs_round_max_size(uint32_t bytes);

/** Blocks a file of @p max_size bytes with @p create_flags occupies. */
uint32_t slsim_fs_blocks_for(uint32_t max_size, uint32_t create_flags);

/** Verifies the stored data of every file against its checksum; count of bad copies or < 0. */
int32_t slsim_fs_check(struct slsim_fs *fs, struct slsim_diag *diag);

#endif /* SLSIM_FS_FS_H */
