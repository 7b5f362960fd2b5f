/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file mqtt_client_ops.c
 * @brief The client's operations: connect (CONNECT/CONNACK, resend with DUP, queue flush),
 *        publish, subscribe, unsubscribe, disconnect, and the accessors.
 */
#include "mqtt/mqtt_int.h"

#include <string.h>

#include "core/banned.h"

/* Waits for the CONNACK; the server's first packet must be one [MQTT-3.2.0-1]. */
static enum slsim_mqtt_status wait_connack(struct slsim_mqtt_client *c, bool *session_present)
{
    uint64_t deadline = slsim_mqtt_now(c) + c->cfg.connack_timeout_ms;
    for (;;) {
        struct slsim_mqtt_packet pkt;
        size_t used = 0;
        enum slsim_mqtt_status st = slsim_mqtt_decode_packet(c->rx, c->rx_len, &pkt, &used);
        if (st == SLSIM_MQTT_OK) {
            if (pkt.hdr.type != SLSIM_MQTT_CONNACK) {
                return SLSIM_MQTT_PROTOCOL;
            }
            memmove(c->rx, c->rx + used, c->rx_len - used);
            c->rx_len -= used;
            c->connack_code = pkt.u.connack.return_code;
            *session_present = pkt.u.connack.session_present;
            return c->connack_code == 0 ? SLSIM_MQTT_OK : SLSIM_MQTT_REFUSED;
        }
        if (st != SLSIM_MQTT_NEED_MORE) {
            return st;
        }
        uint64_t now = slsim_mqtt_now(c);
        if (now >= deadline || c->rx_len >= c->cfg.max_packet_len) {
            return SLSIM_MQTT_TIMEOUT;
        }
        int32_t n =
            c->cfg.transport.recv(c->cfg.transport.ctx, c->rx + c->rx_len,
                                  c->cfg.max_packet_len - c->rx_len, (uint32_t)(deadline - now));
        if (n == SLSIM_MQTT_TRANSPORT_EOF) {
            return SLSIM_MQTT_CLOSED;
        }
        if (n < 0) {
            c->last_sl_error = n;
            return SLSIM_MQTT_RECV_FAILED;
        }
        c->rx_len += (size_t)n;
    }
}

static enum slsim_mqtt_status handshake(struct slsim_mqtt_client *c, bool *session_present)
{
    int32_t sl_code = 0;
    int32_t rc = c->cfg.transport.connect(c->cfg.transport.ctx, &sl_code);
    c->last_sl_error = sl_code != 0 ? sl_code : rc;
    if (rc < 0) {
        return SLSIM_MQTT_CONNECT_FAILED;
    }
    c->transport_open = true;
    c->rx_len = 0;
    c->now_ms = slsim_mqtt_now(c);
    size_t len = 0;
    enum slsim_mqtt_status st =
        slsim_mqtt_encode_connect(&c->cfg.connect, c->tx, c->cfg.max_packet_len, &len);
    if (st == SLSIM_MQTT_OK) {
        st = slsim_mqtt_send_all(c, c->tx, len);
    }
    return st == SLSIM_MQTT_OK ? wait_connack(c, session_present) : st;
}

enum slsim_mqtt_status slsim_mqtt_connect(struct slsim_mqtt_client *c)
{
    if (c == NULL) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    if (c->state == SLSIM_MQTT_STATE_CONNECTED) {
        return SLSIM_MQTT_OK;
    }
    bool session_present = false;
    c->connack_code = 0;
    enum slsim_mqtt_status st = handshake(c, &session_present);
    if (st != SLSIM_MQTT_OK) {
        c->state = SLSIM_MQTT_STATE_DISCONNECTED;
        slsim_mqtt_drop(c, st);
        return st;
    }
    c->state = SLSIM_MQTT_STATE_CONNECTED;
    c->attempt = 0;
    c->ping_outstanding = false;
    c->last_status = SLSIM_MQTT_OK;
    if (c->cfg.cb.on_connect != NULL) {
        c->cfg.cb.on_connect(c->cfg.cb.user, session_present);
    }
    /* In-flight QoS 1 messages go again, in order, with DUP 1 [MQTT-4.4.0-1]; whether or not
     * the server kept the session, the client accepted them and must deliver them. */
    st = slsim_mqtt_send_queue(c, true);
    /* Packets that came right behind the CONNACK (a resumed session's queued messages
     * [MQTT-3.1.2-5]) are already in rx: dispatch them now, not after the next recv. */
    if (st == SLSIM_MQTT_OK && c->rx_len > 0) {
        st = slsim_mqtt_handle_rx(c);
    }
    if (st == SLSIM_MQTT_OK) {
        st = slsim_mqtt_out_send(c);
    }
    if (st != SLSIM_MQTT_OK && c->state == SLSIM_MQTT_STATE_CONNECTED) {
        slsim_mqtt_drop(c, st);
    }
    return st;
}

static uint16_t take_packet_id(struct slsim_mqtt_client *c)
{
    for (;;) {
        uint16_t id = c->next_id;
        c->next_id = (uint16_t)(id == UINT16_MAX ? 1 : id + 1);
        if (id != 0 && !slsim_mqtt_queue_has_id(&c->q, id)) {
            return id;
        }
    }
}

/* Puts queue slot @p i (first time, or again with DUP) into the output buffer. Buffering may
 * send the buffer, which removes its BUFFERED QoS 0 slots: *skipped counts those before @p i,
 * and the new index of the slot is returned in *i. */
static enum slsim_mqtt_status buffer_slot(struct slsim_mqtt_client *c, size_t *i, size_t *skipped)
{
    struct slsim_mqtt_publish p;
    slsim_mqtt_queue_view(&c->q, *i, &p); /* arena bytes do not move when slots are removed */
    uint16_t before = c->q.buffered;
    enum slsim_mqtt_status st = slsim_mqtt_out_publish(c, &p);
    if (st != SLSIM_MQTT_OK) {
        return st;
    }
    if (c->q.buffered != before) { /* the buffer was sent: every BUFFERED slot is gone */
        *i -= *skipped;
        *skipped = 0;
    }
    return SLSIM_MQTT_OK;
}

enum slsim_mqtt_status slsim_mqtt_send_queue(struct slsim_mqtt_client *c, bool resend)
{
    bool changed = false;
    size_t i = resend ? 0 : c->q.next;
    size_t skipped = resend ? 0 : c->q.buffered; /* BUFFERED slots before i */
    while (i < c->q.n) {
        struct mqtt_slot *s = &c->q.slots[i];
        bool sent = (s->flags & MQTT_SLOT_SENT) != 0;
        if ((s->flags & MQTT_SLOT_BUFFERED) != 0 || (sent && !resend)) {
            skipped += (s->flags & MQTT_SLOT_BUFFERED) != 0 ? 1u : 0u;
            i++;
            continue;
        }
        if (s->qos > 0 && !sent && c->q.sent >= c->cfg.inflight_max) {
            break; /* the window is full; later messages wait to keep the order */
        }
        enum slsim_mqtt_status st = buffer_slot(c, &i, &skipped);
        if (st != SLSIM_MQTT_OK) {
            return st; /* the connection was dropped; the queue is intact */
        }
        /* In the buffer counts as sent [window accounting]; QoS 0 leaves when it is sent. */
        changed = changed || (c->q.slots[i].qos > 0 && !sent);
        slsim_mqtt_queue_mark(&c->q, i,
                              c->q.slots[i].qos > 0 ? MQTT_SLOT_SENT : MQTT_SLOT_BUFFERED);
        skipped += c->q.slots[i].qos > 0 ? 0u : 1u;
        i++;
    }
    c->q.next = (uint16_t)i;
    return changed ? slsim_mqtt_persist(c) : SLSIM_MQTT_OK;
}

static enum slsim_mqtt_status check_publish(const struct slsim_mqtt_client *c,
                                            const struct slsim_mqtt_publish *p)
{
    if (p->qos == 2) {
        return SLSIM_MQTT_NOT_SUPPORTED;
    }
    if (p->qos > 2 || !slsim_mqtt_topic_name_valid(p->topic, p->topic_len) ||
        (p->payload == NULL && p->payload_len > 0)) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    if (c->cfg.aws_limits) {
        size_t slashes = 0;
        for (size_t i = 0; i < p->topic_len; i++) {
            slashes += p->topic[i] == '/' ? 1u : 0u;
        }
        if (p->payload_len > SLSIM_MQTT_AWS_MAX_PAYLOAD ||
            p->topic_len > SLSIM_MQTT_AWS_MAX_TOPIC || slashes > SLSIM_MQTT_AWS_MAX_TOPIC_SLASH) {
            return SLSIM_MQTT_LIMIT;
        }
    }
    struct slsim_mqtt_publish probe = *p;
    probe.packet_id = 1;
    size_t size = slsim_mqtt_publish_size(&probe);
    return size == 0 || size > c->cfg.max_packet_len ? SLSIM_MQTT_LIMIT : SLSIM_MQTT_OK;
}

enum slsim_mqtt_status slsim_mqtt_publish(struct slsim_mqtt_client *c,
                                          const char *topic,
                                          const void *payload,
                                          size_t payload_len,
                                          uint8_t qos,
                                          bool retain,
                                          uint16_t *packet_id)
{
    if (c == NULL || topic == NULL) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    struct slsim_mqtt_publish p = { topic, strlen(topic), payload, payload_len,
                                    qos,   retain,        false,   0 };
    enum slsim_mqtt_status st = check_publish(c, &p);
    if (st != SLSIM_MQTT_OK) {
        return slsim_mqtt_fail(c, st);
    }
    bool up = c->state == SLSIM_MQTT_STATE_CONNECTED;
    if (up && c->batch == 0) {
        c->now_ms = slsim_mqtt_now(c); /* a single publish: its time; a batch took it once */
    }
    if (qos == 0 && up && c->q.n == 0) {
        st = slsim_mqtt_out_publish(c, &p);
        return st == SLSIM_MQTT_OK && c->batch == 0 ? slsim_mqtt_out_send(c) : st;
    }
    uint16_t saved_next = c->next_id;
    p.packet_id = qos > 0 ? take_packet_id(c) : 0;
    st = slsim_mqtt_queue_push(&c->q, &p, NULL);
    if (st == SLSIM_MQTT_OK) {
        st = slsim_mqtt_persist(c);
        if (st != SLSIM_MQTT_OK) {
            slsim_mqtt_queue_remove(&c->q, c->q.n - 1u); /* not accepted: forget it */
        }
    }
    if (st != SLSIM_MQTT_OK) {
        c->next_id = saved_next;
        return slsim_mqtt_fail(c, st);
    }
    if (packet_id != NULL) {
        *packet_id = p.packet_id;
    }
    /* A send failure drops the connection and is reported by slsim_mqtt_process(). */
    if (up) {
        (void)slsim_mqtt_send_queue(c, false);
        if (c->batch == 0) {
            (void)slsim_mqtt_out_send(c); /* nothing left after a drop */
        }
    }
    return SLSIM_MQTT_OK;
}
