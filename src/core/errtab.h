/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file errtab.h
 * @brief Names and messages of the SimpleLink return codes, for logs, the CLI and tests.
 *
 * The table is expanded from sl_errors.def; the values come from TI's errors.h (and netapp.h
 * for SL_NETAPP_RX_BUFFER_LENGTH_ERROR). It is constant data: every function here is pure
 * and thread-safe. It does not translate codes, it only names them.
 */
#ifndef SLSIM_CORE_ERRTAB_H
#define SLSIM_CORE_ERRTAB_H

#include <stdbool.h>
#include <stddef.h>

/** One SimpleLink return code. */
struct slsim_sl_err {
    long code;        /**< value, as in errors.h */
    const char *name; /**< TI's macro name */
    const char *msg;  /**< short lowercase message; for an alias "alias of <PRIMARY>" */
};

/**
 * Name of a code.
 *
 * @param code  exact value; a packed (error << 16) | extended code is not decoded here
 * @return the primary name (for a value with aliases, the first name in sl_errors.def), or
 *         NULL if the value is not in the table
 */
const char *slsim_sl_errname(long code);

/**
 * Message of a code.
 *
 * @param code  exact value, as for slsim_sl_errname()
 * @return the primary entry's message, or "unknown error"; never NULL
 */
const char *slsim_sl_strerror(long code);

/** Number of entries in the table, aliases included. */
size_t slsim_sl_errtab_count(void);

/**
 * Entry @p i of the table, sorted by code descending (0, -1, -4, ...); entries with the same
 * value keep the primary first.
 *
 * @return the entry, or NULL if @p i >= slsim_sl_errtab_count()
 */
const struct slsim_sl_err *slsim_sl_errtab_at(size_t i);

/**
 * Formats a code for a message.
 *
 * Writes "NAME (-NNN)". A packed programming code (below -65535, i.e. (err << 16) | ext as
 * returned by sl_FsProgram and sl_FsCtl(SL_FS_CTL_RESTORE)) is decoded and written as
 * "NAME (-NNN) ext NNN [packed -677705143]". An unknown value gives "unknown error (-NNN)"
 * (with the same " ext NNN [packed ...]" suffix if it is packed). The output is truncated
 * to fit and always NUL-terminated when @p len > 0.
 *
 * @param code  the code
 * @param buf   output buffer
 * @param len   size of @p buf in bytes
 * @return @p buf
 */
char *slsim_sl_errfmt(long code, char *buf, size_t len);

/**
 * Whether @p code is in the packed (err << 16) | ext form: below -65535 and within the
 * 32-bit range.
 */
bool slsim_sl_is_packed(long code);

/**
 * Splits a packed code. With ret the 32-bit value of @p packed: err = (int16_t)(ret >> 16),
 * ext = ret & 0xFFFF. Example: -677705143 gives err -10341 (SL_ERROR_FS_FILE_NOT_EXISTS) and
 * ext 2633. Either output may be NULL.
 *
 * @param packed  the packed code
 * @param err     receives the SimpleLink code
 * @param ext     receives the extended (undocumented) value
 */
void slsim_sl_unpack(long packed, long *err, unsigned *ext);

#endif /* SLSIM_CORE_ERRTAB_H */
