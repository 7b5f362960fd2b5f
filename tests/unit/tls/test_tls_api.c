/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_tls_api.c
 * @brief src/tls contract without a handshake (label unit): suite names and support, argument
 *        and credential checks of slsim_tls_new, calls made too early, TCP_NODELAY.
 */
#include "tls/tls.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "tls_test_util.h"

#include "core/banned.h"

/* simplelink-api.md 3.3: SL_SO_SECURE_MASK bit -> IANA id -> OpenSSL name. */
static const struct nwp_suite {
    unsigned bit;
    uint16_t iana;
    const char *name;
} nwp[] = {
    { 0, 0x0005, "RC4-SHA" },
    { 1, 0x0004, "RC4-MD5" },
    { 2, 0x0035, "AES256-SHA" },
    { 3, 0x0039, "DHE-RSA-AES256-SHA" },
    { 4, 0xC014, "ECDHE-RSA-AES256-SHA" },
    { 5, 0xC011, "ECDHE-RSA-RC4-SHA" },
    { 6, 0x003C, "AES128-SHA256" },
    { 7, 0x003D, "AES256-SHA256" },
    { 8, 0xC027, "ECDHE-RSA-AES128-SHA256" },
    { 9, 0xC023, "ECDHE-ECDSA-AES128-SHA256" },
    { 10, 0xC009, "ECDHE-ECDSA-AES128-SHA" },
    { 11, 0xC00A, "ECDHE-ECDSA-AES256-SHA" },
    { 12, 0x009C, "AES128-GCM-SHA256" },
    { 13, 0x009D, "AES256-GCM-SHA384" },
    { 14, 0x009E, "DHE-RSA-AES128-GCM-SHA256" },
    { 15, 0x009F, "DHE-RSA-AES256-GCM-SHA384" },
    { 16, 0xC02F, "ECDHE-RSA-AES128-GCM-SHA256" },
    { 17, 0xC030, "ECDHE-RSA-AES256-GCM-SHA384" },
    { 18, 0xC02B, "ECDHE-ECDSA-AES128-GCM-SHA256" },
    { 19, 0xC02C, "ECDHE-ECDSA-AES256-GCM-SHA384" },
    { 20, 0xCCA9, "ECDHE-ECDSA-CHACHA20-POLY1305" },
    { 21, 0xCCA8, "ECDHE-RSA-CHACHA20-POLY1305" },
    { 22, 0xCCAA, "DHE-RSA-CHACHA20-POLY1305" },
};

static void test_suite_name__nwp_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(nwp) / sizeof(nwp[0]); i++) {
        assert_non_null(slsim_tls_suite_name(nwp[i].iana));
        assert_string_equal(slsim_tls_suite_name(nwp[i].iana), nwp[i].name);
    }
    assert_string_equal(slsim_tls_suite_name(0x002F), "AES128-SHA");
    assert_null(slsim_tls_suite_name(0));
    assert_null(slsim_tls_suite_name(0x1301)); /* TLS 1.3: not in the NWP */
    assert_null(slsim_tls_suite_name(0xFFFF));
}

static void test_suite_supported__nwp_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(nwp) / sizeof(nwp[0]); i++) {
        bool ok = slsim_tls_suite_supported(nwp[i].iana);
        printf("# bit %2u 0x%04X %-30s %s\n", nwp[i].bit, nwp[i].iana, nwp[i].name,
               ok ? "supported" : "NOT supported");
        assert_true(ok); /* Debian's mbedTLS 2.28 has all 23, RC4 included (MBEDTLS_ARC4_C) */
    }
    assert_false(slsim_tls_suite_supported(0));
    assert_false(slsim_tls_suite_supported(0x1301));
    assert_false(slsim_tls_suite_supported(0xFFFF));
}

struct fx {
    int c;
    int s;
    struct slsim_tls *t;
    struct slsim_diag d;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    tt_pair(&f->c, &f->s);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    slsim_tls_free(f->t);
    (void)close(f->c);
    (void)close(f->s);
    free(f);
    return 0;
}

/* Expects slsim_tls_new to fail with @p inner and a message containing @p text. */
static void new_fails(struct fx *f, const struct slsim_tls_config *cfg, int inner, const char *text)
{
    assert_int_equal(slsim_tls_new(cfg, f->c, &f->t, &f->d), -1);
    assert_null(f->t);
    assert_int_equal(f->d.inner, inner);
    if (strstr(f->d.msg, text) == NULL) {
        fail_msg("diag '%s' lacks '%s'", f->d.msg, text);
    }
}

static void test_new__invalid_arguments(void **state)
{
    struct fx *f = *state;
    struct slsim_tls_config cfg = tt_client_cfg();
    assert_int_equal(slsim_tls_new(NULL, f->c, &f->t, &f->d), -1);
    assert_int_equal(f->d.inner, SLSIM_TLS_FATAL_OTHER);
    assert_int_equal(slsim_tls_new(&cfg, f->c, NULL, NULL), -1);
    assert_int_equal(slsim_tls_new(&cfg, -1, &f->t, &f->d), -1);
    assert_null(f->t);
    assert_string_equal(f->d.msg, "invalid argument");

    cfg.sni = "";
    new_fails(f, &cfg, SLSIM_TLS_FATAL_OTHER, "server name");
    cfg.sni = NULL;
    static const char *const empty_id[] = { "h2", "", NULL };
    cfg.alpn = empty_id;
    new_fails(f, &cfg, SLSIM_TLS_FATAL_OTHER, "alpn");
    static const char *const too_many[] = { "a", "b", "c", "d", "e", "f", "g", "h", "i", NULL };
    cfg.alpn = too_many;
    new_fails(f, &cfg, SLSIM_TLS_FATAL_OTHER, "alpn");
}

static void test_new__version_range(void **state)
{
    struct fx *f = *state;
    static const struct {
        int min, max;
        bool ok;
    } cases[] = {
        { 0, 0, true },  { 1, 1, true },  { 1, 3, true },   { 3, 3, true },
        { 3, 1, false }, { 1, 4, false }, { -1, 3, false }, { 2, 9, false },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct slsim_tls_config cfg = tt_client_cfg();
        cfg.min_version = (enum slsim_tls_version)cases[i].min;
        cfg.max_version = (enum slsim_tls_version)cases[i].max;
        if (cases[i].ok) {
            assert_int_equal(slsim_tls_new(&cfg, f->c, &f->t, &f->d), 0);
            slsim_tls_free(f->t);
            f->t = NULL;
        } else {
            new_fails(f, &cfg, SLSIM_TLS_FATAL_VERSION, "version");
        }
    }
}

static void test_new__no_supported_suite(void **state)
{
    struct fx *f = *state;
    static const uint16_t unknown[] = { 0x1301, 0xFFFF, 0 };
    static const uint16_t none[] = { 0 };
    static const uint16_t gcm[] = { 0x009C, 0xC02F, 0 };
    struct slsim_tls_config cfg = tt_client_cfg();
    cfg.suites = unknown;
    new_fails(f, &cfg, SLSIM_TLS_FATAL_NO_SUITE, "no offered cipher suite is supported");
    cfg.suites = none;
    new_fails(f, &cfg, SLSIM_TLS_FATAL_NO_SUITE, "no offered cipher suite is supported");
    cfg.suites = gcm; /* GCM is TLS 1.2 only */
    cfg.max_version = SLSIM_TLS_V1_1;
    new_fails(f, &cfg, SLSIM_TLS_FATAL_NO_SUITE, "no offered cipher suite is supported");
    cfg.max_version = SLSIM_TLS_V1_2;
    assert_int_equal(slsim_tls_new(&cfg, f->c, &f->t, &f->d), 0);
}

/* Loads own certificate and key files into @p cfg; @p owned keeps the buffers to free. */
static void
with_files(struct slsim_tls_config *cfg, const char *cert, const char *key, uint8_t *owned[2])
{
    size_t n = 0;
    owned[0] = cert != NULL ? tt_file(cert, &n) : NULL;
    cfg->own_cert = owned[0];
    cfg->own_cert_len = n;
    n = 0;
    owned[1] = key != NULL ? tt_file(key, &n) : NULL;
    cfg->own_key = owned[1];
    cfg->own_key_len = n;
}

static void test_new__credentials(void **state)
{
    struct fx *f = *state;
    static const struct {
        bool server;
        const char *cert, *key;
        int inner; /* 0: accepted */
        const char *text;
    } cases[] = {
        { false, "server.pem", "server.key", 0, "" },
        { false, "server.der", "server.key.der", 0, "" },
        { true, "server-ec.pem", "server-ec.key", 0, "" },
        { false, "server.pem", "other.key", SLSIM_TLS_FATAL_KEY, "does not match" },
        { true, "server.pem", "server-ec.key", SLSIM_TLS_FATAL_KEY, "does not match" },
        { false, "server.pem", "ca.ext", SLSIM_TLS_FATAL_KEY, "cannot parse own private key" },
        { false, "leaf.ext", "server.key", SLSIM_TLS_FATAL_OTHER, "cannot parse own certificate" },
        { false, "server.pem", NULL, SLSIM_TLS_FATAL_KEY, "go together" },
        { false, NULL, "server.key", SLSIM_TLS_FATAL_KEY, "go together" },
        { true, NULL, NULL, SLSIM_TLS_FATAL_KEY, "needs a certificate and key" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct slsim_tls_config cfg = tt_client_cfg();
        cfg.server = cases[i].server;
        uint8_t *owned[2];
        with_files(&cfg, cases[i].cert, cases[i].key, owned);
        if (cases[i].inner == 0) {
            assert_int_equal(slsim_tls_new(&cfg, f->c, &f->t, &f->d), 0);
            slsim_tls_free(f->t);
            f->t = NULL;
        } else {
            new_fails(f, &cfg, cases[i].inner, cases[i].text);
        }
        free(owned[0]);
        free(owned[1]);
    }
}

/* slsim_tls_creds_new: the pair check unless the caller did it; parsed and raw never both. */
static void test_creds__new_and_rules(void **state)
{
    struct fx *f = *state;
    struct slsim_tls_config cfg = tt_client_cfg();
    uint8_t *owned[2];
    with_files(&cfg, "server.pem", "other.key", owned);
    struct slsim_tls_creds *c = NULL;
    assert_int_equal(slsim_tls_creds_new(&cfg, &c, &f->d), -1);
    assert_null(c);
    assert_int_equal(f->d.inner, SLSIM_TLS_FATAL_KEY);
    assert_non_null(strstr(f->d.msg, "does not match"));
    cfg.pair_checked = true; /* the caller's word: src/trust checked it (here: it lies) */
    assert_int_equal(slsim_tls_creds_new(&cfg, &c, &f->d), 0);
    slsim_tls_creds_free(c);
    free(owned[0]);
    free(owned[1]);

    with_files(&cfg, "server.pem", "server.key", owned);
    cfg.pair_checked = false;
    assert_int_equal(slsim_tls_creds_new(&cfg, &c, &f->d), 0);
    struct slsim_tls_config both = cfg;
    both.creds = c;
    new_fails(f, &both, SLSIM_TLS_FATAL_OTHER, "not both");
    struct slsim_tls_config parsed = tt_client_cfg();
    parsed.creds = c;
    assert_int_equal(slsim_tls_new(&parsed, f->c, &f->t, &f->d), 0);
    slsim_tls_creds_free(c); /* the session keeps its reference */
    slsim_tls_free(f->t);
    f->t = NULL;
    free(owned[0]);
    free(owned[1]);

    with_files(&cfg, NULL, NULL, owned);
    cfg.ca = owned[0] = tt_file("ca.pem", &cfg.ca_len);
    assert_int_equal(slsim_tls_creds_new(&cfg, &c, &f->d), 0); /* a CA alone */
    parsed.creds = c;
    parsed.server = true;
    new_fails(f, &parsed, SLSIM_TLS_FATAL_KEY, "needs a certificate and key");
    slsim_tls_creds_free(c);
    free(owned[0]);
}

static void test_new__server_bad_ca(void **state)
{
    struct fx *f = *state;
    struct slsim_tls_config cfg = tt_client_cfg();
    uint8_t *owned[2];
    cfg.server = true;
    with_files(&cfg, "server.pem", "server.key", owned);
    cfg.ca = (const uint8_t *)"not a certificate";
    cfg.ca_len = 17;
    new_fails(f, &cfg, SLSIM_TLS_FATAL_OTHER, "cannot parse client CA");
    free(owned[0]);
    free(owned[1]);
}

static void test_new__sets_tcp_nodelay(void **state)
{
    struct fx *f = *state;
    int v = 1;
    socklen_t len = sizeof(v);
    assert_int_equal(getsockopt(f->c, IPPROTO_TCP, TCP_NODELAY, &v, &len), 0);
    assert_int_equal(v, 0);
    struct slsim_tls_config cfg = tt_client_cfg();
    assert_int_equal(slsim_tls_new(&cfg, f->c, &f->t, &f->d), 0);
    assert_int_equal(getsockopt(f->c, IPPROTO_TCP, TCP_NODELAY, &v, &len), 0);
    assert_int_not_equal(v, 0);
}

static void test_calls__before_handshake(void **state)
{
    struct fx *f = *state;
    struct slsim_tls_config cfg = tt_client_cfg();
    assert_int_equal(slsim_tls_new(&cfg, f->c, &f->t, &f->d), 0);
    char buf[8];
    size_t n = 99;
    int alert = 0;
    enum slsim_tls_fatal why = SLSIM_TLS_FATAL_NONE;
    assert_int_equal(slsim_tls_read(f->t, buf, sizeof(buf), &n, &alert, &why), SLSIM_TLS_FATAL);
    assert_int_equal(n, 0);
    assert_int_equal(why, SLSIM_TLS_FATAL_OTHER);
    assert_int_equal(slsim_tls_write(f->t, "x", 1, &n, &why), SLSIM_TLS_FATAL);
    const uint8_t *der[2];
    size_t len[2];
    assert_int_equal(slsim_tls_peer_chain(f->t, der, len, 2), 0);
    struct slsim_tls_info info;
    memset(&info, 0x55, sizeof(info));
    slsim_tls_get_info(f->t, &info);
    assert_int_equal(info.suite, 0);
    assert_string_equal(info.suite_name, "");
    assert_false(slsim_tls_pending(f->t));
    slsim_tls_close_notify(f->t); /* no-op before the handshake */
    /* The first step sends the ClientHello and waits for the server. */
    assert_int_equal(slsim_tls_handshake(f->t, NULL, NULL), SLSIM_TLS_WANT_READ);

    /* NULL-safety */
    assert_int_equal(slsim_tls_handshake(NULL, &alert, &why), SLSIM_TLS_FATAL);
    assert_false(slsim_tls_pending(NULL));
    slsim_tls_send_alert(NULL, 48);
    slsim_tls_close_notify(NULL);
    slsim_tls_get_info(NULL, &info);
    slsim_tls_free(NULL);
}

int main(void)
{
    (void)tt_pki();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suite_name__nwp_table),
        cmocka_unit_test(test_suite_supported__nwp_table),
        cmocka_unit_test_setup_teardown(test_new__invalid_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new__version_range, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new__no_supported_suite, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new__credentials, setup, teardown),
        cmocka_unit_test_setup_teardown(test_creds__new_and_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new__server_bad_ca, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new__sets_tcp_nodelay, setup, teardown),
        cmocka_unit_test_setup_teardown(test_calls__before_handshake, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
