/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file catalog_int.h
 * @brief Private helpers shared by the catalog module's files; not for other modules.
 *
 * The sorted permutation helpers work on one list at a time (trusted or revoked): `digests`
 * points at `n` consecutive 32-byte entries in file order and `perm` lists their positions in
 * ascending digest order. Callers guarantee `n` is within the list's limit and `perm` is a valid
 * permutation.
 *
 * The key and signature helpers (catalog_sign.c) are shared by catalog_store.c and
 * catalog_filesig.c; they work on caller-owned mbedTLS contexts.
 */
#ifndef SLSIM_CATALOG_INT_H
#define SLSIM_CATALOG_INT_H

#include "catalog/catalog.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mbedtls/pk.h>

#include "catalog/catalog_store.h"
#include "core/core.h"

/**
 * Lower bound of `digest` in the sorted view: the first position p whose entry is not less
 * than `digest` (n if none). Sets *found when the entry at p equals `digest`.
 */
size_t slsim_catalog_sorted_lower_bound(
    const uint8_t *digests, const uint8_t *perm, size_t n, const uint8_t *digest, bool *found);

/**
 * Build `perm` for the first `n` entries (stable insertion sort: equal digests keep file
 * order). Returns true if two entries are equal.
 */
bool slsim_catalog_sorted_build(const uint8_t *digests, uint8_t *perm, size_t n);

/* ---- keys and RSA signatures (catalog_sign.c) ---- */

/**
 * Parse a key into `pk` (initialised by the caller), DER or PEM: with `private_key` an
 * unencrypted private key (PKCS#1 or PKCS#8), else an X.509 certificate or a public key.
 * 0, or SL_ERROR_FS_INVALID_ARGS with the reason in `diag` (mbedTLS code in diag->inner).
 */
int32_t slsim_catalog_pk_parse(mbedtls_pk_context *pk,
                               const uint8_t *buf,
                               size_t len,
                               bool private_key,
                               struct slsim_diag *diag);

/** True if `pk` is an RSA key of at most `max_bits` bits. */
bool slsim_catalog_pk_rsa_within(const mbedtls_pk_context *pk, size_t max_bits);

/**
 * Hash `data` with `md` (SHA-256 or SHA-1) into `out` (32 bytes); `*out_len` = digest length.
 * 0, or -1 for another `md` or a library failure.
 */
int slsim_catalog_hash(enum slsim_catalog_md md,
                       const uint8_t *data,
                       size_t len,
                       uint8_t out[SLSIM_CATALOG_DIGEST_LEN],
                       size_t *out_len);

/**
 * Verify an RSA PKCS#1 v1.5 signature over `data` with `pk`: the SHA-256 DigestInfo, then the
 * SHA-1 one. 0 (and `*md_out`, if not NULL), or SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT.
 */
int32_t slsim_catalog_pk_verify_any(mbedtls_pk_context *pk,
                                    const uint8_t *data,
                                    size_t len,
                                    const uint8_t *sig,
                                    size_t sig_len,
                                    enum slsim_catalog_md *md_out);

#endif /* SLSIM_CATALOG_INT_H */
