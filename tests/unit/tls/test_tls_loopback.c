/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_tls_loopback.c
 * @brief slsim's TLS server mode against slsim's client, both in this process over a loopback
 *        TCP pair and driven by one poll loop (label unit): client certificates, RC4, data,
 *        close_notify, alerts, a forged record, flight coalescing, a full kernel buffer.
 *
 * Linked with -Wl,--wrap=send: __wrap_send counts the send() calls and TLS records of the
 * handshake, so the flight coalescing is measured, not assumed.
 */
#include "tls/tls.h"

#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include <cmocka.h>

#include "tls_test_util.h"

#include "core/banned.h"

/* ---- send() accounting ---------------------------------------------------------------------- */

/* The names ld's --wrap defines. NOLINTBEGIN(bugprone-reserved-identifier) */
ssize_t __real_send(int fd, const void *buf, size_t len, int flags);
ssize_t __wrap_send(int fd, const void *buf, size_t len, int flags);

static struct {
    unsigned calls;
    unsigned records; /* record headers at the start of each send() and chained after it */
} sent;

ssize_t __wrap_send(int fd, const void *buf, size_t len, int flags)
{
    ssize_t n = __real_send(fd, buf, len, flags);
    if (n > 0) {
        sent.calls++;
        /* Count records whose header lies in this chunk (chunks start at records here). */
        const uint8_t *p = buf;
        for (size_t off = 0; off + 5 <= (size_t)n;) {
            sent.records++;
            off += 5u + (((size_t)p[off + 3] << 8) | p[off + 4]);
        }
    }
    return n;
}
/* NOLINTEND(bugprone-reserved-identifier) */

/* ---- fixture -------------------------------------------------------------------------------- */

struct fx {
    struct tt_end c;
    struct tt_end s;
    uint8_t *files[8];
    size_t nfiles;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    tt_pair(&f->c.fd, &f->s.fd);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    slsim_tls_free(f->c.t);
    slsim_tls_free(f->s.t);
    (void)close(f->c.fd);
    (void)close(f->s.fd);
    for (size_t i = 0; i < f->nfiles; i++) {
        free(f->files[i]);
    }
    free(f);
    return 0;
}

static const uint8_t *file(struct fx *f, const char *name, size_t *len)
{
    assert_true(f->nfiles < sizeof(f->files) / sizeof(f->files[0]));
    f->files[f->nfiles] = tt_file(name, len);
    return f->files[f->nfiles++];
}

/* server.pem + @p extra copies of inter.pem, as one PEM chain. */
static const uint8_t *server_chain(struct fx *f, unsigned extra, size_t *len)
{
    size_t leaf_len;
    size_t inter_len;
    const uint8_t *leaf = file(f, "server.pem", &leaf_len);
    const uint8_t *inter = file(f, "inter.pem", &inter_len);
    uint8_t *chain = malloc(leaf_len + extra * inter_len);
    assert_non_null(chain);
    memcpy(chain, leaf, leaf_len);
    for (unsigned i = 0; i < extra; i++) {
        memcpy(chain + leaf_len + i * inter_len, inter, inter_len);
    }
    f->files[f->nfiles++] = chain;
    *len = leaf_len + extra * inter_len;
    return chain;
}

static struct slsim_tls_config server_cfg(struct fx *f, unsigned extra)
{
    struct slsim_tls_config cfg = tt_client_cfg();
    cfg.server = true;
    cfg.own_cert = server_chain(f, extra, &cfg.own_cert_len);
    cfg.own_key = file(f, "server.key", &cfg.own_key_len);
    return cfg;
}

static void with_client_cert(struct fx *f, struct slsim_tls_config *cfg)
{
    cfg->own_cert = file(f, "client.pem", &cfg->own_cert_len);
    cfg->own_key = file(f, "client.key", &cfg->own_key_len);
}

static void
create(struct fx *f, const struct slsim_tls_config *client, const struct slsim_tls_config *server)
{
    struct slsim_diag d;
    assert_int_equal(slsim_tls_new(client, f->c.fd, &f->c.t, &d), 0);
    assert_int_equal(slsim_tls_new(server, f->s.fd, &f->s.t, &d), 0);
}

static void connect_pair(struct fx *f,
                         const struct slsim_tls_config *client,
                         const struct slsim_tls_config *server)
{
    create(f, client, server);
    tt_drive_pair(&f->c, &f->s, 5000);
    assert_int_equal(f->c.r, SLSIM_TLS_OK);
    assert_int_equal(f->s.r, SLSIM_TLS_OK);
}

static bool same_file(const uint8_t *der, size_t len, const char *name)
{
    size_t flen;
    uint8_t *data = tt_file(name, &flen);
    bool same = flen == len && memcmp(data, der, len) == 0;
    free(data);
    return same;
}

/* ---- handshakes ----------------------------------------------------------------------------- */

static void test_server__chain_alpn_info(void **state)
{
    struct fx *f = *state;
    static const char *const server_alpn[] = { "h2", "http/1.1", NULL };
    static const char *const client_alpn[] = { "http/1.1", "h2-16", NULL };
    struct slsim_tls_config s = server_cfg(f, 1);
    struct slsim_tls_config c = tt_client_cfg();
    s.alpn = server_alpn;
    c.alpn = client_alpn;
    c.sni = "not-the-cert-name.example"; /* sent, but no host-name check: src/trust decides */
    connect_pair(f, &c, &s);

    const uint8_t *der[4];
    size_t len[4];
    assert_int_equal(slsim_tls_peer_chain(f->c.t, der, len, 4), 2);
    assert_true(same_file(der[0], len[0], "server.der"));
    assert_true(same_file(der[1], len[1], "inter.der"));
    assert_int_equal(slsim_tls_peer_chain(f->s.t, der, len, 4), 0); /* no client cert */

    struct slsim_tls_info ci;
    struct slsim_tls_info si;
    slsim_tls_get_info(f->c.t, &ci);
    slsim_tls_get_info(f->s.t, &si);
    assert_int_equal(ci.version, SLSIM_TLS_V1_2);
    assert_int_equal(ci.suite, si.suite);
    assert_string_equal(ci.suite_name, si.suite_name);
    assert_string_equal(ci.alpn, "http/1.1");
    assert_string_equal(si.alpn, "http/1.1");
    /* A second handshake call after success is a no-op. */
    assert_int_equal(slsim_tls_handshake(f->c.t, NULL, NULL), SLSIM_TLS_OK);
}

static void test_server__client_cert_verified(void **state)
{
    struct fx *f = *state;
    struct slsim_tls_config s = server_cfg(f, 1);
    struct slsim_tls_config c = tt_client_cfg();
    s.ca = file(f, "ca.pem", &s.ca_len);
    with_client_cert(f, &c);
    connect_pair(f, &c, &s);
    const uint8_t *der[2];
    size_t len[2];
    assert_int_equal(slsim_tls_peer_chain(f->s.t, der, len, 2), 1);
    assert_true(same_file(der[0], len[0], "client.der"));
}

/* Parsed credentials shared by two sessions, one after the other (the reference the sessions
 * take keeps them alive after the creator drops its own; the server's creds carry the CA). */
static void test_creds__shared_by_two_sessions(void **state)
{
    struct fx *f = *state;
    struct slsim_tls_config src = tt_client_cfg();
    with_client_cert(f, &src);
    struct slsim_tls_creds *cc = NULL;
    struct slsim_diag d;
    assert_int_equal(slsim_tls_creds_new(&src, &cc, &d), 0);
    assert_true(
        slsim_tls_creds_same(cc, src.own_cert, src.own_cert_len, src.own_key, src.own_key_len));
    assert_false(
        slsim_tls_creds_same(cc, src.own_cert, src.own_cert_len - 1, src.own_key, src.own_key_len));
    struct slsim_tls_config s = server_cfg(f, 1);
    s.ca = file(f, "ca.pem", &s.ca_len);
    struct slsim_tls_creds *sc = NULL;
    assert_int_equal(slsim_tls_creds_new(&s, &sc, &d), 0);
    s.own_cert = s.own_key = s.ca = NULL;
    s.creds = sc;
    struct slsim_tls_config c = tt_client_cfg();
    c.creds = cc;
    for (int round = 0; round < 2; round++) {
        if (round == 1) {
            slsim_tls_free(f->c.t);
            slsim_tls_free(f->s.t);
            (void)close(f->c.fd);
            (void)close(f->s.fd);
            tt_pair(&f->c.fd, &f->s.fd);
        }
        create(f, &c, &s);
        if (round == 1) {
            slsim_tls_creds_free(cc); /* the sessions hold their own references */
            slsim_tls_creds_free(sc);
        }
        tt_drive_pair(&f->c, &f->s, 5000);
        assert_int_equal(f->c.r, SLSIM_TLS_OK);
        assert_int_equal(f->s.r, SLSIM_TLS_OK);
        const uint8_t *der[2];
        size_t len[2];
        assert_int_equal(slsim_tls_peer_chain(f->s.t, der, len, 2), 1);
        assert_true(same_file(der[0], len[0], "client.der"));
        assert_int_equal(slsim_tls_peer_chain(f->c.t, der, len, 2), 2); /* as sent, leaf first */
        assert_true(same_file(der[0], len[0], "server.der"));
        assert_true(same_file(der[1], len[1], "inter.der"));
    }
}

static const char *result_name(int r)
{
    static const char *const names[] = {
        "OK", "WANT_READ", "WANT_WRITE", "CLOSED", "ALERT", "FATAL"
    };
    return r >= 0 && r <= SLSIM_TLS_FATAL ? names[r] : "TIMEOUT";
}

static void test_server__client_cert_missing(void **state)
{
    struct fx *f = *state;
    struct slsim_tls_config s = server_cfg(f, 1);
    struct slsim_tls_config c = tt_client_cfg();
    s.ca = file(f, "ca.der", &s.ca_len);
    create(f, &c, &s);
    tt_drive_pair(&f->c, &f->s, 5000);
    printf("# server requires a client cert, none sent: server %s why %d, client %s alert %d "
           "why %d\n",
           result_name(f->s.r), (int)f->s.why, result_name(f->c.r), f->c.alert, (int)f->c.why);
    assert_int_equal(f->s.r, SLSIM_TLS_FATAL);
    assert_int_equal(f->s.why, SLSIM_TLS_FATAL_OTHER);
    assert_int_equal(f->c.r, SLSIM_TLS_ALERT);
    assert_int_equal(f->c.alert, 40); /* sent by tls_mbedtls.c, as OpenSSL does */
}

static void test_server__client_cert_unknown_ca(void **state)
{
    struct fx *f = *state;
    struct slsim_tls_config s = server_cfg(f, 1);
    struct slsim_tls_config c = tt_client_cfg();
    s.ca = file(f, "inter.pem", &s.ca_len); /* client.pem is issued by the root */
    with_client_cert(f, &c);
    create(f, &c, &s);
    tt_drive_pair(&f->c, &f->s, 5000);
    printf("# client cert from an unknown CA: server %s why %d, client %s alert %d\n",
           result_name(f->s.r), (int)f->s.why, result_name(f->c.r), f->c.alert);
    assert_int_equal(f->s.r, SLSIM_TLS_FATAL);
    assert_int_equal(f->s.why, SLSIM_TLS_FATAL_OTHER);
    assert_int_equal(f->c.r, SLSIM_TLS_ALERT);
    assert_int_equal(f->c.alert, 48); /* unknown_ca */
}

static void test_server__no_common_suite(void **state)
{
    struct fx *f = *state;
    static const uint16_t server_suites[] = { 0xC030, 0 };
    static const uint16_t client_suites[] = { 0x009C, 0x003C, 0 };
    struct slsim_tls_config s = server_cfg(f, 0);
    struct slsim_tls_config c = tt_client_cfg();
    s.suites = server_suites;
    c.suites = client_suites;
    create(f, &c, &s);
    tt_drive_pair(&f->c, &f->s, 5000);
    assert_int_equal(f->s.r, SLSIM_TLS_FATAL);
    assert_int_equal(f->s.why, SLSIM_TLS_FATAL_NO_SUITE);
    assert_int_equal(f->c.r, SLSIM_TLS_ALERT);
    assert_int_equal(f->c.alert, 40);
}

static void test_server__version_mismatch(void **state)
{
    struct fx *f = *state;
    struct slsim_tls_config s = server_cfg(f, 0);
    struct slsim_tls_config c = tt_client_cfg();
    s.min_version = s.max_version = SLSIM_TLS_V1_2;
    c.min_version = c.max_version = SLSIM_TLS_V1_1;
    create(f, &c, &s);
    tt_drive_pair(&f->c, &f->s, 5000);
    assert_int_equal(f->s.r, SLSIM_TLS_FATAL);
    assert_int_equal(f->s.why, SLSIM_TLS_FATAL_VERSION);
    assert_int_equal(f->c.r, SLSIM_TLS_ALERT);
    assert_int_equal(f->c.alert, 70); /* protocol_version */
}

/* RC4 (NWP mask bits 0, 1, 5) is switched on when offered; OpenSSL 3 cannot test it. */
static void test_rc4__negotiates_in_process(void **state)
{
    struct fx *f = *state;
    static const uint16_t rc4[] = { 0xC011, 0x0005, 0x0004, 0 };
    struct slsim_tls_config s = server_cfg(f, 0);
    struct slsim_tls_config c = tt_client_cfg();
    s.suites = rc4;
    c.suites = rc4 + 1; /* RC4-SHA, RC4-MD5 */
    connect_pair(f, &c, &s);
    struct slsim_tls_info info;
    slsim_tls_get_info(f->c.t, &info);
    assert_int_equal(info.suite, 0x0005);
    assert_string_equal(info.suite_name, "RC4-SHA");
    char buf[4];
    size_t got;
    assert_int_equal(tt_write_all(&f->c, "rc4!", 4, 2000), SLSIM_TLS_OK);
    assert_int_equal(tt_read_n(&f->s, buf, 4, &got, 2000), SLSIM_TLS_OK);
    assert_memory_equal(buf, "rc4!", 4);
}

/* ---- data, close, alerts -------------------------------------------------------------------- */

static void connect_default(struct fx *f)
{
    struct slsim_tls_config s = server_cfg(f, 0);
    struct slsim_tls_config c = tt_client_cfg();
    connect_pair(f, &c, &s);
}

/* Moves @p total bytes client -> server; the client first writes until the kernel is full. */
static void test_data__large_with_full_kernel_buffer(void **state)
{
    struct fx *f = *state;
    int small = 4096;
    assert_int_equal(setsockopt(f->c.fd, SOL_SOCKET, SO_SNDBUF, &small, sizeof(small)), 0);
    connect_default(f);
    const size_t total = (size_t)1024 * 1024;
    uint8_t *out = malloc(total);
    uint8_t *in = malloc(total);
    assert_non_null(out);
    assert_non_null(in);
    for (size_t i = 0; i < total; i++) {
        out[i] = (uint8_t)(i * 7u + (i >> 9));
    }
    size_t wrote = 0;
    size_t got = 0;
    unsigned want_write = 0;
    int64_t end = tt_now_ms() + 10000;
    while (got < total && tt_now_ms() < end) {
        size_t n = 0;
        enum slsim_tls_fatal why;
        int alert;
        int r = wrote < total ? (int)slsim_tls_write(f->c.t, out + wrote, total - wrote, &n, &why)
                              : SLSIM_TLS_OK;
        assert_true(r == SLSIM_TLS_OK || r == SLSIM_TLS_WANT_WRITE);
        wrote += n;
        want_write += r == SLSIM_TLS_WANT_WRITE;
        if (want_write == 0) {
            continue; /* the server does not read until the client's kernel buffer is full */
        }
        r = (int)slsim_tls_read(f->s.t, in + got, total - got, &n, &alert, &why);
        assert_true(r == SLSIM_TLS_OK || r == SLSIM_TLS_WANT_READ);
        got += n;
        if (r == SLSIM_TLS_WANT_READ) {
            (void)tt_wait(f->s.fd, POLLIN, 10);
        }
    }
    printf("# 1 MiB through a 4 KiB send buffer: %u WANT_WRITE\n", want_write);
    assert_int_equal(got, total);
    assert_true(want_write > 0);
    assert_memory_equal(in, out, total);
    free(out);
    free(in);
}

static void test_data__pending(void **state)
{
    struct fx *f = *state;
    connect_default(f);
    char buf[100];
    size_t got;
    memset(buf, 'p', sizeof(buf));
    assert_int_equal(tt_write_all(&f->c, buf, sizeof(buf), 2000), SLSIM_TLS_OK);
    assert_false(slsim_tls_pending(f->s.t));
    assert_int_equal(tt_read_n(&f->s, buf, 10, &got, 2000), SLSIM_TLS_OK);
    assert_true(slsim_tls_pending(f->s.t)); /* 90 decrypted bytes wait */
    assert_int_equal(tt_read_n(&f->s, buf, 90, &got, 2000), SLSIM_TLS_OK);
    assert_false(slsim_tls_pending(f->s.t));
}

static void test_close_notify__closed(void **state)
{
    struct fx *f = *state;
    connect_default(f);
    char buf[16];
    size_t got;
    assert_int_equal(tt_write_all(&f->c, "bye", 3, 2000), SLSIM_TLS_OK);
    slsim_tls_close_notify(f->c.t);
    assert_int_equal(tt_read_n(&f->s, buf, sizeof(buf), &got, 2000), SLSIM_TLS_CLOSED);
    assert_int_equal(got, 3);
    assert_memory_equal(buf, "bye", 3);
    assert_int_equal(tt_read_n(&f->s, buf, sizeof(buf), &got, 2000), SLSIM_TLS_CLOSED);
    /* The peer only stopped sending: the server may still answer. */
    assert_int_equal(tt_write_all(&f->s, "ok", 2, 2000), SLSIM_TLS_OK);
}

static void test_alert__48_reaches_peer_and_sticks(void **state)
{
    struct fx *f = *state;
    connect_default(f);
    char buf[16];
    size_t got;
    size_t n;
    slsim_tls_send_alert(f->c.t, 48);
    assert_int_equal(tt_read_n(&f->s, buf, sizeof(buf), &got, 2000), SLSIM_TLS_ALERT);
    assert_int_equal(f->s.alert, 48);
    f->s.alert = 0;
    assert_int_equal(slsim_tls_read(f->s.t, buf, sizeof(buf), &n, &f->s.alert, &f->s.why),
                     SLSIM_TLS_ALERT);
    assert_int_equal(f->s.alert, 48);
    assert_int_equal(slsim_tls_write(f->s.t, "x", 1, &n, &f->s.why), SLSIM_TLS_ALERT);
    assert_int_equal(slsim_tls_handshake(f->s.t, &f->s.alert, &f->s.why), SLSIM_TLS_ALERT);
    assert_false(slsim_tls_pending(f->s.t));
}

/* A forged application-data record: the client fails with BAD_MAC and says so (alert 20). */
static void test_failure__forged_record_bad_mac(void **state)
{
    struct fx *f = *state;
    connect_default(f);
    uint8_t rec[5 + 48] = { 0x17, 0x03, 0x03, 0x00, 0x30 };
    for (size_t i = 5; i < sizeof(rec); i++) {
        rec[i] = (uint8_t)(i * 37u);
    }
    assert_int_equal(write(f->s.fd, rec, sizeof(rec)), (ssize_t)sizeof(rec));
    char buf[16];
    size_t got;
    assert_int_equal(tt_read_n(&f->c, buf, sizeof(buf), &got, 2000), SLSIM_TLS_FATAL);
    assert_int_equal(f->c.why, SLSIM_TLS_FATAL_BAD_MAC);
    assert_int_equal(tt_read_n(&f->s, buf, sizeof(buf), &got, 2000), SLSIM_TLS_ALERT);
    assert_int_equal(f->s.alert, 20); /* bad_record_mac */
}

static void test_failure__tcp_closed_after_handshake(void **state)
{
    struct fx *f = *state;
    connect_default(f);
    char buf[16];
    size_t got;
    assert_int_equal(shutdown(f->s.fd, SHUT_WR), 0); /* FIN without close_notify */
    assert_int_equal(tt_read_n(&f->c, buf, sizeof(buf), &got, 2000), SLSIM_TLS_FATAL);
    assert_int_equal(f->c.why, SLSIM_TLS_FATAL_EOF);
}

static void test_failure__tcp_reset_after_handshake(void **state)
{
    struct fx *f = *state;
    connect_default(f);
    struct linger lg = { .l_onoff = 1, .l_linger = 0 };
    assert_int_equal(setsockopt(f->s.fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)), 0);
    assert_int_equal(close(f->s.fd), 0);
    f->s.fd = -1;
    char buf[16];
    size_t got;
    assert_int_equal(tt_read_n(&f->c, buf, sizeof(buf), &got, 2000), SLSIM_TLS_FATAL);
    assert_int_equal(f->c.why, SLSIM_TLS_FATAL_RESET);
    size_t n;
    assert_int_equal(slsim_tls_write(f->c.t, "x", 1, &n, &f->c.why), SLSIM_TLS_FATAL);
    assert_int_equal(f->c.why, SLSIM_TLS_FATAL_RESET); /* sticky */
}

/* ---- flights -------------------------------------------------------------------------------- */

static void test_flights__one_send_per_flight(void **state)
{
    struct fx *f = *state;
    struct slsim_tls_config s = server_cfg(f, 1);
    struct slsim_tls_config c = tt_client_cfg();
    create(f, &c, &s);
    memset(&sent, 0, sizeof(sent));
    tt_drive_pair(&f->c, &f->s, 5000);
    assert_int_equal(f->c.r, SLSIM_TLS_OK);
    assert_int_equal(f->s.r, SLSIM_TLS_OK);
    printf("# full TLS 1.2 handshake: %u records in %u send() calls\n", sent.records, sent.calls);
    /* CH | SH Cert SKE SHD | CKE CCS Fin | CCS Fin */
    assert_int_equal(sent.calls, 4);
    assert_int_equal(sent.records, 10);
}

/* A ~14 KB server flight through small socket buffers: the flush meets EAGAIN. */
static void test_flights__want_write_mid_flight(void **state)
{
    struct fx *f = *state;
    (void)close(f->c.fd);
    (void)close(f->s.fd);
    tt_pair_small(&f->c.fd, &f->s.fd, 2048, 2048);
    struct slsim_tls_config s = server_cfg(f, 12);
    struct slsim_tls_config c = tt_client_cfg();
    create(f, &c, &s);
    assert_int_equal(tt_drive(&f->c, 100), TT_TIMEOUT); /* ClientHello sent */
    assert_int_equal(tt_drive(&f->s, 200), TT_TIMEOUT); /* the client does not read */
    assert_int_equal(slsim_tls_handshake(f->s.t, NULL, NULL), SLSIM_TLS_WANT_WRITE);
    tt_drive_pair(&f->c, &f->s, 5000);
    assert_int_equal(f->c.r, SLSIM_TLS_OK);
    assert_int_equal(f->s.r, SLSIM_TLS_OK);
    const uint8_t *der[16];
    size_t len[16];
    assert_int_equal(slsim_tls_peer_chain(f->c.t, der, len, 16), 13);
}

int main(void)
{
    (void)tt_pki();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_server__chain_alpn_info, setup, teardown),
        cmocka_unit_test_setup_teardown(test_server__client_cert_verified, setup, teardown),
        cmocka_unit_test_setup_teardown(test_creds__shared_by_two_sessions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_server__client_cert_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_server__client_cert_unknown_ca, setup, teardown),
        cmocka_unit_test_setup_teardown(test_server__no_common_suite, setup, teardown),
        cmocka_unit_test_setup_teardown(test_server__version_mismatch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rc4__negotiates_in_process, setup, teardown),
        cmocka_unit_test_setup_teardown(test_data__large_with_full_kernel_buffer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_data__pending, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_notify__closed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alert__48_reaches_peer_and_sticks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failure__forged_record_bad_mac, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failure__tcp_closed_after_handshake, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failure__tcp_reset_after_handshake, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flights__one_send_per_flight, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flights__want_write_mid_flight, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
