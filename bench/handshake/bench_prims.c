/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file bench_prims.c
 * @brief Measures, with mbedTLS 2.28 alone, each cryptographic operation a TLS 1.2 client does
 *        in one ECDHE handshake with client authentication, so that run.sh can set the client
 *        CPU of slsim's handshake against their sum (DESIGN.md "Performance targets").
 *
 * Each primitive is timed like mbedTLS's own programs/test/benchmark.c does it: warm contexts
 * (key parsed once, the Montgomery constants and RSA blinding values already computed), the
 * process CPU clock, many operations per round; the figure is the median of 7 rounds. The
 * "cold" variants (a freshly parsed key or certificate per operation, as a client that reads
 * its credentials from files at each connect must do) and the parse costs are printed beside
 * them; they are not primitives and are not in the sum.
 */
#include "bench_prims.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <mbedtls/ecdh.h>
#include <mbedtls/gcm.h>
#include <mbedtls/md.h>
#include <mbedtls/md5.h>
#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>
#include <mbedtls/ssl.h>

#include "bench_util.h"

#define BATCH_TARGET 2000.0 /* microseconds of work between two reads of the CPU clock */

struct prim_ctx {
    const struct bench_prim_input *in; /**< points at bench_prims.input */
    unsigned char hash[32];
    unsigned char sig[MBEDTLS_PK_SIGNATURE_MAX_SIZE];
    unsigned char ske_sig[MBEDTLS_PK_SIGNATURE_MAX_SIZE];
    size_t ske_sig_len;
    mbedtls_ecdh_context ecdh; /**< the client's side; the server's public value is loaded */
    mbedtls_ecdh_context p256; /**< the same on secp256r1, for comparison */
    unsigned char *transcript;
};

typedef int (*prim_fn)(struct prim_ctx *c);

/* ---- the primitives ------------------------------------------------------------------------ */

static int p_sign(struct prim_ctx *c)
{
    size_t len = 0;
    return mbedtls_pk_sign(c->in->client_key, MBEDTLS_MD_SHA256, c->hash, sizeof(c->hash), c->sig,
                           &len, mbedtls_ctr_drbg_random, c->in->drbg);
}

/* One certificate signature, as a chain check does it: hash the TBS part with the child's
 * digest, verify with the parent's key. */
static int cert_verify(const mbedtls_x509_crt *child, const mbedtls_x509_crt *parent)
{
    unsigned char h[MBEDTLS_MD_MAX_SIZE];
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(child->sig_md);
    /* 2.28 takes a non-const key for a verify that only reads it. */
    mbedtls_pk_context *pk = (mbedtls_pk_context *)(uintptr_t)&parent->pk;
    if (md == NULL || mbedtls_md(md, child->tbs.p, child->tbs.len, h) != 0) {
        return -1;
    }
    return mbedtls_pk_verify_ext(child->sig_pk, child->sig_opts, pk, child->sig_md, h,
                                 mbedtls_md_get_size(md), child->sig.p, child->sig.len);
}

static int p_verify(struct prim_ctx *c)
{
    return cert_verify(c->in->leaf, c->in->ca);
}

static int p_ske_verify(struct prim_ctx *c)
{
    mbedtls_pk_context *pk = (mbedtls_pk_context *)(uintptr_t)&c->in->leaf->pk;
    return mbedtls_pk_verify(pk, MBEDTLS_MD_SHA256, c->hash, sizeof(c->hash), c->ske_sig,
                             c->ske_sig_len);
}

static int ecdh_keygen(struct prim_ctx *c, mbedtls_ecdh_context *ecdh)
{
    unsigned char buf[MBEDTLS_ECP_MAX_PT_LEN + 1];
    size_t olen = 0;
    return mbedtls_ecdh_make_public(ecdh, &olen, buf, sizeof(buf), mbedtls_ctr_drbg_random,
                                    c->in->drbg);
}

static int ecdh_shared(struct prim_ctx *c, mbedtls_ecdh_context *ecdh)
{
    unsigned char buf[MBEDTLS_ECP_MAX_BYTES];
    size_t olen = 0;
    return mbedtls_ecdh_calc_secret(ecdh, &olen, buf, sizeof(buf), mbedtls_ctr_drbg_random,
                                    c->in->drbg);
}

static int p_ecdh_keygen(struct prim_ctx *c)
{
    return ecdh_keygen(c, &c->ecdh);
}

static int p_ecdh_shared(struct prim_ctx *c)
{
    return ecdh_shared(c, &c->ecdh);
}

static int p_ecdhe(struct prim_ctx *c)
{
    int ret = ecdh_keygen(c, &c->ecdh);
    return ret == 0 ? ecdh_shared(c, &c->ecdh) : ret;
}

static int p_ecdhe_p256(struct prim_ctx *c)
{
    int ret = ecdh_keygen(c, &c->p256);
    return ret == 0 ? ecdh_shared(c, &c->p256) : ret;
}

/* The transcript hashes: mbedTLS 2.28 (TLS 1.0-1.2 built in) feeds ClientHello and ServerHello
 * to MD5, SHA-1, SHA-256 and SHA-384 until the suite is known, then SHA-256 only. */
static int misc_hash(struct prim_ctx *c, unsigned char *out)
{
    unsigned char tmp[64];
    size_t hello = c->in->hello_bytes;
    int ret = mbedtls_md5_ret(c->transcript, hello, tmp);
    ret |= mbedtls_sha1_ret(c->transcript, hello, tmp);
    ret |= mbedtls_sha512_ret(c->transcript, hello, tmp, 1);
    ret |= mbedtls_sha256_ret(c->transcript, c->in->transcript_bytes, out, 0);
    return ret;
}

/* TLS 1.2 PRF (SHA-256) as mbedTLS 2.28 runs it: extended master secret, the 256-byte key
 * block it always derives, the two Finished values. */
static int misc_prf(const unsigned char *session_hash)
{
    unsigned char pms[32] = { 1 };
    unsigned char master[48];
    unsigned char randbytes[64] = { 2 };
    unsigned char keyblk[256];
    unsigned char fin[12];
    int ret =
        mbedtls_ssl_tls_prf(MBEDTLS_SSL_TLS_PRF_SHA256, pms, sizeof(pms), "extended master secret",
                            session_hash, 32, master, sizeof(master));
    ret |= mbedtls_ssl_tls_prf(MBEDTLS_SSL_TLS_PRF_SHA256, master, sizeof(master), "key expansion",
                               randbytes, sizeof(randbytes), keyblk, sizeof(keyblk));
    ret |= mbedtls_ssl_tls_prf(MBEDTLS_SSL_TLS_PRF_SHA256, master, sizeof(master),
                               "client finished", session_hash, 32, fin, sizeof(fin));
    ret |= mbedtls_ssl_tls_prf(MBEDTLS_SSL_TLS_PRF_SHA256, master, sizeof(master),
                               "server finished", session_hash, 32, fin, sizeof(fin));
    return ret;
}

/* AES-128-GCM: both directions keyed, one 16-byte Finished record each way. */
static int misc_gcm(void)
{
    static const unsigned char key[16] = { 3 };
    unsigned char iv[12] = { 4 };
    unsigned char aad[13] = { 5 };
    unsigned char in[16] = { 6 };
    unsigned char out[16];
    unsigned char tag[16];
    int ret = 0;
    for (int dir = 0; dir < 2; dir++) {
        mbedtls_gcm_context gcm;
        mbedtls_gcm_init(&gcm);
        ret |= mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key, 128);
        ret |= mbedtls_gcm_crypt_and_tag(&gcm, MBEDTLS_GCM_ENCRYPT, sizeof(in), iv, sizeof(iv), aad,
                                         sizeof(aad), in, out, sizeof(tag), tag);
        if (dir == 1) {
            ret |= mbedtls_gcm_auth_decrypt(&gcm, sizeof(out), iv, sizeof(iv), aad, sizeof(aad),
                                            tag, sizeof(tag), out, in);
        }
        mbedtls_gcm_free(&gcm);
    }
    return ret;
}

static int p_misc(struct prim_ctx *c)
{
    unsigned char h[32];
    int ret = misc_hash(c, h);
    ret |= misc_prf(h);
    ret |= misc_gcm();
    return ret;
}

/* ---- not primitives: what reading credentials per connect adds ----------------------------- */

static int p_parse_key(struct prim_ctx *c)
{
    mbedtls_pk_context k;
    mbedtls_pk_init(&k);
    int ret = mbedtls_pk_parse_key(&k, c->in->client_key_der, c->in->client_key_der_len, NULL, 0);
    mbedtls_pk_free(&k);
    return ret;
}

static int p_sign_cold(struct prim_ctx *c)
{
    mbedtls_pk_context k;
    size_t len = 0;
    mbedtls_pk_init(&k);
    int ret = mbedtls_pk_parse_key(&k, c->in->client_key_der, c->in->client_key_der_len, NULL, 0);
    if (ret == 0) {
        ret = mbedtls_pk_sign(&k, MBEDTLS_MD_SHA256, c->hash, sizeof(c->hash), c->sig, &len,
                              mbedtls_ctr_drbg_random, c->in->drbg);
    }
    mbedtls_pk_free(&k);
    return ret;
}

static int p_parse_cert(struct prim_ctx *c)
{
    mbedtls_x509_crt crt;
    mbedtls_x509_crt_init(&crt);
    int ret = mbedtls_x509_crt_parse_der(&crt, c->in->leaf_der, c->in->leaf_der_len);
    mbedtls_x509_crt_free(&crt);
    return ret;
}

static int p_verify_cold(struct prim_ctx *c)
{
    mbedtls_x509_crt ca;
    mbedtls_x509_crt leaf;
    mbedtls_x509_crt_init(&ca);
    mbedtls_x509_crt_init(&leaf);
    int ret = mbedtls_x509_crt_parse_der(&ca, c->in->ca_der, c->in->ca_der_len);
    if (ret == 0) {
        ret = mbedtls_x509_crt_parse_der(&leaf, c->in->leaf_der, c->in->leaf_der_len);
    }
    if (ret == 0) {
        ret = cert_verify(&leaf, &ca);
    }
    mbedtls_x509_crt_free(&ca);
    mbedtls_x509_crt_free(&leaf);
    return ret;
}

static int p_check_pair(struct prim_ctx *c)
{
    mbedtls_pk_context *pub = (mbedtls_pk_context *)(uintptr_t)&c->in->client->pk;
    return mbedtls_pk_check_pair(pub, c->in->client_key);
}

static int os_entropy(void *ctx, unsigned char *buf, size_t len)
{
    (void)ctx;
    return getrandom(buf, len, 0) == (ssize_t)len ? 0 : -1;
}

/* A CTR_DRBG seeded from getrandom(), as slsim's TLS layer makes one per session. */
static int p_drbg_seed(struct prim_ctx *c)
{
    static const unsigned char pers[] = "bench";
    mbedtls_ctr_drbg_context d;
    (void)c;
    mbedtls_ctr_drbg_init(&d);
    int ret = mbedtls_ctr_drbg_seed(&d, os_entropy, NULL, pers, sizeof(pers) - 1u);
    mbedtls_ctr_drbg_free(&d);
    return ret;
}

/* ---- timing -------------------------------------------------------------------------------- */

/* The measurement of one primitive: one sample per round, the figure is the median. The
 * caller interleaves rounds with the other primitives and with the handshakes, so that a
 * burst of load on a shared host lands in one round of everything rather than in every round
 * of one figure. */
struct timing {
    unsigned long batch;         /**< calls between two reads of the CPU clock */
    unsigned long total;         /**< calls made in all rounds */
    struct bench_samples rounds; /**< microseconds per call, one sample per round */
};

/* The first call: warms the contexts (and checks the primitive works) and sizes the batch. */
static int warm_up(struct prim_ctx *c, prim_fn fn, struct timing *t)
{
    int64_t t0 = bench_cpu_ns();
    int ret = fn(c);
    double first_us = (double)(bench_cpu_ns() - t0) / 1e3;
    t->batch =
        first_us >= BATCH_TARGET || first_us <= 0 ? 1ul : (unsigned long)(BATCH_TARGET / first_us);
    return ret;
}

/* One round of round_s CPU seconds. */
static int one_round(struct prim_ctx *c, prim_fn fn, struct timing *t)
{
    unsigned long ops = 0;
    int ret = 0;
    int64_t start = bench_cpu_ns();
    int64_t limit = start + (int64_t)(c->in->round_s * 1e9);
    int64_t now = start;
    while (now < limit && ret == 0) {
        for (unsigned long i = 0; i < t->batch && ret == 0; i++) {
            ret = fn(c);
        }
        ops += t->batch;
        now = bench_cpu_ns();
    }
    t->total += ops;
    return ret != 0 ? ret
                    : bench_samples_add(&t->rounds, (double)(now - start) / 1e3 / (double)ops);
}

/* The client's ECDH context on @p curve with the server's ephemeral public value loaded, as
 * the client has it after reading ServerKeyExchange, and one key pair of its own. */
static int ecdh_pair(struct prim_ctx *c, mbedtls_ecdh_context *cli, mbedtls_ecp_group_id curve)
{
    mbedtls_ecdh_context srv;
    unsigned char pt[MBEDTLS_ECP_MAX_PT_LEN + 1];
    size_t olen = 0;
    mbedtls_ecdh_init(&srv);
    int ret = mbedtls_ecdh_setup(&srv, curve);
    ret = ret != 0 ? ret
                   : mbedtls_ecdh_make_public(&srv, &olen, pt, sizeof(pt), mbedtls_ctr_drbg_random,
                                              c->in->drbg);
    ret = ret != 0 ? ret : mbedtls_ecdh_setup(cli, curve);
    ret = ret != 0 ? ret : mbedtls_ecdh_read_public(cli, pt, olen);
    ret = ret != 0 ? ret : ecdh_keygen(c, cli); /* so that the shared secret works alone */
    mbedtls_ecdh_free(&srv);
    return ret;
}

static int setup(struct prim_ctx *c)
{
    const struct bench_prim_input *in = c->in;
    size_t tlen = in->transcript_bytes > 0 ? in->transcript_bytes : 1u;
    c->transcript = calloc(1, tlen);
    if (c->transcript == NULL || mbedtls_ctr_drbg_random(in->drbg, c->hash, sizeof(c->hash)) != 0) {
        return -1;
    }
    for (size_t i = 0; i < tlen; i++) {
        c->transcript[i] = (unsigned char)(i * 131u + 7u); /* content does not change the cost */
    }
    /* A real ServerKeyExchange-sized signature by the server's key. */
    if (mbedtls_pk_sign(in->server_key, MBEDTLS_MD_SHA256, c->hash, sizeof(c->hash), c->ske_sig,
                        &c->ske_sig_len, mbedtls_ctr_drbg_random, in->drbg) != 0) {
        return -1;
    }
    int ret = ecdh_pair(c, &c->ecdh, in->curve);
    return ret != 0 ? ret : ecdh_pair(c, &c->p256, MBEDTLS_ECP_DP_SECP256R1);
}

static const struct prim {
    const char *name;
    prim_fn fn;
} prims[] = {
    { "sign", p_sign },
    { "verify", p_verify },
    { "ske_verify", p_ske_verify },
    { "ecdhe", p_ecdhe },
    { "misc", p_misc },
    { "ecdh_keygen", p_ecdh_keygen },
    { "ecdh_shared", p_ecdh_shared },
    { "ecdhe_p256", p_ecdhe_p256 },
    { "parse_key", p_parse_key },
    { "sign_cold", p_sign_cold },
    { "parse_cert", p_parse_cert },
    { "verify_cold", p_verify_cold },
    { "check_pair", p_check_pair },
    { "drbg_seed", p_drbg_seed },
};

#define N_PRIMS (sizeof(prims) / sizeof(prims[0]))

struct bench_prims {
    struct bench_prim_input input;
    struct prim_ctx ctx;
    struct timing t[N_PRIMS];
    bool on[N_PRIMS]; /**< selected by input.only */
    int rounds;
};

/* Whether @p name is in the comma-separated list @p only (NULL: everything). */
static bool selected(const char *only, const char *name)
{
    size_t len = strlen(name);
    for (const char *p = only; p != NULL; p = strchr(p, ',') != NULL ? strchr(p, ',') + 1 : NULL) {
        if (strncmp(p, name, len) == 0 && (p[len] == ',' || p[len] == '\0')) {
            return true;
        }
    }
    return only == NULL;
}

static int fail_prim(const char *name, int ret)
{
    (void)fprintf(stderr, "bench_handshake: primitive %s failed (-0x%04x)\n", name,
                  (unsigned)(ret < 0 ? -ret : ret));
    return -1;
}

void bench_prims_free(struct bench_prims *p)
{
    if (p == NULL) {
        return;
    }
    for (size_t i = 0; i < N_PRIMS; i++) {
        bench_samples_free(&p->t[i].rounds);
    }
    mbedtls_ecdh_free(&p->ctx.ecdh);
    mbedtls_ecdh_free(&p->ctx.p256);
    free(p->ctx.transcript);
    free(p);
}

int bench_prims_new(const struct bench_prim_input *in, struct bench_prims **out)
{
    struct bench_prims *p = calloc(1, sizeof(*p));
    if (p == NULL) {
        return -1;
    }
    p->input = *in;
    p->ctx.in = &p->input;
    mbedtls_ecdh_init(&p->ctx.ecdh);
    mbedtls_ecdh_init(&p->ctx.p256);
    int ret = setup(&p->ctx);
    if (ret != 0) {
        (void)fprintf(stderr, "bench_handshake: cannot set up the primitives (-0x%04x)\n",
                      (unsigned)(ret < 0 ? -ret : ret));
    }
    for (size_t i = 0; i < N_PRIMS && ret == 0; i++) {
        p->on[i] = selected(in->only, prims[i].name);
        if (p->on[i] && warm_up(&p->ctx, prims[i].fn, &p->t[i]) != 0) {
            ret = fail_prim(prims[i].name, -1);
        }
    }
    if (ret != 0) {
        bench_prims_free(p);
        return -1;
    }
    *out = p;
    return 0;
}

int bench_prims_round(struct bench_prims *p)
{
    for (size_t i = 0; i < N_PRIMS; i++) {
        int ret = p->on[i] ? one_round(&p->ctx, prims[i].fn, &p->t[i]) : 0;
        if (ret != 0) {
            return fail_prim(prims[i].name, ret);
        }
    }
    p->rounds++;
    return 0;
}

static double us_of(const double *us, const char *name)
{
    for (size_t i = 0; i < N_PRIMS; i++) {
        if (strcmp(prims[i].name, name) == 0) {
            return us[i];
        }
    }
    return 0;
}

int bench_prims_report(const struct bench_prims *p)
{
    double us[N_PRIMS];
    for (size_t i = 0; i < N_PRIMS; i++) {
        struct bench_stats st;
        us[i] = 0;
        if (!p->on[i] || p->t[i].rounds.n == 0) {
            continue;
        }
        if (bench_stats_of(&p->t[i].rounds, &st) != 0) {
            return -1;
        }
        us[i] = st.median;
        char key[64];
        (void)snprintf(key, sizeof(key), "prim.%s.us", prims[i].name);
        bench_kv_f(key, st.median);
        (void)snprintf(key, sizeof(key), "prim.%s.ops", prims[i].name);
        bench_kv_u(key, p->t[i].total);
    }
    bench_kv_u("prim.rounds", (unsigned long)p->rounds);
    if (p->input.only == NULL && p->rounds > 0) {
        /* sign, chain verifies, the ServerKeyExchange verify, ECDHE, hashing/PRF/AES-GCM */
        double sum = us_of(us, "sign") + (double)p->input.chain_verifies * us_of(us, "verify") +
                     us_of(us, "ske_verify") + us_of(us, "ecdhe") + us_of(us, "misc");
        bench_kv_u("prim.chain_verifies", p->input.chain_verifies);
        bench_kv_f("prim.sum.us", sum);
    }
    return 0;
}
