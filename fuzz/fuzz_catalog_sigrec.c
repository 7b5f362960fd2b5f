/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fuzz_catalog_sigrec.c
 * @brief The catalog signature record (/sys/slsim/certstore.sig) read back from an image:
 *        decode must never crash, and what decodes must re-encode to the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog_store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct slsim_catalog_sigrec rec;
    if (slsim_catalog_sigrec_decode(data, size, &rec, NULL) != 0) {
        return 0;
    }
    uint8_t out[4096];
    size_t n = 0;
    if (slsim_catalog_sigrec_encode(&rec, out, sizeof(out), &n) != 0 || n != size ||
        memcmp(out, data, n) != 0) {
        abort();
    }
    return 0;
}
