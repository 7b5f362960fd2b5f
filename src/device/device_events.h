/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file device_events.h
 * @brief A device's event thread and queue (docs/wlan.md "Events"): what the NWP reports
 *        asynchronously (WLAN, NetApp, socket, general events, the sl_Start init callback) and
 *        the model's own timers, delivered in order on one thread per started device.
 *
 * Rules:
 * - The queue has its own mutex; posting is allowed with the device lock held (lock order:
 *   device -> WLAN model -> queue). The thread never holds the queue mutex while it delivers.
 * - Events are delivered WITHOUT any lock held, so a handler may call the TI API (which takes
 *   the device lock). Timers run on the thread too, also without the queue mutex.
 * - The core never sees TI types: the facade installs a dispatch function that converts a
 *   struct slsim_event into TI's structures and calls the application's handlers.
 * - Items are ordered by due time, then by posting order; events posted without delay keep
 *   their posting order (so the events of one socket stay in order).
 */
#ifndef SLSIM_DEVICE_DEVICE_EVENTS_H
#define SLSIM_DEVICE_DEVICE_EVENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "net/net_wlan.h"
#include "sock/sock.h"

#define SLSIM_EVENTS_QUEUE_MAX 64 /**< queued events and timers per device; more are dropped */

/** What an event is for (which application handler the facade calls). */
enum slsim_event_kind {
    SLSIM_EVENT_INIT = 1, /**< sl_Start's init callback */
    SLSIM_EVENT_WLAN,     /**< SimpleLinkWlanEventHandler */
    SLSIM_EVENT_NETAPP,   /**< SimpleLinkNetAppEventHandler */
    SLSIM_EVENT_SOCK,     /**< SimpleLinkSockEventHandler */
    SLSIM_EVENT_GENERAL,  /**< SimpleLinkGeneralEventHandler */
    SLSIM_EVENT_FATAL,    /**< SimpleLinkFatalErrorEventHandler */
};

/** SlDeviceEvent_t / SlDeviceFatal_t shaped payload. */
struct slsim_general_event {
    uint32_t id;     /**< SlDeviceEventId_e value */
    int16_t code;    /**< ResetRequest.Status / Error.Code */
    uint16_t source; /**< ResetRequest.Caller / Error.Source */
};

/** The init callback's arguments; @p cb is the application's P_INIT_CALLBACK, opaque here. */
struct slsim_init_event {
    void (*cb)(void);
    int32_t status; /**< the role or the sl_Start error */
    uint32_t chip_id;
};

/** One event, carrying a copy of its payload. */
struct slsim_event {
    uint32_t kind; /**< enum slsim_event_kind */
    union {
        struct slsim_init_event init;
        struct slsim_wlan_event wlan;
        struct slsim_netapp_event netapp;
        struct slsim_sock_event sock;
        struct slsim_general_event general;
    } u;
};

struct slsim_device;
struct slsim_events;

/** Delivers one event (the facade's converter). Runs on the event thread, no lock held. */
typedef void (*slsim_event_dispatch_fn)(struct slsim_device *dev,
                                        const struct slsim_event *ev,
                                        void *ctx);

/** A timer of the device's models; runs on the event thread, no lock held. */
typedef void (*slsim_event_timer_fn)(struct slsim_device *dev, uint32_t arg);

/** Creates a stopped queue for @p dev. SL_ERROR_BSD_ENOMEM on allocation failure. */
int32_t slsim_events_new(struct slsim_device *dev, struct slsim_events **out);

/** Stops (dropping what is queued) and frees. NULL-safe. Not from the event thread. */
void slsim_events_free(struct slsim_events *q);

/** Sets the function events are delivered to (NULL: events are dropped). */
void slsim_events_set_dispatch(struct slsim_events *q, slsim_event_dispatch_fn fn, void *ctx);

/**
 * Starts the thread (sl_Start).
 * @retval 0 started (or already running)
 * @retval SL_ERROR_BSD_ENOMEM the thread cannot be created
 */
int32_t slsim_events_start(struct slsim_events *q);

/**
 * Stops the thread and joins it (sl_Stop): events already due are still delivered for at most
 * @p drain_ms milliseconds (0: none), pending timers and later events are dropped. Must be
 * called without the device lock (a handler may be waiting for it) and not from the event
 * thread. No-op when not running.
 */
void slsim_events_stop(struct slsim_events *q, uint32_t drain_ms);

/** True when the calling thread is @p q's event thread. */
bool slsim_events_on_thread(struct slsim_events *q);

/** True while the thread runs. */
bool slsim_events_running(struct slsim_events *q);

/**
 * Queues a copy of @p ev, due after @p delay_ms.
 * @retval 0 queued
 * @retval SL_RET_CODE_DEV_NOT_STARTED the thread is not running (dropped)
 * @retval SL_RET_CODE_NO_FREE_ASYNC_BUFFERS_ERROR the queue is full (dropped)
 */
int32_t slsim_events_post(struct slsim_events *q, const struct slsim_event *ev, uint32_t delay_ms);

/** Queues a timer: @p fn(dev, @p arg) on the event thread after @p delay_ms. Codes as post. */
int32_t slsim_events_post_timer(struct slsim_events *q,
                                slsim_event_timer_fn fn,
                                uint32_t arg,
                                uint32_t delay_ms);

/**
 * Waits until nothing due is queued and nothing is being delivered, at most @p timeout_ms.
 * Returns true when idle; false on timeout, when not running, or from the event thread itself.
 */
bool slsim_events_flush(struct slsim_events *q, uint32_t timeout_ms);

/** Number of events dropped because the queue was full (since creation). */
uint32_t slsim_events_dropped(struct slsim_events *q);

/** The device's event queue (device.c). */
struct slsim_events *slsim_device_events(struct slsim_device *dev);

#endif /* SLSIM_DEVICE_DEVICE_EVENTS_H */
