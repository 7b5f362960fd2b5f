/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file mqtt_transport_sl.c
 * @brief struct slsim_mqtt_transport over the TI socket API, as firmware writes it: DNS,
 *        sl_Socket (SL_SEC_SOCKET for TLS), secure-socket options, sl_Connect, then
 *        sl_Send/sl_Recv with SL_SO_RCVTIMEO for the receive timeout. The policy for
 *        connected-with-warning codes is the caller's (mqtt_transport_sl.h).
 */
#include "mqtt/mqtt_transport_sl.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <ti/drivers/net/wifi/simplelink.h>

#include "core/banned.h"

/* sl_Send/sl_Recv lengths are _i16. */
#define SL_CHUNK 16000u /* sl_Recv takes 1..16000 bytes per call (reference §2.4) */
/* How long a send may wait for room in the socket's buffer. */
#define SEND_RETRY_MS 10000u

bool slsim_mqtt_sl_is_warning(int32_t code)
{
    return code == SL_ERROR_BSD_ESECSNOVERIFY || code == SL_ERROR_BSD_ESECDATEERROR ||
           code == SL_ERROR_BSD_ESECCERTIFICATEREVOKED || code == SL_ERROR_BSD_ESECUNKNOWNROOTCA;
}

void slsim_mqtt_sl_init(struct slsim_mqtt_sl *t, const struct slsim_mqtt_sl_params *p)
{
    memset(t, 0, sizeof(*t));
    t->p = *p;
    t->sd = -1;
}

static int32_t set_text(int16_t sd, int16_t opt, const char *text)
{
    if (text == NULL) {
        return 0;
    }
    return sl_SetSockOpt(sd, SL_SOL_SOCKET, opt, text, (SlSocklen_t)strlen(text));
}

static int32_t secure_options(const struct slsim_mqtt_sl *t)
{
    int32_t rc = set_text(t->sd, SL_SO_SECURE_FILES_CA_FILE_NAME, t->p.ca_file);
    if (rc == 0) {
        rc = set_text(t->sd, SL_SO_SECURE_FILES_CERTIFICATE_FILE_NAME, t->p.cert_file);
    }
    if (rc == 0) {
        rc = set_text(t->sd, SL_SO_SECURE_FILES_PRIVATE_KEY_FILE_NAME, t->p.key_file);
    }
    if (rc == 0) {
        rc = set_text(t->sd, SL_SO_SECURE_DOMAIN_NAME_VERIFICATION, t->p.domain_name);
    }
    if (rc == 0 && t->p.disable_cert_store) {
        _u32 on = 1;
        rc = sl_SetSockOpt(t->sd, SL_SOL_SOCKET, SL_SO_SECURE_DISABLE_CERTIFICATE_STORE, &on,
                           sizeof(on));
    }
    return rc;
}

static int32_t resolve(const char *host, _u32 *ip)
{
    if (host == NULL || host[0] == '\0' || strlen(host) > 255) {
        return SL_ERROR_BSD_EINVAL;
    }
    char name[256];
    (void)snprintf(name, sizeof(name), "%s", host);
    return sl_NetAppDnsGetHostByName((_i8 *)name, (_u16)strlen(name), ip, SL_AF_INET);
}

static void close_sd(struct slsim_mqtt_sl *t)
{
    if (t->sd >= 0) {
        (void)sl_Close(t->sd);
        t->sd = -1;
    }
}

static int32_t sl_connect(void *ctx, int32_t *sl_code)
{
    struct slsim_mqtt_sl *t = ctx;
    close_sd(t);
    _u32 ip = 0;
    int32_t rc = resolve(t->p.host, &ip);
    if (rc >= 0) {
        rc = t->sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, t->p.secure ? SL_SEC_SOCKET : 0);
    }
    if (rc >= 0) {
        t->rcvtimeo_ms = 0;
        rc = t->p.secure ? secure_options(t) : 0;
    }
    if (rc >= 0) {
        SlSockAddrIn_t a;
        memset(&a, 0, sizeof(a));
        a.sin_family = SL_AF_INET;
        a.sin_port = sl_Htons(t->p.port);
        a.sin_addr.s_addr = sl_Htonl(ip);
        rc = sl_Connect(t->sd, (const SlSockAddr_t *)&a, sizeof(a));
    }
    t->last_sl_error = rc < 0 ? rc : 0;
    *sl_code = t->last_sl_error;
    /* A warning leaves the connection up; it counts as success only by explicit policy. */
    if (rc < 0 && !(t->p.accept_warnings && slsim_mqtt_sl_is_warning(rc))) {
        close_sd(t);
        return rc;
    }
    return 0;
}

static void pause_ms(unsigned ms)
{
    struct timespec ts = { 0, (long)ms * 1000000L };
    (void)nanosleep(&ts, NULL);
}

static int32_t sl_send(void *ctx, const uint8_t *buf, size_t len)
{
    struct slsim_mqtt_sl *t = ctx;
    _i16 n = (_i16)(len < SL_CHUNK ? len : SL_CHUNK);
    for (unsigned waited = 0;; waited++) {
        int32_t rc = sl_Send(t->sd, buf, n, 0);
        if (rc != SL_ERROR_BSD_EAGAIN || waited >= SEND_RETRY_MS) {
            if (rc < 0) {
                t->last_sl_error = rc;
            }
            return rc;
        }
        pause_ms(1);
    }
}

static int32_t sl_recv(void *ctx, uint8_t *buf, size_t len, uint32_t timeout_ms)
{
    struct slsim_mqtt_sl *t = ctx;
    uint32_t ms = timeout_ms > 0 ? timeout_ms : 1u; /* 0 would mean "wait forever" */
    if (ms != t->rcvtimeo_ms) {
        SlTimeval_t tv = { (SlTime_t)(ms / 1000u), (SlSuseconds_t)((ms % 1000u) * 1000u) };
        int32_t rc = sl_SetSockOpt(t->sd, SL_SOL_SOCKET, SL_SO_RCVTIMEO, &tv, sizeof(tv));
        if (rc < 0) {
            t->last_sl_error = rc;
            return rc;
        }
        t->rcvtimeo_ms = ms;
    }
    int32_t rc = sl_Recv(t->sd, buf, (_i16)(len < SL_CHUNK ? len : SL_CHUNK), 0);
    if (rc == 0) {
        return SLSIM_MQTT_TRANSPORT_EOF; /* orderly close by the peer */
    }
    if (rc == SL_ERROR_BSD_EAGAIN) {
        return 0; /* nothing within the timeout */
    }
    if (rc < 0) {
        t->last_sl_error = rc;
    }
    return rc;
}

static void sl_close(void *ctx)
{
    close_sd(ctx);
}

void slsim_mqtt_sl_bind(struct slsim_mqtt_sl *t, struct slsim_mqtt_transport *out)
{
    out->ctx = t;
    out->connect = sl_connect;
    out->send = sl_send;
    out->recv = sl_recv;
    out->close = sl_close;
}
