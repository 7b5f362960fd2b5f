/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file fake_transport.h
 * @brief An in-memory broker for the MQTT client tests: a scripted transport (CONNACK,
 *        PUBACK, SUBACK, PINGRESP on demand, injected bytes, EOF, errors), a fake clock that
 *        advances only when the client waits, a fixed RNG and a memory store. One per client;
 *        no globals, so many can run in one process.
 */
#ifndef SLSIM_TESTS_MQTT_FAKE_TRANSPORT_H
#define SLSIM_TESTS_MQTT_FAKE_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mqtt/mqtt.h"

#define FAKE_MAX_LOG 256

/** One packet the client sent, as the broker saw it. */
struct fake_sent {
    uint8_t type;
    uint8_t flags;
    uint16_t packet_id; /* PUBLISH QoS > 0, SUBSCRIBE, UNSUBSCRIBE */
    uint64_t at_ms;
    char topic[64]; /* PUBLISH */
};

struct fake_broker {
    uint64_t now;
    /* behaviour */
    int32_t connect_rc; /* < 0: connect fails with it */
    int32_t connect_sl; /* sl_code reported by connect */
    bool connack;       /* answer CONNECT with CONNACK */
    uint8_t connack_code;
    bool session_present;
    bool puback;   /* answer QoS 1 PUBLISH */
    bool pingresp; /* answer PINGREQ */
    bool suback;   /* answer SUBSCRIBE/UNSUBSCRIBE */
    bool eof;      /* next recv reports EOF (once) */
    int32_t recv_error;
    size_t fail_send_at; /* the n-th send call (1-based, counted in sends) fails; 0: none */
    int32_t fail_send_rc;
    /* state */
    bool open;
    int connects;
    size_t sends;        /* transport send calls */
    size_t max_send_len; /* the largest one */
    uint8_t in[4096];    /* bytes waiting for the client */
    size_t in_len;
    uint8_t part[1 << 18]; /* what the client sent, not yet parsed */
    size_t part_len;
    struct fake_sent log[FAKE_MAX_LOG];
    size_t n_log;
    /* store */
    uint8_t blob[1 << 18];
    size_t blob_len;
    int32_t save_rc;
    /* rng */
    uint32_t rnd;
};

/** Defaults: connect ok, CONNACK 0, PUBACK, PINGRESP, SUBACK all answered; now = 1000. */
void fake_init(struct fake_broker *b);

/** Binds transport, clock, rng (returns b->rnd) and store of @p cfg to @p b. */
void fake_bind(struct fake_broker *b, struct slsim_mqtt_config *cfg);

/** Queues raw bytes for the client. */
void fake_inject(struct fake_broker *b, const void *bytes, size_t len);

/** Number of logged packets of @p type. */
size_t fake_count(const struct fake_broker *b, uint8_t type);

/** The @p k-th logged packet of @p type, or NULL. */
const struct fake_sent *fake_nth(const struct fake_broker *b, uint8_t type, size_t k);

#endif /* SLSIM_TESTS_MQTT_FAKE_TRANSPORT_H */
