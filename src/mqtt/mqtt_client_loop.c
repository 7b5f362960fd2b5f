/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file mqtt_client_loop.c
 * @brief The client's process loop (receive and dispatch, keep-alive, reconnect with backoff),
 *        subscribe/unsubscribe/disconnect and the accessors.
 */
#include "mqtt/mqtt_int.h"

#include <string.h>
#include <time.h>

#include "core/banned.h"

static void on_puback(struct slsim_mqtt_client *c, uint16_t id)
{
    if (!slsim_mqtt_queue_has_id(&c->q, id)) {
        return; /* a duplicate PUBACK after a resend */
    }
    /* PUBACKs come in publish order [MQTT-4.6.0-2]: usually the first slot. */
    for (size_t i = 0; i < c->q.n; i++) {
        const struct mqtt_slot *s = &c->q.slots[i];
        if (s->qos == 1 && s->packet_id == id && (s->flags & MQTT_SLOT_SENT) != 0) {
            slsim_mqtt_queue_remove(&c->q, i);
            (void)slsim_mqtt_persist(c);
            if (c->cfg.cb.on_puback != NULL) {
                c->cfg.cb.on_puback(c->cfg.cb.user, id);
            }
            return;
        }
    }
    /* An unknown id: a duplicate PUBACK after a resend; nothing to do. */
}

static enum slsim_mqtt_status on_publish(struct slsim_mqtt_client *c,
                                         const struct slsim_mqtt_publish *p)
{
    /* The server never sends more than the granted QoS [MQTT-3.8.4-6]; we ask for <= 1. */
    if (p->qos > 1) {
        return SLSIM_MQTT_PROTOCOL;
    }
    if (c->cfg.cb.on_message != NULL) {
        struct slsim_mqtt_message m = { p->topic, p->topic_len, p->payload, p->payload_len,
                                        p->qos,   p->retain,    p->dup,     p->packet_id };
        c->cfg.cb.on_message(c->cfg.cb.user, &m);
    }
    if (p->qos == 0) {
        return SLSIM_MQTT_OK;
    }
    uint8_t ack[4];
    size_t len = 0;
    (void)slsim_mqtt_encode_ack(SLSIM_MQTT_PUBACK, p->packet_id, ack, sizeof(ack), &len);
    return slsim_mqtt_out_put(c, ack, len); /* [MQTT-4.3.2-2]; sent before the next wait */
}

static enum slsim_mqtt_status dispatch(struct slsim_mqtt_client *c,
                                       const struct slsim_mqtt_packet *pkt)
{
    const struct slsim_mqtt_callbacks *cb = &c->cfg.cb;
    switch (pkt->hdr.type) {
    case SLSIM_MQTT_PUBLISH:
        return on_publish(c, &pkt->u.publish);
    case SLSIM_MQTT_PUBACK:
        on_puback(c, pkt->u.packet_id);
        return SLSIM_MQTT_OK;
    case SLSIM_MQTT_SUBACK:
        if (cb->on_suback != NULL) {
            cb->on_suback(cb->user, pkt->u.suback.packet_id, pkt->u.suback.codes, pkt->u.suback.n);
        }
        return SLSIM_MQTT_OK;
    case SLSIM_MQTT_UNSUBACK:
        if (cb->on_unsuback != NULL) {
            cb->on_unsuback(cb->user, pkt->u.packet_id);
        }
        return SLSIM_MQTT_OK;
    case SLSIM_MQTT_PINGRESP:
        c->ping_outstanding = false;
        return SLSIM_MQTT_OK;
    default:
        /* A second CONNACK, or PUBREC/PUBREL/PUBCOMP of a QoS 2 flow we never start. */
        return SLSIM_MQTT_PROTOCOL;
    }
}

enum slsim_mqtt_status slsim_mqtt_handle_rx(struct slsim_mqtt_client *c)
{
    size_t at = 0;
    enum slsim_mqtt_status st = SLSIM_MQTT_OK;
    while (st == SLSIM_MQTT_OK && c->state == SLSIM_MQTT_STATE_CONNECTED) {
        struct slsim_mqtt_packet pkt;
        size_t used = 0;
        st = slsim_mqtt_decode_packet(c->rx + at, c->rx_len - at, &pkt, &used);
        if (st == SLSIM_MQTT_NEED_MORE) {
            struct slsim_mqtt_fixed_header h;
            bool big = slsim_mqtt_decode_header(c->rx + at, c->rx_len - at, &h) == SLSIM_MQTT_OK &&
                       (size_t)h.header_len + h.remaining > c->cfg.max_packet_len;
            st = big ? SLSIM_MQTT_LIMIT : SLSIM_MQTT_NEED_MORE;
            break;
        }
        if (st == SLSIM_MQTT_OK) {
            at += used;
            st = dispatch(c, &pkt);
        }
    }
    if (c->state != SLSIM_MQTT_STATE_CONNECTED) {
        return c->last_status;
    }
    memmove(c->rx, c->rx + at, c->rx_len - at);
    c->rx_len -= at;
    return st == SLSIM_MQTT_NEED_MORE ? SLSIM_MQTT_OK : st;
}

/* Keep-alive [MQTT-3.1.2-23]: a PINGREQ when nothing was sent for keep_alive_s; no PINGRESP
 * within pingresp_timeout_ms means the connection is dead. Returns ms until the next check. */
static enum slsim_mqtt_status keepalive(struct slsim_mqtt_client *c, uint64_t now, uint64_t *wait)
{
    uint64_t ka = (uint64_t)c->cfg.connect.keep_alive_s * 1000u;
    if (ka == 0) {
        return SLSIM_MQTT_OK;
    }
    if (c->ping_outstanding) {
        uint64_t due = c->ping_sent_ms + c->cfg.pingresp_timeout_ms;
        if (now >= due) {
            return SLSIM_MQTT_KEEPALIVE_TIMEOUT;
        }
        *wait = due - now < *wait ? due - now : *wait;
        return SLSIM_MQTT_OK;
    }
    uint64_t due = c->last_tx_ms + ka;
    if (now < due) {
        *wait = due - now < *wait ? due - now : *wait;
        return SLSIM_MQTT_OK;
    }
    uint8_t ping[2];
    size_t len = 0;
    (void)slsim_mqtt_encode_empty(SLSIM_MQTT_PINGREQ, ping, sizeof(ping), &len);
    enum slsim_mqtt_status st = slsim_mqtt_out_put(c, ping, len);
    if (st == SLSIM_MQTT_OK) {
        c->ping_outstanding = true;
        c->ping_sent_ms = now;
        *wait = c->cfg.pingresp_timeout_ms < *wait ? c->cfg.pingresp_timeout_ms : *wait;
    }
    return st;
}

/* One step while connected: keep-alive, everything buffered out, then one receive of at
 * most @p wait ms. */
static enum slsim_mqtt_status
step_connected(struct slsim_mqtt_client *c, uint64_t now, uint64_t wait)
{
    enum slsim_mqtt_status st = keepalive(c, now, &wait);
    if (st == SLSIM_MQTT_OK) {
        st = slsim_mqtt_out_send(c); /* never wait for input with data unsent */
    }
    if (st != SLSIM_MQTT_OK) {
        return st;
    }
    int32_t n = c->cfg.transport.recv(c->cfg.transport.ctx, c->rx + c->rx_len,
                                      c->cfg.max_packet_len - c->rx_len, (uint32_t)wait);
    if (n == SLSIM_MQTT_TRANSPORT_EOF) {
        return SLSIM_MQTT_CLOSED;
    }
    if (n < 0) {
        c->last_sl_error = n;
        return SLSIM_MQTT_RECV_FAILED;
    }
    c->rx_len += (size_t)n;
    return n > 0 ? slsim_mqtt_handle_rx(c) : SLSIM_MQTT_OK;
}

static void sleep_for(struct slsim_mqtt_client *c, uint64_t ms)
{
    if (c->cfg.clock.sleep_ms != NULL) {
        c->cfg.clock.sleep_ms(c->cfg.clock.ctx, (uint32_t)ms);
        return;
    }
    struct timespec ts = { (time_t)(ms / 1000u), (long)(ms % 1000u) * 1000000L };
    (void)nanosleep(&ts, NULL);
}

/* One pass while connected: queued messages the window allows, then step_connected(). */
static enum slsim_mqtt_status
pass_connected(struct slsim_mqtt_client *c, uint64_t now, uint64_t left)
{
    enum slsim_mqtt_status st = SLSIM_MQTT_OK;
    if (c->q.next < c->q.n) {
        st = slsim_mqtt_send_queue(c, false); /* the window may have room after a PUBACK */
        if (st != SLSIM_MQTT_OK) {
            return st;
        }
    }
    st = step_connected(c, now, left);
    if (st != SLSIM_MQTT_OK && c->state == SLSIM_MQTT_STATE_CONNECTED) {
        slsim_mqtt_drop(c, st);
    }
    return st;
}

enum slsim_mqtt_status slsim_mqtt_process(struct slsim_mqtt_client *c, uint32_t timeout_ms)
{
    if (c == NULL) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    uint64_t now = slsim_mqtt_now(c);
    uint64_t deadline = now + timeout_ms;
    /* The clock is read once per pass; every send of the pass is stamped with it. */
    for (bool stepped = false;; now = slsim_mqtt_now(c)) {
        c->now_ms = now;
        if (stepped && now >= deadline) {
            return slsim_mqtt_out_send(c); /* PUBACKs of the last receive */
        }
        uint64_t left = deadline > now ? deadline - now : 0;
        if (c->state == SLSIM_MQTT_STATE_DISCONNECTED) {
            return SLSIM_MQTT_NOT_CONNECTED;
        }
        if (c->state == SLSIM_MQTT_STATE_BACKOFF) {
            if (now >= c->next_attempt_ms) {
                enum slsim_mqtt_status st = slsim_mqtt_connect(c);
                if (st != SLSIM_MQTT_OK) {
                    return st;
                }
                continue;
            }
            if (left == 0) {
                return SLSIM_MQTT_OK;
            }
            uint64_t gap = c->next_attempt_ms - now;
            sleep_for(c, gap < left ? gap : left);
            continue;
        }
        enum slsim_mqtt_status st = pass_connected(c, now, left);
        if (st != SLSIM_MQTT_OK) {
            return st;
        }
        stepped = true;
    }
}

static enum slsim_mqtt_status check_filters(const struct slsim_mqtt_client *c, size_t n)
{
    if (c->state != SLSIM_MQTT_STATE_CONNECTED) {
        return SLSIM_MQTT_NOT_CONNECTED;
    }
    return c->cfg.aws_limits && n > SLSIM_MQTT_AWS_MAX_FILTERS ? SLSIM_MQTT_LIMIT : SLSIM_MQTT_OK;
}

static enum slsim_mqtt_status
send_tx(struct slsim_mqtt_client *c, enum slsim_mqtt_status st, size_t len)
{
    if (st == SLSIM_MQTT_OK) {
        c->now_ms = slsim_mqtt_now(c);
        st = slsim_mqtt_out_put(c, c->tx, len); /* behind anything buffered: order kept */
        st = st == SLSIM_MQTT_OK ? slsim_mqtt_out_send(c) : st;
    }
    return st;
}

static uint16_t control_packet_id(struct slsim_mqtt_client *c)
{
    uint16_t id = c->next_id;
    while (id == 0 || slsim_mqtt_queue_has_id(&c->q, id)) {
        id++;
    }
    c->next_id = (uint16_t)(id + 1u);
    return id;
}

enum slsim_mqtt_status slsim_mqtt_subscribe(struct slsim_mqtt_client *c,
                                            const struct slsim_mqtt_subscription *subs,
                                            size_t n,
                                            uint16_t *packet_id)
{
    if (c == NULL || subs == NULL || n == 0) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    for (size_t i = 0; i < n; i++) {
        if (subs[i].qos == 2) {
            return SLSIM_MQTT_NOT_SUPPORTED;
        }
    }
    enum slsim_mqtt_status st = check_filters(c, n);
    if (st != SLSIM_MQTT_OK) {
        return st;
    }
    uint16_t id = control_packet_id(c);
    size_t len = 0;
    st = slsim_mqtt_encode_subscribe(id, subs, n, c->tx, c->cfg.max_packet_len, &len);
    st = send_tx(c, st, len);
    if (st == SLSIM_MQTT_OK && packet_id != NULL) {
        *packet_id = id;
    }
    return st;
}

enum slsim_mqtt_status slsim_mqtt_unsubscribe(struct slsim_mqtt_client *c,
                                              const char *const *filters,
                                              size_t n,
                                              uint16_t *packet_id)
{
    if (c == NULL || filters == NULL || n == 0) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    enum slsim_mqtt_status st = check_filters(c, n);
    if (st != SLSIM_MQTT_OK) {
        return st;
    }
    uint16_t id = control_packet_id(c);
    size_t len = 0;
    st = slsim_mqtt_encode_unsubscribe(id, filters, n, c->tx, c->cfg.max_packet_len, &len);
    st = send_tx(c, st, len);
    if (st == SLSIM_MQTT_OK && packet_id != NULL) {
        *packet_id = id;
    }
    return st;
}

enum slsim_mqtt_status slsim_mqtt_disconnect(struct slsim_mqtt_client *c)
{
    if (c == NULL) {
        return SLSIM_MQTT_BAD_PARAM;
    }
    enum slsim_mqtt_status st = SLSIM_MQTT_OK;
    if (c->state == SLSIM_MQTT_STATE_CONNECTED) {
        size_t len = 0;
        (void)slsim_mqtt_encode_empty(SLSIM_MQTT_DISCONNECT, c->tx, c->cfg.max_packet_len, &len);
        c->now_ms = slsim_mqtt_now(c);
        st = slsim_mqtt_out_put(c, c->tx, len); /* a batch in progress goes first */
        st = st == SLSIM_MQTT_OK ? slsim_mqtt_out_send(c) : st;
    }
    slsim_mqtt_out_reset(c);
    if (c->transport_open) {
        c->cfg.transport.close(c->cfg.transport.ctx);
        c->transport_open = false;
    }
    c->state = SLSIM_MQTT_STATE_DISCONNECTED;
    c->rx_len = 0;
    c->ping_outstanding = false;
    return st;
}

enum slsim_mqtt_state slsim_mqtt_client_state(const struct slsim_mqtt_client *c)
{
    return c != NULL ? c->state : SLSIM_MQTT_STATE_DISCONNECTED;
}

int32_t slsim_mqtt_client_last_sl_error(const struct slsim_mqtt_client *c)
{
    return c != NULL ? c->last_sl_error : 0;
}

enum slsim_mqtt_status slsim_mqtt_client_last_status(const struct slsim_mqtt_client *c)
{
    return c != NULL ? c->last_status : SLSIM_MQTT_BAD_PARAM;
}

uint8_t slsim_mqtt_client_connack_code(const struct slsim_mqtt_client *c)
{
    return c != NULL ? c->connack_code : 0;
}

size_t slsim_mqtt_client_queued(const struct slsim_mqtt_client *c)
{
    return c != NULL ? c->q.n : 0;
}

size_t slsim_mqtt_client_inflight(const struct slsim_mqtt_client *c)
{
    return c != NULL ? c->q.sent : 0;
}
