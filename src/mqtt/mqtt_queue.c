/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file mqtt_queue.c
 * @brief The client's bounded message queue (offline messages and QoS 1 messages in flight)
 *        and its persistence record format. Pure: no I/O.
 *
 * Blob format (big-endian, documented in docs/mqtt.md):
 *   "SMQ1" | u16 count | u16 next packet id |
 *   count x ( u16 packet id | u8 qos | u8 flags | u16 topic len | u32 payload len |
 *             topic | payload ) |
 *   u32 CRC-32 (slsim_crc32) of everything before it
 */
#include "mqtt/mqtt_int.h"

#include <string.h>

#include "core/core.h"

#include "core/banned.h"

#define BLOB_HEAD   8u
#define BLOB_RECORD 12u
#define BLOB_TAIL   4u

static void id_set(struct mqtt_queue *q, uint16_t id, bool on)
{
    uint8_t bit = (uint8_t)(1u << (id & 7u));
    q->ids[id >> 3] = (uint8_t)(on ? q->ids[id >> 3] | bit : q->ids[id >> 3] & ~bit);
}

/* Moves the live messages to the front of the arena (in queue order, so offsets increase). */
static void compact(struct mqtt_queue *q)
{
    size_t at = 0;
    for (size_t k = 0; k < q->n; k++) {
        struct mqtt_slot *s = &q->slots[k];
        size_t size = (size_t)s->topic_len + s->payload_len;
        if (s->off != at) {
            memmove(q->arena + at, q->arena + s->off, size);
            s->off = (uint32_t)at;
        }
        at += size;
    }
    q->end = at;
}

enum slsim_mqtt_status slsim_mqtt_queue_push(struct mqtt_queue *q,
                                             const struct slsim_mqtt_publish *p,
                                             struct mqtt_slot **out)
{
    size_t need = p->topic_len + p->payload_len;
    if (q->n >= q->max || need > q->cap - q->used || p->topic_len > UINT16_MAX ||
        p->payload_len > UINT32_MAX) {
        return SLSIM_MQTT_QUEUE_FULL;
    }
    if (need > q->cap - q->end) {
        compact(q); /* amortized: only when the holes left by removals block the tail */
    }
    struct mqtt_slot *s = &q->slots[q->n];
    s->off = (uint32_t)q->end;
    s->topic_len = (uint16_t)p->topic_len;
    s->payload_len = (uint32_t)p->payload_len;
    s->packet_id = p->packet_id;
    s->qos = p->qos;
    s->flags = (uint8_t)(p->retain ? MQTT_SLOT_RETAIN : 0);
    memcpy(q->arena + q->end, p->topic, p->topic_len);
    if (p->payload_len > 0) {
        memcpy(q->arena + q->end + p->topic_len, p->payload, p->payload_len);
    }
    q->used += need;
    q->end += need;
    q->n++;
    if (p->qos > 0) {
        id_set(q, p->packet_id, true);
    }
    if (out != NULL) {
        *out = s;
    }
    return SLSIM_MQTT_OK;
}

/* Removes slot @p i. The arena keeps a hole (compacted by a later push when needed), so
 * removing the oldest message (the usual PUBACK) moves no message bytes. */
void slsim_mqtt_queue_remove(struct mqtt_queue *q, size_t i)
{
    struct mqtt_slot gone = q->slots[i];
    q->used -= (size_t)gone.topic_len + gone.payload_len;
    memmove(&q->slots[i], &q->slots[i + 1], (q->n - i - 1) * sizeof(q->slots[0]));
    q->n--;
    q->sent = (uint16_t)(q->sent - ((gone.flags & MQTT_SLOT_SENT) != 0 ? 1u : 0u));
    q->buffered = (uint16_t)(q->buffered - ((gone.flags & MQTT_SLOT_BUFFERED) != 0 ? 1u : 0u));
    q->next = (uint16_t)(i < q->next ? q->next - 1u : q->next);
    if (gone.qos > 0) {
        id_set(q, gone.packet_id, false);
    }
    if (q->n == 0) {
        q->end = 0;
    }
}

void slsim_mqtt_queue_mark(struct mqtt_queue *q, size_t i, uint8_t flag)
{
    struct mqtt_slot *s = &q->slots[i];
    if ((s->flags & flag) != 0) {
        return;
    }
    s->flags |= flag;
    q->sent = (uint16_t)(q->sent + (flag == MQTT_SLOT_SENT ? 1u : 0u));
    q->buffered = (uint16_t)(q->buffered + (flag == MQTT_SLOT_BUFFERED ? 1u : 0u));
}

void slsim_mqtt_queue_unbuffer(struct mqtt_queue *q)
{
    for (size_t i = 0; q->buffered > 0 && i < q->n; i++) {
        if ((q->slots[i].flags & MQTT_SLOT_BUFFERED) != 0) {
            q->slots[i].flags &= (uint8_t)~MQTT_SLOT_BUFFERED;
            q->buffered--;
        }
    }
    q->next = 0;
}

void slsim_mqtt_queue_view(const struct mqtt_queue *q, size_t i, struct slsim_mqtt_publish *p)
{
    const struct mqtt_slot *s = &q->slots[i];
    p->topic = (const char *)q->arena + s->off;
    p->topic_len = s->topic_len;
    p->payload = q->arena + s->off + s->topic_len;
    p->payload_len = s->payload_len;
    p->qos = s->qos;
    p->retain = (s->flags & MQTT_SLOT_RETAIN) != 0;
    /* A message sent before goes out again with DUP 1 [MQTT-3.3.1-1] [MQTT-4.4.0-1]. */
    p->dup = s->qos > 0 && (s->flags & MQTT_SLOT_SENT) != 0;
    p->packet_id = s->packet_id;
}

bool slsim_mqtt_queue_has_id(const struct mqtt_queue *q, uint16_t id)
{
    return (q->ids[id >> 3] & (1u << (id & 7u))) != 0;
}

size_t slsim_mqtt_queue_blob_max(size_t arena, uint16_t max_msgs)
{
    return BLOB_HEAD + (size_t)max_msgs * BLOB_RECORD + arena + BLOB_TAIL;
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, (uint16_t)(v >> 16));
    put16(p + 2, (uint16_t)v);
}

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)get16(p) << 16 | get16(p + 2);
}

size_t
slsim_mqtt_queue_encode(const struct mqtt_queue *q, uint16_t next_id, uint8_t *buf, size_t cap)
{
    size_t need = BLOB_HEAD + (size_t)q->n * BLOB_RECORD + q->used + BLOB_TAIL;
    if (need > cap) {
        return 0;
    }
    memcpy(buf, "SMQ1", 4);
    put16(buf + 4, q->n);
    put16(buf + 6, next_id);
    size_t at = BLOB_HEAD;
    for (size_t i = 0; i < q->n; i++) {
        const struct mqtt_slot *s = &q->slots[i];
        put16(buf + at, s->packet_id);
        buf[at + 2] = s->qos;
        buf[at + 3] = (uint8_t)(s->flags & (MQTT_SLOT_RETAIN | MQTT_SLOT_SENT));
        put16(buf + at + 4, s->topic_len);
        put32(buf + at + 6, s->payload_len);
        at += BLOB_RECORD;
        size_t size = (size_t)s->topic_len + s->payload_len;
        memcpy(buf + at, q->arena + s->off, size);
        at += size;
    }
    put32(buf + at, slsim_crc32(0, buf, at));
    return at + BLOB_TAIL;
}

/* One record at @p buf (@p left bytes); pushes it and returns its size, 0 if corrupt. */
static size_t decode_record(struct mqtt_queue *q, const uint8_t *buf, size_t left)
{
    if (left < BLOB_RECORD) {
        return 0;
    }
    struct slsim_mqtt_publish p = { 0 };
    p.packet_id = get16(buf);
    p.qos = buf[2];
    uint8_t flags = buf[3];
    p.topic_len = get16(buf + 4);
    p.payload_len = get32(buf + 6);
    p.retain = (flags & MQTT_SLOT_RETAIN) != 0;
    if (p.qos > 1 ||
        (p.qos == 1 && (p.packet_id == 0 || slsim_mqtt_queue_has_id(q, p.packet_id))) ||
        p.payload_len > left - BLOB_RECORD || p.topic_len > left - BLOB_RECORD - p.payload_len) {
        return 0;
    }
    p.topic = (const char *)buf + BLOB_RECORD;
    p.payload = buf + BLOB_RECORD + p.topic_len;
    struct mqtt_slot *s = NULL;
    if (!slsim_mqtt_topic_name_valid(p.topic, p.topic_len) ||
        slsim_mqtt_queue_push(q, &p, &s) != SLSIM_MQTT_OK) {
        return 0;
    }
    s->flags = flags & MQTT_SLOT_RETAIN;
    if ((flags & MQTT_SLOT_SENT) != 0) {
        slsim_mqtt_queue_mark(q, q->n - 1u, MQTT_SLOT_SENT);
    }
    return BLOB_RECORD + p.topic_len + p.payload_len;
}

static void queue_clear(struct mqtt_queue *q)
{
    q->n = 0;
    q->sent = 0;
    q->buffered = 0;
    q->next = 0;
    q->used = 0;
    q->end = 0;
    memset(q->ids, 0, MQTT_QUEUE_ID_BYTES);
}

enum slsim_mqtt_status
slsim_mqtt_queue_decode(struct mqtt_queue *q, uint16_t *next_id, const uint8_t *buf, size_t len)
{
    queue_clear(q);
    if (len == 0) {
        return SLSIM_MQTT_OK; /* nothing stored yet */
    }
    if (len < BLOB_HEAD + BLOB_TAIL || memcmp(buf, "SMQ1", 4) != 0 ||
        get32(buf + len - BLOB_TAIL) != slsim_crc32(0, buf, len - BLOB_TAIL)) {
        return SLSIM_MQTT_STORE_FAILED;
    }
    uint16_t count = get16(buf + 4);
    *next_id = get16(buf + 6);
    size_t at = BLOB_HEAD;
    for (size_t i = 0; i < count; i++) {
        size_t used = decode_record(q, buf + at, len - BLOB_TAIL - at);
        if (used == 0) {
            queue_clear(q);
            return SLSIM_MQTT_STORE_FAILED;
        }
        at += used;
    }
    return at == len - BLOB_TAIL ? SLSIM_MQTT_OK : SLSIM_MQTT_STORE_FAILED;
}
