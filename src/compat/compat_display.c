/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file compat_display.c
 * @brief TI-Drivers Display shim (ti/display/Display.h): one UART-style display that writes
 *        to standard output.
 *
 * Not part of the emulator core: nothing in libslsim calls it. Each Display_open() returns the
 * same display (TI's configuration usually has exactly one UART display at index 0); opening
 * and closing only count, so a handle stays valid for the whole program.
 */
#include <ti/display/Display.h>

#include <stdio.h>

#include "core/banned.h"

#define DISPLAY_MAX_INDEX 15u /* ids up to this are indexes into TI's Display_config[] */

struct Display_Config {
    uint32_t type;
};

static struct Display_Config uart_display = { Display_Type_UART };

void Display_init(void)
{
    /* nothing to set up: standard output is always there */
}

void Display_Params_init(Display_Params *params)
{
    if (params != NULL) {
        params->lineClearMode = DISPLAY_CLEAR_BOTH;
    }
}

Display_Handle Display_open(uint32_t id, Display_Params *params)
{
    (void)params; /* the clear mode means nothing on a scrolling output */
    if (id <= DISPLAY_MAX_INDEX) {
        return id == 0 ? &uart_display : NULL;
    }
    return (id & Display_Type_UART) != 0 ? &uart_display : NULL;
}

void Display_vprintf(
    Display_Handle handle, uint8_t line, uint8_t column, const char *fmt, va_list va)
{
    (void)line;
    (void)column;
    if (handle == NULL || fmt == NULL) {
        return;
    }
    (void)vprintf(fmt, va);
    (void)putchar('\n'); /* TI's UART display ends every write with a line break */
    (void)fflush(stdout);
}

void Display_printf(Display_Handle handle, uint8_t line, uint8_t column, const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    Display_vprintf(handle, line, column, fmt, va);
    va_end(va);
}

void Display_clear(Display_Handle handle)
{
    (void)handle;
}

void Display_clearLines(Display_Handle handle, uint8_t fromLine, uint8_t toLine)
{
    (void)handle;
    (void)fromLine;
    (void)toLine;
}

uint32_t Display_getType(Display_Handle handle)
{
    return handle != NULL ? handle->type : Display_Type_INVALID;
}

void Display_close(Display_Handle handle)
{
    (void)handle;
}
