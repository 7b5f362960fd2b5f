/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file tls_creds.h
 * @brief Private to src/tls: the layout of struct slsim_tls_creds (mbedTLS objects) and the
 *        helpers tls_mbedtls.c shares with tls_creds.c. Only src/tls/ includes this header.
 */
#ifndef SLSIM_TLS_TLS_CREDS_H
#define SLSIM_TLS_TLS_CREDS_H

#include "tls/tls.h"

#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

struct slsim_tls_creds {
    unsigned refs;          /**< one device's lock guards it: no atomics */
    bool has_own;           /**< cert + key parsed */
    bool has_ca;            /**< ca parsed */
    mbedtls_x509_crt cert;  /**< own certificate chain, leaf first */
    mbedtls_pk_context key; /**< own private key (its RSA blinding values persist) */
    mbedtls_x509_crt ca;    /**< server: CA that client certificates must chain to */
    uint8_t cert_sha[32];   /**< SHA-256 of the certificate bytes parsed */
    uint8_t key_sha[32];    /**< SHA-256 of the key bytes parsed */
};

/** Fills @p diag (inner = @p why) with "what: mbedTLS text (-0xNNNN)"; returns -1. */
int slsim_tls_mbed_fail(struct slsim_diag *diag,
                        enum slsim_tls_fatal why,
                        const char *what,
                        int ret);

#endif /* SLSIM_TLS_TLS_CREDS_H */
