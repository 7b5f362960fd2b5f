/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_noloss.c
 * @brief No-loss test: N QoS 1 messages (default 100,000) carrying their sequence number, from
 *        an slsim MQTT client on one emulated cc3220s (in-flight window 20, reconnect with a
 *        short backoff) through a local mosquitto with mutual TLS and persistence, to a second
 *        slsim client on a second device (persistent session, QoS 1), while the broker is
 *        stopped (SIGTERM; SIGKILL with NOLOSS_SIGNAL=KILL, see noloss_broker.c) and
 *        restarted on the same port 10 times at spread-out points, every connection dropped at
 *        once. The subscriber must see every sequence number; duplicates are counted and
 *        allowed.
 *
 * Usage: test_noloss <mqtt_pki.sh> <pki-dir> [count]. Exit 77 without mosquitto or openssl.
 * Prints `noloss: N sent, D distinct received, X duplicates, 10 broker restarts, T s`.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "noloss_broker.h"
#include "sock_test_util.h"

#include "mqtt/mqtt.h"
#include "mqtt/mqtt_transport_sl.h"

#define RESTARTS      10u
#define TOPIC         "slsim/noloss/seq"
#define DEADLINE_MS   480000u /* whole run, below the CTest TIMEOUT of 600 s */
#define START_WAIT_MS 10000u
#define LAG_MAX       100u   /* publisher at most this far ahead of the subscriber */
#define DRAIN_MS      60000u /* after the last PUBACK */

static char pki[512];
static unsigned long count = 100000;
static struct noloss_broker broker;

/* What the subscriber thread saw; written by it, read by the main thread. */
struct sub_state {
    uint8_t *seen; /* one byte per sequence number */
    atomic_ulong distinct;
    atomic_ulong dups;
    atomic_ulong bad;
    atomic_ulong connects;
    atomic_bool subscribed;
    atomic_bool stop;
    atomic_bool failed;
    bool need_subscribe;
};

static struct sub_state sub;

/* One client with its transport. */
struct cli {
    struct slsim_mqtt_sl sl;
    struct slsim_mqtt_config cfg;
    struct slsim_mqtt_client *c;
    unsigned long pubacks;
};

static void cli_config(struct cli *k, const char *id, void *user)
{
    memset(k, 0, sizeof(*k));
    struct slsim_mqtt_sl_params p = { .host = "localhost",
                                      .port = broker.port,
                                      .secure = true,
                                      .ca_file = "/cert/ca.der",
                                      .cert_file = "/cert/client.der",
                                      .key_file = "/cert/client.key",
                                      .domain_name = "localhost",
                                      .disable_cert_store = true };
    slsim_mqtt_sl_init(&k->sl, &p);
    slsim_mqtt_config_defaults(&k->cfg);
    slsim_mqtt_sl_bind(&k->sl, &k->cfg.transport);
    k->cfg.connect.client_id = id;
    k->cfg.connect.clean_session = false; /* persistent session on both sides */
    k->cfg.connect.keep_alive_s = 30;
    k->cfg.auto_reconnect = true;
    k->cfg.backoff_base_ms = 20; /* small for the test: 20 ms, doubling up to 200 ms */
    k->cfg.backoff_max_ms = 200;
    k->cfg.inflight_max = 20;
    k->cfg.queue_max_msgs = 256;
    k->cfg.queue_bytes = 64u * 1024u;
    k->cfg.max_packet_len = 8192;
    k->cfg.cb.user = user;
}

static int put_credentials(void)
{
    static const char *const files[][2] = { { "/cert/ca.der", "ca.der" },
                                            { "/cert/client.der", "client.der" },
                                            { "/cert/client.key", "client.key.der" } };
    for (size_t i = 0; i < 3; i++) {
        char path[600];
        (void)snprintf(path, sizeof(path), "%s/%s", pki, files[i][1]);
        if (sock_put_host_file(files[i][0], path) != 0) {
            return -1;
        }
    }
    return 0;
}

/* ---- subscriber (second device, own thread) --------------------------------------------- */

static void sub_on_connect(void *user, bool session_present)
{
    (void)user;
    atomic_fetch_add(&sub.connects, 1);
    if (!session_present) {
        sub.need_subscribe = true; /* first connect, or the broker lost the session */
    }
}

static void sub_on_suback(void *user, uint16_t id, const uint8_t *codes, size_t n)
{
    (void)user;
    (void)id;
    if (n == 1 && codes[0] == 1) {
        atomic_store(&sub.subscribed, true);
    } else {
        atomic_store(&sub.failed, true);
    }
}

static void sub_on_message(void *user, const struct slsim_mqtt_message *m)
{
    (void)user;
    char text[32];
    size_t n = m->payload_len < sizeof(text) - 1 ? m->payload_len : sizeof(text) - 1;
    memcpy(text, m->payload, n);
    text[n] = '\0';
    const char *at = strstr(text, "\"seq\":");
    char *end = NULL;
    unsigned long seq = at != NULL ? strtoul(at + 6, &end, 10) : 0;
    if (at == NULL || end == at + 6 || seq >= count || m->qos != 1) {
        atomic_fetch_add(&sub.bad, 1);
        return;
    }
    if (sub.seen[seq] != 0) {
        atomic_fetch_add(&sub.dups, 1);
        return;
    }
    sub.seen[seq] = 1;
    atomic_fetch_add(&sub.distinct, 1);
}

static void *subscriber(void *arg)
{
    (void)arg;
    struct sock_env *env = sock_env_new("cc3220s", true);
    if (env == NULL || put_credentials() != 0) {
        atomic_store(&sub.failed, true);
        sock_env_free(env);
        return NULL;
    }
    struct cli k;
    cli_config(&k, "slsim-noloss-sub", NULL);
    k.cfg.cb.on_connect = sub_on_connect;
    k.cfg.cb.on_suback = sub_on_suback;
    k.cfg.cb.on_message = sub_on_message;
    if (slsim_mqtt_client_new(&k.cfg, &k.c) != SLSIM_MQTT_OK) {
        atomic_store(&sub.failed, true);
        sock_env_free(env);
        return NULL;
    }
    if (slsim_mqtt_connect(k.c) != SLSIM_MQTT_OK) { /* retried by process() with backoff */
        char why[200];
        print_error("subscriber: %s\n", slsim_mqtt_client_describe(k.c, why, sizeof(why)));
    }
    while (!atomic_load(&sub.stop) && atomic_load(&sub.distinct) < count) {
        (void)slsim_mqtt_process(k.c, 20);
        if (sub.need_subscribe && slsim_mqtt_client_state(k.c) == SLSIM_MQTT_STATE_CONNECTED) {
            struct slsim_mqtt_subscription s = { TOPIC, 1 };
            if (slsim_mqtt_subscribe(k.c, &s, 1, NULL) == SLSIM_MQTT_OK) {
                sub.need_subscribe = false;
            }
        }
    }
    /* Acknowledge what arrived last, then leave. */
    (void)slsim_mqtt_process(k.c, 50);
    (void)slsim_mqtt_disconnect(k.c);
    slsim_mqtt_client_free(k.c);
    sock_env_free(env);
    return NULL;
}

/* ---- publisher (first device, main thread) ---------------------------------------------- */

static void pub_on_puback(void *user, uint16_t id)
{
    (void)id;
    ((struct cli *)user)->pubacks++;
}

static bool past(uint64_t deadline)
{
    return noloss_now_ms() >= deadline;
}

/* Publishes every message; kills and restarts the broker at RESTARTS spread-out points. */
static int publish_all(struct cli *k, uint64_t deadline, unsigned *restarts)
{
    unsigned long next_kill = count / (RESTARTS + 1u);
    for (unsigned long seq = 0; seq < count;) {
        if (*restarts < RESTARTS && seq == next_kill) {
            const char *how = getenv("NOLOSS_SIGNAL");
            noloss_broker_stop(&broker,
                               how != NULL && strcmp(how, "KILL") == 0 ? SIGKILL : SIGTERM);
            (*restarts)++;
            next_kill = count / (RESTARTS + 1u) * (*restarts + 1u);
            if (noloss_broker_start(&broker, START_WAIT_MS) != 0) {
                print_error("mosquitto did not come back after kill %u\n", *restarts);
                return -1;
            }
        }
        if (seq - atomic_load(&sub.distinct) > LAG_MAX) {
            /* End-to-end flow control: keeps the broker's queue, and so each of its per-change
             * saves, small. Every message still has to survive the kills. */
            (void)slsim_mqtt_process(k->c, 1);
            if (past(deadline)) {
                print_error("subscriber stuck at %lu (deadline)\n", atomic_load(&sub.distinct));
                return -1;
            }
            continue;
        }
        char msg[64];
        int len = snprintf(msg, sizeof(msg), "{\"seq\":%lu,\"dev\":\"slsim-noloss-pub\"}", seq);
        enum slsim_mqtt_status st =
            slsim_mqtt_publish(k->c, TOPIC, msg, (size_t)len, 1, false, NULL);
        if (st == SLSIM_MQTT_OK) {
            seq++;
            continue;
        }
        if (st != SLSIM_MQTT_QUEUE_FULL) {
            char why[200];
            print_error("publish %lu: %s\n", seq,
                        slsim_mqtt_client_describe(k->c, why, sizeof(why)));
            return -1;
        }
        (void)slsim_mqtt_process(k->c, 1); /* PUBACKs make room; reconnects happen here */
        if (past(deadline)) {
            print_error("publisher stuck at %lu (deadline)\n", seq);
            return -1;
        }
    }
    while (slsim_mqtt_client_queued(k->c) > 0 && !past(deadline)) {
        (void)slsim_mqtt_process(k->c, 5);
    }
    return slsim_mqtt_client_queued(k->c) == 0 ? 0 : -1;
}

static void report_missing(void)
{
    unsigned long shown = 0;
    unsigned long missing = 0;
    for (unsigned long i = 0; i < count; i++) {
        if (sub.seen[i] == 0) {
            if (shown < 20) {
                print_error("missing seq %lu\n", i);
                shown++;
            }
            missing++;
        }
    }
    print_error("%lu sequence numbers missing\n", missing);
}

static void test_noloss__qos1_across_10_broker_kills(void **state)
{
    (void)state;
    uint64_t t0 = noloss_now_ms();
    uint64_t deadline = t0 + DEADLINE_MS;
    sub.seen = calloc(count, 1);
    assert_non_null(sub.seen);
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, subscriber, NULL), 0);
    /* The subscription must be in the broker's persistence file before the first kill. */
    uint64_t ready = noloss_now_ms() + 10000u;
    while (!atomic_load(&sub.subscribed) && !atomic_load(&sub.failed) && !past(ready)) {
        struct timespec ts = { 0, 10000000L };
        (void)nanosleep(&ts, NULL);
    }
    bool subscribed = atomic_load(&sub.subscribed);
    uint64_t t_sub = noloss_now_ms();
    while (subscribed && !past(ready + 5000u) &&
           (!noloss_broker_saved(&broker) || noloss_now_ms() < t_sub + 1100u)) {
        struct timespec ts = { 0, 20000000L };
        (void)nanosleep(&ts, NULL);
    }
    struct sock_env *env = subscribed ? sock_env_new("cc3220s", true) : NULL;
    int rc = env != NULL && put_credentials() == 0 ? 0 : -1;
    struct cli k;
    unsigned restarts = 0;
    if (rc == 0) {
        cli_config(&k, "slsim-noloss-pub", &k);
        k.cfg.cb.on_puback = pub_on_puback;
        rc = slsim_mqtt_client_new(&k.cfg, &k.c) == SLSIM_MQTT_OK ? 0 : -1;
    }
    if (rc == 0) {
        (void)slsim_mqtt_connect(k.c);
        rc = publish_all(&k, deadline, &restarts);
        (void)slsim_mqtt_disconnect(k.c);
        slsim_mqtt_client_free(k.c);
    }
    sock_env_free(env);
    /* Everything is acknowledged: the rest must reach the subscriber soon. */
    uint64_t drain = noloss_now_ms() + DRAIN_MS;
    while (rc == 0 && atomic_load(&sub.distinct) < count && !atomic_load(&sub.failed) &&
           !past(deadline) && !past(drain)) {
        struct timespec ts = { 0, 10000000L };
        (void)nanosleep(&ts, NULL);
    }
    atomic_store(&sub.stop, true);
    assert_int_equal(pthread_join(th, NULL), 0);
    double secs = (double)(noloss_now_ms() - t0) / 1000.0;
    unsigned long distinct = atomic_load(&sub.distinct);
    printf("noloss: %lu sent, %lu distinct received, %lu duplicates, %u broker restarts, %.1f s\n",
           count, distinct, atomic_load(&sub.dups), restarts, secs);
    printf("noloss: subscriber connects %lu, malformed messages %lu\n", atomic_load(&sub.connects),
           atomic_load(&sub.bad));
    if (!subscribed) {
        print_error("the subscriber never subscribed (log in %s)\n", broker.log);
    }
    if (distinct != count) {
        report_missing();
    }
    free(sub.seen);
    sub.seen = NULL;
    assert_int_equal(rc, 0);
    assert_int_equal(restarts, RESTARTS);
    assert_int_equal(atomic_load(&sub.bad), 0);
    assert_int_equal(distinct, count);
}

/* ---- setup ------------------------------------------------------------------------------ */

static void kill_broker_at_exit(void)
{
    noloss_broker_kill(&broker);
}

static int group_setup(void **state)
{
    (void)state;
    uint16_t port = sock_free_port();
    if (port == 0 || noloss_broker_init(&broker, pki, port) != 0) {
        return -1;
    }
    if (noloss_broker_start(&broker, START_WAIT_MS) != 0) {
        print_error("mosquitto did not come up (log in %s)\n", broker.log);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    noloss_broker_cleanup(&broker);
    return 0;
}

static int program_missing(const char *name)
{
    char cmd[128];
    (void)snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
    return system(cmd) != 0;
}

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4) {
        (void)fprintf(stderr, "usage: %s <mqtt_pki.sh> <pki-dir> [count]\n", argv[0]);
        return 2;
    }
    if (argc == 4) {
        char *end = NULL;
        count = strtoul(argv[3], &end, 10);
        if (end == argv[3] || *end != '\0' || count < RESTARTS + 1u || count > 10000000u) {
            (void)fprintf(stderr, "count must be %u..10000000\n", RESTARTS + 1u);
            return 2;
        }
    }
    if (program_missing("mosquitto")) {
        (void)fprintf(stderr, "mosquitto missing: skipped\n");
        return 77;
    }
    (void)snprintf(pki, sizeof(pki), "%s", argv[2]);
    char cmd[1200];
    (void)snprintf(cmd, sizeof(cmd), "sh '%s' '%s'", argv[1], argv[2]);
    int rc = system(cmd);
    if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) != 0) {
        bool skip = rc != -1 && WIFEXITED(rc) && WEXITSTATUS(rc) == 77;
        (void)fprintf(stderr, "%s\n", skip ? "openssl missing: skipped" : "pki setup failed");
        return skip ? 77 : 1;
    }
    (void)atexit(kill_broker_at_exit);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_noloss__qos1_across_10_broker_kills),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
