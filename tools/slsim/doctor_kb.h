/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file doctor_kb.h
 * @brief The knowledge base of `slsim doctor`: for every case of the reference's D.1 (TLS) and
 *        D.2 (signed files, programming) tables, the SL code, a plain-language cause and a
 *        concrete fix; the verdict phrase of each sl_Connect code; the closest OpenSSL verify
 *        error; and the mbedTLS flag names.
 *
 * Pure constant data and lookups (no I/O): tests/unit/doctor iterates the table.
 */
#ifndef SLSIM_TOOLS_DOCTOR_KB_H
#define SLSIM_TOOLS_DOCTOR_KB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trust/trust.h"

/** When a row is the one to show for its code (the doctor knows these facts). */
enum doctor_kb_when {
    DOCTOR_KB_DEFAULT = 0,    /**< the row for the code when no other one applies */
    DOCTOR_KB_PLAYGROUND,     /**< the device's catalog is the playground (or its shape) */
    DOCTOR_KB_FIRST_PEM_ONLY, /**< CC3220 profile and a CA file with several certificates */
    DOCTOR_KB_NO_SNI,       /**< no domain option (so no SNI), suites and version not restricted */
    DOCTOR_KB_CROSS_SIGNED, /**< the server sent the CA file's root cross-signed by another CA */
    DOCTOR_KB_LEAF_ONLY,    /**< the server sent only its own, not self-signed certificate */
    DOCTOR_KB_GTS_ROOT,     /**< the root missing from the catalog is a Google Trust Services one */
    DOCTOR_KB_RELATED,      /**< a known variant: listed as "also seen", never chosen */
};

/** One knowledge-base row. */
struct doctor_kb {
    const char *ref; /**< "D.1 #1" (reference nwp-behaviour.md) */
    int32_t code;    /**< the SL code it explains */
    enum doctor_kb_when when;
    const char *cause;   /**< plain language */
    const char *fix;     /**< what to do; IMAGE stands for the device's image path */
    const char *command; /**< a command that applies the fix ("" if none); IMAGE, SIG as above */
};

/** What the doctor knows when it picks a row. */
struct doctor_kb_ctx {
    bool playground;        /**< the catalog is the playground or has its shape */
    bool first_pem_only;    /**< profile uses only the first PEM certificate, CA file has more */
    bool sni;               /**< the domain option is set */
    bool suites_restricted; /**< SL_SO_SECURE_MASK or SL_SO_SECMETHOD is set */
    bool cross_signed;      /**< the sent chain holds the CA file's root, issued by another CA */
    bool leaf_only;         /**< the server sent one certificate, not self-signed */
    bool gts_root;          /**< the anchoring root is a GTS (Google Trust Services) root */
};

/** The whole table (tests iterate it). */
const struct doctor_kb *doctor_kb_table(size_t *count);

/** The row for @p code in @p ctx (NULL if the code has none). */
const struct doctor_kb *doctor_kb_find(int32_t code, const struct doctor_kb_ctx *ctx);

/** The @p i-th other row with the same code as @p row (variants), or NULL. */
const struct doctor_kb *doctor_kb_related(const struct doctor_kb *row, size_t i);

/**
 * The verdict phrase of an sl_Connect code: "connected, but the root CA is not in the
 * device's catalog", "not connected: ...". Never NULL.
 */
const char *doctor_kb_verdict(int32_t code);

/** An OpenSSL verify error (X509_V_ERR_*): number and its text; 0 "" when none is close. */
struct doctor_openssl {
    int code;
    const char *text;
};

/** What the chain looked like (to choose between 18, 19, 20 and 21 for an anchor failure). */
struct doctor_chain_shape {
    size_t sent;          /**< certificates the server sent */
    bool top_self_signed; /**< the top certificate of the sent chain is self-signed */
};

/** The closest OpenSSL verify error of a finding. */
struct doctor_openssl doctor_kb_openssl(const struct slsim_finding *f,
                                        const struct doctor_chain_shape *shape);

/** Writes the mbedTLS flag names of @p flags ("BADCERT_EXPIRED|BADCERT_NOT_TRUSTED", or "")
 *  into @p buf. */
void doctor_kb_flag_names(uint32_t flags, char *buf, size_t len);

/** Number of mbedTLS flags known and the i-th (for JSON arrays): bit and name. */
size_t doctor_kb_flag_count(void);
uint32_t doctor_kb_flag_bit(size_t i);
const char *doctor_kb_flag_name(size_t i);

/**
 * Replaces the placeholders IMAGE (the device's image path) and SIG (the catalog signature
 * suffix of the profile: "3220" or "3235") in @p text into @p buf.
 */
void doctor_kb_expand(const char *text, const char *image, const char *sig, char *buf, size_t len);

#endif /* SLSIM_TOOLS_DOCTOR_KB_H */
