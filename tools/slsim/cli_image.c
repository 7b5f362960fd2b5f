/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cli_image.c
 * @brief Opening an image for one command: open the file (locked), mount it in tool mode with
 *        the limits of the profile recorded in the image, and the checked unmount at the end.
 *
 * Every failure to open or mount is an environment error (exit 3): the image is missing, in
 * use, not an image, or its metadata is damaged.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "device/device.h"
#include "flash/flash.h"
#include "fs/fs.h"

#include "core/banned.h"

void cli_trim_diag(struct slsim_diag *diag, const char *path)
{
    char prefix[sizeof(diag->msg) + 32];
    int n = snprintf(prefix, sizeof(prefix), "cannot open '%s': ", path);
    if (n > 0 && (size_t)n < sizeof(prefix) && strncmp(diag->msg, prefix, (size_t)n) == 0) {
        memmove(diag->msg, diag->msg + n, strlen(diag->msg + n) + 1);
    }
}

static int32_t
mount_with(struct cli_image *img, const struct slsim_profile *profile, struct slsim_diag *diag)
{
    img->profile = profile;
    return slsim_fs_mount(img->fl, &profile->fs, SLSIM_FS_MOUNT_TOOL, &img->fs, diag);
}

/* Mounts with the default profile's limits, then again with the image's own profile if it
 * names another one (a tool mount writes nothing, so remounting is free). */
static int32_t mount_image(struct cli_image *img, struct slsim_diag *diag)
{
    int32_t ret = mount_with(img, slsim_profile_default(), diag);
    if (ret != 0) {
        return ret;
    }
    struct slsim_fs_storage st;
    ret = slsim_fs_storage(img->fs, &st);
    if (ret != 0) {
        return ret;
    }
    const struct slsim_profile *p = slsim_profile_find(st.profile);
    if (p == NULL) {
        if (st.profile[0] != '\0') {
            cli_warning("image '%s' names unknown profile '%s': using the limits of %s", img->path,
                        st.profile, img->profile->name);
        }
        return 0;
    }
    if (p == img->profile) {
        return 0;
    }
    ret = slsim_fs_unmount(img->fs, SLSIM_FS_STOP_TOOL);
    img->fs = NULL;
    return ret != 0 ? ret : mount_with(img, p, diag);
}

static int image_open(struct cli_image *img, const char *path, bool readonly)
{
    struct slsim_diag diag;
    memset(img, 0, sizeof(*img));
    memset(&diag, 0, sizeof(diag));
    img->path = path;
    int32_t ret = readonly ? slsim_flash_open_file_ro(path, &img->fl, &diag)
                           : slsim_flash_open_file(path, false, 0, &img->fl, &diag);
    if (ret != 0) {
        cli_trim_diag(&diag, path);
        return cli_sl_error(CLI_EXIT_ENV, ret, &diag, "cannot open image '%s'", path);
    }
    ret = mount_image(img, &diag);
    if (ret != 0) {
        slsim_fs_free(img->fs);
        img->fs = NULL;
        slsim_flash_close(img->fl);
        img->fl = NULL;
        return cli_sl_error(CLI_EXIT_ENV, ret, &diag, "cannot open image '%s'", path);
    }
    return CLI_EXIT_OK;
}

int cli_image_open(struct cli_image *img, const char *path)
{
    return image_open(img, path, false);
}

int cli_image_open_ro(struct cli_image *img, const char *path)
{
    return image_open(img, path, true);
}

int cli_image_close(struct cli_image *img, int status)
{
    int32_t ret = slsim_fs_unmount(img->fs, SLSIM_FS_STOP_TOOL);
    img->fs = NULL;
    slsim_flash_close(img->fl);
    img->fl = NULL;
    if (ret != 0) {
        (void)cli_sl_error(CLI_EXIT_FAILED, ret, NULL, "cannot close image '%s'", img->path);
        return status == CLI_EXIT_OK ? CLI_EXIT_FAILED : status;
    }
    return status;
}
