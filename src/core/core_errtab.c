/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file core_errtab.c
 * @brief The SimpleLink return-code table: sl_errors.def expanded into a sorted constant
 *        array, with binary-searched lookups and formatting of packed codes.
 *
 * No mutable state. The array is sorted because sl_errors.def is written sorted;
 * test_errtab checks the order, so a misplaced line fails a test rather than a lookup.
 */
#include "core/errtab.h"

#include <stdint.h>
#include <stdio.h>

#include <ti/drivers/net/wifi/errors.h>
/* SL_NETAPP_RX_BUFFER_LENGTH_ERROR lives in netapp.h (as in TI's driver), which needs the
   rest of the TI headers; only the macro is used here. */
#include <ti/drivers/net/wifi/netapp.h>

#include "core/banned.h"

/* Values the rest of slsim relies on by number (docs, golden files, the CLI, tests). */
_Static_assert(SL_ERROR_BSD_ESECUNKNOWNROOTCA == -468L, "TI value");
_Static_assert(SL_ERROR_BSD_ESECDATEERROR == -461L, "TI value");
_Static_assert(SL_ERROR_BSD_ESECSNOVERIFY == -453L, "TI value");
_Static_assert(SL_ERROR_BSD_ESECCERTIFICATEREVOKED == -467L, "TI value");
_Static_assert(SL_ERROR_BSD_ESECNOCAFILE == -454L, "TI value");
_Static_assert(SL_ERROR_BSD_ESECBADCAFILE == -456L, "TI value");
_Static_assert(SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E == -688L, "TI value");
_Static_assert(SL_ERROR_BSD_ESECT00MANYSSLOPENED == -460L, "TI value");
_Static_assert(SL_ERROR_BSD_ESEC_DOMAIN_NAME_MISMATCH == -722L, "TI value");
_Static_assert(SL_ERROR_BSD_ENSOCK == -10L, "TI value");
_Static_assert(SL_ERROR_BSD_EAGAIN == -11L, "TI value");
_Static_assert(SL_ERROR_BSD_EWOULDBLOCK == SL_ERROR_BSD_EAGAIN, "TI alias");
_Static_assert(SL_ERROR_BSD_EALREADY == -114L, "TI value");
_Static_assert(SL_ERROR_FS_FILE_NOT_EXISTS == -10341L, "TI value");
_Static_assert(SL_ERROR_FS_FILE_ALREADY_EXISTS == -10326L, "TI value");
_Static_assert(SL_ERROR_FS_WRONG_FILE_NAME == -10298L, "TI value");
_Static_assert(SL_ERROR_FS_FILE_IS_ALREADY_OPENED == -10369L, "TI value");
_Static_assert(SL_ERROR_FS_INVALID_TOKEN == -10302L, "TI value");
_Static_assert(SL_ERROR_FS_INVALID_TOKEN_SECURITY_ALERT == -10365L, "TI value");
_Static_assert(SL_ERROR_FS_NOT_ENOUGH_STORAGE_SPACE == -10322L, "TI value");
_Static_assert(SL_ERROR_FS_FILE_MAX_SIZE_EXCEEDED == -10310L, "TI value");
_Static_assert(SL_ERROR_FS_INVALID_FILE_MODE == -10330L, "TI value");
_Static_assert(SL_ERROR_FS_CORRUPTED_ERR == -4111L, "TI value");
_Static_assert(SL_ERROR_FS_ALERT_ERR == -4112L, "TI value");
_Static_assert(SL_RET_CODE_DEV_NOT_STARTED == -2018L, "TI value");
_Static_assert(SL_RET_CODE_DEV_ALREADY_STARTED == -2012L, "TI value");
_Static_assert(SL_ERROR_FS_WRONG_INPUT_SIZE_INTERNAL_SHIFTED_16_LEFT ==
                   SL_ERROR_FS_WRONG_INPUT_SIZE * 65536L,
               "pre-shifted value is the code << 16");
_Static_assert(SL_ERROR_FS_NOT_16_ALIGNED_INTERNAL_SHIFTED_16_LEFT ==
                   SL_ERROR_FS_NOT_16_ALIGNED * 65536L,
               "pre-shifted value is the code << 16");

/* Every alias must have its primary's value. */
#define X(name, msg)
#define A(name, primary) _Static_assert((name) == (primary), #name " is an alias of " #primary);
#include "core/sl_errors.def"
#undef X
#undef A

#define X(name, msg)     { (name), #name, (msg) },
#define A(name, primary) { (name), #name, "alias of " #primary },
static const struct slsim_sl_err errtab[] = {
#include "core/sl_errors.def"
};
#undef X
#undef A

#define ERRTAB_COUNT (sizeof(errtab) / sizeof(errtab[0]))

/* Packed codes: (err << 16) | ext as a 32-bit value, so below -65535. */
#define PACKED_MAX (-65536L)

/* First entry with this code (the primary), or NULL; the table is sorted descending. */
static const struct slsim_sl_err *find(long code)
{
    size_t lo = 0;
    size_t hi = ERRTAB_COUNT;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (errtab[mid].code > code) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo < ERRTAB_COUNT && errtab[lo].code == code) {
        return &errtab[lo];
    }
    return NULL;
}

const char *slsim_sl_errname(long code)
{
    const struct slsim_sl_err *e = find(code);

    return e != NULL ? e->name : NULL;
}

const char *slsim_sl_strerror(long code)
{
    const struct slsim_sl_err *e = find(code);

    return e != NULL ? e->msg : "unknown error";
}

size_t slsim_sl_errtab_count(void)
{
    return ERRTAB_COUNT;
}

const struct slsim_sl_err *slsim_sl_errtab_at(size_t i)
{
    return i < ERRTAB_COUNT ? &errtab[i] : NULL;
}

bool slsim_sl_is_packed(long code)
{
    return code <= PACKED_MAX && code >= (long)INT32_MIN;
}

void slsim_sl_unpack(long packed, long *err, unsigned *ext)
{
    /* Conversion to uint32_t is modulo 2^32, so this is the 32-bit pattern of the code;
       the high half is then read as a signed 16-bit number without relying on
       implementation-defined narrowing. */
    uint32_t ret = (uint32_t)packed;
    unsigned hi = (unsigned)(ret >> 16);

    if (err != NULL) {
        *err = hi >= 0x8000u ? (long)hi - 0x10000L : (long)hi;
    }
    if (ext != NULL) {
        *ext = (unsigned)(ret & 0xFFFFu);
    }
}

char *slsim_sl_errfmt(long code, char *buf, size_t len)
{
    const char *name;

    if (buf == NULL || len == 0) {
        return buf;
    }
    if (slsim_sl_is_packed(code)) {
        long err = 0;
        unsigned ext = 0;

        slsim_sl_unpack(code, &err, &ext);
        name = slsim_sl_errname(err);
        (void)snprintf(buf, len, "%s (%ld) ext %u [packed %ld]",
                       name != NULL ? name : "unknown error", err, ext, code);
    } else {
        name = slsim_sl_errname(code);
        (void)snprintf(buf, len, "%s (%ld)", name != NULL ? name : "unknown error", code);
    }
    return buf;
}
