/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sensor.c
 * @brief The simulated sensor, the CSV replay and the JSON payloads of the telemetry example
 *        (pure: see sensor.h).
 */
#include "sensor.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TELE_PI 3.14159265358979323846

void tele_sensor_init(struct tele_sensor *s, uint32_t seed, double event_at_s)
{
    memset(s, 0, sizeof(*s));
    s->seed = seed != 0 ? seed : 0x9E3779B9u;
    s->noise_g = 0.01;
    s->event_at_s = event_at_s;
    s->event_g = 0.8;
    s->event_hz = 8.0;
    s->event_tau_s = 0.25;
    s->temp_base_c = 23.5;
}

static uint32_t xorshift32(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

/* Approximately normal (Irwin-Hall of 12 uniforms, minus 6): mean 0, variance 1. */
static double gauss(uint32_t *state)
{
    double sum = 0.0;
    for (int i = 0; i < 12; i++) {
        sum += (double)xorshift32(state) / 4294967296.0;
    }
    return sum - 6.0;
}

void tele_sensor_read(struct tele_sensor *s, uint64_t k, double rate_hz, struct tele_sample *out)
{
    if (s->csv != NULL && s->csv->n > 0) {
        *out = s->csv->rows[k % s->csv->n];
        return;
    }
    double t = (double)k / rate_hz;
    double burst = 0.0;
    if (s->event_at_s >= 0.0 && t >= s->event_at_s) {
        double dt = t - s->event_at_s;
        burst = s->event_g * exp(-dt / s->event_tau_s) * sin(2.0 * TELE_PI * s->event_hz * dt);
    }
    out->ax = s->noise_g * gauss(&s->seed) + 0.6 * burst;
    out->ay = s->noise_g * gauss(&s->seed) + 0.3 * burst;
    out->az = 1.0 + s->noise_g * gauss(&s->seed) + burst;
    out->temp_c = s->temp_base_c + 0.5 * sin(2.0 * TELE_PI * t / 600.0) + 0.05 * gauss(&s->seed);
    out->has_temp = true;
}

/* ---- CSV ----------------------------------------------------------------------------------- */

/* Parses up to @p max comma-separated numbers of one line; returns how many, -1 if malformed. */
static int parse_fields(const char *line, double *v, int max)
{
    int n = 0;
    const char *p = line;
    for (;;) {
        char *end = NULL;
        double d = strtod(p, &end);
        if (end == p || n == max) {
            return -1;
        }
        v[n++] = d;
        p = end + strspn(end, " \t\r");
        if (*p == '\0') {
            return n;
        }
        if (*p != ',') {
            return -1;
        }
        p++;
    }
}

static int add_row(struct tele_csv *csv, size_t *cap, const double *v, int n)
{
    if (csv->n == *cap) {
        size_t ncap = *cap != 0 ? *cap * 2 : 64;
        struct tele_sample *rows = realloc(csv->rows, ncap * sizeof(*rows));
        if (rows == NULL) {
            return -1;
        }
        csv->rows = rows;
        *cap = ncap;
    }
    struct tele_sample *r = &csv->rows[csv->n++];
    r->ax = v[1];
    r->ay = v[2];
    r->az = v[3];
    r->has_temp = n == 5;
    r->temp_c = n == 5 ? v[4] : 0.0;
    return 0;
}

int tele_csv_parse(const char *text, size_t len, struct tele_csv *csv, size_t *bad_line)
{
    size_t cap = 0;
    size_t lineno = 0;
    char line[512];
    memset(csv, 0, sizeof(*csv));
    *bad_line = 0;
    for (size_t i = 0; i < len;) {
        size_t n = 0;
        while (i + n < len && text[i + n] != '\n') {
            n++;
        }
        lineno++;
        size_t copy = n < sizeof(line) - 1 ? n : sizeof(line) - 1;
        memcpy(line, text + i, copy);
        line[copy] = '\0';
        i += n + 1;
        const char *p = line + strspn(line, " \t\r");
        double v[5];
        if (*p == '\0' || *p == '#') {
            continue;
        }
        int got = parse_fields(p, v, 5);
        char *num_end = NULL;
        (void)strtod(p, &num_end);
        if (got < 0 && csv->n == 0 && num_end == p) {
            continue; /* a header line: the first field is not a number */
        }
        if (got < 4 || n >= sizeof(line) || add_row(csv, &cap, v, got) != 0) {
            *bad_line = got < 4 || n >= sizeof(line) ? lineno : 0;
            tele_csv_free(csv);
            return -1;
        }
    }
    if (csv->n == 0) {
        return -1;
    }
    return 0;
}

void tele_csv_free(struct tele_csv *csv)
{
    free(csv->rows);
    csv->rows = NULL;
    csv->n = 0;
}

/* ---- JSON ---------------------------------------------------------------------------------- */

/* Appends with vsnprintf; *used becomes cap (overflow) when it does not fit. */
__attribute__((format(printf, 4, 5))) static void
put(char *buf, size_t cap, size_t *used, const char *fmt, ...)
{
    if (*used >= cap) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf + *used, cap - *used, fmt, ap);
    va_end(ap);
    *used = w < 0 || (size_t)w >= cap - *used ? cap : *used + (size_t)w;
}

/* Device names are checked by tele_topic(); JSON needs no escaping for them. */
size_t tele_format_accel(char *buf,
                         size_t cap,
                         const char *device,
                         uint32_t seq,
                         uint64_t ts_ms,
                         double rate_hz,
                         const struct tele_sample *samples,
                         size_t n)
{
    size_t used = 0;
    put(buf, cap, &used,
        "{\"device\":\"%s\",\"seq\":%lu,\"ts\":%llu,\"rate_hz\":%g,\"unit\":\"g\",\"samples\":[",
        device, (unsigned long)seq, (unsigned long long)ts_ms, rate_hz);
    for (size_t i = 0; i < n; i++) {
        put(buf, cap, &used, "%s[%.4f,%.4f,%.4f]", i > 0 ? "," : "", samples[i].ax, samples[i].ay,
            samples[i].az);
    }
    put(buf, cap, &used, "]}");
    return used < cap ? used : 0;
}

size_t tele_format_temp(
    char *buf, size_t cap, const char *device, uint32_t seq, uint64_t ts_ms, double temp_c)
{
    size_t used = 0;
    put(buf, cap, &used, "{\"device\":\"%s\",\"seq\":%lu,\"ts\":%llu,\"temp_c\":%.2f}", device,
        (unsigned long)seq, (unsigned long long)ts_ms, temp_c);
    return used < cap ? used : 0;
}

int tele_topic(char *buf, size_t cap, const char *device, const char *kind)
{
    size_t len = strlen(device);
    if (len == 0 || strcspn(device, "/+#\"\\") != len) {
        return -1;
    }
    int w = snprintf(buf, cap, "dt/%s/%s", device, kind);
    return w < 0 || (size_t)w >= cap ? -1 : 0;
}
