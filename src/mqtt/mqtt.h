/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file mqtt.h
 * @brief Public API of slsim's MQTT 3.1.1 client library: status codes, the interfaces the
 *        client needs from the outside world (transport, clock, random numbers, storage), and
 *        the client itself.
 *
 * The library is an application library, like TI's MQTT client: it never calls the TI API
 * itself. `mqtt_transport_sl.h` binds the transport to sl_Socket/sl_Send/sl_Recv and
 * `slsim_mqtt_store_fs_*` binds the storage to a fail-safe device file. The pure packet codec
 * is in `mqtt_codec.h`. No global state: any number of clients may live in one process, each
 * used by one thread at a time.
 *
 * Typical loop (see docs/mqtt.md):
 * @code
 * struct slsim_mqtt_config cfg;
 * slsim_mqtt_config_defaults(&cfg);
 * cfg.transport = ...;            // e.g. slsim_mqtt_transport_sl_bind(&sl, &cfg.transport)
 * cfg.connect.client_id = "dev1";
 * cfg.cb.on_message = on_msg;
 * struct slsim_mqtt_client *c;
 * slsim_mqtt_client_new(&cfg, &c);
 * slsim_mqtt_connect(c);          // or let slsim_mqtt_process() connect with backoff
 * slsim_mqtt_publish(c, "t/1", data, len, 1, false, &id);
 * for (;;) slsim_mqtt_process(c, 100);
 * @endcode
 */
#ifndef SLSIM_MQTT_H
#define SLSIM_MQTT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- status ---------------------------------------------------------------------------- */

/** Every status, with its message (X-macro, libuv style). Values are stable. */
#define SLSIM_MQTT_STATUS_MAP(X)                                         \
    X(OK, "success")                                                     \
    X(BAD_PARAM, "bad parameter")                                        \
    X(NO_SPACE, "buffer too small")                                      \
    X(NEED_MORE, "incomplete packet: more bytes needed")                 \
    X(MALFORMED, "malformed packet from the server")                     \
    X(PROTOCOL, "packet not allowed here (protocol violation)")          \
    X(NOT_SUPPORTED, "not supported (QoS 2)")                            \
    X(LIMIT, "exceeds a configured or AWS IoT limit")                    \
    X(REFUSED, "connection refused by the broker (CONNACK return code)") \
    X(CONNECT_FAILED, "transport connect failed")                        \
    X(SEND_FAILED, "transport send failed")                              \
    X(RECV_FAILED, "transport receive failed")                           \
    X(CLOSED, "connection closed by the broker")                         \
    X(TIMEOUT, "timed out waiting for the broker")                       \
    X(KEEPALIVE_TIMEOUT, "no PINGRESP within the keep-alive timeout")    \
    X(NOT_CONNECTED, "not connected")                                    \
    X(QUEUE_FULL, "offline queue or in-flight window full")              \
    X(STORE_FAILED, "persistent store failed")                           \
    X(NO_MEMORY, "out of memory")

/** Result of every function of the library. */
enum slsim_mqtt_status {
#define SLSIM_MQTT_STATUS_ENUM(name, msg) SLSIM_MQTT_##name,
    SLSIM_MQTT_STATUS_MAP(SLSIM_MQTT_STATUS_ENUM)
#undef SLSIM_MQTT_STATUS_ENUM
        SLSIM_MQTT_STATUS_COUNT
};

/** "SLSIM_MQTT_OK", "SLSIM_MQTT_MALFORMED", ...; "SLSIM_MQTT_?" for an unknown value. */
const char *slsim_mqtt_status_str(enum slsim_mqtt_status st);

/** The short lowercase message of @p st. */
const char *slsim_mqtt_status_msg(enum slsim_mqtt_status st);

/* ---- interfaces to the outside world --------------------------------------------------- */

/** A recv() result meaning "the peer closed the connection" (0 means "no data in time"). */
#define SLSIM_MQTT_TRANSPORT_EOF (INT32_MIN)

/**
 * The transport: a byte stream to the broker (TCP, TLS). All functions take @p ctx.
 * Negative results are SL error codes (or any negative code of the binding), kept by the
 * client in slsim_mqtt_client_last_sl_error() and never interpreted further.
 */
struct slsim_mqtt_transport {
    void *ctx;
    /** Opens the connection. Returns 0 (connected) or < 0 (failed). *sl_code receives the raw
     *  code of the underlying connect even on success (e.g. -468 accepted by policy). */
    int32_t (*connect)(void *ctx, int32_t *sl_code);
    /** Sends up to @p len bytes; returns bytes sent (> 0) or < 0. */
    int32_t (*send)(void *ctx, const uint8_t *buf, size_t len);
    /** Receives up to @p len bytes waiting at most @p timeout_ms: bytes (> 0), 0 when nothing
     *  arrived in time, SLSIM_MQTT_TRANSPORT_EOF when the peer closed, other < 0 on error. */
    int32_t (*recv)(void *ctx, uint8_t *buf, size_t len, uint32_t timeout_ms);
    /** Closes the connection (safe when not connected). */
    void (*close)(void *ctx);
};

/** Time source. NULL now_ms: CLOCK_MONOTONIC; NULL sleep_ms: nanosleep. A fake clock makes
 *  keep-alive and backoff testable without sleeping. */
struct slsim_mqtt_clock {
    void *ctx;
    /** Milliseconds from any fixed origin, never going back. */
    uint64_t (*now_ms)(void *ctx);
    /** Waits @p ms (used only while waiting for a reconnect attempt). */
    void (*sleep_ms)(void *ctx, uint32_t ms);
};

/** Random numbers for backoff jitter. NULL next: a per-client xorshift seeded at creation. */
struct slsim_mqtt_rng {
    void *ctx;
    uint32_t (*next)(void *ctx);
};

/**
 * Persistent storage of the message queue, one opaque blob (format in docs/mqtt.md). save()
 * must replace the blob atomically (old or new, never a mix): slsim_mqtt_store_fs_bind() uses
 * a fail-safe device file. NULL functions: the queue lives in memory only.
 */
struct slsim_mqtt_store {
    void *ctx;
    /** Reads the blob into @p buf: 0 with *len set (0 when nothing is stored) or < 0. */
    int32_t (*load)(void *ctx, uint8_t *buf, size_t cap, size_t *len);
    /** Replaces the blob: 0 or < 0. */
    int32_t (*save)(void *ctx, const uint8_t *buf, size_t len);
};

/* ---- client ---------------------------------------------------------------------------- */

/** A received PUBLISH. Pointers are valid during the callback only. */
struct slsim_mqtt_message {
    const char *topic; /**< not NUL-terminated */
    size_t topic_len;
    const uint8_t *payload;
    size_t payload_len;
    uint8_t qos;
    bool retain;
    bool dup;
    uint16_t packet_id;
};

/** Event callbacks, all optional, called from inside the client's functions. */
struct slsim_mqtt_callbacks {
    void *user;
    void (*on_connect)(void *user, bool session_present);
    void (*on_disconnect)(void *user, enum slsim_mqtt_status why);
    void (*on_message)(void *user, const struct slsim_mqtt_message *msg);
    void (*on_puback)(void *user, uint16_t packet_id);
    /** @p codes: one per filter, 0/1/2 granted QoS or 0x80 failure [MQTT-3.9.3-2]. */
    void (*on_suback)(void *user, uint16_t packet_id, const uint8_t *codes, size_t n);
    void (*on_unsuback)(void *user, uint16_t packet_id);
};

/** CONNECT contents. Strings are NUL-terminated and must outlive the client. */
struct slsim_mqtt_connect_opts {
    const char *client_id; /**< "" only with clean_session [MQTT-3.1.3-7] */
    bool clean_session;
    uint16_t keep_alive_s; /**< 0 disables keep-alive */
    const char *username;  /**< NULL: none */
    const uint8_t *password;
    uint16_t password_len;  /**< password needs username [MQTT-3.1.2-22] */
    const char *will_topic; /**< NULL: no last will */
    const uint8_t *will_payload;
    uint16_t will_payload_len;
    uint8_t will_qos; /**< 0 or 1; 2 is SLSIM_MQTT_NOT_SUPPORTED */
    bool will_retain;
};

/** Client configuration; fill with slsim_mqtt_config_defaults() first. */
struct slsim_mqtt_config {
    struct slsim_mqtt_transport transport; /**< required */
    struct slsim_mqtt_clock clock;
    struct slsim_mqtt_rng rng;
    struct slsim_mqtt_store store;
    struct slsim_mqtt_callbacks cb;
    struct slsim_mqtt_connect_opts connect;
    size_t max_packet_len;        /**< largest packet sent or received (default 129 KiB + 512) */
    size_t out_buf_len;           /**< write coalescing buffer (default 16000, one TLS record;
                                       0: every packet is sent on its own); docs/mqtt.md */
    size_t queue_bytes;           /**< queue arena: topics + payloads (default 256 KiB) */
    uint16_t queue_max_msgs;      /**< offline + in-flight messages (default 64) */
    uint16_t inflight_max;        /**< QoS 1 sent and not yet acknowledged (default 64) */
    uint32_t connack_timeout_ms;  /**< default 5000 */
    uint32_t pingresp_timeout_ms; /**< default 5000 */
    uint32_t backoff_base_ms;     /**< first reconnect delay bound (default 500) */
    uint32_t backoff_max_ms;      /**< delay bound cap (default 30000) */
    bool auto_reconnect;          /**< default true */
    bool aws_limits;              /**< enforce AWS IoT Core limits (default true) */
};

/** Connection state (diagram in docs/mqtt.md). */
enum slsim_mqtt_state {
    SLSIM_MQTT_STATE_DISCONNECTED, /**< not connected; no automatic reconnect pending */
    SLSIM_MQTT_STATE_BACKOFF,      /**< waiting for the next reconnect attempt */
    SLSIM_MQTT_STATE_CONNECTED     /**< CONNACK accepted */
};

/** AWS IoT Core limits applied when aws_limits is set. */
#define SLSIM_MQTT_AWS_MAX_PAYLOAD     (128u * 1024u)
#define SLSIM_MQTT_AWS_MAX_CLIENT_ID   128u
#define SLSIM_MQTT_AWS_MAX_TOPIC       256u
#define SLSIM_MQTT_AWS_MAX_TOPIC_SLASH 7u
#define SLSIM_MQTT_AWS_MAX_FILTERS     8u
#define SLSIM_MQTT_AWS_MAX_INFLIGHT    100u

/** Default in-flight window (below AWS IoT's 100; fits the default queue of 64 messages). */
#define SLSIM_MQTT_INFLIGHT_DEFAULT 64u
/** Default write coalescing buffer: one sl_Send (at most 16000 bytes), one TLS record. */
#define SLSIM_MQTT_OUT_BUF_DEFAULT 16000u

struct slsim_mqtt_client;

/** Fills @p cfg with the documented defaults (transport and client id left empty). */
void slsim_mqtt_config_defaults(struct slsim_mqtt_config *cfg);

/**
 * Creates a client; allocates its buffers once (never again afterwards) and loads the
 * persisted queue from cfg->store.
 * @retval SLSIM_MQTT_OK
 * @retval SLSIM_MQTT_BAD_PARAM    missing transport function, bad sizes, bad CONNECT options
 * @retval SLSIM_MQTT_NOT_SUPPORTED will_qos 2
 * @retval SLSIM_MQTT_LIMIT        client id beyond AWS limits
 * @retval SLSIM_MQTT_STORE_FAILED stored queue unreadable or corrupt (client not created)
 * @retval SLSIM_MQTT_NO_MEMORY
 */
enum slsim_mqtt_status slsim_mqtt_client_new(const struct slsim_mqtt_config *cfg,
                                             struct slsim_mqtt_client **out);

/** Closes the transport (without DISCONNECT) and frees the client. NULL-safe. */
void slsim_mqtt_client_free(struct slsim_mqtt_client *c);

/**
 * Connects now (blocking up to connack_timeout_ms): transport connect, CONNECT, CONNACK, then
 * resends in-flight QoS 1 messages with DUP and flushes the queue.
 * @retval SLSIM_MQTT_OK
 * @retval SLSIM_MQTT_CONNECT_FAILED (SL code in last_sl_error)
 * @retval SLSIM_MQTT_REFUSED   CONNACK code in slsim_mqtt_client_connack_code()
 * @retval SLSIM_MQTT_TIMEOUT, _CLOSED, _MALFORMED, _PROTOCOL, _SEND_FAILED, _RECV_FAILED
 * With auto_reconnect, a failure schedules the next attempt (state BACKOFF).
 */
enum slsim_mqtt_status slsim_mqtt_connect(struct slsim_mqtt_client *c);

/**
 * Publishes. QoS 0 while connected (and nothing queued) is sent at once; otherwise the message
 * is queued (and persisted before this returns) and sent, at most inflight_max at a time, until
 * PUBACK. Outside a batch the packet has reached the transport when this returns; inside
 * slsim_mqtt_batch_begin()/_end() it may wait in the client's output buffer (docs/mqtt.md).
 * @param packet_id receives the packet id for QoS 1 (0 for QoS 0); may be NULL.
 * @retval SLSIM_MQTT_OK          sent or accepted into the queue
 * @retval SLSIM_MQTT_BAD_PARAM   empty topic, wildcard in topic [MQTT-3.3.2-2], bad UTF-8
 * @retval SLSIM_MQTT_NOT_SUPPORTED QoS 2
 * @retval SLSIM_MQTT_LIMIT       payload or topic over the limits
 * @retval SLSIM_MQTT_QUEUE_FULL  queue full; nothing accepted
 * @retval SLSIM_MQTT_STORE_FAILED queue could not be persisted; nothing accepted
 * @retval SLSIM_MQTT_SEND_FAILED QoS 0 send failed (connection closed); inside a batch only
 *         when the output buffer was full and its send failed
 */
enum slsim_mqtt_status slsim_mqtt_publish(struct slsim_mqtt_client *c,
                                          const char *topic,
                                          const void *payload,
                                          size_t payload_len,
                                          uint8_t qos,
                                          bool retain,
                                          uint16_t *packet_id);

/**
 * Starts a batch (nestable): until the matching slsim_mqtt_batch_end(), publishes are
 * collected in the output buffer (cfg.out_buf_len) and sent together, one transport send (one
 * TLS record) per full buffer. process(), flush(), subscribe(), unsubscribe() and disconnect()
 * still send everything buffered. Use it for bursts:
 * @code
 * slsim_mqtt_batch_begin(c);
 * for (i = 0; i < n; i++) slsim_mqtt_publish(c, topic, msg[i], len[i], 0, false, NULL);
 * st = slsim_mqtt_batch_end(c);          // the rest leaves here
 * @endcode
 * @retval SLSIM_MQTT_OK, _BAD_PARAM (NULL)
 */
enum slsim_mqtt_status slsim_mqtt_batch_begin(struct slsim_mqtt_client *c);

/**
 * Ends a batch; the outermost end sends what is buffered (slsim_mqtt_flush()).
 * @retval SLSIM_MQTT_OK, _BAD_PARAM, _SEND_FAILED (connection dropped; QoS 1 messages and queued
 *         QoS 0 messages are sent again after the reconnect, unqueued QoS 0 ones are lost)
 */
enum slsim_mqtt_status slsim_mqtt_batch_end(struct slsim_mqtt_client *c);

/**
 * Sends what is in the output buffer now (nothing to do outside a batch: every other function
 * leaves the buffer empty when it returns).
 * @retval SLSIM_MQTT_OK, _BAD_PARAM, _SEND_FAILED (connection dropped, as batch_end)
 */
enum slsim_mqtt_status slsim_mqtt_flush(struct slsim_mqtt_client *c);

/** One topic filter and its requested QoS (0 or 1). */
struct slsim_mqtt_subscription {
    const char *filter;
    uint8_t qos;
};

/**
 * Sends SUBSCRIBE; the SUBACK arrives through cb.on_suback. Needs a connection.
 * @retval SLSIM_MQTT_OK, _BAD_PARAM (bad filter), _NOT_SUPPORTED (QoS 2), _LIMIT (> 8 filters
 *         with aws_limits), _NOT_CONNECTED, _NO_SPACE, _SEND_FAILED
 */
enum slsim_mqtt_status slsim_mqtt_subscribe(struct slsim_mqtt_client *c,
                                            const struct slsim_mqtt_subscription *subs,
                                            size_t n,
                                            uint16_t *packet_id);

/** Sends UNSUBSCRIBE; UNSUBACK through cb.on_unsuback. Same statuses as subscribe. */
enum slsim_mqtt_status slsim_mqtt_unsubscribe(struct slsim_mqtt_client *c,
                                              const char *const *filters,
                                              size_t n,
                                              uint16_t *packet_id);

/**
 * Runs the client for up to @p timeout_ms: receives and dispatches packets, sends PINGREQ
 * when keep-alive is due, closes on a missing PINGRESP, reconnects with backoff, and sends
 * queued messages. Returns early after a disconnect. Everything buffered (PUBACKs, queued
 * messages, a batch in progress) is sent before it waits for input and before it returns.
 * @retval SLSIM_MQTT_OK the whole time passed without a disconnect
 * @retval the cause of a disconnect (_MALFORMED, _PROTOCOL, _CLOSED, _KEEPALIVE_TIMEOUT,
 *         _RECV_FAILED, _SEND_FAILED) or of a failed reconnect attempt
 */
enum slsim_mqtt_status slsim_mqtt_process(struct slsim_mqtt_client *c, uint32_t timeout_ms);

/** Sends DISCONNECT, closes, and stops reconnecting; the queue is kept (and persisted). */
enum slsim_mqtt_status slsim_mqtt_disconnect(struct slsim_mqtt_client *c);

/** Current state. */
enum slsim_mqtt_state slsim_mqtt_client_state(const struct slsim_mqtt_client *c);

/** The transport's last SL code (connect, send or recv); 0 if none. */
int32_t slsim_mqtt_client_last_sl_error(const struct slsim_mqtt_client *c);

/** The status of the last failure (SLSIM_MQTT_OK if none). */
enum slsim_mqtt_status slsim_mqtt_client_last_status(const struct slsim_mqtt_client *c);

/** The return code of the last CONNACK (0 accepted, 1..5 refused [MQTT-3.2.2-5]). */
uint8_t slsim_mqtt_client_connack_code(const struct slsim_mqtt_client *c);

/** Messages queued or in flight (not yet acknowledged). */
size_t slsim_mqtt_client_queued(const struct slsim_mqtt_client *c);

/** Messages sent and waiting for PUBACK. */
size_t slsim_mqtt_client_inflight(const struct slsim_mqtt_client *c);

/** Largest blob the client saves for @p cfg (size a storage file with it). */
size_t slsim_mqtt_store_blob_max(const struct slsim_mqtt_config *cfg);

/**
 * A readable line for the last failure, e.g. "SLSIM_MQTT_RECV_FAILED: transport receive
 * failed (SL_ERROR_BSD_ECONNRESET -104)" or "...REFUSED: ... (CONNACK 5: not authorized)".
 * @return @p buf
 */
char *slsim_mqtt_client_describe(const struct slsim_mqtt_client *c, char *buf, size_t len);

/** Name of a CONNACK return code: "accepted", "unacceptable protocol version", ... */
const char *slsim_mqtt_connack_str(uint8_t code);

/**
 * Full-jitter backoff: a uniform delay in [0, min(max_ms, base_ms * 2^attempt)] from @p rnd.
 * Pure; exposed for tests and for the fleet.
 */
uint32_t slsim_mqtt_backoff_ms(uint32_t base_ms, uint32_t max_ms, uint32_t attempt, uint32_t rnd);

#ifdef __cplusplus
}
#endif

#endif /* SLSIM_MQTT_H */
