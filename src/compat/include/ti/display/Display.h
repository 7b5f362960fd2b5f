/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file Display.h
 * @brief slsim compatibility shim for TI-Drivers' Display module (ti/display/Display.h), so
 *        application code taken from TI examples compiles and prints on the host.
 *
 * Part of the separate slsim_compat library (pkg-config slsim-compat, CMake
 * slsim::slsim_compat); the emulator core does not use it. Only the UART flavour is emulated:
 * every display writes to the process's standard output. Written from TI's documented
 * names; these are slsim's own declarations, not TI's header.
 *
 * Output: TI's UART display ends every Display_printf() with a line break ("\r\n"), whatever
 * the format holds. The shim does the same with the host's line ending: it prints the
 * formatted text, then "\n". A format that already ends in "\n" therefore leaves an empty line,
 * as on the device's terminal. @p line and @p column are ignored (a UART display scrolls).
 */
/* clang-format off */
#ifndef ti_display_Display__include
#define ti_display_Display__include

#include <stdarg.h>
#include <stddef.h> /* NULL, which TI code uses with this header alone */
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Display types (Display_open()'s first argument), TI's documented values; combinable. */
#define Display_Type_ANY      0xFFFFFFFFu
#define Display_Type_INVALID  0x00000000u
#define Display_Type_LCD      0x80000000u
#define Display_Type_UART     0x40000000u
#define Display_Type_LOG      0x20000000u
#define Display_Type_ITM      0x10000000u
#define Display_Type_HOST     0x08000000u
#define Display_Type_ANSI     0x04000000u
#define Display_Type_GRLIB    0x00100000u

/** Scrolling "line" value of TI's UART displays (accepted and ignored here). */
#define DisplayUart_SCROLLING 0xFF

/** What a write clears around the text (accepted and ignored: standard output scrolls). */
typedef enum Display_LineClearMode {
    DISPLAY_CLEAR_NONE = 0,
    DISPLAY_CLEAR_LEFT,
    DISPLAY_CLEAR_RIGHT,
    DISPLAY_CLEAR_BOTH
} Display_LineClearMode;

/** Display_open() parameters; Display_Params_init() sets the defaults. */
typedef struct Display_Params {
    Display_LineClearMode lineClearMode; /**< default DISPLAY_CLEAR_BOTH */
} Display_Params;

/** An open display (opaque). */
typedef struct Display_Config *Display_Handle;

/** Initialises the module; optional (Display_open() calls it). */
void Display_init(void);

/** Fills @p params with the defaults. */
void Display_Params_init(Display_Params *params);

/**
 * Opens a display of type @p id (Display_Type_UART, or a mask of several types). @p params may
 * be NULL (defaults).
 * @return a handle, or NULL when @p id names no UART display (the only kind emulated): a
 *         type mask without Display_Type_UART, or an index other than 0
 */
Display_Handle Display_open(uint32_t id, Display_Params *params);

/** Prints the formatted text and a line break on standard output. NULL handle: nothing. */
void Display_printf(Display_Handle handle, uint8_t line, uint8_t column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** Display_printf() with a va_list. */
void Display_vprintf(Display_Handle handle, uint8_t line, uint8_t column, const char *fmt,
                     va_list va) __attribute__((format(printf, 4, 0)));

/** Clears the display (no effect on standard output). */
void Display_clear(Display_Handle handle);

/** Clears lines @p fromLine to @p toLine (no effect on standard output). */
void Display_clearLines(Display_Handle handle, uint8_t fromLine, uint8_t toLine);

/** The type of an open display: Display_Type_UART (Display_Type_INVALID for NULL). */
uint32_t Display_getType(Display_Handle handle);

/** Closes a display opened with Display_open(). NULL-safe. */
void Display_close(Display_Handle handle);

/** TI's older fixed-argument forms. */
#define Display_clearLine(h, n) Display_clearLines((h), (n), 0)

#define Display_print0(h, l, c, f)                   Display_printf((h), (l), (c), (f))
#define Display_print1(h, l, c, f, a0)               Display_printf((h), (l), (c), (f), (a0))
#define Display_print2(h, l, c, f, a0, a1)           Display_printf((h), (l), (c), (f), (a0), (a1))
#define Display_print3(h, l, c, f, a0, a1, a2)       Display_printf((h), (l), (c), (f), (a0), (a1), (a2))
#define Display_print4(h, l, c, f, a0, a1, a2, a3)   Display_printf((h), (l), (c), (f), (a0), (a1), (a2), (a3))
#define Display_print5(h, l, c, f, a0, a1, a2, a3, a4) \
    Display_printf((h), (l), (c), (f), (a0), (a1), (a2), (a3), (a4))

#ifdef __cplusplus
}
#endif

#endif /* ti_display_Display__include */
