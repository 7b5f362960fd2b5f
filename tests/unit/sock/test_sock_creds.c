/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_sock_creds.c
 * @brief The socket table's cache of parsed client credentials, through the TI API: two
 *        connects with unchanged certificate and key files parse them once; a key file
 *        rewritten on the device (another valid pair, then a key that does not match) is seen
 *        at the next connect. An in-process slsim TLS server that requires a client
 *        certificate reports the certificate each connect presented. EC P-256 keys made by
 *        src/pki at test time (fast), no openssl needed.
 *
 * Linked with -Wl,--wrap=slsim_tls_creds_new (libslsim is static) to count the parses.
 */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "sock_test_util.h"

#include "pki/pki.h"
#include "tls/tls.h"

/* NOLINTBEGIN(bugprone-reserved-identifier) */
int __real_slsim_tls_creds_new(const struct slsim_tls_config *cfg,
                               struct slsim_tls_creds **out,
                               struct slsim_diag *diag);
int __wrap_slsim_tls_creds_new(const struct slsim_tls_config *cfg,
                               struct slsim_tls_creds **out,
                               struct slsim_diag *diag);

static unsigned parses;

int __wrap_slsim_tls_creds_new(const struct slsim_tls_config *cfg,
                               struct slsim_tls_creds **out,
                               struct slsim_diag *diag)
{
    parses++;
    return __real_slsim_tls_creds_new(cfg, out, diag);
}
/* NOLINTEND(bugprone-reserved-identifier) */

/* ---- PKI ------------------------------------------------------------------------------------ */

struct pair {
    uint8_t *cert;
    size_t cert_len;
    uint8_t *key;
    size_t key_len;
};

static struct {
    struct slsim_pki_key *ca_key;
    uint8_t *ca;
    size_t ca_len;
    struct pair server, a, b;
} pki;

static void issue(struct pair *p, const char *cn)
{
    struct slsim_pki_key *k = NULL;
    struct slsim_diag d;
    struct slsim_pki_cert_req req;
    memset(&req, 0, sizeof(req));
    req.subject = cn;
    req.not_before = (int64_t)time(NULL) - 3600;
    req.not_after = (int64_t)time(NULL) + 86400;
    req.path_len = -1;
    assert_int_equal(slsim_pki_key_generate(SLSIM_PKI_EC_P256, &k), 0);
    assert_int_equal(
        slsim_pki_issue(&req, k, pki.ca, pki.ca_len, pki.ca_key, &p->cert, &p->cert_len, &d), 0);
    assert_int_equal(slsim_pki_key_write_der(k, &p->key, &p->key_len), 0);
    slsim_pki_key_free(k);
}

static void make_pki(void)
{
    struct slsim_diag d;
    struct slsim_pki_cert_req req;
    memset(&req, 0, sizeof(req));
    req.subject = "CN=slsim creds test CA";
    req.not_before = (int64_t)time(NULL) - 3600;
    req.not_after = (int64_t)time(NULL) + 86400;
    req.ca = true;
    req.path_len = -1;
    assert_int_equal(slsim_pki_key_generate(SLSIM_PKI_EC_P256, &pki.ca_key), 0);
    assert_int_equal(slsim_pki_issue(&req, pki.ca_key, NULL, 0, NULL, &pki.ca, &pki.ca_len, &d), 0);
    issue(&pki.server, "CN=localhost");
    issue(&pki.a, "CN=client a");
    issue(&pki.b, "CN=client b");
}

static void free_pair(struct pair *p)
{
    free(p->cert);
    free(p->key);
}

static void free_pki(void)
{
    free_pair(&pki.server);
    free_pair(&pki.a);
    free_pair(&pki.b);
    free(pki.ca);
    slsim_pki_key_free(pki.ca_key);
    memset(&pki, 0, sizeof(pki));
}

/* ---- the server: one connection per call, on its own thread --------------------------------- */

struct server {
    int lfd;
    uint16_t port;
    struct slsim_tls_creds *creds;
    uint8_t leaf[2048]; /* the client certificate of the last connection */
    size_t leaf_len;
    int result; /* enum slsim_tls_result of the last handshake */
};

static short wait_for(enum slsim_tls_result r)
{
    return r == SLSIM_TLS_WANT_WRITE ? POLLOUT : POLLIN;
}

static void serve_one(struct server *sv, int fd)
{
    struct slsim_tls_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.server = true;
    cfg.creds = sv->creds;
    struct slsim_tls *t = NULL;
    struct slsim_diag d;
    if (slsim_tls_new(&cfg, fd, &t, &d) != 0) {
        return;
    }
    enum slsim_tls_result r = SLSIM_TLS_WANT_READ;
    for (int i = 0; i < 500 && (r == SLSIM_TLS_WANT_READ || r == SLSIM_TLS_WANT_WRITE); i++) {
        struct pollfd p = { .fd = fd, .events = wait_for(r) };
        (void)poll(&p, 1, i == 0 ? 0 : 10);
        r = slsim_tls_handshake(t, NULL, NULL);
    }
    sv->result = (int)r;
    const uint8_t *der[1];
    size_t len[1];
    if (r == SLSIM_TLS_OK && slsim_tls_peer_chain(t, der, len, 1) == 1 &&
        len[0] <= sizeof(sv->leaf)) {
        memcpy(sv->leaf, der[0], len[0]);
        sv->leaf_len = len[0];
    }
    char buf[64];
    size_t n = 0;
    for (int i = 0; i < 200 && r == SLSIM_TLS_OK; i++) { /* until the client's close_notify */
        struct pollfd p = { .fd = fd, .events = POLLIN };
        (void)poll(&p, 1, 10);
        r = slsim_tls_read(t, buf, sizeof(buf), &n, NULL, NULL);
        r = r == SLSIM_TLS_WANT_READ ? SLSIM_TLS_OK : r;
    }
    slsim_tls_free(t);
}

static void *server_main(void *arg)
{
    struct server *sv = arg;
    struct pollfd p = { .fd = sv->lfd, .events = POLLIN };
    if (poll(&p, 1, 5000) == 1) {
        int fd = accept(sv->lfd, NULL, NULL);
        if (fd >= 0 && fcntl(fd, F_SETFL, O_NONBLOCK) == 0) {
            serve_one(sv, fd);
        }
        if (fd >= 0) {
            (void)close(fd);
        }
    }
    return NULL;
}

/* One secure connect with the given device files; the code sl_Connect returned. */
static long connect_once(struct server *sv, bool expect_server)
{
    pthread_t th;
    sv->leaf_len = 0;
    sv->result = -1;
    if (expect_server) {
        assert_int_equal(pthread_create(&th, NULL, server_main, sv), 0);
    }
    _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_SEC_SOCKET);
    assert_true(sd >= 0);
    static const char cert[] = "/cert/client.der";
    static const char key[] = "/cert/client-key.der";
    assert_sl(sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECURE_FILES_CERTIFICATE_FILE_NAME, cert,
                            sizeof(cert)),
              0);
    assert_sl(sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECURE_FILES_PRIVATE_KEY_FILE_NAME, key,
                            sizeof(key)),
              0);
    long ret = sock_connect_port(sd, sv->port);
    assert_sl(sl_Close(sd), 0);
    if (expect_server) {
        assert_int_equal(pthread_join(th, NULL), 0);
    }
    return ret;
}

static void put_pair(const struct pair *cert, const struct pair *key)
{
    assert_sl(sock_put_file("/cert/client.der", cert->cert, cert->cert_len), 0);
    assert_sl(sock_put_file("/cert/client-key.der", key->key, key->key_len), 0);
}

static bool presented(const struct server *sv, const struct pair *p)
{
    return sv->leaf_len == p->cert_len && memcmp(sv->leaf, p->cert, p->cert_len) == 0;
}

static void test_creds__cached_then_invalidated_by_file_change(void **state)
{
    (void)state;
    make_pki();
    struct server sv;
    memset(&sv, 0, sizeof(sv));
    struct slsim_tls_config src;
    memset(&src, 0, sizeof(src));
    src.own_cert = pki.server.cert;
    src.own_cert_len = pki.server.cert_len;
    src.own_key = pki.server.key;
    src.own_key_len = pki.server.key_len;
    src.ca = pki.ca;
    src.ca_len = pki.ca_len;
    struct slsim_diag d;
    assert_int_equal(slsim_tls_creds_new(&src, &sv.creds, &d), 0);
    sv.lfd = sock_host_listener(&sv.port);
    assert_true(sv.lfd >= 0);

    put_pair(&pki.a, &pki.a);
    parses = 0;
    assert_sl(connect_once(&sv, true), SL_ERROR_BSD_ESECSNOVERIFY); /* no CA file: -453 */
    assert_int_equal(sv.result, SLSIM_TLS_OK);
    assert_true(presented(&sv, &pki.a));
    assert_int_equal(parses, 1);
    assert_sl(connect_once(&sv, true), SL_ERROR_BSD_ESECSNOVERIFY);
    assert_true(presented(&sv, &pki.a));
    assert_int_equal(parses, 1); /* unchanged files: the parsed pair is used again */

    put_pair(&pki.b, &pki.b); /* same names, new content */
    assert_sl(connect_once(&sv, true), SL_ERROR_BSD_ESECSNOVERIFY);
    assert_true(presented(&sv, &pki.b));
    assert_int_equal(parses, 2);

    put_pair(&pki.b, &pki.a); /* only the key file changes: it no longer matches */
    assert_sl(connect_once(&sv, false), SL_ERROR_BSD_ESECBADPRIVATEFILE); /* -458, no I/O */
    put_pair(&pki.b, &pki.b); /* back: parsed again (the cache held b's key, then saw a's) */
    assert_sl(connect_once(&sv, true), SL_ERROR_BSD_ESECSNOVERIFY);
    assert_true(presented(&sv, &pki.b));
    assert_int_equal(parses, 2); /* b's digests still match the cached b */

    (void)close(sv.lfd);
    slsim_tls_creds_free(sv.creds);
    free_pki();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_creds__cached_then_invalidated_by_file_change,
                                        sock_setup, sock_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
