/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file trust_findings.c
 * @brief The findings list (init, add, lookups), report names, and the text helpers that
 *        every check uses for reasons and fixes: one-line DNs, UTC dates, X.509 times.
 *
 * Dates are always shown in UTC, with gmtime_r (the NWP clock has no time zone).
 */
#include "trust/trust.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "trust/trust_int.h"

#include "core/banned.h"

void slsim_trust_init(struct slsim_trust_result *res)
{
    if (res != NULL) {
        memset(res, 0, sizeof(*res));
        res->connected = true;
    }
}

void slsim_trust_add(struct slsim_trust_result *res,
                     enum slsim_trust_check check,
                     enum slsim_finding_status status,
                     int32_t code,
                     uint32_t flags,
                     int cert_index,
                     const char *fix,
                     const char *reason_fmt,
                     ...)
{
    struct slsim_finding *f = NULL;
    va_list ap;

    if (res == NULL || res->n >= SLSIM_TRUST_MAX_FINDINGS) {
        return;
    }
    f = &res->findings[res->n++];
    memset(f, 0, sizeof(*f));
    f->check = check;
    f->status = status;
    f->code = code;
    f->flags = flags;
    f->cert_index = cert_index;
    if (reason_fmt != NULL) {
        va_start(ap, reason_fmt);
        (void)vsnprintf(f->reason, sizeof(f->reason), reason_fmt, ap);
        va_end(ap);
    }
    (void)snprintf(f->fix, sizeof(f->fix), "%s", fix != NULL ? fix : "");
}

const char *slsim_trust_check_name(enum slsim_trust_check check)
{
    static const char *const names[SLSIM_CHECK_COUNT] = {
        [SLSIM_CHECK_CA_FILE] = "ca-file",     [SLSIM_CHECK_OWN_CERT] = "own-cert",
        [SLSIM_CHECK_OWN_KEY] = "own-key",     [SLSIM_CHECK_SOCKETS] = "sockets",
        [SLSIM_CHECK_HANDSHAKE] = "handshake", [SLSIM_CHECK_PEER_CERT] = "peer-cert",
        [SLSIM_CHECK_CHAIN] = "chain",         [SLSIM_CHECK_ANCHOR] = "anchor",
        [SLSIM_CHECK_DATES] = "dates",         [SLSIM_CHECK_DOMAIN] = "domain",
        [SLSIM_CHECK_PINNED] = "pinned",       [SLSIM_CHECK_CATALOG] = "catalog",
        [SLSIM_CHECK_NO_CA] = "no-ca",
    };

    if ((unsigned)check >= SLSIM_CHECK_COUNT) {
        return "?";
    }
    return names[check];
}

const char *slsim_trust_status_name(enum slsim_finding_status st)
{
    static const char *const names[] = { "pass", "info", "skip", "warn", "fail" };

    if ((unsigned)st >= sizeof(names) / sizeof(names[0])) {
        return "?";
    }
    return names[st];
}

int slsim_trust_find_status(const struct slsim_trust_result *res, enum slsim_finding_status st)
{
    for (size_t i = 0; i < res->n; i++) {
        if (res->findings[i].status == st) {
            return (int)i;
        }
    }
    return -1;
}

bool slsim_trust_has_check(const struct slsim_trust_result *res, enum slsim_trust_check check)
{
    for (size_t i = 0; i < res->n; i++) {
        if (res->findings[i].check == check) {
            return true;
        }
    }
    return false;
}

void slsim_trust_dn(char *buf, size_t size, const mbedtls_x509_name *dn)
{
    char full[512];
    size_t len = 0;

    if (size == 0) {
        return;
    }
    buf[0] = '\0';
    if (dn == NULL || mbedtls_x509_dn_gets(full, sizeof(full), dn) < 0) {
        (void)snprintf(buf, size, "%s", "(unreadable name)");
        return;
    }
    len = strlen(full);
    if (len < size) {
        memcpy(buf, full, len + 1);
        return;
    }
    if (size <= 4) {
        memcpy(buf, full, size - 1);
        buf[size - 1] = '\0';
        return;
    }
    memcpy(buf, full, size - 4);
    memcpy(buf + size - 4, "...", 4);
}

void slsim_trust_time_str(char *buf, size_t size, int64_t t, bool date_only)
{
    time_t tt = (time_t)t;
    struct tm tm;

    if ((int64_t)tt != t || gmtime_r(&tt, &tm) == NULL) {
        (void)snprintf(buf, size, "(time %lld)", (long long)t);
        return;
    }
    if (date_only) {
        (void)snprintf(buf, size, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    } else {
        (void)snprintf(buf, size, "%04d-%02d-%02d %02d:%02d:%02d UTC", tm.tm_year + 1900,
                       tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    }
}

/* Days since 1970-01-01 of a proleptic Gregorian date: count whole 400-year eras from
 * year 0 (March-based years put the leap day last), then days inside the era. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    int64_t era = 0;
    int64_t yoe = 0;
    int64_t doy = 0;
    int64_t doe = 0;

    y -= m <= 2 ? 1 : 0;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int64_t slsim_trust_x509_time(const mbedtls_x509_time *t)
{
    return days_from_civil(t->year, t->mon, t->day) * 86400 + (int64_t)t->hour * 3600 +
           (int64_t)t->min * 60 + t->sec;
}
