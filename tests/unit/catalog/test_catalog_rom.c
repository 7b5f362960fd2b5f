/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_catalog_rom.c
 * @brief The embedded slsim ROM key equals the committed DER files (data/rom/), and is what the
 *        README says: RSA-2048, self-signed, CN "slsim ROM key (emulation only)", a matching pair.
 */
#include "catalog/catalog_store.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <mbedtls/oid.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

#ifndef SLSIM_SOURCE_DIR
#error "SLSIM_SOURCE_DIR must name the source tree"
#endif

static void test_slsim_catalog_rom__matches_data_files(void **state)
{
    static const struct {
        const char *file;
        const uint8_t *(*get)(size_t *len);
    } cases[] = {
        { "data/rom/slsim-rom-key.der", slsim_catalog_rom_key_der },
        { "data/rom/slsim-rom-cert.der", slsim_catalog_rom_cert_der },
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char path[512];
        (void)snprintf(path, sizeof(path), "%s/%s", SLSIM_SOURCE_DIR, cases[i].file);
        uint8_t *want = NULL;
        size_t want_len = 0;
        assert_int_equal(slsim_read_host_file(path, 1u << 16, &want, &want_len), 0);
        size_t len = 0;
        const uint8_t *got = cases[i].get(&len);
        assert_non_null(got);
        assert_int_equal(len, want_len);
        assert_memory_equal(got, want, len);
        free(want);
    }
}

static void test_slsim_catalog_rom_cert_der__subject_and_key(void **state)
{
    (void)state;
    size_t cert_len = 0, key_len = 0;
    const uint8_t *cert = slsim_catalog_rom_cert_der(&cert_len);
    const uint8_t *key = slsim_catalog_rom_key_der(&key_len);
    mbedtls_x509_crt crt;
    mbedtls_pk_context priv;
    mbedtls_x509_crt_init(&crt);
    mbedtls_pk_init(&priv);
    assert_int_equal(mbedtls_x509_crt_parse_der(&crt, cert, cert_len), 0);
    assert_int_equal(mbedtls_pk_parse_key(&priv, key, key_len, NULL, 0), 0);

    const mbedtls_x509_name *cn = &crt.subject;
    while (cn != NULL && MBEDTLS_OID_CMP(MBEDTLS_OID_AT_CN, &cn->oid) != 0) {
        cn = cn->next;
    }
    static const char want_cn[] = "slsim ROM key (emulation only)";
    assert_non_null(cn);
    assert_int_equal(cn->val.len, strlen(want_cn));
    assert_memory_equal(cn->val.p, want_cn, strlen(want_cn));
    assert_int_equal(crt.subject_raw.len, crt.issuer_raw.len);
    assert_memory_equal(crt.subject_raw.p, crt.issuer_raw.p, crt.subject_raw.len);
    assert_int_equal(mbedtls_pk_get_type(&crt.pk), MBEDTLS_PK_RSA);
    assert_int_equal(mbedtls_pk_get_bitlen(&crt.pk), SLSIM_CATALOG_MAX_RSA_BITS);
    assert_int_equal(mbedtls_pk_check_pair(&crt.pk, &priv), 0);

    mbedtls_pk_free(&priv);
    mbedtls_x509_crt_free(&crt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slsim_catalog_rom__matches_data_files),
        cmocka_unit_test(test_slsim_catalog_rom_cert_der__subject_and_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
