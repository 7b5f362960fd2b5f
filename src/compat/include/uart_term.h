/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file uart_term.h
 * @brief slsim compatibility shim for the "uart_term.h" of TI's SimpleLink examples: the
 *        UART_PRINT / DBG_PRINT / ERR_PRINT printing macros and Report(), on standard output.
 *
 * Part of the separate slsim_compat library (pkg-config slsim-compat). Unlike
 * Display_printf(), these print exactly the format (TI's Report() adds nothing), so examples'
 * "\n\r" endings pass through; a terminal shows the '\r' as nothing visible.
 */
#ifndef SLSIM_COMPAT_UART_TERM_H
#define SLSIM_COMPAT_UART_TERM_H

#ifdef __cplusplus
extern "C" {
#endif

/** Opens the terminal (nothing to do on the host). Returns a non-NULL dummy handle. */
void *InitTerm(void);

/** Prints the formatted text on standard output; returns the characters written, or < 0. */
int Report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Prints @p str unchanged on standard output. */
void Message(const char *str);

/** Clears the terminal (no effect on the host). */
void ClearTerm(void);

#define UART_PRINT Report
#define DBG_PRINT  Report
#define ERR_PRINT(x) \
    Report("Error [%d] at line [%d] in function [%s]  \n\r", (int)(x), __LINE__, __func__)

#ifdef __cplusplus
}
#endif

#endif /* SLSIM_COMPAT_UART_TERM_H */
