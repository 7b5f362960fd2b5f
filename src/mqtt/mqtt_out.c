/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file mqtt_out.c
 * @brief Write coalescing: the client's output buffer and the public flush/batch API.
 *
 * Every packet the client sends after the CONNECT is appended to c->out (cfg.out_buf_len
 * bytes, default 16000: one sl_Send, one TLS record). The buffer reaches the transport in one
 * send when the next packet does not fit, at slsim_mqtt_flush(), at the end of a publish made
 * outside a batch, at slsim_mqtt_batch_end(), before process() waits for input and before it
 * returns. A packet larger than the buffer is sent on its own (after the buffered ones).
 *
 * Accounting: a QoS 1 message counts as sent (in flight, resent with DUP after a reconnect)
 * once it is in the buffer; a queued QoS 0 message stays in the queue, marked BUFFERED, until
 * the buffer reached the transport, so a send failure loses nothing that was queued. On a send
 * failure the connection is dropped and the buffer discarded; everything unacknowledged is sent
 * again after the reconnect, as without coalescing.
 */
#include "mqtt/mqtt_int.h"

#include <string.h>

#include "core/banned.h"

void slsim_mqtt_out_reset(struct slsim_mqtt_client *c)
{
    c->out_len = 0;
    slsim_mqtt_queue_unbuffer(&c->q);
}

/* Sends @p len bytes now; on failure the connection is dropped. */
static enum slsim_mqtt_status send_now(struct slsim_mqtt_client *c, const uint8_t *buf, size_t len)
{
    enum slsim_mqtt_status st = slsim_mqtt_send_all(c, buf, len);
    if (st != SLSIM_MQTT_OK && c->state == SLSIM_MQTT_STATE_CONNECTED) {
        slsim_mqtt_drop(c, st);
    }
    return st;
}

enum slsim_mqtt_status slsim_mqtt_out_send(struct slsim_mqtt_client *c)
{
    if (c->out_len == 0) {
        return SLSIM_MQTT_OK;
    }
    enum slsim_mqtt_status st = send_now(c, c->out, c->out_len);
    if (st != SLSIM_MQTT_OK) {
        return st;
    }
    c->out_len = 0;
    if (c->q.buffered == 0) {
        return SLSIM_MQTT_OK;
    }
    /* The queued QoS 0 messages in it are delivered: they leave the queue (all before next). */
    for (size_t i = c->q.next; i-- > 0 && c->q.buffered > 0;) {
        if ((c->q.slots[i].flags & MQTT_SLOT_BUFFERED) != 0) {
            slsim_mqtt_queue_remove(&c->q, i);
        }
    }
    /* A store failure is kept in last_status; the bytes did leave, so this is not an error of
     * the send (the message may be sent once more after a restart). */
    (void)slsim_mqtt_persist(c);
    return SLSIM_MQTT_OK;
}

enum slsim_mqtt_status
slsim_mqtt_out_put(struct slsim_mqtt_client *c, const uint8_t *buf, size_t len)
{
    size_t cap = c->cfg.out_buf_len;
    if (len > cap - c->out_len) {
        enum slsim_mqtt_status st = slsim_mqtt_out_send(c);
        if (st != SLSIM_MQTT_OK) {
            return st;
        }
    }
    if (len > cap) {
        return send_now(c, buf, len);
    }
    memcpy(c->out + c->out_len, buf, len);
    c->out_len += len;
    return SLSIM_MQTT_OK;
}

enum slsim_mqtt_status slsim_mqtt_out_publish(struct slsim_mqtt_client *c,
                                              const struct slsim_mqtt_publish *p)
{
    size_t cap = c->cfg.out_buf_len;
    size_t need = slsim_mqtt_publish_size(p);
    if (need > cap - c->out_len) {
        enum slsim_mqtt_status st = slsim_mqtt_out_send(c);
        if (st != SLSIM_MQTT_OK) {
            return st;
        }
    }
    size_t len = 0;
    if (need <= cap) { /* encoded in place: no copy */
        enum slsim_mqtt_status st =
            slsim_mqtt_encode_publish(p, c->out + c->out_len, cap - c->out_len, &len);
        c->out_len += st == SLSIM_MQTT_OK ? len : 0u;
        return st;
    }
    enum slsim_mqtt_status st = slsim_mqtt_encode_publish(p, c->tx, c->cfg.max_packet_len, &len);
    return st == SLSIM_MQTT_OK ? send_now(c, c->tx, len) : st;
}

enum slsim_mqtt_status slsim_mqtt_flush(struct slsim_mqtt_client *c)
{
    if (c == NULL) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    if (c->out_len == 0) {
        return SLSIM_MQTT_OK;
    }
    c->now_ms = slsim_mqtt_now(c);
    return slsim_mqtt_out_send(c);
}

enum slsim_mqtt_status slsim_mqtt_batch_begin(struct slsim_mqtt_client *c)
{
    if (c == NULL) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    if (c->batch == 0) {
        c->now_ms = slsim_mqtt_now(c); /* the time of the sends inside the batch */
    }
    c->batch++;
    return SLSIM_MQTT_OK;
}

enum slsim_mqtt_status slsim_mqtt_batch_end(struct slsim_mqtt_client *c)
{
    if (c == NULL) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    if (c->batch > 0) {
        c->batch--;
    }
    return c->batch == 0 ? slsim_mqtt_flush(c) : SLSIM_MQTT_OK;
}
