/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file flash.c
 * @brief Sector block device over an image file or RAM, with power-cut injection.
 */
#include "flash/flash.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

struct slsim_flash {
    uint32_t sectors;
    int fd;       /* file backend, or -1 */
    uint8_t *ram; /* RAM backend, or NULL */
    uint64_t writes;
    int64_t cut_left; /* writes that may still land before the cut; < 0 = disarmed */
    bool torn;
    bool dead;
    bool readonly;
};

static struct slsim_flash *flash_new(uint32_t sectors)
{
    struct slsim_flash *fl = calloc(1, sizeof(*fl));
    if (fl != NULL) {
        fl->sectors = sectors;
        fl->fd = -1;
        fl->cut_left = -1;
    }
    return fl;
}

int32_t slsim_flash_open_ram(uint32_t sectors, struct slsim_flash **out)
{
    *out = NULL;
    if (sectors == 0 || sectors > SLSIM_FLASH_MAX_SECTORS) {
        return SL_ERROR_FS_INVALID_ARGS;
    }
    struct slsim_flash *fl = flash_new(sectors);
    if (fl == NULL) {
        return SL_ERROR_FS_NO_MEMORY;
    }
    fl->ram = malloc((size_t)sectors * SLSIM_FLASH_SECTOR_SIZE);
    if (fl->ram == NULL) {
        free(fl);
        return SL_ERROR_FS_NO_MEMORY;
    }
    memset(fl->ram, 0xFF, (size_t)sectors * SLSIM_FLASH_SECTOR_SIZE);
    *out = fl;
    return 0;
}

int32_t slsim_flash_open_ram_from(const uint8_t *data, size_t len, struct slsim_flash **out)
{
    size_t sectors = (len + SLSIM_FLASH_SECTOR_SIZE - 1) / SLSIM_FLASH_SECTOR_SIZE;
    if (sectors == 0) {
        sectors = 1;
    }
    if (sectors > SLSIM_FLASH_MAX_SECTORS) {
        *out = NULL;
        return SL_ERROR_FS_INVALID_ARGS;
    }
    int32_t ret = slsim_flash_open_ram((uint32_t)sectors, out);
    if (ret == 0 && len > 0) {
        memcpy((*out)->ram, data, len);
    }
    return ret;
}

static int32_t fill_erased(int fd, uint32_t sectors)
{
    uint8_t sector[SLSIM_FLASH_SECTOR_SIZE];
    memset(sector, 0xFF, sizeof(sector));
    for (uint32_t i = 0; i < sectors; i++) {
        if (pwrite(fd, sector, sizeof(sector), (off_t)i * SLSIM_FLASH_SECTOR_SIZE) !=
            (ssize_t)sizeof(sector)) {
            return SL_ERROR_FS_PROGRAM_FAILURE;
        }
    }
    return fsync(fd) == 0 ? 0 : SL_ERROR_FS_PROGRAM_FAILURE;
}

static int32_t open_errno(const char *path, bool create, struct slsim_diag *diag)
{
    int e = errno;
    slsim_diag_set(diag, e, "cannot open '%s': %s", path, strerror(e));
    if (e == ENOENT) {
        return SL_ERROR_FS_FILE_NOT_EXISTS;
    }
    if (e == EEXIST && create) {
        return SL_ERROR_FS_FILE_ALREADY_EXISTS;
    }
    return SL_ERROR_FS_FAILED_TO_READ_NVMEM;
}

static int32_t check_size(int fd, const char *path, uint32_t *sectors, struct slsim_diag *diag)
{
    struct stat st;
    if (fstat(fd, &st) != 0) {
        slsim_diag_set(diag, errno, "cannot stat '%s'", path);
        return SL_ERROR_FS_FAILED_TO_READ_NVMEM;
    }
    if (st.st_size % SLSIM_FLASH_SECTOR_SIZE != 0 ||
        st.st_size < (off_t)SLSIM_FLASH_MIN_SECTORS * SLSIM_FLASH_SECTOR_SIZE ||
        st.st_size > (off_t)SLSIM_FLASH_MAX_SECTORS * SLSIM_FLASH_SECTOR_SIZE) {
        slsim_diag_set(diag, 0,
                       "'%s' is %lld bytes: not an image (1 to 32 MB in whole 4096-byte sectors)",
                       path, (long long)st.st_size);
        return SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
    }
    *sectors = (uint32_t)(st.st_size / SLSIM_FLASH_SECTOR_SIZE);
    return 0;
}

static int32_t open_image(const char *path,
                          bool create,
                          bool readonly,
                          uint32_t sectors,
                          struct slsim_flash **out,
                          struct slsim_diag *diag)
{
    *out = NULL;
    if (create && (sectors < SLSIM_FLASH_MIN_SECTORS || sectors > SLSIM_FLASH_MAX_SECTORS)) {
        slsim_diag_set(diag, 0, "image size must be 1 to 32 MB");
        return SL_ERROR_FS_INVALID_ARGS;
    }
    int flags = (readonly ? O_RDONLY : O_RDWR) | O_CLOEXEC | (create ? (O_CREAT | O_EXCL) : 0);
    int fd = open(path, flags, 0644);
    if (fd < 0) {
        return open_errno(path, create, diag);
    }
    if (flock(fd, (readonly ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0) {
        slsim_diag_set(diag, errno, "'%s' is in use by another process", path);
        close(fd);
        return SL_ERROR_FS_FILE_SYSTEM_IS_BUSY;
    }
    int32_t ret = create ? fill_erased(fd, sectors) : check_size(fd, path, &sectors, diag);
    if (ret != 0) {
        if (create) {
            int e = errno;
            slsim_diag_set(diag, e, "cannot write '%s': %s", path, strerror(e));
            (void)unlink(path);
        }
        close(fd);
        return ret;
    }
    struct slsim_flash *fl = flash_new(sectors);
    if (fl == NULL) {
        close(fd);
        return SL_ERROR_FS_NO_MEMORY;
    }
    fl->fd = fd;
    fl->readonly = readonly;
    *out = fl;
    return 0;
}

int32_t slsim_flash_open_file(const char *path,
                              bool create,
                              uint32_t sectors,
                              struct slsim_flash **out,
                              struct slsim_diag *diag)
{
    return open_image(path, create, false, sectors, out, diag);
}

int32_t
slsim_flash_open_file_ro(const char *path, struct slsim_flash **out, struct slsim_diag *diag)
{
    return open_image(path, false, true, 0, out, diag);
}

void slsim_flash_close(struct slsim_flash *fl)
{
    if (fl == NULL) {
        return;
    }
    if (fl->fd >= 0) {
        if (!fl->readonly) {
            (void)fsync(fl->fd);
        }
        close(fl->fd);
    }
    free(fl->ram);
    free(fl);
}

uint32_t slsim_flash_sectors(const struct slsim_flash *fl)
{
    return fl->sectors;
}

int32_t slsim_flash_read(struct slsim_flash *fl, uint64_t off, void *buf, size_t len)
{
    uint64_t size = (uint64_t)fl->sectors * SLSIM_FLASH_SECTOR_SIZE;
    if (off > size || len > size - off) {
        return SL_ERROR_FS_OFFSET_OUT_OF_RANGE;
    }
    if (fl->ram != NULL) {
        memcpy(buf, fl->ram + off, len);
        return 0;
    }
    uint8_t *p = buf;
    while (len > 0) {
        ssize_t got = pread(fl->fd, p, len, (off_t)off);
        if (got <= 0) {
            if (got < 0 && errno == EINTR) {
                continue;
            }
            return SL_ERROR_FS_FAILED_TO_READ_NVMEM;
        }
        p += got;
        off += (uint64_t)got;
        len -= (size_t)got;
    }
    return 0;
}

static int32_t raw_write(struct slsim_flash *fl, uint32_t sector, const uint8_t *data, size_t n)
{
    uint64_t off = (uint64_t)sector * SLSIM_FLASH_SECTOR_SIZE;
    if (fl->ram != NULL) {
        memcpy(fl->ram + off, data, n);
        return 0;
    }
    if (pwrite(fl->fd, data, n, (off_t)off) != (ssize_t)n) {
        return SL_ERROR_FS_PROGRAM_FAILURE;
    }
    return 0;
}

int32_t slsim_flash_write_sector(struct slsim_flash *fl, uint32_t sector, const uint8_t *data)
{
    if (sector >= fl->sectors) {
        return SL_ERROR_FS_OFFSET_OUT_OF_RANGE;
    }
    if (fl->dead) {
        return SL_ERROR_FS_PROGRAM_FAILURE;
    }
    if (fl->readonly) {
        return SL_ERROR_FS_FAILED_TO_WRITE;
    }
    if (fl->cut_left == 0) {
        fl->dead = true;
        if (fl->torn) {
            (void)raw_write(fl, sector, data, SLSIM_FLASH_SECTOR_SIZE / 2);
        }
        return SL_ERROR_FS_PROGRAM_FAILURE;
    }
    int32_t ret = raw_write(fl, sector, data, SLSIM_FLASH_SECTOR_SIZE);
    if (ret == 0) {
        fl->writes++;
        if (fl->cut_left > 0) {
            fl->cut_left--;
        }
    }
    return ret;
}

int32_t slsim_flash_sync(struct slsim_flash *fl)
{
    if (fl->dead) {
        return SL_ERROR_FS_PROGRAM_FAILURE;
    }
    if (fl->fd >= 0 && !fl->readonly && fdatasync(fl->fd) != 0) {
        return SL_ERROR_FS_PROGRAM_FAILURE;
    }
    return 0;
}

void slsim_flash_set_cut(struct slsim_flash *fl, int64_t writes_before_cut, bool torn)
{
    fl->cut_left = writes_before_cut < 0 ? -1 : writes_before_cut;
    fl->torn = torn;
    fl->dead = false;
}

bool slsim_flash_power_lost(const struct slsim_flash *fl)
{
    return fl->dead;
}

void slsim_flash_power_on(struct slsim_flash *fl)
{
    fl->dead = false;
    fl->cut_left = -1;
}

uint64_t slsim_flash_write_count(const struct slsim_flash *fl)
{
    return fl->writes;
}

uint8_t *slsim_flash_ram_data(struct slsim_flash *fl)
{
    return fl->ram;
}

int32_t slsim_flash_clone_ram(struct slsim_flash *src, struct slsim_flash **out)
{
    int32_t ret = slsim_flash_open_ram(src->sectors, out);
    if (ret != 0) {
        return ret;
    }
    ret = slsim_flash_read(src, 0, (*out)->ram, (size_t)src->sectors * SLSIM_FLASH_SECTOR_SIZE);
    if (ret != 0) {
        slsim_flash_close(*out);
        *out = NULL;
    }
    return ret;
}
