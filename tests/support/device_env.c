/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file device_env.c
 * @brief Test support: an emulated device on a freshly formatted image (device_env.h).
 */
#include "device_env.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ti/drivers/net/wifi/simplelink.h>

#include "flash/flash.h"
#include "fs/fs.h"

static int write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        return -1;
    }
    int ok = fputs(text, f) >= 0;
    return fclose(f) == 0 && ok ? 0 : -1;
}

static int make_image(const char *img, const char *profile, uint32_t sectors)
{
    struct slsim_flash *fl = NULL;
    if (slsim_flash_open_file(img, true, sectors, &fl, NULL) != 0) {
        (void)fprintf(stderr, "cannot create image %s\n", img);
        return -1;
    }
    struct slsim_fs_format_opts o = { .profile = profile };
    int32_t ret = slsim_fs_format(fl, &o);
    slsim_flash_close(fl);
    if (ret != 0) {
        (void)fprintf(stderr, "format of %s failed: %ld\n", img, (long)ret);
        return -1;
    }
    return 0;
}

int slsim_test_device_make(struct slsim_test_device *d,
                           const char *tag,
                           const char *profile,
                           uint32_t sectors,
                           const char *config)
{
    memset(d, 0, sizeof(*d));
    (void)snprintf(d->dir, sizeof(d->dir), "/tmp/slsim-%s-XXXXXX", tag);
    if (mkdtemp(d->dir) == NULL) {
        (void)fprintf(stderr, "mkdtemp %s failed\n", d->dir);
        d->dir[0] = '\0';
        return -1;
    }
    (void)snprintf(d->img, sizeof(d->img), "%s/dev.img", d->dir);
    (void)snprintf(d->cfg, sizeof(d->cfg), "%s/dev.json", d->dir);
    char json[128];
    if (config == NULL) {
        (void)snprintf(json, sizeof(json), "{\"image\": \"dev.img\", \"profile\": \"%s\"}\n",
                       profile);
        config = json;
    }
    if (make_image(d->img, profile, sectors) != 0) {
        return -1;
    }
    if (write_text(d->cfg, config) != 0) {
        (void)fprintf(stderr, "cannot write %s\n", d->cfg);
        return -1;
    }
    return 0;
}

int32_t slsim_test_device_open(struct slsim_test_device *d)
{
    int32_t ret = slsim_emu_device_open(d->cfg, &d->dev);
    if (ret != 0) {
        d->dev = NULL;
        return ret;
    }
    slsim_emu_use(d->dev);
    return 0;
}

void slsim_test_device_close(struct slsim_test_device *d)
{
    slsim_emu_device_close(d->dev);
    d->dev = NULL;
}

void slsim_test_device_free(struct slsim_test_device *d, bool stop)
{
    if (d->dev != NULL && stop) {
        slsim_emu_use(d->dev);
        (void)sl_Stop(0);
    }
    slsim_test_device_close(d);
    if (d->dir[0] == '\0') {
        return;
    }
    (void)unlink(d->img);
    (void)unlink(d->cfg);
    (void)rmdir(d->dir);
}
