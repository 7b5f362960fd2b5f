/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file device_events.c
 * @brief The per-device event thread: a bounded queue ordered by due time, one thread that
 *        delivers events and runs timers with no lock held (device_events.h for the rules).
 *
 * Locking: q->mu protects every field below it in struct slsim_events. The thread takes an item
 * out under q->mu, drops q->mu, delivers, and takes q->mu again; "busy" tells slsim_events_flush
 * that a delivery is in progress.
 */
#include "device/device_events.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

struct item {
    int64_t due_ms;
    slsim_event_timer_fn timer; /* NULL: an event */
    uint32_t arg;
    struct slsim_event ev;
};

struct slsim_events {
    struct slsim_device *dev;
    pthread_mutex_t mu;
    pthread_cond_t wake; /* the thread: new item, stop */
    pthread_cond_t idle; /* flushers: an item was delivered */
    pthread_t thread;
    /* protected by mu */
    bool running;  /* thread created and not yet joined */
    bool stopping; /* stop requested */
    bool busy;     /* the thread is delivering an item */
    int64_t drain_end_ms;
    slsim_event_dispatch_fn dispatch;
    void *ctx;
    unsigned n;
    uint32_t dropped;
    struct item items[SLSIM_EVENTS_QUEUE_MAX]; /* sorted by due_ms, then posting order */
};

static int64_t now_ms(void)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct timespec abs_time(int64_t ms)
{
    struct timespec ts = { .tv_sec = (time_t)(ms / 1000), .tv_nsec = (long)(ms % 1000) * 1000000L };
    return ts;
}

int32_t slsim_events_new(struct slsim_device *dev, struct slsim_events **out)
{
    *out = NULL;
    struct slsim_events *q = calloc(1, sizeof(*q));
    if (q == NULL) {
        return SL_ERROR_BSD_ENOMEM;
    }
    q->dev = dev;
    pthread_condattr_t ca;
    bool ok = pthread_condattr_init(&ca) == 0;
    ok = ok && pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) == 0;
    bool mu = ok && pthread_mutex_init(&q->mu, NULL) == 0;
    bool wake = mu && pthread_cond_init(&q->wake, &ca) == 0;
    bool idle = wake && pthread_cond_init(&q->idle, &ca) == 0;
    (void)pthread_condattr_destroy(&ca);
    if (!idle) {
        if (wake) {
            (void)pthread_cond_destroy(&q->wake);
        }
        if (mu) {
            (void)pthread_mutex_destroy(&q->mu);
        }
        free(q);
        return SL_ERROR_BSD_ENOMEM;
    }
    *out = q;
    return 0;
}

void slsim_events_free(struct slsim_events *q)
{
    if (q == NULL) {
        return;
    }
    slsim_events_stop(q, 0);
    (void)pthread_cond_destroy(&q->idle);
    (void)pthread_cond_destroy(&q->wake);
    (void)pthread_mutex_destroy(&q->mu);
    free(q);
}

void slsim_events_set_dispatch(struct slsim_events *q, slsim_event_dispatch_fn fn, void *ctx)
{
    (void)pthread_mutex_lock(&q->mu);
    q->dispatch = fn;
    q->ctx = ctx;
    (void)pthread_mutex_unlock(&q->mu);
}

/* Delivers one item with no lock held. */
static void deliver(struct slsim_events *q, const struct item *it)
{
    if (it->timer != NULL) {
        it->timer(q->dev, it->arg);
        return;
    }
    (void)pthread_mutex_lock(&q->mu);
    slsim_event_dispatch_fn fn = q->dispatch;
    void *ctx = q->ctx;
    (void)pthread_mutex_unlock(&q->mu);
    if (fn != NULL) {
        fn(q->dev, &it->ev, ctx);
    }
}

/* Called with mu held: true when the thread should exit now. */
static bool should_exit(const struct slsim_events *q, int64_t now)
{
    if (!q->stopping) {
        return false;
    }
    return q->n == 0 || q->items[0].due_ms > now || now >= q->drain_end_ms;
}

static void *thread_main(void *arg)
{
    struct slsim_events *q = arg;
    (void)pthread_mutex_lock(&q->mu);
    for (;;) {
        int64_t now = now_ms();
        if (should_exit(q, now)) {
            break;
        }
        if (q->n == 0) {
            (void)pthread_cond_wait(&q->wake, &q->mu);
            continue;
        }
        if (q->items[0].due_ms > now) {
            struct timespec ts = abs_time(q->items[0].due_ms);
            (void)pthread_cond_timedwait(&q->wake, &q->mu, &ts);
            continue;
        }
        struct item it = q->items[0];
        q->n--;
        memmove(&q->items[0], &q->items[1], q->n * sizeof(q->items[0]));
        q->busy = true;
        (void)pthread_mutex_unlock(&q->mu);
        deliver(q, &it);
        (void)pthread_mutex_lock(&q->mu);
        q->busy = false;
        (void)pthread_cond_broadcast(&q->idle);
    }
    q->n = 0; /* pending timers and later events go with the stop */
    (void)pthread_cond_broadcast(&q->idle);
    (void)pthread_mutex_unlock(&q->mu);
    return NULL;
}

int32_t slsim_events_start(struct slsim_events *q)
{
    int32_t ret = 0;
    (void)pthread_mutex_lock(&q->mu);
    if (!q->running) {
        q->stopping = false;
        q->n = 0;
        if (pthread_create(&q->thread, NULL, thread_main, q) == 0) {
            q->running = true;
        } else {
            ret = SL_ERROR_BSD_ENOMEM;
        }
    }
    (void)pthread_mutex_unlock(&q->mu);
    return ret;
}

void slsim_events_stop(struct slsim_events *q, uint32_t drain_ms)
{
    (void)pthread_mutex_lock(&q->mu);
    if (!q->running || q->stopping || pthread_equal(q->thread, pthread_self())) {
        (void)pthread_mutex_unlock(&q->mu); /* not running, another stopper joins, or self */
        return;
    }
    q->stopping = true;
    q->drain_end_ms = now_ms() + drain_ms;
    pthread_t t = q->thread;
    (void)pthread_cond_broadcast(&q->wake);
    (void)pthread_mutex_unlock(&q->mu);
    (void)pthread_join(t, NULL);
    (void)pthread_mutex_lock(&q->mu);
    q->running = false;
    q->stopping = false;
    q->n = 0;
    (void)pthread_cond_broadcast(&q->idle);
    (void)pthread_mutex_unlock(&q->mu);
}

bool slsim_events_on_thread(struct slsim_events *q)
{
    struct slsim_events *m = q;
    (void)pthread_mutex_lock(&m->mu);
    bool self = m->running && pthread_equal(m->thread, pthread_self());
    (void)pthread_mutex_unlock(&m->mu);
    return self;
}

bool slsim_events_running(struct slsim_events *q)
{
    struct slsim_events *m = q;
    (void)pthread_mutex_lock(&m->mu);
    bool r = m->running && !m->stopping;
    (void)pthread_mutex_unlock(&m->mu);
    return r;
}

static int32_t enqueue(struct slsim_events *q, const struct item *it)
{
    int32_t ret = 0;
    (void)pthread_mutex_lock(&q->mu);
    if (!q->running || q->stopping) {
        ret = SL_RET_CODE_DEV_NOT_STARTED;
    } else if (q->n == SLSIM_EVENTS_QUEUE_MAX) {
        q->dropped++;
        ret = SL_RET_CODE_NO_FREE_ASYNC_BUFFERS_ERROR;
    } else {
        unsigned pos = q->n;
        while (pos > 0 && q->items[pos - 1].due_ms > it->due_ms) {
            pos--; /* after every item due no later: posting order among equals */
        }
        memmove(&q->items[pos + 1], &q->items[pos], (q->n - pos) * sizeof(q->items[0]));
        q->items[pos] = *it;
        q->n++;
        (void)pthread_cond_broadcast(&q->wake);
    }
    (void)pthread_mutex_unlock(&q->mu);
    return ret;
}

int32_t slsim_events_post(struct slsim_events *q, const struct slsim_event *ev, uint32_t delay_ms)
{
    struct item it;
    memset(&it, 0, sizeof(it));
    it.due_ms = now_ms() + delay_ms;
    it.ev = *ev;
    return enqueue(q, &it);
}

int32_t slsim_events_post_timer(struct slsim_events *q,
                                slsim_event_timer_fn fn,
                                uint32_t arg,
                                uint32_t delay_ms)
{
    struct item it;
    memset(&it, 0, sizeof(it));
    it.due_ms = now_ms() + delay_ms;
    it.timer = fn;
    it.arg = arg;
    return enqueue(q, &it);
}

bool slsim_events_flush(struct slsim_events *q, uint32_t timeout_ms)
{
    int64_t end = now_ms() + timeout_ms;
    struct timespec ts = abs_time(end);
    bool idle = false;
    (void)pthread_mutex_lock(&q->mu);
    if (q->running && !pthread_equal(q->thread, pthread_self())) {
        for (;;) {
            int64_t now = now_ms();
            idle = !q->busy && (q->n == 0 || q->items[0].due_ms > now);
            if (idle || !q->running || now >= end) {
                break;
            }
            if (pthread_cond_timedwait(&q->idle, &q->mu, &ts) == ETIMEDOUT) {
                ts = abs_time(now_ms()); /* one more look, then out */
            }
        }
    }
    (void)pthread_mutex_unlock(&q->mu);
    return idle;
}

uint32_t slsim_events_dropped(struct slsim_events *q)
{
    (void)pthread_mutex_lock(&q->mu);
    uint32_t n = q->dropped;
    (void)pthread_mutex_unlock(&q->mu);
    return n;
}
