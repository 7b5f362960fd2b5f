/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_fs.c
 * @brief `slsim fs get|ls|put|rm|stat`: the file-system verbs and their table; put, get and rm
 *        live here, ls and stat in cmd_fs_show.c.
 *
 * Every access goes through the programming path (SLSIM_FS_CALLER_TOOL, like UniFlash): system
 * names are allowed and tokens are not checked. Before writing, put refuses what would leave
 * the image worse than before: a signed secure file (its close cannot succeed yet, and the
 * created entry would stay behind without a valid copy) and content larger than the file's
 * maximum size (a non-fail-safe file loses its old content the moment it is opened).
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "fs/fs.h"

#include "core/banned.h"

/* ---- put ------------------------------------------------------------------------------------- */

struct put_req {
    const char *local;
    const char *name;
    uint32_t cflags;
    uint32_t max_size; /* 0: fit the content */
    uint32_t token;
    uint8_t *data;
    size_t len;
};

/* Creation flags by option; every one after the first two needs --secure. */
static const struct {
    const char *opt;
    uint32_t flag;
} put_flags[] = {
    { "failsafe", SLSIM_FS_CF_FAILSAFE },         { "secure", SLSIM_FS_CF_SECURE },
    { "no-signature", SLSIM_FS_CF_NOSIGNATURE },  { "static-token", SLSIM_FS_CF_STATIC_TOKEN },
    { "public-read", SLSIM_FS_CF_PUBLIC_READ },   { "public-write", SLSIM_FS_CF_PUBLIC_WRITE },
    { "vendor-token", SLSIM_FS_CF_VENDOR_TOKEN },
};

#define N_PUT_FLAGS (sizeof(put_flags) / sizeof(put_flags[0]))

static int token_opt(const struct cli_call *call, const char *opt, uint32_t *token)
{
    const char *v = cli_opt(&call->args, opt);
    if (v != NULL && cli_parse_u32(v, token) != 0) {
        return cli_usage_error(call, "invalid --%s '%s': expected a 32-bit number", opt, v);
    }
    return CLI_EXIT_OK;
}

static int put_options(const struct cli_call *call, struct put_req *rq)
{
    for (size_t i = 0; i < N_PUT_FLAGS; i++) {
        if (cli_flag(&call->args, put_flags[i].opt)) {
            rq->cflags |= put_flags[i].flag;
            if (i >= 2 && !(rq->cflags & SLSIM_FS_CF_SECURE)) {
                return cli_usage_error(call, "option '--%s' needs '--secure'", put_flags[i].opt);
            }
        }
    }
    if (cli_flag(&call->args, "vendor-token") && cli_flag(&call->args, "token")) {
        return cli_usage_error(call, "options '--vendor-token' and '--token' conflict");
    }
    int status = token_opt(call, "vendor-token", &rq->token);
    if (status == CLI_EXIT_OK) {
        status = token_opt(call, "token", &rq->token);
    }
    const char *max = cli_opt(&call->args, "max-size");
    uint64_t bytes = 0;
    if (status == CLI_EXIT_OK && max != NULL) {
        if (cli_parse_size(max, UINT32_MAX, &bytes) != 0 || bytes == 0) {
            return cli_usage_error(call, "invalid --max-size '%s': expected 1 or more BYTES", max);
        }
        rq->max_size = (uint32_t)bytes;
    }
    return status;
}

/* Reads LOCAL (or standard input for "-"), at most one byte more than a file may hold. */
static int read_local(struct put_req *rq)
{
    bool is_stdin = strcmp(rq->local, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(rq->local, "rb");
    if (f == NULL) {
        cli_error("cannot read '%s': %s", rq->local, strerror(errno));
        return CLI_EXIT_ENV;
    }
    const size_t cap = (size_t)SLSIM_FS_MAX_FILE_SIZE + 1u;
    rq->data = malloc(cap);
    rq->len = rq->data != NULL ? fread(rq->data, 1, cap, f) : 0;
    int err = errno;
    bool failed = rq->data == NULL || ferror(f);
    if (!is_stdin) {
        (void)fclose(f);
    }
    if (failed) {
        cli_error("cannot read '%s': %s", is_stdin ? "standard input" : rq->local,
                  rq->data == NULL ? "out of memory" : strerror(err));
        return CLI_EXIT_ENV;
    }
    return CLI_EXIT_OK;
}

static int put_refuse(const struct put_req *rq, int32_t code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int put_refuse(const struct put_req *rq, int32_t code, const char *fmt, ...)
{
    struct slsim_diag diag;
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(diag.msg, sizeof(diag.msg), fmt, ap);
    va_end(ap);
    diag.inner = 0;
    return cli_sl_error(CLI_EXIT_FAILED, code, &diag, "cannot write '%s'", rq->name);
}

/* The secure bits that will apply: the file's own if it exists (creation flags count only at
 * creation), else the requested ones. */
static uint32_t effective_flags(bool exists, const struct slsim_fs_info *info, uint32_t requested)
{
    if (!exists) {
        return requested;
    }
    uint32_t f = 0;
    f |= (info->flags & SLSIM_FS_INFO_SECURE) ? SLSIM_FS_CF_SECURE : 0u;
    f |= (info->flags & SLSIM_FS_INFO_NOSIGNATURE) ? SLSIM_FS_CF_NOSIGNATURE : 0u;
    return f;
}

static int refuse_signed(const struct put_req *rq, bool exists)
{
    int status = put_refuse(rq, SL_ERROR_FS_NOT_SUPPORTED,
                            "signed secure files need signature verification, which slsim does "
                            "not support yet");
    if (exists) {
        cli_hint("'%s' is a signed file: remove it and put it again with --secure --no-signature",
                 rq->name);
    } else {
        cli_hint("use --no-signature for an unsigned secure file");
    }
    return status;
}

static int check_name_and_size(const struct put_req *rq)
{
    size_t nlen = strlen(rq->name);
    if (nlen == 0) {
        return put_refuse(rq, SL_ERROR_FS_WRONG_FILE_NAME, "the name is empty");
    }
    if (nlen >= SLSIM_FS_NAME_MAX) {
        return put_refuse(rq, SL_ERROR_FS_WRONG_FILE_NAME,
                          "the name is %zu bytes; 1 to %u are allowed", nlen,
                          SLSIM_FS_NAME_MAX - 1u);
    }
    if (rq->len > SLSIM_FS_MAX_FILE_SIZE) {
        return put_refuse(rq, SL_ERROR_FS_FILE_MAX_SIZE_EXCEEDED, "'%s' is larger than %u bytes",
                          rq->local, SLSIM_FS_MAX_FILE_SIZE);
    }
    return CLI_EXIT_OK;
}

/* What the device would answer, checked before anything on the image changes. */
static int put_precheck(struct slsim_fs *fs, const struct put_req *rq)
{
    int status = check_name_and_size(rq);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    struct slsim_fs_info info;
    int32_t ret = slsim_fs_get_info(fs, rq->name, 0, &info, SLSIM_FS_CALLER_TOOL);
    bool exists = ret != SL_ERROR_FS_FILE_NOT_EXISTS;
    if (exists && ret != 0 && ret != SL_ERROR_FS_FILE_HAS_NOT_BEEN_CLOSE_CORRECTLY) {
        return cli_sl_error(CLI_EXIT_FAILED, ret, NULL, "cannot write '%s'", rq->name);
    }
    uint32_t flags = effective_flags(exists, &info, rq->cflags);
    if ((flags & SLSIM_FS_CF_SECURE) && !(flags & SLSIM_FS_CF_NOSIGNATURE)) {
        return refuse_signed(rq, exists);
    }
    if (exists && (rq->cflags != 0 || rq->max_size != 0)) {
        cli_warning("'%s' exists: it keeps its creation flags and maximum size", rq->name);
    }
    /* A new file with a --max-size beyond the device limit: the device's own code follows. */
    bool bounded = exists || (rq->max_size != 0 && rq->max_size <= SLSIM_FS_MAX_FILE_SIZE);
    uint32_t cap = exists ? info.max_size : slsim_fs_round_max_size(rq->max_size);
    if (bounded && rq->len > cap) {
        return put_refuse(rq, SL_ERROR_FS_OFFSET_OUT_OF_RANGE,
                          "%zu bytes do not fit the maximum size of %u bytes", rq->len, cap);
    }
    return CLI_EXIT_OK;
}

static int put_write(struct slsim_fs *fs, struct put_req *rq)
{
    int32_t ret = slsim_fs_write_file(fs, rq->name, rq->cflags, rq->max_size, rq->data, rq->len,
                                      &rq->token, SLSIM_FS_CALLER_TOOL);
    if (ret < 0) {
        return cli_sl_error(CLI_EXIT_FAILED, ret, NULL, "cannot write '%s'", rq->name);
    }
    struct slsim_fs_info info;
    ret = slsim_fs_get_info(fs, rq->name, 0, &info, SLSIM_FS_CALLER_TOOL);
    if (ret != 0) {
        return cli_sl_error(CLI_EXIT_FAILED, ret, NULL, "cannot stat '%s' after writing it",
                            rq->name);
    }
    (void)printf("wrote '%s': %zu %s (max size %u, %u %s)\n", rq->name, rq->len,
                 cli_plural(rq->len, "byte", "bytes"), info.max_size, info.blocks,
                 cli_plural(info.blocks, "block", "blocks"));
    if (info.flags & SLSIM_FS_INFO_SECURE) {
        (void)printf("token 0x%08x\n", info.token[SLSIM_FS_TOKEN_MASTER]);
    }
    return CLI_EXIT_OK;
}

static int fs_put(const struct cli_call *call)
{
    struct put_req rq;
    memset(&rq, 0, sizeof(rq));
    rq.local = call->args.pos[1];
    rq.name = call->args.pos[2];
    int status = put_options(call, &rq);
    if (status == CLI_EXIT_OK) {
        status = read_local(&rq);
    }
    struct cli_image img;
    if (status == CLI_EXIT_OK) {
        status = cli_image_open(&img, call->args.pos[0]);
        if (status == CLI_EXIT_OK) {
            status = put_precheck(img.fs, &rq);
            if (status == CLI_EXIT_OK) {
                status = put_write(img.fs, &rq);
            }
            status = cli_image_close(&img, status);
        }
    }
    free(rq.data);
    return status;
}

/* ---- get, rm --------------------------------------------------------------------------------- */

static int write_out(const char *out, const uint8_t *data, size_t len)
{
    if (out == NULL || strcmp(out, "-") == 0) {
        if (len > 0 && fwrite(data, 1, len, stdout) != len) {
            cli_error("cannot write to standard output: %s", strerror(errno));
            return CLI_EXIT_ENV;
        }
        return cli_flush_stdout();
    }
    FILE *f = fopen(out, "wb");
    if (f == NULL) {
        cli_error("cannot write '%s': %s", out, strerror(errno));
        return CLI_EXIT_ENV;
    }
    bool ok = len == 0 || fwrite(data, 1, len, f) == len;
    int err = errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        cli_error("cannot write '%s': %s", out, strerror(err));
        return CLI_EXIT_ENV;
    }
    return CLI_EXIT_OK;
}

static int fs_get(const struct cli_call *call)
{
    const char *name = call->args.pos[1];
    const char *out = call->args.npos > 2 ? call->args.pos[2] : NULL;
    uint32_t token = 0;
    int status = token_opt(call, "token", &token);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    struct cli_image img;
    status = cli_image_open_ro(&img, call->args.pos[0]);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    uint8_t *data = NULL;
    size_t len = 0;
    int32_t ret = slsim_fs_read_file(img.fs, name, token, SLSIM_FS_CALLER_TOOL, &data, &len);
    if (ret < 0) {
        status = cli_sl_error(CLI_EXIT_FAILED, ret, NULL, "cannot read '%s'", name);
    }
    status = cli_image_close(&img, status);
    if (status == CLI_EXIT_OK) {
        status = write_out(out, data, len);
    }
    if (status == CLI_EXIT_OK && out != NULL && strcmp(out, "-") != 0) {
        (void)printf("read '%s': %zu %s to '%s'\n", name, len, cli_plural(len, "byte", "bytes"),
                     out);
    }
    free(data);
    return status;
}

static int fs_rm(const struct cli_call *call)
{
    const char *name = call->args.pos[1];
    uint32_t token = 0;
    int status = token_opt(call, "token", &token);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    struct cli_image img;
    status = cli_image_open(&img, call->args.pos[0]);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    int32_t ret = slsim_fs_delete(img.fs, name, token, SLSIM_FS_CALLER_TOOL);
    if (ret < 0) {
        status = cli_sl_error(CLI_EXIT_FAILED, ret, NULL, "cannot remove '%s'", name);
    } else {
        (void)printf("removed '%s'\n", name);
    }
    return cli_image_close(&img, status);
}

/* ---- the noun -------------------------------------------------------------------------------- */

static const struct cli_opt token_opts[] = {
    { "token", "T", "file token (accepted; the programming path does not check tokens)" },
    { NULL, NULL, NULL },
};

static const struct cli_opt json_opts[] = {
    { "json", NULL, "print JSON instead of text" },
    { NULL, NULL, NULL },
};

static const struct cli_opt ls_opts[] = {
    { "format", "FMT", "text (default), csv or json" },
    { "json", NULL, "same as --format=json" },
    { NULL, NULL, NULL },
};

static const struct cli_opt put_opts[] = {
    { "failsafe", NULL, "keep a mirror copy: an interrupted write keeps the old content" },
    { "max-size", "BYTES", "maximum size (default: the content's size; K, M suffixes)" },
    { "no-signature", NULL, "with --secure: an unsigned secure file" },
    { "public-read", NULL, "with --secure: readable without a token" },
    { "public-write", NULL, "with --secure: writable without a token" },
    { "secure", NULL, "encrypted at rest, access needs a token" },
    { "static-token", NULL, "with --secure: writes keep the tokens" },
    { "token", "T", "file token for an existing file (not checked by the tool)" },
    { "vendor-token", "T", "with --secure: use T as the master token" },
    { NULL, NULL, NULL },
};

/* Sorted by name. */
static const struct cli_verb fs_verbs[] = {
    { "get", fs_get, 2, 3, "IMAGE DEVNAME [OUT]", "copy a file out of an image",
      "Reads the device file DEVNAME from IMAGE and writes its content to the host file OUT,\n"
      "or to standard output if OUT is absent or '-'.\n",
      token_opts, NULL },
    { "ls", cli_fs_ls, 1, 1, "IMAGE", "list the files in an image",
      "Lists every file of IMAGE: name, length, maximum size, 4 KB blocks and flags. The\n"
      "text table ends with a count line; CSV has a header row and no count line.\n",
      ls_opts, NULL },
    { "put", fs_put, 3, 3, "IMAGE LOCAL DEVNAME", "copy a host file into an image",
      "Writes the host file LOCAL ('-' for standard input) into IMAGE as DEVNAME, creating it\n"
      "with the given flags, or rewriting it (an existing file keeps its flags and maximum\n"
      "size). Prints the master token of a secure file. Signed secure files (--secure without\n"
      "--no-signature) are refused: their signature cannot be verified yet.\n",
      put_opts, NULL },
    { "rm", fs_rm, 2, 2, "IMAGE DEVNAME", "delete a file from an image",
      "Deletes the device file DEVNAME from IMAGE and frees its blocks.\n", token_opts, NULL },
    { "stat", cli_fs_stat, 2, 2, "IMAGE DEVNAME", "show one file's details",
      "Shows the flags (hex and words), length, maximum size, storage size, blocks and write\n"
      "counter of DEVNAME, and the four tokens of a secure file.\n",
      json_opts, NULL },
};

const struct cli_noun cli_noun_fs = {
    .name = "fs",
    .help = "read and write the files of an image",
    .verbs = fs_verbs,
    .nverbs = sizeof(fs_verbs) / sizeof(fs_verbs[0]),
};

int cmd_fs(int argc, char **argv)
{
    return cli_run_noun(&cli_noun_fs, argc, argv);
}
