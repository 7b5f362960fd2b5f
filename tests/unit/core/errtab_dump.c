/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file errtab_dump.c
 * @brief Prints the SimpleLink return-code table, one "<code> <NAME> <message>" line per
 *        entry in table order, for the golden test against tests/golden/errors.txt.
 *
 * To accept an intended change: errtab_dump > tests/golden/errors.txt, then review the diff.
 */
#include "core/errtab.h"

#include <stdio.h>

int main(void)
{
    size_t n = slsim_sl_errtab_count();

    for (size_t i = 0; i < n; i++) {
        const struct slsim_sl_err *e = slsim_sl_errtab_at(i);
        if (printf("%ld %s %s\n", e->code, e->name, e->msg) < 0) {
            return 1;
        }
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
