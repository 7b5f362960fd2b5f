/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file device_clock.h
 * @brief The device clock: what the NWP believes the date is (certificate dates are checked
 *        against it, not against the host clock).
 *
 * Modes (device configuration "clock"): "host" (default: a device whose time was set from the
 * network), "power-on" (the chip's reset value 2013-01-01 00:00:00, the cause of many real
 * -461s), or a fixed start time "YYYY-MM-DDTHH:MM:SSZ". The clock runs from the moment the
 * device object is created; sl_DeviceSet(SL_DEVICE_GENERAL_DATE_TIME) sets it. It survives
 * sl_Stop/sl_Start (hibernate) and is lost with the process (a power cycle).
 */
#ifndef SLSIM_DEVICE_DEVICE_CLOCK_H
#define SLSIM_DEVICE_DEVICE_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

#define SLSIM_CLOCK_POWER_ON_EPOCH 1356998400 /* 2013-01-01 00:00:00 UTC */

enum slsim_clock_mode {
    SLSIM_CLOCK_HOST = 0,
    SLSIM_CLOCK_POWER_ON,
    SLSIM_CLOCK_FIXED,
};

struct slsim_device_clock {
    enum slsim_clock_mode mode;
    int64_t base;      /**< device seconds at mono_base (unused in host mode until set) */
    int64_t mono_base; /**< CLOCK_MONOTONIC ms when base was taken */
    bool set;          /**< sl_DeviceSet was called (host mode then follows base too) */
};

/** Broken-down date as TI's SlDateTime_t carries it (month 1-12, full year). */
struct slsim_date {
    uint32_t sec, min, hour, day, mon, year, wday, yday;
};

/** Starts a clock in @p mode (@p fixed_start for SLSIM_CLOCK_FIXED). */
void slsim_clock_init(struct slsim_device_clock *c,
                      enum slsim_clock_mode mode,
                      int64_t fixed_start);

/** Device time now, Unix seconds. */
int64_t slsim_clock_now(const struct slsim_device_clock *c);

/** Sets the device time (sl_DeviceSet DATE_TIME). 0, or SL_ERROR_INVALID_PARAM. */
int32_t slsim_clock_set(struct slsim_device_clock *c, const struct slsim_date *d);

/** Device time as a date. */
void slsim_clock_get(const struct slsim_device_clock *c, struct slsim_date *d);

/** Parses "host", "power-on" or "YYYY-MM-DDTHH:MM:SSZ". 0 or -1. */
int slsim_clock_parse(const char *text, enum slsim_clock_mode *mode, int64_t *fixed_start);

/** Date <-> Unix seconds (proleptic Gregorian, UTC; no time zone). */
int64_t slsim_date_to_unix(const struct slsim_date *d);
void slsim_unix_to_date(int64_t t, struct slsim_date *d);

#endif /* SLSIM_DEVICE_DEVICE_CLOCK_H */
