/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file device_clock.c
 * @brief Device clock and calendar conversion (no dependence on the host time zone).
 */
#include "device/device_clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

static int64_t mono_ms(void)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's well-known algorithm, restated). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

int64_t slsim_date_to_unix(const struct slsim_date *d)
{
    return days_from_civil(d->year, d->mon, d->day) * 86400 + d->hour * 3600 + d->min * 60 + d->sec;
}

void slsim_unix_to_date(int64_t t, struct slsim_date *d)
{
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int64_t secs = t - days * 86400;
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    memset(d, 0, sizeof(*d));
    d->day = doy - (153 * mp + 2) / 5 + 1;
    d->mon = mp < 10 ? mp + 3 : mp - 9;
    d->year = (uint32_t)(yoe + era * 400 + (d->mon <= 2));
    d->hour = (uint32_t)(secs / 3600);
    d->min = (uint32_t)(secs % 3600 / 60);
    d->sec = (uint32_t)(secs % 60);
    d->wday = (uint32_t)((days % 7 + 11) % 7); /* 1970-01-01 was a Thursday (4) */
    d->yday = (uint32_t)(days - days_from_civil(d->year, 1, 1)) + 1;
}

void slsim_clock_init(struct slsim_device_clock *c, enum slsim_clock_mode mode, int64_t fixed_start)
{
    memset(c, 0, sizeof(*c));
    c->mode = mode;
    c->mono_base = mono_ms();
    c->base = mode == SLSIM_CLOCK_POWER_ON ? SLSIM_CLOCK_POWER_ON_EPOCH : fixed_start;
}

int64_t slsim_clock_now(const struct slsim_device_clock *c)
{
    if (c->mode == SLSIM_CLOCK_HOST && !c->set) {
        return (int64_t)time(NULL);
    }
    return c->base + (mono_ms() - c->mono_base) / 1000;
}

static bool valid_date(const struct slsim_date *d)
{
    static const uint8_t mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (d->year < 1970 || d->year > 2105 || d->mon < 1 || d->mon > 12 || d->day < 1 ||
        d->hour > 23 || d->min > 59 || d->sec > 59) {
        return false;
    }
    bool leap = (d->year % 4 == 0 && d->year % 100 != 0) || d->year % 400 == 0;
    return d->day <= mdays[d->mon - 1] + (d->mon == 2 && leap ? 1u : 0u);
}

int32_t slsim_clock_set(struct slsim_device_clock *c, const struct slsim_date *d)
{
    if (!valid_date(d)) {
        return SL_ERROR_INVALID_PARAM;
    }
    c->base = slsim_date_to_unix(d);
    c->mono_base = mono_ms();
    c->set = true;
    return 0;
}

void slsim_clock_get(const struct slsim_device_clock *c, struct slsim_date *d)
{
    slsim_unix_to_date(slsim_clock_now(c), d);
}

int slsim_clock_parse(const char *text, enum slsim_clock_mode *mode, int64_t *fixed_start)
{
    *fixed_start = 0;
    if (strcmp(text, "host") == 0) {
        *mode = SLSIM_CLOCK_HOST;
        return 0;
    }
    if (strcmp(text, "power-on") == 0) {
        *mode = SLSIM_CLOCK_POWER_ON;
        return 0;
    }
    struct slsim_date d;
    char z = 0;
    int used = 0;
    memset(&d, 0, sizeof(d));
    if (sscanf(text, "%4u-%2u-%2uT%2u:%2u:%2u%c%n", &d.year, &d.mon, &d.day, &d.hour, &d.min,
               &d.sec, &z, &used) != 7 ||
        z != 'Z' || text[used] != '\0' || !valid_date(&d)) {
        return -1;
    }
    *mode = SLSIM_CLOCK_FIXED;
    *fixed_start = slsim_date_to_unix(&d);
    return 0;
}
