/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fuzz_mqtt_packet.c
 * @brief libFuzzer target: the MQTT decoder on a stream of server packets, as the client
 *        reads it (packet after packet until an error or NEED_MORE), with a re-encode check of
 *        every PUBLISH and PUBACK; then the same bytes as a persisted queue blob.
 *
 * A decoded PUBLISH must encode again and decode to the same fields; anything else aborts.
 */
#include "mqtt/mqtt_codec.h"
#include "mqtt/mqtt_int.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_publish(const struct slsim_mqtt_publish *p)
{
    static uint8_t buf[1u << 17];
    size_t len = 0;
    if (p->payload_len > sizeof(buf) - 512) {
        return;
    }
    struct slsim_mqtt_packet again;
    size_t used = 0;
    if (slsim_mqtt_encode_publish(p, buf, sizeof(buf), &len) != SLSIM_MQTT_OK ||
        len != slsim_mqtt_publish_size(p) ||
        slsim_mqtt_decode_packet(buf, len, &again, &used) != SLSIM_MQTT_OK || used != len ||
        again.u.publish.topic_len != p->topic_len ||
        memcmp(again.u.publish.topic, p->topic, p->topic_len) != 0 ||
        again.u.publish.payload_len != p->payload_len || again.u.publish.qos != p->qos ||
        again.u.publish.packet_id != p->packet_id || again.u.publish.dup != p->dup ||
        again.u.publish.retain != p->retain) {
        abort();
    }
}

static void check_queue_blob(const uint8_t *data, size_t size)
{
    static struct mqtt_slot slots[16];
    static uint8_t arena[4096];
    static uint8_t out[8192];
    static uint8_t ids[MQTT_QUEUE_ID_BYTES];
    struct mqtt_queue q = {
        .slots = slots, .max = 16, .arena = arena, .cap = sizeof(arena), .ids = ids
    };
    uint16_t next = 0;
    if (slsim_mqtt_queue_decode(&q, &next, data, size) == SLSIM_MQTT_OK) {
        size_t len = slsim_mqtt_queue_encode(&q, next, out, sizeof(out));
        if (size > 0 && (len != size || memcmp(out, data, size) != 0)) {
            abort(); /* a valid blob re-encodes to itself */
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t at = 0;
    for (int i = 0; i < 1000 && at < size; i++) {
        struct slsim_mqtt_packet pkt;
        size_t used = 0;
        if (slsim_mqtt_decode_packet(data + at, size - at, &pkt, &used) != SLSIM_MQTT_OK) {
            break;
        }
        if (used == 0 || used > size - at) {
            abort();
        }
        if (pkt.hdr.type == SLSIM_MQTT_PUBLISH) {
            check_publish(&pkt.u.publish);
        }
        at += used;
    }
    check_queue_blob(data, size);
    return 0;
}
