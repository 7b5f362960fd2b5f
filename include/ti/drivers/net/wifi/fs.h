/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fs.h
 * @brief SimpleLink serial-flash file system API: open modes and flags, file information,
 *        control commands and functions. Restated for slsim from public facts about TI's host
 *        driver 3.0.1.61; this is not TI's file.
 *
 * File names are flat and case-insensitive, shorter than SL_FS_MAX_FILE_NAME_LENGTH. All
 * functions return a negative SimpleLink code from errors.h on failure. sl_FsProgram and
 * sl_FsCtl(SL_FS_CTL_RESTORE) return (error << 16) | extended error instead.
 */
/* clang-format off */
#include <ti/drivers/net/wifi/simplelink.h>

#ifndef __FS_H__
#define __FS_H__

/* ------------------------------------------------------------------------------------------ */
/* sl_FsOpen access word: mode in bits 31..27, flags in bits 26..17, max size in bits 16..0     */
/* ------------------------------------------------------------------------------------------ */

#define SL_FS_OPEN_MODE_BIT_MASK                (0xF8000000)
#define SL_NUM_OF_MODE_BIT                      (5)

#define SL_FS_OPEN_FLAGS_BIT_MASK               (0x07FE0000)
#define SL_NUM_OF_FLAGS_BIT                     (10)

#define SL_FS_OPEN_MAXSIZE_BIT_MASK             (0x0001FFFF)
#define SL_NUM_OF_MAXSIZE_BIT                   (17)

/* Modes */
#define SL_FS_CREATE                            ((_u32)0x1 << 27)   /* create a new file */
#define SL_FS_WRITE                             ((_u32)0x2 << 27)   /* rewrite an existing file */
#define SL_FS_OVERWRITE                         ((_u32)0x4 << 27)   /* + CREATE: create or open */
#define SL_FS_READ                              ((_u32)0x8 << 27)   /* read an existing file */

/* Creation flags (used only when the file is created) */
#define SL_FS_CREATE_FAILSAFE                   ((_u32)0x1 << 17)   /* keep a mirror copy */
#define SL_FS_CREATE_SECURE                     ((_u32)0x2 << 17)   /* encrypted, token protected */
#define SL_FS_CREATE_NOSIGNATURE                ((_u32)0x4 << 17)   /* secure but not signed */
#define SL_FS_CREATE_STATIC_TOKEN               ((_u32)0x8 << 17)   /* tokens kept across writes */
#define SL_FS_CREATE_VENDOR_TOKEN               ((_u32)0x10 << 17)  /* master token from the host */
#define SL_FS_CREATE_PUBLIC_WRITE               ((_u32)0x20 << 17)  /* write without a token */
#define SL_FS_CREATE_PUBLIC_READ                ((_u32)0x40 << 17)  /* read without a token */

/* Open-for-write flags */
#define SL_FS_WRITE_MUST_COMMIT                 ((_u32)0x80 << 17)  /* pending until committed */
#define SL_FS_WRITE_BUNDLE_FILE                 ((_u32)0x100 << 17) /* member of the bundle */
#define SL_FS_WRITE_ENCRYPTED                   ((_u32)0x200 << 17) /* secure-content download */

/* Maximum size in 256-byte units, rounded up */
#define SL_FS_CREATE_MAX_SIZE(x)                ((((x) + 255) / 256) & 0x1FFFF)

/* File names must be shorter than this (strlen(name) < 180) */
#define SL_FS_MAX_FILE_NAME_LENGTH              (180)

/* ------------------------------------------------------------------------------------------ */
/* File information                                                                           */
/* ------------------------------------------------------------------------------------------ */

/* SlFsFileInfo_t.Flags and SlFileAttributes_t.Properties bits */
#define SL_FS_INFO_MUST_COMMIT                  (0x1)
#define SL_FS_INFO_BUNDLE_FILE                  (0x2)
#define SL_FS_INFO_PENDING_COMMIT               (0x4)
#define SL_FS_INFO_PENDING_BUNDLE_COMMIT        (0x8)
#define SL_FS_INFO_SECURE                       (0x10)
#define SL_FS_INFO_NOT_FAILSAFE                 (0x20)
#define SL_FS_INFO_SYS_FILE                     (0x40)
#define SL_FS_INFO_NOT_VALID                    (0x100)
#define SL_FS_INFO_PUBLIC_WRITE                 (0x200)
#define SL_FS_INFO_PUBLIC_READ                  (0x400)
#define SL_FS_INFO_OPEN_READ                    (0x800)
#define SL_FS_INFO_OPEN_WRITE                   (0x1000)
#define SL_FS_INFO_NOSIGNATURE                  (0x2000)  /* from sl_FsGetInfo only */

/* Index into SlFsFileInfo_t.Token */
typedef enum {
    SL_FS_TOKEN_MASTER = 0,
    SL_FS_TOKEN_WRITE_READ = 1,
    SL_FS_TOKEN_WRITE_ONLY = 2,
    SL_FS_TOKEN_READ_ONLY = 3
} SlFsTokenId_e;

/* Result of sl_FsGetInfo */
typedef struct {
    _u16 Flags;          /* SL_FS_INFO_* */
    _u32 Len;            /* bytes in the valid copy */
    _u32 MaxSize;        /* maximum size in bytes */
    _u32 Token[4];       /* indexed by SlFsTokenId_e */
    _u32 StorageSize;    /* bytes used on flash, mirror included */
    _u32 WriteCounter;   /* successful writes */
} SlFsFileInfo_t;

/* Entry header of sl_FsGetFileList with SL_FS_GET_FILE_ATTRIBUTES; the name follows */
typedef struct {
    _u32 FileMaxSize;
    _u32 Properties;          /* SL_FS_INFO_* */
    _u32 FileAllocatedBlocks; /* 4096-byte blocks */
} SlFileAttributes_t;

typedef enum {
    SL_FS_GET_FILE_ATTRIBUTES = 0x1
} SlFileListFlags_t;

/* ------------------------------------------------------------------------------------------ */
/* sl_FsCtl                                                                                   */
/* ------------------------------------------------------------------------------------------ */

typedef enum {
    SL_FS_CTL_RESTORE = 0,
    SL_FS_CTL_ROLLBACK = 1,
    SL_FS_CTL_COMMIT = 2,
    SL_FS_CTL_RENAME = 3,
    SL_FS_CTL_GET_STORAGE_INFO = 5,
    SL_FS_CTL_BUNDLE_ROLLBACK = 6,
    SL_FS_CTL_BUNDLE_COMMIT = 7
} SlFsCtl_e;

typedef enum {
    SL_FS_BUNDLE_STATE_STOPPED = 0,
    SL_FS_BUNDLE_STATE_STARTED = 1,
    SL_FS_BUNDLE_STATE_PENDING_COMMIT = 3
} SlFsBundleState_e;

/* SlFsRetToFactoryCommand_t.Operation values */
#define SL_FS_FACTORY_RET_TO_IMAGE              (0)
#define SL_FS_FACTORY_RET_TO_DEFAULT            (2)

/* pData of SL_FS_CTL_RESTORE */
typedef struct {
    _u32 Operation;
} SlFsRetToFactoryCommand_t;

/* pData of SL_FS_CTL_ROLLBACK, _COMMIT, _BUNDLE_ROLLBACK and _BUNDLE_COMMIT */
typedef struct {
    _u32 IncludeFilters;
} SlFsControl_t;

typedef struct {
    _u16 DeviceBlockSize;
    _u16 DeviceBlocksCapacity;
    _u16 NumOfAllocatedBlocks;
    _u16 NumOfReservedBlocks;
    _u16 NumOfReservedBlocksForSystemfiles;
    _u16 LargestAllocatedGapInBlocks;
    _u16 NumOfAvailableBlocksForUserFiles;
    _u8  Padding[2];
} SlFsControlDeviceUsage_t;

typedef struct {
    _u8  MaxFsFiles;
    _u8  IsDevlopmentFormatType;
    _u8  Bundlestate;
    _u8  Reserved;
    _u8  MaxFsFilesReservedForSysFiles;
    _u8  ActualNumOfUserFiles;
    _u8  ActualNumOfSysFiles;
    _u8  Padding;
    _u32 NumOfAlerts;
    _u32 NumOfAlertsThreshold;
    _u16 FATWriteCounter;
    _u16 Padding2;
} SlFsControlFilesUsage_t;

/* pOutputData of SL_FS_CTL_GET_STORAGE_INFO */
typedef struct {
    SlFsControlDeviceUsage_t DeviceUsage;
    SlFsControlFilesUsage_t  FilesUsage;
} SlFsControlGetStorageInfoResponse_t;

/* Image key of sl_FsProgram (16 bytes) */
typedef struct {
    _u32 Key[4];
} SlFsKey_t;

typedef struct {
    _u8 Index;
} SlFsFileNameIndex_t;

typedef union {
    _i32 ErrorNumber;
} SlFsFileNameIndexOrError_t;

/* ------------------------------------------------------------------------------------------ */
/* Functions                                                                                  */
/* ------------------------------------------------------------------------------------------ */

_i32 sl_FsOpen(const _u8 *pFileName, const _u32 AccessModeAndMaxSize, _u32 *pToken);
_i16 sl_FsClose(const _i32 FileHdl, const _u8 *pCeritificateFileName, const _u8 *pSignature,
                const _u32 SignatureLen);
_i32 sl_FsRead(const _i32 FileHdl, _u32 Offset, _u8 *pData, _u32 Len);
_i32 sl_FsWrite(const _i32 FileHdl, _u32 Offset, _u8 *pData, _u32 Len);
_i16 sl_FsGetInfo(const _u8 *pFileName, const _u32 Token, SlFsFileInfo_t *pFsFileInfo);
_i16 sl_FsDel(const _u8 *pFileName, const _u32 Token);
_i32 sl_FsCtl(SlFsCtl_e Command, _u32 Token, _u8 *pFileName, const _u8 *pData, _u16 DataLen,
              _u8 *pOutputData, _u16 OutputDataLen, _u32 *pNewToken);
_i32 sl_FsProgram(const _u8 *pData, _u16 Len, const _u8 *pKey, _u32 Flags);
_i32 sl_FsGetFileList(_i32 *pIndex, _u8 Count, _u8 MaxEntryLen, _u8 *pBuff,
                      SlFileListFlags_t Flags);

#endif /* __FS_H__ */
/* clang-format on */
