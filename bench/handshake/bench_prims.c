/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file bench_prims.c
 * @brief Measures, with mbedTLS 2.28 alone, each cryptographic operation a TLS 1.2 client does
 *        in one ECDHE handshake with client authentication, so that run.sh can set the client
 *        CPU of slsim's handshake against their sum (DESIGN.md "Performance targets").
 *
 * Each primitive is timed like mbedTLS's own programs/test/benchmark.c does it: warm contexts
 * (key parsed once, the Montgomery constants and RSA blinding values already computed), the
 * process CPU clock, many operations per round; the figure is the median of 5 rounds. The
 * "cold" variants (a freshly parsed key or certificate per operation, as a client that reads
 * its credentials from files at each connect must do) and the parse costs are printed beside
 * them; they are not primitives and are not in the sum.
 */
#include "bench_prims.h"

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

#define ROUNDS       5
#define BATCH_TARGET 2000.0 /* microseconds of work between two reads of the CPU clock */

struct prim_ctx {
    const struct bench_prim_input *in;
    unsigned char hash[32];
    unsigned char sig[MBEDTLS_PK_SIGNATURE_MAX_SIZE];
    unsigned char ske_sig[MBEDTLS_PK_SIGNATURE_MAX_SIZE];
    size_t ske_sig_len;
    mbedtls_ecdh_context ecdh; /**< the client's side; the server's public value is loaded */
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

static int p_ecdh_keygen(struct prim_ctx *c)
{
    unsigned char buf[MBEDTLS_ECP_MAX_PT_LEN + 1];
    size_t olen = 0;
    return mbedtls_ecdh_make_public(&c->ecdh, &olen, buf, sizeof(buf), mbedtls_ctr_drbg_random,
                                    c->in->drbg);
}

static int p_ecdh_shared(struct prim_ctx *c)
{
    unsigned char buf[MBEDTLS_ECP_MAX_BYTES];
    size_t olen = 0;
    return mbedtls_ecdh_calc_secret(&c->ecdh, &olen, buf, sizeof(buf), mbedtls_ctr_drbg_random,
                                    c->in->drbg);
}

static int p_ecdhe(struct prim_ctx *c)
{
    int ret = p_ecdh_keygen(c);
    return ret == 0 ? p_ecdh_shared(c) : ret;
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
    int ret = mbedtls_ssl_tls_prf(MBEDTLS_SSL_TLS_PRF_SHA256, pms, sizeof(pms),
                                  "extended master secret", session_hash, 32, master,
                                  sizeof(master));
    ret |= mbedtls_ssl_tls_prf(MBEDTLS_SSL_TLS_PRF_SHA256, master, sizeof(master),
                               "key expansion", randbytes, sizeof(randbytes), keyblk,
                               sizeof(keyblk));
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
        ret |= mbedtls_gcm_crypt_and_tag(&gcm, MBEDTLS_GCM_ENCRYPT, sizeof(in), iv, sizeof(iv),
                                         aad, sizeof(aad), in, out, sizeof(tag), tag);
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

/* Microseconds per call of @p fn: the median of ROUNDS rounds of round_s CPU seconds. */
static int measure(struct prim_ctx *c, const char *name, prim_fn fn, double *us)
{
    int64_t t0 = bench_cpu_ns();
    if (fn(c) != 0) { /* warm-up, and the size of a batch */
        (void)fprintf(stderr, "bench_handshake: primitive %s failed\n", name);
        return -1;
    }
    double first_us = (double)(bench_cpu_ns() - t0) / 1e3;
    unsigned long batch = first_us >= BATCH_TARGET ? 1ul : (unsigned long)(BATCH_TARGET / first_us);
    struct bench_samples rounds;
    memset(&rounds, 0, sizeof(rounds));
    unsigned long total = 0;
    int ret = 0;
    for (int r = 0; r < ROUNDS && ret == 0; r++) {
        unsigned long ops = 0;
        int64_t start = bench_cpu_ns();
        int64_t limit = start + (int64_t)(c->in->round_s * 1e9);
        int64_t now = start;
        while (now < limit && ret == 0) {
            for (unsigned long i = 0; i < batch && ret == 0; i++) {
                ret = fn(c);
            }
            ops += batch;
            now = bench_cpu_ns();
        }
        total += ops;
        ret = ret != 0 ? ret : bench_samples_add(&rounds, (double)(now - start) / 1e3 / (double)ops);
    }
    struct bench_stats st;
    if (ret != 0 || bench_stats_of(&rounds, &st) != 0) {
        (void)fprintf(stderr, "bench_handshake: primitive %s failed (-0x%04x)\n", name,
                      (unsigned)(ret < 0 ? -ret : ret));
        bench_samples_free(&rounds);
        return -1;
    }
    bench_samples_free(&rounds);
    *us = st.median;
    char key[64];
    (void)snprintf(key, sizeof(key), "prim.%s.us", name);
    bench_kv_f(key, st.median);
    (void)snprintf(key, sizeof(key), "prim.%s.ops", name);
    bench_kv_u(key, total);
    return 0;
}

static int setup(struct prim_ctx *c, const struct bench_prim_input *in)
{
    memset(c, 0, sizeof(*c));
    c->in = in;
    mbedtls_ecdh_init(&c->ecdh);
    size_t tlen = in->transcript_bytes > 0 ? in->transcript_bytes : 1u;
    c->transcript = calloc(1, tlen);
    if (c->transcript == NULL ||
        mbedtls_ctr_drbg_random(in->drbg, c->hash, sizeof(c->hash)) != 0 ||
        mbedtls_ctr_drbg_random(in->drbg, c->transcript, tlen) != 0) {
        return -1;
    }
    /* A real ServerKeyExchange-sized signature by the server's key. */
    if (mbedtls_pk_sign(in->server_key, MBEDTLS_MD_SHA256, c->hash, sizeof(c->hash), c->ske_sig,
                        &c->ske_sig_len, mbedtls_ctr_drbg_random, in->drbg) != 0) {
        return -1;
    }
    /* The server's ephemeral public value, read by the client as from ServerKeyExchange. */
    mbedtls_ecdh_context srv;
    unsigned char pt[MBEDTLS_ECP_MAX_PT_LEN + 1];
    size_t olen = 0;
    mbedtls_ecdh_init(&srv);
    int ret = mbedtls_ecdh_setup(&srv, in->curve);
    ret = ret != 0 ? ret
                   : mbedtls_ecdh_make_public(&srv, &olen, pt, sizeof(pt), mbedtls_ctr_drbg_random,
                                              in->drbg);
    ret = ret != 0 ? ret : mbedtls_ecdh_setup(&c->ecdh, in->curve);
    ret = ret != 0 ? ret : mbedtls_ecdh_read_public(&c->ecdh, pt, olen);
    mbedtls_ecdh_free(&srv);
    return ret;
}

static const struct prim {
    const char *name;
    prim_fn fn;
} prims[] = {
    { "sign", p_sign },
    { "verify", p_verify },
    { "ske_verify", p_ske_verify },
    { "ecdhe", p_ecdhe },
    { "ecdh_keygen", p_ecdh_keygen },
    { "ecdh_shared", p_ecdh_shared },
    { "misc", p_misc },
    { "parse_key", p_parse_key },
    { "sign_cold", p_sign_cold },
    { "parse_cert", p_parse_cert },
    { "verify_cold", p_verify_cold },
    { "check_pair", p_check_pair },
    { "drbg_seed", p_drbg_seed },
};

#define N_PRIMS (sizeof(prims) / sizeof(prims[0]))

int bench_prims_run(const struct bench_prim_input *in)
{
    struct prim_ctx *c = calloc(1, sizeof(*c));
    double us[N_PRIMS];
    int ret = c != NULL ? setup(c, in) : -1;
    if (ret != 0) {
        (void)fprintf(stderr, "bench_handshake: cannot set up the primitives (-0x%04x)\n",
                      (unsigned)(ret < 0 ? -ret : ret));
    }
    for (size_t i = 0; i < N_PRIMS && ret == 0; i++) {
        ret = measure(c, prims[i].name, prims[i].fn, &us[i]);
    }
    if (ret == 0) {
        /* sign, chain verifies, the ServerKeyExchange verify, ECDHE, hashing/PRF/AES-GCM */
        double sum = us[0] + (double)in->chain_verifies * us[1] + us[2] + us[3] + us[6];
        bench_kv_u("prim.chain_verifies", in->chain_verifies);
        bench_kv_f("prim.sum.us", sum);
    }
    if (c != NULL) {
        mbedtls_ecdh_free(&c->ecdh);
        free(c->transcript);
        free(c);
    }
    return ret == 0 ? 0 : -1;
}
