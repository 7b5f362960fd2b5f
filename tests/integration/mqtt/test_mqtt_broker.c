/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_mqtt_broker.c
 * @brief The MQTT client on an emulated cc3220s (mqtt_transport_sl over sl_Socket/sl_Send/
 *        sl_Recv) against a real mosquitto started here on free loopback ports: a plain
 *        listener and a mutual-TLS listener. QoS 0/1 round trips, -468 refused by default and
 *        accepted only by explicit policy, persistent session resume, subscribe/unsubscribe,
 *        keep-alive over an idle period, and the offline queue persisted in a fail-safe device
 *        file across a client restart.
 *
 * Usage: test_mqtt_broker <mqtt_pki.sh> <pki-dir>. Exit 77 without mosquitto or openssl.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "sock_test_util.h"

#include "mqtt/mqtt.h"
#include "mqtt/mqtt_transport_sl.h"

/* Test-only state: the PKI directory, the broker process and its ports. */
static char pki[512];
static char conf_dir[64];
static pid_t broker_pid = -1;
static uint16_t plain_port;
static uint16_t tls_port;

/* One client with its transport and what it received. */
struct cli {
    struct slsim_mqtt_sl sl;
    struct slsim_mqtt_config cfg;
    struct slsim_mqtt_client *c;
    int messages;
    int pubacks;
    int subacks;
    int unsubacks;
    bool session_present;
    char last[64];
};

static void on_message(void *user, const struct slsim_mqtt_message *m)
{
    struct cli *k = user;
    k->messages++;
    (void)snprintf(k->last, sizeof(k->last), "%.*s", (int)m->payload_len, (const char *)m->payload);
}

static void on_puback(void *user, uint16_t id)
{
    (void)id;
    ((struct cli *)user)->pubacks++;
}

static void on_suback(void *user, uint16_t id, const uint8_t *codes, size_t n)
{
    (void)id;
    assert_true(n >= 1 && codes[0] <= 1);
    ((struct cli *)user)->subacks++;
}

static void on_unsuback(void *user, uint16_t id)
{
    (void)id;
    ((struct cli *)user)->unsubacks++;
}

static void on_connect(void *user, bool sp)
{
    ((struct cli *)user)->session_present = sp;
}

static void cli_config(struct cli *k, const char *id, bool tls)
{
    memset(k, 0, sizeof(*k));
    struct slsim_mqtt_sl_params p = { .host = "127.0.0.1", .port = tls ? tls_port : plain_port };
    if (tls) {
        p = (struct slsim_mqtt_sl_params){ .host = "localhost",
                                           .port = tls_port,
                                           .secure = true,
                                           .ca_file = "/cert/ca.der",
                                           .cert_file = "/cert/client.der",
                                           .key_file = "/cert/client.key",
                                           .domain_name = "localhost",
                                           .disable_cert_store = true };
    }
    slsim_mqtt_sl_init(&k->sl, &p);
    slsim_mqtt_config_defaults(&k->cfg);
    slsim_mqtt_sl_bind(&k->sl, &k->cfg.transport);
    k->cfg.connect.client_id = id;
    k->cfg.connect.keep_alive_s = 30;
    k->cfg.auto_reconnect = false;
    k->cfg.queue_bytes = 8192;
    k->cfg.max_packet_len = 8192;
    k->cfg.cb = (struct slsim_mqtt_callbacks){ k,         on_connect, NULL,       on_message,
                                               on_puback, on_suback,  on_unsuback };
}

static void cli_up(struct cli *k)
{
    assert_int_equal(slsim_mqtt_client_new(&k->cfg, &k->c), SLSIM_MQTT_OK);
    enum slsim_mqtt_status st = slsim_mqtt_connect(k->c);
    if (st != SLSIM_MQTT_OK) {
        char line[200];
        print_error("connect: %s\n", slsim_mqtt_client_describe(k->c, line, sizeof(line)));
    }
    assert_int_equal(st, SLSIM_MQTT_OK);
}

static void cli_down(struct cli *k)
{
    if (k->c != NULL) {
        (void)slsim_mqtt_disconnect(k->c);
        slsim_mqtt_client_free(k->c);
        k->c = NULL;
    }
}

/* Runs both clients until *counter reaches want (at most 5 s). */
static void pump(struct cli *a, struct cli *b, const int *counter, int want)
{
    for (int i = 0; i < 250 && *counter < want; i++) {
        if (a != NULL && a->c != NULL) {
            assert_int_equal(slsim_mqtt_process(a->c, 10), SLSIM_MQTT_OK);
        }
        if (b != NULL && b->c != NULL) {
            assert_int_equal(slsim_mqtt_process(b->c, 10), SLSIM_MQTT_OK);
        }
    }
    assert_int_equal(*counter, want);
}

static void subscribe(struct cli *k, const char *filter)
{
    struct slsim_mqtt_subscription s = { filter, 1 };
    int before = k->subacks;
    assert_int_equal(slsim_mqtt_subscribe(k->c, &s, 1, NULL), SLSIM_MQTT_OK);
    pump(k, NULL, &k->subacks, before + 1);
}

static void round_trip(bool tls)
{
    struct cli sub;
    struct cli pub;
    cli_config(&sub, tls ? "it-sub-tls" : "it-sub", tls);
    cli_config(&pub, tls ? "it-pub-tls" : "it-pub", tls);
    cli_up(&sub);
    cli_up(&pub);
    subscribe(&sub, "slsim/it/rt/#");
    assert_int_equal(slsim_mqtt_publish(pub.c, "slsim/it/rt/0", "q0", 2, 0, false, NULL),
                     SLSIM_MQTT_OK);
    pump(&sub, &pub, &sub.messages, 1);
    assert_string_equal(sub.last, "q0");
    assert_int_equal(slsim_mqtt_publish(pub.c, "slsim/it/rt/1", "q1", 2, 1, false, NULL),
                     SLSIM_MQTT_OK);
    pump(&sub, &pub, &sub.messages, 2);
    pump(&sub, &pub, &pub.pubacks, 1);
    assert_string_equal(sub.last, "q1");
    assert_int_equal(slsim_mqtt_client_queued(pub.c), 0);
    cli_down(&pub);
    cli_down(&sub);
}

static void test_mqtt__plain_qos0_qos1_round_trip(void **state)
{
    (void)state;
    round_trip(false);
}

static void test_mqtt__mutual_tls_qos0_qos1_round_trip(void **state)
{
    (void)state;
    round_trip(true);
}

static void test_mqtt__unknown_root_468_needs_explicit_policy(void **state)
{
    (void)state;
    struct cli k;
    cli_config(&k, "it-468", true);
    k.sl.p.disable_cert_store = false; /* the catalog does not list our test CA: -468 */
    assert_int_equal(slsim_mqtt_client_new(&k.cfg, &k.c), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_connect(k.c), SLSIM_MQTT_CONNECT_FAILED);
    assert_int_equal(slsim_mqtt_client_last_sl_error(k.c), SL_ERROR_BSD_ESECUNKNOWNROOTCA);
    k.sl.p.accept_warnings = true;
    assert_int_equal(slsim_mqtt_connect(k.c), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_client_last_sl_error(k.c), SL_ERROR_BSD_ESECUNKNOWNROOTCA);
    cli_down(&k);
}

static void test_mqtt__persistent_session_resume(void **state)
{
    (void)state;
    struct cli sub;
    struct cli pub;
    cli_config(&sub, "it-persist", false);
    sub.cfg.connect.clean_session = true; /* start from an empty session */
    cli_up(&sub);
    cli_down(&sub);
    cli_config(&sub, "it-persist", false);
    sub.cfg.connect.clean_session = false;
    cli_up(&sub);
    subscribe(&sub, "slsim/it/persist");
    cli_down(&sub); /* offline, session kept by the broker */
    cli_config(&pub, "it-persist-pub", false);
    cli_up(&pub);
    for (int i = 0; i < 3; i++) {
        char msg[8];
        (void)snprintf(msg, sizeof(msg), "m%d", i);
        assert_int_equal(slsim_mqtt_publish(pub.c, "slsim/it/persist", msg, 2, 1, false, NULL),
                         SLSIM_MQTT_OK);
    }
    pump(&pub, NULL, &pub.pubacks, 3);
    cli_down(&pub);
    cli_config(&sub, "it-persist", false);
    sub.cfg.connect.clean_session = false;
    cli_up(&sub);
    assert_true(sub.session_present);
    pump(&sub, NULL, &sub.messages, 3);
    assert_string_equal(sub.last, "m2");
    cli_down(&sub);
}

static void test_mqtt__subscribe_unsubscribe(void **state)
{
    (void)state;
    struct cli k;
    cli_config(&k, "it-unsub", false);
    cli_up(&k);
    subscribe(&k, "slsim/it/unsub");
    assert_int_equal(slsim_mqtt_publish(k.c, "slsim/it/unsub", "a", 1, 1, false, NULL),
                     SLSIM_MQTT_OK);
    pump(&k, NULL, &k.messages, 1);
    const char *f[] = { "slsim/it/unsub" };
    assert_int_equal(slsim_mqtt_unsubscribe(k.c, f, 1, NULL), SLSIM_MQTT_OK);
    pump(&k, NULL, &k.unsubacks, 1);
    assert_int_equal(slsim_mqtt_publish(k.c, "slsim/it/unsub", "b", 1, 1, false, NULL),
                     SLSIM_MQTT_OK);
    pump(&k, NULL, &k.pubacks, 2);
    assert_int_equal(slsim_mqtt_process(k.c, 300), SLSIM_MQTT_OK);
    assert_int_equal(k.messages, 1);
    cli_down(&k);
}

static void test_mqtt__keepalive_2s_idle_5s_stays_up(void **state)
{
    (void)state;
    struct cli k;
    cli_config(&k, "it-keepalive", true);
    k.cfg.connect.keep_alive_s = 2; /* mosquitto drops after 1.5 x 2 s without packets */
    cli_up(&k);
    subscribe(&k, "slsim/it/ka");
    for (int i = 0; i < 5; i++) {
        assert_int_equal(slsim_mqtt_process(k.c, 1000), SLSIM_MQTT_OK);
    }
    assert_int_equal(slsim_mqtt_client_state(k.c), SLSIM_MQTT_STATE_CONNECTED);
    assert_int_equal(slsim_mqtt_publish(k.c, "slsim/it/ka", "alive", 5, 1, false, NULL),
                     SLSIM_MQTT_OK);
    pump(&k, NULL, &k.messages, 1);
    cli_down(&k);
}

static void test_mqtt__offline_queue_in_failsafe_file_survives_restart(void **state)
{
    (void)state;
    struct cli sub;
    struct cli pub;
    cli_config(&sub, "it-offline-sub", false);
    cli_up(&sub);
    subscribe(&sub, "slsim/it/offline");
    struct slsim_mqtt_store_fs fs = { "/mqtt/queue.bin", 0, 0 };
    cli_config(&pub, "it-offline-pub", false);
    fs.max_blob = (uint32_t)slsim_mqtt_store_blob_max(&pub.cfg);
    slsim_mqtt_store_fs_bind(&fs, &pub.cfg.store);
    assert_int_equal(slsim_mqtt_client_new(&pub.cfg, &pub.c), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_publish(pub.c, "slsim/it/offline", "kept", 4, 1, false, NULL),
                     SLSIM_MQTT_OK); /* not connected: queued and written to the file */
    slsim_mqtt_client_free(pub.c);   /* "device restart" */
    pub.c = NULL;
    assert_int_equal(slsim_mqtt_client_new(&pub.cfg, &pub.c), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_client_queued(pub.c), 1);
    assert_int_equal(slsim_mqtt_connect(pub.c), SLSIM_MQTT_OK);
    pump(&sub, &pub, &sub.messages, 1);
    pump(&sub, &pub, &pub.pubacks, 1);
    assert_string_equal(sub.last, "kept");
    cli_down(&pub);
    assert_int_equal(slsim_mqtt_client_new(&pub.cfg, &pub.c), SLSIM_MQTT_OK);
    assert_int_equal(slsim_mqtt_client_queued(pub.c), 0); /* the PUBACK emptied the file */
    slsim_mqtt_client_free(pub.c);
    cli_down(&sub);
}

/* ---- broker and device ----------------------------------------------------------------- */

static void pki_path(char *buf, size_t size, const char *file)
{
    (void)snprintf(buf, size, "%s/%s", pki, file);
}

static int write_config(char *conf, size_t size)
{
    (void)snprintf(conf_dir, sizeof(conf_dir), "/tmp/slsim-mqtt-XXXXXX");
    /* mosquitto started as root drops to its own user: let it read the configuration. */
    if (mkdtemp(conf_dir) == NULL || chmod(conf_dir, 0755) != 0) {
        return -1;
    }
    (void)snprintf(conf, size, "%s/mosquitto.conf", conf_dir);
    FILE *f = fopen(conf, "w");
    if (f == NULL) {
        return -1;
    }
    char ca[600];
    char cert[600];
    char key[600];
    pki_path(ca, sizeof(ca), "ca.pem");
    pki_path(cert, sizeof(cert), "server.pem");
    pki_path(key, sizeof(key), "server.key");
    fprintf(f,
            "per_listener_settings false\nallow_anonymous true\npersistence false\n"
            "log_dest stderr\nlistener %u 127.0.0.1\nlistener %u 127.0.0.1\n"
            "cafile %s\ncertfile %s\nkeyfile %s\nrequire_certificate true\n",
            (unsigned)plain_port, (unsigned)tls_port, ca, cert, key);
    return fclose(f) == 0 ? 0 : -1;
}

static void start_broker(const char *conf)
{
    char log[128];
    (void)snprintf(log, sizeof(log), "%s/mosquitto.log", conf_dir);
    broker_pid = fork();
    if (broker_pid == 0) {
        (void)prctl(PR_SET_PDEATHSIG, SIGTERM); /* never outlive the test */
        int out = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (out < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0) {
            _exit(127);
        }
        execlp("mosquitto", "mosquitto", "-c", conf, (char *)NULL);
        _exit(127);
    }
}

static bool port_open(uint16_t port)
{
    _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, 0);
    bool ok = sd >= 0 && sock_connect_port(sd, port) == 0;
    if (sd >= 0) {
        (void)sl_Close(sd);
    }
    return ok;
}

static int group_setup(void **state)
{
    *state = sock_env_new("cc3220s", true);
    if (*state == NULL) {
        return -1;
    }
    static const char *const files[][2] = { { "/cert/ca.der", "ca.der" },
                                            { "/cert/client.der", "client.der" },
                                            { "/cert/client.key", "client.key.der" } };
    for (size_t i = 0; i < 3; i++) {
        char path[600];
        pki_path(path, sizeof(path), files[i][1]);
        if (sock_put_host_file(files[i][0], path) != 0) {
            return -1;
        }
    }
    plain_port = sock_free_port();
    tls_port = sock_free_port();
    char conf[128];
    if (plain_port == 0 || tls_port == 0 || plain_port == tls_port ||
        write_config(conf, sizeof(conf)) != 0) {
        return -1;
    }
    start_broker(conf);
    for (int i = 0; i < 100; i++) {
        if (port_open(plain_port) && port_open(tls_port)) {
            return 0;
        }
        sock_sleep_ms(50);
    }
    print_error("mosquitto did not come up (log in %s)\n", conf_dir);
    return -1;
}

static int group_teardown(void **state)
{
    if (broker_pid > 0) {
        (void)kill(broker_pid, SIGTERM);
        (void)waitpid(broker_pid, NULL, 0);
        broker_pid = -1;
    }
    sock_env_free(*state);
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
    if (argc != 3) {
        (void)fprintf(stderr, "usage: %s <mqtt_pki.sh> <pki-dir>\n", argv[0]);
        return 2;
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
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mqtt__plain_qos0_qos1_round_trip),
        cmocka_unit_test(test_mqtt__mutual_tls_qos0_qos1_round_trip),
        cmocka_unit_test(test_mqtt__unknown_root_468_needs_explicit_policy),
        cmocka_unit_test(test_mqtt__persistent_session_resume),
        cmocka_unit_test(test_mqtt__subscribe_unsubscribe),
        cmocka_unit_test(test_mqtt__keepalive_2s_idle_5s_stays_up),
        cmocka_unit_test(test_mqtt__offline_queue_in_failsafe_file_survives_restart),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
