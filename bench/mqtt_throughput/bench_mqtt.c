/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file bench_mqtt.c
 * @brief MQTT publish throughput through a local mosquitto with mutual TLS (run.sh drives it).
 *
 *   bench_mqtt payload                  the 56-byte JSON payload every publisher sends
 *   bench_mqtt free-port
 *   bench_mqtt pub DEV.json PORT --qos Q --count N --topic T [--inflight W]
 *       the slsim publisher: N messages from one emulated device (mqtt_transport_sl), exits
 *       when all are sent (QoS 0) or acknowledged (QoS 1); prints `pub.*` lines
 *   bench_mqtt run DEV.json PORT --qos Q --count N --topic T [--stdin FILE] -- CMD ARG...
 *       the verifying subscriber (slsim client on another device, subscription at QoS Q) and the
 *       measurement: subscribes, starts CMD (stdin from FILE), and measures from the fork until
 *       the subscriber has N messages; the publisher's CPU is the child's rusage (wait4).
 *       Prints `KEY=VALUE` lines.
 *
 * Both publishers are measured the same way: a child process, wall time from fork to the last
 * message at the subscriber, CPU from wait4(). Benchmark code, not part of libslsim.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* wait4() */
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <ti/drivers/net/wifi/simplelink.h>
#include <slsim/emu.h>

#include "mqtt/mqtt.h"
#include "mqtt/mqtt_transport_sl.h"

/* 56 bytes, the same for every message of every publisher. */
static const char PAYLOAD[] = "{\"dev\":\"slsim-bench-0001\",\"seq\":0,\"temp\":21.5,\"rh\":40.0}";
#define PAYLOAD_LEN (sizeof(PAYLOAD) - 1u)
_Static_assert(sizeof(PAYLOAD) - 1u == 56u, "payload must be 56 bytes");

#define CONNECT_WAIT_MS 10000u
#define RUN_WAIT_MS     300000u /* one measurement at most 5 minutes */

static uint64_t now_ns(void)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static const char *opt(int argc, char **argv, const char *name, const char *dflt)
{
    for (int i = 0; i + 1 < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], name) == 0) {
            return argv[i + 1];
        }
    }
    return dflt;
}

static int parse_ul(const char *text, unsigned long lo, unsigned long hi, unsigned long *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long v = text != NULL ? strtoul(text, &end, 10) : 0;
    if (text == NULL || end == text || *end != '\0' || errno != 0 || v < lo || v > hi) {
        return -1;
    }
    *out = v;
    return 0;
}

/* One device (from its configuration file) selected for this thread and started. */
static struct slsim_device *device_up(const char *json)
{
    struct slsim_device *dev = NULL;
    if (slsim_emu_device_open(json, &dev) != 0) {
        (void)fprintf(stderr, "bench_mqtt: %s: %s\n", json, slsim_emu_last_error());
        return NULL;
    }
    slsim_emu_use(dev);
    if (sl_Start(NULL, NULL, NULL) < 0) {
        (void)fprintf(stderr, "bench_mqtt: sl_Start: %s\n", slsim_emu_last_error());
        slsim_emu_device_close(dev);
        return NULL;
    }
    return dev;
}

static void device_down(struct slsim_device *dev)
{
    if (dev != NULL) {
        (void)sl_Stop(0);
        slsim_emu_device_close(dev);
        slsim_emu_use(NULL);
    }
}

/* A client with its transport: mutual TLS to localhost:port with the device's credentials. */
struct cli {
    struct slsim_mqtt_sl sl;
    struct slsim_mqtt_config cfg;
    struct slsim_mqtt_client *c;
    unsigned long received;
    unsigned long dups;
    unsigned long bad;
    unsigned long pubacks;
    bool subacked;
    uint8_t qos;
    const char *topic;
    uint64_t t_last_ns;
    unsigned long want;
};

static void cli_config(struct cli *k, uint16_t port, const char *id)
{
    struct slsim_mqtt_sl_params p = { .host = "localhost",
                                      .port = port,
                                      .secure = true,
                                      .ca_file = "/cert/ca.der",
                                      .cert_file = "/cert/client.der",
                                      .key_file = "/cert/client-key.der",
                                      .domain_name = "localhost",
                                      .disable_cert_store = true };
    slsim_mqtt_sl_init(&k->sl, &p);
    slsim_mqtt_config_defaults(&k->cfg);
    slsim_mqtt_sl_bind(&k->sl, &k->cfg.transport);
    k->cfg.connect.client_id = id;
    k->cfg.connect.clean_session = true;
    k->cfg.connect.keep_alive_s = 60;
    k->cfg.auto_reconnect = false;
    /* sl_Recv takes at most 16000 bytes; keep the receive buffer below that. */
    k->cfg.max_packet_len = 8192;
    k->cfg.cb.user = k;
}

static int cli_connect(struct cli *k)
{
    if (slsim_mqtt_client_new(&k->cfg, &k->c) != SLSIM_MQTT_OK) {
        (void)fprintf(stderr, "bench_mqtt: client_new failed\n");
        return -1;
    }
    if (slsim_mqtt_connect(k->c) != SLSIM_MQTT_OK) {
        char why[200];
        (void)fprintf(stderr, "bench_mqtt: connect: %s\n",
                      slsim_mqtt_client_describe(k->c, why, sizeof(why)));
        return -1;
    }
    return 0;
}

/* ---- pub ---------------------------------------------------------------------------------- */

static void on_puback(void *user, uint16_t id)
{
    (void)id;
    ((struct cli *)user)->pubacks++;
}

/* All N in one batch: publishes collect in the client's output buffer and leave one TLS
 * record per ~16 KB, or when process() runs (window full: wait for PUBACKs). */
static int publish_all(struct cli *k, uint8_t qos, unsigned long count)
{
    uint64_t deadline = now_ns() + (uint64_t)RUN_WAIT_MS * 1000000u;
    (void)slsim_mqtt_batch_begin(k->c);
    for (unsigned long i = 0; i < count;) {
        enum slsim_mqtt_status st =
            slsim_mqtt_publish(k->c, k->topic, PAYLOAD, PAYLOAD_LEN, qos, false, NULL);
        if (st == SLSIM_MQTT_OK) {
            i++;
            continue;
        }
        if (st != SLSIM_MQTT_QUEUE_FULL || now_ns() > deadline) {
            char why[200];
            (void)fprintf(stderr, "bench_mqtt: publish %lu: %s\n", i,
                          slsim_mqtt_client_describe(k->c, why, sizeof(why)));
            return -1;
        }
        st = slsim_mqtt_process(k->c, 1); /* the window is full: wait for a PUBACK */
        if (st != SLSIM_MQTT_OK) {
            return -1;
        }
    }
    if (slsim_mqtt_batch_end(k->c) != SLSIM_MQTT_OK) {
        return -1;
    }
    while (slsim_mqtt_client_queued(k->c) > 0 && now_ns() < deadline) {
        if (slsim_mqtt_process(k->c, 5) != SLSIM_MQTT_OK) {
            return -1;
        }
    }
    return slsim_mqtt_client_queued(k->c) == 0 ? 0 : -1;
}

static int cmd_pub(int argc, char **argv)
{
    unsigned long port = 0;
    unsigned long qos = 0;
    unsigned long count = 0;
    unsigned long inflight = 0;
    const char *topic = opt(argc, argv, "--topic", NULL);
    if (argc < 4 || parse_ul(argv[3], 1, 65535, &port) != 0 ||
        parse_ul(opt(argc, argv, "--qos", NULL), 0, 1, &qos) != 0 ||
        parse_ul(opt(argc, argv, "--count", NULL), 1, 100000000, &count) != 0 ||
        parse_ul(opt(argc, argv, "--inflight", "20"), 1, SLSIM_MQTT_AWS_MAX_INFLIGHT, &inflight) !=
            0 ||
        topic == NULL) {
        (void)fprintf(stderr, "bench_mqtt pub: bad arguments\n");
        return 2;
    }
    struct slsim_device *dev = device_up(argv[2]);
    if (dev == NULL) {
        return 1;
    }
    struct cli k;
    memset(&k, 0, sizeof(k));
    cli_config(&k, (uint16_t)port, "slsim-bench-pub");
    k.topic = topic;
    k.cfg.inflight_max = (uint16_t)inflight;
    k.cfg.queue_max_msgs = (uint16_t)(inflight * 2u > 64u ? inflight * 2u : 64u);
    k.cfg.cb.on_puback = on_puback;
    uint64_t t0 = now_ns();
    int rc = cli_connect(&k);
    uint64_t t1 = now_ns();
    if (rc == 0) {
        rc = publish_all(&k, (uint8_t)qos, count);
    }
    uint64_t t2 = now_ns();
    if (k.c != NULL) {
        (void)slsim_mqtt_disconnect(k.c);
        slsim_mqtt_client_free(k.c);
    }
    device_down(dev);
    printf("pub.connect_s=%.6f\npub.publish_s=%.6f\npub.pubacks=%lu\npub.ok=%d\n",
           (double)(t1 - t0) / 1e9, (double)(t2 - t1) / 1e9, k.pubacks, rc == 0);
    return rc == 0 ? 0 : 1;
}

/* ---- run: subscriber + measurement ---------------------------------------------------------- */

static void on_message(void *user, const struct slsim_mqtt_message *m)
{
    struct cli *k = user;
    size_t tl = strlen(k->topic);
    if (m->topic_len != tl || memcmp(m->topic, k->topic, tl) != 0 || m->qos != k->qos ||
        m->payload_len != PAYLOAD_LEN || memcmp(m->payload, PAYLOAD, PAYLOAD_LEN) != 0) {
        k->bad++;
        return;
    }
    k->dups += m->dup ? 1u : 0u;
    if (++k->received == k->want) {
        k->t_last_ns = now_ns();
    }
}

static void on_suback(void *user, uint16_t id, const uint8_t *codes, size_t n)
{
    (void)id;
    struct cli *k = user;
    k->subacked = n == 1 && codes[0] == k->qos;
}

static pid_t spawn(char **cmd, const char *stdin_file)
{
    pid_t pid = fork();
    if (pid == 0) {
        (void)prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (stdin_file != NULL) {
            int fd = open(stdin_file, O_RDONLY);
            if (fd < 0 || dup2(fd, 0) < 0) {
                _exit(127);
            }
        }
        execvp(cmd[0], cmd);
        _exit(127);
    }
    return pid;
}

/* Reaps @p pid (SIGKILL after @p ms); its rusage in *ru. The exit status, or -1. */
static int reap(pid_t pid, unsigned ms, struct rusage *ru)
{
    uint64_t deadline = now_ns() + (uint64_t)ms * 1000000u;
    int status = 0;
    for (;;) {
        pid_t r = wait4(pid, &status, WNOHANG, ru);
        if (r == pid) {
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        if (r < 0 && errno != EINTR) {
            return -1;
        }
        if (now_ns() > deadline) {
            (void)kill(pid, SIGKILL);
            (void)wait4(pid, &status, 0, ru);
            return -1;
        }
        struct timespec ts = { 0, 2000000L };
        (void)nanosleep(&ts, NULL);
    }
}

static int subscribe_wait(struct cli *k)
{
    struct slsim_mqtt_subscription s = { k->topic, k->qos };
    if (slsim_mqtt_subscribe(k->c, &s, 1, NULL) != SLSIM_MQTT_OK) {
        return -1;
    }
    for (int i = 0; i < 500 && !k->subacked; i++) {
        if (slsim_mqtt_process(k->c, 10) != SLSIM_MQTT_OK) {
            return -1;
        }
    }
    return k->subacked ? 0 : -1;
}

static int cmd_run(int argc, char **argv)
{
    unsigned long port = 0;
    unsigned long qos = 0;
    unsigned long count = 0;
    const char *topic = opt(argc, argv, "--topic", NULL);
    const char *in = opt(argc, argv, "--stdin", NULL);
    int dd = 4;
    while (dd < argc && strcmp(argv[dd], "--") != 0) {
        dd++;
    }
    if (argc < 4 || parse_ul(argv[3], 1, 65535, &port) != 0 ||
        parse_ul(opt(argc, argv, "--qos", NULL), 0, 1, &qos) != 0 ||
        parse_ul(opt(argc, argv, "--count", NULL), 1, 100000000, &count) != 0 || topic == NULL ||
        dd + 1 >= argc) {
        (void)fprintf(stderr, "bench_mqtt run: bad arguments\n");
        return 2;
    }
    struct slsim_device *dev = device_up(argv[2]);
    if (dev == NULL) {
        return 1;
    }
    struct cli k;
    memset(&k, 0, sizeof(k));
    cli_config(&k, (uint16_t)port, "slsim-bench-sub");
    k.topic = topic;
    k.qos = (uint8_t)qos;
    k.want = count;
    k.cfg.cb.on_message = on_message;
    k.cfg.cb.on_suback = on_suback;
    int rc = cli_connect(&k) == 0 && subscribe_wait(&k) == 0 ? 0 : 1;
    if (rc != 0) {
        (void)fprintf(stderr, "bench_mqtt run: the subscriber could not subscribe\n");
    }
    struct rusage ru;
    memset(&ru, 0, sizeof(ru));
    int child = -1;
    uint64_t t0 = now_ns();
    if (rc == 0) {
        pid_t pid = spawn(&argv[dd + 1], in);
        uint64_t deadline = t0 + (uint64_t)RUN_WAIT_MS * 1000000u;
        while (pid > 0 && k.received < count && now_ns() < deadline) {
            if (slsim_mqtt_process(k.c, 5) != SLSIM_MQTT_OK) {
                break;
            }
        }
        /* A little longer: duplicates or extra messages would show here. */
        (void)slsim_mqtt_process(k.c, 100);
        child = pid > 0 ? reap(pid, 30000, &ru) : -1;
    }
    double wall = k.received >= count ? (double)(k.t_last_ns - t0) / 1e9 : 0.0;
    double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
                 (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    printf("count=%lu\nreceived=%lu\ndup_flag=%lu\nbad=%lu\nchild_rc=%d\n", count, k.received,
           k.dups, k.bad, child);
    printf("wall_s=%.6f\nrate=%.1f\n", wall, wall > 0 ? (double)count / wall : 0.0);
    printf("cpu_user_s=%.6f\ncpu_sys_s=%.6f\ncpu_us_per_msg=%.3f\n",
           (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6,
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6,
           cpu * 1e6 / (double)count);
    printf("complete=%d\n", rc == 0 && child == 0 && k.received >= count && k.bad == 0);
    if (k.c != NULL) {
        (void)slsim_mqtt_disconnect(k.c);
        slsim_mqtt_client_free(k.c);
    }
    device_down(dev);
    return rc == 0 && child == 0 && k.received >= count ? 0 : 1;
}

/* ---- small commands ------------------------------------------------------------------------ */

static int cmd_free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(a);
    int rc = fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
                     getsockname(fd, (struct sockaddr *)&a, &len) == 0
                 ? 0
                 : 1;
    if (rc == 0) {
        printf("%u\n", (unsigned)ntohs(a.sin_port));
    }
    if (fd >= 0) {
        (void)close(fd);
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "payload") == 0) {
        printf("%s\n", PAYLOAD);
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "free-port") == 0) {
        return cmd_free_port();
    }
    if (argc >= 2 && strcmp(argv[1], "pub") == 0) {
        return cmd_pub(argc, argv);
    }
    if (argc >= 2 && strcmp(argv[1], "run") == 0) {
        return cmd_run(argc, argv);
    }
    (void)fprintf(stderr,
                  "usage: bench_mqtt payload | free-port\n"
                  "       bench_mqtt pub DEV.json PORT --qos Q --count N --topic T [--inflight W]\n"
                  "       bench_mqtt run DEV.json PORT --qos Q --count N --topic T [--stdin FILE]"
                  " -- CMD ARG...\n");
    return 2;
}
