/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sl_device.c
 * @brief sl_DeviceSet / sl_DeviceGet: the device clock (SL_DEVICE_GENERAL_DATE_TIME) and the
 *        version information (SL_DEVICE_GENERAL_VERSION), reference simplelink-api.md §7.2.
 *
 * Other ids and options are not emulated yet and return SL_ERROR_INVALID_PARAM (never a
 * silent success).
 */
#include "api/api.h"

#include <string.h>

#include <slsim/version.h>
#include <ti/drivers/net/wifi/simplelink.h>

#include "device/device_clock.h"

#include "core/banned.h"

_Static_assert(sizeof(SlDateTime_t) == 44, "TI layout");

static struct slsim_device *enter(int32_t *ret)
{
    struct slsim_device *dev = slsim_api_device();
    if (dev == NULL) {
        *ret = SL_RET_CODE_DEV_NOT_STARTED;
        return NULL;
    }
    slsim_device_lock(dev);
    if (!slsim_device_started(dev)) {
        slsim_device_unlock(dev);
        *ret = SL_RET_CODE_DEV_NOT_STARTED;
        return NULL;
    }
    return dev;
}

static int32_t set_date(struct slsim_device *dev, _u16 len, const _u8 *values)
{
    SlDateTime_t dt;
    if (values == NULL || len < sizeof(dt)) {
        return SL_ERROR_INVALID_PARAM;
    }
    memcpy(&dt, values, sizeof(dt));
    struct slsim_date d = { .sec = dt.tm_sec,
                            .min = dt.tm_min,
                            .hour = dt.tm_hour,
                            .day = dt.tm_day,
                            .mon = dt.tm_mon,
                            .year = dt.tm_year };
    return slsim_clock_set(slsim_device_clock(dev), &d);
}

_i16 sl_DeviceSet(const _u8 DeviceSetId, const _u8 Option, const _u16 ConfigLen, const _u8 *pValues)
{
    int32_t ret = 0;
    struct slsim_device *dev = enter(&ret);
    if (dev == NULL) {
        return (_i16)ret;
    }
    if (DeviceSetId == SL_DEVICE_GENERAL && Option == SL_DEVICE_GENERAL_DATE_TIME) {
        ret = set_date(dev, ConfigLen, pValues);
    } else {
        ret = SL_ERROR_INVALID_PARAM;
    }
    slsim_device_unlock(dev);
    return (_i16)ret;
}

/* Copies @p len bytes of @p src to the caller's buffer; SL_ESMALLBUF (truncated) if short. */
static int32_t put(const void *src, size_t len, _u16 *out_len, _u8 *out)
{
    if (out_len == NULL || out == NULL) {
        return SL_ERROR_INVALID_PARAM;
    }
    size_t n = *out_len < len ? *out_len : len;
    memcpy(out, src, n);
    int32_t ret = *out_len < len ? SL_ESMALLBUF : 0;
    *out_len = (_u16)len;
    return ret;
}

static int32_t get_date(struct slsim_device *dev, _u16 *len, _u8 *values)
{
    struct slsim_date d;
    slsim_clock_get(slsim_device_clock(dev), &d);
    SlDateTime_t dt;
    memset(&dt, 0, sizeof(dt));
    dt.tm_sec = d.sec;
    dt.tm_min = d.min;
    dt.tm_hour = d.hour;
    dt.tm_day = d.day;
    dt.tm_mon = d.mon;
    dt.tm_year = d.year;
    dt.tm_week_day = d.wday;
    dt.tm_year_day = d.yday;
    return put(&dt, sizeof(dt), len, values);
}

static int32_t get_version(struct slsim_device *dev, _u16 *len, _u8 *values)
{
    SlDeviceVersion_t v;
    memset(&v, 0, sizeof(v));
    v.ChipId = slsim_device_profile(dev)->chip_id;
    /* Honest values: the "firmware" is slsim itself, not a TI service pack. */
    v.FwVersion[0] = SLSIM_VERSION_MAJOR;
    v.FwVersion[1] = SLSIM_VERSION_MINOR;
    v.FwVersion[2] = SLSIM_VERSION_PATCH;
    v.NwpVersion[0] = SLSIM_VERSION_MAJOR;
    v.NwpVersion[1] = SLSIM_VERSION_MINOR;
    v.NwpVersion[2] = SLSIM_VERSION_PATCH;
    return put(&v, sizeof(v), len, values);
}

_i16 sl_DeviceGet(const _u8 DeviceGetId, _u8 *pOption, _u16 *pConfigLen, _u8 *pValues)
{
    int32_t ret = 0;
    struct slsim_device *dev = enter(&ret);
    if (dev == NULL) {
        return (_i16)ret;
    }
    if (DeviceGetId != SL_DEVICE_GENERAL || pOption == NULL) {
        ret = SL_ERROR_INVALID_PARAM;
    } else if (*pOption == SL_DEVICE_GENERAL_DATE_TIME) {
        ret = get_date(dev, pConfigLen, pValues);
    } else if (*pOption == SL_DEVICE_GENERAL_VERSION) {
        ret = get_version(dev, pConfigLen, pValues);
    } else {
        ret = SL_ERROR_INVALID_PARAM;
    }
    slsim_device_unlock(dev);
    return (_i16)ret;
}
