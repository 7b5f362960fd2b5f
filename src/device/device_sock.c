/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file device_sock.c
 * @brief sl_Start's socket step: the device's socket table and the environment it reads the
 *        device through (files as the NWP, the catalog, the clock, the profile's limits).
 *
 * The callbacks run inside socket calls, which the facade makes with the device locked.
 */
#include "device/device.h"

#include <time.h>

#include <ti/drivers/net/wifi/errors.h>

#include "sock/sock.h"

#include "core/banned.h"

static int32_t env_read_file(void *ctx, const char *name, uint8_t **data, size_t *len)
{
    struct slsim_device *dev = ctx;
    struct slsim_fs *fs = slsim_device_fs(dev);
    if (fs == NULL) {
        return SL_RET_CODE_DEV_NOT_STARTED;
    }
    /* The NWP reads certificates and keys without tokens (docs/fs.md, caller NWP). */
    return slsim_fs_read_file(fs, name, 0, SLSIM_FS_CALLER_NWP, data, len);
}

/* enum slsim_catalog_state -> what the trust engine takes. */
static enum slsim_trust_catalog_state trust_state(int state)
{
    switch (state) {
    case SLSIM_CATALOG_STATE_OK:
        return SLSIM_TRUST_CATALOG_OK;
    case SLSIM_CATALOG_STATE_REJECTED:
        return SLSIM_TRUST_CATALOG_REJECTED;
    default:
        return SLSIM_TRUST_CATALOG_MISSING;
    }
}

static const struct slsim_catalog *
env_catalog(void *ctx, enum slsim_trust_catalog_state *state, const char **label)
{
    struct slsim_device *dev = ctx;
    int st = SLSIM_CATALOG_STATE_MISSING;
    const struct slsim_catalog_store_info *info = NULL;
    const struct slsim_catalog *cat = slsim_device_catalog(dev, &st, &info);
    *state = trust_state(st);
    *label = info != NULL && info->label[0] != '\0' ? info->label : NULL;
    return *state == SLSIM_TRUST_CATALOG_OK ? cat : NULL;
}

static int64_t env_device_time(void *ctx)
{
    return slsim_device_time(ctx); /* the device clock, not the host's (docs/device-config.md) */
}

int32_t slsim_device_socks_open(struct slsim_device *dev, struct slsim_sock_table **out)
{
    const struct slsim_profile *p = slsim_device_profile(dev);
    struct slsim_sock_env env = {
        .read_file = env_read_file,
        .catalog = env_catalog,
        .device_time = env_device_time,
        .ctx = dev,
        .max_sockets = p->max_sockets,
        .max_secure = p->max_secure_sockets,
        .pem_multi_root = p->pem_multi_root,
        .revoked_connected = p->revoked_connected,
        .handshake_timeout_ms = 0,
    };
    return slsim_sock_table_new(&env, out);
}
