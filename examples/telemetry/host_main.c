/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file host_main.c
 * @brief Starts the telemetry application on Linux: reads the options (what a board would have
 *        in its configuration), loads the CSV file if one is given, runs the application.
 *
 * Run it with a device: `slsim run --device DEV.json -- telemetry [options]` or with
 * SLSIM_DEVICE=DEV.json. Exit 0 when everything was published, 1 when not, 2 on bad options.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "telemetry.h"

static const char usage[] =
    "usage: telemetry [options]\n"
    "  --device-name NAME   client id and topics dt/NAME/accel, dt/NAME/temp (545acc1c00)\n"
    "  --host HOST          broker (a3joj5u9gv9t8f.iot.us-east-1.amazonaws.com)\n"
    "  --port PORT          broker port (8883)\n"
    "  --rate HZ            accelerometer samples per second (100)\n"
    "  --batch N            samples per accel message (10)\n"
    "  --temp-every S       seconds between temperature messages (5)\n"
    "  --seconds S          run time (10)\n"
    "  --qos 0|1            MQTT QoS (0)\n"
    "  --ca/--cert/--key F  device files (/cert/root-ca.crt, /cert/545acc1c00-certificate.crt,\n"
    "                       /cert/545acc1c00-private.key)\n"
    "  --domain NAME        SL_SO_SECURE_DOMAIN_NAME_VERIFICATION (none)\n"
    "  --accept-warnings    keep the connection on -453/-461/-467/-468\n"
    "  --event-at S         time of the simulated event burst (2; negative: none)\n"
    "  --seed N             noise seed (1)\n"
    "  --csv FILE           replay t,ax,ay,az[,temp] rows instead of simulating\n";

static int number(const char *s, double min, double max, double *out)
{
    char *end = NULL;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || v < min || v > max) {
        fprintf(stderr, "telemetry: invalid value '%s'\n", s);
        return -1;
    }
    *out = v;
    return 0;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0;
    *len = 0;
    if (f == NULL) {
        return NULL;
    }
    for (;;) {
        if (*len + 4096 > cap) {
            char *nb = realloc(buf, cap + 65536);
            if (nb == NULL || cap > (64u << 20)) {
                free(nb != NULL ? nb : buf);
                (void)fclose(f);
                return NULL;
            }
            buf = nb;
            cap += 65536;
        }
        size_t got = fread(buf + *len, 1, cap - *len, f);
        *len += got;
        if (got == 0) {
            break;
        }
    }
    int bad = ferror(f);
    (void)fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    return buf;
}

static int load_csv(const char *path, struct tele_csv *csv)
{
    size_t len = 0;
    size_t bad = 0;
    char *text = read_file(path, &len);
    if (text == NULL) {
        perror(path);
        return -1;
    }
    int rc = tele_csv_parse(text, len, csv, &bad);
    free(text);
    if (rc != 0) {
        fprintf(stderr, "telemetry: %s: %s %zu\n", path, bad ? "bad row at line" : "no rows, lines",
                bad);
    }
    return rc;
}

enum {
    O_NAME = 256,
    O_HOST,
    O_PORT,
    O_RATE,
    O_BATCH,
    O_TEMP,
    O_SECS,
    O_QOS,
    O_CA,
    O_CERT,
    O_KEY,
    O_DOMAIN,
    O_ACCEPT,
    O_EVENT,
    O_SEED,
    O_CSV,
    O_HELP
};

static const struct option longopts[] = {
    { "device-name", required_argument, NULL, O_NAME },
    { "host", required_argument, NULL, O_HOST },
    { "port", required_argument, NULL, O_PORT },
    { "rate", required_argument, NULL, O_RATE },
    { "batch", required_argument, NULL, O_BATCH },
    { "temp-every", required_argument, NULL, O_TEMP },
    { "seconds", required_argument, NULL, O_SECS },
    { "qos", required_argument, NULL, O_QOS },
    { "ca", required_argument, NULL, O_CA },
    { "cert", required_argument, NULL, O_CERT },
    { "key", required_argument, NULL, O_KEY },
    { "domain", required_argument, NULL, O_DOMAIN },
    { "accept-warnings", no_argument, NULL, O_ACCEPT },
    { "event-at", required_argument, NULL, O_EVENT },
    { "seed", required_argument, NULL, O_SEED },
    { "csv", required_argument, NULL, O_CSV },
    { "help", no_argument, NULL, O_HELP },
    { NULL, 0, NULL, 0 },
};

static int option(
    int o, const char *arg, struct telemetry_cfg *cfg, const char **csv, double *ev, double *seed)
{
    double v = 0;
    switch (o) {
    case O_NAME:
        cfg->device_name = arg;
        return 0;
    case O_HOST:
        cfg->host = arg;
        return 0;
    case O_CA:
        cfg->ca_file = arg;
        return 0;
    case O_CERT:
        cfg->cert_file = arg;
        return 0;
    case O_KEY:
        cfg->key_file = arg;
        return 0;
    case O_DOMAIN:
        cfg->domain = arg;
        return 0;
    case O_ACCEPT:
        cfg->accept_warnings = true;
        return 0;
    case O_CSV:
        *csv = arg;
        return 0;
    case O_EVENT:
        return number(arg, -1e9, 1e9, ev);
    case O_SEED:
        return number(arg, 0, 4294967295.0, seed);
    case O_RATE:
        return number(arg, 0.1, 10000, &cfg->rate_hz);
    case O_SECS:
        return number(arg, 0.01, 86400 * 365.0, &cfg->seconds);
    case O_PORT:
        if (number(arg, 1, 65535, &v) != 0) {
            return -1;
        }
        cfg->port = (uint16_t)v;
        return 0;
    case O_BATCH:
        if (number(arg, 1, 100, &v) != 0) {
            return -1;
        }
        cfg->batch = (unsigned)v;
        return 0;
    case O_TEMP:
        if (number(arg, 0, 86400, &v) != 0) {
            return -1;
        }
        cfg->temp_every_s = (unsigned)v;
        return 0;
    case O_QOS:
        if (number(arg, 0, 1, &v) != 0) {
            return -1;
        }
        cfg->qos = (uint8_t)v;
        return 0;
    default:
        return -1;
    }
}

int main(int argc, char **argv)
{
    struct telemetry_cfg cfg = {
        .device_name = "545acc1c00",
        .host = "a3joj5u9gv9t8f.iot.us-east-1.amazonaws.com",
        .port = 8883,
        .ca_file = "/cert/root-ca.crt",
        .cert_file = "/cert/545acc1c00-certificate.crt",
        .key_file = "/cert/545acc1c00-private.key",
        .rate_hz = 100.0,
        .batch = 10,
        .temp_every_s = 5,
        .seconds = 10.0,
    };
    const char *csv_path = NULL;
    double event_at = 2.0;
    double seed = 1.0;
    int o;
    while ((o = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (o == O_HELP) {
            fputs(usage, stdout);
            return 0;
        }
        if (option(o, optarg, &cfg, &csv_path, &event_at, &seed) != 0) {
            fputs(usage, stderr);
            return 2;
        }
    }
    if (optind != argc) {
        fprintf(stderr, "telemetry: unexpected argument '%s'\n%s", argv[optind], usage);
        return 2;
    }
    tele_sensor_init(&cfg.sensor, (uint32_t)seed, event_at);
    struct tele_csv csv = { NULL, 0 };
    if (csv_path != NULL) {
        if (load_csv(csv_path, &csv) != 0) {
            return 2;
        }
        cfg.sensor.csv = &csv;
    }
    struct telemetry_stats st;
    int rc = telemetry_run(&cfg, &st);
    tele_csv_free(&csv);
    return rc;
}
