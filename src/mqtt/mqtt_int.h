/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file mqtt_int.h
 * @brief Internals shared by the client's files (mqtt_client.c, mqtt_client_ops.c,
 *        mqtt_client_loop.c, mqtt_queue.c). Not for other modules.
 *
 * Threading: a client has no lock; one thread at a time may call its functions. Different
 * clients share nothing.
 */
#ifndef SLSIM_MQTT_INT_H
#define SLSIM_MQTT_INT_H

#include "mqtt/mqtt.h"
#include "mqtt/mqtt_codec.h"

enum mqtt_slot_flags {
    MQTT_SLOT_RETAIN = 1u << 0,
    MQTT_SLOT_SENT = 1u << 1, /**< sent at least once: in flight, resent with DUP */
    /** QoS 0 only: encoded into the output buffer; removed once that buffer reached the
     *  transport, sent again after a reconnect if it did not. Never persisted. */
    MQTT_SLOT_BUFFERED = 1u << 2
};

/** Bytes of the packet-id bitmap of a queue (one bit per id). */
#define MQTT_QUEUE_ID_BYTES 8192u

/** One queued message; topic then payload at arena[off]. */
struct mqtt_slot {
    uint32_t off;
    uint32_t payload_len;
    uint16_t topic_len;
    uint16_t packet_id;
    uint8_t qos;
    uint8_t flags;
};

/** FIFO of messages not yet acknowledged, in publish order [MQTT-4.6.0-1]. */
struct mqtt_queue {
    struct mqtt_slot *slots;
    uint16_t n;
    uint16_t max;
    uint16_t sent;     /**< slots with MQTT_SLOT_SENT (the in-flight count) */
    uint16_t buffered; /**< slots with MQTT_SLOT_BUFFERED */
    uint16_t next;     /**< every slot before it is SENT or BUFFERED: where sending resumes */
    uint8_t *arena;
    size_t used; /**< live bytes (topics + payloads) */
    size_t end;  /**< append position; holes before it are compacted when the tail is full */
    size_t cap;
    uint8_t *ids; /**< bitmap of the packet ids of QoS 1 slots (8 KiB) */
};

struct slsim_mqtt_client {
    struct slsim_mqtt_config cfg;
    enum slsim_mqtt_state state;
    uint8_t *out; /**< coalescing buffer: packets not yet handed to the transport */
    size_t out_len;
    unsigned batch;  /**< slsim_mqtt_batch_begin() depth */
    uint64_t now_ms; /**< the time taken once per process() pass / flush (see mqtt_out.c) */
    uint8_t *tx;
    uint8_t *rx;
    size_t rx_len;
    uint8_t *blob;
    size_t blob_cap;
    struct mqtt_queue q;
    uint16_t next_id;
    bool ping_outstanding;
    bool transport_open;
    uint64_t last_tx_ms;
    uint64_t ping_sent_ms;
    uint64_t next_attempt_ms;
    uint32_t attempt;
    uint32_t rng_state;
    int32_t last_sl_error;
    enum slsim_mqtt_status last_status;
    uint8_t connack_code;
};

/* mqtt_queue.c */
enum slsim_mqtt_status slsim_mqtt_queue_push(struct mqtt_queue *q,
                                             const struct slsim_mqtt_publish *p,
                                             struct mqtt_slot **out);
void slsim_mqtt_queue_remove(struct mqtt_queue *q, size_t i);
void slsim_mqtt_queue_view(const struct mqtt_queue *q, size_t i, struct slsim_mqtt_publish *p);
void slsim_mqtt_queue_mark(struct mqtt_queue *q, size_t i, uint8_t flag);
void slsim_mqtt_queue_unbuffer(struct mqtt_queue *q);
bool slsim_mqtt_queue_has_id(const struct mqtt_queue *q, uint16_t id);
size_t slsim_mqtt_queue_blob_max(size_t arena, uint16_t max_msgs);
size_t
slsim_mqtt_queue_encode(const struct mqtt_queue *q, uint16_t next_id, uint8_t *buf, size_t cap);
enum slsim_mqtt_status
slsim_mqtt_queue_decode(struct mqtt_queue *q, uint16_t *next_id, const uint8_t *buf, size_t len);

/* mqtt_client.c (send_queue: mqtt_client_ops.c) */
uint64_t slsim_mqtt_now(struct slsim_mqtt_client *c);
enum slsim_mqtt_status
slsim_mqtt_send_all(struct slsim_mqtt_client *c, const uint8_t *buf, size_t len);
enum slsim_mqtt_status slsim_mqtt_persist(struct slsim_mqtt_client *c);
enum slsim_mqtt_status slsim_mqtt_send_queue(struct slsim_mqtt_client *c, bool resend);
void slsim_mqtt_drop(struct slsim_mqtt_client *c, enum slsim_mqtt_status why);
enum slsim_mqtt_status slsim_mqtt_fail(struct slsim_mqtt_client *c, enum slsim_mqtt_status st);

/* mqtt_out.c: the coalescing output buffer. Packets are appended to c->out and reach the
 * transport in one send when the buffer is full, at slsim_mqtt_flush(), at the end of a
 * publish outside a batch, and before process() waits for input or returns. On a send
 * failure the caller drops the connection (slsim_mqtt_out_reset()). */
enum slsim_mqtt_status
slsim_mqtt_out_put(struct slsim_mqtt_client *c, const uint8_t *buf, size_t len);
enum slsim_mqtt_status slsim_mqtt_out_publish(struct slsim_mqtt_client *c,
                                              const struct slsim_mqtt_publish *p);
enum slsim_mqtt_status slsim_mqtt_out_send(struct slsim_mqtt_client *c);
void slsim_mqtt_out_reset(struct slsim_mqtt_client *c);

/* mqtt_client_loop.c */
enum slsim_mqtt_status slsim_mqtt_handle_rx(struct slsim_mqtt_client *c);

#endif /* SLSIM_MQTT_INT_H */
