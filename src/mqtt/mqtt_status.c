/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file mqtt_status.c
 * @brief Names and messages of enum slsim_mqtt_status (one X-macro list), CONNACK return
 *        code names, the readable description of a client's last failure, and the pure
 *        full-jitter backoff computation.
 */
#include "mqtt/mqtt_int.h"

#include <stdio.h>

#include "core/errtab.h"

#include "core/banned.h"

static const char *const status_names[] = {
#define SLSIM_MQTT_STATUS_NAME(name, msg) "SLSIM_MQTT_" #name,
    SLSIM_MQTT_STATUS_MAP(SLSIM_MQTT_STATUS_NAME)
#undef SLSIM_MQTT_STATUS_NAME
};

static const char *const status_msgs[] = {
#define SLSIM_MQTT_STATUS_MSG(name, msg) msg,
    SLSIM_MQTT_STATUS_MAP(SLSIM_MQTT_STATUS_MSG)
#undef SLSIM_MQTT_STATUS_MSG
};

_Static_assert(sizeof(status_names) / sizeof(status_names[0]) == SLSIM_MQTT_STATUS_COUNT,
               "one name per status");

const char *slsim_mqtt_status_str(enum slsim_mqtt_status st)
{
    if ((unsigned)st >= SLSIM_MQTT_STATUS_COUNT) {
        return "SLSIM_MQTT_?";
    }
    return status_names[st];
}

const char *slsim_mqtt_status_msg(enum slsim_mqtt_status st)
{
    if ((unsigned)st >= SLSIM_MQTT_STATUS_COUNT) {
        return "unknown status";
    }
    return status_msgs[st];
}

const char *slsim_mqtt_connack_str(uint8_t code)
{
    /* CONNACK return codes, table 3.1 of MQTT 3.1.1 [MQTT-3.2.2-5]. */
    static const char *const names[] = {
        "accepted",           "unacceptable protocol version", "identifier rejected",
        "server unavailable", "bad user name or password",     "not authorized",
    };
    return code < sizeof(names) / sizeof(names[0]) ? names[code] : "reserved return code";
}

char *slsim_mqtt_client_describe(const struct slsim_mqtt_client *c, char *buf, size_t len)
{
    if (buf == NULL || len == 0) {
        return buf;
    }
    if (c == NULL) {
        buf[0] = '\0';
        return buf;
    }
    enum slsim_mqtt_status st = c->last_status;
    int n = snprintf(buf, len, "%s: %s", slsim_mqtt_status_str(st), slsim_mqtt_status_msg(st));
    if (n < 0 || (size_t)n >= len) {
        return buf;
    }
    if (st == SLSIM_MQTT_REFUSED) {
        (void)snprintf(buf + n, len - (size_t)n, " (CONNACK %u: %s)", (unsigned)c->connack_code,
                       slsim_mqtt_connack_str(c->connack_code));
    } else if (c->last_sl_error != 0) {
        const char *name = slsim_sl_errname(c->last_sl_error);
        (void)snprintf(buf + n, len - (size_t)n, " (%s %ld)", name != NULL ? name : "SL error",
                       (long)c->last_sl_error);
    }
    return buf;
}

uint32_t slsim_mqtt_backoff_ms(uint32_t base_ms, uint32_t max_ms, uint32_t attempt, uint32_t rnd)
{
    /* "Full Jitter": sleep = random(0, min(cap, base * 2^attempt)). */
    uint64_t bound = base_ms;
    for (uint32_t i = 0; i < attempt && bound < max_ms; i++) {
        bound *= 2;
    }
    if (bound > max_ms) {
        bound = max_ms;
    }
    return (uint32_t)(rnd % (bound + 1));
}
