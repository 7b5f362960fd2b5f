/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file wlan_rec.c
 * @brief WLAN tests: the application's WLAN and NetApp handlers, recording what the device
 *        reports, with bounded waits (events arrive on the device's event thread).
 */
#include "wlan_test_util.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#define REC_MAX 32

/* Test-only state shared between the test thread and the event thread, under rec_lock. */
static pthread_mutex_t rec_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t rec_cond = PTHREAD_COND_INITIALIZER;
static struct rec_event recs[REC_MAX];
static unsigned rec_n;
static pthread_t test_thread;
static void (*rec_hook)(const struct rec_event *ev);

static void record(const struct rec_event *ev)
{
    (void)pthread_mutex_lock(&rec_lock);
    if (rec_n < REC_MAX) {
        recs[rec_n] = *ev;
        recs[rec_n].on_caller_thread = pthread_equal(pthread_self(), test_thread) != 0;
    }
    rec_n++;
    void (*hook)(const struct rec_event *) = rec_hook;
    (void)pthread_cond_broadcast(&rec_cond);
    (void)pthread_mutex_unlock(&rec_lock);
    if (hook != NULL) {
        hook(ev);
    }
}

void SimpleLinkWlanEventHandler(SlWlanEvent_t *pSlWlanEvent)
{
    struct rec_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.kind = REC_WLAN;
    ev.wlan = *pSlWlanEvent;
    record(&ev);
}

void SimpleLinkNetAppEventHandler(SlNetAppEvent_t *pSlNetAppEvent)
{
    struct rec_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.kind = REC_NETAPP;
    ev.netapp = *pSlNetAppEvent;
    record(&ev);
}

void rec_reset(void)
{
    (void)pthread_mutex_lock(&rec_lock);
    rec_n = 0;
    memset(recs, 0, sizeof(recs));
    test_thread = pthread_self();
    rec_hook = NULL;
    (void)pthread_mutex_unlock(&rec_lock);
}

void rec_set_hook(void (*hook)(const struct rec_event *ev))
{
    (void)pthread_mutex_lock(&rec_lock);
    rec_hook = hook;
    (void)pthread_mutex_unlock(&rec_lock);
}

bool rec_wait(unsigned count)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += WAIT_MS / 1000;
    ts.tv_nsec += (long)(WAIT_MS % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    (void)pthread_mutex_lock(&rec_lock);
    int rc = 0;
    while (rec_n < count && rc == 0) {
        rc = pthread_cond_timedwait(&rec_cond, &rec_lock, &ts);
    }
    bool ok = rec_n >= count;
    (void)pthread_mutex_unlock(&rec_lock);
    return ok;
}

unsigned rec_count(void)
{
    (void)pthread_mutex_lock(&rec_lock);
    unsigned n = rec_n;
    (void)pthread_mutex_unlock(&rec_lock);
    return n;
}

struct rec_event rec_get(unsigned i)
{
    (void)pthread_mutex_lock(&rec_lock);
    struct rec_event ev = i < REC_MAX ? recs[i] : recs[0];
    (void)pthread_mutex_unlock(&rec_lock);
    return ev;
}
