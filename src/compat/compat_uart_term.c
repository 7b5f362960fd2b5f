/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file compat_uart_term.c
 * @brief The uart_term.h shim of TI's SimpleLink examples: Report() and friends on standard
 *        output. Not part of the emulator core.
 */
#include "uart_term.h"

#include <stdarg.h>
#include <stdio.h>

#include "core/banned.h"

void *InitTerm(void)
{
    return stdout;
}

int Report(const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    int n = vprintf(fmt, va);
    va_end(va);
    (void)fflush(stdout);
    return n;
}

void Message(const char *str)
{
    if (str != NULL) {
        (void)fputs(str, stdout);
        (void)fflush(stdout);
    }
}

void ClearTerm(void)
{
    /* a host terminal keeps its scrollback */
}
