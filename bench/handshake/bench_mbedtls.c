/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file bench_mbedtls.c
 * @brief `bench_handshake mbedtls`: the mbedTLS side of the handshake benchmark.
 *
 * 1. A probe handshake by a plain mbedTLS 2.28 client configured as slsim's TLS layer is
 *    (MBEDTLS_SSL_PRESET_DEFAULT, TLS 1.2, one suite, no tickets), with mbedTLS debug level 2
 *    on: which ECDHE curve the server chose, which hash signed ServerKeyExchange, how many
 *    certificates it sent, and the handshake's bytes (for the hashing part of the sum).
 * 2. N handshakes of that client with its credentials parsed once and verification on (the
 *    shape of Mbed TLS's ssl_client2 in a loop): mbedTLS's own cost per handshake, library
 *    included, for comparison.
 * 3. The primitives (bench_prims.c).
 *
 * The PKI directory holds DER files as `slsim pki issue` writes them: ca, client, client-key,
 * broker, broker-key.
 */
#include "bench_modes.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/debug.h>
#include <mbedtls/entropy.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/ssl.h>
#include <mbedtls/version.h>

#include "bench_prims.h"
#include "bench_util.h"

#define DEBUG_LEVEL 2 /* "ECDH curve: ..." and "Server used HashAlgorithm ..." */

/* One DER file of the PKI directory. */
struct blob {
    unsigned char *p;
    size_t len;
};

struct ref_client {
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_ssl_config conf;
    mbedtls_x509_crt ca;
    mbedtls_x509_crt client;
    mbedtls_x509_crt broker;
    mbedtls_pk_context key;
    mbedtls_pk_context broker_key;
    struct blob der_ca, der_client, der_key, der_broker, der_broker_key;
    int suites[2];
    char port[8];
    /* what the probe saw */
    char curve[32];
    int ske_hash;
    int ske_sig;
    size_t bytes_out;
    size_t bytes_in;
};

/* A blocking mbedTLS socket that counts its bytes. */
struct counted {
    mbedtls_net_context net;
    struct ref_client *r;
};

static int counted_send(void *ctx, const unsigned char *buf, size_t len)
{
    struct counted *c = ctx;
    int n = mbedtls_net_send(&c->net, buf, len);
    c->r->bytes_out += n > 0 ? (size_t)n : 0u;
    return n;
}

static int counted_recv(void *ctx, unsigned char *buf, size_t len)
{
    struct counted *c = ctx;
    int n = mbedtls_net_recv(&c->net, buf, len);
    c->r->bytes_in += n > 0 ? (size_t)n : 0u;
    return n;
}

static void probe_debug(void *ctx, int level, const char *file, int line, const char *str)
{
    struct ref_client *r = ctx;
    const char *p = NULL;
    (void)level;
    (void)file;
    (void)line;
    if ((p = strstr(str, "ECDH curve: ")) != NULL) {
        (void)snprintf(r->curve, sizeof(r->curve), "%s", p + strlen("ECDH curve: "));
        r->curve[strcspn(r->curve, "\r\n")] = '\0';
    } else if ((p = strstr(str, "Server used HashAlgorithm ")) != NULL) {
        r->ske_hash = atoi(p + strlen("Server used HashAlgorithm ")); /* NOLINT(cert-err34-c) */
    } else if ((p = strstr(str, "Server used SignatureAlgorithm ")) != NULL) {
        r->ske_sig = atoi(p + strlen("Server used SignatureAlgorithm ")); /* NOLINT */
    }
}

static int load(const char *dir, const char *name, struct blob *b)
{
    char path[1024];
    if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path)) {
        return -1;
    }
    return bench_read_file(path, &b->p, &b->len);
}

static int load_pki(struct ref_client *r, const char *dir)
{
    if (load(dir, "ca", &r->der_ca) != 0 || load(dir, "client", &r->der_client) != 0 ||
        load(dir, "client-key", &r->der_key) != 0 || load(dir, "broker", &r->der_broker) != 0 ||
        load(dir, "broker-key", &r->der_broker_key) != 0) {
        return -1;
    }
    int ret = mbedtls_x509_crt_parse_der(&r->ca, r->der_ca.p, r->der_ca.len);
    ret = ret != 0 ? ret : mbedtls_x509_crt_parse_der(&r->client, r->der_client.p, r->der_client.len);
    ret = ret != 0 ? ret : mbedtls_x509_crt_parse_der(&r->broker, r->der_broker.p, r->der_broker.len);
    ret = ret != 0 ? ret : mbedtls_pk_parse_key(&r->key, r->der_key.p, r->der_key.len, NULL, 0);
    ret = ret != 0 ? ret
                   : mbedtls_pk_parse_key(&r->broker_key, r->der_broker_key.p,
                                          r->der_broker_key.len, NULL, 0);
    if (ret != 0) {
        (void)fprintf(stderr, "bench_handshake: cannot parse the PKI in '%s' (-0x%04x)\n", dir,
                      (unsigned)-ret);
        return -1;
    }
    return 0;
}

static int setup_conf(struct ref_client *r, int suite)
{
    static const unsigned char pers[] = "bench_handshake";
    int ret = mbedtls_ctr_drbg_seed(&r->drbg, mbedtls_entropy_func, &r->entropy, pers,
                                    sizeof(pers) - 1u);
    ret = ret != 0 ? ret
                   : mbedtls_ssl_config_defaults(&r->conf, MBEDTLS_SSL_IS_CLIENT,
                                                 MBEDTLS_SSL_TRANSPORT_STREAM,
                                                 MBEDTLS_SSL_PRESET_DEFAULT);
    if (ret != 0) {
        return ret;
    }
    mbedtls_ssl_conf_rng(&r->conf, mbedtls_ctr_drbg_random, &r->drbg);
    mbedtls_ssl_conf_min_version(&r->conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_max_version(&r->conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_session_tickets(&r->conf, MBEDTLS_SSL_SESSION_TICKETS_DISABLED);
    r->suites[0] = suite;
    r->suites[1] = 0;
    mbedtls_ssl_conf_ciphersuites(&r->conf, r->suites);
    mbedtls_ssl_conf_authmode(&r->conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(&r->conf, &r->ca, NULL);
    return mbedtls_ssl_conf_own_cert(&r->conf, &r->client, &r->key);
}

/* Certificates the server sent that are not the anchor itself: each costs a signature check. */
static unsigned chain_verifies(const struct ref_client *r, const mbedtls_x509_crt *peer,
                               unsigned *sent)
{
    unsigned n = 0;
    *sent = 0;
    for (const mbedtls_x509_crt *c = peer; c != NULL && c->raw.p != NULL; c = c->next) {
        (*sent)++;
        bool anchor = c->raw.len == r->ca.raw.len && memcmp(c->raw.p, r->ca.raw.p, c->raw.len) == 0;
        n += anchor ? 0u : 1u;
    }
    return n;
}

static void report_probe(const struct ref_client *r, const mbedtls_ssl_context *ssl)
{
    unsigned sent = 0;
    unsigned verifies = chain_verifies(r, mbedtls_ssl_get_peer_cert(ssl), &sent);
    bench_kv_s("probe.version", mbedtls_ssl_get_version(ssl));
    bench_kv_s("probe.suite", mbedtls_ssl_get_ciphersuite(ssl));
    bench_kv_s("probe.curve", r->curve[0] != '\0' ? r->curve : "unknown");
    bench_kv_u("probe.ske_hash_id", (unsigned long)r->ske_hash);
    bench_kv_u("probe.ske_sig_id", (unsigned long)r->ske_sig);
    bench_kv_u("probe.peer_certs", sent);
    bench_kv_u("probe.chain_verifies", verifies);
    bench_kv_u("probe.bytes_out", (unsigned long)r->bytes_out);
    bench_kv_u("probe.bytes_in", (unsigned long)r->bytes_in);
}

/* One connect, handshake, close_notify. 0 or an mbedTLS code (message printed). */
static int one_handshake(struct ref_client *r, bool probe)
{
    struct counted io;
    mbedtls_ssl_context ssl;
    mbedtls_net_init(&io.net);
    io.r = r;
    mbedtls_ssl_init(&ssl);
    int ret = mbedtls_net_connect(&io.net, "127.0.0.1", r->port, MBEDTLS_NET_PROTO_TCP);
    if (ret == 0) {
        int one = 1; /* as slsim's TLS layer does (no Nagle wait between records) */
        (void)setsockopt(io.net.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        ret = mbedtls_ssl_setup(&ssl, &r->conf);
    }
    ret = ret != 0 ? ret : mbedtls_ssl_set_hostname(&ssl, "localhost");
    if (ret == 0) {
        mbedtls_ssl_set_bio(&ssl, &io, counted_send, counted_recv, NULL);
        do {
            ret = mbedtls_ssl_handshake(&ssl);
        } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
    }
    if (ret == 0 && mbedtls_ssl_get_verify_result(&ssl) != 0) {
        ret = MBEDTLS_ERR_X509_CERT_VERIFY_FAILED;
    }
    if (ret == 0 && probe) {
        report_probe(r, &ssl);
    }
    if (ret == 0) {
        (void)mbedtls_ssl_close_notify(&ssl);
    } else {
        char text[120];
        mbedtls_strerror(ret, text, sizeof(text));
        (void)fprintf(stderr, "bench_handshake: mbedTLS handshake: -0x%04x %s\n", (unsigned)-ret,
                      text);
    }
    mbedtls_ssl_free(&ssl);
    mbedtls_net_free(&io.net);
    return ret;
}

static int probe(struct ref_client *r)
{
    mbedtls_ssl_conf_dbg(&r->conf, probe_debug, r);
    mbedtls_debug_set_threshold(DEBUG_LEVEL);
    r->bytes_out = 0;
    r->bytes_in = 0;
    int ret = one_handshake(r, true);
    mbedtls_debug_set_threshold(0);
    mbedtls_ssl_conf_dbg(&r->conf, NULL, NULL);
    return ret;
}

static int ref_loop(struct ref_client *r, unsigned long count)
{
    struct bench_samples cpu;
    struct bench_samples wall;
    memset(&cpu, 0, sizeof(cpu));
    memset(&wall, 0, sizeof(wall));
    int ret = 0;
    for (unsigned long i = 0; i < count && ret == 0; i++) {
        int64_t c0 = bench_cpu_ns();
        int64_t w0 = bench_wall_ns();
        ret = one_handshake(r, false);
        int64_t c1 = bench_cpu_ns();
        int64_t w1 = bench_wall_ns();
        if (ret == 0) {
            ret = bench_samples_add(&cpu, (double)(c1 - c0) / 1e6) |
                  bench_samples_add(&wall, (double)(w1 - w0) / 1e6);
        }
    }
    struct bench_stats sc;
    struct bench_stats sw;
    if (ret == 0 && bench_stats_of(&cpu, &sc) == 0 && bench_stats_of(&wall, &sw) == 0) {
        bench_kv_stats("ref.cpu_ms", &sc);
        bench_kv_stats("ref.wall_ms", &sw);
    } else {
        ret = ret != 0 ? ret : -1;
    }
    bench_samples_free(&cpu);
    bench_samples_free(&wall);
    return ret;
}

static void ref_init(struct ref_client *r)
{
    memset(r, 0, sizeof(*r));
    mbedtls_entropy_init(&r->entropy);
    mbedtls_ctr_drbg_init(&r->drbg);
    mbedtls_ssl_config_init(&r->conf);
    mbedtls_x509_crt_init(&r->ca);
    mbedtls_x509_crt_init(&r->client);
    mbedtls_x509_crt_init(&r->broker);
    mbedtls_pk_init(&r->key);
    mbedtls_pk_init(&r->broker_key);
}

static void ref_free(struct ref_client *r)
{
    mbedtls_ssl_config_free(&r->conf);
    mbedtls_ctr_drbg_free(&r->drbg);
    mbedtls_entropy_free(&r->entropy);
    mbedtls_x509_crt_free(&r->ca);
    mbedtls_x509_crt_free(&r->client);
    mbedtls_x509_crt_free(&r->broker);
    mbedtls_pk_free(&r->key);
    mbedtls_pk_free(&r->broker_key);
    free(r->der_ca.p);
    free(r->der_client.p);
    free(r->der_key.p);
    free(r->der_broker.p);
    free(r->der_broker_key.p);
}

static int run_prims(struct ref_client *r, double round_s)
{
    const mbedtls_ecp_curve_info *ci = mbedtls_ecp_curve_info_from_name(r->curve);
    if (ci == NULL) {
        (void)fprintf(stderr, "bench_handshake: unknown ECDHE curve '%s'\n", r->curve);
        return -1;
    }
    unsigned sent = 0;
    struct bench_prim_input in = {
        .drbg = &r->drbg,
        .ca = &r->ca,
        .leaf = &r->broker,
        .client = &r->client,
        .client_key = &r->key,
        .server_key = &r->broker_key,
        .client_key_der = r->der_key.p,
        .client_key_der_len = r->der_key.len,
        .ca_der = r->der_ca.p,
        .ca_der_len = r->der_ca.len,
        .leaf_der = r->der_broker.p,
        .leaf_der_len = r->der_broker.len,
        .curve = ci->grp_id,
        /* ClientHello and ServerHello: about 250 bytes each with mbedTLS's extensions */
        .hello_bytes = 500,
        .transcript_bytes = r->bytes_out + r->bytes_in,
        .chain_verifies = 1,
        .round_s = round_s,
    };
    /* Every certificate sent that is not the anchor is checked once against its issuer; with
     * the leaf alone that is one verify (leaf by the CA file's key). */
    mbedtls_x509_crt leaf_only = r->broker;
    leaf_only.next = NULL;
    in.chain_verifies = chain_verifies(r, &leaf_only, &sent);
    return bench_prims_run(&in);
}

int bench_mbedtls_main(int argc, char **argv)
{
    unsigned long port = 0;
    unsigned long count = 0;
    double round_s = 0;
    const char *pki = bench_opt(argc, argv, 3, "--pki", NULL);
    const char *suite = bench_opt(argc, argv, 3, "--suite", "rsa");
    int suite_id = strcmp(suite, "rsa") == 0     ? MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
                   : strcmp(suite, "ecdsa") == 0 ? MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
                                                 : 0;
    if (argc < 3 || bench_parse_ulong(argv[2], 1, 65535, &port) != 0 || pki == NULL ||
        suite_id == 0 ||
        bench_parse_ulong(bench_opt(argc, argv, 3, "--count", "200"), 1, 1000000, &count) != 0 ||
        bench_parse_seconds(bench_opt(argc, argv, 3, "--round-s", "0.2"), &round_s) != 0) {
        (void)fprintf(stderr, "usage: bench_handshake mbedtls PORT --pki DIR [--count N] "
                              "[--suite rsa|ecdsa] [--round-s S]\n");
        return 2;
    }
    struct ref_client *r = malloc(sizeof(*r));
    if (r == NULL) {
        return 1;
    }
    ref_init(r);
    (void)snprintf(r->port, sizeof(r->port), "%lu", port);
    int ret = load_pki(r, pki);
    ret = ret != 0 ? ret : setup_conf(r, suite_id);
    if (ret == 0) {
        bench_kv_s("mbedtls.version", MBEDTLS_VERSION_STRING);
        ret = probe(r);
    }
    ret = ret != 0 ? ret : ref_loop(r, count);
    ret = ret != 0 ? ret : run_prims(r, round_s);
    ref_free(r);
    free(r);
    return ret == 0 ? 0 : 1;
}
