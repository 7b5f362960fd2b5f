/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_doctor_kb.c
 * @brief The knowledge base of `slsim doctor` (tools/slsim/doctor_kb.c): every row has a cause,
 *        a fix and a known SL code; every case of the reference's D.1 and D.2 tables has a row;
 *        the row chosen per situation; verdicts; OpenSSL numbers; mbedTLS flag names.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/errtab.h"
#include "doctor_kb.h"

/* Every row of reference D.1 (TLS) and D.2 (signed files, programming). */
static const char *const refs[] = {
    "D.1 #1",   "D.1 #2",   "D.1 #2a", "D.1 #3",  "D.1 #4",  "D.1 #5",  "D.1 #6",  "D.1 #6a",
    "D.1 #7",   "D.1 #8",   "D.1 #9",  "D.1 #10", "D.1 #11", "D.1 #12", "D.1 #13", "D.1 #14",
    "D.1 #15",  "D.1 #16",  "D.1 #17", "D.1 #18", "D.1 #19", "D.1 #20", "D.1 #21", "D.1 #22",
    "D.1 #22a", "D.1 #22b", "D.2 #23", "D.2 #24", "D.2 #25", "D.2 #26", "D.2 #27", "D.2 #28",
    "D.2 #29",  "D.2 #30",  "D.2 #31", "D.2 #32", "D.2 #33", "D.2 #34",
};

static void test_every_row_complete(void **state)
{
    (void)state;
    size_t n = 0;
    const struct doctor_kb *kb = doctor_kb_table(&n);
    assert_true(n >= sizeof(refs) / sizeof(refs[0]));
    for (size_t i = 0; i < n; i++) {
        const struct doctor_kb *r = &kb[i];
        print_message("%s %ld\n", r->ref, (long)r->code);
        assert_non_null(r->ref);
        assert_true(strncmp(r->ref, "D.", 2) == 0 || strcmp(r->ref, "B.3") == 0);
        assert_true(strlen(r->cause) > 10);
        assert_true(strlen(r->fix) > 10);
        assert_non_null(r->command);
        assert_true(r->code < 0);
        /* a code TI names, or a received TLS alert by the -300 rule (reference B.3: -348) */
        assert_true(slsim_sl_errname(r->code) != NULL || (r->code <= -300 && r->code > -420));
        /* every code has a row that is shown when nothing more specific applies */
        const struct doctor_kb *def = doctor_kb_find(r->code, NULL);
        assert_non_null(def);
        assert_int_equal(def->code, r->code);
    }
}

static void test_every_reference_row_covered(void **state)
{
    (void)state;
    size_t n = 0;
    const struct doctor_kb *kb = doctor_kb_table(&n);
    for (size_t k = 0; k < sizeof(refs) / sizeof(refs[0]); k++) {
        bool found = false;
        for (size_t i = 0; i < n && !found; i++) {
            found = strcmp(kb[i].ref, refs[k]) == 0;
        }
        if (!found) {
            fail_msg("no knowledge-base row for %s", refs[k]);
        }
    }
}

static void test_row_choice(void **state)
{
    (void)state;
    struct doctor_kb_ctx pg = { .playground = true, .sni = true };
    struct doctor_kb_ctx prod = { .playground = false, .sni = true };
    struct doctor_kb_ctx multi = { .first_pem_only = true, .sni = true };
    struct doctor_kb_ctx nosni = { .sni = false };
    assert_string_equal(doctor_kb_find(SL_ERROR_BSD_ESECUNKNOWNROOTCA, &pg)->ref, "D.1 #1");
    assert_string_equal(doctor_kb_find(SL_ERROR_BSD_ESECUNKNOWNROOTCA, &prod)->ref, "D.1 #2");
    assert_string_equal(doctor_kb_find(SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, &prod)->ref, "D.1 #3");
    assert_string_equal(doctor_kb_find(SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, &multi)->ref, "D.1 #13");
    const struct doctor_kb *r = doctor_kb_find(SL_ERROR_BSD_ESEC_HANDSHAKE_FAILURE, &nosni);
    assert_non_null(strstr(r->fix, "SL_SO_SECURE_DOMAIN_NAME_VERIFICATION"));
    assert_non_null(strstr(r->fix, "AWS IoT requires SNI"));
    r = doctor_kb_find(SL_ERROR_BSD_ESEC_HANDSHAKE_FAILURE, &prod);
    assert_null(strstr(r->fix, "SNI"));
    assert_string_equal(doctor_kb_find(SL_ERROR_BSD_ESECSNOVERIFY, NULL)->ref, "D.1 #8");
    assert_string_equal(doctor_kb_find(SL_ERROR_BSD_ESECDATEERROR, NULL)->ref, "D.1 #9");
    assert_string_equal(doctor_kb_find(SL_ERROR_FS_FILE_NOT_EXISTS, NULL)->ref, "D.2 #27");
    assert_null(doctor_kb_find(12345, NULL));
    /* variants are listed, never chosen */
    const struct doctor_kb *d3 = doctor_kb_find(SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, NULL);
    bool saw4 = false;
    for (size_t i = 0; doctor_kb_related(d3, i) != NULL; i++) {
        saw4 = saw4 || strcmp(doctor_kb_related(d3, i)->ref, "D.1 #4") == 0;
    }
    assert_true(saw4);
}

/* Rows chosen from what the doctor saw in the connection (docs/doctor.md "Knowledge base"). */
static void test_row_choice_from_the_chain(void **state)
{
    (void)state;
    struct doctor_kb_ctx cross = { .cross_signed = true, .sni = true };
    struct doctor_kb_ctx leaf = { .leaf_only = true, .sni = true };
    struct doctor_kb_ctx gts = { .gts_root = true };
    struct doctor_kb_ctx gts_pg = { .gts_root = true, .playground = true };
    struct doctor_kb_ctx masked = { .suites_restricted = true };
    const struct doctor_kb *r = doctor_kb_find(SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, &cross);
    assert_string_equal(r->ref, "D.1 #2a");
    assert_non_null(strstr(r->cause, "cross-sign"));
    assert_string_equal(doctor_kb_find(SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, &leaf)->ref, "D.1 #12");
    assert_string_equal(doctor_kb_find(SL_ERROR_BSD_ESECUNKNOWNROOTCA, &gts)->ref, "D.1 #17");
    assert_string_equal(doctor_kb_find(SL_ERROR_BSD_ESECUNKNOWNROOTCA, &gts_pg)->ref, "D.1 #1");
    r = doctor_kb_find(SL_ERROR_BSD_ESEC_HANDSHAKE_FAILURE, &masked);
    assert_string_equal(r->ref, "D.1 #15");
    assert_null(strstr(r->fix, "SNI")); /* a restricted mask: suites, not SNI */
    r = doctor_kb_find(-348, NULL);
    assert_non_null(r);
    assert_non_null(strstr(r->cause, "client certificate"));
}

/* D.1 #21 and #22 cannot be produced by one `slsim doctor` run (it opens one socket and always
 * completes a blocking connect); test_matrix scenarios 25 and 26 produce the codes, and here
 * the doctor's explanation of them is pinned (also what --decode prints). */
static void test_rows_not_produced_by_the_doctor(void **state)
{
    (void)state;
    const struct doctor_kb *r = doctor_kb_find(SL_ERROR_BSD_ESECT00MANYSSLOPENED, NULL);
    assert_non_null(r);
    assert_string_equal(r->ref, "D.1 #21");
    assert_non_null(strstr(r->cause, "6 on CC3220"));
    assert_non_null(strstr(r->fix, "sl_Close"));
    assert_string_equal(doctor_kb_verdict(SL_ERROR_BSD_ESECT00MANYSSLOPENED),
                        "not connected: too many secure sockets");
    r = doctor_kb_find(SL_ERROR_BSD_EALREADY, NULL);
    assert_non_null(r);
    assert_string_equal(r->ref, "D.1 #22");
    assert_non_null(strstr(r->cause, "non-blocking"));
    assert_non_null(strstr(r->fix, "sl_Select"));
}

static void test_playground_fix_names_catalog(void **state)
{
    (void)state;
    struct doctor_kb_ctx pg = { .playground = true };
    const struct doctor_kb *r = doctor_kb_find(SL_ERROR_BSD_ESECUNKNOWNROOTCA, &pg);
    char buf[512];
    doctor_kb_expand(r->command, "dev.img", "3235", buf, sizeof(buf));
    assert_string_equal(buf, "slsim catalog install dev.img certcatalog20190217.lst "
                             "--ti-signature certcatalog20190217.lst.signed_3235.bin");
}

static void test_packed_decode_row(void **state)
{
    (void)state;
    long err = 0;
    unsigned ext = 0;
    assert_true(slsim_sl_is_packed(-677705143L));
    slsim_sl_unpack(-677705143L, &err, &ext);
    assert_int_equal(err, SL_ERROR_FS_FILE_NOT_EXISTS);
    assert_int_equal(ext, 2633);
    assert_non_null(strstr(doctor_kb_find((int32_t)err, NULL)->fix, "CN"));
}

static void test_verdicts(void **state)
{
    (void)state;
    assert_string_equal(doctor_kb_verdict(SL_ERROR_BSD_ESECUNKNOWNROOTCA),
                        "connected, but the root CA is not in the device's catalog");
    assert_string_equal(doctor_kb_verdict(0), "connected and verified");
    assert_true(strncmp(doctor_kb_verdict(SL_ERROR_BSD_ESEC_DOMAIN_NAME_MISMATCH), "not connected",
                        13) == 0);
    assert_true(strncmp(doctor_kb_verdict(-346), "not connected", 13) == 0);
}

static struct doctor_openssl os_of(int32_t code, uint32_t flags, size_t sent, bool self)
{
    struct slsim_finding f;
    memset(&f, 0, sizeof(f));
    f.code = code;
    f.flags = flags;
    struct doctor_chain_shape s = { sent, self };
    return doctor_kb_openssl(&f, &s);
}

static void test_openssl_table(void **state)
{
    (void)state;
    assert_int_equal(os_of(SL_ERROR_BSD_ESECDATEERROR, SLSIM_X509_BADCERT_EXPIRED, 2, 0).code, 10);
    assert_int_equal(os_of(SL_ERROR_BSD_ESECDATEERROR, SLSIM_X509_BADCERT_FUTURE, 2, 0).code, 9);
    assert_int_equal(os_of(SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, 8, 2, false).code, 20);
    assert_int_equal(os_of(SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, 8, 3, true).code, 19);
    assert_int_equal(os_of(SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, 8, 1, true).code, 18);
    assert_int_equal(os_of(SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, 8, 1, false).code, 21);
    assert_int_equal(os_of(SL_ERROR_BSD_ESEC_DOMAIN_NAME_MISMATCH, 4, 1, 0).code, 62);
    assert_int_equal(os_of(SL_ERROR_BSD_ESECCERTIFICATEREVOKED, 2, 1, 0).code, 23);
    assert_int_equal(os_of(SL_ERROR_BSD_ESEC_NOT_CA_ERROR, 8, 1, 0).code, 24);
    assert_int_equal(os_of(SL_ERROR_BSD_ESEC_ASN_SIG_CONFIRM_E, 8, 1, 0).code, 7);
    assert_int_equal(os_of(SL_ERROR_BSD_ESEC_MAX_CHAIN_ERROR, 0, 10, 0).code, 22);
    assert_string_equal(os_of(SL_ERROR_BSD_ESECDATEERROR, 1, 2, 0).text, "certificate has expired");
    assert_int_equal(os_of(-340, 0, 0, 0).code, 0);
}

static void test_flag_names(void **state)
{
    (void)state;
    char buf[128];
    doctor_kb_flag_names(SLSIM_X509_BADCERT_EXPIRED | SLSIM_X509_BADCERT_NOT_TRUSTED, buf,
                         sizeof(buf));
    assert_string_equal(buf, "BADCERT_EXPIRED|BADCERT_NOT_TRUSTED");
    doctor_kb_flag_names(0, buf, sizeof(buf));
    assert_string_equal(buf, "");
    assert_int_equal(doctor_kb_flag_count(), 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_row_complete),
        cmocka_unit_test(test_every_reference_row_covered),
        cmocka_unit_test(test_row_choice),
        cmocka_unit_test(test_row_choice_from_the_chain),
        cmocka_unit_test(test_rows_not_produced_by_the_doctor),
        cmocka_unit_test(test_playground_fix_names_catalog),
        cmocka_unit_test(test_packed_decode_row),
        cmocka_unit_test(test_verdicts),
        cmocka_unit_test(test_openssl_table),
        cmocka_unit_test(test_flag_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
