/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_doctor.c
 * @brief `slsim doctor`: connect as a device app would (the TI API in-process, the device's
 *        files, catalog, clock and DNS) and explain the result; or evaluate a saved chain
 *        offline with the same trust engine (--chain); or explain a code (--decode).
 *
 * The findings come from the engine that decides sl_Connect (src/trust, read through the
 * device's socket table), so the doctor cannot disagree with the device. Reports are printed
 * by cmd_doctor_report.c (text) and cmd_doctor_json.c (--json); docs/doctor.md.
 */
#include "cli.h"
#include "doctor.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <slsim/emu.h>
#include <ti/drivers/net/wifi/simplelink.h>

#include "catalog/catalog_store.h"
#include "core/errtab.h"
#include "device/device.h"
#include "sock/sock.h"

#include "core/banned.h"

static const struct cli_opt doctor_opts[] = {
    { "alpn", "LIST", "ALPN: h1,h2,h2c,h2-14,h2-16, or one other protocol name" },
    { "ca", "DEVFILE", "CA file on the device (SL_SO_SECURE_FILES_CA_FILE_NAME)" },
    { "catalogs", "FILE.lst", "another catalog to look the root up in (repeatable)" },
    { "cert", "DEVFILE", "own certificate file on the device (client authentication)" },
    { "chain", "FILE", "offline: evaluate a saved server chain (PEM or DER, leaf first)" },
    { "decode", "CODE", "explain an SL code or a packed programming code, then exit" },
    { "device", "DEV.json", "the device configuration (image, profile, clock)" },
    { "domain", "NAME", "SL_SO_SECURE_DOMAIN_NAME_VERIFICATION (also sends SNI)" },
    { "json", NULL, "machine-readable report (docs/doctor.schema.json)" },
    { "key", "DEVFILE", "own private key file on the device" },
    { "mask", "HEX", "SL_SO_SECURE_MASK cipher bitmap" },
    { "method", "METHOD", "tls1.2, tls1.1, tls1.0, sslv3, dtls1 or any (default)" },
    { "mqtt", "CLIENT_ID", "after the handshake, send an MQTT 3.1.1 CONNECT" },
    { "no-store", NULL, "set SL_SO_SECURE_DISABLE_CERTIFICATE_STORE" },
    { NULL, NULL, NULL },
};

#define DOCTOR_SYNOPSIS                                                          \
    "HOST[:PORT] --device DEV.json [options]\n"                                  \
    "       slsim doctor --chain SERVER_CHAIN.pem --device DEV.json [options]\n" \
    "       slsim doctor --decode CODE [--json]"

static int doctor_verb(const struct cli_call *call);

/* cli_parse() needs a verb; its usage errors never show, doctor_precheck() catches them. */
static const struct cli_verb doctor_verb_def = {
    "doctor", doctor_verb, 0,    1, "HOST[:PORT]", "diagnose a secure connection",
    NULL,     doctor_opts, NULL,
};
static const struct cli_noun doctor_noun = { "doctor", "", &doctor_verb_def, 1 };

static void doctor_help(FILE *out)
{
    (void)fprintf(out,
                  "usage: slsim doctor " DOCTOR_SYNOPSIS "\n\n"
                  "Connects to HOST (port 443 by default) exactly as a device application with\n"
                  "these socket options would (same engine, files, catalog, clock and DNS), then\n"
                  "reports the sl_Connect code and every check in pipeline order; each problem\n"
                  "with its SL code, mbedTLS flags, the closest OpenSSL verify error, the cause\n"
                  "and a fix with the command that applies it. --chain evaluates a saved chain\n"
                  "offline against the device's CA file, catalog and clock. --decode explains an\n"
                  "SL code or a packed programming code. Details: docs/doctor.md.\n\n"
                  "exit: 0 connected and verified, 5 connected with a warning (-453, -461, -467,\n"
                  "-468), 1 not connected (or MQTT refused), 2 usage, 3 environment\n\n");
    cli_print_opts(out, doctor_opts);
}

int doctor_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    (void)fflush(stdout);
    (void)fputs("slsim: ", stderr);
    (void)vfprintf(stderr, fmt, ap);
    va_end(ap);
    (void)fprintf(stderr, "\nusage: slsim doctor " DOCTOR_SYNOPSIS "\ntry 'slsim doctor --help'\n");
    return CLI_EXIT_USAGE;
}

static const struct cli_opt *find_opt(const char *name, size_t len)
{
    for (const struct cli_opt *o = doctor_opts; o->name != NULL; o++) {
        if (strlen(o->name) == len && strncmp(o->name, name, len) == 0) {
            return o;
        }
    }
    return NULL;
}

static int unknown_opt(const char *name, size_t len)
{
    char word[64];
    char near[160];
    (void)snprintf(word, sizeof(word), "%.*s", (int)len, name);
    size_t n = sizeof(doctor_opts) / sizeof(doctor_opts[0]) - 1;
    if (cli_suggest(word, doctor_opts, n, sizeof(doctor_opts[0]), "--", near, sizeof(near))) {
        cli_error("unknown option '--%s'", word);
        return doctor_usage("did you mean %s?", near);
    }
    return doctor_usage("unknown option '--%s'", word);
}

/* Checks the words cli_parse() would refuse, so its verb-style usage lines never print. */
static int doctor_precheck(int argc, char **argv)
{
    for (int i = 0; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *w = argv[i];
        if (w[0] != '-' || w[1] == '\0') {
            continue;
        }
        if (w[1] != '-') {
            return doctor_usage("unknown option '%s'", w);
        }
        const char *eq = strchr(w + 2, '=');
        size_t len = eq != NULL ? (size_t)(eq - w - 2) : strlen(w + 2);
        const struct cli_opt *o = find_opt(w + 2, len);
        if (o == NULL) {
            return unknown_opt(w + 2, len);
        }
        if (o->arg == NULL && eq != NULL) {
            return doctor_usage("option '--%s' takes no value", o->name);
        }
        if (o->arg != NULL && eq == NULL && (i + 1 >= argc || argv[i + 1][0] == '\0')) {
            return doctor_usage("option '--%s' needs a value (%s)", o->name, o->arg);
        }
        if (o->arg != NULL && eq != NULL && eq[1] == '\0') {
            return doctor_usage("option '--%s' needs a value (%s)", o->name, o->arg);
        }
        i += o->arg != NULL && eq == NULL ? 1 : 0;
    }
    return argc > CLI_MAX_OCCUR ? doctor_usage("too many arguments") : CLI_EXIT_OK;
}

int cmd_doctor(int argc, char **argv)
{
    if (cli_wants_help(argc - 1, argv + 1)) {
        doctor_help(stdout);
        return CLI_EXIT_OK;
    }
    int status = doctor_precheck(argc - 1, argv + 1);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    struct cli_call call;
    memset(&call, 0, sizeof(call));
    call.noun = &doctor_noun;
    call.verb = &doctor_verb_def;
    status = cli_parse(&call, argc - 1, argv + 1);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    if (call.args.npos > 1) {
        return doctor_usage("unexpected argument '%s'", call.args.pos[1]);
    }
    return doctor_verb(&call);
}

/* ---- options ----------------------------------------------------------------------------- */

static int parse_target(const char *arg, struct doctor *d)
{
    static char host[256];
    const char *colon = strrchr(arg, ':');
    size_t n = colon != NULL ? (size_t)(colon - arg) : strlen(arg);
    uint32_t port = 443;
    if (n == 0 || n >= sizeof(host) ||
        (colon != NULL && (cli_parse_u32(colon + 1, &port) != 0 || port == 0 || port > 65535))) {
        return doctor_usage("invalid target '%s' (expected HOST[:PORT])", arg);
    }
    (void)snprintf(host, sizeof(host), "%.*s", (int)n, arg);
    d->host = host;
    d->port = (uint16_t)port;
    return CLI_EXIT_OK;
}

static int parse_method(const char *s, uint8_t *out)
{
    static const char *const names[] = { "sslv3", "tls1.0", "tls1.1", "tls1.2", "any", "dtls1" };
    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = (uint8_t)i; /* the SL_SO_SEC_METHOD_* values, in this order */
            return CLI_EXIT_OK;
        }
    }
    return -1;
}

/* "h1,h2" -> bits; any other single word is the general ALPN name. */
static void parse_alpn(const char *s, uint32_t *bits, const char **general)
{
    static const char *const names[] = { "h1", "h2", "h2c", "h2-14", "h2-16" };
    char buf[256];
    (void)snprintf(buf, sizeof(buf), "%s", s);
    *bits = 0;
    *general = NULL;
    char *save = NULL;
    for (char *w = strtok_r(buf, ",", &save); w != NULL; w = strtok_r(NULL, ",", &save)) {
        bool known = false;
        for (unsigned i = 0; i < 5; i++) {
            if (strcmp(w, names[i]) == 0) {
                *bits |= 1u << i;
                known = true;
            }
        }
        if (!known) {
            *general = s; /* SL_SO_SECURE_ALPN_GENERAL takes one name */
        }
    }
}

/* ---- the device ---------------------------------------------------------------------------- */

static const char *catalog_kind(const struct slsim_catalog_store_info *info, int state)
{
    if (state == SLSIM_CATALOG_STATE_MISSING) {
        return "none";
    }
    if (strncmp(info->label, "TI playground", 13) == 0 ||
        (info->n_trusted == 1 && info->n_revoked == 1)) {
        return "playground";
    }
    if (strncmp(info->label, "TI production", 13) == 0) {
        return "TI production";
    }
    switch (info->signer) {
    case SLSIM_CATALOG_SIGNER_VENDOR:
        return "vendor";
    case SLSIM_CATALOG_SIGNER_TI:
        return "TI";
    default:
        return "slsim-built";
    }
}

/* Device facts; call with the device locked. */
static void read_facts(struct doctor *d, struct slsim_device *dev)
{
    const struct slsim_profile *p = slsim_device_profile(dev);
    (void)snprintf(d->image, sizeof(d->image), "%s", slsim_device_config(dev)->image);
    (void)snprintf(d->profile, sizeof(d->profile), "%s", p->name);
    d->pem_multi_root = p->pem_multi_root;
    d->sig_suffix = strstr(p->name, "3235") != NULL ? "3235" : "3220";
    int st = SLSIM_CATALOG_STATE_MISSING;
    const struct slsim_catalog_store_info *info = NULL;
    (void)slsim_device_catalog(dev, &st, &info);
    d->catalog_state = st;
    if (info != NULL) {
        d->catalog_signer = (int)info->signer;
        (void)snprintf(d->catalog_label, sizeof(d->catalog_label), "%s", info->label);
        d->catalog_trusted = info->n_trusted;
        d->catalog_revoked = info->n_revoked;
        d->catalog_kind = catalog_kind(info, st);
    } else {
        d->catalog_kind = "none";
    }
    d->device_time = slsim_device_time(dev);
    d->host_time = (int64_t)time(NULL);
}

/* Reads a device file as the NWP; call with the device locked. NULL if absent. */
uint8_t *doctor_read_dev_file(struct slsim_device *dev, const char *name, size_t *len)
{
    uint8_t *data = NULL;
    struct slsim_fs *fs = slsim_device_fs(dev);
    *len = 0;
    if (name == NULL || fs == NULL ||
        slsim_fs_read_file(fs, name, 0, SLSIM_FS_CALLER_NWP, &data, len) != 0) {
        free(data);
        return NULL;
    }
    return data;
}

static unsigned count_certs(const uint8_t *p, size_t len)
{
    if (p == NULL || len == 0) {
        return 0;
    }
    if (p[0] == 0x30) {
        return 1;
    }
    unsigned n = 0;
    const char *tag = "-----BEGIN CERTIFICATE-----";
    size_t tl = strlen(tag);
    for (size_t i = 0; i + tl <= len; i++) {
        n += memcmp(p + i, tag, tl) == 0 ? 1u : 0u;
    }
    return n;
}

static int device_start(struct doctor *d, struct slsim_device **out)
{
    struct slsim_device *dev = NULL;
    int32_t ret = slsim_emu_device_open(d->device_path, &dev);
    if (ret < 0) {
        cli_error("cannot open device configuration '%s': %s", d->device_path,
                  slsim_emu_last_error());
        return CLI_EXIT_ENV;
    }
    slsim_emu_use(dev);
    ret = sl_Start(NULL, NULL, NULL);
    if (ret < 0) {
        (void)cli_sl_error(CLI_EXIT_ENV, ret, NULL, "cannot start the device of '%s'",
                           d->device_path);
        slsim_emu_use(NULL);
        slsim_emu_device_close(dev);
        return CLI_EXIT_ENV;
    }
    slsim_device_lock(dev);
    read_facts(d, dev);
    size_t len = 0;
    uint8_t *ca = doctor_read_dev_file(dev, d->ca, &len);
    d->ca_certs = count_certs(ca, len);
    free(ca);
    slsim_device_unlock(dev);
    *out = dev;
    return CLI_EXIT_OK;
}

static void device_stop(struct slsim_device *dev)
{
    (void)sl_Stop(0);
    slsim_emu_use(NULL);
    slsim_emu_device_close(dev);
}

/* ---- online ------------------------------------------------------------------------------ */

static int32_t set_str(_i16 sd, _i16 opt, const char *s)
{
    return s == NULL ? 0 : sl_SetSockOpt(sd, SL_SOL_SOCKET, opt, s, (SlSocklen_t)strlen(s));
}

static int32_t set_options(_i16 sd, const struct cli_args *a, const struct doctor *d)
{
    int32_t ret = set_str(sd, SL_SO_SECURE_FILES_CA_FILE_NAME, d->ca);
    ret = ret < 0 ? ret : set_str(sd, SL_SO_SECURE_FILES_CERTIFICATE_FILE_NAME, d->cert);
    ret = ret < 0 ? ret : set_str(sd, SL_SO_SECURE_FILES_PRIVATE_KEY_FILE_NAME, d->key);
    ret = ret < 0 ? ret : set_str(sd, SL_SO_SECURE_DOMAIN_NAME_VERIFICATION, d->domain);
    const char *v = cli_opt(a, "method");
    if (ret >= 0 && v != NULL) {
        SlSockSecureMethod_t m = { 0 };
        (void)parse_method(v, &m.SecureMethod); /* validated by check_usage() */
        ret = sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECMETHOD, &m, sizeof(m));
    }
    if (ret >= 0 && (v = cli_opt(a, "mask")) != NULL) {
        SlSockSecureMask_t m = { 0 };
        (void)cli_parse_u32(v, &m.SecureMask);
        ret = sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECURE_MASK, &m, sizeof(m));
    }
    if (ret >= 0 && (v = cli_opt(a, "alpn")) != NULL) {
        SlSockSecureALPN_t al = { 0 };
        const char *general = NULL;
        parse_alpn(v, &al.SecureALPN, &general);
        if (al.SecureALPN != 0) {
            ret = sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECURE_ALPN, &al, sizeof(al));
        }
        ret = ret < 0 ? ret : set_str(sd, SL_SO_SECURE_ALPN_GENERAL, general);
    }
    if (ret >= 0 && d->store_disabled) {
        _u32 one = 1;
        ret = sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECURE_DISABLE_CERTIFICATE_STORE, &one,
                            sizeof(one));
    }
    return ret;
}

/* "tls 1.2 handshake done, suite NAME (0x....), alpn X" -> the TLS facts. */
static void tls_facts(struct doctor *d)
{
    for (size_t i = 0; i < d->res.n; i++) {
        const struct slsim_finding *f = &d->res.findings[i];
        int minor = 0;
        if (f->check != SLSIM_CHECK_HANDSHAKE || f->status != SLSIM_FINDING_PASS ||
            sscanf(f->reason, "tls 1.%d handshake done", &minor) != 1) {
            continue;
        }
        d->handshake_done = true;
        (void)snprintf(d->tls_version, sizeof(d->tls_version), "TLS 1.%d", minor);
        const char *s = strstr(f->reason, "suite ");
        if (s != NULL) {
            s += 6;
            (void)snprintf(d->tls_suite, sizeof(d->tls_suite), "%.*s", (int)strcspn(s, " ,"), s);
        }
        const char *al = strstr(f->reason, ", alpn ");
        (void)snprintf(d->tls_alpn, sizeof(d->tls_alpn), "%s", al != NULL ? al + 7 : "");
    }
}

static void read_findings(struct doctor *d, struct slsim_device *dev, _i16 sd, int32_t code)
{
    slsim_device_lock(dev);
    struct slsim_sock_table *t = slsim_device_socks(dev);
    int32_t ret = t != NULL ? slsim_sock_last_findings(t, sd, &d->res) : -1;
    slsim_device_unlock(dev);
    if (ret < 0) {
        slsim_trust_init(&d->res);
        slsim_trust_add(&d->res, SLSIM_CHECK_HANDSHAKE, SLSIM_FINDING_FAIL, code, 0, -1,
                        "check the host, the port and the socket options",
                        "sl_Connect failed before the secure checks ran");
    }
    d->code = code;
    d->connected = code == 0 || code == SL_ERROR_BSD_ESECSNOVERIFY ||
                   code == SL_ERROR_BSD_ESECDATEERROR || code == SL_ERROR_BSD_ESECUNKNOWNROOTCA ||
                   (code == SL_ERROR_BSD_ESECCERTIFICATEREVOKED && d->res.connected);
}

static void fail_early(struct doctor *d, int32_t code, const char *fix, const char *what)
{
    slsim_trust_init(&d->res);
    slsim_trust_add(&d->res, SLSIM_CHECK_HANDSHAKE, SLSIM_FINDING_FAIL, code, 0, -1, fix, "%s",
                    what);
    d->code = code;
    d->connected = false;
}

static void run_online(struct doctor *d, struct slsim_device *dev, const struct cli_args *a)
{
    _u32 ip = 0;
    int32_t ret = sl_NetAppDnsGetHostByName((_i8 *)(uintptr_t)d->host, (_u16)strlen(d->host), &ip,
                                            SL_AF_INET);
    if (ret < 0) {
        char what[320];
        (void)snprintf(what, sizeof(what), "cannot resolve '%s' through the device's DNS", d->host);
        fail_early(d, ret, "check the host name (and the configuration's DNS overrides)", what);
        return;
    }
    d->ip = ip;
    _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_SEC_SOCKET);
    if (sd < 0) {
        fail_early(d, sd, "close sockets of the device", "sl_Socket failed");
        return;
    }
    ret = set_options(sd, a, d);
    if (ret < 0) {
        fail_early(d, ret, "check the option values", "sl_SetSockOpt refused an option");
        (void)sl_Close(sd);
        return;
    }
    SlSockAddrIn_t addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = SL_AF_INET;
    addr.sin_port = sl_Htons(d->port);
    addr.sin_addr.s_addr = sl_Htonl(ip);
    ret = sl_Connect(sd, (const SlSockAddr_t *)&addr, sizeof(addr));
    read_findings(d, dev, sd, ret);
    tls_facts(d);
    if (d->mqtt.asked) {
        doctor_mqtt_run(d, sd);
    }
    (void)sl_Close(sd);
}

/* ---- the verb ----------------------------------------------------------------------------------
 */

static int check_usage(const struct cli_call *call, struct doctor *d)
{
    const struct cli_args *a = &call->args;
    if (d->device_path == NULL) {
        return doctor_usage("missing option --device DEV.json");
    }
    if ((a->npos == 1) == (d->chain_path != NULL)) {
        return doctor_usage(d->chain_path != NULL
                                ? "give either HOST[:PORT] or --chain, not both"
                                : "missing argument HOST[:PORT] (or --chain FILE)");
    }
    uint8_t m = 0;
    uint32_t mask = 0;
    const char *v = cli_opt(a, "method");
    if (v != NULL && parse_method(v, &m) != 0) {
        return doctor_usage("invalid --method '%s' (tls1.2, tls1.1, tls1.0, sslv3, dtls1, any)", v);
    }
    if ((v = cli_opt(a, "mask")) != NULL && cli_parse_u32(v, &mask) != 0) {
        return doctor_usage("invalid --mask '%s' (a 32-bit number)", v);
    }
    if (d->mqtt.asked && d->chain_path != NULL) {
        return doctor_usage("--mqtt needs a connection, not --chain");
    }
    return a->npos == 1 ? parse_target(a->pos[0], d) : CLI_EXIT_OK;
}

static void read_inputs(const struct cli_args *a, struct doctor *d)
{
    d->device_path = cli_opt(a, "device");
    d->chain_path = cli_opt(a, "chain");
    d->ca = cli_opt(a, "ca");
    d->cert = cli_opt(a, "cert");
    d->key = cli_opt(a, "key");
    d->domain = cli_opt(a, "domain");
    d->store_disabled = cli_flag(a, "no-store");
    d->suites_restricted = cli_opt(a, "mask") != NULL || cli_opt(a, "method") != NULL;
    d->mqtt_client = cli_opt(a, "mqtt");
    d->mqtt.asked = d->mqtt_client != NULL;
    d->mqtt.connack = -1;
    d->json = cli_flag(a, "json");
}

static int report(struct doctor *d, const struct cli_args *a)
{
    doctor_chain_shape(d);
    doctor_look_up_others(d, a);
    if (d->json) {
        int st = cli_print_json(doctor_to_json(d));
        return st != CLI_EXIT_OK ? st : doctor_exit_status(d);
    }
    doctor_print_text(d);
    int st = cli_flush_stdout();
    return st != CLI_EXIT_OK ? st : doctor_exit_status(d);
}

static int doctor_verb(const struct cli_call *call)
{
    const struct cli_args *a = &call->args;
    if (cli_opt(a, "decode") != NULL) {
        if (a->npos > 0) {
            return doctor_usage("unexpected argument '%s'", a->pos[0]);
        }
        return cli_doctor_decode(cli_opt(a, "decode"), cli_flag(a, "json"));
    }
    struct doctor *d = calloc(1, sizeof(*d));
    if (d == NULL) {
        cli_error("cannot diagnose: out of memory");
        return CLI_EXIT_ENV;
    }
    read_inputs(a, d);
    int status = check_usage(call, d);
    struct slsim_device *dev = NULL;
    if (status == CLI_EXIT_OK) {
        status = device_start(d, &dev);
    }
    if (status == CLI_EXIT_OK) {
        if (d->chain_path != NULL) {
            status = doctor_run_offline(d, dev);
        } else {
            run_online(d, dev, a);
        }
        device_stop(dev);
    }
    if (status == CLI_EXIT_OK) {
        status = report(d, a);
    }
    free(d);
    return status;
}
