/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file api_device.c
 * @brief The facade's notion of "the device": per-thread selection, the SLSIM_DEVICE default,
 *        sl_Start and sl_Stop.
 *
 * This is the only place in slsim with process-wide state (TI's API has no device argument):
 * the default device made from SLSIM_DEVICE, created once under a lock, and a thread-local
 * override. Everything below works on explicit struct slsim_device instances.
 */
#include "api/api.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <slsim/emu.h>
#include <ti/drivers/net/wifi/simplelink.h>

#include "device/device_events.h" /* runtime */

#include "core/banned.h"

static _Thread_local struct slsim_device *tls_device;
static _Thread_local char tls_error[256];

static pthread_mutex_t default_lock = PTHREAD_MUTEX_INITIALIZER;
static struct slsim_device *default_device;
static int default_tried;

void slsim_api_set_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(tls_error, sizeof(tls_error), fmt, ap);
    va_end(ap);
}

void slsim_api_set_diag(const char *what, const struct slsim_diag *diag)
{
    if (diag != NULL && diag->msg[0] != '\0') {
        slsim_api_set_error("%s: %s", what, diag->msg);
    } else {
        slsim_api_set_error("%s", what);
    }
}

const char *slsim_emu_last_error(void)
{
    return tls_error;
}

int32_t slsim_emu_device_open(const char *config_path, struct slsim_device **out)
{
    struct slsim_device_config cfg;
    struct slsim_diag diag;
    slsim_diag_clear(&diag);
    *out = NULL;
    int32_t ret = slsim_device_config_load(config_path, &cfg, &diag);
    if (ret == 0) {
        ret = slsim_device_new(&cfg, out);
    }
    if (ret != 0) {
        if (diag.msg[0] != '\0') {
            slsim_api_set_error("%s", diag.msg); /* already says what could not be opened */
        } else {
            slsim_api_set_error("cannot open device '%s'", config_path);
        }
    }
    return ret;
}

void slsim_emu_device_close(struct slsim_device *dev)
{
    if (dev == NULL) {
        return;
    }
    if (tls_device == dev) {
        tls_device = NULL;
    }
    slsim_device_free(dev);
}

void slsim_emu_use(struct slsim_device *dev)
{
    tls_device = dev;
}

static struct slsim_device *default_dev(void)
{
    (void)pthread_mutex_lock(&default_lock);
    if (!default_tried) {
        default_tried = 1;
        const char *path = getenv("SLSIM_DEVICE");
        if (path == NULL || path[0] == '\0') {
            slsim_api_set_error("no device: set SLSIM_DEVICE to a device configuration file");
        } else if (slsim_emu_device_open(path, &default_device) != 0) {
            default_device = NULL;
        }
    }
    struct slsim_device *dev = default_device;
    (void)pthread_mutex_unlock(&default_lock);
    return dev;
}

struct slsim_device *slsim_api_device(void)
{
    return tls_device != NULL ? tls_device : default_dev();
}

struct slsim_device *slsim_emu_current(void)
{
    return slsim_api_device();
}

void slsim_emu_power_cut(struct slsim_device *dev)
{
    slsim_events_stop(slsim_device_events(dev), 0); /* runtime: joined without the lock */
    slsim_device_lock(dev);
    slsim_device_power_cut(dev);
    slsim_device_unlock(dev);
}

struct slsim_fs *slsim_api_fs_enter(struct slsim_device **dev, int32_t *ret)
{
    *dev = slsim_api_device();
    if (*dev == NULL) {
        *ret = SL_RET_CODE_DEV_NOT_STARTED;
        return NULL;
    }
    slsim_device_lock(*dev);
    struct slsim_fs *fs = slsim_device_fs(*dev);
    if (fs == NULL) {
        slsim_device_unlock(*dev);
        *ret = SL_RET_CODE_DEV_NOT_STARTED;
    }
    return fs;
}

_i16 sl_Start(const void *pIfHdl, _i8 *pDevName, const P_INIT_CALLBACK pInitCallBack)
{
    (void)pIfHdl;
    (void)pDevName;
    struct slsim_device *dev = slsim_api_device();
    if (dev == NULL) {
        fprintf(stderr, "slsim: sl_Start: %s\n", tls_error);
        return SL_BAD_INTERFACE;
    }
    struct slsim_diag diag;
    slsim_diag_clear(&diag);
    /* runtime: events go to the application's handlers (api_events.c) */
    slsim_events_set_dispatch(slsim_device_events(dev), slsim_api_event_dispatch, NULL);
    slsim_device_lock(dev);
    int32_t ret = slsim_device_start(dev, &diag);
    slsim_device_unlock(dev);
    slsim_api_report_start(dev, ret); /* run report: SLSIM_RUN_REPORT (api_report.c) */
    if (ret < 0 && ret != SL_RET_CODE_DEV_ALREADY_STARTED) {
        slsim_api_set_diag("sl_Start failed", &diag);
        fprintf(stderr, "slsim: %s\n", tls_error);
    }
    if (pInitCallBack != NULL && ret != SL_RET_CODE_DEV_ALREADY_STARTED) {
        /* ---- runtime: the callback form returns 0 and reports the role on the event thread;
         * a failed start has no event thread, so the error is reported before the return
         * (docs/compat-deviations.md D1) ---- */
        struct slsim_event ev = { .kind = SLSIM_EVENT_INIT };
        ev.u.init.cb = (void (*)(void))pInitCallBack;
        ev.u.init.status = ret;
        ev.u.init.chip_id = slsim_device_profile(dev)->chip_id;
        if (ret < 0 || slsim_events_post(slsim_device_events(dev), &ev, 0) != 0) {
            SlDeviceInitInfo_t info = { .ChipId = ev.u.init.chip_id, .MoreData = 0 };
            pInitCallBack((_u32)ret, &info);
        }
        return 0;
        /* ---- end runtime ---- */
    }
    return (_i16)ret;
}

_i16 sl_Stop(const _u16 Timeout)
{
    struct slsim_device *dev = slsim_api_device();
    if (dev == NULL) {
        return SL_RET_CODE_DEV_NOT_STARTED;
    }
    /* ---- runtime: the event thread delivers what is due (for at most Timeout ms; 0xFFFF: up
     * to 10 s) and is joined without the device lock, since a handler may be waiting for it.
     * From a handler, sl_Stop cannot join its own thread (docs/wlan.md). ---- */
    struct slsim_events *q = slsim_device_events(dev);
    if (slsim_events_on_thread(q)) {
        return SL_RET_CODE_API_COMMAND_IN_PROGRESS;
    }
    slsim_events_stop(q, Timeout == 0xFFFFu ? 10000u : Timeout);
    /* ---- end runtime ---- */
    slsim_device_lock(dev);
    int32_t ret = slsim_device_stop(dev);
    slsim_device_unlock(dev);
    slsim_api_report_stop(ret); /* run report: SLSIM_RUN_REPORT (api_report.c) */
    return (_i16)ret;
}
