/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file device_wlan.h
 * @brief A device's WLAN runtime (docs/wlan.md): the station model run on the event thread,
 *        profiles, policies and role persisted in the image, the lease and the MAC address.
 *
 * Locking: the station model (struct slsim_wlan) has its own mutex because its timers run on
 * the event thread without the device lock; everything persistent (store, mode) is touched only
 * with the device lock held. Lock order: device -> station -> event queue. The functions below
 * except the timers are called with the device locked and the device started.
 */
#ifndef SLSIM_DEVICE_DEVICE_WLAN_H
#define SLSIM_DEVICE_DEVICE_WLAN_H

#include <stdint.h>

#include "net/net_wlan.h"

#define SLSIM_WLAN_PROFILES_FILE "/sys/slsim/wlan_profiles" /**< store (docs/wlan.md) */
#define SLSIM_WLAN_MODE_FILE     "/sys/slsim/wlan_mode"     /**< role (docs/wlan.md) */
#define SLSIM_WLAN_DEL_ALL       255                        /**< SL_WLAN_DEL_ALL_PROFILES */

struct slsim_device;
struct slsim_device_wlan;

/** Creates / frees the runtime (slsim_device_new / _free). SL_ERROR_BSD_ENOMEM. */
int32_t slsim_device_wlan_new(struct slsim_device_wlan **out);
void slsim_device_wlan_free(struct slsim_device_wlan *dw);

/** The device's WLAN runtime (device.c). */
struct slsim_device_wlan *slsim_device_wlan(struct slsim_device *dev);

/**
 * sl_Start's runtime step: reads the store and role from the image, starts the event thread
 * and, in the station role with the auto policy, requests a connection to the best profile.
 * Returns the role (ROLE_STA 0, ROLE_AP 2, ROLE_P2P 3) or SL_ERROR_BSD_ENOMEM.
 */
int32_t slsim_device_wlan_start(struct slsim_device *dev);

/** sl_Stop's step: stops the event thread (dropping what is queued) and forgets the link. */
void slsim_device_wlan_stop(struct slsim_device *dev);

/**
 * sl_WlanConnect. @p bssid may be NULL.
 * @retval 0 request accepted (events follow on the event thread)
 * @retval SL_ERROR_INVALID_PARAM bad SSID or key length
 * @retval SL_RET_CODE_INVALID_INPUT the device does not run in the station role
 */
int32_t slsim_device_wlan_connect(struct slsim_device *dev,
                                  const uint8_t *ssid,
                                  size_t ssid_len,
                                  const uint8_t *bssid,
                                  uint8_t sec,
                                  const uint8_t *key,
                                  size_t key_len);

/** sl_WlanDisconnect: 0 (a DISCONNECT event follows) or 1 when already disconnected. */
int32_t slsim_device_wlan_disconnect(struct slsim_device *dev);

/** sl_WlanProfileAdd: the index, or the codes of slsim_wlan_profile_add / the file write. */
int32_t slsim_device_wlan_profile_add(struct slsim_device *dev, const struct slsim_wlan_profile *p);

/** sl_WlanProfileGet: 0, or SL_ERROR_INVALID_PARAM for an index out of range or unused. */
int32_t
slsim_device_wlan_profile_get(struct slsim_device *dev, int index, struct slsim_wlan_profile *p);

/** sl_WlanProfileDel (SLSIM_WLAN_DEL_ALL: all): 0, SL_ERROR_INVALID_PARAM, or a write code. */
int32_t slsim_device_wlan_profile_del(struct slsim_device *dev, int index);

/** sl_WlanPolicySet / Get for the four policy types (0x10 .. 0x40); SL_ERROR_INVALID_PARAM. */
int32_t slsim_device_wlan_policy_set(struct slsim_device *dev, uint8_t type, uint8_t policy);
int32_t slsim_device_wlan_policy_get(struct slsim_device *dev, uint8_t type, uint8_t *policy);

/** sl_WlanSetMode: persists the role for the next sl_Start. SL_ERROR_INVALID_PARAM. */
int32_t slsim_device_wlan_set_mode(struct slsim_device *dev, uint8_t mode);

/** The role the device started in. */
uint8_t slsim_device_wlan_role(struct slsim_device *dev);

/** The station's state (enum slsim_wlan_state), its lease (zeros without one) and SSID. */
int slsim_device_wlan_status(struct slsim_device *dev,
                             struct slsim_wlan_lease *lease,
                             uint8_t ssid[SLSIM_WLAN_SSID_MAX],
                             uint8_t *ssid_len,
                             uint8_t bssid[6]);

/** The device's MAC address: stable per image path, locally administered (docs/wlan.md). */
void slsim_device_mac(struct slsim_device *dev, uint8_t mac[6]);

#endif /* SLSIM_DEVICE_DEVICE_WLAN_H */
