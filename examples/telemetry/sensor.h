/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sensor.h
 * @brief The telemetry example's sensor and message formats, pure (no I/O, no clock): a
 *        simulated 3-axis accelerometer (noise plus an injected "event", a damped sine burst)
 *        and thermometer, or readings replayed from a CSV file; and the JSON payloads published
 *        on dt/<device>/accel and dt/<device>/temp.
 */
#ifndef TELEMETRY_SENSOR_H
#define TELEMETRY_SENSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** One reading: acceleration in g, temperature in degrees Celsius. */
struct tele_sample {
    double ax, ay, az;
    double temp_c;
    bool has_temp; /**< CSV rows without the temp column: false */
};

/** Readings replayed from a CSV file (t,ax,ay,az[,temp]). */
struct tele_csv {
    struct tele_sample *rows;
    size_t n;
};

/** The sensor: simulated unless csv is set. */
struct tele_sensor {
    uint32_t seed;      /**< noise generator state (xorshift32, never 0) */
    double noise_g;     /**< standard deviation of the accelerometer noise (default 0.01 g) */
    double event_at_s;  /**< start of the event burst; < 0: no event */
    double event_g;     /**< burst amplitude (default 0.8 g) */
    double event_hz;    /**< burst frequency (default 8 Hz) */
    double event_tau_s; /**< burst decay time constant (default 0.25 s) */
    double temp_base_c; /**< mean temperature (default 23.5) */
    const struct tele_csv *csv; /**< replay these rows in order, wrapping around */
};

/** Defaults above, the event at @p event_at_s (< 0: none). */
void tele_sensor_init(struct tele_sensor *s, uint32_t seed, double event_at_s);

/** The reading number @p k (time k / rate_hz). CSV: row k modulo the row count. */
void tele_sensor_read(struct tele_sensor *s, uint64_t k, double rate_hz, struct tele_sample *out);

/**
 * Parses CSV text: one row per line "t,ax,ay,az[,temp]"; empty lines, '#' comments and a
 * header line (first field not a number) are skipped. Allocates csv->rows.
 * @return 0, or -1 with the 1-based line number of the first bad line in *bad_line (0: no rows
 *         or no memory)
 */
int tele_csv_parse(const char *text, size_t len, struct tele_csv *csv, size_t *bad_line);

/** Frees the rows (NULL-safe). */
void tele_csv_free(struct tele_csv *csv);

/**
 * The accel batch payload:
 * {"device":D,"seq":N,"ts":MS,"rate_hz":R,"unit":"g","samples":[[ax,ay,az],...]}
 * @p ts_ms: time of the first sample (Unix ms). @return the length, or 0 if it does not fit.
 */
size_t tele_format_accel(char *buf,
                         size_t cap,
                         const char *device,
                         uint32_t seq,
                         uint64_t ts_ms,
                         double rate_hz,
                         const struct tele_sample *samples,
                         size_t n);

/** {"device":D,"seq":N,"ts":MS,"temp_c":T}. @return the length, or 0 if it does not fit. */
size_t tele_format_temp(
    char *buf, size_t cap, const char *device, uint32_t seq, uint64_t ts_ms, double temp_c);

/** "dt/<device>/<kind>"; @return 0, or -1 if it does not fit or @p device holds '/', '+', '#'. */
int tele_topic(char *buf, size_t cap, const char *device, const char *kind);

#endif /* TELEMETRY_SENSOR_H */
