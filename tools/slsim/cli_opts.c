/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cli_opts.c
 * @brief Option parsing from per-command option tables (git parse-options: options declared as
 *        data, used for both parsing and help), and the number parsers the options need.
 *
 * Accepted forms: `--name`, `--name=VALUE`, `--name VALUE`; options may come before, between
 * or after the arguments; `--` ends the options; `-` alone is an argument (standard input or
 * output). A repeated option keeps its last value for cli_opt(); cli_opt_next() returns every
 * value of a repeatable one (`--from-pem A --from-pem B`). A one-letter name in a table is a
 * short option: `-o VALUE` or `-oVALUE`.
 */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

static size_t opt_count(const struct cli_opt *opts)
{
    size_t n = 0;
    while (opts != NULL && opts[n].name != NULL) {
        n++;
    }
    return n;
}

static int opt_index(const struct cli_opt *opts, const char *name, size_t len)
{
    size_t n = opt_count(opts);
    for (size_t i = 0; i < n; i++) {
        if (strlen(opts[i].name) == len && strncmp(opts[i].name, name, len) == 0) {
            return (int)i;
        }
    }
    return -1;
}

bool cli_wants_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            return false;
        }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            return true;
        }
    }
    return false;
}

/* Records one occurrence: the last value for cli_opt(), every value for cli_opt_next(). */
static int set_value(struct cli_call *call, int idx, const char *val)
{
    struct cli_args *a = &call->args;
    if (a->noccur == CLI_MAX_OCCUR) {
        return cli_usage_error(call, "too many options (at most %d)", CLI_MAX_OCCUR);
    }
    a->val[idx] = val;
    a->occur[a->noccur].idx = (unsigned char)idx;
    a->occur[a->noccur].val = val;
    a->noccur++;
    return CLI_EXIT_OK;
}

static int unknown_option(const struct cli_call *call, const char *word, size_t len)
{
    const struct cli_opt *opts = call->verb->opts;
    struct cli_opt longs[CLI_MAX_OPTS + 1];
    size_t n = 0;
    char near[160];
    char name[64];
    (void)snprintf(name, sizeof(name), "%.*s", (int)len, word);
    for (size_t i = 0; i < opt_count(opts) && n < CLI_MAX_OPTS; i++) {
        if (opts[i].name[1] != '\0') {
            longs[n++] = opts[i]; /* short options are suggested only by exact letter */
        }
    }
    if (len == 1 && opt_index(opts, word, 1) >= 0) {
        cli_error("unknown option '--%s'", name);
        return cli_usage_error(call, "did you mean '-%s'?", name);
    }
    if (n > 0 && cli_suggest(name, longs, n, sizeof(longs[0]), "--", near, sizeof(near))) {
        cli_error("unknown option '--%s'", name);
        return cli_usage_error(call, "did you mean %s?", near);
    }
    return cli_usage_error(call, "unknown option '--%s'", name);
}

/* Parses argv[*i] (a "--name[=value]" word), consuming the next word for a separate value. */
static int parse_long(struct cli_call *call, int argc, char **argv, int *i)
{
    struct cli_args *a = &call->args;
    const char *name = argv[*i] + 2;
    const char *eq = strchr(name, '=');
    size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name);
    int idx = len > 1 ? opt_index(a->opts, name, len) : -1; /* one letter: a short option */
    if (idx < 0) {
        return unknown_option(call, name, len);
    }
    const struct cli_opt *o = &a->opts[idx];
    if (o->arg == NULL) {
        if (eq != NULL) {
            return cli_usage_error(call, "option '--%s' takes no value", o->name);
        }
        return set_value(call, idx, "");
    }
    const char *val = NULL;
    if (eq != NULL) {
        val = eq + 1;
    } else if (*i + 1 < argc) {
        val = argv[++*i];
    }
    if (val == NULL || val[0] == '\0') {
        return cli_usage_error(call, "option '--%s' needs a value (%s)", o->name, o->arg);
    }
    return set_value(call, idx, val);
}

/* Parses argv[*i], a "-x" or "-xVALUE" word of a one-letter option that takes a value. */
static int parse_short(struct cli_call *call, int argc, char **argv, int *i)
{
    const char *w = argv[*i];
    int idx = opt_index(call->args.opts, w + 1, 1);
    if (idx < 0 || call->args.opts[idx].arg == NULL) {
        return cli_usage_error(call, "unknown option '%s'", w);
    }
    const char *val = w[2] != '\0' ? w + 2 : (*i + 1 < argc ? argv[++*i] : NULL);
    if (val == NULL || val[0] == '\0') {
        return cli_usage_error(call, "option '-%c' needs a value (%s)", w[1],
                               call->args.opts[idx].arg);
    }
    return set_value(call, idx, val);
}

int cli_parse(struct cli_call *call, int argc, char **argv)
{
    struct cli_args *a = &call->args;
    memset(a, 0, sizeof(*a));
    a->opts = call->verb->opts;
    bool options_done = false;
    for (int i = 0; i < argc; i++) {
        const char *w = argv[i];
        int status = CLI_EXIT_OK;
        if (!options_done && strcmp(w, "--") == 0) {
            options_done = true;
        } else if (!options_done && w[0] == '-' && w[1] == '-') {
            status = parse_long(call, argc, argv, &i);
        } else if (!options_done && w[0] == '-' && w[1] != '\0') {
            status = parse_short(call, argc, argv, &i);
        } else if (a->npos == CLI_MAX_ARGS) {
            status = cli_usage_error(call, "unexpected argument '%s'", w);
        } else {
            a->pos[a->npos++] = w;
        }
        if (status != CLI_EXIT_OK) {
            return status;
        }
    }
    return CLI_EXIT_OK;
}

const char *cli_opt(const struct cli_args *args, const char *name)
{
    int idx = opt_index(args->opts, name, strlen(name));
    return idx < 0 ? NULL : args->val[idx];
}

bool cli_flag(const struct cli_args *args, const char *name)
{
    return cli_opt(args, name) != NULL;
}

const char *cli_opt_next(const struct cli_args *args, const char *name, unsigned *cursor)
{
    int idx = opt_index(args->opts, name, strlen(name));
    while (idx >= 0 && *cursor < args->noccur) {
        unsigned k = (*cursor)++;
        if (args->occur[k].idx == (unsigned char)idx) {
            return args->occur[k].val;
        }
    }
    return NULL;
}

unsigned cli_opt_count(const struct cli_args *args, const char *name)
{
    unsigned cursor = 0;
    unsigned n = 0;
    while (cli_opt_next(args, name, &cursor) != NULL) {
        n++;
    }
    return n;
}

void cli_print_opts(FILE *out, const struct cli_opt *opts)
{
    size_t n = opt_count(opts);
    (void)fprintf(out, "options:\n");
    for (size_t i = 0; i < n; i++) {
        char left[64];
        if (opts[i].name[1] == '\0') {
            (void)snprintf(left, sizeof(left), "-%s %s", opts[i].name,
                           opts[i].arg != NULL ? opts[i].arg : "");
        } else if (opts[i].arg != NULL) {
            (void)snprintf(left, sizeof(left), "--%s=%s", opts[i].name, opts[i].arg);
        } else {
            (void)snprintf(left, sizeof(left), "--%s", opts[i].name);
        }
        (void)fprintf(out, "  %-22s %s\n", left, opts[i].help);
    }
    (void)fprintf(out, "  %-22s %s\n", "-h, --help", "show this help");
}

int cli_parse_size(const char *s, uint64_t max, uint64_t *out)
{
    if (!isdigit((unsigned char)s[0])) {
        return -1;
    }
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0) {
        return -1;
    }
    uint64_t mul = 1;
    if (*end == 'K' || *end == 'k') {
        mul = 1024u;
        end++;
    } else if (*end == 'M' || *end == 'm') {
        mul = (uint64_t)1024u * 1024u;
        end++;
    }
    if (*end != '\0' || v > max / mul) {
        return -1;
    }
    *out = (uint64_t)v * mul;
    return 0;
}

int cli_parse_u32(const char *s, uint32_t *out)
{
    int base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    }
    if (!(base == 16 ? isxdigit((unsigned char)s[0]) : isdigit((unsigned char)s[0]))) {
        return -1;
    }
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(s, &end, base);
    if (errno != 0 || *end != '\0' || v > UINT32_MAX) {
        return -1;
    }
    *out = (uint32_t)v;
    return 0;
}
