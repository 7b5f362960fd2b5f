/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_mqtt_sub.c
 * @brief `slsim mqtt sub`: subscribe from an emulated device and print every message, as text
 *        ("TOPIC PAYLOAD") or as one JSON object per line (payload as a string when it is valid
 *        UTF-8 without NUL, else base64). Stops after --count messages, after --timeout, or on
 *        SIGINT/SIGTERM. Connection set-up is cmd_mqtt.c's.
 */
#include "mqtt_cli.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/banned.h"

#define SUB_MAX_FILTERS 8u
#define SUB_SUBACK_MS   5000u
#define SUB_POLL_MS     100u
#define SUB_MAX_TIMEOUT 86400ul

static volatile sig_atomic_t sub_stop;

static void on_signal(int sig)
{
    (void)sig;
    sub_stop = 1;
}

struct sub {
    struct mqtt_cli m;
    struct slsim_mqtt_subscription subs[SUB_MAX_FILTERS];
    size_t nsubs;
    unsigned long timeout_s;
    unsigned long received;
    bool suback;
    int refused; /* index + 1 of the first refused filter */
    bool out_failed;
};

/* Well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF) and no NUL. */
static bool is_text(const uint8_t *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = p[i];
        size_t len = c < 0x80             ? 1
                     : (c & 0xE0) == 0xC0 ? 2
                     : (c & 0xF0) == 0xE0 ? 3
                     : (c & 0xF8) == 0xF0 ? 4
                                          : 0;
        if (c == 0 || len == 0 || i + len > n || (len == 2 && c < 0xC2) || c > 0xF4) {
            return false;
        }
        uint32_t cp = len == 1 ? c : (uint32_t)(c & (0x7F >> len));
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (p[i + k] & 0x3Fu);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
            return false;
        }
        i += len;
    }
    return true;
}

/* Base64 (RFC 4648, padded) of @p n bytes into a new string, or NULL. */
static char *base64(const uint8_t *p, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char *out = malloc((n + 2) / 3 * 4 + 1);
    size_t o = 0;
    for (size_t i = 0; out != NULL && i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        v |= i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0;
        v |= i + 2 < n ? p[i + 2] : 0;
        out[o++] = tab[(v >> 18) & 63];
        out[o++] = tab[(v >> 12) & 63];
        out[o++] = i + 1 < n ? tab[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < n ? tab[v & 63] : '=';
    }
    if (out != NULL) {
        out[o] = '\0';
    }
    return out;
}

static bool print_json(const struct slsim_mqtt_message *msg)
{
    char *topic = malloc(msg->topic_len + 1);
    char *text = NULL;
    bool utf8 = is_text(msg->payload, msg->payload_len);
    if (utf8) {
        text = malloc(msg->payload_len + 1);
        if (text != NULL) {
            memcpy(text, msg->payload, msg->payload_len);
            text[msg->payload_len] = '\0';
        }
    } else {
        text = base64(msg->payload, msg->payload_len);
    }
    cJSON *o = cJSON_CreateObject();
    char *line = NULL;
    if (topic != NULL && text != NULL && o != NULL) {
        memcpy(topic, msg->topic, msg->topic_len);
        topic[msg->topic_len] = '\0';
        (void)cJSON_AddStringToObject(o, "topic", topic);
        (void)cJSON_AddNumberToObject(o, "qos", msg->qos);
        (void)cJSON_AddBoolToObject(o, "retain", msg->retain);
        (void)cJSON_AddStringToObject(o, "payload", text);
        (void)cJSON_AddStringToObject(o, "encoding", utf8 ? "utf-8" : "base64");
        line = cJSON_PrintUnformatted(o);
    }
    bool ok = line != NULL && printf("%s\n", line) > 0;
    cJSON_free(line);
    cJSON_Delete(o);
    free(text);
    free(topic);
    return ok;
}

static void on_message(void *user, const struct slsim_mqtt_message *msg)
{
    struct sub *s = user;
    if (s->m.count != 0 && s->received >= s->m.count) {
        return; /* more arrived in the same read: --count is exact */
    }
    s->received++;
    bool ok = true;
    if (s->m.json) {
        ok = print_json(msg);
    } else {
        ok = printf("%.*s ", (int)msg->topic_len, msg->topic) > 0 &&
             fwrite(msg->payload, 1, msg->payload_len, stdout) == msg->payload_len &&
             putchar('\n') != EOF;
    }
    ok = ok && fflush(stdout) == 0;
    s->out_failed = s->out_failed || !ok;
}

static void on_suback(void *user, uint16_t packet_id, const uint8_t *codes, size_t n)
{
    struct sub *s = user;
    (void)packet_id;
    s->suback = true;
    for (size_t i = 0; i < n && s->refused == 0; i++) {
        s->refused = codes[i] == 0x80 ? (int)i + 1 : 0;
    }
}

static int sub_options(const struct cli_call *call, struct sub *s)
{
    int status = mqtt_cli_options(call, &s->m);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    unsigned cursor = 0;
    const char *f = NULL;
    while ((f = cli_opt_next(&call->args, "topic", &cursor)) != NULL) {
        if (s->nsubs == SUB_MAX_FILTERS) {
            return cli_usage_error(call, "too many '--topic' filters (at most %u)",
                                   SUB_MAX_FILTERS);
        }
        s->subs[s->nsubs].filter = f;
        s->subs[s->nsubs++].qos = s->m.qos;
    }
    if (s->nsubs == 0) {
        return cli_usage_error(call, "missing option '--topic'");
    }
    const char *t = cli_opt(&call->args, "timeout");
    if (t != NULL) {
        char *end = NULL;
        s->timeout_s = strtoul(t, &end, 10);
        if (t[0] < '0' || t[0] > '9' || *end != '\0' || s->timeout_s == 0 ||
            s->timeout_s > SUB_MAX_TIMEOUT) {
            return cli_usage_error(call, "invalid timeout '%s' (1 to %lu seconds)", t,
                                   SUB_MAX_TIMEOUT);
        }
    }
    return CLI_EXIT_OK;
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static int subscribe(struct sub *s)
{
    enum slsim_mqtt_status st = slsim_mqtt_subscribe(s->m.c, s->subs, s->nsubs, NULL);
    if (st != SLSIM_MQTT_OK) {
        cli_error("cannot subscribe to '%s': %s: %s", s->subs[0].filter, slsim_mqtt_status_str(st),
                  slsim_mqtt_status_msg(st));
        return CLI_EXIT_FAILED;
    }
    uint64_t end = now_ms() + SUB_SUBACK_MS;
    while (!s->suback && !sub_stop && now_ms() < end) {
        if (slsim_mqtt_process(s->m.c, SUB_POLL_MS) != SLSIM_MQTT_OK) {
            return mqtt_cli_fail(&s->m, "lost the connection to");
        }
    }
    if (s->refused != 0) {
        cli_error("subscription to '%s' refused by the broker (SUBACK 0x80)",
                  s->subs[s->refused - 1].filter);
        return CLI_EXIT_FAILED;
    }
    if (!s->suback && !sub_stop) {
        cli_error("no SUBACK from '%s:%u' within %u s", s->m.sl.host, (unsigned)s->m.sl.port,
                  SUB_SUBACK_MS / 1000);
        return CLI_EXIT_FAILED;
    }
    return CLI_EXIT_OK;
}

static int receive(struct sub *s)
{
    uint64_t end = s->timeout_s != 0 ? now_ms() + s->timeout_s * 1000u : UINT64_MAX;
    while (!sub_stop && !s->out_failed && (s->m.count == 0 || s->received < s->m.count)) {
        uint64_t now = now_ms();
        if (now >= end) {
            if (s->m.count == 0) {
                return CLI_EXIT_OK;
            }
            cli_error("timed out after %lu s: received %lu of %lu %s", s->timeout_s, s->received,
                      s->m.count, cli_plural(s->m.count, "message", "messages"));
            return CLI_EXIT_FAILED;
        }
        uint64_t left = end - now;
        if (slsim_mqtt_process(s->m.c, left < SUB_POLL_MS ? (uint32_t)left : SUB_POLL_MS) !=
            SLSIM_MQTT_OK) {
            return mqtt_cli_fail(&s->m, "lost the connection to");
        }
    }
    if (s->out_failed) {
        cli_error("cannot write to standard output");
        return CLI_EXIT_ENV;
    }
    return CLI_EXIT_OK;
}

int cli_mqtt_sub(const struct cli_call *call)
{
    struct sub *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        cli_error("cannot subscribe: out of memory");
        return CLI_EXIT_ENV;
    }
    struct sigaction sa;
    struct sigaction old_int;
    struct sigaction old_term;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal; /* no SA_RESTART: a wait returns early */
    (void)sigemptyset(&sa.sa_mask);
    (void)sigaction(SIGINT, &sa, &old_int);
    (void)sigaction(SIGTERM, &sa, &old_term);
    sub_stop = 0;
    struct slsim_mqtt_callbacks cb = { .user = s,
                                       .on_message = on_message,
                                       .on_suback = on_suback };
    int status = sub_options(call, s);
    if (status == CLI_EXIT_OK) {
        status = mqtt_cli_open(&s->m, &cb);
    }
    if (status == CLI_EXIT_OK) {
        status = subscribe(s);
    }
    if (status == CLI_EXIT_OK) {
        status = receive(s);
    }
    mqtt_cli_close(&s->m);
    (void)sigaction(SIGINT, &old_int, NULL);
    (void)sigaction(SIGTERM, &old_term, NULL);
    free(s);
    return status;
}
