/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file catalog.h
 * @brief The trusted-root catalog: TI `.lst` codec, digest lookup and PEM bundle helper.
 *
 * A catalog is two lists of SHA-256 digests of whole DER certificates: trusted roots and
 * revoked certificates (reference nwp-behaviour.md A.3). This module converts between the
 * TI `.lst` bytes and `struct slsim_catalog`, builds catalogs entry by entry, and answers
 * "is this certificate trusted, revoked or unknown".
 *
 * The codec (this header) does no I/O, keeps no global state and never allocates: every
 * function works on memory the caller owns. Signing, installing the catalog on a device's file
 * system, loading it at sl_Start and verifying signed files are in catalog_store.h. The byte
 * layout, decode rules and limits are described in docs/catalog.md.
 */
#ifndef SLSIM_CATALOG_H
#define SLSIM_CATALOG_H

#include <stddef.h>
#include <stdint.h>

/** Most trusted entries a `.lst` can hold (128 two-byte index slots). */
#define SLSIM_CATALOG_MAX_TRUSTED 128
/** Most revoked entries a `.lst` can hold (64 two-byte index slots). */
#define SLSIM_CATALOG_MAX_REVOKED 64
/** Length of one entry: a SHA-256 digest. */
#define SLSIM_CATALOG_DIGEST_LEN 32
/** Length of the fixed header; the digests start at this offset. */
#define SLSIM_CATALOG_HEADER_LEN 0x1B8
/** Bytes of the reserved area at offset 0x010 (after the two 64-bit timestamps). */
#define SLSIM_CATALOG_RESERVED_LEN 32
/** Largest valid `.lst`: a header plus 128 + 64 digests (6584 bytes). */
#define SLSIM_CATALOG_MAX_ENCODED_LEN \
    (SLSIM_CATALOG_HEADER_LEN +       \
     SLSIM_CATALOG_DIGEST_LEN * (SLSIM_CATALOG_MAX_TRUSTED + SLSIM_CATALOG_MAX_REVOKED))

/**
 * X-macro list of every status: name suffix and message. Expanded into the enum and into
 * slsim_catalog_status_name() / slsim_catalog_status_str(); append only, values are stable.
 */
#define SLSIM_CATALOG_STATUS_MAP(X)                                             \
    X(OK, "success")                                                            \
    X(TRUNCATED, "shorter than the 440-byte catalog header")                    \
    X(BAD_SIZE, "file size does not match the entry counts")                    \
    X(TOO_MANY_TRUSTED, "more than 128 trusted entries")                        \
    X(TOO_MANY_REVOKED, "more than 64 revoked entries")                         \
    X(INDEX_MISMATCH, "index slot does not match its digest")                   \
    X(RESERVED_NONZERO, "reserved bytes or timestamp high halves are not zero") \
    X(DUPLICATE, "digest already in the list")                                  \
    X(BAD_PARAM, "invalid argument")                                            \
    X(NO_SPACE, "output buffer too small")                                      \
    X(CRYPTO, "digest computation failed")                                      \
    X(BAD_PEM, "malformed PEM certificate block")                               \
    X(PEM_END, "no more PEM certificates")

/** Result of the catalog functions. `SLSIM_CATALOG_OK` is 0. */
enum slsim_catalog_status {
#define SLSIM_CATALOG_STATUS_ENUM(name, msg) SLSIM_CATALOG_##name,
    SLSIM_CATALOG_STATUS_MAP(SLSIM_CATALOG_STATUS_ENUM)
#undef SLSIM_CATALOG_STATUS_ENUM
        SLSIM_CATALOG_STATUS_COUNT
};

/** Oddities decode accepts but reports in slsim_catalog_diag::warnings. TI's files have none. */
enum slsim_catalog_warn_flags {
    /** A byte of the 32-byte reserved area (0x010..0x02F) is not zero. */
    SLSIM_CATALOG_WARN_RESERVED_NONZERO = 1u << 0,
    /** The high 32 bits of the creation (0x004) or valid-until (0x00C) time are not zero. */
    SLSIM_CATALOG_WARN_TIME_HIGH_NONZERO = 1u << 1,
    /** The same digest appears twice in the trusted list. */
    SLSIM_CATALOG_WARN_DUP_TRUSTED = 1u << 2,
    /** The same digest appears twice in the revoked list. */
    SLSIM_CATALOG_WARN_DUP_REVOKED = 1u << 3,
    /** A digest is both trusted and revoked (lookups answer revoked). */
    SLSIM_CATALOG_WARN_IN_BOTH = 1u << 4,
};

/** Optional detail channel of slsim_catalog_decode(); never changes the returned status. */
struct slsim_catalog_diag {
    /** Offset of the failing field, else of the first warning, else 0. */
    size_t offset;
    /** Bitwise OR of enum slsim_catalog_warn_flags (set on success and on failure). */
    uint32_t warnings;
    /** Readable reason for the error, else for the first warning, else "". */
    char msg[128];
};

/**
 * A decoded or built catalog. Plain data, about 6.4 KB: embed it or allocate it, no release.
 *
 * `trusted_sorted` / `revoked_sorted` are permutations of the first n entries in ascending
 * digest order, so lookups are O(log n) while `trusted` / `revoked` keep the file order. They
 * are kept by slsim_catalog_decode(), slsim_catalog_add_trusted() and
 * slsim_catalog_add_revoked(); after writing the arrays directly, call slsim_catalog_reindex().
 */
struct slsim_catalog {
    uint64_t created;     /**< offset 0x000: u32 Unix seconds + u32 high half (zero in TI files) */
    uint64_t valid_until; /**< offset 0x008: u32 Unix seconds + u32 high half (zero in TI files) */
    uint8_t reserved[SLSIM_CATALOG_RESERVED_LEN]; /**< offset 0x010, kept as read */
    uint32_t n_trusted;                           /**< entries used in `trusted` */
    uint32_t n_revoked;                           /**< entries used in `revoked` */
    uint8_t trusted[SLSIM_CATALOG_MAX_TRUSTED][SLSIM_CATALOG_DIGEST_LEN]; /**< file order */
    uint8_t revoked[SLSIM_CATALOG_MAX_REVOKED][SLSIM_CATALOG_DIGEST_LEN]; /**< file order */
    uint8_t trusted_sorted[SLSIM_CATALOG_MAX_TRUSTED]; /**< lookup permutation of `trusted` */
    uint8_t revoked_sorted[SLSIM_CATALOG_MAX_REVOKED]; /**< lookup permutation of `revoked` */
};

/** Answer of a lookup. */
enum slsim_catalog_lookup {
    SLSIM_CATALOG_UNKNOWN = 0, /**< in neither list (or bad arguments) */
    SLSIM_CATALOG_TRUSTED,     /**< in the trusted list only */
    SLSIM_CATALOG_REVOKED,     /**< in the revoked list (whether or not also trusted) */
};

/** Cursor over the `CERTIFICATE` blocks of a PEM buffer; see slsim_catalog_pem_next(). */
struct slsim_catalog_pem_iter {
    const uint8_t *pos; /**< next byte to scan */
    const uint8_t *end; /**< one past the last byte */
};

/**
 * @brief Message for a status, e.g. "file size does not match the entry counts".
 * @return A static string; "unknown catalog status" for a value outside the enum.
 */
const char *slsim_catalog_status_str(enum slsim_catalog_status st);

/**
 * @brief Name of a status, e.g. "SLSIM_CATALOG_BAD_SIZE".
 * @return A static string; "SLSIM_CATALOG_?" for a value outside the enum.
 */
const char *slsim_catalog_status_name(enum slsim_catalog_status st);

/**
 * @brief Message for one warning bit, e.g. "reserved bytes are not zero".
 * @return A static string; "unknown catalog warning" unless exactly one known bit is set.
 */
const char *slsim_catalog_warning_str(enum slsim_catalog_warn_flags flag);

/**
 * @brief The status a strict checker reports for decode warnings.
 *
 * Decode accepts non-zero reserved bytes and duplicates; tools that want TI's exact shape
 * (`slsim catalog check --strict`) turn the warnings into an error with this function.
 *
 * @param warnings slsim_catalog_diag::warnings.
 * @retval SLSIM_CATALOG_OK               no warning bit set.
 * @retval SLSIM_CATALOG_RESERVED_NONZERO reserved bytes or timestamp high halves not zero.
 * @retval SLSIM_CATALOG_DUPLICATE        a digest repeated within a list or in both lists.
 */
enum slsim_catalog_status slsim_catalog_warnings_status(uint32_t warnings);

/**
 * @brief Decode a TI `.lst` file.
 *
 * Pure and bounded: reads only `buf[0..len)`, no allocation, no recursion. Checks, in order:
 * header length, the two counts, the exact file size, then every index slot. On success the
 * entries keep the file order and the sorted permutations are built. Non-zero reserved bytes,
 * non-zero timestamp high halves and repeated digests are accepted, kept (so encode reproduces
 * the input byte for byte) and reported in `diag->warnings`.
 *
 * @param buf  File bytes; may be NULL only when `len` is 0.
 * @param len  Number of bytes in `buf`.
 * @param out  Receives the catalog; on any error it is an empty catalog (both times 0).
 * @param diag Optional (NULL allowed): offset and reason of the error, and the warnings.
 * @retval SLSIM_CATALOG_OK               decoded; `diag->warnings` may still be set.
 * @retval SLSIM_CATALOG_BAD_PARAM        `out` is NULL, or `buf` is NULL with `len` > 0.
 * @retval SLSIM_CATALOG_TRUNCATED        `len` < SLSIM_CATALOG_HEADER_LEN (440).
 * @retval SLSIM_CATALOG_TOO_MANY_TRUSTED count at 0x030 is above 128.
 * @retval SLSIM_CATALOG_TOO_MANY_REVOKED count at 0x134 is above 64.
 * @retval SLSIM_CATALOG_BAD_SIZE         `len` != 440 + 32 * (N + M); diag says which was expected.
 * @retval SLSIM_CATALOG_INDEX_MISMATCH   a used index slot differs from the first two bytes of its
 *                                        digest, or an unused slot is not zero.
 */
enum slsim_catalog_status slsim_catalog_decode(const uint8_t *buf,
                                               size_t len,
                                               struct slsim_catalog *out,
                                               struct slsim_catalog_diag *diag);

/**
 * @brief Size slsim_catalog_encode() will write: 440 + 32 * (n_trusted + n_revoked).
 * @return The size in bytes; 0 if `cat` is NULL or a count is above its limit.
 */
size_t slsim_catalog_encoded_len(const struct slsim_catalog *cat);

/**
 * @brief Encode a catalog as a TI `.lst` file.
 *
 * Entries are written in list order, the index slots are derived from the digests, and the
 * timestamps' high halves and the reserved bytes are written as stored, so decode followed by
 * encode reproduces every valid file byte for byte. Repeated digests are written as they are.
 *
 * @param cat     The catalog.
 * @param buf     Output buffer, at least slsim_catalog_encoded_len(cat) bytes.
 * @param buflen  Size of `buf`.
 * @param written Optional (NULL allowed): bytes written on success, bytes needed on NO_SPACE,
 *                else 0.
 * @retval SLSIM_CATALOG_OK               `*written` bytes of `buf` hold the file.
 * @retval SLSIM_CATALOG_BAD_PARAM        `cat` or `buf` is NULL.
 * @retval SLSIM_CATALOG_TOO_MANY_TRUSTED `cat->n_trusted` is above 128.
 * @retval SLSIM_CATALOG_TOO_MANY_REVOKED `cat->n_revoked` is above 64.
 * @retval SLSIM_CATALOG_NO_SPACE         `buflen` is too small; nothing written.
 */
enum slsim_catalog_status
slsim_catalog_encode(const struct slsim_catalog *cat, uint8_t *buf, size_t buflen, size_t *written);

/**
 * @brief Make `cat` an empty catalog with the given times (reserved bytes zero). NULL is a no-op.
 *
 * TI's own files use `valid_until = created + 5 years + 6 hours`; slsim does not impose it.
 */
void slsim_catalog_init(struct slsim_catalog *cat, uint64_t created, uint64_t valid_until);

/**
 * @brief Append a digest to the trusted list (file order = order of the calls).
 * @retval SLSIM_CATALOG_OK               added.
 * @retval SLSIM_CATALOG_BAD_PARAM        `cat` or `digest` is NULL, or `cat` has a bad count.
 * @retval SLSIM_CATALOG_TOO_MANY_TRUSTED the list already holds 128 entries.
 * @retval SLSIM_CATALOG_DUPLICATE        the digest is already trusted; nothing changed.
 */
enum slsim_catalog_status slsim_catalog_add_trusted(struct slsim_catalog *cat,
                                                    const uint8_t digest[SLSIM_CATALOG_DIGEST_LEN]);

/**
 * @brief Append a digest to the revoked list. It may also be trusted; revoked then wins.
 * @retval SLSIM_CATALOG_OK               added.
 * @retval SLSIM_CATALOG_BAD_PARAM        `cat` or `digest` is NULL, or `cat` has a bad count.
 * @retval SLSIM_CATALOG_TOO_MANY_REVOKED the list already holds 64 entries.
 * @retval SLSIM_CATALOG_DUPLICATE        the digest is already revoked; nothing changed.
 */
enum slsim_catalog_status slsim_catalog_add_revoked(struct slsim_catalog *cat,
                                                    const uint8_t digest[SLSIM_CATALOG_DIGEST_LEN]);

/**
 * @brief Rebuild the sorted permutations after the lists were written directly.
 * @retval SLSIM_CATALOG_OK               rebuilt.
 * @retval SLSIM_CATALOG_BAD_PARAM        `cat` is NULL.
 * @retval SLSIM_CATALOG_TOO_MANY_TRUSTED `cat->n_trusted` is above 128.
 * @retval SLSIM_CATALOG_TOO_MANY_REVOKED `cat->n_revoked` is above 64.
 */
enum slsim_catalog_status slsim_catalog_reindex(struct slsim_catalog *cat);

/**
 * @brief Look a certificate digest up, in O(log n).
 * @return SLSIM_CATALOG_REVOKED if the digest is revoked (even if also trusted),
 *         SLSIM_CATALOG_TRUSTED if only trusted, SLSIM_CATALOG_UNKNOWN otherwise or if an
 *         argument is NULL or `cat` has a count above its limit.
 */
enum slsim_catalog_lookup
slsim_catalog_find_by_digest(const struct slsim_catalog *cat,
                             const uint8_t digest[SLSIM_CATALOG_DIGEST_LEN]);

/**
 * @brief Look a DER certificate up by the SHA-256 of its bytes (the certificate is not parsed).
 * @return As slsim_catalog_find_by_digest(); SLSIM_CATALOG_UNKNOWN also if `der` is NULL or the
 *         digest cannot be computed.
 */
enum slsim_catalog_lookup
slsim_catalog_find_cert(const struct slsim_catalog *cat, const uint8_t *der, size_t der_len);

/**
 * @brief SHA-256 of a whole DER certificate: the digest a catalog stores for it.
 * @param der Certificate bytes (not parsed; any bytes are hashed); NULL only with `len` 0.
 * @param len Number of bytes.
 * @param out Receives 32 bytes.
 * @retval SLSIM_CATALOG_OK        `out` holds the digest.
 * @retval SLSIM_CATALOG_BAD_PARAM `out` is NULL, or `der` is NULL with `len` > 0.
 * @retval SLSIM_CATALOG_CRYPTO    mbedTLS failed.
 */
enum slsim_catalog_status
slsim_catalog_digest_der(const uint8_t *der, size_t len, uint8_t out[SLSIM_CATALOG_DIGEST_LEN]);

/**
 * @brief Start iterating over the certificates of a PEM bundle (e.g. ca-certificates.crt).
 *
 * The buffer need not be NUL-terminated and must outlive the iteration. NULL `it` is a no-op;
 * NULL `pem` gives an empty iteration.
 */
void slsim_catalog_pem_begin(struct slsim_catalog_pem_iter *it, const uint8_t *pem, size_t len);

/**
 * @brief Decode the next `-----BEGIN CERTIFICATE-----` block into DER.
 *
 * Text outside the blocks (comments, other block types) is skipped. The base64 body may use LF
 * or CRLF line ends. The DER bytes are not parsed.
 *
 * @param it      Iterator from slsim_catalog_pem_begin().
 * @param der     Output buffer for the DER bytes.
 * @param der_cap Size of `der`.
 * @param der_len Receives the DER length on OK, the needed size on NO_SPACE, else 0.
 * @retval SLSIM_CATALOG_OK        one certificate decoded; the iterator moved past it.
 * @retval SLSIM_CATALOG_PEM_END   no further block; the iterator is at the end.
 * @retval SLSIM_CATALOG_BAD_PARAM an argument is NULL.
 * @retval SLSIM_CATALOG_BAD_PEM   a block has no END line, an empty body or invalid base64;
 *                                 the iterator moved past the BEGIN line.
 * @retval SLSIM_CATALOG_NO_SPACE  `der_cap` is too small; the iterator did not move.
 */
enum slsim_catalog_status slsim_catalog_pem_next(struct slsim_catalog_pem_iter *it,
                                                 uint8_t *der,
                                                 size_t der_cap,
                                                 size_t *der_len);

#endif /* SLSIM_CATALOG_H */
