/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_run.c
 * @brief `slsim run --device DEV.json [--report FILE] -- PROGRAM [ARGS]`: runs a device
 *        application with a device configuration, then summarises what its device did.
 *
 * The program gets SLSIM_DEVICE (the configuration's absolute path) and SLSIM_RUN_REPORT (a
 * report file) in its environment; the TI facade appends a record per sl_Start, finished
 * sl_Connect and sl_Stop to the report (src/api/api_report.c, format in docs/run.md). After the
 * program ends, the summary goes to stderr (the program's stdout stays its own) and the
 * program's exit status is passed through: a signal becomes 128 + its number, as in shells.
 * What is not about the program (usage, an unreadable configuration, a program that cannot
 * be started) keeps slsim's exit codes 2 and 3, or 126/127 when the program cannot be run.
 */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/errtab.h"
#include "device/device.h"

#include "core/banned.h"

extern char **environ;

#define RUN_SYNOPSIS      "--device DEV.json [--report FILE] -- PROGRAM [ARGS]"
#define RUN_MAX_SHOWN     16 /* connection lines in the summary (one screen) */
#define RUN_EXIT_NOEXEC   126
#define RUN_EXIT_NOTFOUND 127

static const struct cli_opt run_opts[] = {
    { "device", "DEV.json", "the device configuration (as SLSIM_DEVICE; required)" },
    { "report", "FILE", "keep the run report in FILE (default: a temporary file, removed)" },
    { NULL, NULL, NULL },
};

struct run_args {
    const char *device;
    const char *report;
    char **prog; /* NULL-terminated argv of the program */
    bool help;   /* -h or --help before the program */
};

void cli_run_help(FILE *out)
{
    (void)fprintf(out,
                  "usage: slsim run " RUN_SYNOPSIS "\n\n"
                  "run a device application with a device, then summarise its connections\n\n"
                  "PROGRAM runs with SLSIM_DEVICE set to the configuration's absolute path and\n"
                  "SLSIM_RUN_REPORT to a report file, where the TI API records every sl_Start,\n"
                  "finished sl_Connect and sl_Stop. Afterwards a summary (device, catalog, each\n"
                  "connection with its code) is printed on stderr, and slsim exits with the\n"
                  "program's exit status (a signal: 128 + its number). 126: the program could\n"
                  "not be started; 127: it was not found.\n\n");
    cli_print_opts(out, run_opts);
}

static int run_usage(const char *fmt, const char *word)
{
    char msg[256];
    (void)snprintf(msg, sizeof(msg), fmt, word);
    cli_error("%s", msg);
    (void)fprintf(stderr, "usage: slsim run " RUN_SYNOPSIS "\ntry 'slsim run --help'\n");
    return CLI_EXIT_USAGE;
}

static int unknown_run_option(const char *word)
{
    char near[128];
    const char *bare = word + strspn(word, "-");
    size_t n = sizeof(run_opts) / sizeof(run_opts[0]) - 1;
    if (cli_suggest(bare, run_opts, n, sizeof(run_opts[0]), "--", near, sizeof(near))) {
        cli_error("unknown option '%s'", word);
        return run_usage("did you mean %s?", near);
    }
    return run_usage("unknown option '%s'", word);
}

/* Parses "--name VALUE" / "--name=VALUE" at argv[*i]; *i moves past the value. */
static int run_option(int argc, char **argv, int *i, struct run_args *ra)
{
    const char *w = argv[*i];
    const char *eq = strchr(w, '=');
    size_t len = eq != NULL ? (size_t)(eq - w) : strlen(w);
    const char **slot = NULL;
    if (len == 8 && strncmp(w, "--device", len) == 0) {
        slot = &ra->device;
    } else if (len == 8 && strncmp(w, "--report", len) == 0) {
        slot = &ra->report;
    } else {
        return unknown_run_option(w);
    }
    const char *val = eq != NULL ? eq + 1 : (*i + 1 < argc ? argv[++*i] : NULL);
    if (val == NULL || val[0] == '\0') {
        char name[16];
        (void)snprintf(name, sizeof(name), "%.*s", (int)len, w);
        return run_usage("option '%s' needs a value", name);
    }
    *slot = val;
    return CLI_EXIT_OK;
}

/* Options come first; the program starts after "--" or at the first word that is no option. */
static int run_parse(int argc, char **argv, struct run_args *ra)
{
    memset(ra, 0, sizeof(*ra));
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (argv[i][0] != '-' || argv[i][1] == '\0') {
            break;
        }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            ra->help = true;
            return CLI_EXIT_OK;
        }
        int status = run_option(argc, argv, &i, ra);
        if (status != CLI_EXIT_OK) {
            return status;
        }
    }
    if (ra->device == NULL) {
        return run_usage("missing option %s", "--device DEV.json");
    }
    if (i >= argc) {
        return run_usage("missing argument %s", "PROGRAM");
    }
    ra->prog = argv + i;
    return CLI_EXIT_OK;
}

/* ---- the report and the summary ---------------------------------------------------------- */

/* Value of field @p key in a TAB-separated record (copied into @p buf), or "" if absent. */
static const char *field(const char *line, const char *key, char *buf, size_t len)
{
    size_t klen = strlen(key);
    const char *p = line;
    buf[0] = '\0';
    while ((p = strchr(p, '\t')) != NULL) {
        p++;
        if (strncmp(p, key, klen) == 0 && p[klen] == '=') {
            const char *v = p + klen + 1;
            size_t n = strcspn(v, "\t\n");
            (void)snprintf(buf, len, "%.*s", (int)n, v);
            break;
        }
    }
    return buf;
}

struct run_tally {
    unsigned starts, stops, conns, ok, warned, failed, shown;
};

static void summary_start(const char *line, struct run_tally *t)
{
    char code[16], name[64], profile[24], catalog[16], label[96], trusted[12], revoked[12];
    t->starts++;
    (void)field(line, "code", code, sizeof(code));
    (void)field(line, "name", name, sizeof(name));
    (void)field(line, "profile", profile, sizeof(profile));
    (void)field(line, "catalog", catalog, sizeof(catalog));
    (void)field(line, "label", label, sizeof(label));
    (void)field(line, "trusted", trusted, sizeof(trusted));
    (void)field(line, "revoked", revoked, sizeof(revoked));
    (void)fprintf(stderr, "sl_Start    %s (%s)%s%s\n", name, code, profile[0] ? ", profile " : "",
                  profile);
    if (catalog[0] != '\0' && label[0] != '\0') {
        (void)fprintf(stderr, "catalog     %s: %s, %s trusted, %s revoked\n", catalog, label,
                      trusted, revoked);
    } else if (catalog[0] != '\0') {
        (void)fprintf(stderr, "catalog     %s\n", catalog);
    }
}

static void summary_connect(const char *line, struct run_tally *t)
{
    char sd[8], to[32], via[32], code[16], name[64], up[8];
    (void)field(line, "sd", sd, sizeof(sd));
    (void)field(line, "to", to, sizeof(to));
    (void)field(line, "via", via, sizeof(via));
    (void)field(line, "code", code, sizeof(code));
    (void)field(line, "name", name, sizeof(name));
    (void)field(line, "connected", up, sizeof(up));
    long c = strtol(code, NULL, 10);
    bool connected = strcmp(up, "yes") == 0;
    t->conns++;
    t->ok += c == 0 ? 1u : 0u;
    t->warned += c != 0 && connected ? 1u : 0u;
    t->failed += connected ? 0u : 1u;
    if (t->shown == 0) {
        (void)fprintf(stderr, "  %-3s %-21s %-21s %6s  %s\n", "SD", "DESTINATION", "VIA", "CODE",
                      "RESULT");
    }
    if (t->shown++ >= RUN_MAX_SHOWN) {
        return;
    }
    (void)fprintf(stderr, "  %-3s %-21s %-21s %6s  %s, %s\n", sd, to, via, code, name,
                  c == 0 ? "connected" : (connected ? "connected with a warning" : "failed"));
}

static void summary_totals(const struct run_tally *t, const char *report)
{
    if (t->shown > RUN_MAX_SHOWN) {
        (void)fprintf(stderr, "  ... %u more (all in '%s')\n", t->shown - RUN_MAX_SHOWN, report);
    }
    (void)fprintf(stderr, "%u %s: %u connected, %u connected with a warning, %u failed\n", t->conns,
                  cli_plural(t->conns, "connection", "connections"), t->ok, t->warned, t->failed);
    if (t->starts == 0) {
        (void)fprintf(stderr, "the program did not start the device (no sl_Start)\n");
    } else if (t->stops == 0) {
        (void)fprintf(stderr, "sl_Stop     not called\n");
    }
}

static void print_summary(const char *report, const char *device)
{
    (void)fprintf(stderr, "device      %s\n", device);
    FILE *f = fopen(report, "r");
    struct run_tally t;
    memset(&t, 0, sizeof(t));
    char line[1024];
    while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
        if (strncmp(line, "start\t", 6) == 0) {
            summary_start(line, &t);
        } else if (strncmp(line, "connect\t", 8) == 0) {
            summary_connect(line, &t);
        } else if (strncmp(line, "stop\t", 5) == 0) {
            t.stops++;
        }
    }
    if (f != NULL) {
        (void)fclose(f);
    }
    summary_totals(&t, report);
}

/* ---- running the program --------------------------------------------------------------------- */

/* Makes the report file: --report FILE (truncated) or a new temporary file. */
static int make_report(const struct run_args *ra, char *path, size_t len)
{
    if (ra->report != NULL) {
        (void)snprintf(path, len, "%s", ra->report);
        FILE *f = fopen(path, "w");
        if (f == NULL || fclose(f) != 0) {
            cli_error("cannot write report '%s': %s", path, strerror(errno));
            return CLI_EXIT_ENV;
        }
        return CLI_EXIT_OK;
    }
    const char *tmp = getenv("TMPDIR");
    (void)snprintf(path, len, "%s/slsim-run-XXXXXX", tmp != NULL && tmp[0] ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        cli_error("cannot create a report file '%s': %s", path, strerror(errno));
        return CLI_EXIT_ENV;
    }
    (void)close(fd);
    return CLI_EXIT_OK;
}

/* Checks the configuration as the library will load it, and makes its path absolute (the
 * program may change its working directory). */
static int check_device(const char *path, char *abs, size_t len)
{
    char cwd[PATH_MAX];
    int n = -1;
    if (path[0] == '/') {
        n = snprintf(abs, len, "%s", path);
    } else if (getcwd(cwd, sizeof(cwd)) != NULL) {
        n = snprintf(abs, len, "%s/%s", cwd, path);
    }
    if (n < 0 || (size_t)n >= len) {
        cli_error("cannot read device configuration '%s': %s", path, strerror(errno));
        return CLI_EXIT_ENV;
    }
    struct slsim_device_config cfg;
    struct slsim_diag diag;
    memset(&diag, 0, sizeof(diag));
    int32_t ret = slsim_device_config_load(abs, &cfg, &diag);
    if (ret != 0) {
        return cli_sl_error(CLI_EXIT_ENV, ret, &diag, "bad device configuration '%s'", path);
    }
    return CLI_EXIT_OK;
}

/* Spawns and waits; returns the program's status as a shell reports it. */
static int spawn_and_wait(char **prog)
{
    posix_spawnattr_t attr;
    sigset_t dflt;
    (void)sigemptyset(&dflt);
    (void)sigaddset(&dflt, SIGINT);
    (void)sigaddset(&dflt, SIGQUIT);
    (void)posix_spawnattr_init(&attr);
    (void)posix_spawnattr_setsigdefault(&attr, &dflt);
    (void)posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
    (void)fflush(NULL);
    pid_t pid = 0;
    int err = posix_spawnp(&pid, prog[0], NULL, &attr, prog, environ);
    (void)posix_spawnattr_destroy(&attr);
    if (err != 0) {
        cli_error("cannot run '%s': %s", prog[0], strerror(err));
        return err == ENOENT ? RUN_EXIT_NOTFOUND : RUN_EXIT_NOEXEC;
    }
    /* Like system(): ^C and ^\ go to the program; slsim waits and still prints the summary. */
    void (*old_int)(int) = signal(SIGINT, SIG_IGN);
    void (*old_quit)(int) = signal(SIGQUIT, SIG_IGN);
    int wstatus = 0;
    pid_t got = -1;
    do {
        got = waitpid(pid, &wstatus, 0);
    } while (got < 0 && errno == EINTR);
    (void)signal(SIGINT, old_int);
    (void)signal(SIGQUIT, old_quit);
    if (got < 0) {
        cli_error("cannot wait for '%s': %s", prog[0], strerror(errno));
        return RUN_EXIT_NOEXEC;
    }
    if (WIFSIGNALED(wstatus)) {
        int sig = WTERMSIG(wstatus);
        cli_error("'%s' was killed by signal %d (%s)", prog[0], sig, strsignal(sig));
        return 128 + sig;
    }
    return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : RUN_EXIT_NOEXEC;
}

int cmd_run(int argc, char **argv)
{
    struct run_args ra;
    int status = run_parse(argc, argv, &ra);
    if (status == CLI_EXIT_OK && ra.help) {
        cli_run_help(stdout);
        return CLI_EXIT_OK;
    }
    char device[PATH_MAX];
    char report[PATH_MAX];
    if (status == CLI_EXIT_OK) {
        status = check_device(ra.device, device, sizeof(device));
    }
    if (status == CLI_EXIT_OK) {
        status = make_report(&ra, report, sizeof(report));
    }
    if (status != CLI_EXIT_OK) {
        return status;
    }
    if (setenv("SLSIM_DEVICE", device, 1) != 0 || setenv("SLSIM_RUN_REPORT", report, 1) != 0) {
        cli_error("cannot set the environment: %s", strerror(errno));
        status = CLI_EXIT_ENV;
    } else {
        status = spawn_and_wait(ra.prog);
        (void)fprintf(stderr, "-- slsim run: '%s' exited with status %d\n", ra.prog[0], status);
        print_summary(report, ra.device);
    }
    if (ra.report == NULL) {
        (void)unlink(report);
    }
    return status;
}
