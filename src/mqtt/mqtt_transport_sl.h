/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file mqtt_transport_sl.h
 * @brief The MQTT transport over the TI SimpleLink socket API (sl_Socket, sl_SetSockOpt,
 *        sl_Connect, sl_Send, sl_Recv, sl_Close, sl_NetAppDnsGetHostByName): the only file of
 *        the mqtt library that calls the TI API. It acts on the calling thread's current
 *        device (slsim_emu_use()), exactly as firmware would.
 *
 * Connected-with-warning codes: sl_Connect on a secure socket may return -453
 * (SL_ERROR_BSD_ESECSNOVERIFY), -461 (ESECDATEERROR), -467 (ESECCERTIFICATEREVOKED, per
 * profile) or -468 (ESECUNKNOWNROOTCA) with the connection up. By default they are failures:
 * the socket is closed and connect() fails with that code. Only when the caller sets
 * accept_warnings are they accepted; the code is still reported (sl_code of connect(),
 * slsim_mqtt_client_last_sl_error(), and last_sl_error here), never turned into 0.
 */
#ifndef SLSIM_MQTT_TRANSPORT_SL_H
#define SLSIM_MQTT_TRANSPORT_SL_H

#include "mqtt/mqtt.h"

#include <stdbool.h>
#include <stdint.h>

/** Where and how to connect. Strings must outlive the transport. */
struct slsim_mqtt_sl_params {
    const char *host;        /**< name for sl_NetAppDnsGetHostByName, or dotted IPv4 */
    uint16_t port;           /**< e.g. 1883, 8883 */
    bool secure;             /**< SL_SEC_SOCKET (TLS) */
    const char *ca_file;     /**< device file: SL_SO_SECURE_FILES_CA_FILE_NAME, or NULL */
    const char *cert_file;   /**< device file: client certificate (mutual TLS), or NULL */
    const char *key_file;    /**< device file: client private key, or NULL */
    const char *domain_name; /**< SL_SO_SECURE_DOMAIN_NAME_VERIFICATION (also sent as SNI) */
    bool disable_cert_store; /**< SL_SO_SECURE_DISABLE_CERTIFICATE_STORE = 1 */
    bool accept_warnings;    /**< accept -453/-461/-467/-468 as connected (see above) */
};

/** Transport state; one per client. */
struct slsim_mqtt_sl {
    struct slsim_mqtt_sl_params p;
    int16_t sd;            /**< socket, or -1 */
    uint32_t rcvtimeo_ms;  /**< SL_SO_RCVTIMEO currently set on sd */
    int32_t last_sl_error; /**< last SL code: sl_Connect's, or of the failing call */
};

/** Initializes @p t (no socket yet) with a copy of @p p. */
void slsim_mqtt_sl_init(struct slsim_mqtt_sl *t, const struct slsim_mqtt_sl_params *p);

/** Fills @p out with the functions of this transport bound to @p t. */
void slsim_mqtt_sl_bind(struct slsim_mqtt_sl *t, struct slsim_mqtt_transport *out);

/** True for the codes sl_Connect returns with the connection up: -453 -461 -467 -468. */
bool slsim_mqtt_sl_is_warning(int32_t code);

/**
 * The storage of the client's queue in one fail-safe device file (sl_FsOpen with
 * SL_FS_CREATE_FAILSAFE, sl_FsWrite, sl_FsClose): a write replaces the content atomically,
 * also across power loss. File content: u32 "SMQF" magic, u32 blob length (big-endian), the
 * blob (its own format and CRC are the client's; docs/mqtt.md).
 */
struct slsim_mqtt_store_fs {
    const char *file_name; /**< e.g. "/mqtt/queue.bin" */
    uint32_t max_blob;     /**< slsim_mqtt_store_blob_max(&cfg): the file's maximum size */
    int32_t last_sl_error;
};

/** Fills @p out with the load/save functions bound to @p fs. */
void slsim_mqtt_store_fs_bind(struct slsim_mqtt_store_fs *fs, struct slsim_mqtt_store *out);

#endif /* SLSIM_MQTT_TRANSPORT_SL_H */
