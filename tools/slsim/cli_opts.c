/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cli_opts.c
 * @brief Option parsing from per-command option tables (git parse-options: options declared as
 *        data, used for both parsing and help), and the number parsers the options need.
 *
 * Accepted forms: `--name`, `--name=VALUE`, `--name VALUE`; options may come before, between
 * or after the arguments; `--` ends the options; `-` alone is an argument (standard input or
 * output). A repeated option keeps its last value.
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

static int unknown_option(const struct cli_call *call, const char *word, size_t len)
{
    const struct cli_opt *opts = call->verb->opts;
    char near[160];
    char name[64];
    (void)snprintf(name, sizeof(name), "%.*s", (int)len, word);
    if (opts != NULL &&
        cli_suggest(name, opts, opt_count(opts), sizeof(opts[0]), "--", near, sizeof(near))) {
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
    int idx = opt_index(a->opts, name, len);
    if (idx < 0) {
        return unknown_option(call, name, len);
    }
    const struct cli_opt *o = &a->opts[idx];
    if (o->arg == NULL) {
        if (eq != NULL) {
            return cli_usage_error(call, "option '--%s' takes no value", o->name);
        }
        a->val[idx] = "";
        return CLI_EXIT_OK;
    }
    if (eq != NULL) {
        a->val[idx] = eq + 1;
    } else if (*i + 1 < argc) {
        a->val[idx] = argv[++*i];
    } else {
        return cli_usage_error(call, "option '--%s' needs a value (%s)", o->name, o->arg);
    }
    if (a->val[idx][0] == '\0') {
        return cli_usage_error(call, "option '--%s' needs a value (%s)", o->name, o->arg);
    }
    return CLI_EXIT_OK;
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
            status = cli_usage_error(call, "unknown option '%s'", w);
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

void cli_print_opts(FILE *out, const struct cli_opt *opts)
{
    size_t n = opt_count(opts);
    (void)fprintf(out, "options:\n");
    for (size_t i = 0; i < n; i++) {
        char left[64];
        if (opts[i].arg != NULL) {
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
