/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file device.c
 * @brief Device lifecycle: sl_Start mounts the image, sl_Stop records a clean stop.
 */
#include "device/device.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "sock/sock.h"

#include "device/device_clock.h"
#include "device/device_events.h" /* runtime */
#include "device/device_wlan.h"   /* runtime */

#include "core/banned.h"

struct slsim_device {
    struct slsim_device_config cfg;
    const struct slsim_profile *profile;
    pthread_mutex_t lock;
    struct slsim_flash *fl;
    struct slsim_fs *fs;
    struct slsim_device_catalog cat; /* catalog: filled by slsim_device_load_catalog() */
    struct slsim_sock_table *socks;  /* sockets: while started (device_sock.c) */
    struct slsim_device_clock clock; /* from creation until the process ends (a power cycle) */
    struct slsim_events *events;     /* runtime: event thread and queue (device_events.c) */
    struct slsim_device_wlan *wlan;  /* runtime: WLAN model (device_wlan.c) */
    struct slsim_net_dests dests;    /* net: where each socket last sent (docs/net.md) */
};

int32_t slsim_device_new(const struct slsim_device_config *cfg, struct slsim_device **out)
{
    *out = NULL;
    struct slsim_device *dev = calloc(1, sizeof(*dev));
    if (dev == NULL) {
        return SL_ERROR_BSD_ENOMEM;
    }
    dev->cfg = *cfg;
    slsim_clock_init(&dev->clock, (enum slsim_clock_mode)cfg->clock_mode, cfg->clock_start);
    dev->profile = cfg->profile[0] ? slsim_profile_find(cfg->profile) : NULL;
    if (pthread_mutex_init(&dev->lock, NULL) != 0) {
        free(dev);
        return SL_ERROR_BSD_ENOMEM;
    }
    /* ---- runtime ---- */
    if (slsim_events_new(dev, &dev->events) != 0 || slsim_device_wlan_new(&dev->wlan) != 0) {
        slsim_events_free(dev->events);
        pthread_mutex_destroy(&dev->lock);
        free(dev);
        return SL_ERROR_BSD_ENOMEM;
    }
    /* ---- end runtime ---- */
    *out = dev;
    return 0;
}

void slsim_device_free(struct slsim_device *dev)
{
    if (dev == NULL) {
        return;
    }
    if (dev->fs != NULL) {
        (void)slsim_device_stop(dev);
    }
    slsim_events_free(dev->events);    /* runtime */
    slsim_device_wlan_free(dev->wlan); /* runtime */
    pthread_mutex_destroy(&dev->lock);
    free(dev);
}

static void release(struct slsim_device *dev)
{
    slsim_device_wlan_stop(dev);       /* runtime: event thread stopped, link forgotten */
    slsim_sock_table_free(dev->socks); /* sockets */
    dev->socks = NULL;
    slsim_fs_free(dev->fs);
    dev->fs = NULL;
    slsim_flash_close(dev->fl);
    dev->fl = NULL;
}

/* Which profile applies: the configuration's, else the one the image was made for. Read
 * with a tool mount (writes nothing) so the boot mount already uses the right limits. */
static int32_t resolve_profile(struct slsim_device *dev, struct slsim_diag *diag)
{
    struct slsim_fs *peek = NULL;
    int32_t ret =
        slsim_fs_mount(dev->fl, &slsim_profile_default()->fs, SLSIM_FS_MOUNT_TOOL, &peek, diag);
    if (ret != 0) {
        return ret;
    }
    struct slsim_fs_storage st;
    (void)slsim_fs_storage(peek, &st);
    slsim_fs_free(peek);
    const struct slsim_profile *img = slsim_profile_find(st.profile);
    if (dev->cfg.profile[0] != '\0' && img != NULL && img != dev->profile) {
        slsim_diag_set(diag, 0, "image '%s' was made for %s, configuration says %s", dev->cfg.image,
                       img->name, dev->profile->name);
        return SL_ERROR_GENERAL_ERR;
    }
    if (dev->profile == NULL) {
        dev->profile = img != NULL ? img : slsim_profile_default();
    }
    return 0;
}

static int32_t map_mount_error(int32_t ret)
{
    switch (ret) {
    case SL_ERROR_FS_ALERT_ERR:
    case SL_ERROR_GENERAL_ERR:
        return ret;
    case SL_ERROR_FS_NO_MEMORY:
        return SL_ERROR_GENERAL_ERR;
    default:
        return SL_ERROR_FS_CORRUPTED_ERR;
    }
}

static int32_t finish_restore(struct slsim_device *dev, struct slsim_diag *diag)
{
    struct slsim_fs_boot_report rep;
    slsim_fs_boot_report(dev->fs, &rep);
    if (!rep.restore_complete) {
        return 0;
    }
    (void)slsim_fs_ack_restore(dev->fs);
    (void)slsim_fs_unmount(dev->fs, SLSIM_FS_STOP_DEVICE);
    dev->fs = NULL;
    slsim_diag_set(diag, 0, "restore to factory finished; start the device again");
    return SL_ERROR_RESTORE_IMAGE_COMPLETE;
}

int32_t slsim_device_start(struct slsim_device *dev, struct slsim_diag *diag)
{
    if (dev->fs != NULL) {
        return SL_RET_CODE_DEV_ALREADY_STARTED;
    }
    int32_t ret = slsim_flash_open_file(dev->cfg.image, false, 0, &dev->fl, diag);
    if (ret != 0) {
        return SL_BAD_INTERFACE;
    }
    ret = resolve_profile(dev, diag);
    if (ret == 0) {
        ret = slsim_fs_mount(dev->fl, &dev->profile->fs, SLSIM_FS_MOUNT_BOOT, &dev->fs, diag);
    }
    if (ret == 0) {
        ret = finish_restore(dev, diag);
    } else {
        ret = map_mount_error(ret);
    }
    /* ---- catalog: a catalog that does not verify stops the boot (docs/catalog.md) ---- */
    dev->cat.state = SLSIM_CATALOG_STATE_MISSING;
    if (ret == 0) {
        ret = slsim_device_load_catalog(dev, diag);
        if (ret != 0) {
            (void)slsim_fs_unmount(dev->fs, SLSIM_FS_STOP_DEVICE);
            dev->fs = NULL;
        }
    }
    /* ---- end catalog ---- */
    /* ---- sockets ---- */
    if (ret == 0) {
        ret = slsim_device_socks_open(dev, &dev->socks);
        if (ret != 0) {
            (void)slsim_fs_unmount(dev->fs, SLSIM_FS_STOP_DEVICE);
            dev->fs = NULL;
        }
    }
    /* ---- end sockets ---- */
    /* ---- runtime: role, event thread, auto-connect (device_wlan.c) ---- */
    if (ret == 0) {
        ret = slsim_device_wlan_start(dev);
        if (ret < 0) {
            (void)slsim_fs_unmount(dev->fs, SLSIM_FS_STOP_DEVICE);
            dev->fs = NULL;
        }
    }
    /* ---- end runtime ---- */
    if (ret < 0) {
        release(dev);
        return ret;
    }
    return ret; /* the role */
}

int32_t slsim_device_stop(struct slsim_device *dev)
{
    if (dev->fs == NULL) {
        return SL_RET_CODE_DEV_NOT_STARTED;
    }
    slsim_device_wlan_stop(dev);       /* runtime: joins the event thread (see device_events.h) */
    slsim_sock_table_free(dev->socks); /* sockets: closed before the fs goes */
    dev->socks = NULL;
    int32_t ret = slsim_fs_unmount(dev->fs, SLSIM_FS_STOP_DEVICE);
    dev->fs = NULL;
    slsim_flash_close(dev->fl);
    dev->fl = NULL;
    return ret == 0 ? 0 : SL_ERROR_PENDING_TXRX_STOP_TIMEOUT_EXP;
}

void slsim_device_power_cut(struct slsim_device *dev)
{
    release(dev);
}

bool slsim_device_started(const struct slsim_device *dev)
{
    return dev->fs != NULL;
}

struct slsim_fs *slsim_device_fs(struct slsim_device *dev)
{
    return dev->fs;
}

const struct slsim_profile *slsim_device_profile(const struct slsim_device *dev)
{
    return dev->profile != NULL ? dev->profile : slsim_profile_default();
}

const struct slsim_device_config *slsim_device_config(const struct slsim_device *dev)
{
    return &dev->cfg;
}

/* ---- catalog (device_catalog.c) ---- */
struct slsim_device_catalog *slsim_device_catalog_slot(struct slsim_device *dev)
{
    return &dev->cat;
}

const struct slsim_catalog *slsim_device_catalog(const struct slsim_device *dev,
                                                 int *state,
                                                 const struct slsim_catalog_store_info **info)
{
    /* Stopped: MISSING, except after an sl_Start refused because of the catalog. */
    bool started = dev->fs != NULL;
    bool rejected = dev->cat.state == SLSIM_CATALOG_STATE_REJECTED;
    if (state != NULL) {
        *state = started || rejected ? (int)dev->cat.state : (int)SLSIM_CATALOG_STATE_MISSING;
    }
    if (info != NULL) {
        *info = started || rejected ? &dev->cat.info : NULL;
    }
    return started && dev->cat.state == SLSIM_CATALOG_STATE_OK ? &dev->cat.catalog : NULL;
}
/* ---- end catalog ---- */

/* ---- sockets (device_sock.c) ---- */
struct slsim_sock_table *slsim_device_socks(struct slsim_device *dev)
{
    return dev->fs != NULL ? dev->socks : NULL;
}
/* ---- end sockets ---- */

void slsim_device_lock(struct slsim_device *dev)
{
    (void)pthread_mutex_lock(&dev->lock);
}

void slsim_device_unlock(struct slsim_device *dev)
{
    (void)pthread_mutex_unlock(&dev->lock);
}

struct slsim_device_clock *slsim_device_clock(struct slsim_device *dev)
{
    return &dev->clock;
}

int64_t slsim_device_time(struct slsim_device *dev)
{
    return slsim_clock_now(&dev->clock);
}

/* ---- net (docs/net.md) ---- */

const struct slsim_net *slsim_device_net(const struct slsim_device *dev)
{
    return &dev->cfg.net;
}

struct slsim_net_dests *slsim_device_net_dests(struct slsim_device *dev)
{
    return &dev->dests;
}

/* ---- end net ---- */

/* ---- runtime (device_events.h, device_wlan.h) ---- */

struct slsim_events *slsim_device_events(struct slsim_device *dev)
{
    return dev->events;
}

struct slsim_device_wlan *slsim_device_wlan(struct slsim_device *dev)
{
    return dev->wlan;
}

/* ---- end runtime ---- */
