/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file catalog_lookup.c
 * @brief Build a catalog entry by entry and look digests up in O(log n).
 *
 * The lists keep file order (TI's files are not sorted, A.3), so each list carries a sorted
 * permutation of its entries for binary search. TI's NWP probably uses the two-byte index for
 * the same purpose; slsim compares the full 32 bytes either way. The `.lst` bytes themselves
 * are handled in catalog_lst.c.
 */
#include "catalog/catalog.h"

#include <string.h>

#include "catalog/catalog_int.h"

static const uint8_t *entry(const uint8_t *digests, size_t i)
{
    return digests + SLSIM_CATALOG_DIGEST_LEN * i;
}

size_t slsim_catalog_sorted_lower_bound(
    const uint8_t *digests, const uint8_t *perm, size_t n, const uint8_t *digest, bool *found)
{
    size_t lo = 0;
    size_t hi = n;

    *found = false;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (perm[mid] >= n) {
            return n; /* not a permutation: written directly, reindex not called */
        }
        if (memcmp(entry(digests, perm[mid]), digest, SLSIM_CATALOG_DIGEST_LEN) < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo < n && perm[lo] < n &&
        memcmp(entry(digests, perm[lo]), digest, SLSIM_CATALOG_DIGEST_LEN) == 0) {
        *found = true;
    }
    return lo;
}

bool slsim_catalog_sorted_build(const uint8_t *digests, uint8_t *perm, size_t n)
{
    bool dup = false;

    /* Insertion sort: at most 128 entries, no allocation, and stable, so equal digests keep
     * their file order (decode reports the later one). */
    for (size_t i = 0; i < n; i++) {
        size_t j = i;

        while (j > 0) {
            int c =
                memcmp(entry(digests, perm[j - 1]), entry(digests, i), SLSIM_CATALOG_DIGEST_LEN);
            if (c == 0) {
                dup = true;
            }
            if (c <= 0) {
                break;
            }
            perm[j] = perm[j - 1];
            j--;
        }
        perm[j] = (uint8_t)i;
    }
    return dup;
}

void slsim_catalog_init(struct slsim_catalog *cat, uint64_t created, uint64_t valid_until)
{
    if (cat == NULL) {
        return;
    }
    memset(cat, 0, sizeof(*cat));
    cat->created = created;
    cat->valid_until = valid_until;
}

/* Append to one list and insert its position into the sorted permutation. */
static enum slsim_catalog_status add_entry(uint8_t *digests,
                                           uint8_t *perm,
                                           uint32_t *n,
                                           size_t max,
                                           const uint8_t *digest,
                                           enum slsim_catalog_status full)
{
    bool found = false;
    size_t pos = 0;

    if (*n > max) {
        return SLSIM_CATALOG_BAD_PARAM;
    }
    pos = slsim_catalog_sorted_lower_bound(digests, perm, *n, digest, &found);
    if (found) {
        return SLSIM_CATALOG_DUPLICATE;
    }
    if (*n == max) {
        return full;
    }
    memcpy(digests + SLSIM_CATALOG_DIGEST_LEN * (size_t)*n, digest, SLSIM_CATALOG_DIGEST_LEN);
    memmove(perm + pos + 1, perm + pos, *n - pos);
    perm[pos] = (uint8_t)*n;
    (*n)++;
    return SLSIM_CATALOG_OK;
}

enum slsim_catalog_status slsim_catalog_add_trusted(struct slsim_catalog *cat,
                                                    const uint8_t digest[SLSIM_CATALOG_DIGEST_LEN])
{
    if (cat == NULL || digest == NULL) {
        return SLSIM_CATALOG_BAD_PARAM;
    }
    return add_entry(&cat->trusted[0][0], cat->trusted_sorted, &cat->n_trusted,
                     SLSIM_CATALOG_MAX_TRUSTED, digest, SLSIM_CATALOG_TOO_MANY_TRUSTED);
}

enum slsim_catalog_status slsim_catalog_add_revoked(struct slsim_catalog *cat,
                                                    const uint8_t digest[SLSIM_CATALOG_DIGEST_LEN])
{
    if (cat == NULL || digest == NULL) {
        return SLSIM_CATALOG_BAD_PARAM;
    }
    return add_entry(&cat->revoked[0][0], cat->revoked_sorted, &cat->n_revoked,
                     SLSIM_CATALOG_MAX_REVOKED, digest, SLSIM_CATALOG_TOO_MANY_REVOKED);
}

enum slsim_catalog_status slsim_catalog_reindex(struct slsim_catalog *cat)
{
    if (cat == NULL) {
        return SLSIM_CATALOG_BAD_PARAM;
    }
    if (cat->n_trusted > SLSIM_CATALOG_MAX_TRUSTED) {
        return SLSIM_CATALOG_TOO_MANY_TRUSTED;
    }
    if (cat->n_revoked > SLSIM_CATALOG_MAX_REVOKED) {
        return SLSIM_CATALOG_TOO_MANY_REVOKED;
    }
    (void)slsim_catalog_sorted_build(&cat->trusted[0][0], cat->trusted_sorted, cat->n_trusted);
    (void)slsim_catalog_sorted_build(&cat->revoked[0][0], cat->revoked_sorted, cat->n_revoked);
    return SLSIM_CATALOG_OK;
}

static bool in_list(const uint8_t *digests, const uint8_t *perm, uint32_t n, const uint8_t *digest)
{
    bool found = false;

    (void)slsim_catalog_sorted_lower_bound(digests, perm, n, digest, &found);
    return found;
}

enum slsim_catalog_lookup
slsim_catalog_find_by_digest(const struct slsim_catalog *cat,
                             const uint8_t digest[SLSIM_CATALOG_DIGEST_LEN])
{
    if (cat == NULL || digest == NULL || cat->n_trusted > SLSIM_CATALOG_MAX_TRUSTED ||
        cat->n_revoked > SLSIM_CATALOG_MAX_REVOKED) {
        return SLSIM_CATALOG_UNKNOWN;
    }
    /* Revocation wins: a revoked certificate is refused even if it is also a trusted root
     * (SWRU455 7.4: a revoked root set by the user fails the handshake). */
    if (in_list(&cat->revoked[0][0], cat->revoked_sorted, cat->n_revoked, digest)) {
        return SLSIM_CATALOG_REVOKED;
    }
    if (in_list(&cat->trusted[0][0], cat->trusted_sorted, cat->n_trusted, digest)) {
        return SLSIM_CATALOG_TRUSTED;
    }
    return SLSIM_CATALOG_UNKNOWN;
}

enum slsim_catalog_lookup
slsim_catalog_find_cert(const struct slsim_catalog *cat, const uint8_t *der, size_t der_len)
{
    uint8_t digest[SLSIM_CATALOG_DIGEST_LEN];

    if (cat == NULL || der == NULL) {
        return SLSIM_CATALOG_UNKNOWN;
    }
    if (slsim_catalog_digest_der(der, der_len, digest) != SLSIM_CATALOG_OK) {
        return SLSIM_CATALOG_UNKNOWN;
    }
    return slsim_catalog_find_by_digest(cat, digest);
}
