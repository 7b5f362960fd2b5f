/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file telemetry.h
 * @brief The telemetry application: its settings and its thread (telemetry.c), started on
 *        Linux by host_main.c.
 */
#ifndef TELEMETRY_H
#define TELEMETRY_H

#include <stdbool.h>
#include <stdint.h>

#include "sensor.h"

/** What the application does; host_main.c fills it from the command line. */
struct telemetry_cfg {
    const char *device_name; /**< client id and topic level: dt/<device_name>/accel */
    const char *host;
    uint16_t port;
    const char *ca_file; /**< device files */
    const char *cert_file;
    const char *key_file;
    const char *domain; /**< SL_SO_SECURE_DOMAIN_NAME_VERIFICATION, or NULL */
    bool accept_warnings;
    double rate_hz;        /**< accelerometer samples per second (default 100) */
    unsigned batch;        /**< samples per accel message (default 10) */
    unsigned temp_every_s; /**< temperature period (default 5) */
    double seconds;        /**< run time (default 10) */
    uint8_t qos;
    struct tele_sensor sensor;
};

/** Counts of what the application published. */
struct telemetry_stats {
    unsigned long accel_msgs;
    unsigned long temp_msgs;
    unsigned long samples;
    int32_t sl_connect; /**< sl_Connect's code */
};

/**
 * The application thread: sl_Start, MQTT connect over TLS (mqtt_transport_sl), publish for
 * cfg->seconds in real time, disconnect, sl_Stop. Prints its progress on stdout.
 * @return 0 when everything was published (and acknowledged with QoS 1), 1 otherwise
 */
int telemetry_run(const struct telemetry_cfg *cfg, struct telemetry_stats *stats);

#endif /* TELEMETRY_H */
