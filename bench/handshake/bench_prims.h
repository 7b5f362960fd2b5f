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
    mbedtls_ecp_group_id curve;    /**< the ECDHE group the server chose */
    size_t hello_bytes;            /**< ClientHello + ServerHello (hashed 4 ways by mbedTLS) */
    size_t transcript_bytes;       /**< all handshake messages (hashed with SHA-256) */
    unsigned chain_verifies;       /**< certificate signatures checked up to the anchor */
    double round_s;                /**< CPU seconds per measuring round */
};

/**
 * Measures every primitive (median of 5 rounds of @p round_s CPU seconds each) and prints
 * `prim.<name>.us` lines, then `prim.sum.us`: sign + chain_verifies x verify + SKE verify +
 * ECDHE (key generation + shared secret) + hashing/PRF/AES-GCM. Also prints the costs that are
 * not primitives but that a handshake reading its credentials from files pays (parsing, the
 * first private-key operation on a fresh context). 0 or -1 (a primitive failed).
 */
int bench_prims_run(const struct bench_prim_input *in);

#endif /* SLSIM_BENCH_PRIMS_H */
