/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fs_list.c
 * @brief A device application on the TI API: starts the device, stores a file fail-safe,
 *        reads it back, lists the file system with sl_FsGetFileList and prints storage usage.
 *
 * Written like CC32xx firmware: only <ti/drivers/net/wifi/simplelink.h>. Run it with
 * SLSIM_DEVICE=dev.json (a device configuration, see docs/device-config.md).
 */
#include <stdio.h>
#include <string.h>

#include <ti/drivers/net/wifi/simplelink.h>

#define DEMO_FILE "/demo/hello.txt"

static int store_and_read_back(void)
{
    static char text[] = "hello from the device"; /* sl_FsWrite takes a non-const buffer */
    _u32 token = 0;
    _i32 fd = sl_FsOpen((const _u8 *)DEMO_FILE,
                        SL_FS_CREATE | SL_FS_OVERWRITE | SL_FS_CREATE_FAILSAFE |
                            SL_FS_CREATE_MAX_SIZE(1024),
                        &token);
    if (fd < 0) {
        printf("sl_FsOpen(%s) for write: %ld\n", DEMO_FILE, (long)fd);
        return -1;
    }
    _i32 n = sl_FsWrite(fd, 0, (_u8 *)text, (_u32)strlen(text));
    _i16 rc = sl_FsClose(fd, NULL, NULL, 0);
    if (n != (_i32)strlen(text) || rc != 0) {
        printf("write/close: %ld %d\n", (long)n, rc);
        return -1;
    }
    char buf[64] = { 0 };
    fd = sl_FsOpen((const _u8 *)DEMO_FILE, SL_FS_READ, NULL);
    if (fd < 0) {
        printf("sl_FsOpen(%s) for read: %ld\n", DEMO_FILE, (long)fd);
        return -1;
    }
    n = sl_FsRead(fd, 0, (_u8 *)buf, sizeof(buf) - 1);
    (void)sl_FsClose(fd, NULL, NULL, 0);
    printf("read back %ld bytes: \"%s\"\n", (long)n, buf);
    return strcmp(buf, text) == 0 ? 0 : -1;
}

static void list_files(void)
{
    enum { ENTRY = 4 * ((sizeof(SlFileAttributes_t) + SL_FS_MAX_FILE_NAME_LENGTH + 3) / 4) };
    _u8 buf[ENTRY * 7];
    _i32 index = -1;
    _i32 count;
    printf("%-40s %8s %8s %6s\n", "name", "max", "blocks", "flags");
    while ((count = sl_FsGetFileList(&index, 7, (_u8)ENTRY, buf, SL_FS_GET_FILE_ATTRIBUTES)) > 0) {
        for (_i32 i = 0; i < count; i++) {
            const _u8 *e = buf + i * ENTRY;
            SlFileAttributes_t a;
            memcpy(&a, e, sizeof(a));
            printf("%-40s %8u %8u %#6x\n", (const char *)(e + sizeof(a)), a.FileMaxSize,
                   a.FileAllocatedBlocks, a.Properties);
        }
    }
}

static void storage_info(void)
{
    SlFsControlGetStorageInfoResponse_t info;
    if (sl_FsCtl(SL_FS_CTL_GET_STORAGE_INFO, 0, NULL, NULL, 0, (_u8 *)&info, sizeof(info), NULL) <
        0) {
        return;
    }
    printf(
        "storage: %u of %u blocks allocated, %u free for user files, %u user + %u system files\n",
        info.DeviceUsage.NumOfAllocatedBlocks, info.DeviceUsage.DeviceBlocksCapacity,
        info.DeviceUsage.NumOfAvailableBlocksForUserFiles, info.FilesUsage.ActualNumOfUserFiles,
        info.FilesUsage.ActualNumOfSysFiles);
}

int main(void)
{
    _i16 role = sl_Start(NULL, NULL, NULL);
    if (role < 0) {
        printf("sl_Start: %d\n", role);
        return 1;
    }
    int rc = store_and_read_back();
    list_files();
    storage_info();
    (void)sl_Stop(200);
    return rc == 0 ? 0 : 1;
}
