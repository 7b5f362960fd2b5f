/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file doctor.h
 * @brief What the files of `slsim doctor` share: one diagnosis (inputs, device facts, the
 *        findings of the trust engine, TLS facts, MQTT result), built by cmd_doctor.c and
 *        printed by cmd_doctor_report.c (text) or cmd_doctor_json.c (--json).
 */
#ifndef SLSIM_TOOLS_DOCTOR_H
#define SLSIM_TOOLS_DOCTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "doctor_kb.h"
#include "trust/trust.h"

/** Exit code of `slsim doctor`: connected, but with a warning code (-453/-461/-467/-468). */
#define CLI_EXIT_DOCTOR_WARN 5

#define DOCTOR_MAX_CATALOGS 8

/** The MQTT step (--mqtt). */
struct doctor_mqtt {
    bool asked;
    bool sent;          /**< CONNECT was sent */
    int connack;        /**< CONNACK return code 0..255, -1 none received */
    int32_t sl_code;    /**< sl_Send/sl_Recv failure, 0 if none */
    const char *status; /**< pass / fail / skip */
    char reason[224];
    char fix[224];
};

/** Another catalog the user has (--catalogs). */
struct doctor_other_catalog {
    const char *path;
    bool readable;
    int lookup; /**< enum slsim_catalog_lookup of the root */
    char label[48];
};

/** One diagnosis. */
struct doctor {
    /* inputs */
    const char *host;
    uint16_t port;
    const char *device_path;
    const char *chain_path; /**< offline mode when set */
    const char *ca, *cert, *key, *domain;
    bool store_disabled;
    bool suites_restricted; /**< --mask or --method given */
    const char *mqtt_client;
    bool json;
    /* device facts */
    char image[4096];
    char profile[16];
    const char *sig_suffix; /**< "3220" or "3235" */
    bool pem_multi_root;
    int catalog_state;  /**< enum slsim_catalog_state */
    int catalog_signer; /**< enum slsim_catalog_signer */
    char catalog_label[48];
    const char *catalog_kind; /**< playground, TI production, slsim-built, vendor, TI, none */
    unsigned catalog_trusted, catalog_revoked;
    int64_t device_time, host_time;
    unsigned ca_certs; /**< certificates in the CA file (PEM blocks, 1 for DER) */
    /* results */
    uint32_t ip;
    int32_t code;
    bool connected;
    struct slsim_trust_result res;
    struct doctor_chain_shape shape;
    char tls_version[16];
    char tls_suite[80];
    char tls_alpn[64];
    bool handshake_done;
    struct doctor_mqtt mqtt;
    struct doctor_other_catalog other[DOCTOR_MAX_CATALOGS];
    unsigned n_other;
};

/** The knowledge-base context of a diagnosis. */
void doctor_kb_context(const struct doctor *d, struct doctor_kb_ctx *ctx);

/** Exit status of a diagnosis: 0 connected and verified, 5 connected-with-warning, 1 not. */
int doctor_exit_status(const struct doctor *d);

/** The text report on stdout. */
void doctor_print_text(const struct doctor *d);

/** The JSON report (docs/doctor.schema.json); NULL on allocation failure. */
cJSON *doctor_to_json(const struct doctor *d);

/** The JSON object of one finding (shared by the report and `--decode`). */
cJSON *doctor_finding_json(const struct doctor *d, const struct slsim_finding *f);

/** The command that applies the fix of finding @p f ("" if none), IMAGE expanded. */
void doctor_problem_command(const struct doctor *d,
                            const struct slsim_finding *f,
                            char *buf,
                            size_t len);

/** `slsim doctor --decode CODE [--json]`. */
int cli_doctor_decode(const char *arg, bool json);

/** "slsim: <msg>", the usage lines and "try 'slsim doctor --help'"; returns 2. */
int doctor_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct slsim_device;
struct cli_args;

/** Reads a device file as the NWP (call with the device locked); NULL if absent. */
uint8_t *doctor_read_dev_file(struct slsim_device *dev, const char *name, size_t *len);

/** --chain: evaluates the saved chain on the started device (cmd_doctor_offline.c). */
int doctor_run_offline(struct doctor *d, struct slsim_device *dev);

/** --catalogs: looks the anchoring root up in each catalog file. */
void doctor_look_up_others(struct doctor *d, const struct cli_args *a);

/** How many certificates were sent and whether the top one is self-signed. */
void doctor_chain_shape(struct doctor *d);

/** The MQTT step over the connected socket @p sd (cmd_doctor_mqtt.c). */
void doctor_mqtt_run(struct doctor *d, int sd);

#endif /* SLSIM_TOOLS_DOCTOR_H */
