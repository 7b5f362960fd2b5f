/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_trust_engine.c
 * @brief The trust engine end to end: one table row per situation, run through
 *        slsim_trust_check_local() and slsim_trust_evaluate() on a synthetic PKI.
 *
 * Every row checks the returned code, whether the socket stays connected, which check decided,
 * that the findings are in pipeline order, and that every WARN/FAIL says why and how to fix it.
 */
#include "trust/trust.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <ti/drivers/net/wifi/errors.h>

#include "catalog/catalog.h"
#include "trust_fixture.h"

#include "core/banned.h"

static struct fx_pki fx;

#define NONE      0
#define AT(check) ((int)(check) + 1)

struct row {
    const char *why;
    struct fx_setup s; /* zero = good chain, DER root A, root A listed, CC3235, clock now */
    int32_t code;
    bool up;            /* socket stays connected */
    int at;             /* AT(check) that decided, NONE for code 0 */
    const char *text;   /* in the deciding finding's reason or fix */
    const char *issuer; /* expected_issuer (-688) */
};

#define ROOT_A_DN  "C=IL, O=slsim test, CN=Demo Root"
#define OTHER_DN   "C=IL, O=slsim test, CN=Other Root"
#define INT_DN     "C=IL, O=slsim test, CN=Demo Int"
#define LEAF_NAMES "leaf.example.com, *.iot.example.com"
#define UP         true
#define DOWN       false

/* One row per situation, hand-aligned: clang-format would put every field on its own line. */
/* clang-format off */
static const struct row rows[] = {
    /* clean connections */
    { "good chain, DER root", { 0 }, 0, UP, NONE, NULL, NULL },
    { "good chain, PEM root with comments", { .ca = CA_PEM_A }, 0, UP, NONE, NULL, NULL },
    { "server also sends the root", { .chain = CH_GOOD_ROOT }, 0, UP, NONE, NULL, NULL },
    { "extra certificate after the chain is ignored", { .chain = CH_GOOD_EXTRA }, 0, UP, NONE,
      NULL, NULL },
    { "store disabled, root not in catalog", { .cat = CAT_OTHER, .store_off = true }, 0, UP,
      NONE, NULL, NULL },
    { "store disabled, catalog missing", { .cat = CAT_MISSING, .store_off = true }, 0, UP, NONE,
      NULL, NULL },
    { "own certificate and key (DER)", { .own = OWN_DER }, 0, UP, NONE, NULL, NULL },
    { "own certificate and key (PEM)", { .own = OWN_PEM }, 0, UP, NONE, NULL, NULL },
    { "domain equal, other case", { .domain = "LEAF.Example.COM" }, 0, UP, NONE, NULL, NULL },
    { "wildcard matches one label", { .domain = "dev1.iot.example.com" }, 0, UP, NONE, NULL,
      NULL },
    { "no SAN: CN fallback", { .chain = CH_NOSAN, .domain = "nosan.example.com" }, 0, UP, NONE,
      NULL, NULL },
    { "pinned leaf (DER)", { .pin = PIN_LEAF }, 0, UP, NONE, NULL, NULL },
    { "pinned leaf (PEM)", { .pin = PIN_LEAF_PEM }, 0, UP, NONE, NULL, NULL },
    { "10-long chain with max_depth 12", { .chain = CH_DEPTH, .max_depth = 12 }, 0, UP, NONE,
      NULL, NULL },
    { "PEM two roots, 2nd matches, CC3235", { .ca = CA_PEM_C_THEN_A }, 0, UP, NONE, NULL, NULL },

    /* local files (before any network I/O) */
    { "CA file missing", { .ca = CA_MISSING }, SL_ERROR_BSD_ESECNOCAFILE, DOWN,
      AT(SLSIM_CHECK_CA_FILE), "does not exist", NULL },
    { "CA file garbage", { .ca = CA_GARBAGE }, SL_ERROR_BSD_ESECBADCAFILE, DOWN,
      AT(SLSIM_CHECK_CA_FILE), "neither DER nor PEM", NULL },
    { "CA file truncated DER", { .ca = CA_DER_TRUNC }, SL_ERROR_BSD_ESECBADCAFILE, DOWN,
      AT(SLSIM_CHECK_CA_FILE), "starts like DER", NULL },
    { "PEM with junk inside the block", { .ca = CA_PEM_JUNK }, SL_ERROR_BSD_ESECBADCAFILE, DOWN,
      AT(SLSIM_CHECK_CA_FILE), "PEM certificate block 1 is damaged", NULL },
    { "own certificate garbage", { .own = OWN_CERT_GARBAGE }, SL_ERROR_BSD_ESECBADCERTFILE, DOWN,
      AT(SLSIM_CHECK_OWN_CERT), "client certificate file holds no usable", NULL },
    { "own key garbage", { .own = OWN_KEY_GARBAGE }, SL_ERROR_BSD_ESECBADPRIVATEFILE, DOWN,
      AT(SLSIM_CHECK_OWN_KEY), "not an unencrypted", NULL },
    { "own key does not match", { .own = OWN_KEY_MISMATCH }, SL_ERROR_BSD_ESECBADPRIVATEFILE,
      DOWN, AT(SLSIM_CHECK_OWN_KEY), "does not belong", NULL },
    { "CA missing beats bad key", { .ca = CA_MISSING, .own = OWN_KEY_GARBAGE },
      SL_ERROR_BSD_ESECNOCAFILE, DOWN, AT(SLSIM_CHECK_CA_FILE), NULL, NULL },

    /* the server's certificates */
    { "garbage certificate from the server", { .chain = CH_GARBAGE },
      SL_ERROR_BSD_ESEC_ASN_PARSE_E, DOWN, AT(SLSIM_CHECK_PEER_CERT), "not valid X.509", NULL },
    { "no certificate from the server", { .chain = CH_EMPTY }, SL_ERROR_BSD_ESEC_NO_PEER_CERT,
      DOWN, AT(SLSIM_CHECK_PEER_CERT), NULL, NULL },

    /* chain and anchor */
    { "wrong root", { .chain = CH_OTHER_ROOT }, SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, DOWN,
      AT(SLSIM_CHECK_ANCHOR),
      "name the CA '" OTHER_DN "' that issued 'CN=leaf.example.com' as the CA file", OTHER_DN },
    { "intermediate not sent", { .chain = CH_LEAF_ONLY }, SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E,
      DOWN, AT(SLSIM_CHECK_ANCHOR), "if it is an intermediate, send it from the server",
      INT_DN },
    { "same-subject root, other key", { .ca = CA_DER_B }, SL_ERROR_BSD_ESEC_ASN_SIG_CONFIRM_E,
      DOWN, AT(SLSIM_CHECK_ANCHOR), "has the right name", NULL },
    { "bad signature inside the chain", { .chain = CH_BADSIG },
      SL_ERROR_BSD_ESEC_ASN_SIG_CONFIRM_E, DOWN, AT(SLSIM_CHECK_CHAIN), "does not verify", NULL },
    { "intermediate is not a CA", { .chain = CH_NOCA_INT }, SL_ERROR_BSD_ESEC_NOT_CA_ERROR, DOWN,
      AT(SLSIM_CHECK_CHAIN), "basicConstraints CA:FALSE", NULL },
    { "CA-file root is not a CA", { .ca = CA_DER_NOCA }, SL_ERROR_BSD_ESEC_NOT_CA_ERROR, DOWN,
      AT(SLSIM_CHECK_ANCHOR), "is not a CA", NULL },
    { "chain too deep", { .chain = CH_DEPTH }, SL_ERROR_BSD_ESEC_MAX_CHAIN_ERROR, DOWN,
      AT(SLSIM_CHECK_CHAIN), "10 certificates long", NULL },
    { "PEM two roots, 2nd matches, CC3220 reads the first", { .ca = CA_PEM_C_THEN_A,
      .prof = P3220 }, SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, DOWN, AT(SLSIM_CHECK_ANCHOR),
      "put '" ROOT_A_DN "' first", ROOT_A_DN },
    { "PEM two roots, 2nd matches, CC3235, root unknown", { .ca = CA_PEM_C_THEN_A,
      .cat = CAT_OTHER }, SL_ERROR_BSD_ESECUNKNOWNROOTCA, UP, AT(SLSIM_CHECK_CATALOG), NULL,
      NULL },
    { "CA file holds the intermediate", { .ca = CA_DER_INT }, SL_ERROR_BSD_ESECUNKNOWNROOTCA, UP,
      AT(SLSIM_CHECK_CATALOG), "'" INT_DN "' is not in", NULL },

    /* dates against the device clock */
    { "expired leaf", { .chain = CH_EXPIRED }, SL_ERROR_BSD_ESECDATEERROR, UP,
      AT(SLSIM_CHECK_DATES), "renew 'CN=leaf.example.com'", NULL },
    { "device clock at 2013", { .clock_2013 = true }, SL_ERROR_BSD_ESECDATEERROR, UP,
      AT(SLSIM_CHECK_DATES),
      "set the device clock (sl_DeviceSet SL_DEVICE_GENERAL_DATE_TIME) - it reads 2013-01-01",
      NULL },
    { "expired leaf, host clock unknown", { .chain = CH_EXPIRED, .no_host_clock = true },
      SL_ERROR_BSD_ESECDATEERROR, UP, AT(SLSIM_CHECK_DATES), "check the device clock", NULL },
    { "leaf not valid yet", { .chain = CH_FUTURE }, SL_ERROR_BSD_ESECDATEERROR, UP,
      AT(SLSIM_CHECK_DATES), "is not valid before 2030-01-01 00:00:00 UTC", NULL },

    /* domain, pinning */
    { "domain mismatch", { .domain = "other.example.com" },
      SL_ERROR_BSD_ESEC_DOMAIN_NAME_MISMATCH, DOWN, AT(SLSIM_CHECK_DOMAIN),
      "set SL_SO_SECURE_DOMAIN_NAME_VERIFICATION to a name in the certificate: " LEAF_NAMES,
      NULL },
    { "wildcard does not span two labels", { .domain = "a.b.iot.example.com" },
      SL_ERROR_BSD_ESEC_DOMAIN_NAME_MISMATCH, DOWN, AT(SLSIM_CHECK_DOMAIN), NULL, NULL },
    { "pinned certificate differs", { .pin = PIN_OTHER }, SL_ERROR_BSD_ESECWRONGPEERCERT, DOWN,
      AT(SLSIM_CHECK_PINNED), "not the pinned peer certificate", NULL },

    /* catalog */
    { "root not in catalog", { .cat = CAT_OTHER }, SL_ERROR_BSD_ESECUNKNOWNROOTCA, UP,
      AT(SLSIM_CHECK_CATALOG), "the root CA '" ROOT_A_DN "' is not in the device's catalog "
      "(playground (2016-09-11), 1 trusted root)", NULL },
    { "catalog missing", { .cat = CAT_MISSING }, SL_ERROR_BSD_ESECUNKNOWNROOTCA, UP,
      AT(SLSIM_CHECK_CATALOG), "install a catalog: slsim catalog install IMAGE CATALOG.lst",
      NULL },
    { "catalog rejected", { .cat = CAT_REJECTED }, SL_ERROR_BSD_ESECUNKNOWNROOTCA, UP,
      AT(SLSIM_CHECK_CATALOG), "was refused", NULL },
    { "revoked intermediate, connected profile", { .cat = CAT_INT_REVOKED },
      SL_ERROR_BSD_ESECCERTIFICATEREVOKED, UP, AT(SLSIM_CHECK_CATALOG),
      "'" INT_DN "' is on the revoked list", NULL },
    { "revoked intermediate, failing profile", { .cat = CAT_INT_REVOKED,
      .prof = P3235_REVOKED_FAILS }, SL_ERROR_BSD_ESECCERTIFICATEREVOKED, DOWN,
      AT(SLSIM_CHECK_CATALOG), NULL, NULL },
    { "revoked root", { .cat = CAT_ROOT_REVOKED }, SL_ERROR_BSD_ESECCERTIFICATEREVOKED, UP,
      AT(SLSIM_CHECK_CATALOG), "use a root CA that is not revoked", NULL },

    /* no CA file */
    { "no CA file", { .ca = CA_NOT_SET }, SL_ERROR_BSD_ESECSNOVERIFY, UP, AT(SLSIM_CHECK_NO_CA),
      "a file holding the root CA '" ROOT_A_DN "'", NULL },
    { "no CA file, wrong domain still fails", { .ca = CA_NOT_SET, .domain = "x.example.org" },
      SL_ERROR_BSD_ESEC_DOMAIN_NAME_MISMATCH, DOWN, AT(SLSIM_CHECK_DOMAIN), NULL, NULL },
    { "no CA file, pinning still checked", { .ca = CA_NOT_SET, .pin = PIN_OTHER },
      SL_ERROR_BSD_ESECWRONGPEERCERT, DOWN, AT(SLSIM_CHECK_PINNED), NULL, NULL },
    { "no CA file, expired leaf not checked", { .ca = CA_NOT_SET, .chain = CH_EXPIRED },
      SL_ERROR_BSD_ESECSNOVERIFY, UP, AT(SLSIM_CHECK_NO_CA), NULL, NULL },

    /* precedence */
    { "hard beats warning: wrong domain + expired", { .chain = CH_EXPIRED,
      .domain = "other.example.com" }, SL_ERROR_BSD_ESEC_DOMAIN_NAME_MISMATCH, DOWN,
      AT(SLSIM_CHECK_DOMAIN), NULL, NULL },
    { "dates before catalog: expired + not in catalog", { .chain = CH_EXPIRED,
      .cat = CAT_OTHER }, SL_ERROR_BSD_ESECDATEERROR, UP, AT(SLSIM_CHECK_DATES), NULL, NULL },
    { "dates before revoked (connected)", { .chain = CH_EXPIRED, .cat = CAT_INT_REVOKED },
      SL_ERROR_BSD_ESECDATEERROR, UP, AT(SLSIM_CHECK_DATES), NULL, NULL },
    { "revoked fails before a date warning", { .chain = CH_EXPIRED, .cat = CAT_INT_REVOKED,
      .prof = P3235_REVOKED_FAILS }, SL_ERROR_BSD_ESECCERTIFICATEREVOKED, DOWN,
      AT(SLSIM_CHECK_CATALOG), NULL, NULL },
    { "pinning beats catalog warning", { .pin = PIN_OTHER, .cat = CAT_MISSING },
      SL_ERROR_BSD_ESECWRONGPEERCERT, DOWN, AT(SLSIM_CHECK_PINNED), NULL, NULL },
    { "wrong root beats device clock", { .chain = CH_OTHER_ROOT, .clock_2013 = true },
      SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, DOWN, AT(SLSIM_CHECK_ANCHOR), NULL, OTHER_DN },
};
/* clang-format on */

/* ---- checking a result ------------------------------------------------------------------- */

static int deciding(const struct slsim_trust_result *res)
{
    for (size_t i = 0; i < res->n; i++) {
        if (res->findings[i].status == SLSIM_FINDING_FAIL) {
            return (int)i;
        }
    }
    for (size_t i = 0; i < res->n; i++) {
        if (res->findings[i].status == SLSIM_FINDING_WARN && res->findings[i].code == res->code) {
            return (int)i;
        }
    }
    return -1;
}

static void dump(const struct row *r, const struct slsim_trust_result *res)
{
    print_message("row '%s': code %d connected %d\n", r->why, (int)res->code, res->connected);
    for (size_t i = 0; i < res->n; i++) {
        const struct slsim_finding *f = &res->findings[i];
        print_message("  %-9s %-4s %5d #%d %s | %s\n", slsim_trust_check_name(f->check),
                      slsim_trust_status_name(f->status), (int)f->code, f->cert_index, f->reason,
                      f->fix);
    }
}

static void check_findings(const struct slsim_trust_result *res)
{
    for (size_t i = 0; i < res->n; i++) {
        const struct slsim_finding *f = &res->findings[i];
        bool problem = f->status == SLSIM_FINDING_WARN || f->status == SLSIM_FINDING_FAIL;

        if (i > 0) {
            assert_true(f->check >= res->findings[i - 1].check); /* pipeline order */
        }
        assert_true(f->reason[0] != '\0');
        assert_true(strlen(f->reason) < SLSIM_TRUST_TEXT);
        assert_int_equal(problem, f->code != 0);
        assert_int_equal(problem, f->fix[0] != '\0');
    }
}

static void check_row(const struct row *r, int32_t local, const struct slsim_trust_result *res)
{
    int d = deciding(res);
    int local_at = r->at == AT(SLSIM_CHECK_CA_FILE) || r->at == AT(SLSIM_CHECK_OWN_CERT) ||
                   r->at == AT(SLSIM_CHECK_OWN_KEY);
    const struct slsim_finding *f = d >= 0 ? &res->findings[d] : NULL;

    assert_int_equal(res->code, r->code);
    assert_int_equal(res->connected, r->up);
    assert_int_equal(local, local_at ? r->code : 0);
    assert_int_equal(f != NULL ? AT(f->check) : NONE, r->at);
    check_findings(res);
    if (r->text != NULL) {
        assert_non_null(f);
        if (strstr(f->reason, r->text) == NULL && strstr(f->fix, r->text) == NULL) {
            fail_msg("'%s' not in '%s' / '%s'", r->text, f->reason, f->fix);
        }
    }
    if (r->issuer != NULL) {
        assert_string_equal(res->expected_issuer, r->issuer);
    } else {
        assert_string_equal(res->expected_issuer, "");
    }
}

static void run_row(const struct row *r, struct slsim_trust_result *res)
{
    struct fx_input b;
    int32_t local = 0;
    bool own = r->s.own != OWN_NONE;

    fx_input_build(&fx, &r->s, &b);
    slsim_trust_init(res);
    local = slsim_trust_check_local(res, &b.in, own ? b.own_cert : NULL, own ? b.own_cert_len : 0,
                                    own, own ? b.own_key : NULL, own ? b.own_key_len : 0, own);
    slsim_trust_evaluate(&b.in, res);
    if (getenv("TRUST_DUMP") != NULL) {
        dump(r, res);
    }
    check_row(r, local, res);
    fx_input_free(&b);
}

static void test_slsim_trust_evaluate__table(void **state)
{
    struct slsim_trust_result res;

    (void)state;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        print_message("[ ROW      ] %s\n", rows[i].why);
        run_row(&rows[i], &res);
    }
}

/* ---- single scenarios -------------------------------------------------------------------- */

static void test_slsim_trust_evaluate__dates_pass_per_certificate(void **state)
{
    static const struct row good = { .why = "good", .code = 0, .up = true };
    struct slsim_trust_result res;
    int idx[4];
    size_t n = 0;
    uint8_t digest[SLSIM_CATALOG_DIGEST_LEN];

    (void)state;
    run_row(&good, &res);
    for (size_t i = 0; i < res.n; i++) {
        if (res.findings[i].check == SLSIM_CHECK_DATES) {
            assert_int_equal(res.findings[i].status, SLSIM_FINDING_PASS);
            assert_true(n < 4);
            idx[n++] = res.findings[i].cert_index;
        }
    }
    assert_int_equal(n, 3); /* leaf, intermediate, CA-file root */
    assert_int_equal(idx[0], 0);
    assert_int_equal(idx[1], 1);
    assert_int_equal(idx[2], -1);
    assert_true(res.root_found);
    assert_int_equal(slsim_catalog_digest_der(fx.der[FX_ROOT_A], fx.len[FX_ROOT_A], digest),
                     SLSIM_CATALOG_OK);
    assert_memory_equal(res.root_digest, digest, sizeof(digest));
}

static void test_slsim_trust_evaluate__peer_cert_info(void **state)
{
    static const struct row r = { .why = "root sent", .s = { .chain = CH_GOOD_EXTRA }, .up = true };
    struct slsim_trust_result res;
    size_t info = 0;

    (void)state;
    run_row(&r, &res);
    for (size_t i = 0; i < res.n; i++) {
        const struct slsim_finding *f = &res.findings[i];
        if (f->check == SLSIM_CHECK_PEER_CERT) {
            assert_int_equal(f->status, SLSIM_FINDING_INFO);
            assert_int_equal(f->cert_index, (int)info);
            info++;
        }
        if (f->check == SLSIM_CHECK_CHAIN) {
            assert_non_null(strstr(f->reason, "1 extra ignored"));
        }
    }
    assert_int_equal(info, 3);
    assert_non_null(strstr(res.findings[3].reason, "'CN=leaf.example.com' issued by '" INT_DN "'"));
}

/* sock adds a handshake failure before evaluate: it stays the answer, the rest is skipped. */
static void test_slsim_trust_evaluate__after_handshake_failure(void **state)
{
    static const struct row r = { .why = "alert", .code = 0 };
    struct fx_input b;
    struct slsim_trust_result res;

    (void)state;
    fx_input_build(&fx, &r.s, &b);
    slsim_trust_init(&res);
    assert_int_equal(slsim_trust_check_local(&res, &b.in, NULL, 0, false, NULL, 0, false), 0);
    slsim_trust_add(&res, SLSIM_CHECK_HANDSHAKE, SLSIM_FINDING_FAIL,
                    SL_ERROR_BSD_ESEC_HANDSHAKE_FAILURE, 0, -1, "enable a common cipher suite",
                    "the server sent alert %d", 40);
    slsim_trust_evaluate(&b.in, &res);
    assert_int_equal(res.code, SL_ERROR_BSD_ESEC_HANDSHAKE_FAILURE);
    assert_false(res.connected);
    for (size_t i = 0; i < res.n; i++) {
        if (res.findings[i].check >= SLSIM_CHECK_PEER_CERT) {
            assert_int_equal(res.findings[i].status, SLSIM_FINDING_SKIP);
            assert_non_null(strstr(res.findings[i].reason, "handshake failed first"));
        }
    }
    check_findings(&res);
    fx_input_free(&b);
}

/* Without slsim_trust_check_local() the engine still reports a bad CA file itself. */
static void test_slsim_trust_evaluate__without_local_check(void **state)
{
    static const struct row r = { .why = "garbage", .s = { .ca = CA_GARBAGE } };
    struct fx_input b;
    struct slsim_trust_result res;

    (void)state;
    fx_input_build(&fx, &r.s, &b);
    slsim_trust_init(&res);
    slsim_trust_evaluate(&b.in, &res);
    assert_int_equal(res.code, SL_ERROR_BSD_ESECBADCAFILE);
    assert_int_equal(res.findings[0].check, SLSIM_CHECK_CA_FILE);
    slsim_trust_evaluate(NULL, &res);
    slsim_trust_evaluate(&b.in, NULL);
    assert_int_equal(slsim_trust_check_local(NULL, &b.in, NULL, 0, false, NULL, 0, false),
                     SL_ERROR_BSD_ESECGENERAL);
    fx_input_free(&b);
}

/* The SL_SSL_NOTIFICATION_WRONG_ROOT_CA text is the whole issuer DN, cut at 127 characters. */
static void test_slsim_trust_evaluate__expected_issuer_truncated(void **state)
{
    static const char long_dn[] =
        "C=IL, O=An Organisation With A Really Long Name For Testing, OU=Some Department Of It, "
        "CN=A Root Certificate Authority With A Long Common Name";
    const struct slsim_pki_cert_req root_req = { .subject = long_dn,
                                                 .not_before = FX_T2015,
                                                 .not_after = FX_T2045,
                                                 .ca = true,
                                                 .path_len = -1 };
    const struct slsim_pki_cert_req leaf_req = { .subject = "CN=leaf.example.com",
                                                 .not_before = FX_T2023,
                                                 .not_after = FX_T2030 };
    static const struct row r = { .why = "long issuer", .s = { .chain = CH_LEAF_ONLY } };
    uint8_t *root = NULL, *leaf = NULL;
    size_t root_len = 0, leaf_len = 0;
    struct fx_input b;
    struct slsim_trust_result res;

    (void)state;
    assert_true(strlen(long_dn) > 127);
    assert_int_equal(slsim_pki_issue(&root_req, fx.key_c, NULL, 0, NULL, &root, &root_len, NULL),
                     0);
    assert_int_equal(
        slsim_pki_issue(&leaf_req, fx.key_leaf, root, root_len, fx.key_c, &leaf, &leaf_len, NULL),
        0);
    fx_input_build(&fx, &r.s, &b);
    b.in.chain[0] = leaf;
    b.in.chain_len[0] = leaf_len;
    slsim_trust_init(&res);
    slsim_trust_evaluate(&b.in, &res);
    assert_int_equal(res.code, SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E);
    assert_int_equal(strlen(res.expected_issuer), 127);
    assert_memory_equal(res.expected_issuer, long_dn, 127);
    check_findings(&res);
    fx_input_free(&b);
    free(root);
    free(leaf);
}

static int group_setup(void **state)
{
    (void)state;
    return fx_build(&fx);
}

static int group_teardown(void **state)
{
    (void)state;
    fx_free(&fx);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slsim_trust_evaluate__table),
        cmocka_unit_test(test_slsim_trust_evaluate__dates_pass_per_certificate),
        cmocka_unit_test(test_slsim_trust_evaluate__peer_cert_info),
        cmocka_unit_test(test_slsim_trust_evaluate__after_handshake_failure),
        cmocka_unit_test(test_slsim_trust_evaluate__without_local_check),
        cmocka_unit_test(test_slsim_trust_evaluate__expected_issuer_truncated),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
