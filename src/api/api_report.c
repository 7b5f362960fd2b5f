/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file api_report.c
 * @brief The run report: when SLSIM_RUN_REPORT names a file (set by `slsim run`), the facade
 *        appends one line per device start, finished sl_Connect and device stop.
 *
 * Format (docs/run.md): text, one record per line, fields separated by a TAB, the first field
 * the record type, the others `key=value` (values never hold a TAB or a line break):
 *
 *     start   code=0  name=SL_RET_CODE_OK  profile=cc3220s  catalog=ok  label=…  trusted=1 …
 *     connect sd=0  to=52.1.2.3:8883  via=127.0.0.1:40123  code=-468
 *             name=SL_ERROR_BSD_ESECUNKNOWNROOTCA  connected=yes
 *     stop    code=0  name=SL_RET_CODE_OK
 *
 * Each record is written with one write() on an O_APPEND descriptor, so records of several
 * threads or processes never interleave. Reporting is best effort: it never changes an SL code
 * and a file that cannot be written is ignored. Nothing here is read back by the library.
 */
#include "api/api.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ti/drivers/net/wifi/simplelink.h>

#include "api/api_sock.h"
#include "core/errtab.h"
#include "net/net.h"

#include "core/banned.h"

#define REPORT_LINE_MAX 512

/* Appends @p line (with its '\n') to the report file, if one is configured. */
static void report_write(const char *line, size_t len)
{
    const char *path = getenv("SLSIM_RUN_REPORT");
    if (path == NULL || path[0] == '\0') {
        return;
    }
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        return;
    }
    (void)!write(fd, line, len);
    (void)close(fd);
}

/* Formats one record; TABs and line breaks inside values become spaces. */
static void report_line(const char *type, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void report_line(const char *type, const char *fmt, ...)
{
    char line[REPORT_LINE_MAX];
    int n = snprintf(line, sizeof(line), "%s\t", type);
    if (n < 0 || (size_t)n >= sizeof(line)) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
    va_end(ap);
    size_t len = strlen(line);
    for (size_t i = (size_t)n; i < len; i++) {
        if (line[i] == '\n' || line[i] == '\r') {
            line[i] = ' ';
        }
    }
    if (len + 1 >= sizeof(line)) {
        len = sizeof(line) - 2;
    }
    line[len++] = '\n';
    report_write(line, len);
}

static const char *code_name(int32_t code)
{
    const char *name = slsim_sl_errname(code);
    return name != NULL ? name : "unknown";
}

/* Codes after which the socket stays connected (docs/trust.md): success and the warnings. */
static bool stays_connected(int32_t code, bool revoked_connected)
{
    return code == 0 || code == SL_ERROR_BSD_ESECSNOVERIFY || code == SL_ERROR_BSD_ESECDATEERROR ||
           code == SL_ERROR_BSD_ESECUNKNOWNROOTCA ||
           (code == SL_ERROR_BSD_ESECCERTIFICATEREVOKED && revoked_connected);
}

void slsim_api_report_connect(int sd, int32_t code)
{
    if (code == SL_ERROR_BSD_EALREADY || getenv("SLSIM_RUN_REPORT") == NULL) {
        return; /* a non-blocking connect still in progress is not finished */
    }
    struct slsim_device *dev = slsim_api_device();
    bool revoked_up = dev != NULL && slsim_device_profile(dev)->revoked_connected;
    struct slsim_net_dest d;
    memset(&d, 0, sizeof(d));
    char to[SLSIM_NET_EP_STRLEN] = "-";
    char via[SLSIM_NET_EP_STRLEN] = "-";
    if (slsim_api_socket_dest(sd, &d) == 0 && d.set) {
        (void)slsim_net_endpoint_str(d.orig_ip, d.orig_port, to, sizeof(to));
        if (d.remapped) {
            (void)slsim_net_endpoint_str(d.ip, d.port, via, sizeof(via));
        }
    }
    report_line("connect", "sd=%d\tto=%s\tvia=%s\tcode=%ld\tname=%s\tconnected=%s", sd, to, via,
                (long)code, code_name(code), stays_connected(code, revoked_up) ? "yes" : "no");
}

void slsim_api_report_start(struct slsim_device *dev, int32_t code)
{
    if (getenv("SLSIM_RUN_REPORT") == NULL) {
        return;
    }
    if (dev == NULL) {
        report_line("start", "code=%ld\tname=%s", (long)code, code_name(code));
        return;
    }
    int state = SLSIM_CATALOG_STATE_MISSING;
    const struct slsim_catalog_store_info *info = NULL;
    slsim_device_lock(dev);
    (void)slsim_device_catalog(dev, &state, &info);
    char catalog[160];
    if (info != NULL && state != SLSIM_CATALOG_STATE_MISSING) {
        (void)snprintf(catalog, sizeof(catalog), "%s\tlabel=%s\ttrusted=%lu\trevoked=%lu",
                       slsim_catalog_state_str((enum slsim_catalog_state)state), info->label,
                       (unsigned long)info->n_trusted, (unsigned long)info->n_revoked);
    } else {
        (void)snprintf(catalog, sizeof(catalog), "%s",
                       slsim_catalog_state_str((enum slsim_catalog_state)state));
    }
    const char *profile = slsim_device_profile(dev)->name;
    slsim_device_unlock(dev);
    report_line("start", "code=%ld\tname=%s\tprofile=%s\tcatalog=%s", (long)code, code_name(code),
                profile, catalog);
}

void slsim_api_report_stop(int32_t code)
{
    if (getenv("SLSIM_RUN_REPORT") != NULL) {
        report_line("stop", "code=%ld\tname=%s", (long)code, code_name(code));
    }
}
