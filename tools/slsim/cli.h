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
#include "pki/pki.h"

/** Exit codes (`slsim help exit-codes`, docs/cli.md). */
enum cli_exit {
    CLI_EXIT_OK = 0,      /**< success */
    CLI_EXIT_FAILED = 1,  /**< the operation failed with an SL code, or a check found damage */
    CLI_EXIT_USAGE = 2,   /**< unknown command or option, bad argument count or value */
    CLI_EXIT_ENV = 3,     /**< image or host file missing, unreadable, in use or not an image */
    CLI_EXIT_REVOKED = 4, /**< `catalog check`: the certificate is revoked */
};

#define CLI_MAX_OPTS  16  /**< options per command */
#define CLI_MAX_ARGS  8   /**< positional arguments per command */
#define CLI_MAX_OCCUR 256 /**< option occurrences per command line (repeatable options) */

/**
 * One option of a command: `--name` (a flag) or `--name VALUE` / `--name=VALUE`. A name of one
 * letter is a short option: `-o VALUE` or `-oVALUE` (`--o` is not accepted).
 */
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
    /** Every option given, in command-line order (repeatable options: cli_opt_next()). */
    struct {
        unsigned char idx; /**< index in opts */
        const char *val;   /**< its value, "" for a flag */
    } occur[CLI_MAX_OCCUR];
    unsigned noccur;
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

/**
 * Iterates over every value of a repeatable option, in command-line order: start with
 * `*cursor = 0`; returns the next value of @p name, or NULL when there is none left.
 */
const char *cli_opt_next(const struct cli_args *args, const char *name, unsigned *cursor);

/** How many times option @p name was given. */
unsigned cli_opt_count(const struct cli_args *args, const char *name);

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

/* ---- cmd_catalog_certs.c: host files and certificates (catalog, pki) ------------------------
 */

/** cli_write_host() flags. */
enum cli_write_flags {
    CLI_WRITE_EXCL = 1u << 0,    /**< refuse to replace an existing file */
    CLI_WRITE_PRIVATE = 1u << 1, /**< mode 0600 (private keys) */
};

/** One certificate read from a host file. */
struct cli_cert {
    uint8_t *der; /**< the DER bytes (malloc'd) */
    size_t len;
    uint8_t sha256[32];  /**< SHA-256 of the DER: the catalog entry */
    bool parsed;         /**< mbedTLS parsed it (else subject and cn are empty) */
    bool self_signed;    /**< issuer name == subject name */
    char subject[256];   /**< one-line DN: "C=IL, ..., CN=dummy-root-ca-cert" */
    char cn[128];        /**< the common name, "" if none */
    char issuer[256];    /**< the issuer's one-line DN */
    char issuer_cn[128]; /**< the issuer's common name, "" if none */
    char source[256];    /**< the host file it came from */
    unsigned index;      /**< its position in a PEM file (1, 2, ...), 0 for a DER file */
};

/** A growable list of certificates. Zero-initialise; release with cli_cert_list_free(). */
struct cli_cert_list {
    struct cli_cert *items;
    size_t n;
    size_t cap;
};

/** Reads a whole host file (at most 8 MB); prints the error and returns CLI_EXIT_ENV. */
int cli_read_host(const char *path, uint8_t **data, size_t *len);

/** Writes a host file (enum cli_write_flags); prints the error and returns CLI_EXIT_ENV. */
int cli_write_host(const char *path, const void *data, size_t len, unsigned flags);

/** Lowercase hex of @p n bytes into @p out (2n + 1 bytes). */
void cli_hex(const uint8_t *p, size_t n, char *out);

/** "2016-09-11 14:26:55 UTC", or "2016-09-11" without @p with_time. */
void cli_utc(int64_t t, bool with_time, char *buf, size_t len);

/** Parses Unix seconds (decimal, 1950 to 9999). @return 0 or -1. */
int cli_parse_time(const char *s, int64_t *out);

/**
 * Appends the certificates of a host file: every CERTIFICATE block of a PEM file, or one DER
 * certificate.
 * @return CLI_EXIT_OK; CLI_EXIT_ENV if unreadable; CLI_EXIT_FAILED if malformed (message printed)
 */
int cli_certs_load(struct cli_cert_list *l, const char *path);

/**
 * cli_certs_load() for every regular file of @p dir, in name order; files that are not
 * certificates are skipped and counted in @p skipped (may be NULL).
 */
int cli_certs_load_dir(struct cli_cert_list *l, const char *dir, size_t *skipped);

/** A directory (cli_certs_load_dir()) or a file (cli_certs_load()). */
int cli_certs_load_path(struct cli_cert_list *l, const char *path);

/** Releases the list (NULL members allowed). */
void cli_cert_list_free(struct cli_cert_list *l);

/** The first certificate of @p l with this SHA-256, or NULL. */
const struct cli_cert *cli_cert_find(const struct cli_cert_list *l, const uint8_t *sha256);

/** "'file'" or "'file' #3" for messages. */
void cli_cert_where(const struct cli_cert *c, char *buf, size_t len);

/** The subject for display, or "(not parsed)". */
const char *cli_cert_label(const struct cli_cert *c);

/* ---- the nouns --------------------------------------------------------------------------------
 */

/* cmd_fs_show.c: the listing verbs of `slsim fs` (registered in cmd_fs.c) */
int cli_fs_ls(const struct cli_call *call);
int cli_fs_stat(const struct cli_call *call);

/* cmd_catalog_*.c: the verbs of `slsim catalog` (registered in cmd_catalog.c) */
struct slsim_catalog;
struct slsim_catalog_diag;

/**
 * Reads and decodes a `.lst` host file into @p cat (@p len: its size; @p diag: warnings).
 * @return CLI_EXIT_OK; CLI_EXIT_ENV if unreadable; CLI_EXIT_FAILED if it does not decode
 *         ("cannot read catalog 'f': SLSIM_CATALOG_BAD_SIZE (2): ..." printed)
 */
int cli_catalog_read(const char *path,
                     struct slsim_catalog *cat,
                     size_t *len,
                     struct slsim_catalog_diag *diag);

int cli_catalog_build(const struct cli_call *call);
int cli_catalog_show(const struct cli_call *call);
int cli_catalog_status(const struct cli_call *call);
int cli_catalog_sign(const struct cli_call *call);
int cli_catalog_verify(const struct cli_call *call);
int cli_catalog_install(const struct cli_call *call);
int cli_catalog_vendor_root(const struct cli_call *call);

/* created -> valid until in TI's catalogs: 0x613D110F - 0x57D569AF = 1826 days + 6 hours. */
#define CLI_CATALOG_TI_VALIDITY ((int64_t)1826 * 86400 + (int64_t)6 * 3600)

/* cmd_pki.c: issuing one certificate and writing it (shared by `pki issue` and `playground`) */

/** What to issue and where to write it. */
struct cli_pki_req {
    const char *dir;                  /**< output directory */
    const char *file;                 /**< DIR/FILE (certificate) and DIR/FILE-key */
    struct slsim_pki_cert_req cert;   /**< subject, names, validity, CA, digest */
    enum slsim_pki_key_type key_type; /**< the new key */
    const uint8_t *issuer_der;        /**< NULL: self-signed */
    size_t issuer_len;
    const struct slsim_pki_key *issuer_key;
};

/** What was issued (release with cli_pki_out_free()). */
struct cli_pki_out {
    struct slsim_pki_key *key;
    uint8_t *der; /**< the certificate */
    size_t len;
    uint8_t *key_der; /**< the private key (PKCS#1 for RSA, SEC1 for EC) */
    size_t key_len;
};

/** "DIR/NAME" into @p buf; CLI_EXIT_USAGE-free: returns -1 if it does not fit. */
int cli_path_join(char *buf, size_t len, const char *dir, const char *name);

/**
 * Generates the key, issues the certificate and writes DIR/FILE and DIR/FILE-key (DER, never
 * replacing an existing file; the key with mode 0600). Prints the error and returns an exit code.
 */
int cli_pki_make(const struct cli_pki_req *rq, struct cli_pki_out *out);

/**
 * Refuses (exit 3, "cannot write 'DIR/FILEsuffix': File exists") if any DIR/FILE<suffix> of the
 * NULL-terminated @p suffixes exists, so a command fails before it writes anything.
 */
int cli_pki_check_free(const char *dir, const char *file, const char *const *suffixes);

/** Creates directory @p dir unless it exists (exit 3 with a message if that fails). */
int cli_make_dir(const char *dir);

/** Releases @p out (NULL members allowed). */
void cli_pki_out_free(struct cli_pki_out *out);

/* cmd_pki_playground.c: `slsim pki playground` (registered in cmd_pki.c) */
int cli_pki_playground(const struct cli_call *call);

extern const struct cli_noun cli_noun_catalog;
extern const struct cli_noun cli_noun_fs;
extern const struct cli_noun cli_noun_image;
extern const struct cli_noun cli_noun_mqtt;
extern const struct cli_noun cli_noun_pki;

int cmd_catalog(int argc, char **argv);
int cmd_doctor(int argc, char **argv); /* cmd_doctor.c: `slsim doctor` (no verbs) */
int cmd_fs(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_image(int argc, char **argv);
int cmd_mqtt(int argc, char **argv); /* cmd_mqtt.c: `slsim mqtt pub|sub` */
int cmd_pki(int argc, char **argv);
int cmd_run(int argc, char **argv); /* cmd_run.c: `slsim run` (no verbs) */

/** The help of `slsim run` (cmd_run.c). */
void cli_run_help(FILE *out);

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
