/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file pki_int.h
 * @brief Private to the pki module: the key object and the per-call random generator.
 *
 * No state is shared between calls: each operation that needs randomness builds a
 * struct slsim_pki_rng on its stack, seeds it from the host entropy source and frees it.
 */
#ifndef SLSIM_PKI_INT_H
#define SLSIM_PKI_INT_H

#include "pki/pki.h"

#include <stdint.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/pk.h>

struct slsim_pki_key {
    mbedtls_pk_context pk;
};

/** A CTR-DRBG seeded for one operation. */
struct slsim_pki_rng {
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
};

/** Seeds @p rng (personalised with @p who); 0 or an mbedTLS error. Free it in every case. */
int slsim_pki_rng_init(struct slsim_pki_rng *rng, const char *who);

/** Releases @p rng (safe after a failed init). */
void slsim_pki_rng_free(struct slsim_pki_rng *rng);

/**
 * mbedTLS 2.28 takes `mbedtls_pk_context *` where it only reads the key (or updates RSA
 * blinding values under its own lock); this hands the context of a const key to such calls.
 */
mbedtls_pk_context *slsim_pki_key_pk(const struct slsim_pki_key *key);

#endif /* SLSIM_PKI_INT_H */
