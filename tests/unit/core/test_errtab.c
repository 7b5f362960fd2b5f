/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_errtab.c
 * @brief Unit tests of the SimpleLink return-code table (src/core/core_errtab.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "core/errtab.h"

#include <ti/drivers/net/wifi/errors.h>
#include <ti/drivers/net/wifi/netapp.h>

/* The aliases declared in sl_errors.def, to tell them from accidental duplicates. */
struct alias_decl {
    const char *name;
    const char *primary;
};

#define X(name, msg)
#define A(name, primary) { #name, #primary },
static const struct alias_decl aliases[] = {
#include "core/sl_errors.def"
};
#undef X
#undef A

/* Number of lines in sl_errors.def. */
#define X(name, msg)     +1
#define A(name, primary) +1
static const size_t def_lines = 0
#include "core/sl_errors.def"
    ;
#undef X
#undef A

#define N_ALIASES (sizeof(aliases) / sizeof(aliases[0]))

static const char *declared_primary(const char *name)
{
    for (size_t i = 0; i < N_ALIASES; i++) {
        if (strcmp(aliases[i].name, name) == 0) {
            return aliases[i].primary;
        }
    }
    return NULL;
}

/* ---- table shape --------------------------------------------------------------------------- */

static void test_slsim_sl_errtab_count__matches_def(void **state)
{
    (void)state;
    assert_int_equal(slsim_sl_errtab_count(), def_lines);
    assert_true(slsim_sl_errtab_count() > 380);
}

static void test_slsim_sl_errtab_at__sorted_descending_with_aliases_after_primary(void **state)
{
    (void)state;
    size_t n = slsim_sl_errtab_count();
    const struct slsim_sl_err *primary = slsim_sl_errtab_at(0);

    assert_non_null(primary);
    assert_null(declared_primary(primary->name));
    for (size_t i = 1; i < n; i++) {
        const struct slsim_sl_err *prev = slsim_sl_errtab_at(i - 1);
        const struct slsim_sl_err *cur = slsim_sl_errtab_at(i);
        const char *decl = declared_primary(cur->name);

        assert_non_null(cur);
        if (cur->code > prev->code) {
            fail_msg("%s (%ld) after %s (%ld): not descending", cur->name, cur->code, prev->name,
                     prev->code);
        }
        if (cur->code == prev->code) {
            /* a duplicate value must be a declared alias of the run's primary */
            if (decl == NULL || strcmp(decl, primary->name) != 0) {
                fail_msg("%s duplicates %ld without an A() line naming %s", cur->name, cur->code,
                         primary->name);
            }
        } else {
            if (decl != NULL) {
                fail_msg("alias %s is not right after its primary", cur->name);
            }
            primary = cur;
        }
    }
}

static void test_slsim_sl_errtab_at__names_unique(void **state)
{
    (void)state;
    size_t n = slsim_sl_errtab_count();

    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            if (strcmp(slsim_sl_errtab_at(i)->name, slsim_sl_errtab_at(j)->name) == 0) {
                fail_msg("%s listed twice", slsim_sl_errtab_at(i)->name);
            }
        }
    }
}

static void test_slsim_sl_errtab_at__messages_follow_style(void **state)
{
    (void)state;
    for (size_t i = 0; i < slsim_sl_errtab_count(); i++) {
        const struct slsim_sl_err *e = slsim_sl_errtab_at(i);
        size_t len = strlen(e->msg);

        assert_true(strncmp(e->name, "SL_", 3) == 0);
        if (len == 0 || e->msg[len - 1] == '.' || e->msg[len - 1] == ' ') {
            fail_msg("%s: empty message or final period/space", e->name);
        }
        /* lowercase start, except for an acronym such as "TLS:" or "CA file" */
        if (e->msg[0] >= 'A' && e->msg[0] <= 'Z' && !(e->msg[1] >= 'A' && e->msg[1] <= 'Z')) {
            fail_msg("%s: message starts with a capital: %s", e->name, e->msg);
        }
    }
}

static void test_slsim_sl_errtab_at__out_of_range_is_null(void **state)
{
    (void)state;
    assert_null(slsim_sl_errtab_at(slsim_sl_errtab_count()));
    assert_null(slsim_sl_errtab_at((size_t)-1));
}

/* ---- lookups -------------------------------------------------------------------------------- */

static const struct name_case {
    long code;
    const char *name;
} name_cases[] = {
    { 0, "SL_RET_CODE_OK" },
    { -1, "SL_ERROR_BSD_SOC_ERROR" },
    { -11, "SL_ERROR_BSD_EAGAIN" },
    { SL_ERROR_BSD_EWOULDBLOCK, "SL_ERROR_BSD_EAGAIN" },
    { -105, "SL_ERROR_BSD_ENOBUFS" },
    { SL_ERROR_BSD_EOBUFF, "SL_ERROR_BSD_ENOBUFS" },
    { -230, "SL_NETAPP_RX_BUFFER_LENGTH_ERROR" },
    { -300, "SL_ERROR_BSD_ESEC_CLOSE_NOTIFY" },
    { -453, "SL_ERROR_BSD_ESECSNOVERIFY" },
    { -460, "SL_ERROR_BSD_ESECT00MANYSSLOPENED" },
    { -468, "SL_ERROR_BSD_ESECUNKNOWNROOTCA" },
    { -688, "SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E" },
    { -791, "SL_ERROR_BSD_ESEC_MATCH_SUITE_ERROR" },
    { -2000, "SL_POOL_IS_EMPTY" },
    { -2024, "SL_RET_CODE_STARTTLS_IN_PROGRESS_ON_THIS_SD" },
    { -4102, "SL_ERROR_FS_FILE_TABLE_LOAD_FAILED" },
    { -4111, "SL_ERROR_FS_CORRUPTED_ERR" },
    { -4122, "SL_ERROR_FIPS_ERR" },
    { -6153, "SL_ERROR_NET_APP_DNS_TIMEOUTR" },
    { -10287, "SL_ERROR_FS_ROOT_CA_IS_UNKOWN" },
    { -10341, "SL_ERROR_FS_FILE_NOT_EXISTS" },
    { -10372, "SL_ERROR_FS_WRONG_CERTIFICATE_FILE_NAME" },
    { -28674, "SL_ERROR_DEVICE_LOCKED_SECURITY_ALERT" },
    { -673579008, "SL_ERROR_FS_WRONG_INPUT_SIZE_INTERNAL_SHIFTED_16_LEFT" },
    { -674430976, "SL_ERROR_FS_NOT_16_ALIGNED_INTERNAL_SHIFTED_16_LEFT" },
};

static void test_slsim_sl_errname__known_codes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(name_cases) / sizeof(name_cases[0]); i++) {
        const char *got = slsim_sl_errname(name_cases[i].code);
        if (got == NULL || strcmp(got, name_cases[i].name) != 0) {
            fail_msg("%ld: got %s, want %s", name_cases[i].code, got ? got : "NULL",
                     name_cases[i].name);
        }
    }
}

static void test_slsim_sl_errname__every_entry_finds_its_primary(void **state)
{
    (void)state;
    for (size_t i = 0; i < slsim_sl_errtab_count(); i++) {
        const struct slsim_sl_err *e = slsim_sl_errtab_at(i);
        const char *decl = declared_primary(e->name);
        const char *want = decl != NULL ? decl : e->name;

        assert_string_equal(slsim_sl_errname(e->code), want);
    }
}

static void test_slsim_sl_errname__unknown_is_null(void **state)
{
    (void)state;
    static const long unknown[] = { 1,    -2,    -5,     -16,        -229,     -231,
                                    -299, -2025, -65536, -677705143, LONG_MIN, LONG_MAX };

    for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
        assert_null(slsim_sl_errname(unknown[i]));
        assert_string_equal(slsim_sl_strerror(unknown[i]), "unknown error");
    }
}

static void test_slsim_sl_strerror__sample(void **state)
{
    (void)state;
    assert_string_equal(slsim_sl_strerror(SL_ERROR_BSD_ESECUNKNOWNROOTCA),
                        "connected; root CA not in the catalog");
    assert_string_equal(slsim_sl_strerror(SL_ERROR_BSD_EAGAIN), "resource temporarily unavailable");
    /* an alias value gives the primary's message, not "alias of ..." */
    assert_string_equal(slsim_sl_strerror(SL_ERROR_BSD_EWOULDBLOCK),
                        slsim_sl_strerror(SL_ERROR_BSD_EAGAIN));
    assert_string_equal(slsim_sl_strerror(SL_FS_OK), "success");
}

static void test_slsim_sl_strerror__only_warning_codes_say_connected(void **state)
{
    (void)state;
    static const long warnings[] = { SL_ERROR_BSD_ESECSNOVERIFY, SL_ERROR_BSD_ESECDATEERROR,
                                     SL_ERROR_BSD_ESECCERTIFICATEREVOKED,
                                     SL_ERROR_BSD_ESECUNKNOWNROOTCA };
    size_t connected = 0;

    for (size_t i = 0; i < sizeof(warnings) / sizeof(warnings[0]); i++) {
        assert_true(strncmp(slsim_sl_strerror(warnings[i]), "connected", 9) == 0);
    }
    for (size_t i = 0; i < slsim_sl_errtab_count(); i++) {
        if (strncmp(slsim_sl_errtab_at(i)->msg, "connected", 9) == 0) {
            connected++;
        }
    }
    assert_int_equal(connected, 4);
}

/* ---- packed codes and formatting ----------------------------------------------------------- */

static const struct unpack_case {
    long packed;
    bool is_packed;
    long err;
    unsigned ext;
} unpack_cases[] = {
    { -677705143, true, -10341, 2633 },
    { SL_ERROR_FS_WRONG_INPUT_SIZE_INTERNAL_SHIFTED_16_LEFT, true, -10278, 0 },
    { SL_ERROR_FS_NOT_16_ALIGNED_INTERNAL_SHIFTED_16_LEFT, true, -10291, 0 },
    { -65536, true, -1, 0 },
    { (long)INT32_MIN, true, -32768, 0 },
    { -65535, false, -1, 1 },
    { 0, false, 0, 0 },
    { (long)INT32_MIN - 1, false, 32767, 0xFFFF },
};

static void test_slsim_sl_unpack__examples(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(unpack_cases) / sizeof(unpack_cases[0]); i++) {
        const struct unpack_case *c = &unpack_cases[i];
        long err = 12345;
        unsigned ext = 12345;

        slsim_sl_unpack(c->packed, &err, &ext);
        assert_int_equal(slsim_sl_is_packed(c->packed), c->is_packed);
        if (err != c->err || ext != c->ext) {
            fail_msg("%ld: got err %ld ext %u, want %ld %u", c->packed, err, ext, c->err, c->ext);
        }
    }
}

static void test_slsim_sl_unpack__null_outputs(void **state)
{
    (void)state;
    long err = 0;
    unsigned ext = 0;

    slsim_sl_unpack(-677705143, NULL, &ext);
    assert_int_equal(ext, 2633);
    slsim_sl_unpack(-677705143, &err, NULL);
    assert_int_equal(err, -10341);
    slsim_sl_unpack(-677705143, NULL, NULL);
}

static const struct fmt_case {
    long code;
    const char *want;
} fmt_cases[] = {
    { 0, "SL_RET_CODE_OK (0)" },
    { -468, "SL_ERROR_BSD_ESECUNKNOWNROOTCA (-468)" },
    { -11, "SL_ERROR_BSD_EAGAIN (-11)" },
    { -10341, "SL_ERROR_FS_FILE_NOT_EXISTS (-10341)" },
    { -2, "unknown error (-2)" },
    { 7, "unknown error (7)" },
    { -677705143, "SL_ERROR_FS_FILE_NOT_EXISTS (-10341) ext 2633 [packed -677705143]" },
    { -673579008, "SL_ERROR_FS_WRONG_INPUT_SIZE (-10278) ext 0 [packed -673579008]" },
    { -674430976, "SL_ERROR_FS_NOT_16_ALIGNED (-10291) ext 0 [packed -674430976]" },
    { -131072, "unknown error (-2) ext 0 [packed -131072]" },
    { (long)INT32_MIN - 1, "unknown error (-2147483649)" },
};

static void test_slsim_sl_errfmt__table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(fmt_cases) / sizeof(fmt_cases[0]); i++) {
        char buf[128];
        char *ret = slsim_sl_errfmt(fmt_cases[i].code, buf, sizeof(buf));

        assert_ptr_equal(ret, buf);
        assert_string_equal(buf, fmt_cases[i].want);
    }
}

static void test_slsim_sl_errfmt__truncates_and_terminates(void **state)
{
    (void)state;
    char buf[8];

    memset(buf, 'x', sizeof(buf));
    slsim_sl_errfmt(-468, buf, sizeof(buf));
    assert_string_equal(buf, "SL_ERRO");
    buf[0] = 'x';
    assert_ptr_equal(slsim_sl_errfmt(-468, buf, 0), buf);
    assert_int_equal(buf[0], 'x');
    assert_null(slsim_sl_errfmt(-468, NULL, 16));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slsim_sl_errtab_count__matches_def),
        cmocka_unit_test(test_slsim_sl_errtab_at__sorted_descending_with_aliases_after_primary),
        cmocka_unit_test(test_slsim_sl_errtab_at__names_unique),
        cmocka_unit_test(test_slsim_sl_errtab_at__messages_follow_style),
        cmocka_unit_test(test_slsim_sl_errtab_at__out_of_range_is_null),
        cmocka_unit_test(test_slsim_sl_errname__known_codes),
        cmocka_unit_test(test_slsim_sl_errname__every_entry_finds_its_primary),
        cmocka_unit_test(test_slsim_sl_errname__unknown_is_null),
        cmocka_unit_test(test_slsim_sl_strerror__sample),
        cmocka_unit_test(test_slsim_sl_strerror__only_warning_codes_say_connected),
        cmocka_unit_test(test_slsim_sl_unpack__examples),
        cmocka_unit_test(test_slsim_sl_unpack__null_outputs),
        cmocka_unit_test(test_slsim_sl_errfmt__table),
        cmocka_unit_test(test_slsim_sl_errfmt__truncates_and_terminates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
