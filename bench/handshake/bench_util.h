/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file bench_util.h
 * @brief Shared helpers of bench_handshake: clocks, sample statistics, `key=value` output,
 *        option lookup, host files and loopback ports. Benchmark code, not part of libslsim.
 */
#ifndef SLSIM_BENCH_UTIL_H
#define SLSIM_BENCH_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** A growable list of measurements (one per handshake or per round). */
struct bench_samples {
    double *v;
    size_t n;
    size_t cap;
};

/** Summary of a sample list; all fields 0 when it is empty. */
struct bench_stats {
    size_t n;
    double mean;
    double min;
    double median;
    double p95;
    double p99;
    double max;
};

/** Appends @p v. 0, or -1 when out of memory. */
int bench_samples_add(struct bench_samples *s, double v);

/** Frees the list (NULL-safe content). */
void bench_samples_free(struct bench_samples *s);

/** Statistics of @p s (nearest-rank percentiles of a sorted copy). 0 or -1 (memory). */
int bench_stats_of(const struct bench_samples *s, struct bench_stats *out);

/** Samples of @p s that exceed @p limit. */
size_t bench_count_above(const struct bench_samples *s, double limit);

/** CPU time of the whole process (CLOCK_PROCESS_CPUTIME_ID), in nanoseconds. */
int64_t bench_cpu_ns(void);

/** Monotonic wall time in nanoseconds. */
int64_t bench_wall_ns(void);

/** User and system CPU seconds of the process so far (getrusage RUSAGE_SELF). */
void bench_rusage(double *user_s, double *sys_s);

/** Prints `PREFIX.n=`, `.mean=`, `.min=`, `.median=`, `.p95=`, `.p99=`, `.max=` lines. */
void bench_kv_stats(const char *prefix, const struct bench_stats *st);

/** Prints `KEY=VALUE` with a double (%.3f). */
void bench_kv_f(const char *key, double v);

/** Prints `KEY=VALUE` with an unsigned number. */
void bench_kv_u(const char *key, unsigned long v);

/** Prints `KEY=VALUE` with a string. */
void bench_kv_s(const char *key, const char *v);

/**
 * The value of option @p name (`--name VALUE`) in argv[from..argc), or @p dflt. Flags without
 * a value are looked up with bench_flag().
 */
const char *bench_opt(int argc, char **argv, int from, const char *name, const char *dflt);

/** Whether flag @p name appears in argv[from..argc). */
bool bench_flag(int argc, char **argv, int from, const char *name);

/** Parses an unsigned decimal within [lo, hi]; 0 or -1. */
int bench_parse_ulong(const char *text, unsigned long lo, unsigned long hi, unsigned long *out);

/** Parses a positive decimal number (seconds); 0 or -1. */
int bench_parse_seconds(const char *text, double *out);

/** Reads a whole host file (at most 1 MiB) into a malloc'd, NUL-terminated buffer; *len
 *  excludes the NUL. 0 or -1 (message printed). */
int bench_read_file(const char *path, unsigned char **buf, size_t *len);

/** A TCP port on 127.0.0.1 that was free a moment ago (bound to 0, then released); 0 on failure. */
uint16_t bench_free_port(void);

/** Waits until 127.0.0.1:@p port accepts a TCP connection, at most @p ms milliseconds. */
bool bench_wait_port(uint16_t port, unsigned ms);

#endif /* SLSIM_BENCH_UTIL_H */
