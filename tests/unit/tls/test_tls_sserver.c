/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_tls_sserver.c
 * @brief src/tls as a client against a real peer, `openssl s_server` (label integration):
 *        handshakes, chains, suites, SNI, versions, client certificates, failures, alerts,
 *        echo, close_notify and the heap of an idle session.
 */
#include "tls/tls.h"

#include <malloc.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "tls_test_util.h"

#include "core/banned.h"

struct fx {
    struct tt_sserver srv;
    struct tt_end c;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    f->c.fd = -1;
    *state = f;
    return 0;
}

static void client_drop(struct fx *f)
{
    slsim_tls_free(f->c.t);
    f->c.t = NULL;
    if (f->c.fd >= 0) {
        (void)close(f->c.fd);
    }
    f->c.fd = -1;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    client_drop(f);
    tt_sserver_stop(&f->srv);
    free(f);
    return 0;
}

static void start(struct fx *f, const char *const *args)
{
    assert_int_equal(tt_sserver_start(&f->srv, args), 0);
}

/* Connects a new client session and runs its handshake (5 s deadline). */
static int client(struct fx *f, const struct slsim_tls_config *cfg)
{
    struct slsim_diag d;
    client_drop(f);
    f->c.fd = tt_connect(f->srv.port);
    assert_int_equal(slsim_tls_new(cfg, f->c.fd, &f->c.t, &d), 0);
    int r = tt_drive(&f->c, 5000);
    if (r != SLSIM_TLS_OK) {
        tt_sserver_dump(&f->srv);
    }
    return r;
}

static bool same_file(const uint8_t *der, size_t len, const char *name)
{
    size_t flen;
    uint8_t *data = tt_file(name, &flen);
    bool same = flen == len && memcmp(data, der, len) == 0;
    free(data);
    return same;
}

static const char *const rsa_args[] = { "-cert",       "server.pem", "-key",  "server.key",
                                        "-cert_chain", "inter.pem",  "-alpn", "h2,http/1.1",
                                        "-rev",        NULL };

static void test_handshake__chain_alpn_echo_close(void **state)
{
    struct fx *f = *state;
    static const char *const alpn[] = { "http/1.1", NULL };
    start(f, rsa_args);
    struct slsim_tls_config cfg = tt_client_cfg();
    cfg.alpn = alpn;
    assert_int_equal(client(f, &cfg), SLSIM_TLS_OK);

    const uint8_t *der[4];
    size_t len[4];
    assert_int_equal(slsim_tls_peer_chain(f->c.t, der, len, 4), 2);
    assert_true(same_file(der[0], len[0], "server.der"));
    assert_true(same_file(der[1], len[1], "inter.der"));

    struct slsim_tls_info info;
    slsim_tls_get_info(f->c.t, &info);
    char want[128];
    assert_true(tt_sserver_log_has(&f->srv, "Ciphersuite: ", 2000)); /* printed after accept */
    tt_sserver_log_value(&f->srv, "Ciphersuite: ", want, sizeof(want));
    assert_int_equal(info.version, SLSIM_TLS_V1_2);
    assert_string_equal(info.alpn, "http/1.1");
    assert_string_equal(info.suite_name, want);
    printf("# negotiated %s (0x%04X), alpn %s\n", info.suite_name, info.suite, info.alpn);

    char buf[64];
    size_t got;
    assert_int_equal(tt_write_all(&f->c, "hello slsim\n", 12, 2000), SLSIM_TLS_OK);
    assert_int_equal(tt_read_n(&f->c, buf, 12, &got, 2000), SLSIM_TLS_OK);
    assert_memory_equal(buf, "misls olleh\n", 12);
    assert_int_equal(tt_write_all(&f->c, "CLOSE\n", 6, 2000), SLSIM_TLS_OK);
    assert_int_equal(tt_read_n(&f->c, buf, sizeof(buf), &got, 2000), SLSIM_TLS_CLOSED);
    assert_int_equal(got, 0);
}

/* The 23 NWP suites (simplelink-api.md 3.3, SL_SO_SECURE_MASK bits 0-22), in bit order. */
static const uint16_t nwp_suites[23] = {
    0x0005, 0x0004, 0x0035, 0x0039, 0xC014, 0xC011, 0x003C, 0x003D, 0xC027, 0xC023, 0xC009, 0xC00A,
    0x009C, 0x009D, 0x009E, 0x009F, 0xC02F, 0xC030, 0xC02B, 0xC02C, 0xCCA9, 0xCCA8, 0xCCAA,
};

static bool is_rc4(uint16_t id)
{
    return id == 0x0004 || id == 0x0005 || id == 0xC011;
}

static const char *result_name(int r)
{
    static const char *const names[] = {
        "OK", "WANT_READ", "WANT_WRITE", "CLOSED", "ALERT", "FATAL"
    };
    return r >= 0 && r <= SLSIM_TLS_FATAL ? names[r] : "TIMEOUT";
}

/* Each NWP suite alone against an s_server holding an RSA and an EC P-256 certificate. */
static void test_handshake__each_nwp_suite(void **state)
{
    struct fx *f = *state;
    static const char *const args[] = { "-cert",   "server.pem",      "-key",  "server.key",
                                        "-dcert",  "server-ec.pem",   "-dkey", "server-ec.key",
                                        "-cipher", "ALL:@SECLEVEL=0", "-rev",  NULL };
    start(f, args);
    for (size_t i = 0; i < 23; i++) {
        uint16_t list[2] = { nwp_suites[i], 0 };
        struct slsim_tls_config cfg = tt_client_cfg();
        cfg.suites = list;
        struct slsim_diag d;
        client_drop(f);
        f->c.fd = tt_connect(f->srv.port);
        assert_int_equal(slsim_tls_new(&cfg, f->c.fd, &f->c.t, &d), 0);
        int r = tt_drive(&f->c, 5000);
        struct slsim_tls_info info;
        slsim_tls_get_info(f->c.t, &info);
        printf("# bit %2zu 0x%04X %-30s -> %s alert %d why %d\n", i, nwp_suites[i],
               slsim_tls_suite_name(nwp_suites[i]), result_name(r), f->c.alert, (int)f->c.why);
        if (is_rc4(nwp_suites[i])) {
            /* OpenSSL 3 has no RC4 in its default provider: handshake_failure. */
            assert_int_equal(r, SLSIM_TLS_ALERT);
            assert_int_equal(f->c.alert, 40);
            continue;
        }
        assert_int_equal(r, SLSIM_TLS_OK);
        assert_int_equal(info.suite, nwp_suites[i]);
        assert_string_equal(info.suite_name, slsim_tls_suite_name(nwp_suites[i]));
    }
}

static void test_handshake__ecdsa_leaf(void **state)
{
    struct fx *f = *state;
    static const char *const args[] = { "-cert",       "server-ec.pem", "-key", "server-ec.key",
                                        "-cert_chain", "inter.pem",     "-rev", NULL };
    static const uint16_t suites[] = { 0x1301, 0xC02B, 0x009C, 0 };
    start(f, args);
    struct slsim_tls_config cfg = tt_client_cfg();
    cfg.suites = suites;
    assert_int_equal(client(f, &cfg), SLSIM_TLS_OK);
    struct slsim_tls_info info;
    slsim_tls_get_info(f->c.t, &info);
    assert_int_equal(info.suite, 0xC02B);
    assert_string_equal(info.suite_name, "ECDHE-ECDSA-AES128-GCM-SHA256");
    assert_string_equal(info.alpn, "");
    const uint8_t *der[4];
    size_t len[4];
    assert_int_equal(slsim_tls_peer_chain(f->c.t, der, len, 4), 2);
    assert_true(same_file(der[0], len[0], "server-ec.der"));
    assert_int_equal(slsim_tls_peer_chain(f->c.t, der, len, 1), 1);
}

static void test_sni__sent_only_when_configured(void **state)
{
    struct fx *f = *state;
    static const char *const args[] = { "-cert",
                                        "server.pem",
                                        "-key",
                                        "server.key",
                                        "-cert2",
                                        "server.pem",
                                        "-key2",
                                        "server.key",
                                        "-servername",
                                        "server.slsim.test",
                                        "-servername_fatal",
                                        "-tlsextdebug",
                                        "-rev",
                                        NULL };
    start(f, args);
    struct slsim_tls_config cfg = tt_client_cfg();
    assert_int_equal(client(f, &cfg), SLSIM_TLS_OK);
    /* -tlsextdebug prints each ClientHello extension in order, on one stream; mbedTLS puts
     * server_name first, so once signature_algorithms is logged, server_name would be too. */
    assert_true(tt_sserver_log_has(&f->srv, "\"signature algorithms\"", 2000));
    assert_false(tt_sserver_log_has(&f->srv, "\"server name\"", 0));

    cfg.sni = "server.slsim.test";
    assert_int_equal(client(f, &cfg), SLSIM_TLS_OK);
    assert_true(tt_sserver_log_has(&f->srv, "\"server name\"", 2000));
    assert_true(tt_sserver_log_has(&f->srv, ".server.slsi", 0)); /* -tlsextdebug's hex dump */

    cfg.sni = "wrong.slsim.test"; /* s_server: fatal unrecognized_name */
    assert_int_equal(client(f, &cfg), SLSIM_TLS_ALERT);
    assert_int_equal(f->c.alert, 112);
}

static void test_version__server_tls10_only(void **state)
{
    struct fx *f = *state;
    static const char *const args[] = {
        "-cert",   "server.pem",          "-key", "server.key", "-tls1",
        "-cipher", "DEFAULT:@SECLEVEL=0", "-rev", NULL
    };
    start(f, args);
    struct slsim_tls_config cfg = tt_client_cfg();
    cfg.min_version = SLSIM_TLS_V1_2;
    int r = client(f, &cfg);
    printf("# min TLS1.2 vs -tls1: %s alert %d why %d\n", result_name(r), f->c.alert,
           (int)f->c.why);
    assert_int_equal(r, SLSIM_TLS_FATAL);
    assert_int_equal(f->c.why, SLSIM_TLS_FATAL_VERSION);

    cfg.min_version = SLSIM_TLS_V1_0;
    assert_int_equal(client(f, &cfg), SLSIM_TLS_OK);
    struct slsim_tls_info info;
    slsim_tls_get_info(f->c.t, &info);
    assert_int_equal(info.version, SLSIM_TLS_V1_0);
}

static void test_version__tls11(void **state)
{
    struct fx *f = *state;
    static const char *const args[] = {
        "-cert",   "server.pem",          "-key", "server.key", "-tls1_1",
        "-cipher", "DEFAULT:@SECLEVEL=0", "-rev", NULL
    };
    start(f, args);
    struct slsim_tls_config cfg = tt_client_cfg();
    cfg.max_version = SLSIM_TLS_V1_1;
    assert_int_equal(client(f, &cfg), SLSIM_TLS_OK);
    struct slsim_tls_info info;
    slsim_tls_get_info(f->c.t, &info);
    assert_int_equal(info.version, SLSIM_TLS_V1_1);
    char buf[8];
    size_t got;
    assert_int_equal(tt_write_all(&f->c, "abc\n", 4, 2000), SLSIM_TLS_OK);
    assert_int_equal(tt_read_n(&f->c, buf, 4, &got, 2000), SLSIM_TLS_OK);
    assert_memory_equal(buf, "cba\n", 4);
}

static void test_suites__no_overlap(void **state)
{
    struct fx *f = *state;
    static const char *const args[] = { "-cert",      "server.pem", "-key",
                                        "server.key", "-cipher",    "ECDHE-RSA-AES256-GCM-SHA384",
                                        "-rev",       NULL };
    static const uint16_t suites[] = { 0x009C, 0 };
    start(f, args);
    struct slsim_tls_config cfg = tt_client_cfg();
    cfg.suites = suites;
    int r = client(f, &cfg);
    printf("# no common suite: %s alert %d why %d\n", result_name(r), f->c.alert, (int)f->c.why);
    assert_int_equal(r, SLSIM_TLS_ALERT);
    assert_int_equal(f->c.alert, 40);
}

static void test_client_cert__required(void **state)
{
    struct fx *f = *state;
    static const char *const args[] = { "-cert", "server.pem", "-key",   "server.key", "-Verify",
                                        "1",     "-CAfile",    "ca.pem", "-rev",       NULL };
    start(f, args);
    struct slsim_tls_config cfg = tt_client_cfg();
    int r = client(f, &cfg);
    printf("# client cert required, none sent: %s alert %d why %d\n", result_name(r), f->c.alert,
           (int)f->c.why);
    assert_int_equal(r, SLSIM_TLS_ALERT);
    assert_int_equal(f->c.alert, 40);

    size_t clen;
    size_t klen;
    uint8_t *cert = tt_file("client.pem", &clen);
    uint8_t *key = tt_file("client.key", &klen);
    cfg.own_cert = cert;
    cfg.own_cert_len = clen;
    cfg.own_key = key;
    cfg.own_key_len = klen;
    r = client(f, &cfg);
    free(cert);
    free(key);
    assert_int_equal(r, SLSIM_TLS_OK);
    assert_true(tt_sserver_log_has(&f->srv, "client.slsim.test", 2000));
}

/* s_server stopped before it accepts, then killed with our ClientHello unread: RST. */
static void test_failure__server_killed_mid_handshake(void **state)
{
    struct fx *f = *state;
    start(f, rsa_args);
    assert_int_equal(kill(f->srv.pid, SIGSTOP), 0);
    struct slsim_tls_config cfg = tt_client_cfg();
    struct slsim_diag d;
    f->c.fd = tt_connect(f->srv.port);
    assert_int_equal(slsim_tls_new(&cfg, f->c.fd, &f->c.t, &d), 0);
    assert_int_equal(tt_drive(&f->c, 200), TT_TIMEOUT); /* ClientHello out, nothing back */
    assert_int_equal(kill(f->srv.pid, SIGKILL), 0);
    int r = tt_drive(&f->c, 3000);
    printf("# s_server killed mid-handshake: %s why %d\n", result_name(r), (int)f->c.why);
    assert_int_equal(r, SLSIM_TLS_FATAL);
    assert_int_equal(f->c.why, SLSIM_TLS_FATAL_RESET);
}

static void test_alert__reaches_server(void **state)
{
    struct fx *f = *state;
    static const char *const args[] = { "-cert", "server.pem", "-key", "server.key",
                                        "-msg",  "-rev",       NULL };
    start(f, args);
    struct slsim_tls_config cfg = tt_client_cfg();
    assert_int_equal(client(f, &cfg), SLSIM_TLS_OK);
    slsim_tls_send_alert(f->c.t, 48);
    /* -msg prints every record s_server receives, decrypted */
    bool seen = tt_sserver_log_has(&f->srv, "Alert [length 0002], fatal unknown_ca", 2000);
    if (!seen) {
        tt_sserver_dump(&f->srv);
    }
    assert_true(seen);
}

/*
 * Heap of one idle connected client session: glibc mallinfo2 deltas, exact when CTest sets
 * GLIBC_TUNABLES=glibc.malloc.tcache_count=0 (cached free chunks count as used); not
 * measurable under ASan or valgrind, which replace malloc.
 */
static void test_memory__idle_session(void **state)
{
    struct fx *f = *state;
    start(f, rsa_args);
    struct slsim_tls_config cfg = tt_client_cfg();
    struct slsim_diag d;
    f->c.fd = tt_connect(f->srv.port);
    size_t before = mallinfo2().uordblks;
    assert_int_equal(slsim_tls_new(&cfg, f->c.fd, &f->c.t, &d), 0);
    size_t created = mallinfo2().uordblks;
    assert_int_equal(tt_drive(&f->c, 5000), SLSIM_TLS_OK);
    size_t idle = mallinfo2().uordblks;
    slsim_tls_free(f->c.t);
    f->c.t = NULL;
    size_t after = mallinfo2().uordblks;
    if (idle <= before) {
        printf("# heap: mallinfo2 not usable in this build (sanitizer?)\n");
        return;
    }
    printf("# heap: new %zu bytes, idle connected session %zu bytes (%.1f KiB), "
           "left after free %zd%s\n",
           created - before, idle - before, (double)(idle - before) / 1024.0,
           (ssize_t)(after - before),
           getenv("GLIBC_TUNABLES") == NULL ? " (glibc tcache on: approximate)" : "");
    assert_true(idle - before <= (size_t)48 * 1024); /* the budget of an idle session */
}

int main(void)
{
    (void)tt_pki();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_handshake__chain_alpn_echo_close, setup, teardown),
        cmocka_unit_test_setup_teardown(test_handshake__each_nwp_suite, setup, teardown),
        cmocka_unit_test_setup_teardown(test_handshake__ecdsa_leaf, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sni__sent_only_when_configured, setup, teardown),
        cmocka_unit_test_setup_teardown(test_version__server_tls10_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_version__tls11, setup, teardown),
        cmocka_unit_test_setup_teardown(test_suites__no_overlap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_client_cert__required, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failure__server_killed_mid_handshake, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alert__reaches_server, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memory__idle_session, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
