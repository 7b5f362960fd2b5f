/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_telemetry_sensor.c
 * @brief Unit tests of examples/telemetry/sensor.c: the simulated signal (noise level, the
 *        event burst), CSV parsing (rows, header, comments, bad lines) and the JSON payloads
 *        and topics (exact text, overflow).
 */
#include "sensor.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

static void test_tele_sensor_read__quiet_before_event(void **state)
{
    (void)state;
    struct tele_sensor s;
    tele_sensor_init(&s, 7, 2.0);
    double max_dev = 0.0;
    for (uint64_t k = 0; k < 200; k++) { /* 0 .. 1.99 s at 100 Hz */
        struct tele_sample x;
        tele_sensor_read(&s, k, 100.0, &x);
        max_dev = fmax(max_dev, fabs(x.az - 1.0));
        max_dev = fmax(max_dev, fmax(fabs(x.ax), fabs(x.ay)));
        assert_true(x.has_temp);
        assert_true(x.temp_c > 22.0 && x.temp_c < 25.0);
    }
    assert_true(max_dev < 0.07); /* noise 0.01 g, bounded at 6 sigma by construction */
}

static void test_tele_sensor_read__event_burst(void **state)
{
    (void)state;
    struct tele_sensor s;
    tele_sensor_init(&s, 7, 1.0);
    double peak = 0.0;
    double late = 0.0;
    for (uint64_t k = 100; k < 400; k++) {
        struct tele_sample x;
        tele_sensor_read(&s, k, 100.0, &x);
        double dev = fabs(x.az - 1.0);
        if (k < 140) {
            peak = fmax(peak, dev);
        } else if (k >= 300) {
            late = fmax(late, dev);
        }
    }
    assert_true(peak > 0.4);  /* 0.8 g burst */
    assert_true(late < 0.07); /* decayed after 2 s (tau 0.25 s) */
}

static void test_tele_sensor_read__deterministic(void **state)
{
    (void)state;
    struct tele_sensor a;
    struct tele_sensor b;
    tele_sensor_init(&a, 42, -1.0);
    tele_sensor_init(&b, 42, -1.0);
    for (uint64_t k = 0; k < 50; k++) {
        struct tele_sample x;
        struct tele_sample y;
        tele_sensor_read(&a, k, 100.0, &x);
        tele_sensor_read(&b, k, 100.0, &y);
        assert_true(x.ax == y.ax && x.ay == y.ay && x.az == y.az);
    }
}

static const struct csv_case {
    const char *text;
    int rc;
    size_t rows;
    size_t bad_line;
    const char *why;
} csv_cases[] = {
    { "t,ax,ay,az,temp\n0,0.1,0.2,1.0,21.5\n0.01,0.0,0.0,0.9\n", 0, 2, 0, "header, 5 and 4 cols" },
    { "# comment\n\n0,1,2,3\r\n", 0, 1, 0, "comment, empty line, CRLF" },
    { "0,1,2\n", -1, 0, 1, "three columns" },
    { "0,1,2,3\nx,1,2,3\n", -1, 0, 2, "text after the first row" },
    { "0,1,2,3,4,5\n", -1, 0, 1, "six columns" },
    { "t,ax,ay,az\n", -1, 0, 0, "header only" },
    { "# c\nt,ax,ay,az\n1,2,3,4\n", 0, 1, 0, "header after a comment" },
    { "", -1, 0, 0, "empty" },
};

static void test_tele_csv_parse__table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(csv_cases) / sizeof(csv_cases[0]); i++) {
        const struct csv_case *c = &csv_cases[i];
        struct tele_csv csv;
        size_t bad = 99;
        int rc = tele_csv_parse(c->text, strlen(c->text), &csv, &bad);
        print_message("case: %s\n", c->why);
        assert_int_equal(rc, c->rc);
        assert_int_equal(csv.n, c->rows);
        if (rc != 0) {
            assert_int_equal(bad, c->bad_line);
        }
        tele_csv_free(&csv);
    }
}

static void test_tele_sensor_read__csv_replay(void **state)
{
    (void)state;
    const char *text = "0,0.1,0.2,1.0,21.5\n0.01,0.3,0.4,0.9\n";
    struct tele_csv csv;
    size_t bad = 0;
    assert_int_equal(tele_csv_parse(text, strlen(text), &csv, &bad), 0);
    struct tele_sensor s;
    tele_sensor_init(&s, 1, -1.0);
    s.csv = &csv;
    struct tele_sample x;
    tele_sensor_read(&s, 1, 100.0, &x);
    assert_true(x.ax == 0.3 && x.ay == 0.4 && x.az == 0.9 && !x.has_temp);
    tele_sensor_read(&s, 2, 100.0, &x); /* wraps around */
    assert_true(x.ax == 0.1 && x.has_temp && x.temp_c == 21.5);
    tele_csv_free(&csv);
}

static void test_tele_format_accel__exact(void **state)
{
    (void)state;
    const struct tele_sample s[2] = { { 0.01, -0.02, 1.0, 0, false },
                                      { 0.5, 0.25, 0.98765, 0, false } };
    char buf[256];
    size_t n = tele_format_accel(buf, sizeof(buf), "dev1", 3, 1700000000123ull, 100.0, s, 2);
    const char *want =
        "{\"device\":\"dev1\",\"seq\":3,\"ts\":1700000000123,\"rate_hz\":100,"
        "\"unit\":\"g\",\"samples\":[[0.0100,-0.0200,1.0000],[0.5000,0.2500,0.9877]]}";
    assert_string_equal(buf, want);
    assert_int_equal(n, strlen(want));
    assert_int_equal(tele_format_accel(buf, 40, "dev1", 3, 0, 100.0, s, 2), 0); /* too small */
}

static void test_tele_format_temp__exact(void **state)
{
    (void)state;
    char buf[128];
    size_t n = tele_format_temp(buf, sizeof(buf), "dev1", 0, 42, 23.456);
    assert_string_equal(buf, "{\"device\":\"dev1\",\"seq\":0,\"ts\":42,\"temp_c\":23.46}");
    assert_int_equal(n, strlen(buf));
    assert_int_equal(tele_format_temp(buf, 10, "dev1", 0, 42, 23.456), 0);
}

static void test_tele_topic__layout(void **state)
{
    (void)state;
    char buf[64];
    assert_int_equal(tele_topic(buf, sizeof(buf), "545acc1c00", "accel"), 0);
    assert_string_equal(buf, "dt/545acc1c00/accel");
    assert_int_equal(tele_topic(buf, sizeof(buf), "a/b", "temp"), -1);
    assert_int_equal(tele_topic(buf, sizeof(buf), "a+", "temp"), -1);
    assert_int_equal(tele_topic(buf, sizeof(buf), "", "temp"), -1);
    assert_int_equal(tele_topic(buf, 8, "545acc1c00", "temp"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tele_sensor_read__quiet_before_event),
        cmocka_unit_test(test_tele_sensor_read__event_burst),
        cmocka_unit_test(test_tele_sensor_read__deterministic),
        cmocka_unit_test(test_tele_csv_parse__table),
        cmocka_unit_test(test_tele_sensor_read__csv_replay),
        cmocka_unit_test(test_tele_format_accel__exact),
        cmocka_unit_test(test_tele_format_temp__exact),
        cmocka_unit_test(test_tele_topic__layout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
