/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file trust.h
 * @brief The verification engine: what the NWP concludes about a secure connection.
 *
 * Input: the server chain as sent, the CA file named on the socket, the device's catalog,
 * the device clock, the domain option, the pinned peer certificate and the profile.
 * Output: an ordered list of findings (every check, pass/warn/fail, the SL code each implies,
 * the mbedTLS-style flag, a plain reason and a fix) and the one code sl_Connect returns, chosen
 * by the table in trust_map.c (precedence in docs/trust.md). sl_Connect and `slsim doctor` read
 * the same findings, so they cannot disagree.
 *
 * Pure: bytes and structs in, findings out; no I/O, no globals, no TLS library types.
 */
#ifndef SLSIM_TRUST_TRUST_H
#define SLSIM_TRUST_TRUST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog/catalog.h"

/** Checks, in pipeline order (the order findings are reported in). */
enum slsim_trust_check {
    SLSIM_CHECK_CA_FILE = 0, /**< CA file named, present, parsable (-454, -456) */
    SLSIM_CHECK_OWN_CERT,    /**< own certificate file (-457) */
    SLSIM_CHECK_OWN_KEY,     /**< own private key file, matches the certificate (-458) */
    SLSIM_CHECK_SOCKETS,     /**< secure-socket limit (-460) */
    SLSIM_CHECK_HANDSHAKE,   /**< TCP + TLS handshake (alerts -3xx, -790/-791, -462, -708) */
    SLSIM_CHECK_PEER_CERT,   /**< one finding per certificate of the server chain (info) */
    SLSIM_CHECK_CHAIN,       /**< links inside the sent chain (-655, -757, -768) */
    SLSIM_CHECK_ANCHOR,      /**< the CA file signed the top of the chain (-688, -655, -757) */
    SLSIM_CHECK_DATES,       /**< validity against the device clock (-461) */
    SLSIM_CHECK_DOMAIN,      /**< domain name verification (-722) */
    SLSIM_CHECK_PINNED,      /**< pinned peer certificate (-469) */
    SLSIM_CHECK_CATALOG,     /**< root in the trusted catalog, revocations (-468, -467) */
    SLSIM_CHECK_NO_CA,       /**< no CA file set: server not verified (-453) */
    SLSIM_CHECK_COUNT
};

enum slsim_finding_status {
    SLSIM_FINDING_PASS = 0,
    SLSIM_FINDING_INFO, /**< facts (a chain certificate, the negotiated suite) */
    SLSIM_FINDING_SKIP, /**< not evaluated (and why) */
    SLSIM_FINDING_WARN, /**< connected-with-warning condition (-453, -461, -468, -467 per profile)
                         */
    SLSIM_FINDING_FAIL, /**< hard failure */
};

/** Verification flags, same meaning (and values) as mbedTLS's MBEDTLS_X509_BADCERT_*. */
enum slsim_x509_flags {
    SLSIM_X509_BADCERT_EXPIRED = 0x01,
    SLSIM_X509_BADCERT_REVOKED = 0x02,
    SLSIM_X509_BADCERT_CN_MISMATCH = 0x04,
    SLSIM_X509_BADCERT_NOT_TRUSTED = 0x08,
    SLSIM_X509_BADCERT_MISSING = 0x40,
    SLSIM_X509_BADCERT_FUTURE = 0x0200,
    SLSIM_X509_BADCERT_OTHER = 0x0100,
    SLSIM_X509_BADCERT_BAD_KEY = 0x010000,
};

#define SLSIM_TRUST_MAX_FINDINGS 64
#define SLSIM_TRUST_MAX_CHAIN    12
#define SLSIM_TRUST_TEXT         224

struct slsim_finding {
    enum slsim_trust_check check;
    enum slsim_finding_status status;
    int32_t code;                  /**< SL code this finding implies (0 for pass/info/skip) */
    uint32_t flags;                /**< SLSIM_X509_BADCERT_* */
    int cert_index;                /**< index in the sent chain, -1 if not about one certificate */
    char reason[SLSIM_TRUST_TEXT]; /**< plain-language statement */
    char fix[SLSIM_TRUST_TEXT];    /**< concrete fix; empty for passes */
};

/** Catalog state of the device. */
enum slsim_trust_catalog_state {
    SLSIM_TRUST_CATALOG_OK = 0,   /**< installed and its signature accepted */
    SLSIM_TRUST_CATALOG_MISSING,  /**< no /sys/certstore.lst */
    SLSIM_TRUST_CATALOG_REJECTED, /**< present but refused (bad signature / damaged) */
};

struct slsim_trust_input {
    /* Server chain as sent, leaf first (DER). */
    const uint8_t *chain[SLSIM_TRUST_MAX_CHAIN];
    size_t chain_len[SLSIM_TRUST_MAX_CHAIN];
    size_t chain_count;
    /* CA file: set on the socket? present on the FS? its bytes (DER or PEM). */
    bool ca_set;
    bool ca_exists;
    const char *ca_name;
    const uint8_t *ca;
    size_t ca_len;
    /* Catalog. */
    const struct slsim_catalog *catalog; /**< NULL unless catalog_state is OK */
    enum slsim_trust_catalog_state catalog_state;
    const char *catalog_label; /**< e.g. "playground (2016-09-11)", for reasons */
    bool store_disabled;       /**< SL_SO_SECURE_DISABLE_CERTIFICATE_STORE */
    int64_t device_time;       /**< device clock, Unix seconds */
    int64_t host_time;         /**< host clock, for reasons only */
    const char *domain;        /**< SL_SO_SECURE_DOMAIN_NAME_VERIFICATION or NULL */
    bool own_pair_verified;    /**< these exact cert/key bytes already passed the pair check */
    const uint8_t *pinned;     /**< SL_SO_SECURE_FILES_PEER_CERT_OR_DH_KEY_FILE_NAME content */
    size_t pinned_len;
    bool pinned_set;
    /* Profile. */
    bool pem_multi_root;    /**< CC3235: every PEM certificate of the CA file is a root */
    bool revoked_connected; /**< -467 leaves the socket connected */
    unsigned max_depth;     /**< longest chain accepted (certificates), 0 = 9 */
};

struct slsim_trust_result {
    struct slsim_finding findings[SLSIM_TRUST_MAX_FINDINGS];
    size_t n;
    int32_t code;              /**< what sl_Connect returns */
    bool connected;            /**< the socket stays up */
    char expected_issuer[128]; /**< -688: issuer the CA file should be (async event text) */
    bool root_found;
    uint8_t root_digest[32]; /**< SHA-256 of the anchoring root (catalog key) */
};

/** Adds a finding (no-op when full). Used by the engine and by sock for pre/handshake checks. */
void slsim_trust_add(struct slsim_trust_result *res,
                     enum slsim_trust_check check,
                     enum slsim_finding_status status,
                     int32_t code,
                     uint32_t flags,
                     int cert_index,
                     const char *fix,
                     const char *reason_fmt,
                     ...) __attribute__((format(printf, 8, 9)));

/** Resets @p res to no findings, code 0. */
void slsim_trust_init(struct slsim_trust_result *res);

/**
 * Runs the post-handshake checks (peer chain, anchor, dates, domain, pinning, catalog, no-CA)
 * appending findings to @p res, then sets res->code/connected with slsim_trust_decide().
 * Findings already in @p res (local files, handshake) are kept and take part in the decision.
 */
void slsim_trust_evaluate(const struct slsim_trust_input *in, struct slsim_trust_result *res);

/**
 * Chooses the one code sl_Connect returns from the findings (trust_map.c): the first FAIL in
 * pipeline order wins; otherwise the first WARN by the documented warning precedence; else 0.
 * -467 is a WARN or a FAIL as @p revoked_connected says.
 */
void slsim_trust_decide(struct slsim_trust_result *res, bool revoked_connected);

/**
 * Checks the local files before any network I/O: CA file (-454 missing, -456 unparsable), own
 * certificate (-457) and key (-458, also when it does not match the certificate). NULL/0 for
 * files that are not set. Appends findings; returns the first hard code or 0.
 */
int32_t slsim_trust_check_local(struct slsim_trust_result *res,
                                const struct slsim_trust_input *in,
                                const uint8_t *own_cert,
                                size_t own_cert_len,
                                bool own_cert_set,
                                const uint8_t *own_key,
                                size_t own_key_len,
                                bool own_key_set);

/** Short names for reports: "ca-file", "handshake", "catalog" ... and "pass"/"warn"/"fail". */
const char *slsim_trust_check_name(enum slsim_trust_check check);
const char *slsim_trust_status_name(enum slsim_finding_status st);

#endif /* SLSIM_TRUST_TRUST_H */
