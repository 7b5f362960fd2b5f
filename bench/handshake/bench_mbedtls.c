/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file bench_mbedtls.c
 * @brief The mbedTLS side of the handshake benchmark: a plain mbedTLS 2.28 client configured
 *        as slsim's TLS layer is (MBEDTLS_SSL_PRESET_DEFAULT, TLS 1.2, one suite, no tickets).
 *
 * - The probe: one handshake with mbedTLS debug level 2 on tells which ECDHE curve the server
 *   chose, which hash signed ServerKeyExchange, how many certificates it sent, and the bytes of
 *   the handshake (the hashing part of the primitive sum): what the primitives must be.
 * - The reference figure: handshakes of that client with its credentials parsed once and
 *   verification on (the shape of Mbed TLS's ssl_client2 in a loop), i.e. mbedTLS's own cost
 *   per handshake, library included.
 */
#include "bench_ref.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/debug.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/ssl.h>
#include <mbedtls/version.h>

#include "bench_util.h"

#define DEBUG_LEVEL 2 /* "ECDH curve: ..." and "Server used HashAlgorithm ..." */

/* One DER file of the PKI directory. */
struct blob {
    unsigned char *p;
    size_t len;
};

struct bench_ref {
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
    size_t bytes_out; /**< counted by the bio on every handshake */
    size_t bytes_in;
    size_t probe_bytes; /**< both directions of the probe handshake */
    unsigned verifies;  /**< chain signatures a verifying client checks */
    bool probed;
    struct bench_samples cpu;  /**< ms per timed handshake */
    struct bench_samples wall; /**< ms per timed handshake */
};

/* A blocking mbedTLS socket that counts its bytes. */
struct counted {
    mbedtls_net_context net;
    struct bench_ref *r;
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
    struct bench_ref *r = ctx;
    const char *p = NULL;
    (void)level;
    (void)file;
    (void)line;
    if ((p = strstr(str, "ECDH curve: ")) != NULL) {
        (void)snprintf(r->curve, sizeof(r->curve), "%s", p + strlen("ECDH curve: "));
        r->curve[strcspn(r->curve, "\r\n")] = '\0';
    } else if ((p = strstr(str, "Server used HashAlgorithm ")) != NULL) {
        r->ske_hash = (int)strtol(p + strlen("Server used HashAlgorithm "), NULL, 10);
    } else if ((p = strstr(str, "Server used SignatureAlgorithm ")) != NULL) {
        r->ske_sig = (int)strtol(p + strlen("Server used SignatureAlgorithm "), NULL, 10);
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

static int load_pki(struct bench_ref *r, const char *dir)
{
    if (load(dir, "ca", &r->der_ca) != 0 || load(dir, "client", &r->der_client) != 0 ||
        load(dir, "client-key", &r->der_key) != 0 || load(dir, "broker", &r->der_broker) != 0 ||
        load(dir, "broker-key", &r->der_broker_key) != 0) {
        return -1;
    }
    int ret = mbedtls_x509_crt_parse_der(&r->ca, r->der_ca.p, r->der_ca.len);
    ret =
        ret != 0 ? ret : mbedtls_x509_crt_parse_der(&r->client, r->der_client.p, r->der_client.len);
    ret =
        ret != 0 ? ret : mbedtls_x509_crt_parse_der(&r->broker, r->der_broker.p, r->der_broker.len);
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

static int setup_conf(struct bench_ref *r, int suite)
{
    static const unsigned char pers[] = "bench_handshake";
    int ret =
        mbedtls_ctr_drbg_seed(&r->drbg, mbedtls_entropy_func, &r->entropy, pers, sizeof(pers) - 1u);
    ret = ret != 0 ? ret
                   : mbedtls_ssl_config_defaults(&r->conf, MBEDTLS_SSL_IS_CLIENT,
                                                 MBEDTLS_SSL_TRANSPORT_STREAM,
                                                 MBEDTLS_SSL_PRESET_DEFAULT);
    if (ret != 0) {
        return ret;
    }
    mbedtls_ssl_conf_rng(&r->conf, mbedtls_ctr_drbg_random, &r->drbg);
    mbedtls_ssl_conf_min_version(&r->conf, MBEDTLS_SSL_MAJOR_VERSION_3,
                                 MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_max_version(&r->conf, MBEDTLS_SSL_MAJOR_VERSION_3,
                                 MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_session_tickets(&r->conf, MBEDTLS_SSL_SESSION_TICKETS_DISABLED);
    r->suites[0] = suite;
    r->suites[1] = 0;
    mbedtls_ssl_conf_ciphersuites(&r->conf, r->suites);
    mbedtls_ssl_conf_authmode(&r->conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(&r->conf, &r->ca, NULL);
    return mbedtls_ssl_conf_own_cert(&r->conf, &r->client, &r->key);
}

/* Certificates the server sent that are not the anchor itself: each costs a signature check. */
static unsigned
chain_verifies(const struct bench_ref *r, const mbedtls_x509_crt *peer, unsigned *sent)
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

static void report_probe(struct bench_ref *r, const mbedtls_ssl_context *ssl)
{
    unsigned sent = 0;
    unsigned verifies = chain_verifies(r, mbedtls_ssl_get_peer_cert(ssl), &sent);
    r->verifies = verifies;
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
static int one_handshake(struct bench_ref *r, bool probe)
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

int bench_ref_probe(struct bench_ref *r)
{
    bench_kv_s("mbedtls.version", MBEDTLS_VERSION_STRING);
    mbedtls_ssl_conf_dbg(&r->conf, probe_debug, r);
    mbedtls_debug_set_threshold(DEBUG_LEVEL);
    r->bytes_out = 0;
    r->bytes_in = 0;
    int ret = one_handshake(r, true);
    r->probe_bytes = r->bytes_out + r->bytes_in;
    mbedtls_debug_set_threshold(0);
    mbedtls_ssl_conf_dbg(&r->conf, NULL, NULL);
    r->probed = ret == 0;
    return ret == 0 ? 0 : -1;
}

int bench_ref_batch(struct bench_ref *r, unsigned long n, bool timed)
{
    for (unsigned long i = 0; i < n; i++) {
        int64_t c0 = bench_cpu_ns();
        int64_t w0 = bench_wall_ns();
        if (one_handshake(r, false) != 0) {
            return -1;
        }
        int64_t c1 = bench_cpu_ns();
        int64_t w1 = bench_wall_ns();
        if (timed && (bench_samples_add(&r->cpu, (double)(c1 - c0) / 1e6) != 0 ||
                      bench_samples_add(&r->wall, (double)(w1 - w0) / 1e6) != 0)) {
            return -1;
        }
    }
    return 0;
}

void bench_ref_report(const struct bench_ref *r)
{
    struct bench_stats sc;
    struct bench_stats sw;
    if (bench_stats_of(&r->cpu, &sc) == 0 && bench_stats_of(&r->wall, &sw) == 0) {
        bench_kv_stats("ref.cpu_ms", &sc);
        bench_kv_stats("ref.wall_ms", &sw);
    }
}

static void ref_init(struct bench_ref *r)
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

void bench_ref_free(struct bench_ref *r)
{
    if (r == NULL) {
        return;
    }
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
    bench_samples_free(&r->cpu);
    bench_samples_free(&r->wall);
    free(r);
}

int bench_ref_prim_input(struct bench_ref *r, struct bench_prim_input *in)
{
    const mbedtls_ecp_curve_info *ci = mbedtls_ecp_curve_info_from_name(r->curve);
    memset(in, 0, sizeof(*in));
    if (!r->probed || ci == NULL) {
        (void)fprintf(stderr, "bench_handshake: no probe, or unknown ECDHE curve '%s'\n", r->curve);
        return -1;
    }
    in->drbg = &r->drbg;
    in->ca = &r->ca;
    in->leaf = &r->broker;
    in->client = &r->client;
    in->client_key = &r->key;
    in->server_key = &r->broker_key;
    in->client_key_der = r->der_key.p;
    in->client_key_der_len = r->der_key.len;
    in->ca_der = r->der_ca.p;
    in->ca_der_len = r->der_ca.len;
    in->leaf_der = r->der_broker.p;
    in->leaf_der_len = r->der_broker.len;
    in->curve = ci->grp_id;
    in->hello_bytes = 500; /* ClientHello + ServerHello: about 250 bytes each */
    in->transcript_bytes = r->probe_bytes;
    /* every certificate sent that is not the anchor is checked once against its issuer */
    in->chain_verifies = r->verifies;
    return 0;
}

int bench_ref_new(const char *pki, uint16_t port, bool ecdsa, struct bench_ref **out)
{
    struct bench_ref *r = malloc(sizeof(*r));
    if (r == NULL) {
        return -1;
    }
    ref_init(r);
    (void)snprintf(r->port, sizeof(r->port), "%u", (unsigned)port);
    int ret = load_pki(r, pki);
    ret = ret != 0 ? ret
                   : setup_conf(r, ecdsa ? MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
                                         : MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
    if (ret != 0) {
        (void)fprintf(stderr, "bench_handshake: cannot configure the mbedTLS client (-0x%04x)\n",
                      (unsigned)(ret < 0 ? -ret : ret));
        bench_ref_free(r);
        return -1;
    }
    *out = r;
    return 0;
}
