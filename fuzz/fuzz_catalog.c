/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fuzz_catalog.c
 * @brief libFuzzer target: `.lst` decode, byte-exact re-encode, and the PEM bundle splitter.
 *
 * Every input that decodes must encode back to exactly the input bytes (which is also what
 * decode(encode(x)) == x needs); anything else aborts. The same bytes then go through
 * slsim_catalog_pem_next() until it stops.
 */
#include "catalog/catalog.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct slsim_catalog cat, again;
    static uint8_t buf[SLSIM_CATALOG_MAX_ENCODED_LEN];
    struct slsim_catalog_pem_iter it;
    size_t len = 0;

    if (slsim_catalog_decode(data, size, &cat, NULL) == SLSIM_CATALOG_OK) {
        if (slsim_catalog_encode(&cat, buf, sizeof(buf), &len) != SLSIM_CATALOG_OK || len != size ||
            memcmp(buf, data, size) != 0 ||
            slsim_catalog_decode(buf, len, &again, NULL) != SLSIM_CATALOG_OK ||
            memcmp(&again, &cat, sizeof(cat)) != 0) {
            abort();
        }
    }
    slsim_catalog_pem_begin(&it, data, size);
    for (int i = 0; i < 1000; i++) {
        enum slsim_catalog_status st = slsim_catalog_pem_next(&it, buf, sizeof(buf), &len);
        if (st == SLSIM_CATALOG_PEM_END || st == SLSIM_CATALOG_NO_SPACE) {
            break;
        }
    }
    return 0;
}
