/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sl_fs.c
 * @brief TI facade of the file system: sl_FsOpen … sl_FsGetFileList on the calling thread's
 *        device (reference simplelink-api.md §6).
 *
 * Validates what TI's host driver validates, converts TI structs, calls src/fs, returns the
 * SL code. The mode word and info bits pass through unchanged: the _Static_asserts below pin
 * that slsim's constants equal TI's.
 */
#include "api/api.h"

#include <string.h>

#include <ti/drivers/net/wifi/simplelink.h>

#include "core/banned.h"

_Static_assert(SL_FS_CREATE == SLSIM_FS_O_CREATE, "TI value");
_Static_assert(SL_FS_WRITE == SLSIM_FS_O_WRITE, "TI value");
_Static_assert(SL_FS_OVERWRITE == SLSIM_FS_O_OVERWRITE, "TI value");
_Static_assert(SL_FS_READ == SLSIM_FS_O_READ, "TI value");
_Static_assert(SL_FS_CREATE_FAILSAFE == SLSIM_FS_CF_FAILSAFE, "TI value");
_Static_assert(SL_FS_CREATE_SECURE == SLSIM_FS_CF_SECURE, "TI value");
_Static_assert(SL_FS_CREATE_NOSIGNATURE == SLSIM_FS_CF_NOSIGNATURE, "TI value");
_Static_assert(SL_FS_CREATE_STATIC_TOKEN == SLSIM_FS_CF_STATIC_TOKEN, "TI value");
_Static_assert(SL_FS_CREATE_VENDOR_TOKEN == SLSIM_FS_CF_VENDOR_TOKEN, "TI value");
_Static_assert(SL_FS_CREATE_PUBLIC_WRITE == SLSIM_FS_CF_PUBLIC_WRITE, "TI value");
_Static_assert(SL_FS_CREATE_PUBLIC_READ == SLSIM_FS_CF_PUBLIC_READ, "TI value");
_Static_assert(SL_FS_WRITE_MUST_COMMIT == SLSIM_FS_WF_MUST_COMMIT, "TI value");
_Static_assert(SL_FS_WRITE_BUNDLE_FILE == SLSIM_FS_WF_BUNDLE, "TI value");
_Static_assert(SL_FS_WRITE_ENCRYPTED == SLSIM_FS_WF_ENCRYPTED, "TI value");
_Static_assert(SL_FS_INFO_MUST_COMMIT == SLSIM_FS_INFO_MUST_COMMIT, "TI value");
_Static_assert(SL_FS_INFO_BUNDLE_FILE == SLSIM_FS_INFO_BUNDLE_FILE, "TI value");
_Static_assert(SL_FS_INFO_PENDING_COMMIT == SLSIM_FS_INFO_PENDING_COMMIT, "TI value");
_Static_assert(SL_FS_INFO_PENDING_BUNDLE_COMMIT == SLSIM_FS_INFO_PENDING_BUNDLE_COMMIT, "TI");
_Static_assert(SL_FS_INFO_SECURE == SLSIM_FS_INFO_SECURE, "TI value");
_Static_assert(SL_FS_INFO_NOT_FAILSAFE == SLSIM_FS_INFO_NOT_FAILSAFE, "TI value");
_Static_assert(SL_FS_INFO_SYS_FILE == SLSIM_FS_INFO_SYS_FILE, "TI value");
_Static_assert(SL_FS_INFO_NOT_VALID == SLSIM_FS_INFO_NOT_VALID, "TI value");
_Static_assert(SL_FS_INFO_PUBLIC_WRITE == SLSIM_FS_INFO_PUBLIC_WRITE, "TI value");
_Static_assert(SL_FS_INFO_PUBLIC_READ == SLSIM_FS_INFO_PUBLIC_READ, "TI value");
_Static_assert(SL_FS_INFO_OPEN_READ == SLSIM_FS_INFO_OPEN_READ, "TI value");
_Static_assert(SL_FS_INFO_OPEN_WRITE == SLSIM_FS_INFO_OPEN_WRITE, "TI value");
_Static_assert(SL_FS_INFO_NOSIGNATURE == SLSIM_FS_INFO_NOSIGNATURE, "TI value");
_Static_assert(SL_FS_MAX_FILE_NAME_LENGTH == SLSIM_FS_NAME_MAX, "TI value");
_Static_assert((int)SL_FS_BUNDLE_STATE_PENDING_COMMIT == (int)SLSIM_FS_BUNDLE_PENDING_COMMIT, "TI");

#define FS_CHUNK_MAX 1456u /* host<->NWP transaction size; also the file-list buffer limit */

/* Host-driver check shared by every name-taking call (strlen >= 180 is refused). */
static int32_t check_name(const _u8 *name)
{
    if (name == NULL ||
        strnlen((const char *)name, SL_FS_MAX_FILE_NAME_LENGTH) >= SL_FS_MAX_FILE_NAME_LENGTH) {
        return SL_ERROR_FS_WRONG_FILE_NAME;
    }
    return 0;
}

_i32 sl_FsOpen(const _u8 *pFileName, const _u32 AccessModeAndMaxSize, _u32 *pToken)
{
    int32_t ret = 0;
    struct slsim_device *dev = NULL;
    struct slsim_fs *fs = slsim_api_fs_enter(&dev, &ret);
    if (fs == NULL) {
        return ret; /* "API allowed" comes before any argument check, as in TI's driver */
    }
    ret = check_name(pFileName);
    if (ret == 0) {
        ret = slsim_fs_open(fs, (const char *)pFileName, AccessModeAndMaxSize, pToken,
                            SLSIM_FS_CALLER_APP);
    }
    slsim_device_unlock(dev);
    return ret;
}

_i16 sl_FsClose(const _i32 FileHdl,
                const _u8 *pCeritificateFileName,
                const _u8 *pSignature,
                const _u32 SignatureLen)
{
    int32_t ret = 0;
    struct slsim_device *dev = NULL;
    struct slsim_fs *fs = slsim_api_fs_enter(&dev, &ret);
    if (fs == NULL) {
        return (_i16)ret;
    }
    ret =
        slsim_fs_close(fs, FileHdl, (const char *)pCeritificateFileName, pSignature, SignatureLen);
    slsim_device_unlock(dev);
    return (_i16)ret;
}

_i32 sl_FsRead(const _i32 FileHdl, _u32 Offset, _u8 *pData, _u32 Len)
{
    int32_t ret = 0;
    struct slsim_device *dev = NULL;
    struct slsim_fs *fs = slsim_api_fs_enter(&dev, &ret);
    if (fs == NULL) {
        return ret;
    }
    ret = slsim_fs_read(fs, FileHdl, Offset, pData, Len);
    slsim_device_unlock(dev);
    return ret;
}

_i32 sl_FsWrite(const _i32 FileHdl, _u32 Offset, _u8 *pData, _u32 Len)
{
    int32_t ret = 0;
    struct slsim_device *dev = NULL;
    struct slsim_fs *fs = slsim_api_fs_enter(&dev, &ret);
    if (fs == NULL) {
        return ret;
    }
    ret = slsim_fs_write(fs, FileHdl, Offset, pData, Len);
    slsim_device_unlock(dev);
    return ret;
}

_i16 sl_FsGetInfo(const _u8 *pFileName, const _u32 Token, SlFsFileInfo_t *pFsFileInfo)
{
    int32_t ret = 0;
    struct slsim_device *dev = NULL;
    struct slsim_fs *fs = slsim_api_fs_enter(&dev, &ret);
    if (fs == NULL) {
        return (_i16)ret;
    }
    ret = check_name(pFileName);
    if (ret == 0 && pFsFileInfo == NULL) {
        ret = SL_ERROR_FS_INVALID_ARGS;
    }
    if (ret != 0) {
        slsim_device_unlock(dev);
        return (_i16)ret;
    }
    struct slsim_fs_info info;
    ret = slsim_fs_get_info(fs, (const char *)pFileName, Token, &info, SLSIM_FS_CALLER_APP);
    slsim_device_unlock(dev);
    memset(pFsFileInfo, 0, sizeof(*pFsFileInfo));
    pFsFileInfo->Flags = info.flags;
    pFsFileInfo->Len = info.len;
    pFsFileInfo->MaxSize = info.max_size;
    memcpy(pFsFileInfo->Token, info.token, sizeof(pFsFileInfo->Token));
    pFsFileInfo->StorageSize = info.storage_size;
    pFsFileInfo->WriteCounter = info.write_counter;
    return (_i16)ret;
}

_i16 sl_FsDel(const _u8 *pFileName, const _u32 Token)
{
    int32_t ret = 0;
    struct slsim_device *dev = NULL;
    struct slsim_fs *fs = slsim_api_fs_enter(&dev, &ret);
    if (fs == NULL) {
        return (_i16)ret;
    }
    ret = check_name(pFileName);
    if (ret == 0) {
        ret = slsim_fs_delete(fs, (const char *)pFileName, Token, SLSIM_FS_CALLER_APP);
    }
    slsim_device_unlock(dev);
    return (_i16)ret;
}

static uint16_t u16_sat(uint32_t v)
{
    return v > 0xFFFFu ? 0xFFFFu : (uint16_t)v;
}

static uint8_t u8_sat(uint32_t v)
{
    return v > 0xFFu ? 0xFFu : (uint8_t)v;
}

static int32_t ctl_storage(struct slsim_fs *fs, _u8 *out, _u16 out_len)
{
    SlFsControlGetStorageInfoResponse_t r;
    struct slsim_fs_storage st;
    if (out == NULL || out_len < sizeof(r)) {
        return SL_ERROR_FS_INVALID_ARGS;
    }
    (void)slsim_fs_storage(fs, &st);
    memset(&r, 0, sizeof(r));
    r.DeviceUsage.DeviceBlockSize = u16_sat(st.block_size);
    r.DeviceUsage.DeviceBlocksCapacity = u16_sat(st.capacity_blocks);
    r.DeviceUsage.NumOfAllocatedBlocks = u16_sat(st.allocated_blocks);
    r.DeviceUsage.NumOfReservedBlocks = u16_sat(st.reserved_blocks);
    r.DeviceUsage.NumOfReservedBlocksForSystemfiles = u16_sat(st.reserved_sys_blocks);
    r.DeviceUsage.LargestAllocatedGapInBlocks = u16_sat(st.largest_gap_blocks);
    r.DeviceUsage.NumOfAvailableBlocksForUserFiles = u16_sat(st.available_user_blocks);
    r.FilesUsage.MaxFsFiles = u8_sat(st.max_files);
    r.FilesUsage.IsDevlopmentFormatType = st.development ? 1 : 0;
    r.FilesUsage.Bundlestate = u8_sat(st.bundle_state);
    r.FilesUsage.MaxFsFilesReservedForSysFiles = u8_sat(st.max_sys_files);
    r.FilesUsage.ActualNumOfUserFiles = u8_sat(st.user_files);
    r.FilesUsage.ActualNumOfSysFiles = u8_sat(st.sys_files);
    r.FilesUsage.NumOfAlerts = st.alerts;
    r.FilesUsage.NumOfAlertsThreshold = st.alert_threshold;
    r.FilesUsage.FATWriteCounter = (_u16)st.fat_write_counter;
    memcpy(out, &r, sizeof(r));
    return 0;
}

static int32_t
ctl_rename(struct slsim_fs *fs, _u32 token, const _u8 *name, const _u8 *data, _u16 len)
{
    if (data == NULL || len == 0 || memchr(data, '\0', len) == NULL) {
        return SL_ERROR_FS_INVALID_ARGS; /* the new name must be NUL-terminated within len */
    }
    if (check_name(data) != 0) {
        return SL_ERROR_FS_WRONG_FILE_NAME;
    }
    return slsim_fs_rename(fs, (const char *)name, (const char *)data, token, SLSIM_FS_CALLER_APP);
}

static int32_t ctl_dispatch(struct slsim_fs *fs,
                            SlFsCtl_e cmd,
                            _u32 token,
                            _u8 *name,
                            const _u8 *data,
                            _u16 data_len,
                            _u8 *out,
                            _u16 out_len,
                            _u32 *new_token)
{
    switch (cmd) {
    case SL_FS_CTL_RESTORE: {
        SlFsRetToFactoryCommand_t c;
        if (data == NULL || data_len < sizeof(c)) {
            return (int32_t)((uint32_t)SL_ERROR_FS_INVALID_ARGS << 16);
        }
        memcpy(&c, data, sizeof(c));
        return slsim_fs_restore(fs, c.Operation);
    }
    case SL_FS_CTL_ROLLBACK:
    case SL_FS_CTL_COMMIT:
        if (check_name(name) != 0) {
            return SL_ERROR_FS_WRONG_FILE_NAME;
        }
        return slsim_fs_commit(fs, (const char *)name, token, cmd == SL_FS_CTL_COMMIT, new_token,
                               SLSIM_FS_CALLER_APP);
    case SL_FS_CTL_RENAME:
        if (check_name(name) != 0) {
            return SL_ERROR_FS_WRONG_FILE_NAME;
        }
        return ctl_rename(fs, token, name, data, data_len);
    case SL_FS_CTL_GET_STORAGE_INFO:
        return ctl_storage(fs, out, out_len);
    case SL_FS_CTL_BUNDLE_ROLLBACK:
    case SL_FS_CTL_BUNDLE_COMMIT:
        return slsim_fs_bundle(fs, cmd == SL_FS_CTL_BUNDLE_COMMIT);
    default:
        return SL_ERROR_FS_INVALID_ARGS;
    }
}

_i32 sl_FsCtl(SlFsCtl_e Command,
              _u32 Token,
              _u8 *pFileName,
              const _u8 *pData,
              _u16 DataLen,
              _u8 *pOutputData,
              _u16 OutputDataLen,
              _u32 *pNewToken)
{
    int32_t ret = 0;
    struct slsim_device *dev = NULL;
    struct slsim_fs *fs = slsim_api_fs_enter(&dev, &ret);
    if (fs == NULL) {
        return ret;
    }
    ret = ctl_dispatch(fs, Command, Token, pFileName, pData, DataLen, pOutputData, OutputDataLen,
                       pNewToken);
    slsim_device_unlock(dev);
    return ret;
}

/* One file-list entry into its MaxEntryLen-sized slot. */
static void put_entry(_u8 *slot, _u8 entry_len, const struct slsim_fs_entry *e, bool attrs)
{
    memset(slot, 0, entry_len);
    size_t off = 0;
    if (attrs) {
        SlFileAttributes_t a = { .FileMaxSize = e->max_size,
                                 .Properties = e->properties,
                                 .FileAllocatedBlocks = e->blocks };
        memcpy(slot, &a, sizeof(a));
        off = sizeof(a);
    }
    if (off < entry_len) {
        size_t room = entry_len - off - 1u; /* keep the terminating NUL */
        size_t n = strnlen(e->name, sizeof(e->name));
        memcpy(slot + off, e->name, n < room ? n : room);
    }
}

_i32 sl_FsGetFileList(_i32 *pIndex, _u8 Count, _u8 MaxEntryLen, _u8 *pBuff, SlFileListFlags_t Flags)
{
    _u8 entry_len = (_u8)(MaxEntryLen & ~3u);
    bool attrs = (Flags & SL_FS_GET_FILE_ATTRIBUTES) != 0;
    if ((uint32_t)Count * entry_len > FS_CHUNK_MAX) {
        return SL_ERROR_FS_WRONG_INPUT_SIZE;
    }
    if (pIndex == NULL || pBuff == NULL || Count == 0 ||
        entry_len <= (attrs ? sizeof(SlFileAttributes_t) : 0u)) {
        return SL_ERROR_FS_INVALID_ARGS;
    }
    int32_t ret = 0;
    struct slsim_device *dev = NULL;
    struct slsim_fs *fs = slsim_api_fs_enter(&dev, &ret);
    if (fs == NULL) {
        return ret;
    }
    struct slsim_fs_storage st;
    (void)slsim_fs_storage(fs, &st);
    if (st.locked) {
        slsim_device_unlock(dev);
        return SL_ERROR_FS_FILE_SYSTEM_IS_LOCKED;
    }
    int32_t n = 0;
    struct slsim_fs_entry e;
    while (n < Count && (ret = slsim_fs_list_next(fs, pIndex, &e)) == 1) {
        put_entry(pBuff + (size_t)n * entry_len, entry_len, &e, attrs);
        n++;
    }
    slsim_device_unlock(dev);
    return ret < 0 ? ret : n;
}

_i32 sl_FsProgram(const _u8 *pData, _u16 Len, const _u8 *pKey, _u32 Flags)
{
    (void)pKey;
    (void)Flags;
    int32_t ret = 0;
    struct slsim_device *dev = NULL;
    if (slsim_api_fs_enter(&dev, &ret) == NULL) {
        return ret;
    }
    slsim_device_unlock(dev);
    if (Len > 0 && pData == NULL) {
        return SL_ERROR_FS_WRONG_INPUT_SIZE_INTERNAL_SHIFTED_16_LEFT;
    }
    if (Len % 16u != 0) {
        return SL_ERROR_FS_NOT_16_ALIGNED_INTERNAL_SHIFTED_16_LEFT;
    }
    /* TI's programming-image format is not public: slsim images are built with `slsim image`
     * and `slsim fs` instead. Refused in the chip's packed form, never accepted. */
    return (_i32)((uint32_t)SL_ERROR_FS_NOT_SUPPORTED << 16);
}
