/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file bench_util.c
 * @brief Clocks, statistics, `key=value` output, options, files and loopback ports for
 *        bench_handshake. Nothing here is timed: it runs between measurements.
 */
#include "bench_util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int bench_samples_add(struct bench_samples *s, double v)
{
    if (s->n == s->cap) {
        size_t cap = s->cap == 0 ? 256u : s->cap * 2u;
        double *nv = realloc(s->v, cap * sizeof(*nv));
        if (nv == NULL) {
            return -1;
        }
        s->v = nv;
        s->cap = cap;
    }
    s->v[s->n++] = v;
    return 0;
}

void bench_samples_free(struct bench_samples *s)
{
    free(s->v);
    memset(s, 0, sizeof(*s));
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile of a sorted array: the smallest value with at least pct % at or
 * below it. */
static double rank(const double *sorted, size_t n, double pct)
{
    size_t k = (size_t)((pct / 100.0) * (double)n + 0.999999);
    if (k < 1) {
        k = 1;
    }
    if (k > n) {
        k = n;
    }
    return sorted[k - 1];
}

int bench_stats_of(const struct bench_samples *s, struct bench_stats *out)
{
    memset(out, 0, sizeof(*out));
    if (s->n == 0) {
        return 0;
    }
    double *copy = malloc(s->n * sizeof(*copy));
    if (copy == NULL) {
        return -1;
    }
    memcpy(copy, s->v, s->n * sizeof(*copy));
    qsort(copy, s->n, sizeof(*copy), cmp_double);
    double sum = 0;
    for (size_t i = 0; i < s->n; i++) {
        sum += copy[i];
    }
    out->n = s->n;
    out->mean = sum / (double)s->n;
    out->min = copy[0];
    out->median = s->n % 2 == 1 ? copy[s->n / 2] : (copy[s->n / 2 - 1] + copy[s->n / 2]) / 2.0;
    out->p95 = rank(copy, s->n, 95.0);
    out->p99 = rank(copy, s->n, 99.0);
    out->max = copy[s->n - 1];
    free(copy);
    return 0;
}

size_t bench_count_above(const struct bench_samples *s, double limit)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++) {
        n += s->v[i] > limit ? 1u : 0u;
    }
    return n;
}

static int64_t ns_of(clockid_t id)
{
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0) {
        return 0;
    }
    return (int64_t)ts.tv_sec * 1000000000 + (int64_t)ts.tv_nsec;
}

int64_t bench_cpu_ns(void)
{
    return ns_of(CLOCK_PROCESS_CPUTIME_ID);
}

int64_t bench_wall_ns(void)
{
    return ns_of(CLOCK_MONOTONIC);
}

void bench_rusage(double *user_s, double *sys_s)
{
    struct rusage ru;
    memset(&ru, 0, sizeof(ru));
    (void)getrusage(RUSAGE_SELF, &ru);
    *user_s = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6;
    *sys_s = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

void bench_kv_stats(const char *prefix, const struct bench_stats *st)
{
    (void)printf("%s.n=%zu\n", prefix, st->n);
    (void)printf("%s.mean=%.4f\n", prefix, st->mean);
    (void)printf("%s.min=%.4f\n", prefix, st->min);
    (void)printf("%s.median=%.4f\n", prefix, st->median);
    (void)printf("%s.p95=%.4f\n", prefix, st->p95);
    (void)printf("%s.p99=%.4f\n", prefix, st->p99);
    (void)printf("%s.max=%.4f\n", prefix, st->max);
}

void bench_kv_f(const char *key, double v)
{
    (void)printf("%s=%.4f\n", key, v);
}

void bench_kv_u(const char *key, unsigned long v)
{
    (void)printf("%s=%lu\n", key, v);
}

void bench_kv_s(const char *key, const char *v)
{
    (void)printf("%s=%s\n", key, v);
}

const char *bench_opt(int argc, char **argv, int from, const char *name, const char *dflt)
{
    for (int i = from; i + 1 < argc; i++) {
        if (strcmp(argv[i], name) == 0) {
            return argv[i + 1];
        }
    }
    return dflt;
}

bool bench_flag(int argc, char **argv, int from, const char *name)
{
    for (int i = from; i < argc; i++) {
        if (strcmp(argv[i], name) == 0) {
            return true;
        }
    }
    return false;
}

int bench_parse_ulong(const char *text, unsigned long lo, unsigned long hi, unsigned long *out)
{
    if (text == NULL || *text < '0' || *text > '9') {
        return -1;
    }
    char *end = NULL;
    errno = 0;
    unsigned long v = strtoul(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < lo || v > hi) {
        return -1;
    }
    *out = v;
    return 0;
}

int bench_parse_seconds(const char *text, double *out)
{
    if (text == NULL) {
        return -1;
    }
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0' || !(v > 0.0) || v > 3600.0) {
        return -1;
    }
    *out = v;
    return 0;
}

int bench_read_file(const char *path, unsigned char **buf, size_t *len)
{
    enum { MAX_FILE = 1 << 20 };
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        (void)fprintf(stderr, "bench_handshake: cannot read '%s': %s\n", path, strerror(errno));
        return -1;
    }
    unsigned char *data = malloc((size_t)MAX_FILE + 1u);
    size_t n = data != NULL ? fread(data, 1, (size_t)MAX_FILE + 1u, f) : 0;
    bool bad = data == NULL || ferror(f) || n > (size_t)MAX_FILE;
    (void)fclose(f);
    if (bad) {
        (void)fprintf(stderr, "bench_handshake: cannot read '%s': error or larger than 1 MiB\n",
                      path);
        free(data);
        return -1;
    }
    data[n] = '\0';
    *buf = data;
    *len = n;
    return 0;
}

static int loopback_socket(struct sockaddr_in *a, uint16_t port)
{
    memset(a, 0, sizeof(*a));
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a->sin_port = htons(port);
    return socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
}

uint16_t bench_free_port(void)
{
    struct sockaddr_in a;
    int fd = loopback_socket(&a, 0);
    if (fd < 0) {
        return 0;
    }
    socklen_t alen = sizeof(a);
    uint16_t port = 0;
    if (bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &alen) == 0) {
        port = ntohs(a.sin_port);
    }
    (void)close(fd);
    return port;
}

bool bench_wait_port(uint16_t port, unsigned ms)
{
    int64_t end = bench_wall_ns() + (int64_t)ms * 1000000;
    for (;;) {
        struct sockaddr_in a;
        int fd = loopback_socket(&a, port);
        bool up = fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0;
        if (fd >= 0) {
            (void)close(fd);
        }
        if (up) {
            return true;
        }
        if (bench_wall_ns() >= end) {
            return false;
        }
        struct timespec ts = { 0, 50 * 1000000L };
        (void)nanosleep(&ts, NULL);
    }
}
