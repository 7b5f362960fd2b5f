/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file api_events.c
 * @brief The application's event handlers (reference §7.3) as weak empty defaults, and the
 *        socket-event dispatcher: struct slsim_sock_event -> SlSockEvent_t, delivered after the
 *        device lock is released (docs/sock.md).
 *
 * TI's applications must define every handler; slsim gives weak empty ones so a program that
 * defines only the handlers it cares about still links (docs/compat-deviations.md "Sockets").
 * No state: events travel from the table's queue to the handler on the calling thread.
 */
#include "api/api_sock.h"

#include <limits.h>
#include <poll.h>
#include <string.h>
#include <time.h>

#include <ti/drivers/net/wifi/simplelink.h>

#include "core/banned.h"

/* ---- weak default handlers --------------------------------------------------------------------
 */

__attribute__((weak)) void SimpleLinkFatalErrorEventHandler(SlDeviceFatal_t *pSlFatalErrorEvent)
{
    (void)pSlFatalErrorEvent;
}

__attribute__((weak)) void SimpleLinkGeneralEventHandler(SlDeviceEvent_t *pSlDeviceEvent)
{
    (void)pSlDeviceEvent;
}

__attribute__((weak)) void SimpleLinkWlanEventHandler(SlWlanEvent_t *pSlWlanEvent)
{
    (void)pSlWlanEvent;
}

__attribute__((weak)) void SimpleLinkNetAppEventHandler(SlNetAppEvent_t *pSlNetAppEvent)
{
    (void)pSlNetAppEvent;
}

__attribute__((weak)) void SimpleLinkSockEventHandler(SlSockEvent_t *pSlSockEvent)
{
    (void)pSlSockEvent;
}

__attribute__((weak)) void
SimpleLinkHttpServerEventHandler(SlNetAppHttpServerEvent_t *pSlHttpServerEvent,
                                 SlNetAppHttpServerResponse_t *pSlHttpServerResponse)
{
    (void)pSlHttpServerEvent;
    (void)pSlHttpServerResponse;
}

__attribute__((weak)) void SimpleLinkNetAppRequestEventHandler(SlNetAppRequest_t *pNetAppRequest,
                                                               SlNetAppResponse_t *pNetAppResponse)
{
    (void)pNetAppRequest;
    (void)pNetAppResponse;
}

__attribute__((weak)) void SimpleLinkNetAppRequestMemFreeEventHandler(_u8 *buffer)
{
    (void)buffer;
}

/* ---- socket events ----------------------------------------------------------------------------
 */

void slsim_api_sock_dispatch(const struct slsim_sock_event *ev, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        SlSockEvent_t e;
        memset(&e, 0, sizeof(e));
        e.Event = ev[i].event;
        if (ev[i].event == SL_SOCKET_TX_FAILED_EVENT) {
            e.SocketAsyncEvent.SockTxFailData.Status = ev[i].val;
            e.SocketAsyncEvent.SockTxFailData.Sd = ev[i].sd;
        } else {
            SlSocketAsyncEvent_t *a = &e.SocketAsyncEvent.SockAsyncData;
            a->Sd = ev[i].sd;
            a->Type = ev[i].type;
            a->Val = ev[i].val;
            _Static_assert(sizeof(a->pExtraInfo) == sizeof(ev[i].extra), "128 bytes (§5.1)");
            memcpy(a->pExtraInfo, ev[i].extra, sizeof(a->pExtraInfo));
            a->pExtraInfo[sizeof(a->pExtraInfo) - 1] = 0;
        }
        SimpleLinkSockEventHandler(&e);
    }
}

struct slsim_sock_table *slsim_api_sock_enter(struct slsim_device **dev, int32_t *ret)
{
    *dev = slsim_api_device();
    if (*dev == NULL) {
        *ret = SL_RET_CODE_DEV_NOT_STARTED;
        return NULL;
    }
    slsim_device_lock(*dev);
    struct slsim_sock_table *t = slsim_device_socks(*dev);
    if (t == NULL) {
        slsim_device_unlock(*dev);
        *ret = SL_RET_CODE_DEV_NOT_STARTED;
    }
    return t;
}

void slsim_api_sock_leave(struct slsim_device *dev, struct slsim_sock_table *t)
{
    struct slsim_sock_event ev[SLSIM_SOCK_EVENT_MAX]; /* the whole queue */
    unsigned n = slsim_sock_take_events(t, ev, SLSIM_SOCK_EVENT_MAX);
    slsim_device_unlock(dev);
    slsim_api_sock_dispatch(ev, n);
}

int slsim_api_sock_poll_timeout(int64_t end)
{
    if (end == 0) {
        return -1;
    }
    int64_t left = end - slsim_sock_now_ms();
    if (left < 0) {
        return 0;
    }
    return left > INT_MAX ? INT_MAX : (int)left;
}

bool slsim_api_sock_wait(int fd, short events, int64_t deadline_ms, int64_t limit_ms)
{
    int64_t end = deadline_ms;
    if (limit_ms != 0 && (end == 0 || limit_ms < end)) {
        end = limit_ms;
    }
    if (fd >= 0) {
        struct pollfd p = { .fd = fd, .events = events, .revents = 0 };
        (void)poll(&p, 1, slsim_api_sock_poll_timeout(end));
    } else {
        struct timespec nap = { .tv_sec = 0, .tv_nsec = 1000000 };
        (void)nanosleep(&nap, NULL);
    }
    return limit_ms == 0 || slsim_sock_now_ms() < limit_ms;
}
