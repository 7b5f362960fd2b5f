/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file api.h
 * @brief Internal helpers of the TI facade: the calling thread's device and error reasons.
 */
#ifndef SLSIM_API_API_H
#define SLSIM_API_API_H

#include <stdint.h>

#include "core/core.h"
#include "device/device.h"

/** The calling thread's device (explicit, else the SLSIM_DEVICE default), or NULL. */
struct slsim_device *slsim_api_device(void);

/** Records a readable reason for slsim_emu_last_error(). */
void slsim_api_set_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Records @p diag's message (if any) prefixed with @p what. */
void slsim_api_set_diag(const char *what, const struct slsim_diag *diag);

/**
 * Locks the calling thread's device and returns its mounted file system, or sets *ret to the
 * SL code to return (SL_RET_CODE_DEV_NOT_STARTED) and returns NULL with nothing locked.
 */
struct slsim_fs *slsim_api_fs_enter(struct slsim_device **dev, int32_t *ret);

/* ---- run report (api_report.c; SLSIM_RUN_REPORT, docs/run.md) ----------------------------- */

/**
 * Appends a `connect` record for a finished sl_Connect on @p sd with its final @p code: the
 * destination as the application gave it and, if remapped, where it went (nothing while
 * SL_ERROR_BSD_EALREADY, or when SLSIM_RUN_REPORT is unset). Call with no lock held.
 */
void slsim_api_report_connect(int sd, int32_t code);

/** Appends a `start` record (code, profile, catalog state) after sl_Start. @p dev may be NULL. */
void slsim_api_report_start(struct slsim_device *dev, int32_t code);

/** Appends a `stop` record after sl_Stop. */
void slsim_api_report_stop(int32_t code);

/* ---- runtime: event dispatch (api_events.c, docs/wlan.md) ---- */

struct slsim_event;

/** The event thread's dispatch function: converts to TI's structures, calls the handlers. */
void slsim_api_event_dispatch(struct slsim_device *dev, const struct slsim_event *ev, void *ctx);

/* ---- end runtime ---- */

#endif /* SLSIM_API_API_H */
