/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file emu.h
 * @brief slsim's own extras next to the TI API: choosing which emulated device the TI calls of
 *        a thread act on, and reading why a call failed.
 *
 * TI's API has no device argument. By default every thread uses one process-wide device made
 * from the configuration file named by the environment variable SLSIM_DEVICE (see
 * docs/device-config.md). A program that runs several devices opens them here and selects one
 * per thread with slsim_emu_use().
 */
#ifndef SLSIM_EMU_H
#define SLSIM_EMU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct slsim_device;

/**
 * Opens a device from a configuration file. Nothing is mounted until sl_Start.
 * @return 0, or a negative SL error code (reason in slsim_emu_last_error()).
 */
int32_t slsim_emu_device_open(const char *config_path, struct slsim_device **out);

/** Closes a device (stopping it cleanly if started). NULL-safe. */
void slsim_emu_device_close(struct slsim_device *dev);

/** Makes @p dev the device of the calling thread's TI calls (NULL: back to the default). */
void slsim_emu_use(struct slsim_device *dev);

/** The device the calling thread's TI calls act on, or NULL if none is configured. */
struct slsim_device *slsim_emu_current(void);

/** Readable reason of the calling thread's last failing slsim call ("" if none). */
const char *slsim_emu_last_error(void);

/** Simulates losing power: the device drops its state without writing; the next sl_Start is an
 *  unclean boot (pending commits and bundles roll back). */
void slsim_emu_power_cut(struct slsim_device *dev);

/**
 * Waits until @p dev's event thread has delivered every event already due (socket events of
 * the calls made so far, for instance) and is idle, at most @p timeout_ms. Events the WLAN
 * model will raise later (after its delays) are not waited for. Returns 0 when idle, -1 on
 * timeout, when the device is not started, or when called from the event thread itself.
 */
int slsim_emu_events_flush(struct slsim_device *dev, unsigned timeout_ms);

#ifdef __cplusplus
}
#endif

#endif /* SLSIM_EMU_H */
