/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file bench_handshake.c
 * @brief Benchmark of slsim's secure connect (DESIGN.md "Performance targets"): the client CPU
 *        and wall time of mutual-TLS 1.2 handshakes made through the TI API, against the
 *        mbedTLS primitive costs of the same handshake and a plain mbedTLS client, all measured
 *        in one process, interleaved. bench/handshake/run.sh drives it (broker, PKI, report).
 *
 *   bench_handshake run CONFIG PORT --pki DIR [--count N] [--ref-count N] [--warmup N]
 *                   [--rounds R] [--round-s S] [--suite rsa|ecdsa] [--ca DEVNAME]
 *                   [--cert DEVNAME] [--key DEVNAME] [--domain NAME|-] [--catalog]
 *                   [--only PRIM,...]
 *   bench_handshake free-port
 *   bench_handshake wait-port PORT MS
 *
 * `run` prints `key=value` lines: `probe.*` (what the handshake negotiated, from one plain
 * mbedTLS handshake with debug output), then R rounds of: N/R slsim connects, N/R plain mbedTLS
 * handshakes, one round of every primitive; then `slsim.*`, `ref.*` and `prim.*`. Interleaving
 * puts a burst of load on a shared host into every figure alike instead of into one of them.
 *
 * slsim connects: the device of CONFIG (a JSON device configuration whose image holds the CA,
 * client certificate and key) is started once; each connect is sl_Socket(SL_SEC_SOCKET), the
 * secure options, sl_Connect (which must return 0), sl_Close, timed with
 * CLOCK_PROCESS_CPUTIME_ID (client CPU: this process only; the broker is another process) and
 * CLOCK_MONOTONIC (wall). If one fails, slsim's figures stop there and the rest is still
 * measured (exit 1). Nothing here judges speed: that is the report's job.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ti/drivers/net/wifi/simplelink.h>
#include <slsim/emu.h>

#include "bench_io.h"
#include "bench_ref.h"
#include "bench_util.h"

#define MAX_COUNT 1000000ul
/* A delayed ACK on Linux holds a segment for at least 40 ms (TCP_DELACK_MIN); a handshake that
 * waited on one is that much slower than the median. 30 ms above the median flags it. */
#define STALL_MS 30.0
/* The shortest wait a delayed ACK causes: Linux TCP_DELACK_MIN, less a little slack. */
#define DELACK_MS 35.0

struct opts {
    const char *config;
    const char *pki;
    uint16_t port;
    unsigned long count;
    unsigned long ref_count; /**< plain mbedTLS handshakes (0: none, e.g. to profile slsim) */
    unsigned long warmup;
    unsigned long rounds;
    double round_s;
    bool ecdsa;
    uint32_t mask;
    const char *ca;
    const char *cert;
    const char *key;
    const char *domain; /**< NULL: no domain verification, no SNI */
    bool catalog;       /**< use the installed catalog instead of disabling the store */
    const char *only;   /**< primitives to measure (NULL: all) */
};

/* The slsim side: the device and one sample list per figure (milliseconds per connect). */
struct slsim_side {
    const struct opts *o;
    struct slsim_device *dev;
    bool up;                          /**< started, and no connect has failed */
    unsigned long done;               /**< connects made, warm-up included */
    struct bench_samples cpu_total;   /**< sl_Socket .. sl_Close returned */
    struct bench_samples cpu_connect; /**< sl_Connect alone */
    struct bench_samples wall_total;
    struct bench_samples wall_connect;
    struct bench_samples sends;    /**< send() calls per connect (bench_io.h) */
    struct bench_samples max_wait; /**< the longest single poll() of each connect, ms */
    struct bench_samples wait;     /**< all poll() time of each connect, ms */
    double user_s;                 /**< getrusage over the timed connects */
    double sys_s;
};

static void usage(void)
{
    (void)fprintf(
        stderr,
        "usage: bench_handshake run CONFIG PORT --pki DIR [--count N] [--ref-count N]\n"
        "                       [--warmup N] [--rounds R] [--round-s S] [--suite rsa|ecdsa]\n"
        "                       [--ca DEVNAME] [--cert DEVNAME] [--key DEVNAME]\n"
        "                       [--domain NAME|-] [--catalog] [--only PRIM,...]\n"
        "       bench_handshake free-port\n"
        "       bench_handshake wait-port PORT MS\n");
}

/* ---- slsim ---------------------------------------------------------------------------------- */

static int32_t set_text(_i16 sd, _i16 opt, const char *text)
{
    return sl_SetSockOpt(sd, SL_SOL_SOCKET, opt, text, (SlSocklen_t)strlen(text));
}

/* The secure options of one socket, as device code sets them (SWRU455 §6.5). */
static int32_t set_options(const struct opts *o, _i16 sd)
{
    SlSockSecureMethod_t method = { SL_SO_SEC_METHOD_TLSV1_2 };
    SlSockSecureMask_t mask = { o->mask };
    _u32 store_off = o->catalog ? 0u : 1u;
    int32_t ret = sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECMETHOD, &method, sizeof(method));
    if (ret == 0) {
        ret = sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECURE_MASK, &mask, sizeof(mask));
    }
    if (ret == 0) {
        ret = set_text(sd, SL_SO_SECURE_FILES_CA_FILE_NAME, o->ca);
    }
    if (ret == 0) {
        ret = set_text(sd, SL_SO_SECURE_FILES_CERTIFICATE_FILE_NAME, o->cert);
    }
    if (ret == 0) {
        ret = set_text(sd, SL_SO_SECURE_FILES_PRIVATE_KEY_FILE_NAME, o->key);
    }
    if (ret == 0 && o->domain != NULL) {
        ret = set_text(sd, SL_SO_SECURE_DOMAIN_NAME_VERIFICATION, o->domain);
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

/* One secure connect and close; @p timed adds its figures. 0, or the failing SL code. */
static int32_t one_connect(struct slsim_side *s, bool timed)
{
    SlSockAddrIn_t addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = SL_AF_INET;
    addr.sin_port = sl_Htons(s->o->port);
    addr.sin_addr.s_addr = sl_Htonl(SL_IPV4_VAL(127, 0, 0, 1));

    bench_io_reset();
    int64_t c0 = bench_cpu_ns();
    int64_t w0 = bench_wall_ns();
    _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_SEC_SOCKET);
    if (sd < 0) {
        return sd;
    }
    int32_t ret = set_options(s->o, sd);
    int64_t c1 = bench_cpu_ns();
    int64_t w1 = bench_wall_ns();
    if (ret == 0) {
        ret = sl_Connect(sd, (const SlSockAddr_t *)&addr, sizeof(addr));
    }
    int64_t c2 = bench_cpu_ns();
    int64_t w2 = bench_wall_ns();
    int64_t shown_cpu = 0; /* printing the parameters is not part of the connect */
    int64_t shown_wall = 0;
    if (ret == 0 && s->done == 0) {
        print_params(sd);
        shown_cpu = bench_cpu_ns() - c2;
        shown_wall = bench_wall_ns() - w2;
    }
    int32_t closed = sl_Close(sd);
    int64_t c3 = bench_cpu_ns() - shown_cpu;
    int64_t w3 = bench_wall_ns() - shown_wall;
    s->done++;
    if (ret == 0 && closed == 0 && timed) {
        int bad = bench_samples_add(&s->cpu_total, ms_between(c0, c3));
        bad |= bench_samples_add(&s->cpu_connect, ms_between(c1, c2));
        bad |= bench_samples_add(&s->wall_total, ms_between(w0, w3));
        bad |= bench_samples_add(&s->wall_connect, ms_between(w1, w2));
        bad |= bench_samples_add(&s->sends, (double)bench_io.sends);
        bad |= bench_samples_add(&s->max_wait, (double)bench_io.max_poll_ns / 1e6);
        bad |= bench_samples_add(&s->wait, (double)bench_io.poll_ns / 1e6);
        if (bad != 0) {
            return SL_ERROR_BSD_ENOMEM;
        }
    }
    return ret != 0 ? ret : closed;
}

static void slsim_batch(struct slsim_side *s, unsigned long n, bool timed)
{
    double u0 = 0;
    double y0 = 0;
    bench_rusage(&u0, &y0);
    for (unsigned long i = 0; i < n && s->up; i++) {
        int32_t ret = one_connect(s, timed);
        if (ret != 0) {
            (void)fprintf(stderr, "bench_handshake: slsim connect %lu: %ld (%s)\n", s->done,
                          (long)ret, slsim_emu_last_error());
            bench_kv_u("slsim.failed_at", s->done);
            bench_kv_f("slsim.failed_code", (double)ret);
            s->up = false;
        }
    }
    double u1 = 0;
    double y1 = 0;
    bench_rusage(&u1, &y1);
    if (timed) {
        s->user_s += u1 - u0;
        s->sys_s += y1 - y0;
    }
}

static bool slsim_start(struct slsim_side *s, const struct opts *o)
{
    memset(s, 0, sizeof(*s));
    s->o = o;
    int32_t ret = slsim_emu_device_open(o->config, &s->dev);
    if (ret != 0) {
        (void)fprintf(stderr, "bench_handshake: cannot open device '%s': %ld (%s)\n", o->config,
                      (long)ret, slsim_emu_last_error());
        return false;
    }
    slsim_emu_use(s->dev);
    _i16 role = sl_Start(NULL, NULL, NULL);
    if (role < 0) {
        (void)fprintf(stderr, "bench_handshake: sl_Start: %d (%s)\n", (int)role,
                      slsim_emu_last_error());
        return false;
    }
    s->up = true;
    return true;
}

static void slsim_stop(struct slsim_side *s)
{
    if (s->dev != NULL) {
        (void)sl_Stop(0);
        slsim_emu_device_close(s->dev);
        slsim_emu_use(NULL);
    }
    bench_samples_free(&s->cpu_total);
    bench_samples_free(&s->cpu_connect);
    bench_samples_free(&s->wall_total);
    bench_samples_free(&s->wall_connect);
    bench_samples_free(&s->sends);
    bench_samples_free(&s->max_wait);
    bench_samples_free(&s->wait);
}

static void slsim_report(const struct slsim_side *s)
{
    struct bench_stats cpu;
    struct bench_stats cpu_c;
    struct bench_stats wall;
    struct bench_stats wall_c;
    if (bench_stats_of(&s->cpu_total, &cpu) != 0 || bench_stats_of(&s->cpu_connect, &cpu_c) != 0 ||
        bench_stats_of(&s->wall_total, &wall) != 0 ||
        bench_stats_of(&s->wall_connect, &wall_c) != 0 || cpu.n == 0) {
        return;
    }
    bench_kv_stats("slsim.cpu_ms", &cpu);
    bench_kv_stats("slsim.cpu_connect_ms", &cpu_c);
    bench_kv_stats("slsim.wall_ms", &wall);
    bench_kv_stats("slsim.wall_connect_ms", &wall_c);
    bench_kv_f("slsim.user_s", s->user_s);
    bench_kv_f("slsim.sys_s", s->sys_s);
    bench_kv_f("slsim.stall_threshold_ms", wall.median + STALL_MS);
    bench_kv_u("slsim.stalls",
               (unsigned long)bench_count_above(&s->wall_total, wall.median + STALL_MS));
    bench_kv_u("slsim.over_20ms", (unsigned long)bench_count_above(&s->wall_total, 20.0));
    struct bench_stats sends;
    struct bench_stats max_wait;
    struct bench_stats wait;
    if (bench_stats_of(&s->sends, &sends) == 0 && bench_stats_of(&s->max_wait, &max_wait) == 0 &&
        bench_stats_of(&s->wait, &wait) == 0) {
        bench_kv_stats("slsim.sends", &sends);
        bench_kv_stats("slsim.max_wait_ms", &max_wait);
        bench_kv_stats("slsim.wait_ms", &wait);
        bench_kv_u("slsim.delack_waits", (unsigned long)bench_count_above(&s->max_wait, DELACK_MS));
    }
}

/* ---- the interleaved run -------------------------------------------------------------------- */

static int parse_run(int argc, char **argv, struct opts *o)
{
    unsigned long port = 0;
    if (argc < 4 || bench_parse_ulong(argv[3], 1, 65535, &port) != 0) {
        return -1;
    }
    o->config = argv[2];
    o->port = (uint16_t)port;
    o->pki = bench_opt(argc, argv, 4, "--pki", NULL);
    const char *suite = bench_opt(argc, argv, 4, "--suite", "rsa");
    o->ecdsa = strcmp(suite, "ecdsa") == 0;
    o->mask = o->ecdsa ? SL_SEC_MASK_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
                       : SL_SEC_MASK_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    if (o->pki == NULL || (!o->ecdsa && strcmp(suite, "rsa") != 0) ||
        bench_parse_ulong(bench_opt(argc, argv, 4, "--count", "200"), 1, MAX_COUNT, &o->count) ||
        bench_parse_ulong(bench_opt(argc, argv, 4, "--warmup", "5"), 0, MAX_COUNT, &o->warmup) ||

        bench_parse_ulong(bench_opt(argc, argv, 4, "--rounds", "7"), 1, 1000, &o->rounds) ||
        bench_parse_seconds(bench_opt(argc, argv, 4, "--round-s", "0.2"), &o->round_s) != 0) {
        return -1;
    }
    const char *ref_count = bench_opt(argc, argv, 4, "--ref-count", NULL);
    o->ref_count = o->count;
    if (ref_count != NULL && bench_parse_ulong(ref_count, 0, MAX_COUNT, &o->ref_count) != 0) {
        return -1;
    }
    o->ca = bench_opt(argc, argv, 4, "--ca", "/cert/ca.der");
    o->cert = bench_opt(argc, argv, 4, "--cert", "/cert/client.der");
    o->key = bench_opt(argc, argv, 4, "--key", "/cert/client-key.der");
    o->domain = bench_opt(argc, argv, 4, "--domain", "localhost");
    o->domain = strcmp(o->domain, "-") == 0 ? NULL : o->domain;
    o->catalog = bench_flag(argc, argv, 4, "--catalog");
    o->only = bench_opt(argc, argv, 4, "--only", NULL);
    return 0;
}

/* Connects of round @p r of @p rounds: the count spread evenly, the remainder first. */
static unsigned long share(unsigned long count, unsigned long rounds, unsigned long r)
{
    return count / rounds + (r < count % rounds ? 1u : 0u);
}

static int run_rounds(const struct opts *o,
                      struct slsim_side *s,
                      struct bench_ref *ref,
                      struct bench_prims *prims)
{
    int status = 0;
    for (unsigned long r = 0; r < o->rounds; r++) {
        slsim_batch(s, share(o->count, o->rounds, r), true);
        if (ref != NULL && bench_ref_batch(ref, share(o->ref_count, o->rounds, r), true) != 0) {
            status = 1;
        }
        if (prims != NULL && bench_prims_round(prims) != 0) {
            status = 1;
        }
    }
    return status;
}

static int run_main(int argc, char **argv)
{
    struct opts o;
    memset(&o, 0, sizeof(o));
    if (parse_run(argc, argv, &o) != 0) {
        usage();
        return 2;
    }
    bench_kv_u("run.count", o.count);
    bench_kv_u("run.warmup", o.warmup);
    bench_kv_u("run.rounds", o.rounds);
    bench_kv_f("run.round_s", o.round_s);

    /* The probe first: it says what the primitives are. */
    struct bench_ref *ref = NULL;
    struct bench_prims *prims = NULL;
    struct bench_prim_input in;
    int status = 0;
    if (bench_ref_new(o.pki, o.port, o.ecdsa, &ref) != 0 || bench_ref_probe(ref) != 0 ||
        bench_ref_batch(ref, o.ref_count > 0 ? o.warmup : 0, false) != 0) {
        bench_ref_free(ref);
        ref = NULL;
        status = 1;
    }
    if (ref != NULL) {
        in = (struct bench_prim_input){ 0 };
        if (bench_ref_prim_input(ref, &in) != 0) {
            status = 1;
        } else {
            in.round_s = o.round_s;
            in.only = o.only;
            status |= bench_prims_new(&in, &prims) != 0 ? 1 : 0;
        }
    }
    struct slsim_side s;
    if (slsim_start(&s, &o)) {
        slsim_batch(&s, o.warmup, false);
    }
    status |= run_rounds(&o, &s, ref, prims);
    status |= s.up ? 0 : 1;
    slsim_report(&s);
    if (ref != NULL) {
        bench_ref_report(ref);
    }
    if (prims != NULL && bench_prims_report(prims) != 0) {
        status = 1;
    }
    slsim_stop(&s);
    bench_prims_free(prims);
    bench_ref_free(ref);
    return status;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "run") == 0) {
        return run_main(argc, argv);
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
