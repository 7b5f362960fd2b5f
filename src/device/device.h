/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file device.h
 * @brief One emulated CC32xx device: profile, configuration, image, lifecycle.
 *
 * A struct slsim_device owns everything of one chip: its flash image and (while started) its
 * mounted file system. Many devices may live in one process; each has its own lock, which the
 * TI facade takes around every call (slsim_device_lock()).
 */
#ifndef SLSIM_DEVICE_DEVICE_H
#define SLSIM_DEVICE_DEVICE_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "catalog/catalog_store.h"
#include "core/core.h"
#include "fs/fs.h"
#include "net/net_wlan.h" /* runtime: "aps", "wlan" */
#include "net/net.h"      /* net: DNS overrides and remaps (docs/net.md) */

/** A device profile: the limits and behaviours of one chip variant. */
struct slsim_profile {
    const char *name;            /**< "cc3220s" … (lowercase, as in configurations) */
    const char *chip;            /**< "CC3220S" */
    uint32_t chip_id;            /**< value reported by sl_DeviceGet version info */
    uint32_t max_sockets;        /**< all sockets (SL_MAX_SOCKETS) */
    uint32_t max_secure_sockets; /**< connected TLS sockets (6 on CC3220, 16 on CC3235) */
    bool pem_multi_root;         /**< CA file: all PEM certificates (CC3235) or only the first */
    bool revoked_connected;      /**< -467 leaves the socket connected */
    uint32_t max_sign_rsa_bits;  /**< largest RSA key for file signatures */
    bool internal_flash;         /**< SF parts: MCU image in internal flash */
    bool accept_ti_signature;    /**< TI-signed catalogs accepted unverified (docs/catalog.md) */
    struct slsim_fs_limits fs;   /**< file-system limits */
};

/** Finds a profile by name (case-insensitive); NULL if unknown. */
const struct slsim_profile *slsim_profile_find(const char *name);

/** Number of profiles and the i-th one (for listings and help). */
unsigned slsim_profile_count(void);
const struct slsim_profile *slsim_profile_at(unsigned i);

/** The default profile (cc3220s, the seed's chip). */
const struct slsim_profile *slsim_profile_default(void);

/** A device configuration (docs/device-config.md). */
struct slsim_device_config {
    char image[PATH_MAX]; /**< image path, resolved against the configuration's folder */
    char profile[16];     /**< profile name, "" = use the image's */
    int clock_mode;       /**< enum slsim_clock_mode (device_clock.h); 0 = host */
    int64_t clock_start;  /**< start time of a fixed clock, Unix seconds */
    /* ---- runtime (docs/wlan.md) ---- */
    struct slsim_wlan_aps aps;     /**< "aps": simulated access points */
    struct slsim_wlan_timing wlan; /**< "wlan": model timing (set = false: defaults) */
    /* ---- end runtime ---- */
    struct slsim_net net; /**< net: "dns" and "remap" keys (docs/net.md) */
};

/**
 * Parses a device configuration from JSON text. Relative paths are resolved against
 * @p base_dir (may be NULL for the current directory). Unknown keys are errors.
 * @retval 0 success
 * @retval SL_ERROR_FS_INVALID_ARGS malformed JSON, wrong type, unknown key, missing "image",
 *         unknown profile (reason in @p diag)
 */
int32_t slsim_device_config_parse(const char *json,
                                  const char *base_dir,
                                  struct slsim_device_config *cfg,
                                  struct slsim_diag *diag);

/** Reads and parses a configuration file; SL_ERROR_FS_FILE_NOT_EXISTS if it cannot be read. */
int32_t slsim_device_config_load(const char *path,
                                 struct slsim_device_config *cfg,
                                 struct slsim_diag *diag);

struct slsim_device;

/** Creates a device (nothing is opened until start). SL_ERROR_BSD_ENOMEM on allocation. */
int32_t slsim_device_new(const struct slsim_device_config *cfg, struct slsim_device **out);

/** Stops the device if started (clean stop) and frees it. NULL-safe. */
void slsim_device_free(struct slsim_device *dev);

/**
 * sl_Start: opens and mounts the image. Returns the role (ROLE_STA 0) or:
 * @retval SL_RET_CODE_DEV_ALREADY_STARTED already started
 * @retval SL_BAD_INTERFACE the image cannot be opened (missing, in use, unreadable)
 * @retval SL_ERROR_FS_CORRUPTED_ERR the image's file system is damaged or not formatted
 * @retval SL_ERROR_FS_ALERT_ERR the device is locked by security alerts
 * @retval SL_ERROR_RESTORE_IMAGE_COMPLETE a restore finished: the device must be restarted
 * @retval SL_ERROR_GENERAL_ERR the image was made for another profile
 * @retval SL_ERROR_LOADING_CERTIFICATE_STORE /sys/certstore.lst or its signature record does
 *         not verify (reason in @p diag; slsim_device_catalog() reports REJECTED)
 */
int32_t slsim_device_start(struct slsim_device *dev, struct slsim_diag *diag);

/**
 * sl_Stop: clean stop (bundle state advances), unmounts, releases the image.
 * @retval SL_RET_CODE_DEV_NOT_STARTED not started
 */
int32_t slsim_device_stop(struct slsim_device *dev);

/** Simulates a power cut: drops all state without writing (next start is an unclean boot). */
void slsim_device_power_cut(struct slsim_device *dev);

bool slsim_device_started(const struct slsim_device *dev);

/** The mounted file system while started, else NULL. Call with the device locked. */
struct slsim_fs *slsim_device_fs(struct slsim_device *dev);

/** The device's profile (from configuration, else the image's, else the default). */
const struct slsim_profile *slsim_device_profile(const struct slsim_device *dev);

/** The configuration the device was made from. */
const struct slsim_device_config *slsim_device_config(const struct slsim_device *dev);

/** Serialises API calls on one device. */
void slsim_device_lock(struct slsim_device *dev);
void slsim_device_unlock(struct slsim_device *dev);

/* ---- trusted-root catalog (device_catalog.c) ----------------------------------------------- */

/** What sl_Start found in /sys/certstore.lst, and the signed-file verifier's context. */
struct slsim_device_catalog {
    struct slsim_catalog catalog;             /**< valid when state is SLSIM_CATALOG_STATE_OK */
    enum slsim_catalog_state state;           /**< OK, MISSING or REJECTED */
    struct slsim_catalog_store_info info;     /**< signer, label, counts, reason */
    struct slsim_catalog_filesig_ctx filesig; /**< installed on the mounted fs */
};

/**
 * Loads the installed catalog after the boot mount and installs the file-signature verifier
 * (called by slsim_device_start). Missing catalog: 0, state MISSING.
 * @retval 0 catalog OK or missing
 * @retval SL_ERROR_LOADING_CERTIFICATE_STORE the catalog or its signature record does not
 *         verify (reason in @p diag); the device must not start
 */
int32_t slsim_device_load_catalog(struct slsim_device *dev, struct slsim_diag *diag);

/**
 * The catalog loaded at sl_Start. Returns it when its state is OK, else NULL. @p state
 * receives an enum slsim_catalog_state value and @p info the load details (signer, label,
 * reason); either may be NULL. While stopped: MISSING and NULL, except after an sl_Start that
 * failed with SL_ERROR_LOADING_CERTIFICATE_STORE (REJECTED, with the reason). Call with the
 * device locked.
 */
const struct slsim_catalog *slsim_device_catalog(const struct slsim_device *dev,
                                                 int *state,
                                                 const struct slsim_catalog_store_info **info);

/** The device's catalog slot; for src/device (device_catalog.c) only. */
struct slsim_device_catalog *slsim_device_catalog_slot(struct slsim_device *dev);

/* ---- sockets (device_sock.c) --------------------------------------------------------------- */

struct slsim_sock_table;

/** The device's socket table while started, else NULL. Call with the device locked. */
struct slsim_sock_table *slsim_device_socks(struct slsim_device *dev);

/** sl_Start's socket step (device.c only): a table with the profile's limits reading the
 *  device's files, catalog and clock. @retval SL_ERROR_BSD_ENOMEM */
int32_t slsim_device_socks_open(struct slsim_device *dev, struct slsim_sock_table **out);

/* ---- end sockets ---- */

/* ---- net: DNS overrides, remaps, socket destinations (docs/net.md) ---------------------- */

/** The device's DNS overrides and remaps (from its configuration; never NULL). */
const struct slsim_net *slsim_device_net(const struct slsim_device *dev);

/** Where each socket's last sl_Connect/sl_SendTo went. Call with the device locked. */
struct slsim_net_dests *slsim_device_net_dests(struct slsim_device *dev);

/* ---- end net ---- */

/* ---- device clock (device_clock.h) ---------------------------------------------------- */

struct slsim_device_clock;

/** The device clock (survives sl_Stop/sl_Start; call with the device locked). */
struct slsim_device_clock *slsim_device_clock(struct slsim_device *dev);

/** Device time now, Unix seconds (what certificate dates are checked against). */
int64_t slsim_device_time(struct slsim_device *dev);

#endif /* SLSIM_DEVICE_DEVICE_H */
