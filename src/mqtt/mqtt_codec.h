/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file mqtt_codec.h
 * @brief Pure MQTT 3.1.1 packet codec: encoders of the client's packets into caller buffers,
 *        an incremental fixed-header decoder and strict decoders of the server's packets.
 *
 * No I/O, no allocation, no global state. Decoded strings and payloads point into the input
 * buffer. Every decoder validates fully; a packet that breaks a normative statement of the
 * specification is SLSIM_MQTT_MALFORMED (the client then closes the connection).
 */
#ifndef SLSIM_MQTT_CODEC_H
#define SLSIM_MQTT_CODEC_H

#include "mqtt/mqtt.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Control packet types (fixed header bits 7..4). */
enum slsim_mqtt_type {
    SLSIM_MQTT_CONNECT = 1,
    SLSIM_MQTT_CONNACK = 2,
    SLSIM_MQTT_PUBLISH = 3,
    SLSIM_MQTT_PUBACK = 4,
    SLSIM_MQTT_PUBREC = 5,
    SLSIM_MQTT_PUBREL = 6,
    SLSIM_MQTT_PUBCOMP = 7,
    SLSIM_MQTT_SUBSCRIBE = 8,
    SLSIM_MQTT_SUBACK = 9,
    SLSIM_MQTT_UNSUBSCRIBE = 10,
    SLSIM_MQTT_UNSUBACK = 11,
    SLSIM_MQTT_PINGREQ = 12,
    SLSIM_MQTT_PINGRESP = 13,
    SLSIM_MQTT_DISCONNECT = 14
};

/** Largest Remaining Length (four bytes of seven bits) [MQTT-2.2.3]. */
#define SLSIM_MQTT_MAX_REMAINING 268435455u
/** Most filters decoded from one SUBACK. */
#define SLSIM_MQTT_MAX_SUBACK_CODES 64u

/** A decoded fixed header. */
struct slsim_mqtt_fixed_header {
    uint8_t type;       /**< enum slsim_mqtt_type */
    uint8_t flags;      /**< low nibble */
    uint32_t remaining; /**< Remaining Length */
    uint8_t header_len; /**< 2..5 bytes */
};

/** A PUBLISH to encode, or decoded (topic and payload point into the input). */
struct slsim_mqtt_publish {
    const char *topic;
    size_t topic_len;
    const uint8_t *payload;
    size_t payload_len;
    uint8_t qos;
    bool retain;
    bool dup;
    uint16_t packet_id; /**< non-zero for QoS > 0 [MQTT-2.3.1-1] */
};

/** A decoded server packet. */
struct slsim_mqtt_packet {
    struct slsim_mqtt_fixed_header hdr;
    union {
        struct {
            bool session_present;
            uint8_t return_code;
        } connack;
        struct slsim_mqtt_publish publish;
        uint16_t packet_id; /**< PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK */
        struct {
            uint16_t packet_id;
            const uint8_t *codes;
            size_t n;
        } suback;
    } u;
};

/* ---- encoders: OK with *out_len, or BAD_PARAM / NO_SPACE / NOT_SUPPORTED --------------- */

/** CONNECT [MQTT-3.1]. */
enum slsim_mqtt_status slsim_mqtt_encode_connect(const struct slsim_mqtt_connect_opts *o,
                                                 uint8_t *buf,
                                                 size_t cap,
                                                 size_t *out_len);

/** PUBLISH [MQTT-3.3]: topic without wildcards, QoS 0..2, packet id for QoS > 0. */
enum slsim_mqtt_status slsim_mqtt_encode_publish(const struct slsim_mqtt_publish *p,
                                                 uint8_t *buf,
                                                 size_t cap,
                                                 size_t *out_len);

/** Size of the PUBLISH packet for @p p (0 if it cannot be encoded). */
size_t slsim_mqtt_publish_size(const struct slsim_mqtt_publish *p);

/** PUBACK, PUBREC, PUBREL (flags 0x2 [MQTT-3.6.1-1]), PUBCOMP or UNSUBACK with a packet id. */
enum slsim_mqtt_status
slsim_mqtt_encode_ack(uint8_t type, uint16_t packet_id, uint8_t *buf, size_t cap, size_t *out_len);

/** SUBSCRIBE [MQTT-3.8]: at least one filter [MQTT-3.8.3-3], flags 0x2 [MQTT-3.8.1-1]. */
enum slsim_mqtt_status slsim_mqtt_encode_subscribe(uint16_t packet_id,
                                                   const struct slsim_mqtt_subscription *subs,
                                                   size_t n,
                                                   uint8_t *buf,
                                                   size_t cap,
                                                   size_t *out_len);

/** UNSUBSCRIBE [MQTT-3.10]: at least one filter [MQTT-3.10.3-2], flags 0x2. */
enum slsim_mqtt_status slsim_mqtt_encode_unsubscribe(uint16_t packet_id,
                                                     const char *const *filters,
                                                     size_t n,
                                                     uint8_t *buf,
                                                     size_t cap,
                                                     size_t *out_len);

/** PINGREQ or DISCONNECT (two bytes). */
enum slsim_mqtt_status
slsim_mqtt_encode_empty(uint8_t type, uint8_t *buf, size_t cap, size_t *out_len);

/* ---- decoders --------------------------------------------------------------------------- */

/**
 * Decodes a fixed header from the first @p len bytes received so far.
 * @retval SLSIM_MQTT_OK        *hdr filled (the body may still be incomplete)
 * @retval SLSIM_MQTT_NEED_MORE the header is not complete yet
 * @retval SLSIM_MQTT_MALFORMED type 0 or 15, reserved flag bits wrong [MQTT-2.2.2-2], or a
 *         Remaining Length longer than four bytes
 */
enum slsim_mqtt_status
slsim_mqtt_decode_header(const uint8_t *buf, size_t len, struct slsim_mqtt_fixed_header *hdr);

/**
 * Decodes one whole packet a server may send (CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL,
 * PUBCOMP, SUBACK, UNSUBACK, PINGRESP) from @p buf.
 * @retval SLSIM_MQTT_OK        *pkt filled; *used = header + body bytes
 * @retval SLSIM_MQTT_NEED_MORE fewer than header + Remaining Length bytes
 * @retval SLSIM_MQTT_MALFORMED any validation failure
 * @retval SLSIM_MQTT_PROTOCOL  a packet type only clients send (CONNECT, SUBSCRIBE, ...)
 */
enum slsim_mqtt_status slsim_mqtt_decode_packet(const uint8_t *buf,
                                                size_t len,
                                                struct slsim_mqtt_packet *pkt,
                                                size_t *used);

/** Checks an MQTT UTF-8 string [MQTT-1.5.3-1] [MQTT-1.5.3-2]: well-formed, no U+0000, no
 *  surrogates, at most 65535 bytes. */
bool slsim_mqtt_utf8_valid(const uint8_t *s, size_t len);

/** Checks a PUBLISH topic name: non-empty, valid UTF-8, no '+' or '#' [MQTT-3.3.2-2]. */
bool slsim_mqtt_topic_name_valid(const char *s, size_t len);

/** Checks a topic filter: non-empty [MQTT-4.7.3-1], '#' last and alone in its level
 *  [MQTT-4.7.1-2], '+' alone in its level [MQTT-4.7.1-3]. */
bool slsim_mqtt_topic_filter_valid(const char *s, size_t len);

#endif /* SLSIM_MQTT_CODEC_H */
