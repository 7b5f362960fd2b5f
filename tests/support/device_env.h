/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file device_env.h
 * @brief Test support: one emulated device on a freshly formatted image in its own temporary
 *        directory (image made with the native flash/fs API, like `slsim image create`).
 *
 * Failures are reported on stderr and returned; the callers decide how to fail the test.
 */
#ifndef SLSIM_TESTS_SUPPORT_DEVICE_ENV_H
#define SLSIM_TESTS_SUPPORT_DEVICE_ENV_H

#include <stdbool.h>
#include <stdint.h>

#include <slsim/emu.h>

/** Paths of the device's directory, image ("dev.img") and configuration ("dev.json"). */
struct slsim_test_device {
    char dir[128];
    char img[192];
    char cfg[192];
    struct slsim_device *dev; /**< NULL until slsim_test_device_open */
};

/**
 * Creates "/tmp/slsim-<tag>-XXXXXX", an image of @p sectors sectors formatted with @p profile,
 * and the configuration: @p config verbatim, or with NULL
 * `{"image": "dev.img", "profile": "<profile>"}`. Does not open the device. 0, or -1 (printed;
 * whatever was made is left for slsim_test_device_free).
 */
int slsim_test_device_make(struct slsim_test_device *d,
                           const char *tag,
                           const char *profile,
                           uint32_t sectors,
                           const char *config);

/** slsim_emu_device_open of the configuration, then slsim_emu_use. Its code (0 or error). */
int32_t slsim_test_device_open(struct slsim_test_device *d);

/** slsim_emu_device_close (which deselects it if current); dev becomes NULL. */
void slsim_test_device_close(struct slsim_test_device *d);

/**
 * With @p stop and an open device: slsim_emu_use + sl_Stop(0) (result ignored). Then closes
 * the device and removes the image, the configuration and the directory.
 */
void slsim_test_device_free(struct slsim_test_device *d, bool stop);

#endif /* SLSIM_TESTS_SUPPORT_DEVICE_ENV_H */
