/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sock_errno.c
 * @brief Host errno -> SL code, by an explicit table (STYLE §4: never -errno).
 *
 * Most BSD codes have Linux's magnitudes, but not all (ENSOCK -10 is not ECHILD), so every
 * errno the socket engine can meet is listed; anything else is SL_ERROR_BSD_SOC_ERROR (-1).
 */
#include "sock/sock_int.h"

#include <errno.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

static const struct errno_map {
    int err;
    int32_t sl;
} errno_table[] = {
    { ECONNREFUSED, SL_ERROR_BSD_ECONNREFUSED },   /* -111 */
    { ETIMEDOUT, SL_ERROR_BSD_ETIMEDOUT },         /* -110 */
    { ENETUNREACH, SL_ERROR_BSD_ENETUNREACH },     /* -101 */
    { EHOSTUNREACH, SL_ERROR_BSD_ENETUNREACH },    /* no EHOSTUNREACH in errors.h */
    { EADDRINUSE, SL_ERROR_BSD_EADDRINUSE },       /* -98 */
    { EADDRNOTAVAIL, SL_ERROR_BSD_EADDRNOTAVAIL }, /* -99 */
    { EAGAIN, SL_ERROR_BSD_EAGAIN },               /* -11 */
    { ENOBUFS, SL_ERROR_BSD_ENOBUFS },             /* -105 */
    { EMFILE, SL_ERROR_BSD_ENSOCK },               /* -10: the host ran out of sockets */
    { ENFILE, SL_ERROR_BSD_ENSOCK },
    { EACCES, SL_ERROR_BSD_EACCES }, /* -13 */
    { EINVAL, SL_ERROR_BSD_EINVAL }, /* -22 */
};

int32_t slsim_sock_errno_to_sl(int err)
{
    for (size_t i = 0; i < sizeof(errno_table) / sizeof(errno_table[0]); i++) {
        if (errno_table[i].err == err) {
            return errno_table[i].sl;
        }
    }
    return SL_ERROR_BSD_SOC_ERROR;
}
