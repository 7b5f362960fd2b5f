/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file bench_handshake.c
 * @brief Benchmark of slsim's secure connect (DESIGN.md "Performance targets"): the client CPU
 *        and wall time of mutual-TLS 1.2 handshakes made through the TI API, to be compared by
 *        bench/handshake/run.sh with the mbedTLS primitive costs of the same handshake
 *        (`mbedtls` mode, bench_mbedtls.c) and with `openssl s_time`.
 *
 * Modes (each prints `key=value` lines on stdout; run.sh turns them into the report):
 *
 *   bench_handshake slsim CONFIG PORT [--count N] [--warmup N] [--suite rsa|ecdsa]
 *                   [--ca DEVNAME] [--cert DEVNAME] [--key DEVNAME] [--domain NAME|-] [--catalog]
 *   bench_handshake mbedtls PORT --pki DIR [--count N] [--suite rsa|ecdsa] [--round-s S]
 *   bench_handshake free-port
 *   bench_handshake wait-port PORT MS
 *
 * `slsim` opens the device of CONFIG (a JSON device configuration whose image already holds
 * the CA, client certificate and key), starts it, and runs N connects to 127.0.0.1:PORT:
 * sl_Socket(SL_SEC_SOCKET), the secure options, sl_Connect (which must return 0), sl_Close.
 * Each one is timed with CLOCK_PROCESS_CPUTIME_ID (client CPU: this process only; the broker is
 * another process) and CLOCK_MONOTONIC (wall). This is not a test: it asserts nothing about
 * speed; exit 1 only when a connect fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ti/drivers/net/wifi/simplelink.h>
#include <slsim/emu.h>

#include "bench_modes.h"
#include "bench_util.h"

#define DEFAULT_COUNT  "200"
#define DEFAULT_WARMUP "5"
#define MAX_COUNT      1000000ul
/* A delayed ACK on Linux holds a segment for at least 40 ms (TCP_DELACK_MIN); a handshake that
 * waited on one is that much slower than the median. 30 ms above the median flags it. */
#define STALL_MS 30.0

struct slsim_run {
    const char *config;
    uint16_t port;
    unsigned long count;
    unsigned long warmup;
    uint32_t mask;
    const char *ca;
    const char *cert;
    const char *key;
    const char *domain; /**< NULL: no domain verification, no SNI */
    bool catalog;       /**< use the installed catalog instead of disabling the store */
};

/* Per-phase times of one connect, in milliseconds. */
struct one_times {
    double cpu_total;   /**< sl_Socket .. sl_Close returned */
    double cpu_connect; /**< sl_Connect only */
    double wall_total;
    double wall_connect;
};

struct slsim_samples {
    struct bench_samples cpu_total;
    struct bench_samples cpu_connect;
    struct bench_samples wall_total;
    struct bench_samples wall_connect;
};

static void usage(void)
{
    (void)fprintf(
        stderr,
        "usage: bench_handshake slsim CONFIG PORT [--count N] [--warmup N] [--suite rsa|ecdsa]\n"
        "                       [--ca DEVNAME] [--cert DEVNAME] [--key DEVNAME] [--domain NAME|-]\n"
        "                       [--catalog]\n"
        "       bench_handshake mbedtls PORT --pki DIR [--count N] [--suite rsa|ecdsa] "
        "[--round-s S]\n"
        "       bench_handshake free-port\n"
        "       bench_handshake wait-port PORT MS\n");
}

static int32_t set_text(_i16 sd, _i16 opt, const char *text)
{
    return sl_SetSockOpt(sd, SL_SOL_SOCKET, opt, text, (SlSocklen_t)strlen(text));
}

/* The secure options of one socket, as device code sets them (SWRU455 §6.5). */
static int32_t set_options(const struct slsim_run *r, _i16 sd)
{
    SlSockSecureMethod_t method = { SL_SO_SEC_METHOD_TLSV1_2 };
    SlSockSecureMask_t mask = { r->mask };
    _u32 store_off = r->catalog ? 0u : 1u;
    int32_t ret = sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECMETHOD, &method, sizeof(method));
    if (ret == 0) {
        ret = sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECURE_MASK, &mask, sizeof(mask));
    }
    if (ret == 0) {
        ret = set_text(sd, SL_SO_SECURE_FILES_CA_FILE_NAME, r->ca);
    }
    if (ret == 0) {
        ret = set_text(sd, SL_SO_SECURE_FILES_CERTIFICATE_FILE_NAME, r->cert);
    }
    if (ret == 0) {
        ret = set_text(sd, SL_SO_SECURE_FILES_PRIVATE_KEY_FILE_NAME, r->key);
    }
    if (ret == 0 && r->domain != NULL) {
        ret = set_text(sd, SL_SO_SECURE_DOMAIN_NAME_VERIFICATION, r->domain);
    }
    if (ret == 0) {
        ret = sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECURE_DISABLE_CERTIFICATE_STORE, &store_off,
                            sizeof(store_off));
    }
    return ret;
}

static void print_params(_i16 sd)
{
    SlSockSSLConnectionParams_t p;
    SlSocklen_t len = sizeof(p);
    memset(&p, 0, sizeof(p));
    if (sl_GetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SSL_CONNECTION_PARAMS, &p, &len) != 0) {
        bench_kv_s("slsim.params", "unavailable");
        return;
    }
    bench_kv_u("slsim.secure_version", (unsigned long)p.SecureVersion);
    bench_kv_u("slsim.suite_bit", (unsigned long)p.SecureCipherSuit);
    bench_kv_u("slsim.peer_validated", (unsigned long)p.SecureIsPeerValidated);
}

static double ms_between(int64_t a, int64_t b)
{
    return (double)(b - a) / 1e6;
}

/* One secure connect and close. 0, or the failing SL code (the socket is closed). */
static int32_t one_connect(const struct slsim_run *r, bool show_params, struct one_times *t)
{
    SlSockAddrIn_t addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = SL_AF_INET;
    addr.sin_port = sl_Htons(r->port);
    addr.sin_addr.s_addr = sl_Htonl(SL_IPV4_VAL(127, 0, 0, 1));

    int64_t c0 = bench_cpu_ns();
    int64_t w0 = bench_wall_ns();
    _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_SEC_SOCKET);
    if (sd < 0) {
        return sd;
    }
    int32_t ret = set_options(r, sd);
    int64_t c1 = bench_cpu_ns();
    int64_t w1 = bench_wall_ns();
    if (ret == 0) {
        ret = sl_Connect(sd, (const SlSockAddr_t *)&addr, sizeof(addr));
    }
    int64_t c2 = bench_cpu_ns();
    int64_t w2 = bench_wall_ns();
    int64_t shown = 0; /* CPU spent printing the parameters, not part of the connect */
    if (ret == 0 && show_params) {
        print_params(sd);
        shown = bench_cpu_ns() - c2;
    }
    int32_t closed = sl_Close(sd);
    int64_t c3 = bench_cpu_ns() - shown;
    int64_t w3 = bench_wall_ns();
    t->cpu_total = ms_between(c0, c3);
    t->cpu_connect = ms_between(c1, c2);
    t->wall_total = ms_between(w0, w3);
    t->wall_connect = ms_between(w1, w2);
    return ret != 0 ? ret : closed;
}

static int add_times(struct slsim_samples *s, const struct one_times *t)
{
    int bad = bench_samples_add(&s->cpu_total, t->cpu_total);
    bad |= bench_samples_add(&s->cpu_connect, t->cpu_connect);
    bad |= bench_samples_add(&s->wall_total, t->wall_total);
    bad |= bench_samples_add(&s->wall_connect, t->wall_connect);
    return bad;
}

static void free_samples(struct slsim_samples *s)
{
    bench_samples_free(&s->cpu_total);
    bench_samples_free(&s->cpu_connect);
    bench_samples_free(&s->wall_total);
    bench_samples_free(&s->wall_connect);
}

static int report(const struct slsim_samples *s, double cpu_s, double wall_s, double u, double y)
{
    struct bench_stats cpu;
    struct bench_stats cpu_c;
    struct bench_stats wall;
    struct bench_stats wall_c;
    if (bench_stats_of(&s->cpu_total, &cpu) != 0 ||
        bench_stats_of(&s->cpu_connect, &cpu_c) != 0 ||
        bench_stats_of(&s->wall_total, &wall) != 0 ||
        bench_stats_of(&s->wall_connect, &wall_c) != 0) {
        (void)fprintf(stderr, "bench_handshake: out of memory\n");
        return 1;
    }
    bench_kv_stats("slsim.cpu_ms", &cpu);
    bench_kv_stats("slsim.cpu_connect_ms", &cpu_c);
    bench_kv_stats("slsim.wall_ms", &wall);
    bench_kv_stats("slsim.wall_connect_ms", &wall_c);
    bench_kv_f("slsim.loop_cpu_s", cpu_s);
    bench_kv_f("slsim.loop_wall_s", wall_s);
    bench_kv_f("slsim.loop_user_s", u);
    bench_kv_f("slsim.loop_sys_s", y);
    bench_kv_f("slsim.stall_threshold_ms", wall.median + STALL_MS);
    bench_kv_u("slsim.stalls", (unsigned long)bench_count_above(&s->wall_total,
                                                                 wall.median + STALL_MS));
    bench_kv_u("slsim.over_20ms", (unsigned long)bench_count_above(&s->wall_total, 20.0));
    return 0;
}

static int run_loop(const struct slsim_run *r)
{
    struct one_times t;
    for (unsigned long i = 0; i < r->warmup; i++) {
        int32_t ret = one_connect(r, i == 0, &t);
        if (ret != 0) {
            (void)fprintf(stderr, "bench_handshake: warm-up connect %lu: %ld (%s)\n", i + 1,
                          (long)ret, slsim_emu_last_error());
            bench_kv_u("slsim.failed_at", i + 1);
            bench_kv_f("slsim.failed_code", (double)ret);
            return 1;
        }
    }
    struct slsim_samples s;
    memset(&s, 0, sizeof(s));
    double u0 = 0;
    double y0 = 0;
    bench_rusage(&u0, &y0);
    int64_t c0 = bench_cpu_ns();
    int64_t w0 = bench_wall_ns();
    int status = 0;
    for (unsigned long i = 0; i < r->count && status == 0; i++) {
        int32_t ret = one_connect(r, r->warmup == 0 && i == 0, &t);
        if (ret != 0) {
            (void)fprintf(stderr, "bench_handshake: connect %lu of %lu: %ld (%s)\n", i + 1,
                          r->count, (long)ret, slsim_emu_last_error());
            bench_kv_u("slsim.failed_at", r->warmup + i + 1);
            bench_kv_f("slsim.failed_code", (double)ret);
            status = 1;
        } else if (add_times(&s, &t) != 0) {
            (void)fprintf(stderr, "bench_handshake: out of memory\n");
            status = 1;
        }
    }
    double cpu_s = (double)(bench_cpu_ns() - c0) / 1e9;
    double wall_s = (double)(bench_wall_ns() - w0) / 1e9;
    double u1 = 0;
    double y1 = 0;
    bench_rusage(&u1, &y1);
    if (status == 0) {
        status = report(&s, cpu_s, wall_s, u1 - u0, y1 - y0);
    }
    free_samples(&s);
    return status;
}

static int parse_slsim(int argc, char **argv, struct slsim_run *r)
{
    unsigned long port = 0;
    if (argc < 4 || bench_parse_ulong(argv[3], 1, 65535, &port) != 0) {
        return -1;
    }
    r->config = argv[2];
    r->port = (uint16_t)port;
    if (bench_parse_ulong(bench_opt(argc, argv, 4, "--count", DEFAULT_COUNT), 1, MAX_COUNT,
                          &r->count) != 0 ||
        bench_parse_ulong(bench_opt(argc, argv, 4, "--warmup", DEFAULT_WARMUP), 0, MAX_COUNT,
                          &r->warmup) != 0) {
        return -1;
    }
    const char *suite = bench_opt(argc, argv, 4, "--suite", "rsa");
    if (strcmp(suite, "rsa") == 0) {
        r->mask = SL_SEC_MASK_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    } else if (strcmp(suite, "ecdsa") == 0) {
        r->mask = SL_SEC_MASK_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    } else {
        return -1;
    }
    r->ca = bench_opt(argc, argv, 4, "--ca", "/cert/ca.der");
    r->cert = bench_opt(argc, argv, 4, "--cert", "/cert/client.der");
    r->key = bench_opt(argc, argv, 4, "--key", "/cert/client-key.der");
    r->domain = bench_opt(argc, argv, 4, "--domain", "localhost");
    if (strcmp(r->domain, "-") == 0) {
        r->domain = NULL;
    }
    r->catalog = bench_flag(argc, argv, 4, "--catalog");
    return 0;
}

static int slsim_main(int argc, char **argv)
{
    struct slsim_run r;
    memset(&r, 0, sizeof(r));
    if (parse_slsim(argc, argv, &r) != 0) {
        usage();
        return 2;
    }
    struct slsim_device *dev = NULL;
    int32_t ret = slsim_emu_device_open(r.config, &dev);
    if (ret != 0) {
        (void)fprintf(stderr, "bench_handshake: cannot open device '%s': %ld (%s)\n", r.config,
                      (long)ret, slsim_emu_last_error());
        return 1;
    }
    slsim_emu_use(dev);
    int status = 1;
    _i16 role = sl_Start(NULL, NULL, NULL);
    if (role < 0) {
        (void)fprintf(stderr, "bench_handshake: sl_Start: %d (%s)\n", (int)role,
                      slsim_emu_last_error());
    } else {
        bench_kv_u("slsim.count", r.count);
        bench_kv_u("slsim.warmup", r.warmup);
        status = run_loop(&r);
        (void)sl_Stop(0);
    }
    slsim_emu_device_close(dev);
    slsim_emu_use(NULL);
    return status;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "slsim") == 0) {
        return slsim_main(argc, argv);
    }
    if (argc >= 2 && strcmp(argv[1], "mbedtls") == 0) {
        return bench_mbedtls_main(argc, argv);
    }
    if (argc == 2 && strcmp(argv[1], "free-port") == 0) {
        uint16_t port = bench_free_port();
        if (port == 0) {
            return 1;
        }
        (void)printf("%u\n", (unsigned)port);
        return 0;
    }
    unsigned long port = 0;
    unsigned long ms = 0;
    if (argc == 4 && strcmp(argv[1], "wait-port") == 0 &&
        bench_parse_ulong(argv[2], 1, 65535, &port) == 0 &&
        bench_parse_ulong(argv[3], 1, 600000, &ms) == 0) {
        return bench_wait_port((uint16_t)port, (unsigned)ms) ? 0 : 1;
    }
    usage();
    return 2;
}
