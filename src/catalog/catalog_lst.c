/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file catalog_lst.c
 * @brief Decode and encode the TI `.lst` trusted-root catalog; status and warning names.
 *
 * Pure: bytes in, struct out (and back). No I/O, no allocation, no recursion; every read is
 * bounds-checked against the caller's length before it happens. The layout is the one decoded
 * from TI's shipped playground and production files (reference nwp-behaviour.md A.3); all
 * integers are little-endian. docs/catalog.md has the byte table and the rules applied here.
 */
#include "catalog/catalog.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "catalog/catalog_int.h"

/* Field offsets (A.3). The timestamps are read as 64-bit (u32 + u32 high half, zero in every
 * TI file), which leaves 32 reserved bytes at 0x010. */
enum {
    OFF_CREATED = 0x000,
    OFF_VALID_UNTIL = 0x008,
    OFF_RESERVED = 0x010,
    OFF_N_TRUSTED = 0x030,
    OFF_TRUSTED_INDEX = 0x034,
    OFF_N_REVOKED = 0x134,
    OFF_REVOKED_INDEX = 0x138,
    INDEX_SLOT_LEN = 2,
};

_Static_assert(OFF_RESERVED + SLSIM_CATALOG_RESERVED_LEN == OFF_N_TRUSTED, "layout");
_Static_assert(OFF_TRUSTED_INDEX + INDEX_SLOT_LEN * SLSIM_CATALOG_MAX_TRUSTED == OFF_N_REVOKED,
               "layout");
_Static_assert(OFF_REVOKED_INDEX + INDEX_SLOT_LEN * SLSIM_CATALOG_MAX_REVOKED ==
                   SLSIM_CATALOG_HEADER_LEN,
               "layout");
_Static_assert(SLSIM_CATALOG_MAX_ENCODED_LEN == 6584, "largest catalog");

/* One list of the file: where its count, index and digests are. */
struct list_layout {
    const char *what;
    size_t count_off;
    size_t index_off;
    size_t max;
};

static const struct list_layout trusted_layout = { "trusted", OFF_N_TRUSTED, OFF_TRUSTED_INDEX,
                                                   SLSIM_CATALOG_MAX_TRUSTED };
static const struct list_layout revoked_layout = { "revoked", OFF_N_REVOKED, OFF_REVOKED_INDEX,
                                                   SLSIM_CATALOG_MAX_REVOKED };

static const char *const status_names[] = {
#define STATUS_NAME(name, msg) "SLSIM_CATALOG_" #name,
    SLSIM_CATALOG_STATUS_MAP(STATUS_NAME)
#undef STATUS_NAME
};

static const char *const status_msgs[] = {
#define STATUS_MSG(name, msg) msg,
    SLSIM_CATALOG_STATUS_MAP(STATUS_MSG)
#undef STATUS_MSG
};

_Static_assert(sizeof(status_names) / sizeof(status_names[0]) == SLSIM_CATALOG_STATUS_COUNT,
               "one name per status");

const char *slsim_catalog_status_str(enum slsim_catalog_status st)
{
    if ((unsigned)st >= (unsigned)SLSIM_CATALOG_STATUS_COUNT) {
        return "unknown catalog status";
    }
    return status_msgs[st];
}

const char *slsim_catalog_status_name(enum slsim_catalog_status st)
{
    if ((unsigned)st >= (unsigned)SLSIM_CATALOG_STATUS_COUNT) {
        return "SLSIM_CATALOG_?";
    }
    return status_names[st];
}

const char *slsim_catalog_warning_str(enum slsim_catalog_warn_flags flag)
{
    switch (flag) {
    case SLSIM_CATALOG_WARN_RESERVED_NONZERO:
        return "reserved bytes are not zero";
    case SLSIM_CATALOG_WARN_TIME_HIGH_NONZERO:
        return "timestamp high halves are not zero";
    case SLSIM_CATALOG_WARN_DUP_TRUSTED:
        return "a trusted digest is listed twice";
    case SLSIM_CATALOG_WARN_DUP_REVOKED:
        return "a revoked digest is listed twice";
    case SLSIM_CATALOG_WARN_IN_BOTH:
        return "a digest is both trusted and revoked";
    default:
        return "unknown catalog warning";
    }
}

enum slsim_catalog_status slsim_catalog_warnings_status(uint32_t warnings)
{
    if (warnings & (SLSIM_CATALOG_WARN_RESERVED_NONZERO | SLSIM_CATALOG_WARN_TIME_HIGH_NONZERO)) {
        return SLSIM_CATALOG_RESERVED_NONZERO;
    }
    if (warnings & (SLSIM_CATALOG_WARN_DUP_TRUSTED | SLSIM_CATALOG_WARN_DUP_REVOKED |
                    SLSIM_CATALOG_WARN_IN_BOTH)) {
        return SLSIM_CATALOG_DUPLICATE;
    }
    return SLSIM_CATALOG_OK;
}

static uint32_t get_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint64_t get_le64(const uint8_t *p)
{
    return (uint64_t)get_le32(p) | ((uint64_t)get_le32(p + 4) << 32);
}

static void put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v & 0xFFu);
    p[1] = (uint8_t)((v >> 8) & 0xFFu);
    p[2] = (uint8_t)((v >> 16) & 0xFFu);
    p[3] = (uint8_t)((v >> 24) & 0xFFu);
}

static void put_le64(uint8_t *p, uint64_t v)
{
    put_le32(p, (uint32_t)(v & 0xFFFFFFFFu));
    put_le32(p + 4, (uint32_t)(v >> 32));
}

static size_t body_len(size_t n_trusted, size_t n_revoked)
{
    return SLSIM_CATALOG_HEADER_LEN + SLSIM_CATALOG_DIGEST_LEN * (n_trusted + n_revoked);
}

__attribute__((format(printf, 3, 4))) static void
diag_note(struct slsim_catalog_diag *diag, size_t offset, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (diag != NULL) {
        diag->offset = offset;
        /* clang-tidy 14 reports an uninitialized va_list here, only when several files are
         * checked in one run: a false positive of the analyzer, va_start() is above. */
        (void)vsnprintf(diag->msg, sizeof(diag->msg), fmt, ap); // NOLINT(clang-analyzer-valist.*)
    }
    va_end(ap);
}

/* Record a warning; the offset and message describe the first one only. */
static void diag_warn(struct slsim_catalog_diag *diag, uint32_t flag, size_t offset)
{
    if (diag == NULL) {
        return;
    }
    if (diag->warnings == 0) {
        diag_note(diag, offset, "warning: %s at 0x%03zx",
                  slsim_catalog_warning_str((enum slsim_catalog_warn_flags)flag), offset);
    }
    diag->warnings |= flag;
}

static enum slsim_catalog_status check_count(const uint8_t *buf,
                                             const struct list_layout *list,
                                             enum slsim_catalog_status too_many,
                                             uint32_t *count,
                                             struct slsim_catalog_diag *diag)
{
    *count = get_le32(buf + list->count_off);
    if (*count > list->max) {
        diag_note(diag, list->count_off, "%s count %" PRIu32 " at 0x%03zx is above %zu", list->what,
                  *count, list->count_off, list->max);
        return too_many;
    }
    return SLSIM_CATALOG_OK;
}

/* Header length, counts and exact size: everything needed before any digest is touched. */
static enum slsim_catalog_status check_layout(const uint8_t *buf,
                                              size_t len,
                                              uint32_t *n_trusted,
                                              uint32_t *n_revoked,
                                              struct slsim_catalog_diag *diag)
{
    enum slsim_catalog_status ret = SLSIM_CATALOG_TRUNCATED;
    size_t want = 0;

    if (len < SLSIM_CATALOG_HEADER_LEN) {
        diag_note(diag, len, "catalog is %zu bytes, shorter than the %u-byte header", len,
                  (unsigned)SLSIM_CATALOG_HEADER_LEN);
        return ret;
    }
    ret = check_count(buf, &trusted_layout, SLSIM_CATALOG_TOO_MANY_TRUSTED, n_trusted, diag);
    if (ret != SLSIM_CATALOG_OK) {
        return ret;
    }
    ret = check_count(buf, &revoked_layout, SLSIM_CATALOG_TOO_MANY_REVOKED, n_revoked, diag);
    if (ret != SLSIM_CATALOG_OK) {
        return ret;
    }
    want = body_len(*n_trusted, *n_revoked);
    if (len != want) {
        diag_note(diag, len < want ? len : want,
                  "catalog is %zu bytes, expected %zu for %" PRIu32 " trusted + %" PRIu32
                  " revoked",
                  len, want, *n_trusted, *n_revoked);
        return SLSIM_CATALOG_BAD_SIZE;
    }
    return SLSIM_CATALOG_OK;
}

/* Slot i < count must hold the first two digest bytes as stored; later slots must be zero. */
static enum slsim_catalog_status check_index(const uint8_t *buf,
                                             const struct list_layout *list,
                                             size_t count,
                                             size_t digests_off,
                                             struct slsim_catalog_diag *diag)
{
    static const uint8_t zero[INDEX_SLOT_LEN];

    for (size_t i = 0; i < list->max; i++) {
        size_t slot_off = list->index_off + INDEX_SLOT_LEN * i;
        const uint8_t *slot = buf + slot_off;
        const uint8_t *want = zero;

        if (i < count) {
            want = buf + digests_off + SLSIM_CATALOG_DIGEST_LEN * i;
        }
        if (memcmp(slot, want, INDEX_SLOT_LEN) != 0) {
            diag_note(diag, slot_off,
                      "%s index slot %zu at 0x%03zx is %02x %02x, expected %02x %02x", list->what,
                      i, slot_off, (unsigned)slot[0], (unsigned)slot[1], (unsigned)want[0],
                      (unsigned)want[1]);
            return SLSIM_CATALOG_INDEX_MISMATCH;
        }
    }
    return SLSIM_CATALOG_OK;
}

/* Offset in the file of the first repeated digest of a list, or 0 if none. */
static size_t
first_duplicate(const uint8_t *digests, const uint8_t *perm, size_t n, size_t digests_off)
{
    size_t best = 0;

    for (size_t k = 1; k < n; k++) {
        const uint8_t *prev = digests + SLSIM_CATALOG_DIGEST_LEN * (size_t)perm[k - 1];
        const uint8_t *cur = digests + SLSIM_CATALOG_DIGEST_LEN * (size_t)perm[k];

        if (memcmp(prev, cur, SLSIM_CATALOG_DIGEST_LEN) == 0) {
            /* The stable sort puts the later file entry second. */
            size_t off = digests_off + SLSIM_CATALOG_DIGEST_LEN * (size_t)perm[k];
            if (best == 0 || off < best) {
                best = off;
            }
        }
    }
    return best;
}

static void scan_header_warnings(const uint8_t *buf, struct slsim_catalog_diag *diag)
{
    for (size_t i = 0; i < SLSIM_CATALOG_RESERVED_LEN; i++) {
        if (buf[OFF_RESERVED + i] != 0) {
            diag_warn(diag, SLSIM_CATALOG_WARN_RESERVED_NONZERO, OFF_RESERVED + i);
            break;
        }
    }
    if (get_le32(buf + OFF_CREATED + 4) != 0) {
        diag_warn(diag, SLSIM_CATALOG_WARN_TIME_HIGH_NONZERO, OFF_CREATED + 4);
    } else if (get_le32(buf + OFF_VALID_UNTIL + 4) != 0) {
        diag_warn(diag, SLSIM_CATALOG_WARN_TIME_HIGH_NONZERO, OFF_VALID_UNTIL + 4);
    }
}

static void scan_entry_warnings(const struct slsim_catalog *cat, struct slsim_catalog_diag *diag)
{
    size_t revoked_off = body_len(cat->n_trusted, 0);
    size_t off = first_duplicate(&cat->trusted[0][0], cat->trusted_sorted, cat->n_trusted,
                                 SLSIM_CATALOG_HEADER_LEN);

    if (off != 0) {
        diag_warn(diag, SLSIM_CATALOG_WARN_DUP_TRUSTED, off);
    }
    off = first_duplicate(&cat->revoked[0][0], cat->revoked_sorted, cat->n_revoked, revoked_off);
    if (off != 0) {
        diag_warn(diag, SLSIM_CATALOG_WARN_DUP_REVOKED, off);
    }
    for (size_t i = 0; i < cat->n_revoked; i++) {
        bool found = false;
        (void)slsim_catalog_sorted_lower_bound(&cat->trusted[0][0], cat->trusted_sorted,
                                               cat->n_trusted, cat->revoked[i], &found);
        if (found) {
            diag_warn(diag, SLSIM_CATALOG_WARN_IN_BOTH, revoked_off + SLSIM_CATALOG_DIGEST_LEN * i);
            break;
        }
    }
}

/* Copy a validated file into the struct. */
static void
fill(struct slsim_catalog *out, const uint8_t *buf, uint32_t n_trusted, uint32_t n_revoked)
{
    size_t revoked_off = body_len(n_trusted, 0);

    out->created = get_le64(buf + OFF_CREATED);
    out->valid_until = get_le64(buf + OFF_VALID_UNTIL);
    memcpy(out->reserved, buf + OFF_RESERVED, SLSIM_CATALOG_RESERVED_LEN);
    out->n_trusted = n_trusted;
    out->n_revoked = n_revoked;
    memcpy(out->trusted, buf + SLSIM_CATALOG_HEADER_LEN,
           SLSIM_CATALOG_DIGEST_LEN * (size_t)n_trusted);
    memcpy(out->revoked, buf + revoked_off, SLSIM_CATALOG_DIGEST_LEN * (size_t)n_revoked);
    (void)slsim_catalog_sorted_build(&out->trusted[0][0], out->trusted_sorted, n_trusted);
    (void)slsim_catalog_sorted_build(&out->revoked[0][0], out->revoked_sorted, n_revoked);
}

enum slsim_catalog_status slsim_catalog_decode(const uint8_t *buf,
                                               size_t len,
                                               struct slsim_catalog *out,
                                               struct slsim_catalog_diag *diag)
{
    enum slsim_catalog_status ret = SLSIM_CATALOG_BAD_PARAM;
    uint32_t n_trusted = 0;
    uint32_t n_revoked = 0;

    if (diag != NULL) {
        memset(diag, 0, sizeof(*diag));
    }
    if (out == NULL || (buf == NULL && len != 0)) {
        diag_note(diag, 0, "invalid argument");
        return ret;
    }
    slsim_catalog_init(out, 0, 0);
    ret = check_layout(buf, len, &n_trusted, &n_revoked, diag);
    if (ret != SLSIM_CATALOG_OK) {
        return ret;
    }
    ret = check_index(buf, &trusted_layout, n_trusted, SLSIM_CATALOG_HEADER_LEN, diag);
    if (ret != SLSIM_CATALOG_OK) {
        return ret;
    }
    ret = check_index(buf, &revoked_layout, n_revoked, body_len(n_trusted, 0), diag);
    if (ret != SLSIM_CATALOG_OK) {
        return ret;
    }
    fill(out, buf, n_trusted, n_revoked);
    scan_header_warnings(buf, diag);
    scan_entry_warnings(out, diag);
    return SLSIM_CATALOG_OK;
}

size_t slsim_catalog_encoded_len(const struct slsim_catalog *cat)
{
    if (cat == NULL || cat->n_trusted > SLSIM_CATALOG_MAX_TRUSTED ||
        cat->n_revoked > SLSIM_CATALOG_MAX_REVOKED) {
        return 0;
    }
    return body_len(cat->n_trusted, cat->n_revoked);
}

/* Count, index slots and digests of one list; unused slots stay zero. */
static void put_list(uint8_t *buf,
                     const struct list_layout *list,
                     const uint8_t *digests,
                     uint32_t n,
                     size_t digests_off)
{
    put_le32(buf + list->count_off, n);
    for (size_t i = 0; i < n; i++) {
        memcpy(buf + list->index_off + INDEX_SLOT_LEN * i, digests + SLSIM_CATALOG_DIGEST_LEN * i,
               INDEX_SLOT_LEN);
    }
    memcpy(buf + digests_off, digests, SLSIM_CATALOG_DIGEST_LEN * (size_t)n);
}

enum slsim_catalog_status
slsim_catalog_encode(const struct slsim_catalog *cat, uint8_t *buf, size_t buflen, size_t *written)
{
    size_t need = 0;

    if (written != NULL) {
        *written = 0;
    }
    if (cat == NULL || buf == NULL) {
        return SLSIM_CATALOG_BAD_PARAM;
    }
    if (cat->n_trusted > SLSIM_CATALOG_MAX_TRUSTED) {
        return SLSIM_CATALOG_TOO_MANY_TRUSTED;
    }
    if (cat->n_revoked > SLSIM_CATALOG_MAX_REVOKED) {
        return SLSIM_CATALOG_TOO_MANY_REVOKED;
    }
    need = body_len(cat->n_trusted, cat->n_revoked);
    if (buflen < need) {
        if (written != NULL) {
            *written = need;
        }
        return SLSIM_CATALOG_NO_SPACE;
    }
    memset(buf, 0, SLSIM_CATALOG_HEADER_LEN);
    put_le64(buf + OFF_CREATED, cat->created);
    put_le64(buf + OFF_VALID_UNTIL, cat->valid_until);
    memcpy(buf + OFF_RESERVED, cat->reserved, SLSIM_CATALOG_RESERVED_LEN);
    put_list(buf, &trusted_layout, &cat->trusted[0][0], cat->n_trusted, SLSIM_CATALOG_HEADER_LEN);
    put_list(buf, &revoked_layout, &cat->revoked[0][0], cat->n_revoked,
             body_len(cat->n_trusted, 0));
    if (written != NULL) {
        *written = need;
    }
    return SLSIM_CATALOG_OK;
}
