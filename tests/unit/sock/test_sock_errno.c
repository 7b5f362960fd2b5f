/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_sock_errno.c
 * @brief Host errno -> SL code: the explicit table (STYLE §4), including the values where
 *        -errno would be wrong (EMFILE is not -24 but ENSOCK -10).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <errno.h>
#include <stdio.h>

#include <cmocka.h>

#include <ti/drivers/net/wifi/errors.h>

#include "sock/sock_int.h"

static const struct errno_case {
    int err;
    long want;
    const char *why;
} cases[] = {
    { ECONNREFUSED, SL_ERROR_BSD_ECONNREFUSED, "refused -111" },
    { ETIMEDOUT, SL_ERROR_BSD_ETIMEDOUT, "timed out -110" },
    { ENETUNREACH, SL_ERROR_BSD_ENETUNREACH, "net unreachable -101" },
    { EHOSTUNREACH, SL_ERROR_BSD_ENETUNREACH, "host unreachable is -101 too" },
    { EADDRINUSE, SL_ERROR_BSD_EADDRINUSE, "in use -98" },
    { EADDRNOTAVAIL, SL_ERROR_BSD_EADDRNOTAVAIL, "not available -99" },
    { EAGAIN, SL_ERROR_BSD_EAGAIN, "again -11" },
    { EWOULDBLOCK, SL_ERROR_BSD_EAGAIN, "would block -11" },
    { ENOBUFS, SL_ERROR_BSD_ENOBUFS, "no buffers -105" },
    { EMFILE, SL_ERROR_BSD_ENSOCK, "process out of fds: ENSOCK -10, not -24" },
    { ENFILE, SL_ERROR_BSD_ENSOCK, "system out of fds: ENSOCK -10, not -23" },
    { EACCES, SL_ERROR_BSD_EACCES, "access -13" },
    { EINVAL, SL_ERROR_BSD_EINVAL, "invalid -22" },
    { ECHILD, SL_ERROR_BSD_SOC_ERROR, "ECHILD (10) is not ENSOCK: default -1" },
    { ENOTBLK, SL_ERROR_BSD_SOC_ERROR, "ENOTBLK (15) is not ECLOSE: default -1" },
    { ENOEXEC, SL_ERROR_BSD_SOC_ERROR, "ENOEXEC (8) is not INEXE: default -1" },
    { EPIPE, SL_ERROR_BSD_SOC_ERROR, "broken pipe: default -1" },
    { 0, SL_ERROR_BSD_SOC_ERROR, "0: default -1" },
    { 99999, SL_ERROR_BSD_SOC_ERROR, "unknown: default -1" },
};

static void test_errno_to_sl__table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        long got = slsim_sock_errno_to_sl(cases[i].err);
        if (got != cases[i].want) {
            print_error("%s: got %ld want %ld\n", cases[i].why, got, cases[i].want);
            fail();
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errno_to_sl__table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
