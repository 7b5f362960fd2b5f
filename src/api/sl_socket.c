/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sl_socket.c
 * @brief TI facade of the sockets (reference §2.4): sl_Socket … sl_Select, sl_StartTLS, byte
 *        order and descriptor-set helpers. Options are in sl_socket_opt.c.
 *
 * Validates what TI's host driver validates (address families and sizes, lengths), converts
 * TI structs (ports and addresses arrive in network order), and builds the blocking calls from
 * the non-blocking engine in src/sock: lock, step, read the poll spec, unlock, poll, repeat.
 * The device lock is never held while waiting, and queued socket events are delivered after
 * each unlock. Every call first checks that the device is started (-2018).
 */
#include "api/api_sock.h"

#include <arpa/inet.h>
#include <poll.h>
#include <string.h>

#include <ti/drivers/net/wifi/simplelink.h>

#include "core/banned.h"

#define RECV_MAX 16000 /* documented sl_Recv length range 1..16000 (§8) */

/* One non-blocking attempt of an operation, made with the device locked. */
typedef int32_t (*sock_try_fn)(struct slsim_sock_table *t, int sd, void *arg);

struct blocking {
    enum slsim_sock_op op;
    int32_t again;     /**< the "not yet" code: EALREADY (connect) or EAGAIN */
    bool dontwait;     /**< SL_MSG_DONTWAIT: this call does not block */
    bool use_rcvtimeo; /**< SL_SO_RCVTIMEO bounds the wait (receives) */
    bool force_block;  /**< blocks even on a non-blocking socket (sl_StartTLS) */
};

/* Runs @p fn until it returns something else than b->again (or the socket is non-blocking,
 * or the receive timeout passed: then b->again is returned). */
static int32_t run_blocking(int sd, const struct blocking *b, sock_try_fn fn, void *arg)
{
    int64_t limit = -1; /* computed on the first pass (needs the lock) */
    for (;;) {
        struct slsim_device *dev = NULL;
        int32_t ret = 0;
        struct slsim_sock_table *t = slsim_api_sock_enter(&dev, &ret);
        if (t == NULL) {
            return ret;
        }
        ret = fn(t, sd, arg);
        bool nb = b->dontwait;
        int fd = -1;
        short ev = 0;
        int64_t deadline = 0;
        if (ret == b->again) {
            bool sock_nb = false;
            (void)slsim_sock_get_nonblocking(t, sd, &sock_nb);
            nb = nb || (sock_nb && !b->force_block);
            uint32_t ms = 0;
            if (limit < 0) {
                (void)slsim_sock_get_rcvtimeo(t, sd, &ms);
                limit = b->use_rcvtimeo && ms > 0 ? slsim_sock_now_ms() + ms : 0;
            }
            (void)slsim_sock_poll_spec(t, sd, b->op, &fd, &ev, &deadline);
        }
        slsim_api_sock_leave(dev, t);
        if (ret != b->again || nb) {
            return ret;
        }
        if (!slsim_api_sock_wait(fd, ev, deadline, limit)) {
            return ret; /* SL_SO_RCVTIMEO expired: SL_ERROR_BSD_EAGAIN */
        }
    }
}

/* Checks an IPv4 socket address; @p len < 0 skips the size check (sl_Bind, sl_SendTo). */
static int32_t addr_in(const SlSockAddr_t *addr, long len, uint32_t *ip, uint16_t *port)
{
    if (addr == NULL || addr->sa_family != SL_AF_INET ||
        (len >= 0 && len != (long)sizeof(SlSockAddrIn_t))) {
        return SL_RET_CODE_INVALID_INPUT; /* IPv6 is not built in (compat-deviations S7) */
    }
    SlSockAddrIn_t in;
    memcpy(&in, addr, sizeof(in));
    *ip = ntohl(in.sin_addr.s_addr);
    *port = ntohs(in.sin_port);
    return 0;
}

static void addr_out(SlSockAddr_t *addr, uint32_t ip, uint16_t port)
{
    SlSockAddrIn_t in;
    memset(&in, 0, sizeof(in));
    in.sin_family = SL_AF_INET;
    in.sin_port = htons(port);
    in.sin_addr.s_addr = htonl(ip);
    memcpy(addr, &in, sizeof(in));
}

/* ---- lifecycle --------------------------------------------------------------------------------
 */

_i16 sl_Socket(_i16 Domain, _i16 Type, _i16 Protocol)
{
    struct slsim_device *dev = NULL;
    int32_t ret = 0;
    struct slsim_sock_table *t = slsim_api_sock_enter(&dev, &ret);
    if (t == NULL) {
        return (_i16)ret;
    }
    ret = slsim_sock_socket(t, Domain, Type, Protocol);
    slsim_api_net_forget(dev, (int)ret); /* net: a new descriptor has no destination yet */
    slsim_api_sock_leave(dev, t);
    return (_i16)ret;
}

_i16 sl_Close(_i16 sd)
{
    struct slsim_device *dev = NULL;
    int32_t ret = 0;
    struct slsim_sock_table *t = slsim_api_sock_enter(&dev, &ret);
    if (t == NULL) {
        return (_i16)ret;
    }
    ret = slsim_sock_close(t, sd);
    slsim_api_sock_leave(dev, t);
    return (_i16)ret;
}

_i16 sl_Bind(_i16 sd, const SlSockAddr_t *addr, _i16 addrlen)
{
    (void)addrlen; /* not inspected by TI's driver (§2.4) */
    struct slsim_device *dev = NULL;
    int32_t ret = 0;
    struct slsim_sock_table *t = slsim_api_sock_enter(&dev, &ret);
    if (t == NULL) {
        return (_i16)ret;
    }
    uint32_t ip = 0;
    uint16_t port = 0;
    ret = addr_in(addr, -1, &ip, &port);
    if (ret == 0) {
        ret = slsim_sock_bind(t, sd, ip, port);
    }
    slsim_api_sock_leave(dev, t);
    return (_i16)ret;
}

_i16 sl_Listen(_i16 sd, _i16 backlog)
{
    struct slsim_device *dev = NULL;
    int32_t ret = 0;
    struct slsim_sock_table *t = slsim_api_sock_enter(&dev, &ret);
    if (t == NULL) {
        return (_i16)ret;
    }
    ret = slsim_sock_listen(t, sd, (_u8)backlog); /* truncated to 8 bits (§2.4) */
    slsim_api_sock_leave(dev, t);
    return (_i16)ret;
}

struct peer {
    uint32_t ip;
    uint16_t port;
};

static int32_t try_accept(struct slsim_sock_table *t, int sd, void *arg)
{
    struct peer *p = arg;
    return slsim_sock_accept(t, sd, &p->ip, &p->port);
}

_i16 sl_Accept(_i16 sd, SlSockAddr_t *addr, SlSocklen_t *addrlen)
{
    struct peer p = { 0, 0 };
    const struct blocking b = { SLSIM_SOCK_OP_ACCEPT, SL_ERROR_BSD_EAGAIN, false, false, false };
    int32_t ret = run_blocking(sd, &b, try_accept, &p);
    if (ret >= 0) {
        slsim_api_net_forget_unlocked((int)ret); /* net: a new descriptor */
    }
    if (ret >= 0 && addr != NULL && addrlen != NULL) {
        if (*addrlen == sizeof(SlSockAddrIn_t)) {
            addr_out(addr, p.ip, p.port);
        } else {
            *addrlen = 0; /* the size asks for another family than the peer's (§2.4) */
        }
    }
    return (_i16)ret;
}

static int32_t try_connect(struct slsim_sock_table *t, int sd, void *arg)
{
    const struct peer *p = arg;
    return slsim_sock_connect(t, sd, p->ip, p->port);
}

_i16 sl_Connect(_i16 sd, const SlSockAddr_t *addr, _i16 addrlen)
{
    struct slsim_device *dev = NULL;
    int32_t ret = 0;
    struct slsim_sock_table *t = slsim_api_sock_enter(&dev, &ret);
    if (t == NULL) {
        return (_i16)ret;
    }
    struct peer p = { 0, 0 };
    ret = addr_in(addr, addrlen, &p.ip, &p.port);
    if (ret == 0) {
        slsim_api_net_remap(dev, sd, &p.ip, &p.port); /* net: "remap" (docs/net.md) */
    }
    slsim_api_sock_leave(dev, t);
    if (ret != 0) {
        return (_i16)ret;
    }
    const struct blocking b = { SLSIM_SOCK_OP_CONNECT, SL_ERROR_BSD_EALREADY, false, false, false };
    ret = run_blocking(sd, &b, try_connect, &p);
    slsim_api_report_connect(sd, ret); /* run report: SLSIM_RUN_REPORT (api_report.c) */
    return (_i16)ret;
}

static int32_t try_starttls(struct slsim_sock_table *t, int sd, void *arg)
{
    bool *started = arg;
    if (*started) {
        return slsim_sock_connect(t, sd, 0, 0); /* advances the handshake */
    }
    *started = true;
    return slsim_sock_starttls(t, sd);
}

_i16 sl_StartTLS(_i16 sd)
{
    bool started = false;
    const struct blocking b = { SLSIM_SOCK_OP_CONNECT, SL_ERROR_BSD_EALREADY, false, false, true };
    return (_i16)run_blocking(sd, &b, try_starttls, &started);
}

/* ---- data -------------------------------------------------------------------------------------
 */

struct xfer {
    void *buf;
    const void *cbuf;
    size_t len;
    uint32_t ip;
    uint16_t port;
    bool to;
};

static int32_t try_recv(struct slsim_sock_table *t, int sd, void *arg)
{
    struct xfer *x = arg;
    return slsim_sock_recvfrom(t, sd, x->buf, x->len, &x->ip, &x->port);
}

static int32_t recv_common(_i16 sd, void *buf, _i16 len, _i16 flags, struct xfer *x)
{
    struct slsim_device *dev = NULL;
    int32_t ret = 0;
    struct slsim_sock_table *t = slsim_api_sock_enter(&dev, &ret);
    if (t == NULL) {
        return ret;
    }
    slsim_api_sock_leave(dev, t);
    if (len < 1 || len > RECV_MAX || buf == NULL) {
        return SL_ERROR_BSD_EINVAL;
    }
    x->buf = buf;
    x->len = (size_t)len;
    const struct blocking b = { SLSIM_SOCK_OP_RECV, SL_ERROR_BSD_EAGAIN,
                                (flags & SL_MSG_DONTWAIT) != 0, true, false };
    return run_blocking(sd, &b, try_recv, x);
}

_i16 sl_Recv(_i16 sd, void *buf, _i16 len, _i16 flags)
{
    struct xfer x;
    memset(&x, 0, sizeof(x));
    return (_i16)recv_common(sd, buf, len, flags, &x);
}

_i16 sl_RecvFrom(_i16 sd, void *buf, _i16 len, _i16 flags, SlSockAddr_t *from, SlSocklen_t *fromlen)
{
    if (fromlen == NULL || from == NULL || *fromlen != sizeof(SlSockAddrIn_t)) {
        struct slsim_device *dev = NULL;
        int32_t ret = 0;
        struct slsim_sock_table *t = slsim_api_sock_enter(&dev, &ret);
        if (t == NULL) {
            return (_i16)ret;
        }
        slsim_api_sock_leave(dev, t);
        return SL_RET_CODE_INVALID_INPUT; /* *fromlen must be sizeof(SlSockAddrIn_t) (§2.4) */
    }
    struct xfer x;
    memset(&x, 0, sizeof(x));
    int32_t ret = recv_common(sd, buf, len, flags, &x);
    if (ret >= 0) {
        slsim_api_net_unmap(sd, &x.ip, &x.port); /* net: the address the application used */
        addr_out(from, x.ip, x.port);
    }
    return (_i16)ret;
}

static int32_t try_send(struct slsim_sock_table *t, int sd, void *arg)
{
    const struct xfer *x = arg;
    if (x->to) {
        return slsim_sock_sendto(t, sd, x->cbuf, x->len, x->ip, x->port);
    }
    return slsim_sock_send(t, sd, x->cbuf, x->len);
}

/* Hands all of @p len over (blocking) or what fits now (non-blocking); returns len. */
static int32_t send_common(_i16 sd, _i16 len, _i16 flags, struct xfer *x)
{
    const struct blocking b = { SLSIM_SOCK_OP_SEND, SL_ERROR_BSD_EAGAIN,
                                (flags & SL_MSG_DONTWAIT) != 0, false, false };
    size_t total = (size_t)len;
    size_t off = 0;
    const uint8_t *base = x->cbuf;
    while (off < total) {
        x->cbuf = base + off;
        x->len = total - off;
        int32_t ret = run_blocking(sd, &b, try_send, x);
        if (ret < 0) {
            return off > 0 && ret == SL_ERROR_BSD_EAGAIN ? (int32_t)off : ret;
        }
        off += (size_t)ret;
        if (ret == 0) {
            break;
        }
    }
    return (int32_t)off;
}

static int32_t send_enter(const void *buf, _i16 len)
{
    struct slsim_device *dev = NULL;
    int32_t ret = 0;
    struct slsim_sock_table *t = slsim_api_sock_enter(&dev, &ret);
    if (t == NULL) {
        return ret;
    }
    slsim_api_sock_leave(dev, t);
    return len >= 1 && buf == NULL ? SL_ERROR_BSD_EINVAL : 0;
}

_i16 sl_Send(_i16 sd, const void *buf, _i16 len, _i16 flags)
{
    int32_t ret = send_enter(buf, len);
    if (ret != 0 || len < 1) {
        return (_i16)ret; /* len < 1: nothing is sent, 0 (§2.4) */
    }
    struct xfer x;
    memset(&x, 0, sizeof(x));
    x.cbuf = buf;
    return (_i16)send_common(sd, len, flags, &x);
}

/* net: remaps a datagram's destination and records it (docs/net.md). */
static int32_t sendto_remap(int sd, uint32_t *ip, uint16_t *port)
{
    struct slsim_device *dev = NULL;
    int32_t ret = 0;
    struct slsim_sock_table *t = slsim_api_sock_enter(&dev, &ret);
    if (t == NULL) {
        return ret;
    }
    slsim_api_net_remap(dev, sd, ip, port);
    slsim_api_sock_leave(dev, t);
    return 0;
}

_i16 sl_SendTo(
    _i16 sd, const void *buf, _i16 len, _i16 flags, const SlSockAddr_t *to, SlSocklen_t tolen)
{
    (void)tolen;
    int32_t ret = send_enter(buf, len);
    if (ret != 0 || len < 1) {
        return (_i16)ret;
    }
    struct xfer x;
    memset(&x, 0, sizeof(x));
    ret = addr_in(to, -1, &x.ip, &x.port);
    if (ret != 0) {
        return (_i16)ret;
    }
    ret = sendto_remap(sd, &x.ip, &x.port); /* net: "remap" (docs/net.md) */
    if (ret != 0) {
        return (_i16)ret;
    }
    x.cbuf = buf;
    x.to = true;
    return (_i16)send_common(sd, len, flags, &x);
}

/* ---- select -----------------------------------------------------------------------------------
 */

/* Absolute end of an sl_Select timeout: 0 = forever (NULL or > 0xFFFF s), at least 10 ms. */
static int32_t select_limit(const struct SlTimeval_t *tv, int64_t *limit)
{
    *limit = 0;
    if (tv == NULL || tv->tv_sec > 0xFFFF) {
        return 0;
    }
    if (tv->tv_sec < 0 || tv->tv_usec < 0) {
        return SL_ERROR_BSD_EINVAL;
    }
    int64_t ms = (int64_t)tv->tv_sec * 1000 + tv->tv_usec / 1000;
    *limit = slsim_sock_now_ms() + (ms < 10 ? 10 : ms);
    return 0;
}

static void set_out(SlFdSet_t *set, uint32_t bits)
{
    if (set != NULL) {
        memset(set, 0, sizeof(*set));
        set->fd_array[0] = bits;
    }
}

_i16 sl_Select(_i16 nfds,
               SlFdSet_t *readsds,
               SlFdSet_t *writesds,
               SlFdSet_t *exceptsds,
               struct SlTimeval_t *timeout)
{
    int64_t limit = 0;
    uint32_t mask = nfds >= 32 ? 0xFFFFFFFFu : (nfds > 0 ? (1u << nfds) - 1u : 0u);
    uint32_t want_r = readsds != NULL ? readsds->fd_array[0] & mask : 0;
    uint32_t want_w = writesds != NULL ? writesds->fd_array[0] & mask : 0;
    for (bool first = true;; first = false) {
        struct slsim_device *dev = NULL;
        int32_t ret = 0;
        struct slsim_sock_table *t = slsim_api_sock_enter(&dev, &ret);
        if (t == NULL) {
            return (_i16)ret;
        }
        if (first && (nfds < 0 || nfds > SL_FD_SETSIZE || select_limit(timeout, &limit) != 0)) {
            slsim_api_sock_leave(dev, t);
            return SL_ERROR_BSD_EINVAL;
        }
        struct pollfd pfds[SLSIM_SOCK_MAX];
        unsigned npfds = 0;
        int64_t deadline = 0;
        uint32_t rr = 0;
        uint32_t rw = 0;
        ret = slsim_sock_select_pass(t, want_r, want_w, &rr, &rw, pfds, &npfds, &deadline);
        slsim_api_sock_leave(dev, t);
        bool expired = limit != 0 && slsim_sock_now_ms() >= limit;
        if (ret != 0 || expired) {
            set_out(readsds, rr);
            set_out(writesds, rw);
            set_out(exceptsds, 0); /* exceptfds are not supported (§2.4) */
            return (_i16)ret;
        }
        int64_t end = limit;
        if (deadline != 0 && (end == 0 || deadline < end)) {
            end = deadline;
        }
        (void)poll(pfds, npfds, slsim_api_sock_poll_timeout(end));
    }
}

/* ---- helpers ----------------------------------------------------------------------------------
 */

_u32 sl_Htonl(_u32 val)
{
    return htonl(val);
}

_u16 sl_Htons(_u16 val)
{
    return htons(val);
}

void SL_SOCKET_FD_SET(_i16 fd, SlFdSet_t *fdset)
{
    fdset->fd_array[0] |= 1u << (fd & SL_BSD_SOCKET_ID_MASK);
}

void SL_SOCKET_FD_CLR(_i16 fd, SlFdSet_t *fdset)
{
    fdset->fd_array[0] &= ~(1u << (fd & SL_BSD_SOCKET_ID_MASK));
}

_i16 SL_SOCKET_FD_ISSET(_i16 fd, SlFdSet_t *fdset)
{
    return (fdset->fd_array[0] & (1u << (fd & SL_BSD_SOCKET_ID_MASK))) != 0 ? 1 : 0;
}

void SL_SOCKET_FD_ZERO(SlFdSet_t *fdset)
{
    memset(fdset, 0, sizeof(*fdset));
}
