/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file trust_fixture.h
 * @brief A synthetic PKI for the trust engine tests, issued once per test binary with slsim_pki.
 *
 * Keys: six EC P-256 keys and one RSA-2048 key (the intermediate, so that both ECDSA and
 * RSA signatures are verified on the usual chain).
 *
 *   Demo Root (A)  --ECDSA-->  Demo Int (RSA)  --RSA-->  leaf.example.com (+ expired, future,
 *                                                        no-SAN and bad-signature variants)
 *   Demo Root (B): same name as A, other key          Other Root (C) --> leaf signed by C
 *   Demo Root without CA flag (key A)                 Demo Int NoCA --> leaf2.example.com
 *   Depth 1 .. Depth 9 under A, leaf under Depth 9    device-1 client certificate under A
 */
#ifndef SLSIM_TEST_TRUST_FIXTURE_H
#define SLSIM_TEST_TRUST_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog/catalog.h"
#include "pki/pki.h"
#include "trust/trust.h"

#define FX_T2013 1356998400LL /* 2013-01-01 00:00:00 UTC: the NWP clock after a reset */
#define FX_T2015 1420070400LL
#define FX_T2016 1451606400LL
#define FX_T2019 1546300800LL
#define FX_T2022 1640995200LL
#define FX_T2023 1672531200LL
#define FX_TNOW  1717200000LL /* 2024-06-01 00:00:00 UTC: "now" in the tests */
#define FX_T2030 1893456000LL
#define FX_T2035 2051222400LL
#define FX_T2045 2366841600LL

#define FX_DEPTH 9 /* intermediates in the long chain */

enum fx_cert {
    FX_ROOT_A = 0,
    FX_ROOT_B,
    FX_ROOT_C,
    FX_ROOT_A_NOCA,
    FX_INT,
    FX_INT_NOCA,
    FX_LEAF,
    FX_LEAF_EXPIRED,
    FX_LEAF_FUTURE,
    FX_LEAF_UNDER_NOCA,
    FX_LEAF_C,
    FX_LEAF_BADSIG,
    FX_LEAF_NOSAN,
    FX_CLIENT,
    FX_DEPTH_LEAF,
    FX_DEPTH_1, /* FX_DEPTH_1 + i is "Depth i+1" */
    FX_CERT_COUNT = FX_DEPTH_1 + FX_DEPTH
};

struct fx_pki {
    struct slsim_pki_key *key_a, *key_b, *key_c, *key_int, *key_leaf, *key_depth, *key_client;
    uint8_t *der[FX_CERT_COUNT];
    size_t len[FX_CERT_COUNT];
    char *pem[FX_CERT_COUNT]; /* the same certificates in PEM */
    uint8_t *client_key_der;  /* key of FX_CLIENT */
    size_t client_key_len;
    char *client_key_pem;
    uint8_t *leaf_key_der; /* a key that does not match FX_CLIENT */
    size_t leaf_key_len;
};

/** Issues everything; 0 or -1 (and a message on stderr). */
int fx_build(struct fx_pki *fx);

/** Releases everything (safe after a failed build). */
void fx_free(struct fx_pki *fx);

/* ---- the input of one table row -------------------------------------------------------- */

enum fx_chain_kind {
    CH_GOOD = 0,   /* leaf, int */
    CH_GOOD_ROOT,  /* leaf, int, root A */
    CH_GOOD_EXTRA, /* leaf, int, other root (after the break: ignored) */
    CH_EXPIRED,
    CH_FUTURE,
    CH_NOCA_INT, /* leaf2 under an intermediate without the CA flag */
    CH_OTHER_ROOT,
    CH_BADSIG,
    CH_LEAF_ONLY,
    CH_DEPTH, /* 10 certificates */
    CH_NOSAN,
    CH_GARBAGE,
    CH_EMPTY,
};

enum fx_ca_kind {
    CA_DER_A = 0,
    CA_PEM_A,
    CA_PEM_C_THEN_A,
    CA_DER_B,
    CA_DER_NOCA,
    CA_DER_INT,
    CA_GARBAGE,
    CA_DER_TRUNC,
    CA_PEM_JUNK,
    CA_MISSING,
    CA_NOT_SET,
};

enum fx_cat_kind {
    CAT_LISTED = 0,
    CAT_OTHER,
    CAT_ROOT_REVOKED,
    CAT_INT_REVOKED,
    CAT_MISSING,
    CAT_REJECTED
};
enum fx_pin_kind { PIN_NONE = 0, PIN_LEAF, PIN_LEAF_PEM, PIN_OTHER };
enum fx_own_kind {
    OWN_NONE = 0,
    OWN_DER,
    OWN_PEM,
    OWN_CERT_GARBAGE,
    OWN_KEY_GARBAGE,
    OWN_KEY_MISMATCH
};
enum fx_prof_kind { P3235 = 0, P3220, P3235_REVOKED_FAILS };

/** What a row sets up; zero is the good case (chain leaf+int, CA file = root A in DER, catalog
 * lists root A, CC3235 profile, device clock = host clock = FX_TNOW). */
struct fx_setup {
    enum fx_chain_kind chain;
    enum fx_ca_kind ca;
    enum fx_cat_kind cat;
    bool store_off;
    bool clock_2013;    /* device clock at FX_T2013 (host clock stays FX_TNOW) */
    bool no_host_clock; /* host_time 0: the host clock is not known */
    const char *domain;
    enum fx_pin_kind pin;
    enum fx_own_kind own;
    enum fx_prof_kind prof;
    unsigned max_depth;
};

/** The engine's input for a setup, with the buffers it points to. */
struct fx_input {
    struct slsim_trust_input in;
    struct slsim_catalog cat;
    uint8_t *ca;     /* malloc'd CA file bytes */
    uint8_t *pinned; /* malloc'd */
    bool own_set;
    const uint8_t *own_cert, *own_key;
    size_t own_cert_len, own_key_len;
};

/** Fills @p out for @p s (cmocka-asserts on allocation failure). */
void fx_input_build(const struct fx_pki *fx, const struct fx_setup *s, struct fx_input *out);

/** Frees the buffers of fx_input_build(). */
void fx_input_free(struct fx_input *in);

#endif /* SLSIM_TEST_TRUST_FIXTURE_H */
