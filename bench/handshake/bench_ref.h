/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file bench_ref.h
 * @brief The mbedTLS side of the handshake benchmark (bench_mbedtls.c): a plain mbedTLS 2.28
 *        client configured as slsim's TLS layer is, for the probe and the reference figure, and
 *        the input of the primitive measurement.
 */
#ifndef SLSIM_BENCH_REF_H
#define SLSIM_BENCH_REF_H

#include <stdbool.h>
#include <stdint.h>

#include "bench_prims.h"

/** The reference client (opaque). */
struct bench_ref;

/**
 * Loads the PKI directory (DER files `ca`, `client`, `client-key`, `broker`, `broker-key`, as
 * `slsim pki issue` writes them) and configures the client: MBEDTLS_SSL_PRESET_DEFAULT, TLS
 * 1.2 only, the one suite (ECDHE-RSA- or ECDHE-ECDSA-AES128-GCM-SHA256 as @p ecdsa says), no
 * tickets, verification required against `ca`, own certificate and key. 0 or -1 (message).
 */
int bench_ref_new(const char *pki, uint16_t port, bool ecdsa, struct bench_ref **out);

/**
 * One handshake with mbedTLS debug level 2 on: prints `mbedtls.version` and `probe.*` (version,
 * suite, ECDHE curve, ServerKeyExchange hash and signature ids, certificates the server sent,
 * chain signatures a verifying client checks, bytes each way). 0 or -1.
 */
int bench_ref_probe(struct bench_ref *r);

/** @p n timed handshakes (connect .. close_notify, free); @p timed false: warm-up. 0 or -1. */
int bench_ref_batch(struct bench_ref *r, unsigned long n, bool timed);

/** Prints `ref.cpu_ms.*` and `ref.wall_ms.*`. */
void bench_ref_report(const struct bench_ref *r);

/** The primitive input for the probed handshake (valid while @p r lives). 0, or -1 before a
 *  successful probe or for an unknown curve. */
int bench_ref_prim_input(struct bench_ref *r, struct bench_prim_input *in);

/** NULL-safe. */
void bench_ref_free(struct bench_ref *r);

#endif /* SLSIM_BENCH_REF_H */
