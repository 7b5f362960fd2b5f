/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file trust_int.h
 * @brief Private to the trust module: the evaluation context, the CA file, text helpers.
 *
 * The engine keeps no state between calls: slsim_trust_evaluate() builds a struct
 * slsim_trust_ctx on its stack, the check functions (one per pipeline step, spread over
 * trust_chain.c and trust_checks.c) read it and append findings, and it is freed before
 * returning. mbedTLS is used to parse certificates and to check single signatures only;
 * mbedtls_x509_crt_verify() is not used anywhere, because the NWP's rules differ from it.
 */
#ifndef SLSIM_TRUST_INT_H
#define SLSIM_TRUST_INT_H

#include "trust/trust.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mbedtls/x509_crt.h>

/** Longest DN quoted in a reason or fix (characters, "..." included). */
#define SLSIM_TRUST_DN_SHORT 56

/** Default chain depth limit (certificates), wolfSSL's MAX_CHAIN_DEPTH on the NWP. */
#define SLSIM_TRUST_DEFAULT_DEPTH 9u

/** A CA file (or an own-certificate file) read as the NWP reads it (docs/trust.md check 1). */
struct slsim_trust_ca {
    mbedtls_x509_crt certs; /**< every certificate of the file, in file order */
    size_t n_certs;         /**< certificates parsed */
    size_t n_roots;         /**< how many of them act as roots (the first only on CC3220) */
    bool pem;               /**< the file was PEM */
    char why[128];          /**< why the file is bad, when the load failed */
};

/** Everything one evaluation needs. */
struct slsim_trust_ctx {
    const struct slsim_trust_input *in;
    struct slsim_trust_result *res;
    mbedtls_x509_crt sent[SLSIM_TRUST_MAX_CHAIN]; /**< the server chain, parsed */
    size_t n_sent;                                /**< entries of sent[] initialised */
    struct slsim_trust_ca ca;                     /**< the CA file (when set and usable) */
    bool ca_ok;
    size_t path_len;              /**< sent[0 .. path_len) is the followed chain */
    bool chain_ok;                /**< check 6 passed */
    const mbedtls_x509_crt *root; /**< the anchoring CA-file root (check 7 passed) */
    bool root_is_top;             /**< that root is the top of the followed chain itself */
};

/** One certificate of the verified path: the certificate and its index in the sent chain. */
struct slsim_trust_path_cert {
    const mbedtls_x509_crt *crt;
    int index; /**< index in the sent chain, -1 for the CA-file root */
};

/* ---- trust_ca.c ------------------------------------------------------------------------ */

/** Initialises @p ca to an empty file (always call slsim_trust_ca_free() afterwards). */
void slsim_trust_ca_init(struct slsim_trust_ca *ca);

/**
 * Reads a certificate file: starting with 0x30 it is one DER certificate; otherwise every PEM
 * `CERTIFICATE` block must decode and parse. @p multi_root keeps every certificate as a root
 * (CC3235), else only the first (CC3220). Returns 0, or -1 with ca->why set.
 */
int slsim_trust_ca_load(struct slsim_trust_ca *ca, const uint8_t *buf, size_t len, bool multi_root);

/** The i-th certificate of the file (NULL past the end). */
const mbedtls_x509_crt *slsim_trust_ca_cert(const struct slsim_trust_ca *ca, size_t i);

void slsim_trust_ca_free(struct slsim_trust_ca *ca);

/* ---- trust_local.c --------------------------------------------------------------------- */

/**
 * Check 1 (ca-file): adds its finding and, when the file is usable, leaves it loaded in @p ca
 * (which the caller initialised and frees). Returns the hard code (-454, -456) or 0.
 */
int32_t slsim_trust_ca_check(struct slsim_trust_result *res,
                             const struct slsim_trust_input *in,
                             struct slsim_trust_ca *ca);

/* ---- trust_chain.c --------------------------------------------------------------------- */

/** True if @p child's signature verifies with @p parent's public key (digest as signed). */
bool slsim_trust_signed_by(const mbedtls_x509_crt *child, const mbedtls_x509_crt *parent);

/** True if two raw DER names (or certificates) are equal byte for byte. */
bool slsim_trust_raw_equal(const mbedtls_x509_buf *a, const mbedtls_x509_buf *b);

/** Check 5 (peer-cert): one INFO per certificate; 0, or -1 when one does not parse (FAIL). */
int slsim_trust_check_peer(struct slsim_trust_ctx *ctx);

/** Check 6 (chain): follows the sent chain, checks depth, CA flags and signatures. */
void slsim_trust_check_chain(struct slsim_trust_ctx *ctx);

/** Check 7 (anchor): a CA-file root signed (or is) the top of the followed chain. */
void slsim_trust_check_anchor(struct slsim_trust_ctx *ctx);

/* ---- trust_checks.c -------------------------------------------------------------------- */

/** The verified path (followed chain plus the CA-file root unless it is the top); count. */
size_t slsim_trust_path(const struct slsim_trust_ctx *ctx,
                        struct slsim_trust_path_cert out[SLSIM_TRUST_MAX_CHAIN + 1]);

/** Checks 8 to 12: dates, domain, pinned, catalog, no-ca. */
void slsim_trust_check_dates(struct slsim_trust_ctx *ctx);
void slsim_trust_check_domain(struct slsim_trust_ctx *ctx);
void slsim_trust_check_pinned(struct slsim_trust_ctx *ctx);
void slsim_trust_check_catalog(struct slsim_trust_ctx *ctx);
void slsim_trust_check_no_ca(struct slsim_trust_ctx *ctx);

/**
 * Domain matching as the NWP does it: case-insensitive, a leading "*." matches exactly one
 * non-empty label. @p pat is not NUL-terminated (a SAN or CN value of @p plen bytes).
 */
bool slsim_trust_name_match(const char *pat, size_t plen, const char *host);

/* ---- trust_findings.c: text helpers ------------------------------------------------------ */

/** One-line DN ("C=IL, O=.., CN=..") cut to @p size - 1 characters with "..." when longer. */
void slsim_trust_dn(char *buf, size_t size, const mbedtls_x509_name *dn);

/** "YYYY-MM-DD HH:MM:SS UTC" (or "YYYY-MM-DD" with @p date_only). */
void slsim_trust_time_str(char *buf, size_t size, int64_t t, bool date_only);

/** An X.509 time as Unix seconds (UTC). */
int64_t slsim_trust_x509_time(const mbedtls_x509_time *t);

/** Index of the first finding with @p status (any check), or -1. */
int slsim_trust_find_status(const struct slsim_trust_result *res, enum slsim_finding_status st);

/** True if @p res holds a finding of @p check. */
bool slsim_trust_has_check(const struct slsim_trust_result *res, enum slsim_trust_check check);

#endif /* SLSIM_TRUST_INT_H */
