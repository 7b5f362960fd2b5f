/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_mqtt.c
 * @brief `slsim mqtt pub|sub`: an MQTT 3.1.1 client (src/mqtt) on an emulated device, for
 *        trying a broker the way a device would reach it. This file holds the noun, the
 *        options both verbs share, the device and connection set-up, and `pub`;
 *        cmd_mqtt_sub.c holds `sub`.
 *
 * The device comes from its configuration (its dns, remap and clock apply) and the transport is
 * mqtt_transport_sl, so sl_Connect decides as it would for firmware. A connected-with-warning
 * code (-453, -461, -467, -468) is a failure unless --accept-warnings is given (docs/mqtt.md):
 * the message names the code and points to `slsim doctor` with the same options.
 */
#include "mqtt_cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <slsim/emu.h>
#include <ti/drivers/net/wifi/simplelink.h>

#include "core/errtab.h"

#include "core/banned.h"

#define MQTT_ACK_WAIT_MS 10000u /* PUBACKs still missing after the last publish */
#define MQTT_LINE_MAX    (128u * 1024u)
#define MQTT_RECV_MAX    16000u /* sl_Recv's largest length */

/* ---- common options ------------------------------------------------------------------------ */

static int parse_ulong(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
    char *end = NULL;
    if (s == NULL || s[0] < '0' || s[0] > '9') {
        return -1;
    }
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max) {
        return -1;
    }
    *out = v;
    return 0;
}

static int required(const struct cli_call *call, const char *name, const char **out)
{
    *out = cli_opt(&call->args, name);
    if (*out == NULL) {
        return cli_usage_error(call, "missing option '--%s'", name);
    }
    return CLI_EXIT_OK;
}

static int numbers(const struct cli_call *call, struct mqtt_cli *m)
{
    const struct cli_args *a = &call->args;
    const char *s = cli_opt(a, "port");
    unsigned long v = 0;
    if (s != NULL && parse_ulong(s, 1, 65535, &v) != 0) {
        return cli_usage_error(call, "invalid port '%s' (1 to 65535)", s);
    }
    m->sl.port = (uint16_t)(s != NULL ? v : (m->sl.secure ? 8883 : 1883));
    s = cli_opt(a, "qos");
    if (s != NULL && parse_ulong(s, 0, 1, &v) != 0) {
        return cli_usage_error(call, "invalid qos '%s' (0 or 1; QoS 2 is not supported)", s);
    }
    m->qos = (uint8_t)(s != NULL ? v : 0);
    s = cli_opt(a, "count");
    if (s != NULL && parse_ulong(s, 1, 100000000ul, &m->count) != 0) {
        return cli_usage_error(call, "invalid count '%s' (1 to 100000000)", s);
    }
    return CLI_EXIT_OK;
}

int mqtt_cli_options(const struct cli_call *call, struct mqtt_cli *m)
{
    const struct cli_args *a = &call->args;
    memset(m, 0, sizeof(*m));
    m->verb = call->verb->name;
    int status = required(call, "device", &m->device);
    if (status == CLI_EXIT_OK) {
        status = required(call, "host", &m->sl.host);
    }
    if (status != CLI_EXIT_OK) {
        return status;
    }
    m->sl.ca_file = cli_opt(a, "ca");
    m->sl.cert_file = cli_opt(a, "cert");
    m->sl.key_file = cli_opt(a, "key");
    m->sl.domain_name = cli_opt(a, "domain");
    m->sl.secure = m->sl.ca_file != NULL || m->sl.cert_file != NULL || m->sl.key_file != NULL;
    m->sl.accept_warnings = cli_flag(a, "accept-warnings");
    if (m->sl.domain_name != NULL && !m->sl.secure) {
        return cli_usage_error(call, "option '--domain' needs TLS (--ca, --cert or --key)");
    }
    m->json = cli_flag(a, "json");
    m->client_id_opt = cli_opt(a, "client-id");
    (void)snprintf(m->client_id, sizeof(m->client_id), "slsim-%s-%ld", m->verb, (long)getpid());
    return numbers(call, m);
}

/* ---- device and connection ----------------------------------------------------------------- */

static int device_start(struct mqtt_cli *m)
{
    int32_t ret = slsim_emu_device_open(m->device, &m->dev);
    if (ret < 0) {
        cli_error("cannot open device configuration '%s': %s", m->device, slsim_emu_last_error());
        m->dev = NULL;
        return CLI_EXIT_ENV;
    }
    slsim_emu_use(m->dev);
    ret = sl_Start(NULL, NULL, NULL);
    if (ret < 0) {
        (void)cli_sl_error(CLI_EXIT_ENV, ret, NULL, "cannot start the device of '%s'", m->device);
        slsim_emu_use(NULL);
        slsim_emu_device_close(m->dev);
        m->dev = NULL;
        return CLI_EXIT_ENV;
    }
    return CLI_EXIT_OK;
}

/* The sl transport's functions with sl_Connect's code recorded (0 or an accepted warning). */
static int32_t record_connect(void *ctx, int32_t *sl_code)
{
    struct mqtt_cli *m = ctx;
    int32_t rc = m->inner.connect(m->inner.ctx, sl_code);
    m->sl_connect = *sl_code;
    return rc;
}

static int32_t inner_send(void *ctx, const uint8_t *buf, size_t len)
{
    struct mqtt_cli *m = ctx;
    return m->inner.send(m->inner.ctx, buf, len);
}

static int32_t inner_recv(void *ctx, uint8_t *buf, size_t len, uint32_t timeout_ms)
{
    struct mqtt_cli *m = ctx;
    /* sl_Recv takes 1..16000 bytes (SL_ERROR_BSD_EINVAL above); the sl transport asks for up
     * to 16384, so ask it for no more than sl_Recv's limit. */
    return m->inner.recv(m->inner.ctx, buf, len < MQTT_RECV_MAX ? len : MQTT_RECV_MAX, timeout_ms);
}

static void inner_close(void *ctx)
{
    struct mqtt_cli *m = ctx;
    m->inner.close(m->inner.ctx);
}

/* What to do about a connected-with-warning code. */
static const char *warning_fix(int32_t code)
{
    switch (code) {
    case SL_ERROR_BSD_ESECUNKNOWNROOTCA:
        return "fix the catalog";
    case SL_ERROR_BSD_ESECDATEERROR:
        return "fix the device clock or the certificate dates";
    case SL_ERROR_BSD_ESECSNOVERIFY:
        return "give the root CA with --ca";
    default:
        return "fix the catalog (the root is revoked)";
    }
}

static int connect_failed(const struct mqtt_cli *m)
{
    int32_t code = m->sl_connect;
    if (!slsim_mqtt_sl_is_warning(code)) {
        return mqtt_cli_fail(m, "cannot connect to");
    }
    cli_error("cannot connect to '%s:%u': sl_Connect = %ld %s (%s)", m->sl.host,
              (unsigned)m->sl.port, (long)code, slsim_sl_errname(code), slsim_sl_strerror(code));
    char opts[512];
    (void)snprintf(opts, sizeof(opts), "%s%s%s%s%s%s%s%s", m->sl.ca_file ? " --ca " : "",
                   m->sl.ca_file ? m->sl.ca_file : "", m->sl.cert_file ? " --cert " : "",
                   m->sl.cert_file ? m->sl.cert_file : "", m->sl.key_file ? " --key " : "",
                   m->sl.key_file ? m->sl.key_file : "", m->sl.domain_name ? " --domain " : "",
                   m->sl.domain_name ? m->sl.domain_name : "");
    cli_hint("the connection was up with a warning; use --accept-warnings or %s (slsim doctor "
             "%s:%u --device %s%s)",
             warning_fix(code), m->sl.host, (unsigned)m->sl.port, m->device, opts);
    return CLI_EXIT_FAILED;
}

int mqtt_cli_open(struct mqtt_cli *m, const struct slsim_mqtt_callbacks *cb)
{
    int status = device_start(m);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    struct slsim_mqtt_config cfg;
    slsim_mqtt_config_defaults(&cfg);
    slsim_mqtt_sl_init(&m->tr, &m->sl);
    slsim_mqtt_sl_bind(&m->tr, &cfg.transport);
    m->inner = cfg.transport;
    cfg.transport.ctx = m;
    cfg.transport.connect = record_connect;
    cfg.transport.send = inner_send;
    cfg.transport.recv = inner_recv;
    cfg.transport.close = inner_close;
    cfg.cb = *cb;
    cfg.connect.client_id = m->client_id_opt != NULL ? m->client_id_opt : m->client_id;
    cfg.connect.clean_session = true;
    cfg.auto_reconnect = false;
    enum slsim_mqtt_status st = slsim_mqtt_client_new(&cfg, &m->c);
    if (st != SLSIM_MQTT_OK) {
        cli_error("cannot create the mqtt client: %s: %s", slsim_mqtt_status_str(st),
                  slsim_mqtt_status_msg(st));
        m->c = NULL;
        return st == SLSIM_MQTT_NO_MEMORY ? CLI_EXIT_ENV : CLI_EXIT_FAILED;
    }
    st = slsim_mqtt_connect(m->c);
    if (st != SLSIM_MQTT_OK) {
        return connect_failed(m);
    }
    if (m->sl_connect < 0) {
        cli_warning("connected with sl_Connect = %ld %s (accepted by --accept-warnings)",
                    (long)m->sl_connect, slsim_sl_errname(m->sl_connect));
    }
    return CLI_EXIT_OK;
}

void mqtt_cli_close(struct mqtt_cli *m)
{
    if (m->c != NULL) {
        if (slsim_mqtt_client_state(m->c) == SLSIM_MQTT_STATE_CONNECTED) {
            (void)slsim_mqtt_disconnect(m->c);
        }
        slsim_mqtt_client_free(m->c);
        m->c = NULL;
    }
    if (m->dev != NULL) {
        (void)sl_Stop(0);
        slsim_emu_use(NULL);
        slsim_emu_device_close(m->dev);
        m->dev = NULL;
    }
}

int mqtt_cli_fail(const struct mqtt_cli *m, const char *what)
{
    char why[256];
    cli_error("%s '%s:%u': %s", what, m->sl.host, (unsigned)m->sl.port,
              slsim_mqtt_client_describe(m->c, why, sizeof(why)));
    return CLI_EXIT_FAILED;
}

/* ---- pub ----------------------------------------------------------------------------------- */

struct pub {
    struct mqtt_cli m;
    const char *topic;
    unsigned long sent;
    unsigned long acked;
    unsigned long long bytes;
};

static void on_puback(void *user, uint16_t packet_id)
{
    struct pub *p = user;
    (void)packet_id;
    p->acked++;
}

/* Publishes one message, pumping the client while the queue or in-flight window is full. */
static int publish_one(struct pub *p, const void *data, size_t len)
{
    for (unsigned tries = 0;; tries++) {
        enum slsim_mqtt_status st =
            slsim_mqtt_publish(p->m.c, p->topic, data, len, p->m.qos, false, NULL);
        if (st == SLSIM_MQTT_OK) {
            p->sent++;
            p->bytes += len;
            return CLI_EXIT_OK;
        }
        if (st != SLSIM_MQTT_QUEUE_FULL || tries >= MQTT_ACK_WAIT_MS / 10) {
            cli_error("cannot publish to '%s': %s: %s", p->topic, slsim_mqtt_status_str(st),
                      slsim_mqtt_status_msg(st));
            return CLI_EXIT_FAILED;
        }
        st = slsim_mqtt_process(p->m.c, 10);
        if (st != SLSIM_MQTT_OK) {
            return mqtt_cli_fail(&p->m, "lost the connection to");
        }
    }
}

static int publish_lines(struct pub *p)
{
    char *line = NULL;
    size_t cap = 0;
    int status = CLI_EXIT_OK;
    while (status == CLI_EXIT_OK && (p->m.count == 0 || p->sent < p->m.count)) {
        ssize_t n = getline(&line, &cap, stdin);
        if (n < 0) {
            break;
        }
        size_t len = (size_t)n;
        if (len > 0 && line[len - 1] == '\n') {
            len--;
        }
        if (len > MQTT_LINE_MAX) {
            cli_error("line %lu of standard input is longer than %u bytes", p->sent + 1,
                      MQTT_LINE_MAX);
            status = CLI_EXIT_FAILED;
        } else {
            status = publish_one(p, line, len);
        }
    }
    if (status == CLI_EXIT_OK && ferror(stdin)) {
        cli_error("cannot read standard input: %s", strerror(errno));
        status = CLI_EXIT_ENV;
    }
    free(line);
    return status;
}

/* Waits (bounded) until every QoS 1 message is acknowledged. */
static int wait_acks(struct pub *p)
{
    for (unsigned waited = 0; slsim_mqtt_client_queued(p->m.c) > 0; waited += 50) {
        if (waited >= MQTT_ACK_WAIT_MS) {
            cli_error("timed out after %u s: %lu of %lu messages not acknowledged",
                      MQTT_ACK_WAIT_MS / 1000, (unsigned long)slsim_mqtt_client_queued(p->m.c),
                      p->sent);
            return CLI_EXIT_FAILED;
        }
        if (slsim_mqtt_process(p->m.c, 50) != SLSIM_MQTT_OK) {
            return mqtt_cli_fail(&p->m, "lost the connection to");
        }
    }
    return CLI_EXIT_OK;
}

static int pub_report(const struct pub *p)
{
    if (!p->m.json) {
        (void)printf("published %lu %s to '%s' (qos %u, %llu bytes", p->sent,
                     cli_plural(p->sent, "message", "messages"), p->topic, (unsigned)p->m.qos,
                     p->bytes);
        if (p->m.qos == 1) {
            (void)printf(", %lu acknowledged", p->acked);
        }
        (void)printf(")\n");
        return CLI_EXIT_OK;
    }
    cJSON *o = cJSON_CreateObject();
    (void)cJSON_AddStringToObject(o, "host", p->m.sl.host);
    (void)cJSON_AddNumberToObject(o, "port", p->m.sl.port);
    (void)cJSON_AddBoolToObject(o, "tls", p->m.sl.secure);
    (void)cJSON_AddNumberToObject(o, "sl_connect", p->m.sl_connect);
    (void)cJSON_AddStringToObject(o, "sl_connect_name", slsim_sl_errname(p->m.sl_connect));
    (void)cJSON_AddStringToObject(o, "topic", p->topic);
    (void)cJSON_AddNumberToObject(o, "qos", p->m.qos);
    (void)cJSON_AddNumberToObject(o, "messages", (double)p->sent);
    (void)cJSON_AddNumberToObject(o, "acknowledged", (double)(p->m.qos == 1 ? p->acked : 0));
    (void)cJSON_AddNumberToObject(o, "bytes", (double)p->bytes);
    return cli_print_json(o);
}

static int mqtt_pub(const struct cli_call *call)
{
    struct pub *p = calloc(1, sizeof(*p));
    if (p == NULL) {
        cli_error("cannot publish: out of memory");
        return CLI_EXIT_ENV;
    }
    const char *msg = cli_opt(&call->args, "m");
    bool lines = cli_flag(&call->args, "stdin-line");
    int status = mqtt_cli_options(call, &p->m);
    if (status == CLI_EXIT_OK) {
        status = required(call, "topic", &p->topic);
    }
    if (status == CLI_EXIT_OK && (msg != NULL) == lines) {
        status = cli_usage_error(call, "give exactly one of -m MSG and -l");
    }
    struct slsim_mqtt_callbacks cb = { .user = p, .on_puback = on_puback };
    if (status == CLI_EXIT_OK) {
        status = mqtt_cli_open(&p->m, &cb);
    }
    for (unsigned long i = 0;
         status == CLI_EXIT_OK && msg != NULL && i < (p->m.count ? p->m.count : 1); i++) {
        status = publish_one(p, msg, strlen(msg));
    }
    if (status == CLI_EXIT_OK && lines) {
        status = publish_lines(p);
    }
    if (status == CLI_EXIT_OK) {
        status = wait_acks(p);
    }
    if (status == CLI_EXIT_OK) {
        status = pub_report(p);
    }
    mqtt_cli_close(&p->m);
    free(p);
    return status;
}

/* ---- the noun ------------------------------------------------------------------------------ */

static const struct cli_opt pub_opts[] = {
    { "accept-warnings", NULL, "connect despite -453/-461/-467/-468 (default: they fail)" },
    { "ca", "DEVFILE", "root CA file on the device (SL_SO_SECURE_FILES_CA_FILE_NAME)" },
    { "cert", "DEVFILE", "client certificate file on the device (mutual TLS)" },
    { "client-id", "ID", "MQTT client id (default slsim-pub-<pid>)" },
    { "count", "N", "-m: publish the message N times; -l: at most N lines (default 1; all)" },
    { "device", "DEV.json", "the device configuration (required)" },
    { "domain", "NAME", "SL_SO_SECURE_DOMAIN_NAME_VERIFICATION (also sent as SNI)" },
    { "host", "HOST", "broker name (resolved by the device) or IPv4 address (required)" },
    { "json", NULL, "print the summary as one JSON object" },
    { "key", "DEVFILE", "client private key file on the device" },
    { "m", "MSG", "the message to publish" },
    { "port", "PORT", "broker port (default 8883 with TLS, else 1883)" },
    { "qos", "0|1", "QoS of the messages (default 0)" },
    { "stdin-line", NULL, "(-l) publish each line of standard input as one message" },
    { "topic", "TOPIC", "the topic to publish to (required)" },
    { NULL, NULL, NULL },
};

static const struct cli_opt sub_opts[] = {
    { "accept-warnings", NULL, "connect despite -453/-461/-467/-468 (default: they fail)" },
    { "ca", "DEVFILE", "root CA file on the device (SL_SO_SECURE_FILES_CA_FILE_NAME)" },
    { "cert", "DEVFILE", "client certificate file on the device (mutual TLS)" },
    { "client-id", "ID", "MQTT client id (default slsim-sub-<pid>)" },
    { "count", "N", "exit after N messages" },
    { "device", "DEV.json", "the device configuration (required)" },
    { "domain", "NAME", "SL_SO_SECURE_DOMAIN_NAME_VERIFICATION (also sent as SNI)" },
    { "host", "HOST", "broker name (resolved by the device) or IPv4 address (required)" },
    { "json", NULL, "print one JSON object per message" },
    { "key", "DEVFILE", "client private key file on the device" },
    { "port", "PORT", "broker port (default 8883 with TLS, else 1883)" },
    { "qos", "0|1", "QoS of the subscriptions (default 0)" },
    { "timeout", "SECONDS", "stop after SECONDS (exit 1 if --count messages did not arrive)" },
    { "topic", "FILTER", "a topic filter to subscribe to (repeatable, at most 8; required)" },
    { NULL, NULL, NULL },
};

/* Sorted by name. */
static const struct cli_verb mqtt_verbs[] = {
    { "pub", mqtt_pub, 0, 0, "(-m MSG | -l)", "publish messages from an emulated device",
      "Needs --device DEV.json, --host HOST and --topic TOPIC.\n\n"
      "Starts the device of DEV.json (its dns, remap and clock apply), connects to the\n"
      "broker through sl_Socket/sl_Connect (TLS when --ca, --cert or --key is given),\n"
      "publishes, waits for every QoS 1 acknowledgement (at most 10 s), disconnects and\n"
      "prints a summary. -m MSG publishes MSG (--count times); -l (--stdin-line)\n"
      "publishes each line of standard input, without its newline, as one message.\n"
      "sl_Connect codes that leave the connection up with a warning (-453, -461, -467,\n"
      "-468) fail (exit 1) unless --accept-warnings is given; 'slsim doctor' explains them.\n",
      pub_opts, NULL },
    { "sub", cli_mqtt_sub, 0, 0, "--topic FILTER...",
      "subscribe and print messages on an emulated device",
      "Needs --device DEV.json, --host HOST and at least one --topic FILTER.\n\n"
      "Starts the device of DEV.json, connects as 'pub' does, subscribes to every\n"
      "--topic and prints each message as 'TOPIC PAYLOAD' (with --json: one object per\n"
      "line with topic, qos, retain, payload and encoding, utf-8 or base64). Runs until\n"
      "--count messages arrived, --timeout passed, or SIGINT/SIGTERM (exit 0); a lost\n"
      "connection or a refused subscription is exit 1.\n",
      sub_opts, NULL },
};

const struct cli_noun cli_noun_mqtt = {
    .name = "mqtt",
    .help = "publish and subscribe over MQTT from an emulated device",
    .verbs = mqtt_verbs,
    .nverbs = sizeof(mqtt_verbs) / sizeof(mqtt_verbs[0]),
};

int cmd_mqtt(int argc, char **argv)
{
    /* mosquitto_pub's -l is a one-letter flag, which the option tables cannot declare (their
     * short options take a value): it is read as --stdin-line. */
    static char stdin_line[] = "--stdin-line";
    char **args = calloc((size_t)argc + 1, sizeof(*args));
    if (args == NULL) {
        cli_error("out of memory");
        return CLI_EXIT_ENV;
    }
    bool done = false;
    for (int i = 0; i < argc; i++) {
        done = done || strcmp(argv[i], "--") == 0;
        args[i] = !done && strcmp(argv[i], "-l") == 0 ? stdin_line : argv[i];
    }
    int status = cli_run_noun(&cli_noun_mqtt, argc, args);
    free(args);
    return status;
}
