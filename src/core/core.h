/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file core.h
 * @brief Shared utilities: diagnostics channel, CRC-32, little-endian codec, name helpers.
 *
 * No device state lives here; every function is pure or works on caller memory.
 */
#ifndef SLSIM_CORE_CORE_H
#define SLSIM_CORE_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * Optional detail channel (redis anet style): a caller may pass one to learn *why* a call
 * failed; NULL is always allowed and never changes the returned code.
 */
struct slsim_diag {
    char msg[160]; /**< readable reason, lowercase, no final period */
    int32_t inner; /**< inner code (library error, offset, ...) or 0 */
};

/** Writes a formatted reason into @p diag if it is not NULL. */
void slsim_diag_set(struct slsim_diag *diag, int32_t inner, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** Clears @p diag if it is not NULL. */
void slsim_diag_clear(struct slsim_diag *diag);

/**
 * snprintf for texts where truncation is intended and harmless (reasons, fixes, labels): writes
 * at most @p size bytes including the NUL. Returns what vsnprintf returns.
 */
int slsim_fmt(char *dst, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/** CRC-32 (IEEE 802.3, reflected, as zlib) of @p len bytes, continuing from @p crc (start 0). */
uint32_t slsim_crc32(uint32_t crc, const void *data, size_t len);

/** Little-endian loads and stores on byte buffers (no alignment assumptions). */
static inline uint16_t slsim_le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t slsim_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline uint64_t slsim_le64(const uint8_t *p)
{
    return (uint64_t)slsim_le32(p) | ((uint64_t)slsim_le32(p + 4) << 32);
}

static inline void slsim_put_le16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static inline void slsim_put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static inline void slsim_put_le64(uint8_t *p, uint64_t v)
{
    slsim_put_le32(p, (uint32_t)v);
    slsim_put_le32(p + 4, (uint32_t)(v >> 32));
}

/** ASCII case-insensitive equality of two NUL-terminated strings (device file names). */
bool slsim_name_equal(const char *a, const char *b);

/** True if @p name starts with @p prefix, ASCII case-insensitively. */
bool slsim_name_has_prefix(const char *name, const char *prefix);

/** Fills @p buf with @p len bytes from the host's random source; 0 or -1. */
int slsim_random(void *buf, size_t len);

/** Reads a whole host file into a malloc'd buffer (max @p limit bytes); 0 or -errno-style < 0. */
int slsim_read_host_file(const char *path, size_t limit, uint8_t **data, size_t *len);

#endif /* SLSIM_CORE_CORE_H */
