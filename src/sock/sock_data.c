/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sock_data.c
 * @brief Data on sockets: send/recv/sendto/recvfrom, the 16 KB per-socket send buffer and its
 *        flush, TLS application data (docs/sock.md "Data").
 *
 * sl_Send is fire-and-forget on the chip (reference §2.4): data handed over is "sent"; a later
 * failure is reported by SL_SOCKET_TX_FAILED_EVENT, after which sends return
 * SL_ERROR_BSD_SOC_ERROR. Here data goes into the slot's buffer, which every call on the socket
 * (and every select pass) flushes as far as the host socket takes it.
 */
#include "sock/sock_int.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

/* A send failed after it was accepted: remember it and tell the application by event. */
static int32_t tx_fail(struct slsim_sock_table *t, struct slsim_sock_slot *s, int32_t code)
{
    if (code >= 0) {
        code = SL_ERROR_BSD_ESEC_SOCKET_ERROR_E; /* a TLS EOF while writing */
    }
    s->tx_error = code;
    s->txlen = 0;
    s->tls_retry = 0;
    slsim_sock_event_push(t, SLSIM_SOCK_EV_TX_FAIL, slsim_sock_sd_of(t, s), 0, code, NULL);
    return code;
}

/* One write of the buffer's head: bytes taken, 0 when the socket is full, or < 0. */
static int32_t write_some(struct slsim_sock_slot *s)
{
    if (s->tls != NULL) {
        /* mbedTLS wants a WANT_WRITE retried with the same length: the head is unchanged. */
        size_t len = s->tls_retry > 0 ? s->tls_retry : s->txlen;
        size_t n = 0;
        enum slsim_tls_fatal why = SLSIM_TLS_FATAL_NONE;
        enum slsim_tls_result r = slsim_tls_write(s->tls, s->tx, len, &n, &why);
        if (r == SLSIM_TLS_WANT_READ || r == SLSIM_TLS_WANT_WRITE) {
            s->tls_retry = len;
            s->want = r == SLSIM_TLS_WANT_READ ? POLLIN : POLLOUT;
            return 0;
        }
        s->tls_retry = 0;
        return r == SLSIM_TLS_OK ? (int32_t)n : slsim_sock_tls_code(r, -1, why, false);
    }
    ssize_t n = send(s->fd, s->tx, s->txlen, MSG_NOSIGNAL);
    if (n >= 0) {
        return (int32_t)n;
    }
    return errno == EAGAIN || errno == EINTR ? 0 : slsim_sock_errno_to_sl(errno);
}

int32_t slsim_sock_flush(struct slsim_sock_table *t, struct slsim_sock_slot *s)
{
    while (s->txlen > 0 && s->tx_error == 0) {
        int32_t n = write_some(s);
        if (n < 0) {
            return tx_fail(t, s, n);
        }
        if (n == 0) {
            return 0;
        }
        memmove(s->tx, s->tx + n, s->txlen - (size_t)n);
        s->txlen -= (size_t)n;
    }
    return s->tx_error;
}

/* Connected (TCP/TLS) or, for UDP, usable at all. */
static int32_t check_data_state(const struct slsim_sock_slot *s)
{
    if (s->state == SLSIM_SOCK_CONNECTED) {
        return 0;
    }
    if (s->type == SLSIM_SOCK_DGRAM && s->state == SLSIM_SOCK_OPEN) {
        return 0;
    }
    return SL_ERROR_BSD_ENOTCONN;
}

static int32_t
send_dgram(struct slsim_sock_slot *s, const void *buf, size_t len, const struct sockaddr_in *to)
{
    ssize_t n = sendto(s->fd, buf, len, MSG_NOSIGNAL, (const struct sockaddr *)to,
                       to != NULL ? sizeof(*to) : 0);
    if (n < 0) {
        return slsim_sock_errno_to_sl(errno);
    }
    return (int32_t)n;
}

int32_t slsim_sock_send(struct slsim_sock_table *t, int sd, const void *buf, size_t len)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret == 0) {
        ret = check_data_state(s);
    }
    if (ret != 0 || len == 0) {
        return ret;
    }
    if (s->tx_error != 0) {
        return SL_ERROR_BSD_SOC_ERROR;
    }
    if (s->type == SLSIM_SOCK_DGRAM) {
        return s->state == SLSIM_SOCK_CONNECTED ? send_dgram(s, buf, len, NULL)
                                                : SL_ERROR_BSD_EDESTADDRREQ;
    }
    if (s->tx == NULL && (s->tx = malloc(SLSIM_SOCK_TXBUF)) == NULL) {
        return SL_ERROR_BSD_ENOMEM;
    }
    if (slsim_sock_flush(t, s) != 0) {
        return SL_ERROR_BSD_SOC_ERROR;
    }
    /* All or nothing up to the buffer size (a longer send is taken in pieces). */
    size_t room = SLSIM_SOCK_TXBUF - s->txlen;
    size_t take = len <= SLSIM_SOCK_TXBUF ? (len <= room ? len : 0) : room;
    if (take == 0) {
        return SL_ERROR_BSD_EAGAIN;
    }
    memcpy(s->tx + s->txlen, buf, take);
    s->txlen += take;
    (void)slsim_sock_flush(t, s); /* a failure now is reported by event, as on the chip */
    return (int32_t)take;
}

static int32_t recv_tls(struct slsim_sock_slot *s, void *buf, size_t len)
{
    size_t n = 0;
    int alert = -1;
    enum slsim_tls_fatal why = SLSIM_TLS_FATAL_NONE;
    enum slsim_tls_result r = slsim_tls_read(s->tls, buf, len, &n, &alert, &why);
    if (r == SLSIM_TLS_OK) {
        return n > 0 ? (int32_t)n : SL_ERROR_BSD_EAGAIN;
    }
    if (r == SLSIM_TLS_WANT_READ || r == SLSIM_TLS_WANT_WRITE) {
        s->want = r == SLSIM_TLS_WANT_READ ? POLLIN : POLLOUT;
        return SL_ERROR_BSD_EAGAIN;
    }
    return slsim_sock_tls_code(r, alert, why, false);
}

static int32_t
recv_host(struct slsim_sock_slot *s, void *buf, size_t len, uint32_t *ip, uint16_t *port)
{
    struct sockaddr_in a;
    socklen_t alen = sizeof(a);
    memset(&a, 0, sizeof(a));
    ssize_t n = recvfrom(s->fd, buf, len, 0, (struct sockaddr *)&a, &alen);
    if (n < 0) {
        return errno == EINTR ? SL_ERROR_BSD_EAGAIN : slsim_sock_errno_to_sl(errno);
    }
    if (ip != NULL) {
        *ip = s->type == SLSIM_SOCK_DGRAM ? ntohl(a.sin_addr.s_addr) : s->ip;
    }
    if (port != NULL) {
        *port = s->type == SLSIM_SOCK_DGRAM ? ntohs(a.sin_port) : s->port;
    }
    return (int32_t)n;
}

int32_t slsim_sock_recvfrom(
    struct slsim_sock_table *t, int sd, void *buf, size_t len, uint32_t *ip, uint16_t *port)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret == 0) {
        ret = check_data_state(s);
    }
    if (ret != 0) {
        return ret;
    }
    if (len == 0) {
        return SL_ERROR_BSD_EINVAL;
    }
    if (s->txlen > 0) {
        (void)slsim_sock_flush(t, s);
    }
    if (s->tls == NULL) {
        return recv_host(s, buf, len, ip, port);
    }
    if (ip != NULL) {
        *ip = s->ip;
    }
    if (port != NULL) {
        *port = s->port;
    }
    return recv_tls(s, buf, len);
}

int32_t slsim_sock_recv(struct slsim_sock_table *t, int sd, void *buf, size_t len)
{
    return slsim_sock_recvfrom(t, sd, buf, len, NULL, NULL);
}

int32_t slsim_sock_sendto(
    struct slsim_sock_table *t, int sd, const void *buf, size_t len, uint32_t ip, uint16_t port)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret != 0) {
        return ret;
    }
    if (s->type != SLSIM_SOCK_DGRAM) {
        return slsim_sock_send(t, sd, buf, len); /* TCP ignores the address, as BSD does */
    }
    if (len == 0) {
        return 0;
    }
    struct sockaddr_in a;
    slsim_sock_addr_fill(&a, ip, port);
    return send_dgram(s, buf, len, &a);
}

bool slsim_sock_readable(struct slsim_sock_slot *s)
{
    switch (s->state) {
    case SLSIM_SOCK_FAILED:
        return true; /* recv returns at once */
    case SLSIM_SOCK_OPEN:
        if (s->type != SLSIM_SOCK_DGRAM) {
            return false;
        }
        break;
    case SLSIM_SOCK_CONNECTED:
    case SLSIM_SOCK_LISTENING:
        break;
    default:
        return false;
    }
    if (s->tls != NULL && slsim_tls_pending(s->tls)) {
        return true;
    }
    struct pollfd p = { .fd = s->fd, .events = POLLIN };
    return poll(&p, 1, 0) > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR)) != 0;
}
