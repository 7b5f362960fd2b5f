/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file bench_prims.h
 * @brief The cost of each cryptographic primitive of one client handshake, measured with
 *        mbedTLS 2.28 directly (benchmark code: it may use any mbedTLS API).
 */
#ifndef SLSIM_BENCH_PRIMS_H
#define SLSIM_BENCH_PRIMS_H

#include <stddef.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

/** What the handshake under test used; all pointers are borrowed. */
struct bench_prim_input {
    mbedtls_ctr_drbg_context *drbg;
    const mbedtls_x509_crt *ca;     /**< the trust anchor (device CA file) */
    const mbedtls_x509_crt *leaf;   /**< the broker's certificate, signed by @p ca */
    const mbedtls_x509_crt *client; /**< the client's certificate */
    mbedtls_pk_context *client_key; /**< signs CertificateVerify */
    mbedtls_pk_context *server_key; /**< signs ServerKeyExchange (for a real signature) */
    const unsigned char *client_key_der;
    size_t client_key_der_len;
    const unsigned char *ca_der;
    size_t ca_der_len;
    const unsigned char *leaf_der;
    size_t leaf_der_len;
    mbedtls_ecp_group_id curve; /**< the ECDHE group the server chose */
    size_t hello_bytes;         /**< ClientHello + ServerHello (hashed 4 ways by mbedTLS) */
    size_t transcript_bytes;    /**< all handshake messages (hashed with SHA-256) */
    unsigned chain_verifies;    /**< certificate signatures checked up to the anchor */
    double round_s;             /**< CPU seconds per measuring round */
    const char *only;           /**< comma-separated primitive names, or NULL for all */
};

/** The measurement state (opaque). */
struct bench_prims;

/**
 * Prepares every primitive selected by @p in->only (the server's ECDHE value, a real
 * ServerKeyExchange signature) and calls each once (warm-up). @p in is copied; what it points
 * at must outlive the result. 0, or -1 (message printed).
 */
int bench_prims_new(const struct bench_prim_input *in, struct bench_prims **out);

/** One round: each selected primitive for @p in->round_s CPU seconds. 0 or -1. */
int bench_prims_round(struct bench_prims *p);

/**
 * Prints `prim.<name>.us` (median over the rounds) and `prim.<name>.ops`, then, when all were
 * measured, `prim.sum.us`: sign + chain_verifies x verify + SKE verify + ECDHE (key generation
 * + shared secret) + hashing/PRF/AES-GCM. The other figures are the costs that are not
 * primitives but that a handshake reading its credentials from files pays (parsing, the first
 * private-key operation on a fresh context, the key/certificate pair check). 0 or -1.
 */
int bench_prims_report(const struct bench_prims *p);

/** NULL-safe. */
void bench_prims_free(struct bench_prims *p);

#endif /* SLSIM_BENCH_PRIMS_H */
