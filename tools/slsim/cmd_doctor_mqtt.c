/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_doctor_mqtt.c
 * @brief `slsim doctor --mqtt CLIENT_ID`: above TLS, send a minimal MQTT 3.1.1 CONNECT (clean
 *        session, keep-alive 60 s, no credentials) over sl_Send and classify the CONNACK
 *        return code 0-5, or the server closing without one (AWS IoT's answer to a certificate
 *        that is not active or a policy that does not allow iot:Connect for the client id).
 */
#include "doctor.h"

#include <stdio.h>
#include <string.h>

#include <ti/drivers/net/wifi/simplelink.h>

#include "core/errtab.h"

#include "core/banned.h"

#define CONNACK_WAIT_S 5

/* MQTT 3.1.1 CONNECT (spec 3.1): returns the length written, 0 if it does not fit. */
static size_t encode_connect(const char *client_id, uint8_t *out, size_t cap)
{
    size_t id = strlen(client_id);
    size_t rem = 10 + 2 + id; /* variable header + payload */
    if (id > 65535 || rem > 16383 || rem + 3 > cap) {
        return 0;
    }
    size_t n = 0;
    out[n++] = 0x10; /* CONNECT */
    if (rem > 127) {
        out[n++] = (uint8_t)(0x80 | (rem & 0x7F));
        out[n++] = (uint8_t)(rem >> 7);
    } else {
        out[n++] = (uint8_t)rem;
    }
    static const uint8_t vh[10] = { 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60 };
    memcpy(out + n, vh, sizeof(vh)); /* level 4 = 3.1.1, clean session, keep-alive 60 s */
    n += sizeof(vh);
    out[n++] = (uint8_t)(id >> 8);
    out[n++] = (uint8_t)(id & 0xFF);
    memcpy(out + n, client_id, id);
    return n + id;
}

static const struct {
    const char *reason;
    const char *fix;
} connack_text[6] = {
    { "CONNACK 0: connection accepted", "" },
    { "CONNACK 1: unacceptable protocol version",
      "the server does not speak MQTT 3.1.1; check the port (8883 for MQTT over TLS)" },
    { "CONNACK 2: identifier rejected", "use a client id the server accepts (length, characters)" },
    { "CONNACK 3: server unavailable", "retry later; check the server's state" },
    { "CONNACK 4: bad user name or password", "set the credentials the server expects" },
    { "CONNACK 5: not authorized",
      "allow this client: on AWS IoT attach a policy with iot:Connect for this client id" },
};

static void set_result(struct doctor *d, const char *status, const char *reason, const char *fix)
{
    d->mqtt.status = status;
    (void)snprintf(d->mqtt.reason, sizeof(d->mqtt.reason), "%s", reason);
    (void)snprintf(d->mqtt.fix, sizeof(d->mqtt.fix), "%s", fix);
}

static void classify(struct doctor *d, const uint8_t *buf, int32_t got)
{
    char why[224];
    if (got == 0 || got == SL_ERROR_BSD_ESECCLOSED || got == SL_ERROR_BSD_ENOTCONN) {
        set_result(d, "fail", "the server closed the connection without CONNACK",
                   "on AWS IoT: the certificate is not active, or the policy does not allow "
                   "iot:Connect for this client id");
        return;
    }
    if (got < 0) {
        d->mqtt.sl_code = got;
        (void)snprintf(why, sizeof(why), "no CONNACK within %d s: %s (%ld)", CONNACK_WAIT_S,
                       slsim_sl_errname(got) != NULL ? slsim_sl_errname(got) : "unknown error",
                       (long)got);
        set_result(d, "fail", why, "check that the server speaks MQTT on this port");
        return;
    }
    if (got < 4 || buf[0] != 0x20 || buf[1] != 0x02) {
        set_result(d, "fail", "the server answered, but not with an MQTT CONNACK",
                   "check that the port is an MQTT port (8883 for MQTT over TLS)");
        return;
    }
    d->mqtt.connack = buf[3];
    if (buf[3] <= 5) {
        set_result(d, buf[3] == 0 ? "pass" : "fail", connack_text[buf[3]].reason,
                   connack_text[buf[3]].fix);
    } else {
        (void)snprintf(why, sizeof(why), "CONNACK %u: not an MQTT 3.1.1 return code",
                       (unsigned)buf[3]);
        set_result(d, "fail", why, "check the server's MQTT version");
    }
}

void doctor_mqtt_run(struct doctor *d, int sd)
{
    if (!d->connected) {
        set_result(d, "skip", "not sent: the TLS connection is not up",
                   "fix the TLS problem first");
        return;
    }
    uint8_t pkt[512];
    size_t n = encode_connect(d->mqtt_client, pkt, sizeof(pkt));
    if (n == 0) {
        set_result(d, "fail", "the client id is too long", "use a shorter client id");
        return;
    }
    int32_t ret = sl_Send((_i16)sd, pkt, (_i16)n, 0);
    if (ret < 0) {
        d->mqtt.sl_code = ret;
        set_result(d, "fail", "sl_Send of CONNECT failed", "check the connection");
        return;
    }
    d->mqtt.sent = true;
    SlTimeval_t tv = { .tv_sec = CONNACK_WAIT_S, .tv_usec = 0 };
    (void)sl_SetSockOpt((_i16)sd, SL_SOL_SOCKET, SL_SO_RCVTIMEO, &tv, sizeof(tv));
    uint8_t buf[4] = { 0 };
    int32_t got = 0;
    size_t have = 0;
    while (have < sizeof(buf)) {
        got = sl_Recv((_i16)sd, buf + have, (_i16)(sizeof(buf) - have), 0);
        if (got <= 0) {
            break;
        }
        have += (size_t)got;
    }
    classify(d, buf, have >= 4 ? 4 : (have > 0 ? (int32_t)have : got));
}
