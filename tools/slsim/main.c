/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file main.c
 * @brief `slsim` entry point: the sorted command table, dispatch to nouns and verbs, and
 *        typo suggestions (git.c commands[] and help.c's "did you mean").
 *
 * Option parsing lives in cli_opts.c, messages in cli_msgs.c, help texts in cmd_help.c and the
 * commands in cmd_<noun>.c.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include <slsim/version.h>

#include "core/banned.h"

/* Sorted by name (git commands[]): cli_command_find() relies on it for bsearch-like order and
 * `slsim --help` lists them in this order. */
static const struct cli_command commands[] = {
    { "catalog", cmd_catalog, &cli_noun_catalog,
      "build, inspect, sign and install trusted-root catalogs" },
    { "doctor", cmd_doctor, NULL, "diagnose a secure connection as the device makes it" },
    { "fs", cmd_fs, &cli_noun_fs, "read and write the files of an image" },
    { "help", cmd_help, NULL, "show help for a command, or the exit codes" },
    { "image", cmd_image, &cli_noun_image, "create, inspect and check device images" },
    { "mqtt", cmd_mqtt, &cli_noun_mqtt, "publish and subscribe over MQTT from an emulated device" },
    { "pki", cmd_pki, &cli_noun_pki, "make test certificates and keys (no openssl needed)" },
    { "run", cmd_run, NULL, "run a device application with a device, then summarise it" },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

const struct cli_command *cli_commands(size_t *count)
{
    *count = N_COMMANDS;
    return commands;
}

const struct cli_command *cli_command_find(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++) {
        if (strcmp(commands[i].name, name) == 0) {
            return &commands[i];
        }
    }
    return NULL;
}

const struct cli_verb *cli_verb_find(const struct cli_noun *noun, const char *name)
{
    for (size_t i = 0; i < noun->nverbs; i++) {
        if (strcmp(noun->verbs[i].name, name) == 0) {
            return &noun->verbs[i];
        }
    }
    return NULL;
}

/* ---- suggestions ----------------------------------------------------------------------------- */

#define SUGGEST_MAX_LEN 32

/* Optimal-string-alignment distance (Damerau-Levenshtein without repeated edits of one
 * substring), as git's levenshtein() with unit costs; words longer than SUGGEST_MAX_LEN are
 * never near anything. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a);
    size_t lb = strlen(b);
    if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN) {
        return SIZE_MAX;
    }
    size_t d[SUGGEST_MAX_LEN + 1][SUGGEST_MAX_LEN + 1];
    for (size_t i = 0; i <= la; i++) {
        d[i][0] = i;
    }
    for (size_t j = 0; j <= lb; j++) {
        d[0][j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = d[i - 1][j - 1] + cost;
            best = d[i - 1][j] + 1 < best ? d[i - 1][j] + 1 : best;
            best = d[i][j - 1] + 1 < best ? d[i][j - 1] + 1 : best;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best) {
                best = d[i - 2][j - 2] + 1;
            }
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

/* A typed prefix of two or more characters is as near as it gets (git treats it the same). */
static size_t nearness(const char *word, const char *cand)
{
    size_t lw = strlen(word);
    if (lw >= 2 && strncmp(cand, word, lw) == 0) {
        return 0;
    }
    return edit_distance(word, cand);
}

static const char *name_at(const void *base, size_t i, size_t stride)
{
    const char *const *p = (const char *const *)(const void *)((const char *)base + i * stride);
    return *p;
}

bool cli_suggest(const char *word,
                 const void *base,
                 size_t n,
                 size_t stride,
                 const char *prefix,
                 char *buf,
                 size_t len)
{
    size_t lw = strlen(word);
    size_t limit = lw / 3 > 1 ? lw / 3 : 1;
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t dist = nearness(word, name_at(base, i, stride));
        best = dist < best ? dist : best;
    }
    if (best > limit || len == 0) {
        return false;
    }
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < len; i++) {
        const char *name = name_at(base, i, stride);
        if (nearness(word, name) == best) {
            int w =
                snprintf(buf + used, len - used, "%s'%s%s'", used > 0 ? " or " : "", prefix, name);
            used += w > 0 ? (size_t)w : 0;
        }
    }
    return true;
}

/* ---- dispatch -------------------------------------------------------------------------------- */

static int unknown_verb(const struct cli_noun *noun, const char *word)
{
    char near[128];
    if (word[0] == '-') {
        cli_error("unknown option '%s'", word);
    } else {
        cli_error("unknown command '%s %s'", noun->name, word);
        if (cli_suggest(word, noun->verbs, noun->nverbs, sizeof(noun->verbs[0]), "", near,
                        sizeof(near))) {
            cli_error("did you mean %s?", near);
        }
    }
    (void)fprintf(stderr, "try 'slsim %s --help'\n", noun->name);
    return CLI_EXIT_USAGE;
}

static int check_counts(const struct cli_call *call)
{
    const struct cli_verb *v = call->verb;
    const struct cli_args *a = &call->args;
    if (a->npos > v->max_args) {
        return cli_usage_error(call, "unexpected argument '%s'", a->pos[v->max_args]);
    }
    if (a->npos >= v->min_args) {
        return CLI_EXIT_OK;
    }
    /* Name the first missing argument from the synopsis ("IMAGE LOCAL DEVNAME"). */
    char word[32] = "";
    const char *p = v->synopsis;
    for (unsigned i = 0; i <= a->npos && *p != '\0'; i++) {
        p += strspn(p, " [");
        size_t n = strcspn(p, " ]");
        (void)snprintf(word, sizeof(word), "%.*s", (int)n, p);
        p += n;
        p += strspn(p, "]");
    }
    return cli_usage_error(call, "missing argument %s", word);
}

int cli_run_noun(const struct cli_noun *noun, int argc, char **argv)
{
    if (argc < 2) {
        cli_error("missing command after '%s'", noun->name);
        cli_help_noun(stderr, noun);
        return CLI_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        cli_help_noun(stdout, noun);
        return CLI_EXIT_OK;
    }
    const struct cli_verb *verb = cli_verb_find(noun, argv[1]);
    if (verb == NULL) {
        return unknown_verb(noun, argv[1]);
    }
    if (cli_wants_help(argc - 2, argv + 2)) {
        cli_help_verb(stdout, noun, verb);
        return CLI_EXIT_OK;
    }
    struct cli_call call;
    memset(&call, 0, sizeof(call));
    call.noun = noun;
    call.verb = verb;
    int status = cli_parse(&call, argc - 2, argv + 2);
    if (status == CLI_EXIT_OK) {
        status = check_counts(&call);
    }
    return status == CLI_EXIT_OK ? verb->fn(&call) : status;
}

static int unknown_command(const char *word)
{
    static const struct cli_opt globals[] = { { "help", NULL, NULL }, { "version", NULL, NULL } };
    char near[128];
    bool found = false;
    if (word[0] == '-') {
        cli_error("unknown option '%s'", word);
        const char *bare = word + strspn(word, "-");
        found = cli_suggest(bare, globals, 2, sizeof(globals[0]), "--", near, sizeof(near));
    } else {
        cli_error("unknown command '%s'", word);
        found =
            cli_suggest(word, commands, N_COMMANDS, sizeof(commands[0]), "", near, sizeof(near));
    }
    if (found) {
        cli_error("did you mean %s?", near);
    }
    (void)fprintf(stderr, "try 'slsim --help'\n");
    return CLI_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        (void)fprintf(stderr, "usage: slsim <command> [<verb>] [options] [args]\n"
                              "try 'slsim --help'\n");
        return CLI_EXIT_USAGE;
    }
    const char *word = argv[1];
    if (strcmp(word, "--help") == 0 || strcmp(word, "-h") == 0) {
        cli_help_top(stdout);
        return cli_flush_stdout();
    }
    if (strcmp(word, "--version") == 0) {
        (void)printf("slsim %s\n", SLSIM_VERSION_STRING);
        return cli_flush_stdout();
    }
    const struct cli_command *cmd = cli_command_find(word);
    if (cmd == NULL) {
        return unknown_command(word);
    }
    int status = cmd->fn(argc - 1, argv + 1);
    int flushed = cli_flush_stdout();
    return status != CLI_EXIT_OK ? status : flushed;
}
