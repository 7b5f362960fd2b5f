/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file api_sock.h
 * @brief Internal helpers of the socket facade (sl_socket.c, sl_socket_opt.c, sl_netapp.c):
 *        entering a device's socket table, leaving it (events are dispatched after the unlock)
 *        and waiting without the lock.
 */
#ifndef SLSIM_API_API_SOCK_H
#define SLSIM_API_API_SOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "api/api.h"
#include "sock/sock.h"

/**
 * Locks the calling thread's device and returns its socket table, or sets *ret to
 * SL_RET_CODE_DEV_NOT_STARTED and returns NULL with nothing locked.
 */
struct slsim_sock_table *slsim_api_sock_enter(struct slsim_device **dev, int32_t *ret);

/**
 * Takes the table's queued async events, unlocks the device, then hands the events to
 * SimpleLinkSockEventHandler (so a handler may call SimpleLink APIs without deadlocking).
 */
void slsim_api_sock_leave(struct slsim_device *dev, struct slsim_sock_table *t);

/** Converts and delivers events to SimpleLinkSockEventHandler (no lock may be held). */
void slsim_api_sock_dispatch(const struct slsim_sock_event *ev, unsigned n);

/**
 * Waits, with no lock held, until @p fd has one of @p events, or until the earlier of
 * @p deadline_ms and @p limit_ms (absolute slsim_sock_now_ms() values, 0 = none). With no fd it
 * naps 1 ms. Returns false once @p limit_ms has passed.
 */
bool slsim_api_sock_wait(int fd, short events, int64_t deadline_ms, int64_t limit_ms);

/** Milliseconds left until @p end (0 = forever: -1), clamped to int, for poll(). */
int slsim_api_sock_poll_timeout(int64_t end);

/* ---- net: remaps of socket destinations (api_net.c, docs/net.md) ---- */

/** Remaps *ip:*port by the device's "remap" table and records both for @p sd (device locked). */
void slsim_api_net_remap(struct slsim_device *dev, int sd, uint32_t *ip, uint16_t *port);

/** Forgets @p sd's destination record (a new descriptor); with the device locked. */
void slsim_api_net_forget(struct slsim_device *dev, int sd);

/** The same, taking the calling thread's device lock itself. */
void slsim_api_net_forget_unlocked(int sd);

/** Reports a source equal to @p sd's remapped destination as the original one (no lock held). */
void slsim_api_net_unmap(int sd, uint32_t *ip, uint16_t *port);

/**
 * Where socket @p sd's last sl_Connect/sl_SendTo went, on the calling thread's device; the
 * record has set == false before the first one. Format it with slsim_net_dest_str().
 * @retval 0 success
 * @retval SL_RET_CODE_DEV_NOT_STARTED the device is not started
 * @retval SL_ERROR_BSD_EBADF @p sd is not an open socket
 */
int32_t slsim_api_socket_dest(int sd, struct slsim_net_dest *out);

/* ---- end net ---- */

#endif /* SLSIM_API_API_SOCK_H */
