/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sock_select.c
 * @brief Waiting: what a blocking call polls for (slsim_sock_poll_spec) and one readiness pass
 *        of sl_Select (reference §2.4: readable = data or a pending accept, writable = a
 *        connect that completed; exceptfds unsupported).
 *
 * Neither function blocks: the facade polls the returned fds with the device lock released.
 */
#include "sock/sock_int.h"

#include <poll.h>
#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

static bool in_progress(const struct slsim_sock_slot *s)
{
    return s->state == SLSIM_SOCK_TCP_CONNECTING || s->state == SLSIM_SOCK_TLS_HANDSHAKE;
}

/* Events that let a stalled connect or a pending flush go on. */
static short progress_events(const struct slsim_sock_slot *s)
{
    if (s->state == SLSIM_SOCK_TCP_CONNECTING) {
        return POLLOUT;
    }
    if (s->state == SLSIM_SOCK_TLS_HANDSHAKE) {
        return s->want != 0 ? s->want : (short)POLLIN;
    }
    if (s->txlen > 0 && s->tx_error == 0) {
        return s->tls_retry > 0 && s->want != 0 ? s->want : (short)POLLOUT;
    }
    return 0;
}

int32_t slsim_sock_poll_spec(struct slsim_sock_table *t,
                             int sd,
                             enum slsim_sock_op op,
                             int *fd,
                             short *events,
                             int64_t *deadline_ms)
{
    struct slsim_sock_slot *s = NULL;
    *fd = -1;
    *events = 0;
    *deadline_ms = 0;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret != 0) {
        return ret;
    }
    short ev = 0;
    switch (op) {
    case SLSIM_SOCK_OP_CONNECT:
        ev = in_progress(s) ? progress_events(s) : 0;
        *deadline_ms = s->state == SLSIM_SOCK_TLS_HANDSHAKE ? s->hs_deadline : 0;
        break;
    case SLSIM_SOCK_OP_SEND:
        ev = s->tls_retry > 0 && s->want != 0 ? s->want : (short)POLLOUT;
        break;
    case SLSIM_SOCK_OP_RECV:
        if (s->tls != NULL && slsim_tls_pending(s->tls)) {
            return 0; /* decrypted data waits: call recv again now */
        }
        ev = (short)(POLLIN | progress_events(s));
        if (s->tls != NULL && s->want == POLLOUT) {
            ev |= POLLOUT; /* the TLS layer must write before it can read */
        }
        break;
    case SLSIM_SOCK_OP_ACCEPT:
        ev = POLLIN;
        break;
    default:
        return SL_ERROR_BSD_EINVAL;
    }
    if (ev != 0) {
        *fd = s->fd;
        *events = ev;
    }
    return 0;
}

static void add_pfd(struct pollfd *pfds, unsigned *n, int fd, short ev)
{
    pfds[*n].fd = fd;
    pfds[*n].events = ev;
    pfds[*n].revents = 0;
    (*n)++;
}

static bool may_read(const struct slsim_sock_slot *s)
{
    return s->state == SLSIM_SOCK_CONNECTED || s->state == SLSIM_SOCK_LISTENING ||
           (s->state == SLSIM_SOCK_OPEN && s->type == SLSIM_SOCK_DGRAM);
}

static unsigned popcount16(uint32_t v)
{
    unsigned n = 0;
    for (; v != 0; v &= v - 1u) {
        n++;
    }
    return n;
}

int32_t slsim_sock_select_pass(struct slsim_sock_table *t,
                               uint32_t want_read,
                               uint32_t want_write,
                               uint32_t *ready_read,
                               uint32_t *ready_write,
                               struct pollfd *pfds,
                               unsigned *npfds,
                               int64_t *deadline_ms)
{
    *ready_read = 0;
    *ready_write = 0;
    *npfds = 0;
    *deadline_ms = 0;
    for (int i = 0; i < SLSIM_SOCK_MAX; i++) {
        struct slsim_sock_slot *s = &t->slot[i];
        uint32_t bit = 1u << i;
        if (s->state == SLSIM_SOCK_FREE) {
            continue;
        }
        if (s->txlen > 0) {
            (void)slsim_sock_flush(t, s);
        }
        if (in_progress(s)) {
            (void)slsim_sock_connect_step(t, s); /* select drives every connect (docs/sock.md) */
        }
        if ((want_read & bit) != 0 && slsim_sock_readable(s)) {
            *ready_read |= bit;
        }
        if ((want_write & bit) != 0 &&
            (s->state == SLSIM_SOCK_CONNECTED || s->state == SLSIM_SOCK_FAILED)) {
            *ready_write |= bit;
        }
        short ev = progress_events(s);
        if ((want_read & bit) != 0 && (*ready_read & bit) == 0 && may_read(s)) {
            ev |= POLLIN;
        }
        if (ev != 0) {
            add_pfd(pfds, npfds, s->fd, ev);
        }
        if (s->state == SLSIM_SOCK_TLS_HANDSHAKE &&
            (*deadline_ms == 0 || s->hs_deadline < *deadline_ms)) {
            *deadline_ms = s->hs_deadline;
        }
    }
    return (int32_t)(popcount16(*ready_read) + popcount16(*ready_write));
}
