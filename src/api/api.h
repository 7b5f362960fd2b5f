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

#endif /* SLSIM_API_API_H */
