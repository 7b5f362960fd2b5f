/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file trust_fixture.c
 * @brief Issues the synthetic PKI described in trust_fixture.h.
 */
#include "trust_fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/banned.h"

#define ROOT_DN "C=IL, O=slsim test, CN=Demo Root"

struct fx_spec {
    enum fx_cert cert;
    const char *subject;
    const char *const *dns;
    int64_t from, to;
    bool ca;
    int issuer; /* enum fx_cert, or -1 for self-signed */
    int key;    /* index into the key table of fx_keys() */
    int signer; /* key that signs (normally the issuer's key) */
};

enum { K_A, K_B, K_C, K_INT, K_LEAF, K_DEPTH, K_CLIENT, K_COUNT };

static struct slsim_pki_key **key_slot(struct fx_pki *fx, int k)
{
    struct slsim_pki_key **slots[K_COUNT] = {
        &fx->key_a,    &fx->key_b,     &fx->key_c,      &fx->key_int,
        &fx->key_leaf, &fx->key_depth, &fx->key_client,
    };
    return slots[k];
}

static const char *const leaf_dns[] = { "leaf.example.com", "*.iot.example.com", NULL };
static const char *const leaf2_dns[] = { "leaf2.example.com", NULL };

static const struct fx_spec specs[] = {
    { FX_ROOT_A, ROOT_DN, NULL, FX_T2015, FX_T2045, true, -1, K_A, K_A },
    { FX_ROOT_B, ROOT_DN, NULL, FX_T2015, FX_T2045, true, -1, K_B, K_B },
    { FX_ROOT_C, "C=IL, O=slsim test, CN=Other Root", NULL, FX_T2015, FX_T2045, true, -1, K_C,
      K_C },
    { FX_ROOT_A_NOCA, ROOT_DN, NULL, FX_T2015, FX_T2045, false, -1, K_A, K_A },
    { FX_INT, "C=IL, O=slsim test, CN=Demo Int", NULL, FX_T2016, FX_T2045, true, FX_ROOT_A, K_INT,
      K_A },
    { FX_INT_NOCA, "C=IL, O=slsim test, CN=Demo Int NoCA", NULL, FX_T2016, FX_T2045, false,
      FX_ROOT_A, K_DEPTH, K_A },
    { FX_LEAF, "CN=leaf.example.com", leaf_dns, FX_T2023, FX_T2030, false, FX_INT, K_LEAF, K_INT },
    { FX_LEAF_EXPIRED, "CN=leaf.example.com", leaf_dns, FX_T2019, FX_T2022, false, FX_INT, K_LEAF,
      K_INT },
    { FX_LEAF_FUTURE, "CN=leaf.example.com", leaf_dns, FX_T2030, FX_T2035, false, FX_INT, K_LEAF,
      K_INT },
    { FX_LEAF_UNDER_NOCA, "CN=leaf2.example.com", leaf2_dns, FX_T2023, FX_T2030, false, FX_INT_NOCA,
      K_LEAF, K_DEPTH },
    { FX_LEAF_C, "CN=leaf.example.com", leaf_dns, FX_T2023, FX_T2030, false, FX_ROOT_C, K_LEAF,
      K_C },
    { FX_LEAF_BADSIG, "CN=leaf.example.com", leaf_dns, FX_T2023, FX_T2030, false, FX_INT, K_LEAF,
      K_C },
    { FX_LEAF_NOSAN, "C=IL, CN=nosan.example.com", NULL, FX_T2023, FX_T2030, false, FX_INT, K_LEAF,
      K_INT },
    { FX_CLIENT, "CN=device-1", NULL, FX_T2023, FX_T2030, false, FX_ROOT_A, K_CLIENT, K_A },
};

static int issue(struct fx_pki *fx, const struct fx_spec *s)
{
    struct slsim_pki_cert_req req = {
        .subject = s->subject,
        .dns = s->dns,
        .not_before = s->from,
        .not_after = s->to,
        .ca = s->ca,
        .path_len = -1,
        .serial = (uint64_t)s->cert + 100,
    };
    struct slsim_diag diag;
    const uint8_t *idr = s->issuer >= 0 ? fx->der[s->issuer] : NULL;
    size_t ilen = s->issuer >= 0 ? fx->len[s->issuer] : 0;
    const struct slsim_pki_key *signer = s->issuer >= 0 ? *key_slot(fx, s->signer) : NULL;

    if (slsim_pki_issue(&req, *key_slot(fx, s->key), idr, ilen, signer, &fx->der[s->cert],
                        &fx->len[s->cert], &diag) != 0 ||
        slsim_pki_der_to_pem("CERTIFICATE", fx->der[s->cert], fx->len[s->cert],
                             &fx->pem[s->cert]) != 0) {
        fprintf(stderr, "fixture: cannot issue '%s': %s\n", s->subject, diag.msg);
        return -1;
    }
    return 0;
}

/* Depth 1 under root A, Depth i+1 under Depth i, the depth leaf under Depth 9. */
static int issue_depth(struct fx_pki *fx)
{
    char subjects[FX_DEPTH][32];

    for (int i = 0; i < FX_DEPTH; i++) {
        struct fx_spec s = { (enum fx_cert)(FX_DEPTH_1 + i),
                             subjects[i],
                             NULL,
                             FX_T2016,
                             FX_T2045,
                             true,
                             i == 0 ? FX_ROOT_A : FX_DEPTH_1 + i - 1,
                             K_DEPTH,
                             i == 0 ? K_A : K_DEPTH };

        (void)snprintf(subjects[i], sizeof(subjects[i]), "CN=Depth %d", i + 1);
        if (issue(fx, &s) != 0) {
            return -1;
        }
    }
    struct fx_spec leaf = { FX_DEPTH_LEAF, "CN=deep.example.com",     NULL,   FX_T2023, FX_T2030,
                            false,         FX_DEPTH_1 + FX_DEPTH - 1, K_LEAF, K_DEPTH };
    return issue(fx, &leaf);
}

static int make_keys(struct fx_pki *fx)
{
    for (int k = 0; k < K_COUNT; k++) {
        enum slsim_pki_key_type t = k == K_INT ? SLSIM_PKI_RSA2048 : SLSIM_PKI_EC_P256;

        if (slsim_pki_key_generate(t, key_slot(fx, k)) != 0) {
            fprintf(stderr, "fixture: key generation failed\n");
            return -1;
        }
    }
    if (slsim_pki_key_write_der(fx->key_client, &fx->client_key_der, &fx->client_key_len) != 0 ||
        slsim_pki_key_write_der(fx->key_leaf, &fx->leaf_key_der, &fx->leaf_key_len) != 0 ||
        slsim_pki_der_to_pem("EC PRIVATE KEY", fx->client_key_der, fx->client_key_len,
                             &fx->client_key_pem) != 0) {
        return -1;
    }
    return 0;
}

int fx_build(struct fx_pki *fx)
{
    memset(fx, 0, sizeof(*fx));
    if (make_keys(fx) != 0) {
        return -1;
    }
    for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
        if (issue(fx, &specs[i]) != 0) {
            return -1;
        }
    }
    return issue_depth(fx);
}

void fx_free(struct fx_pki *fx)
{
    for (int k = 0; k < K_COUNT; k++) {
        slsim_pki_key_free(*key_slot(fx, k));
    }
    for (int i = 0; i < FX_CERT_COUNT; i++) {
        free(fx->der[i]);
        free(fx->pem[i]);
    }
    free(fx->client_key_der);
    free(fx->client_key_pem);
    free(fx->leaf_key_der);
    memset(fx, 0, sizeof(*fx));
}

static uint8_t *concat(const char *a, const char *b, const char *c, size_t *len)
{
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
    uint8_t *out = malloc(la + lb + lc + 1);

    assert_non_null(out);
    memcpy(out, a, la);
    memcpy(out + la, b, lb);
    memcpy(out + la + lb, c, lc + 1);
    *len = la + lb + lc;
    return out;
}

static uint8_t *copy(const void *p, size_t len)
{
    uint8_t *out = malloc(len);

    assert_non_null(out);
    memcpy(out, p, len);
    return out;
}

static void build_ca(const struct fx_pki *fx, struct fx_input *b, enum fx_ca_kind k)
{
    static const char garbage[] = "this is not a certificate\n";
    size_t len = 0;

    b->in.ca_set = k != CA_NOT_SET;
    b->in.ca_exists = k != CA_NOT_SET && k != CA_MISSING;
    b->in.ca_name = "/cert/ca.pem";
    switch (k) {
    case CA_DER_A:
        b->ca = copy(fx->der[FX_ROOT_A], len = fx->len[FX_ROOT_A]);
        break;
    case CA_DER_B:
        b->ca = copy(fx->der[FX_ROOT_B], len = fx->len[FX_ROOT_B]);
        break;
    case CA_DER_NOCA:
        b->ca = copy(fx->der[FX_ROOT_A_NOCA], len = fx->len[FX_ROOT_A_NOCA]);
        break;
    case CA_DER_INT:
        b->ca = copy(fx->der[FX_INT], len = fx->len[FX_INT]);
        break;
    case CA_DER_TRUNC:
        b->ca = copy(fx->der[FX_ROOT_A], len = fx->len[FX_ROOT_A] / 2);
        break;
    case CA_PEM_A:
        b->ca = concat("# Demo Root for the slsim tests\n", fx->pem[FX_ROOT_A], "# end\n", &len);
        break;
    case CA_PEM_C_THEN_A:
        b->ca = concat(fx->pem[FX_ROOT_C], "\n", fx->pem[FX_ROOT_A], &len);
        break;
    case CA_PEM_JUNK:
        b->ca = concat(fx->pem[FX_ROOT_A], "", "", &len);
        b->ca[28 + 40] = '*'; /* inside the base64 body, after the BEGIN line */
        break;
    case CA_GARBAGE:
        b->ca = copy(garbage, len = sizeof(garbage) - 1);
        break;
    case CA_MISSING:
    case CA_NOT_SET:
        break;
    }
    b->in.ca = b->ca;
    b->in.ca_len = len;
}

static void
add_digest(const struct fx_pki *fx, struct slsim_catalog *cat, enum fx_cert c, bool revoked)
{
    uint8_t d[SLSIM_CATALOG_DIGEST_LEN];

    assert_int_equal(slsim_catalog_digest_der(fx->der[c], fx->len[c], d), SLSIM_CATALOG_OK);
    assert_int_equal(revoked ? slsim_catalog_add_revoked(cat, d)
                             : slsim_catalog_add_trusted(cat, d),
                     SLSIM_CATALOG_OK);
}

static void build_catalog(const struct fx_pki *fx, struct fx_input *b, enum fx_cat_kind k)
{
    slsim_catalog_init(&b->cat, (uint64_t)FX_T2016, (uint64_t)FX_T2045);
    add_digest(fx, &b->cat, k == CAT_OTHER ? FX_ROOT_C : FX_ROOT_A, false);
    if (k == CAT_ROOT_REVOKED) {
        add_digest(fx, &b->cat, FX_ROOT_A, true);
    }
    if (k == CAT_INT_REVOKED) {
        add_digest(fx, &b->cat, FX_INT, true);
    }
    b->in.catalog_state = k == CAT_MISSING    ? SLSIM_TRUST_CATALOG_MISSING
                          : k == CAT_REJECTED ? SLSIM_TRUST_CATALOG_REJECTED
                                              : SLSIM_TRUST_CATALOG_OK;
    b->in.catalog = b->in.catalog_state == SLSIM_TRUST_CATALOG_OK ? &b->cat : NULL;
    b->in.catalog_label = "playground (2016-09-11)";
}

/* The certificates each chain kind sends, leaf first, -1 terminated. */
#define D(i) (FX_DEPTH_1 + (i)-1)
static const int chains[][SLSIM_TRUST_MAX_CHAIN + 1] = {
    [CH_GOOD] = { FX_LEAF, FX_INT, -1 },
    [CH_GOOD_ROOT] = { FX_LEAF, FX_INT, FX_ROOT_A, -1 },
    [CH_GOOD_EXTRA] = { FX_LEAF, FX_INT, FX_ROOT_C, -1 },
    [CH_EXPIRED] = { FX_LEAF_EXPIRED, FX_INT, -1 },
    [CH_FUTURE] = { FX_LEAF_FUTURE, FX_INT, -1 },
    [CH_NOCA_INT] = { FX_LEAF_UNDER_NOCA, FX_INT_NOCA, -1 },
    [CH_OTHER_ROOT] = { FX_LEAF_C, -1 },
    [CH_BADSIG] = { FX_LEAF_BADSIG, FX_INT, -1 },
    [CH_LEAF_ONLY] = { FX_LEAF, -1 },
    [CH_DEPTH] = { FX_DEPTH_LEAF, D(9), D(8), D(7), D(6), D(5), D(4), D(3), D(2), D(1), -1 },
    [CH_NOSAN] = { FX_LEAF_NOSAN, FX_INT, -1 },
    [CH_GARBAGE] = { -1 },
    [CH_EMPTY] = { -1 },
};
#undef D

static void build_chain(const struct fx_pki *fx, struct fx_input *b, enum fx_chain_kind k)
{
    static const uint8_t garbage[] = { 0x30, 0x03, 0x02, 0x01, 0x07 };
    size_t n = 0;

    while (chains[k][n] >= 0) {
        b->in.chain[n] = fx->der[chains[k][n]];
        b->in.chain_len[n] = fx->len[chains[k][n]];
        n++;
    }
    b->in.chain_count = n;
    if (k == CH_GARBAGE) {
        b->in.chain[0] = garbage;
        b->in.chain_len[0] = sizeof(garbage);
        b->in.chain_count = 1;
    }
}

static void build_own(const struct fx_pki *fx, struct fx_input *b, enum fx_own_kind k)
{
    static const char junk_cert[] = "garbage";
    static const char junk_key[] = "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE "
                                   "KEY-----\n";

    b->own_cert = k == OWN_PEM ? (const uint8_t *)fx->pem[FX_CLIENT] : fx->der[FX_CLIENT];
    b->own_cert_len = k == OWN_PEM ? strlen(fx->pem[FX_CLIENT]) : fx->len[FX_CLIENT];
    b->own_key = k == OWN_PEM ? (const uint8_t *)fx->client_key_pem : fx->client_key_der;
    b->own_key_len = k == OWN_PEM ? strlen(fx->client_key_pem) : fx->client_key_len;
    if (k == OWN_CERT_GARBAGE) {
        b->own_cert = (const uint8_t *)junk_cert;
        b->own_cert_len = strlen(junk_cert);
    } else if (k == OWN_KEY_GARBAGE) {
        b->own_key = (const uint8_t *)junk_key;
        b->own_key_len = strlen(junk_key);
    } else if (k == OWN_KEY_MISMATCH) {
        b->own_key = fx->leaf_key_der;
        b->own_key_len = fx->leaf_key_len;
    }
}

void fx_input_build(const struct fx_pki *fx, const struct fx_setup *r, struct fx_input *b)
{
    memset(b, 0, sizeof(*b));
    build_chain(fx, b, r->chain);
    build_ca(fx, b, r->ca);
    build_catalog(fx, b, r->cat);
    build_own(fx, b, r->own);
    b->own_set = r->own != OWN_NONE;
    b->in.store_disabled = r->store_off;
    b->in.device_time = r->clock_2013 ? FX_T2013 : FX_TNOW;
    b->in.host_time = r->no_host_clock ? 0 : FX_TNOW;
    b->in.domain = r->domain;
    b->in.max_depth = r->max_depth;
    b->in.pem_multi_root = r->prof != P3220;
    b->in.revoked_connected = r->prof != P3235_REVOKED_FAILS;
    if (r->pin == PIN_LEAF || r->pin == PIN_OTHER) {
        enum fx_cert c = r->pin == PIN_LEAF ? FX_LEAF : FX_LEAF_C;
        b->pinned = copy(fx->der[c], fx->len[c]);
        b->in.pinned_len = fx->len[c];
    } else if (r->pin == PIN_LEAF_PEM) {
        b->pinned = concat(fx->pem[FX_LEAF], "", "", &b->in.pinned_len);
    }
    b->in.pinned = b->pinned;
    b->in.pinned_set = r->pin != PIN_NONE;
}

void fx_input_free(struct fx_input *b)
{
    free(b->ca);
    free(b->pinned);
    b->ca = NULL;
    b->pinned = NULL;
}
