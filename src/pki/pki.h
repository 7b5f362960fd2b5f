/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file pki.h
 * @brief A small X.509 issuing library: keys, certificates, PEM armour.
 *
 * Used by the tests to build synthetic PKIs (roots, intermediates, leaves with SANs, expired or
 * broken certificates) and by `slsim pki` to write a playground PKI. It issues; it does not
 * verify (that is `trust`). Every call seeds its own CTR-DRBG from the host entropy source, so
 * there is no global RNG state and calls may run on several threads at once.
 *
 * Ownership: keys are heap objects released with slsim_pki_key_free(); every `uint8_t **` /
 * `char **` output is malloc'd and owned by the caller (free()). On failure outputs are NULL.
 */
#ifndef SLSIM_PKI_PKI_H
#define SLSIM_PKI_PKI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

/** Key types the issuer generates. */
enum slsim_pki_key_type {
    SLSIM_PKI_RSA2048 = 0,
    SLSIM_PKI_RSA3072,
    SLSIM_PKI_EC_P256,
    SLSIM_PKI_EC_P384,
};

/** A private key (opaque; wraps an mbedTLS pk context). */
struct slsim_pki_key;

/**
 * @brief Generate a new private key.
 * @retval 0  `*out` holds the key (RSA keys use e = 65537).
 * @retval -1 bad argument, unknown type, no entropy or out of memory; `*out` is NULL.
 */
int slsim_pki_key_generate(enum slsim_pki_key_type type, struct slsim_pki_key **out);

/**
 * @brief Parse an unencrypted private key, DER or PEM (PKCS#1, SEC1 or PKCS#8).
 *
 * The buffer need not be NUL-terminated.
 * @retval 0  `*out` holds the key.
 * @retval -1 not a key this library can read; `*out` is NULL.
 */
int slsim_pki_key_parse(const uint8_t *buf, size_t len, struct slsim_pki_key **out);

/**
 * @brief Write a private key as DER (PKCS#1 for RSA, SEC1 for EC), malloc'd.
 * @retval 0  `*der` / `*len` hold the bytes.
 * @retval -1 bad argument or out of memory; `*der` is NULL, `*len` 0.
 */
int slsim_pki_key_write_der(const struct slsim_pki_key *key, uint8_t **der, size_t *len);

/**
 * @brief Write the public half of a key as DER SubjectPublicKeyInfo, malloc'd.
 * @retval 0 / -1 as slsim_pki_key_write_der().
 */
int slsim_pki_key_write_public_der(const struct slsim_pki_key *key, uint8_t **der, size_t *len);

/** @brief The key's type, or -1 for a parsed key of another kind (e.g. an EC curve not listed). */
int slsim_pki_key_type_of(const struct slsim_pki_key *key);

/** @brief Release a key (NULL allowed). */
void slsim_pki_key_free(struct slsim_pki_key *key);

/** What to put in a certificate. Zero-initialise, then fill in. */
struct slsim_pki_cert_req {
    /** Subject as a one-line DN: "C=IL, O=Texas Instruments Inc., OU=RND, CN=dummy-root-ca-cert".
     */
    const char *subject;
    /** NULL-terminated subjectAltName DNS names, or NULL for no subjectAltName. */
    const char *const *dns;
    /** Validity, Unix seconds (UTC); years 1950..9999. */
    int64_t not_before;
    int64_t not_after;
    /** basicConstraints cA; a CA also gets keyUsage keyCertSign + cRLSign. */
    bool ca;
    /** basicConstraints pathLenConstraint, -1 = none (only written for a CA). */
    int path_len;
    /** Leave basicConstraints out altogether (an old-style certificate that is no CA). */
    bool no_basic_constraints;
    /** Signature digest: "sha256" (default when NULL), "sha1", "sha384", "sha512". */
    const char *md;
    /** Serial number; 0 picks a random positive 63-bit serial. */
    uint64_t serial;
};

/**
 * @brief Issue a certificate (X.509 v3, DER).
 *
 * With @p issuer_der and @p issuer_key NULL the certificate is self-signed by @p subject_key.
 * Otherwise its issuer name is copied from the issuer certificate's subject, attribute by
 * attribute with the same string types, and checked byte for byte against that subject, so a
 * verifier can build the chain by name; @p issuer_key signs (it need not match the issuer
 * certificate, which lets tests forge bad signatures). Written extensions: basicConstraints
 * (unless asked not to), keyUsage, subjectKeyIdentifier, authorityKeyIdentifier and the
 * subjectAltName DNS names.
 *
 * @param diag Optional: the reason on failure.
 * @retval 0  `*der` / `*len` hold the certificate (malloc'd).
 * @retval -1 bad argument, bad subject string, bad date, unknown digest, unparsable issuer
 *            certificate, signing failure; `*der` is NULL.
 */
int slsim_pki_issue(const struct slsim_pki_cert_req *req,
                    const struct slsim_pki_key *subject_key,
                    const uint8_t *issuer_der,
                    size_t issuer_len,
                    const struct slsim_pki_key *issuer_key,
                    uint8_t **der,
                    size_t *len,
                    struct slsim_diag *diag);

/**
 * @brief Armour DER bytes as PEM ("-----BEGIN <label>-----", 64-column base64, NUL-terminated).
 * @param label "CERTIFICATE", "PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY", "PUBLIC KEY".
 * @retval 0  `*pem` holds the text (malloc'd, strlen() gives its length).
 * @retval -1 bad argument or out of memory; `*pem` is NULL.
 */
int slsim_pki_der_to_pem(const char *label, const uint8_t *der, size_t len, char **pem);

#endif /* SLSIM_PKI_PKI_H */
