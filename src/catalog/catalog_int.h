/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file catalog_int.h
 * @brief Private helpers shared by the catalog module's files; not for other modules.
 *
 * The sorted permutation helpers work on one list at a time (trusted or revoked): `digests`
 * points at `n` consecutive 32-byte entries in file order and `perm` lists their positions in
 * ascending digest order. Callers guarantee `n` is within the list's limit and `perm` is a valid
 * permutation.
 */
#ifndef SLSIM_CATALOG_INT_H
#define SLSIM_CATALOG_INT_H

#include "catalog/catalog.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

#endif /* SLSIM_CATALOG_INT_H */
