/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sock_table.c
 * @brief The device's socket table: slots, the profile's limits (-10 ENSOCK, -460 counted in
 *        sock_secure.c), socket lifecycle (socket/bind/listen/accept/close), plain options,
 *        the async event queue.
 *
 * Each slot owns one non-blocking host socket. Descriptors are slot indexes 0..15, as TI's sds
 * are small integers (reference §2.1: SlFdSet_t is one 32-bit word).
 */
#include "sock/sock_int.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

int64_t slsim_sock_now_ms(void)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int32_t slsim_sock_table_new(const struct slsim_sock_env *env, struct slsim_sock_table **out)
{
    *out = NULL;
    struct slsim_sock_table *t = calloc(1, sizeof(*t));
    if (t == NULL) {
        return SL_ERROR_BSD_ENOMEM;
    }
    t->env = *env;
    if (t->env.max_sockets == 0 || t->env.max_sockets > SLSIM_SOCK_MAX) {
        t->env.max_sockets = SLSIM_SOCK_MAX;
    }
    if (t->env.handshake_timeout_ms == 0) {
        t->env.handshake_timeout_ms = SLSIM_SOCK_HS_TIMEOUT_MS;
    }
    for (int i = 0; i < SLSIM_SOCK_MAX; i++) {
        t->slot[i].fd = -1;
    }
    *out = t;
    return 0;
}

/* Frees everything a slot holds and marks it free (the host socket is shut down first, so a
 * thread polling on it in the facade wakes up). */
static void slot_release(struct slsim_sock_slot *s)
{
    if (s->tls != NULL && s->state == SLSIM_SOCK_CONNECTED) {
        slsim_tls_close_notify(s->tls);
    }
    slsim_tls_free(s->tls);
    if (s->fd >= 0) {
        (void)shutdown(s->fd, SHUT_RDWR);
        (void)close(s->fd);
    }
    slsim_sock_files_free(&s->files);
    free(s->res);
    free(s->tx);
    memset(s, 0, sizeof(*s));
    s->fd = -1;
}

void slsim_sock_table_free(struct slsim_sock_table *t)
{
    if (t == NULL) {
        return;
    }
    for (int i = 0; i < SLSIM_SOCK_MAX; i++) {
        if (t->slot[i].state != SLSIM_SOCK_FREE) {
            slot_release(&t->slot[i]);
        }
    }
    slsim_sock_creds_clear(t);
    free(t);
}

int32_t slsim_sock_slot_get(struct slsim_sock_table *t, int sd, struct slsim_sock_slot **s)
{
    *s = NULL;
    if (t == NULL || sd < 0 || sd >= SLSIM_SOCK_MAX || t->slot[sd].state == SLSIM_SOCK_FREE) {
        return SL_ERROR_BSD_EBADF;
    }
    *s = &t->slot[sd];
    return 0;
}

int slsim_sock_sd_of(const struct slsim_sock_table *t, const struct slsim_sock_slot *s)
{
    return (int)(s - t->slot);
}

/* A free slot below the profile's limit, or -1. */
static int free_slot(const struct slsim_sock_table *t)
{
    unsigned used = 0;
    int first = -1;
    for (int i = 0; i < SLSIM_SOCK_MAX; i++) {
        if (t->slot[i].state != SLSIM_SOCK_FREE) {
            used++;
        } else if (first < 0) {
            first = i;
        }
    }
    return used < t->env.max_sockets ? first : -1;
}

static void apply_keepalive(const struct slsim_sock_slot *s)
{
    int on = s->keepalive ? 1 : 0;
    int idle = (int)(s->keepalive_secs > 0 ? s->keepalive_secs : 1u);
    (void)setsockopt(s->fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));
    (void)setsockopt(s->fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof(idle));
}

/* Fills a fresh slot around host socket @p fd. */
static void slot_init(struct slsim_sock_slot *s, int fd, int type, bool secure)
{
    memset(s, 0, sizeof(*s));
    s->fd = fd;
    s->type = type;
    s->secure = secure;
    s->state = SLSIM_SOCK_OPEN;
    s->keepalive = true; /* TI default: on, 5 minutes (reference §2.2) */
    s->keepalive_secs = SLSIM_SOCK_KEEPALIVE_S;
    slsim_sock_sec_defaults(&s->sec);
    if (type == SLSIM_SOCK_STREAM) {
        int one = 1;
        (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        apply_keepalive(s);
    }
}

int32_t slsim_sock_socket(struct slsim_sock_table *t, int domain, int type, int proto)
{
    if (t == NULL) {
        return SL_ERROR_BSD_EINVAL;
    }
    if (domain != SLSIM_SOCK_AF_INET) {
        return SL_ERROR_BSD_EAFNOSUPPORT;
    }
    if (type != SLSIM_SOCK_STREAM && type != SLSIM_SOCK_DGRAM) {
        return SL_ERROR_BSD_EPROTOTYPE;
    }
    bool stream = type == SLSIM_SOCK_STREAM;
    if (proto != 0 && proto != SLSIM_SOCK_PROTO_TCP && proto != SLSIM_SOCK_PROTO_UDP &&
        proto != SLSIM_SOCK_PROTO_SEC) {
        return SL_ERROR_BSD_EPROTONOSUPPORT;
    }
    if ((stream && proto == SLSIM_SOCK_PROTO_UDP) ||
        (!stream && (proto == SLSIM_SOCK_PROTO_TCP || proto == SLSIM_SOCK_PROTO_SEC))) {
        return SL_ERROR_BSD_EOPNOTSUPP; /* illegal protocol + type combination (§4.2) */
    }
    int sd = free_slot(t);
    if (sd < 0) {
        return SL_ERROR_BSD_ENSOCK;
    }
    int fd = socket(AF_INET, (stream ? SOCK_STREAM : SOCK_DGRAM) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return slsim_sock_errno_to_sl(errno);
    }
    slot_init(&t->slot[sd], fd, type, proto == SLSIM_SOCK_PROTO_SEC);
    return sd;
}

int32_t slsim_sock_close(struct slsim_sock_table *t, int sd)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret != 0) {
        return ret;
    }
    if (s->state == SLSIM_SOCK_CONNECTED && s->txlen > 0) {
        (void)slsim_sock_flush(t, s); /* best effort: sl_Close does not wait */
    }
    slot_release(s);
    return 0;
}

void slsim_sock_addr_fill(struct sockaddr_in *a, uint32_t ip, uint16_t port)
{
    memset(a, 0, sizeof(*a));
    a->sin_family = AF_INET;
    a->sin_port = htons(port);
    a->sin_addr.s_addr = htonl(ip);
}

int32_t slsim_sock_bind(struct slsim_sock_table *t, int sd, uint32_t ip, uint16_t port)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret != 0) {
        return ret;
    }
    if (s->state != SLSIM_SOCK_OPEN) {
        return SL_ERROR_BSD_EINVAL;
    }
    struct sockaddr_in a;
    slsim_sock_addr_fill(&a, ip, port);
    int one = 1;
    (void)setsockopt(s->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(s->fd, (const struct sockaddr *)&a, sizeof(a)) != 0) {
        return slsim_sock_errno_to_sl(errno);
    }
    return 0;
}

int32_t slsim_sock_listen(struct slsim_sock_table *t, int sd, int backlog)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret != 0) {
        return ret;
    }
    if (s->type != SLSIM_SOCK_STREAM) {
        return SL_ERROR_BSD_EOPNOTSUPP;
    }
    if (s->secure) {
        return SL_ERROR_BSD_EOPNOTSUPP; /* TLS server sockets: not emulated yet */
    }
    if (s->state != SLSIM_SOCK_OPEN && s->state != SLSIM_SOCK_LISTENING) {
        return SL_ERROR_BSD_EISCONN;
    }
    if (listen(s->fd, backlog & 0xFF) != 0) {
        return slsim_sock_errno_to_sl(errno);
    }
    s->state = SLSIM_SOCK_LISTENING;
    return 0;
}

int32_t slsim_sock_accept(struct slsim_sock_table *t, int sd, uint32_t *ip, uint16_t *port)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret != 0) {
        return ret;
    }
    if (s->state != SLSIM_SOCK_LISTENING) {
        return SL_ERROR_BSD_EINVAL;
    }
    int nsd = free_slot(t);
    if (nsd < 0) {
        return SL_ERROR_BSD_ENSOCK;
    }
    struct sockaddr_in a;
    socklen_t alen = sizeof(a);
    int fd = accept(s->fd, (struct sockaddr *)&a, &alen);
    if (fd < 0) {
        return errno == ECONNABORTED ? SL_ERROR_BSD_EAGAIN : slsim_sock_errno_to_sl(errno);
    }
    int fl = fcntl(fd, F_GETFL);
    (void)fcntl(fd, F_SETFL, (fl < 0 ? 0 : fl) | O_NONBLOCK);
    (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
    struct slsim_sock_slot *n = &t->slot[nsd];
    slot_init(n, fd, SLSIM_SOCK_STREAM, false);
    n->accepted = true;
    n->state = SLSIM_SOCK_CONNECTED;
    n->nonblocking = s->nonblocking;
    n->ip = ntohl(a.sin_addr.s_addr);
    n->port = ntohs(a.sin_port);
    if (ip != NULL) {
        *ip = n->ip;
    }
    if (port != NULL) {
        *port = n->port;
    }
    return nsd;
}

/* ---- plain options -------------------------------------------------------------------------- */

int32_t slsim_sock_set_nonblocking(struct slsim_sock_table *t, int sd, bool on)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret == 0) {
        s->nonblocking = on;
    }
    return ret;
}

int32_t slsim_sock_get_nonblocking(struct slsim_sock_table *t, int sd, bool *on)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret == 0) {
        *on = s->nonblocking;
    }
    return ret;
}

int32_t slsim_sock_set_rcvtimeo(struct slsim_sock_table *t, int sd, uint32_t ms)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret == 0) {
        s->rcvtimeo_ms = ms;
    }
    return ret;
}

int32_t slsim_sock_get_rcvtimeo(struct slsim_sock_table *t, int sd, uint32_t *ms)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret == 0) {
        *ms = s->rcvtimeo_ms;
    }
    return ret;
}

int32_t slsim_sock_set_keepalive(struct slsim_sock_table *t, int sd, bool on, uint32_t secs)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret != 0) {
        return ret;
    }
    if (s->type != SLSIM_SOCK_STREAM) {
        return SL_ERROR_BSD_ESOCKTNOSUPPORT;
    }
    s->keepalive = on;
    s->keepalive_secs = secs;
    apply_keepalive(s);
    return 0;
}

int32_t slsim_sock_get_keepalive(struct slsim_sock_table *t, int sd, bool *on, uint32_t *secs)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret == 0) {
        *on = s->keepalive;
        *secs = s->keepalive_secs;
    }
    return ret;
}

void slsim_sock_set_handshake_timeout(struct slsim_sock_table *t, uint32_t ms)
{
    if (t != NULL) {
        t->env.handshake_timeout_ms = ms > 0 ? ms : SLSIM_SOCK_HS_TIMEOUT_MS;
    }
}

/* ---- results and events --------------------------------------------------------------------- */

int32_t slsim_sock_conn_params(struct slsim_sock_table *t, int sd, struct slsim_sock_conn_params *p)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret != 0) {
        return ret;
    }
    if (!s->params_valid || s->state != SLSIM_SOCK_CONNECTED) {
        return SL_ERROR_BSD_ENOTCONN;
    }
    *p = s->params;
    return 0;
}

int32_t slsim_sock_last_findings(struct slsim_sock_table *t, int sd, struct slsim_trust_result *out)
{
    struct slsim_sock_slot *s = NULL;
    int32_t ret = slsim_sock_slot_get(t, sd, &s);
    if (ret != 0) {
        return ret;
    }
    if (s->res == NULL) {
        return SL_ERROR_BSD_ENOTCONN;
    }
    *out = *s->res;
    return 0;
}

void slsim_sock_event_push(struct slsim_sock_table *t,
                           uint32_t event,
                           int sd,
                           uint8_t type,
                           int32_t val,
                           const char *extra)
{
    if (t->nev >= SLSIM_SOCK_EVENTS) {
        return; /* as TI's driver drops events it has no buffer for */
    }
    struct slsim_sock_event *e = &t->ev[t->nev++];
    memset(e, 0, sizeof(*e));
    e->event = event;
    e->sd = (uint8_t)sd;
    e->type = type;
    e->val = (int16_t)val;
    (void)snprintf(e->extra, sizeof(e->extra), "%s", extra != NULL ? extra : "");
}

unsigned
slsim_sock_take_events(struct slsim_sock_table *t, struct slsim_sock_event *out, unsigned max)
{
    if (t == NULL) {
        return 0;
    }
    unsigned n = t->nev < max ? t->nev : max;
    memcpy(out, t->ev, n * sizeof(*out));
    memmove(t->ev, t->ev + n, (t->nev - n) * sizeof(*out));
    t->nev -= n;
    return n;
}
