/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file api_events.c
 * @brief The application's event handlers (reference §7.3) as weak empty defaults, and the
 *        event dispatcher: the device's struct slsim_event -> SlWlanEvent_t, SlNetAppEvent_t,
 *        SlSockEvent_t, SlDeviceEvent_t, SlDeviceFatal_t or the sl_Start init callback, called
 *        on the device's event thread with no lock held (docs/wlan.md "Events").
 *
 * TI's applications must define every handler; slsim gives weak empty ones so a program that
 * defines only the handlers it cares about still links (docs/compat-deviations.md "Sockets").
 * No state: socket events travel from the table's queue to the device's event queue when the
 * socket call leaves, and from there to the handler on the event thread.
 */
#include "api/api_sock.h"

#include <limits.h>
#include <poll.h>
#include <string.h>
#include <time.h>

#include <slsim/emu.h>
#include <ti/drivers/net/wifi/simplelink.h>

#include "device/device_events.h"

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
    /* runtime: onto the event thread, in order (posting with the device lock held is allowed) */
    for (unsigned i = 0; i < n; i++) {
        struct slsim_event e;
        memset(&e, 0, sizeof(e));
        e.kind = SLSIM_EVENT_SOCK;
        e.u.sock = ev[i];
        (void)slsim_events_post(slsim_device_events(dev), &e, 0);
    }
    slsim_device_unlock(dev);
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

/* ---- runtime: the event thread's dispatcher (device_events.h) ------------------------------ */

_Static_assert(SL_WLAN_EVENT_CONNECT == SLSIM_WLAN_EV_CONNECT, "TI value");
_Static_assert(SL_WLAN_EVENT_DISCONNECT == SLSIM_WLAN_EV_DISCONNECT, "TI value");
_Static_assert(SL_NETAPP_EVENT_IPV4_ACQUIRED == SLSIM_NETAPP_EV_IPV4_ACQ, "TI value");
_Static_assert(SL_WLAN_DISCONNECT_USER_INITIATED == SLSIM_WLAN_R_USER, "TI value");
_Static_assert(SL_WLAN_DISCONNECT_FOURWAY_HANDSHAKE_TIMEOUT == SLSIM_WLAN_R_FOURWAY_TIMEOUT, "TI");
_Static_assert(SL_WLAN_DISCONNECT_ASSOC_TIMEOUT == SLSIM_WLAN_R_ASSOC_TIMEOUT, "TI value");
_Static_assert(SL_WLAN_DISCONNECT_SECURITY_FAILURE == SLSIM_WLAN_R_SECURITY, "TI value");
_Static_assert(SL_WLAN_DISCONNECT_WHILE_CONNNECTING == SLSIM_WLAN_R_WHILE_CONNECT, "TI value");

static void deliver_wlan(const struct slsim_wlan_event *w)
{
    SlWlanEvent_t e;
    memset(&e, 0, sizeof(e));
    e.Id = w->id;
    if (w->id == SL_WLAN_EVENT_CONNECT) {
        e.Data.Connect.SsidLen = w->ssid_len;
        memcpy(e.Data.Connect.SsidName, w->ssid, sizeof(e.Data.Connect.SsidName));
        memcpy(e.Data.Connect.Bssid, w->bssid, sizeof(e.Data.Connect.Bssid));
    } else {
        e.Data.Disconnect.SsidLen = w->ssid_len;
        memcpy(e.Data.Disconnect.SsidName, w->ssid, sizeof(e.Data.Disconnect.SsidName));
        memcpy(e.Data.Disconnect.Bssid, w->bssid, sizeof(e.Data.Disconnect.Bssid));
        e.Data.Disconnect.ReasonCode = w->reason;
    }
    SimpleLinkWlanEventHandler(&e);
}

static void deliver_netapp(const struct slsim_netapp_event *n)
{
    SlNetAppEvent_t e;
    memset(&e, 0, sizeof(e));
    e.Id = n->id;
    e.Data.IpAcquiredV4.Ip = n->ip; /* host byte order (reference §7.5) */
    e.Data.IpAcquiredV4.Gateway = n->gateway;
    e.Data.IpAcquiredV4.Dns = n->dns;
    SimpleLinkNetAppEventHandler(&e);
}

static void deliver_device(uint32_t kind, const struct slsim_general_event *g)
{
    if (kind == SLSIM_EVENT_FATAL) {
        SlDeviceFatal_t f;
        memset(&f, 0, sizeof(f));
        f.Id = g->id;
        f.Data.DeviceAssert.Code = (_u32)g->code;
        SimpleLinkFatalErrorEventHandler(&f);
        return;
    }
    SlDeviceEvent_t e;
    memset(&e, 0, sizeof(e));
    e.Id = g->id;
    if (g->id == SL_DEVICE_EVENT_RESET_REQUEST) {
        e.Data.ResetRequest.Status = g->code;
        e.Data.ResetRequest.Caller = g->source;
    } else {
        e.Data.Error.Source = (SlDeviceSource_e)g->source;
        e.Data.Error.Code = g->code;
    }
    SimpleLinkGeneralEventHandler(&e);
}

void slsim_api_event_dispatch(struct slsim_device *dev, const struct slsim_event *ev, void *ctx)
{
    (void)ctx;
    slsim_emu_use(dev); /* a handler's own sl_* calls act on the device that raised the event */
    switch (ev->kind) {
    case SLSIM_EVENT_INIT: {
        P_INIT_CALLBACK cb = (P_INIT_CALLBACK)ev->u.init.cb;
        SlDeviceInitInfo_t info = { .ChipId = ev->u.init.chip_id, .MoreData = 0 };
        cb((_u32)ev->u.init.status, &info);
        break;
    }
    case SLSIM_EVENT_WLAN:
        deliver_wlan(&ev->u.wlan);
        break;
    case SLSIM_EVENT_NETAPP:
        deliver_netapp(&ev->u.netapp);
        break;
    case SLSIM_EVENT_SOCK:
        slsim_api_sock_dispatch(&ev->u.sock, 1);
        break;
    default:
        deliver_device(ev->kind, &ev->u.general);
        break;
    }
}

int slsim_emu_events_flush(struct slsim_device *dev, unsigned timeout_ms)
{
    if (dev == NULL) {
        return -1;
    }
    return slsim_events_flush(slsim_device_events(dev), timeout_ms) ? 0 : -1;
}
