/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cli.h
 * @brief Declarations shared by the files of the `slsim` command-line tool.
 *
 * The tool is `slsim <noun> <verb> [options] [args]` (STYLE §13). main.c dispatches from a
 * sorted command table to one handler per noun (cmd_<noun>()); each noun declares its verbs as
 * data (struct cli_verb: name, handler, argument counts, synopsis, help, option table), so the
 * dispatcher, not each handler, parses options and checks argument counts, and the same tables
 * drive `--help` and the golden help tests. Nothing here keeps mutable state.
 */
#ifndef SLSIM_TOOLS_CLI_H
#define SLSIM_TOOLS_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "core/core.h"

/** Exit codes (`slsim help exit-codes`, docs/cli.md). */
enum cli_exit {
    CLI_EXIT_OK = 0,     /**< success */
    CLI_EXIT_FAILED = 1, /**< the operation failed with an SL code, or a check found damage */
    CLI_EXIT_USAGE = 2,  /**< unknown command or option, bad argument count or value */
    CLI_EXIT_ENV = 3,    /**< image or host file missing, unreadable, in use or not an image */
};

#define CLI_MAX_OPTS 16 /**< options per command */
#define CLI_MAX_ARGS 8  /**< positional arguments per command */

/** One option of a command: `--name` (a flag) or `--name VALUE` / `--name=VALUE`. */
struct cli_opt {
    const char *name; /**< long name without the dashes; NULL ends a table */
    const char *arg;  /**< value placeholder shown in help ("BYTES"), NULL for a flag */
    const char *help; /**< one line, lowercase, no final period */
};

/** The parsed command line of one verb. */
struct cli_args {
    const struct cli_opt *opts;    /**< the verb's option table (may be NULL) */
    const char *val[CLI_MAX_OPTS]; /**< per option: its value, "" for a set flag, NULL if absent */
    const char *pos[CLI_MAX_ARGS]; /**< positional arguments */
    unsigned npos;
};

struct cli_call;

/** A verb handler: returns an exit code (enum cli_exit). */
typedef int (*cli_verb_fn)(const struct cli_call *call);

/** One verb of a noun (Zephyr SHELL_CMD_ARG style: the dispatcher checks the counts). */
struct cli_verb {
    const char *name;
    cli_verb_fn fn;
    unsigned min_args;
    unsigned max_args;
    const char *synopsis;         /**< the arguments: "IMAGE DEVNAME [OUT]" */
    const char *help;             /**< one-line summary */
    const char *details;          /**< paragraphs for --help (lines end with \n), or NULL */
    const struct cli_opt *opts;   /**< option table ending with { NULL }, or NULL */
    void (*more_help)(FILE *out); /**< prints generated help (lists), or NULL */
};

/** A noun and its verbs (sorted by name). */
struct cli_noun {
    const char *name;
    const char *help;
    const struct cli_verb *verbs;
    size_t nverbs;
};

/** A top-level command (main.c's sorted table). */
struct cli_command {
    const char *name;
    int (*fn)(int argc, char **argv); /**< argv[0] is the command name */
    const struct cli_noun *noun;      /**< its verbs, or NULL (help) */
    const char *help;
};

/** What a verb handler receives. */
struct cli_call {
    const struct cli_noun *noun;
    const struct cli_verb *verb;
    struct cli_args args;
};

/* ---- main.c: dispatch and suggestions ----------------------------------------------------- */

/** The sorted command table. */
const struct cli_command *cli_commands(size_t *count);

/** Finds a command by exact name; NULL if none. */
const struct cli_command *cli_command_find(const char *name);

/** Finds a verb of @p noun by exact name; NULL if none. */
const struct cli_verb *cli_verb_find(const struct cli_noun *noun, const char *name);

/**
 * Runs `slsim <noun> ...`: verb lookup (with a suggestion on a typo), `--help`, option parsing,
 * argument counts, then the handler. @p argv[0] is the noun.
 */
int cli_run_noun(const struct cli_noun *noun, int argc, char **argv);

/**
 * Nearest names to @p word among @p n records of @p stride bytes whose first member is a
 * `const char *` name (git help.c style: edit distance with transpositions, prefixes count as
 * near). Writes "'a'" or "'a' or 'b'" into @p buf; returns false if nothing is near enough.
 */
bool cli_suggest(const char *word,
                 const void *base,
                 size_t n,
                 size_t stride,
                 const char *prefix,
                 char *buf,
                 size_t len);

/* ---- cli_opts.c: option tables --------------------------------------------------------------- */

/**
 * Parses @p argv (after the verb) into @p call->args: options anywhere, `--` ends them, `-` is
 * an argument. Prints a usage error and returns CLI_EXIT_USAGE on a bad option.
 */
int cli_parse(struct cli_call *call, int argc, char **argv);

/** True if any of @p argv (before `--`) is `-h` or `--help`. */
bool cli_wants_help(int argc, char **argv);

/** The value of option @p name ("" for a flag), or NULL if it was not given. */
const char *cli_opt(const struct cli_args *args, const char *name);

/** True if flag or option @p name was given. */
bool cli_flag(const struct cli_args *args, const char *name);

/** Prints the option table as help lines. */
void cli_print_opts(FILE *out, const struct cli_opt *opts);

/**
 * Parses a byte count: decimal digits with an optional K or M suffix (1024-based).
 * @return 0, or -1 if @p s is not such a number or exceeds @p max
 */
int cli_parse_size(const char *s, uint64_t max, uint64_t *out);

/** Parses a 32-bit value, decimal or 0x-hexadecimal. @return 0 or -1. */
int cli_parse_u32(const char *s, uint32_t *out);

/* ---- cli_msgs.c: messages and output ------------------------------------------------------- */

/** "slsim: <msg>" on stderr (stdout is flushed first so transcripts keep their order). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** "slsim: warning: <msg>" on stderr. */
void cli_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** "slsim: note: <msg>" on stderr. */
void cli_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** "hint: <msg>" on stderr (git's advice lines). */
void cli_hint(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/**
 * "slsim: <what>: NAME (-NNN)[: diag]" on stderr; returns @p status.
 * @p diag may be NULL; its message is added when it is not empty.
 */
int cli_sl_error(int status, int32_t code, const struct slsim_diag *diag, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/**
 * A usage error: "slsim: <msg>", then the verb's usage line and "try 'slsim <noun> <verb>
 * --help'". @p call may be NULL for top-level errors. Returns CLI_EXIT_USAGE.
 */
int cli_usage_error(const struct cli_call *call, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/** Prints @p json (cJSON_Print) and a newline on stdout, then deletes it; CLI_EXIT_OK or _ENV. */
int cli_print_json(cJSON *json);

/** @p one if @p n is 1, else @p many ("1 block", "2 blocks"). */
const char *cli_plural(uint64_t n, const char *one, const char *many);

/** Flushes stdout; CLI_EXIT_OK, or CLI_EXIT_ENV with a message if the write failed. */
int cli_flush_stdout(void);

/* ---- cli_image.c: an image opened for one command ---------------------------------------------
 */

struct slsim_flash;
struct slsim_fs;
struct slsim_profile;

/** An image opened and mounted (tool mode) for the duration of one command. */
struct cli_image {
    const char *path;
    struct slsim_flash *fl;
    struct slsim_fs *fs;
    const struct slsim_profile *profile; /**< whose limits the mount uses */
};

/**
 * Opens @p path and mounts it with SLSIM_FS_MOUNT_TOOL and the limits of the image's profile.
 * Prints the error and returns CLI_EXIT_ENV if the image is missing, in use or unusable.
 */
int cli_image_open(struct cli_image *img, const char *path);
/** Same, read-only under a shared lock (several readers may look at one image at once). */
int cli_image_open_ro(struct cli_image *img, const char *path);

/**
 * The flash layer's reasons start with "cannot open '<path>': ", which the CLI's own message
 * already says: removes that prefix from @p diag so only the reason ("File exists") remains.
 */
void cli_trim_diag(struct slsim_diag *diag, const char *path);

/**
 * Unmounts (SLSIM_FS_STOP_TOOL, checked) and closes the image. Returns @p status, or
 * CLI_EXIT_FAILED with a message if the unmount failed and @p status was OK. NULL-safe members.
 */
int cli_image_close(struct cli_image *img, int status);

/* ---- the nouns --------------------------------------------------------------------------------
 */

/* cmd_fs_show.c: the listing verbs of `slsim fs` (registered in cmd_fs.c) */
int cli_fs_ls(const struct cli_call *call);
int cli_fs_stat(const struct cli_call *call);

extern const struct cli_noun cli_noun_fs;
extern const struct cli_noun cli_noun_image;

int cmd_fs(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_image(int argc, char **argv);

/* ---- cmd_help.c: help texts --------------------------------------------------------------------
 */

/** The top-level help (`slsim --help`). */
void cli_help_top(FILE *out);

/** The help of a noun (`slsim fs --help`). */
void cli_help_noun(FILE *out, const struct cli_noun *noun);

/** The help of a verb (`slsim fs put --help`). */
void cli_help_verb(FILE *out, const struct cli_noun *noun, const struct cli_verb *verb);

/** Prints "usage: slsim <noun> <verb> [options] <synopsis>" to stderr. */
void cli_usage_line(const struct cli_noun *noun, const struct cli_verb *verb);

#endif /* SLSIM_TOOLS_CLI_H */
