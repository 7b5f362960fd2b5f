/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file device_catalog.c
 * @brief sl_Start's catalog step: load /sys/certstore.lst as the NWP does, keep it for the
 *        device's lifetime, and install the file-signature verifier on the mounted fs.
 *
 * Policy (docs/catalog.md, docs/compat-deviations.md "Catalog"): a missing catalog is normal;
 * a catalog whose signature or record does not verify stops the boot with
 * SL_ERROR_LOADING_CERTIFICATE_STORE.
 */
#include "device/device.h"

#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

int32_t slsim_device_load_catalog(struct slsim_device *dev, struct slsim_diag *diag)
{
    struct slsim_device_catalog *dc = slsim_device_catalog_slot(dev);
    struct slsim_fs *fs = slsim_device_fs(dev);
    const struct slsim_profile *prof = slsim_device_profile(dev);
    memset(dc, 0, sizeof(*dc));
    dc->state = SLSIM_CATALOG_STATE_MISSING;
    if (fs == NULL) {
        return SL_ERROR_LOADING_CERTIFICATE_STORE;
    }
    int32_t ret = slsim_catalog_load(fs, prof->accept_ti_signature, &dc->catalog, &dc->info, diag);
    dc->state = dc->info.state;
    if (ret != 0 || dc->state == SLSIM_CATALOG_STATE_REJECTED) {
        dc->state = SLSIM_CATALOG_STATE_REJECTED;
        return SL_ERROR_LOADING_CERTIFICATE_STORE;
    }
    dc->filesig.catalog = dc->state == SLSIM_CATALOG_STATE_OK ? &dc->catalog : NULL;
    dc->filesig.max_rsa_bits = prof->max_sign_rsa_bits;
    slsim_catalog_filesig_attach(fs, &dc->filesig);
    return 0;
}
