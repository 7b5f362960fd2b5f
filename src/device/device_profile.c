/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file device_profile.c
 * @brief The profile table: limits per chip variant (reference simplelink-api.md §8,
 *        nwp-behaviour.md C.1, D.3). Inferred values are listed in docs/compat-deviations.md.
 */
#include "device/device.h"

#include <stddef.h>

#include "core/banned.h"

/* File-system limits shared by every CC32xx (SWRU455 "File System Characteristics"). */
#define FS_LIMITS(secure)                                                                     \
    {                                                                                         \
        .max_files = 240, .max_sys_files = 50, .name_area_bytes = 3136, .max_open_files = 16, \
        .sys_reserved_blocks = 32, .alert_threshold = 15, .secure_device = (secure),          \
    }

static const struct slsim_profile profiles[] = {
    { .name = "cc3220r",
      .chip = "CC3220R",
      .chip_id = 0x31000019u,
      .max_sockets = 16,
      .max_secure_sockets = 6,
      .pem_multi_root = false,
      .revoked_connected = true,
      .max_sign_rsa_bits = 2048,
      .internal_flash = false,
      .accept_ti_signature = true,
      .fs = FS_LIMITS(false) },
    { .name = "cc3220s",
      .chip = "CC3220S",
      .chip_id = 0x31000018u,
      .max_sockets = 16,
      .max_secure_sockets = 6,
      .pem_multi_root = false,
      .revoked_connected = true,
      .max_sign_rsa_bits = 2048,
      .internal_flash = false,
      .accept_ti_signature = true,
      .fs = FS_LIMITS(true) },
    { .name = "cc3220sf",
      .chip = "CC3220SF",
      .chip_id = 0x31000018u,
      .max_sockets = 16,
      .max_secure_sockets = 6,
      .pem_multi_root = false,
      .revoked_connected = true,
      .max_sign_rsa_bits = 2048,
      .internal_flash = true,
      .accept_ti_signature = true,
      .fs = FS_LIMITS(true) },
    { .name = "cc3235s",
      .chip = "CC3235S",
      .chip_id = 0x31000020u,
      .max_sockets = 16,
      .max_secure_sockets = 16,
      .pem_multi_root = true,
      .revoked_connected = true,
      .max_sign_rsa_bits = 2048,
      .internal_flash = false,
      .accept_ti_signature = true,
      .fs = FS_LIMITS(true) },
    { .name = "cc3235sf",
      .chip = "CC3235SF",
      .chip_id = 0x31000020u,
      .max_sockets = 16,
      .max_secure_sockets = 16,
      .pem_multi_root = true,
      .revoked_connected = true,
      .max_sign_rsa_bits = 2048,
      .internal_flash = true,
      .accept_ti_signature = true,
      .fs = FS_LIMITS(true) },
};

const struct slsim_profile *slsim_profile_find(const char *name)
{
    if (name == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++) {
        if (slsim_name_equal(profiles[i].name, name)) {
            return &profiles[i];
        }
    }
    return NULL;
}

unsigned slsim_profile_count(void)
{
    return (unsigned)(sizeof(profiles) / sizeof(profiles[0]));
}

const struct slsim_profile *slsim_profile_at(unsigned i)
{
    return i < slsim_profile_count() ? &profiles[i] : NULL;
}

const struct slsim_profile *slsim_profile_default(void)
{
    return &profiles[1];
}
