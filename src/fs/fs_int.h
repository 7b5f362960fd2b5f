/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fs_int.h
 * @brief File-system internals shared by the fs_*.c files only.
 *
 * On-flash layout (docs/image-format.md): two metadata slots of SLOT_SECTORS sectors each at
 * the start of the flash (a header sector followed by the file table), then the data area.
 * A commit writes the table into the inactive slot, then that slot's header with a higher
 * sequence number; mount takes the valid header with the highest sequence. File contents live
 * in contiguous extents; a fail-safe or secure file has two copies and is rewritten into the
 * copy that is not current, so the current copy survives any cut.
 *
 * Concurrency: none inside; the owning device serialises every call (one lock per device).
 */
#ifndef SLSIM_FS_FS_INT_H
#define SLSIM_FS_FS_INT_H

#include "fs/fs.h"

#define FS_FORMAT_VERSION  1u
#define FS_MAGIC           "SLSIMFS1"
#define FS_COPY_MAGIC      0x43464C53u /* "SLFC" */
#define FS_SLOT_SECTORS    8u          /* 1 header + 7 table sectors */
#define FS_TABLE_MAX       ((FS_SLOT_SECTORS - 1u) * SLSIM_FLASH_SECTOR_SIZE)
#define FS_META_SECTORS    (2u * FS_SLOT_SECTORS)
#define FS_ENTRY_FIXED     96u /* encoded bytes per file before its name */
#define FS_MAX_FILES_LIMIT 256u
#define FS_MAX_HANDLES     32u
#define FS_KEY_LEN         32u

/* Header flags. */
#define FS_HF_CLEAN            0x1u /* last run ended with sl_Stop (or image never booted) */
#define FS_HF_RESTORE_COMPLETE 0x2u /* restore-to-factory done, next boot reports it */
#define FS_HF_LOCKED           0x4u /* security alerts reached the threshold */
#define FS_HF_DEVELOPMENT      0x8u

/* File state bits (stored). */
#define FS_ST_SYS            0x1u
#define FS_ST_PENDING_COMMIT 0x2u /* MUST_COMMIT write closed, awaiting commit/rollback */
#define FS_ST_PENDING_BUNDLE 0x4u /* bundle write closed, awaiting bundle commit */

/** One stored copy of a file's content. gen 0 = the copy holds nothing valid. */
struct fs_copy {
    uint32_t len;
    uint32_t crc; /* CRC-32 of the stored (possibly encrypted) bytes */
    uint64_t gen; /* write generation: unique per write, also the CTR nonce */
};

/** A file-table entry (in RAM; encoded by fs_table.c). */
struct slsim_fs_file {
    char name[SLSIM_FS_NAME_MAX];
    uint32_t cflags;   /* SLSIM_FS_CF_* given at creation */
    uint32_t state;    /* FS_ST_* */
    uint32_t max_size; /* rounded, bytes */
    uint32_t start;    /* first block (absolute sector number) */
    uint32_t blocks_per_copy;
    uint8_t ncopies; /* 1 or 2 */
    int8_t active;   /* committed copy, -1 none */
    int8_t pending;  /* copy awaiting commit (MUST_COMMIT or bundle), -1 none */
    struct fs_copy copy[2];
    uint32_t token[4];
    uint32_t prev_token[3]; /* tokens 1..3 before a pending write (restored by rollback) */
    uint32_t write_counter;
    uint32_t id;
    int open_slot; /* runtime: handle slot or -1 */
};

/** Decoded header sector. */
struct fs_header {
    uint32_t version;
    uint32_t sector_count;
    uint64_t seq;
    uint32_t table_len;
    uint32_t table_crc;
    uint32_t flags;
    uint32_t alert_count;
    uint32_t alert_threshold;
    uint32_t bundle_state;
    uint32_t fat_write_counter;
    uint64_t next_gen;
    uint32_t next_id;
    uint32_t n_files;
    uint32_t created;
    uint8_t key[FS_KEY_LEN];
    uint8_t uuid[16];
    char profile[16];
};

/** An open file. */
struct fs_handle {
    bool used;
    bool write;
    bool must_commit;
    bool bundle;
    bool invalidated; /* single-copy file marked invalid on flash at open */
    int8_t target;    /* copy being written */
    uint32_t serial;
    struct slsim_fs_file *file;
    uint8_t *buf; /* read: plaintext content; write: content so far */
    uint32_t len;
    uint32_t cap;
};

struct slsim_fs {
    struct slsim_flash *fl;
    struct slsim_fs_limits lim;
    struct fs_header hdr;
    unsigned cur_slot; /* slot holding the current header */
    bool dead;
    struct slsim_fs_boot_report boot;
    struct slsim_fs_file *files; /* n_files entries, capacity FS_MAX_FILES_LIMIT */
    uint32_t n_files;
    uint8_t *used; /* block allocation map: 1 = used */
    struct fs_handle handles[FS_MAX_HANDLES];
    uint32_t next_serial;
    struct slsim_fs_sigcheck sigcheck; /* verify == NULL: signed closes are refused */
};

/* fs_table.c: pure codecs */
void slsim_fs_header_encode(const struct fs_header *h, uint8_t *sector);
int32_t slsim_fs_header_decode(const uint8_t *sector, struct fs_header *h);
size_t
slsim_fs_table_encode(const struct slsim_fs_file *files, uint32_t n, uint8_t *buf, size_t cap);
int32_t slsim_fs_table_decode(const uint8_t *buf,
                              size_t len,
                              uint32_t n,
                              struct slsim_fs_file *files,
                              struct slsim_diag *diag);

/* fs_mount.c */
int32_t slsim_fs_commit_meta(struct slsim_fs *fs);
int32_t slsim_fs_fail(struct slsim_fs *fs, int32_t ret);

/* fs_alloc.c */
void slsim_fs_alloc_rebuild(struct slsim_fs *fs);
int32_t slsim_fs_alloc(struct slsim_fs *fs, uint32_t blocks, bool sys, uint32_t *start);
void slsim_fs_alloc_free(struct slsim_fs *fs, uint32_t start, uint32_t blocks);
uint32_t slsim_fs_alloc_user_free(const struct slsim_fs *fs, uint32_t *largest);
void slsim_fs_alloc_stats(const struct slsim_fs *fs,
                          uint32_t *used,
                          uint32_t *largest_gap,
                          uint32_t *sys_used);

/* fs_file.c */
struct slsim_fs_file *slsim_fs_find(struct slsim_fs *fs, const char *name);
int32_t slsim_fs_check_name(const char *name);
uint16_t slsim_fs_info_flags(const struct slsim_fs *fs, const struct slsim_fs_file *f);
int slsim_fs_read_copy(const struct slsim_fs_file *f, const struct slsim_fs *fs);
void slsim_fs_abort_handle(struct slsim_fs *fs, struct fs_handle *hd);
void slsim_fs_remove_entry(struct slsim_fs *fs, struct slsim_fs_file *f);
int32_t slsim_fs_handle_of(struct slsim_fs *fs, const struct slsim_fs_file *f);

/* fs_secure.c */
int32_t slsim_fs_check_token(struct slsim_fs *fs,
                             const struct slsim_fs_file *f,
                             uint32_t token,
                             bool write,
                             enum slsim_fs_caller caller);
void slsim_fs_new_tokens(struct slsim_fs_file *f, bool keep_master);
void slsim_fs_regen_tokens(struct slsim_fs_file *f, bool keep_previous);
void slsim_fs_rollback_file(struct slsim_fs_file *f);
int32_t slsim_fs_crypt(const struct slsim_fs *fs,
                       const struct slsim_fs_file *f,
                       uint64_t gen,
                       uint8_t *data,
                       size_t len);
int32_t slsim_fs_alert(struct slsim_fs *fs);
bool slsim_fs_is_sys_name(const char *name);
bool slsim_fs_sys_name_writable(const char *name);

/* fs_data.c */
int32_t slsim_fs_store_copy(
    struct slsim_fs *fs, struct slsim_fs_file *f, int copy, const uint8_t *data, uint32_t len);
int32_t slsim_fs_load_copy(
    struct slsim_fs *fs, const struct slsim_fs_file *f, int copy, uint8_t **data, uint32_t *len);

#endif /* SLSIM_FS_FS_INT_H */
