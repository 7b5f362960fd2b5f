/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_help.c
 * @brief `slsim help [COMMAND [VERB] | exit-codes]` and the help texts behind every `--help`,
 *        generated from the command, verb and option tables (one source for parsing and help).
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "core/banned.h"

static const char exit_codes_text[] =
    "exit codes:\n"
    "  0  success\n"
    "  1  the operation failed: the device answered with an SL error code, which the\n"
    "     message names (e.g. SL_ERROR_FS_FILE_NOT_EXISTS (-10341)); or 'image check'\n"
    "     found damaged file contents\n"
    "  2  usage: unknown command or option, wrong number of arguments, invalid value\n"
    "  3  environment: the image is missing, unreadable, in use, not an slsim image,\n"
    "     or its metadata is damaged; or a host file cannot be read or written\n"
    "  4  'catalog check': the certificate is revoked\n"
    "  5  'doctor': connected, but with a warning code (-453, -461, -467, -468)\n"
    "\n"
    "'catalog check' answers by its exit code: 0 trusted, 1 not listed, 4 revoked; a\n"
    "catalog or certificate it cannot use (unreadable, malformed, not installed or\n"
    "rejected on the image) is 3 there, never 1. 'catalog verify' exits 1 when the\n"
    "signature does not verify; 'catalog status' exits 1 when the catalog is rejected.\n"
    "'doctor' exits 0 connected and verified, 5 connected with a warning, 1 not\n"
    "connected (or the MQTT CONNECT refused), 3 when the device cannot be started.\n"
    "'run' exits with the program's status (a signal: 128 + its number); 2 and 3 as\n"
    "above, 126 when the program cannot be started, 127 when it is not found.\n";

void cli_usage_line(const struct cli_noun *noun, const struct cli_verb *verb)
{
    (void)fprintf(stderr, "usage: slsim %s %s%s %s\n", noun->name, verb->name,
                  verb->opts != NULL ? " [options]" : "", verb->synopsis);
}

void cli_help_top(FILE *out)
{
    size_t n = 0;
    const struct cli_command *cmds = cli_commands(&n);
    (void)fprintf(out, "usage: slsim <command> [<verb>] [options] [args]\n\n"
                       "Tools for slsim, the emulator of the TI SimpleLink CC32xx Wi-Fi network\n"
                       "processor: build and inspect device flash images, their files and their\n"
                       "trusted-root catalogs, and make test certificates.\n\n"
                       "commands:\n");
    for (size_t i = 0; i < n; i++) {
        const struct cli_noun *noun = cmds[i].noun;
        if (noun == NULL) {
            (void)fprintf(out, "  %-20s %s\n", cmds[i].name, cmds[i].help);
            continue;
        }
        for (size_t v = 0; v < noun->nverbs; v++) {
            char left[48];
            (void)snprintf(left, sizeof(left), "%s %s", noun->name, noun->verbs[v].name);
            (void)fprintf(out, "  %-20s %s\n", left, noun->verbs[v].help);
        }
    }
    (void)fprintf(out,
                  "\noptions:\n"
                  "  %-20s %s\n"
                  "  %-20s %s\n\n"
                  "Run 'slsim help <command> [<verb>]' or add --help to any command for its\n"
                  "options; 'slsim help exit-codes' lists the exit codes.\n",
                  "-h, --help", "show this help", "--version", "print the version");
}

void cli_help_noun(FILE *out, const struct cli_noun *noun)
{
    (void)fprintf(out, "usage: slsim %s <verb> [options] [args]\n\n%s\n\nverbs:\n", noun->name,
                  noun->help);
    for (size_t v = 0; v < noun->nverbs; v++) {
        const struct cli_verb *verb = &noun->verbs[v];
        char left[64];
        (void)snprintf(left, sizeof(left), "%s %s", verb->name, verb->synopsis);
        (void)fprintf(out, "  %-28s %s\n", left, verb->help);
    }
    (void)fprintf(out, "\nRun 'slsim %s <verb> --help' for the options of a verb.\n", noun->name);
}

void cli_help_verb(FILE *out, const struct cli_noun *noun, const struct cli_verb *verb)
{
    (void)fprintf(out, "usage: slsim %s %s%s %s\n\n%s\n", noun->name, verb->name,
                  verb->opts != NULL ? " [options]" : "", verb->synopsis, verb->help);
    if (verb->details != NULL) {
        (void)fprintf(out, "\n%s", verb->details);
    }
    (void)fputc('\n', out);
    cli_print_opts(out, verb->opts);
    if (verb->more_help != NULL) {
        verb->more_help(out);
    }
}

static void help_self(FILE *out)
{
    (void)fprintf(out, "usage: slsim help [<command> [<verb>] | exit-codes]\n\n"
                       "show help for a command, or the exit codes\n");
}

static int unknown_topic(const char *word)
{
    size_t n = 0;
    const struct cli_command *cmds = cli_commands(&n);
    char near[128];
    cli_error("no help on '%s'", word);
    if (strcmp(word, "exit") == 0 || strcmp(word, "exit-code") == 0 ||
        strcmp(word, "exitcodes") == 0) {
        cli_error("did you mean 'exit-codes'?");
    } else if (cli_suggest(word, cmds, n, sizeof(cmds[0]), "", near, sizeof(near))) {
        cli_error("did you mean %s?", near);
    }
    (void)fprintf(stderr, "try 'slsim help'\n");
    return CLI_EXIT_USAGE;
}

static int help_on_noun(const struct cli_noun *noun, int argc, char **argv)
{
    if (argc == 2) {
        cli_help_noun(stdout, noun);
        return CLI_EXIT_OK;
    }
    const struct cli_verb *verb = cli_verb_find(noun, argv[2]);
    if (verb == NULL) {
        char near[128];
        cli_error("no help on '%s %s'", noun->name, argv[2]);
        if (cli_suggest(argv[2], noun->verbs, noun->nverbs, sizeof(noun->verbs[0]), "", near,
                        sizeof(near))) {
            cli_error("did you mean %s?", near);
        }
        (void)fprintf(stderr, "try 'slsim %s --help'\n", noun->name);
        return CLI_EXIT_USAGE;
    }
    if (argc > 3) {
        cli_error("unexpected argument '%s'", argv[3]);
        (void)fprintf(stderr, "usage: slsim help [<command> [<verb>] | exit-codes]\n");
        return CLI_EXIT_USAGE;
    }
    cli_help_verb(stdout, noun, verb);
    return CLI_EXIT_OK;
}

int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        cli_help_top(stdout);
        return CLI_EXIT_OK;
    }
    const char *topic = argv[1];
    if (strcmp(topic, "--help") == 0 || strcmp(topic, "-h") == 0 || strcmp(topic, "help") == 0) {
        help_self(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(topic, "exit-codes") == 0) {
        (void)fputs(exit_codes_text, stdout);
        return CLI_EXIT_OK;
    }
    const struct cli_command *cmd = cli_command_find(topic);
    if (cmd != NULL && cmd->noun == NULL && cmd->fn != cmd_help && argc == 2) {
        static char help_flag[] = "--help"; /* a command without verbs prints its own help */
        char *args[] = { argv[1], help_flag, NULL };
        return cmd->fn(2, args);
    }
    if (cmd == NULL || cmd->noun == NULL) {
        return unknown_topic(topic);
    }
    return help_on_noun(cmd->noun, argc, argv);
}
