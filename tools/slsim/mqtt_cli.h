/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file mqtt_cli.h
 * @brief What the two files of `slsim mqtt` share: the connection options common to `pub` and
 *        `sub`, and opening an MQTT client on an emulated device (cmd_mqtt.c).
 *
 * The client runs on a device opened from its configuration (slsim_emu_device_open, sl_Start),
 * so the configuration's dns, remap and clock apply exactly as for a device application; the
 * transport is the mqtt library's sl binding (mqtt_transport_sl.h).
 */
#ifndef SLSIM_TOOLS_MQTT_CLI_H
#define SLSIM_TOOLS_MQTT_CLI_H

#include "cli.h"

#include "mqtt/mqtt.h"
#include "mqtt/mqtt_transport_sl.h"

struct slsim_device;

/** One `slsim mqtt` session: options, device, transport, client. */
struct mqtt_cli {
    const char *device; /**< --device DEV.json */
    const char *verb;   /**< "pub" or "sub" (default client id) */
    uint8_t qos;
    bool json;
    unsigned long count; /**< --count N, 0 if not given */
    struct slsim_mqtt_sl_params sl;
    char client_id[64];        /**< default "slsim-<verb>-<pid>" */
    const char *client_id_opt; /**< --client-id, or NULL */
    int32_t sl_connect;        /**< sl_Connect's code (0 or an accepted warning) */
    struct slsim_device *dev;
    struct slsim_mqtt_sl tr;
    struct slsim_mqtt_transport inner; /**< tr's functions (connect is wrapped) */
    struct slsim_mqtt_client *c;
};

/**
 * Reads the options common to both verbs into @p m (device, host, port, client-id, qos, ca,
 * cert, key, domain, count, json, accept-warnings). Prints a usage error and returns
 * CLI_EXIT_USAGE on a missing or invalid value.
 */
int mqtt_cli_options(const struct cli_call *call, struct mqtt_cli *m);

/**
 * Opens and starts the device, creates the client with @p cb and connects (clean session, no
 * automatic reconnect). Prints what failed: CLI_EXIT_ENV (configuration, sl_Start),
 * CLI_EXIT_FAILED (connect, with the SL code and a hint for connected-with-warning codes).
 */
int mqtt_cli_open(struct mqtt_cli *m, const struct slsim_mqtt_callbacks *cb);

/** Disconnects (if connected), frees the client, stops and closes the device. NULL-safe. */
void mqtt_cli_close(struct mqtt_cli *m);

/** Prints "slsim: <what> 'HOST:PORT': <client's description>"; returns CLI_EXIT_FAILED. */
int mqtt_cli_fail(const struct mqtt_cli *m, const char *what);

/** `slsim mqtt sub` (cmd_mqtt_sub.c). */
int cli_mqtt_sub(const struct cli_call *call);

#endif /* SLSIM_TOOLS_MQTT_CLI_H */
