/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sock_connect.c
 * @brief The connect state machine (docs/sock.md "Socket states"): TCP connect, then for a
 *        secure socket the TLS handshake and the verdict of the trust engine; the mapping of
 *        TLS results to SL codes.
 *
 * Non-blocking throughout: each call does what it can and returns SL_ERROR_BSD_EALREADY while
 * TCP or TLS is in progress (reference §2.4 / nwp-behaviour B.2), then the final code once,
 * then SL_ERROR_BSD_EISCONN. A failed socket keeps repeating its failure code until closed.
 */
#include "sock/sock_int.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

/* ---- TLS results -> SL codes (docs/sock.md step 3, tls.h) ------------------------------------ */

static const struct fatal_map {
    enum slsim_tls_fatal why;
    int32_t handshake; /**< during sl_Connect */
    int32_t data;      /**< during sl_Recv / sl_Send */
} fatal_table[] = {
    { SLSIM_TLS_FATAL_NO_SUITE, SL_ERROR_BSD_ESEC_MATCH_SUITE_ERROR,
      SL_ERROR_BSD_ESEC_MATCH_SUITE_ERROR },
    { SLSIM_TLS_FATAL_VERSION, SL_ERROR_BSD_ESEC_PROTOCOL_VERSION,
      SL_ERROR_BSD_ESEC_PROTOCOL_VERSION },
    /* TCP closed: mid-handshake it is -708 (SWRU455 T8-4); on a session it is sl_Recv's 0. */
    { SLSIM_TLS_FATAL_EOF, SL_ERROR_BSD_ESEC_SOCKET_ERROR_E, 0 },
    { SLSIM_TLS_FATAL_RESET, SL_ERROR_BSD_ESEC_SOCKET_ERROR_E, SL_ERROR_BSD_ESEC_SOCKET_ERROR_E },
    { SLSIM_TLS_FATAL_BAD_MESSAGE, SL_ERROR_BSD_ESEC_PARSE_ERROR, SL_ERROR_BSD_ESEC_PARSE_ERROR },
    { SLSIM_TLS_FATAL_BAD_MAC, SL_ERROR_BSD_ESEC_VERIFY_MAC_ERROR,
      SL_ERROR_BSD_ESEC_VERIFY_MAC_ERROR },
    { SLSIM_TLS_FATAL_KEY, SL_ERROR_BSD_ESECBADPRIVATEFILE, SL_ERROR_BSD_ESECBADPRIVATEFILE },
    { SLSIM_TLS_FATAL_OTHER, SL_ERROR_BSD_ESECGENERAL, SL_ERROR_BSD_ESECGENERAL },
};

int32_t
slsim_sock_tls_code(enum slsim_tls_result r, int alert, enum slsim_tls_fatal why, bool handshake)
{
    switch (r) {
    case SLSIM_TLS_OK:
        return 0;
    case SLSIM_TLS_WANT_READ:
    case SLSIM_TLS_WANT_WRITE:
        return handshake ? SL_ERROR_BSD_EALREADY : SL_ERROR_BSD_EAGAIN;
    case SLSIM_TLS_CLOSED:
        /* close_notify: during the handshake it is the alert (0 -> -300), afterwards -452 */
        return handshake ? SL_ERROR_BSD_ESEC_CLOSE_NOTIFY : SL_ERROR_BSD_ESECCLOSED;
    case SLSIM_TLS_ALERT:
        return alert >= 0 && alert <= 255 ? -(300 + alert) : SL_ERROR_BSD_ESECGENERAL;
    case SLSIM_TLS_FATAL:
    default:
        break;
    }
    for (size_t i = 0; i < sizeof(fatal_table) / sizeof(fatal_table[0]); i++) {
        if (fatal_table[i].why == why) {
            return handshake ? fatal_table[i].handshake : fatal_table[i].data;
        }
    }
    return SL_ERROR_BSD_ESECGENERAL;
}

/* ---- completion ----------------------------------------------------------------------------- */

/* Records the final code. A failed socket loses its session and TCP (the server sees the
 * close at once) but keeps its slot until sl_Close. */
static void complete(struct slsim_sock_slot *s, int32_t code, bool up)
{
    s->code = code;
    s->final_pending = true;
    s->state = up ? SLSIM_SOCK_CONNECTED : SLSIM_SOCK_FAILED;
    slsim_sock_files_free(&s->files);
    if (!up) {
        slsim_tls_free(s->tls);
        s->tls = NULL;
        s->counted = false;
        (void)shutdown(s->fd, SHUT_RDWR);
    }
}

/* A failure of the handshake step (TCP or TLS), recorded as a finding of a secure socket. */
static void fail_fix(struct slsim_sock_slot *s, int32_t code, const char *what, const char *fix)
{
    if (s->res != NULL) {
        slsim_trust_add(s->res, SLSIM_CHECK_HANDSHAKE, SLSIM_FINDING_FAIL, code, 0, -1, fix,
                        "%s (%ld)", what, (long)code);
        s->res->code = code;
        s->res->connected = false;
    }
    complete(s, code, false);
}

static void fail(struct slsim_sock_slot *s, int32_t code, const char *what)
{
    fail_fix(s, code, what, "check that the server is reachable and speaks TLS 1.0-1.2");
}

/* ---- steps ---------------------------------------------------------------------------------- */

/* 0 when the non-blocking TCP connect finished, EALREADY while in flight, or its error. */
static int32_t tcp_check(const struct slsim_sock_slot *s)
{
    struct pollfd p = { .fd = s->fd, .events = POLLOUT };
    int n = poll(&p, 1, 0);
    if (n == 0 || (n < 0 && errno == EINTR)) {
        return SL_ERROR_BSD_EALREADY;
    }
    int err = 0;
    socklen_t len = sizeof(err);
    if (n < 0 || getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) {
        err = errno;
    }
    return err == 0 ? 0 : slsim_sock_errno_to_sl(err);
}

static int32_t handshake_step(struct slsim_sock_table *t, struct slsim_sock_slot *s)
{
    int alert = -1;
    enum slsim_tls_fatal why = SLSIM_TLS_FATAL_NONE;
    enum slsim_tls_result r = slsim_tls_handshake(s->tls, &alert, &why);
    if (r == SLSIM_TLS_WANT_READ || r == SLSIM_TLS_WANT_WRITE) {
        s->want = r == SLSIM_TLS_WANT_READ ? POLLIN : POLLOUT;
        if (slsim_sock_now_ms() < s->hs_deadline) {
            return SL_ERROR_BSD_EALREADY;
        }
        fail(s, SL_ERROR_BSD_ESECHANDSHAKETIMEDOUT, "tls handshake timed out");
        return 0;
    }
    if (r == SLSIM_TLS_OK) {
        bool up = false;
        int32_t code = slsim_sock_secure_finish(t, s, &up);
        complete(s, code, up);
        return 0;
    }
    int32_t code = slsim_sock_tls_code(r, alert, why, true);
    const char *name = NULL;
    const char *fix = NULL;
    char what[96];
    slsim_sock_handshake_text(r, alert, why, &name, &fix);
    if (r == SLSIM_TLS_ALERT) {
        (void)snprintf(what, sizeof(what), "the server sent fatal alert %d %s", alert, name);
    } else {
        (void)snprintf(what, sizeof(what), "%s", name);
    }
    fail_fix(s, code, what, fix);
    return 0;
}

/* TCP is up: done for a plain socket, TLS starts for a secure one. */
static int32_t tcp_up(struct slsim_sock_table *t, struct slsim_sock_slot *s)
{
    if (!s->secure) {
        complete(s, 0, true);
        return 0;
    }
    int32_t ret = slsim_sock_secure_start(t, s);
    if (ret < 0) {
        fail(s, ret, "tls session could not be created");
        return 0;
    }
    return handshake_step(t, s);
}

int32_t slsim_sock_connect_step(struct slsim_sock_table *t, struct slsim_sock_slot *s)
{
    int32_t ret = 0;
    switch (s->state) {
    case SLSIM_SOCK_TCP_CONNECTING:
        ret = tcp_check(s);
        if (ret == SL_ERROR_BSD_EALREADY) {
            return ret;
        }
        if (ret < 0) {
            fail(s, ret, "tcp connect failed");
            return 0;
        }
        return tcp_up(t, s);
    case SLSIM_SOCK_TLS_HANDSHAKE:
        return handshake_step(t, s);
    default:
        return 0;
    }
}

static int32_t start(struct slsim_sock_table *t, struct slsim_sock_slot *s)
{
    if (s->secure) {
        int32_t ret = slsim_sock_secure_prepare(t, s);
        if (ret < 0) {
            complete(s, ret, false);
            return 0;
        }
    }
    struct sockaddr_in a;
    slsim_sock_addr_fill(&a, s->ip, s->port);
    if (connect(s->fd, (const struct sockaddr *)&a, sizeof(a)) == 0) {
        return tcp_up(t, s);
    }
    if (errno != EINPROGRESS) {
        fail(s, slsim_sock_errno_to_sl(errno), "tcp connect failed");
        return 0;
    }
    s->state = SLSIM_SOCK_TCP_CONNECTING;
    return slsim_sock_connect_step(t, s);
}

/* UDP: connect() only sets the default peer, at once. */
static int32_t connect_dgram(struct slsim_sock_slot *s, uint32_t ip, uint16_t port)
{
    struct sockaddr_in a;
    slsim_sock_addr_fill(&a, ip, port);
    if (connect(s->fd, (const struct sockaddr *)&a, sizeof(a)) != 0) {
        return slsim_sock_errno_to_sl(errno);
    }
    s->ip = ip;
    s->port = port;
    s->state = SLSIM_SOCK_CONNECTED;
    return 0;
}

/* The final code once, then EISCONN (connected) or the failure code again (failed). */
static int32_t report(struct slsim_sock_slot *s)
{
    if (s->final_pending) {
        s->final_pending = false;
        return s->code;
    }
    return s->state == SLSIM_SOCK_CONNECTED ? SL_ERROR_BSD_EISCONN : s->code;
}

int32_t slsim_sock_connect(struct slsim_sock_table *t, int sd, uint32_t ip, uint16_t port)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret != 0) {
        return ret;
    }
    if (s->type == SLSIM_SOCK_DGRAM) {
        return connect_dgram(s, ip, port);
    }
    switch (s->state) {
    case SLSIM_SOCK_OPEN:
        s->ip = ip;
        s->port = port;
        ret = start(t, s);
        break;
    case SLSIM_SOCK_TCP_CONNECTING:
    case SLSIM_SOCK_TLS_HANDSHAKE:
        ret = slsim_sock_connect_step(t, s);
        break;
    case SLSIM_SOCK_LISTENING:
        return SL_ERROR_BSD_EINVAL;
    default:
        break;
    }
    return ret == SL_ERROR_BSD_EALREADY ? ret : report(s);
}

int32_t slsim_sock_starttls(struct slsim_sock_table *t, int sd)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret != 0) {
        return ret;
    }
    if (s->type != SLSIM_SOCK_STREAM || s->accepted) {
        return SL_ERROR_BSD_ESOCKTNOSUPPORT;
    }
    if (s->state != SLSIM_SOCK_CONNECTED || s->tls != NULL || s->secure) {
        return s->state == SLSIM_SOCK_CONNECTED ? SL_ERROR_BSD_EISCONN : SL_ERROR_BSD_ENOTCONN;
    }
    if (s->txlen > 0) {
        return SL_ERROR_BSD_ESECTXBUFFERNOTEMPTY;
    }
    s->secure = true;
    s->final_pending = false;
    ret = slsim_sock_secure_prepare(t, s);
    if (ret < 0) {
        complete(s, ret, false);
        return report(s);
    }
    ret = tcp_up(t, s);
    return ret == SL_ERROR_BSD_EALREADY ? ret : report(s);
}
