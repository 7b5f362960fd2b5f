/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_fs_show.c
 * @brief `slsim fs ls` and `slsim fs stat`: the file list (text table, CSV, JSON) and one
 *        file's details, with the SL_FS_INFO_* bits decoded as words.
 *
 * The verbs are registered in cmd_fs.c. Output formats are documented in docs/cli.md.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/errtab.h"
#include "fs/fs.h"

#include "core/banned.h"

/* SL_FS_INFO_* bits as words, in display order. NOT_FAILSAFE reads better inverted. */
static const struct flag_word {
    uint32_t bit;
    bool inverted;
    const char *word;
} flag_words[] = {
    { SLSIM_FS_INFO_NOT_FAILSAFE, true, "failsafe" },
    { SLSIM_FS_INFO_SECURE, false, "secure" },
    { SLSIM_FS_INFO_NOSIGNATURE, false, "nosignature" },
    { SLSIM_FS_INFO_PUBLIC_READ, false, "public-read" },
    { SLSIM_FS_INFO_PUBLIC_WRITE, false, "public-write" },
    { SLSIM_FS_INFO_SYS_FILE, false, "system" },
    { SLSIM_FS_INFO_NOT_VALID, false, "not-valid" },
    { SLSIM_FS_INFO_PENDING_COMMIT, false, "pending-commit" },
    { SLSIM_FS_INFO_PENDING_BUNDLE_COMMIT, false, "pending-bundle" },
    { SLSIM_FS_INFO_MUST_COMMIT, false, "must-commit" },
    { SLSIM_FS_INFO_BUNDLE_FILE, false, "bundle" },
    { SLSIM_FS_INFO_OPEN_READ, false, "open-read" },
    { SLSIM_FS_INFO_OPEN_WRITE, false, "open-write" },
};

#define N_FLAG_WORDS (sizeof(flag_words) / sizeof(flag_words[0]))

static bool has_word(uint32_t flags, const struct flag_word *w)
{
    return ((flags & w->bit) != 0) != w->inverted;
}

/* Words joined by @p sep, or @p none when no word applies. */
static void flags_text(uint32_t flags, char sep, const char *none, char *buf, size_t len)
{
    const char sepstr[2] = { sep, '\0' };
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < N_FLAG_WORDS && used < len; i++) {
        if (has_word(flags, &flag_words[i])) {
            int n = snprintf(buf + used, len - used, "%s%s", used > 0 ? sepstr : "",
                             flag_words[i].word);
            used += n > 0 ? (size_t)n : 0;
        }
    }
    if (used == 0) {
        (void)snprintf(buf, len, "%s", none);
    }
}

static cJSON *flags_json(uint32_t flags)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < N_FLAG_WORDS; i++) {
        if (has_word(flags, &flag_words[i])) {
            cJSON_AddItemToArray(a, cJSON_CreateString(flag_words[i].word));
        }
    }
    return a;
}

/* ---- ls -------------------------------------------------------------------------------------- */

enum ls_format { LS_TEXT, LS_CSV, LS_JSON };

/* The file list leaves out NOSIGNATURE (as the chip's list does); get_info has it. */
static uint32_t entry_flags(struct slsim_fs *fs, const struct slsim_fs_entry *e)
{
    struct slsim_fs_info info;
    int32_t ret = slsim_fs_get_info(fs, e->name, 0, &info, SLSIM_FS_CALLER_TOOL);
    bool filled = ret == 0 || ret == SL_ERROR_FS_FILE_IS_ALREADY_OPENED ||
                  ret == SL_ERROR_FS_FILE_HAS_NOT_BEEN_CLOSE_CORRECTLY;
    return e->properties | (filled ? (info.flags & SLSIM_FS_INFO_NOSIGNATURE) : 0u);
}

/* RFC 4180: quote a field holding a comma, quote or line break; double inner quotes. */
static void csv_field(const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        (void)fputs(s, stdout);
        return;
    }
    (void)putchar('"');
    for (; *s != '\0'; s++) {
        if (*s == '"') {
            (void)putchar('"');
        }
        (void)putchar(*s);
    }
    (void)putchar('"');
}

static void
ls_row(enum ls_format fmt, int width, const struct slsim_fs_entry *e, uint32_t flags, cJSON *list)
{
    char words[256];
    if (fmt == LS_JSON) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", e->name);
        cJSON_AddNumberToObject(o, "length", e->len);
        cJSON_AddNumberToObject(o, "max_size", e->max_size);
        cJSON_AddNumberToObject(o, "blocks", e->blocks);
        cJSON_AddNumberToObject(o, "properties", flags);
        cJSON_AddItemToObject(o, "flags", flags_json(flags));
        cJSON_AddItemToArray(list, o);
    } else if (fmt == LS_CSV) {
        flags_text(flags, ' ', "", words, sizeof(words));
        csv_field(e->name);
        (void)printf(",%u,%u,%u,0x%04x,%s\n", e->len, e->max_size, e->blocks, flags, words);
    } else {
        flags_text(flags, ',', "-", words, sizeof(words));
        (void)printf("%-*s  %8u  %8u  %6u  %s\n", width, e->name, e->len, e->max_size, e->blocks,
                     words);
    }
}

/* First pass: count and measure the names, so the text table has one fixed width. */
static int32_t ls_measure(struct slsim_fs *fs, uint32_t *count, int *width)
{
    struct slsim_fs_entry e;
    int32_t idx = -1;
    int32_t ret = 0;
    *count = 0;
    *width = 4;
    while ((ret = slsim_fs_list_next(fs, &idx, &e)) == 1) {
        (*count)++;
        int n = (int)strlen(e.name);
        *width = n > *width ? n : *width;
    }
    return ret;
}

static int32_t ls_print(struct slsim_fs *fs, enum ls_format fmt, const char *path)
{
    uint32_t count = 0;
    int width = 0;
    int32_t ret = ls_measure(fs, &count, &width);
    if (ret < 0) {
        return ret;
    }
    cJSON *root = NULL;
    cJSON *list = NULL;
    if (fmt == LS_JSON) {
        root = cJSON_CreateObject();
        cJSON_AddStringToObject(root, "image", path);
        list = cJSON_AddArrayToObject(root, "files");
    } else if (fmt == LS_CSV) {
        (void)printf("name,length,max_size,blocks,properties,flags\n");
    } else if (count > 0) {
        (void)printf("%-*s  %8s  %8s  %6s  %s\n", width, "NAME", "LENGTH", "MAX SIZE", "BLOCKS",
                     "FLAGS");
    }
    struct slsim_fs_entry e;
    int32_t idx = -1;
    while ((ret = slsim_fs_list_next(fs, &idx, &e)) == 1) {
        ls_row(fmt, width, &e, entry_flags(fs, &e), list);
    }
    if (fmt == LS_JSON) {
        cJSON_AddNumberToObject(root, "count", count);
        if (ret < 0) {
            cJSON_Delete(root);
            return ret;
        }
        return cli_print_json(root) == CLI_EXIT_OK ? 0 : 1;
    }
    if (fmt == LS_TEXT && ret == 0) {
        (void)printf("%u %s\n", count, cli_plural(count, "file", "files"));
    }
    return ret;
}

int cli_fs_ls(const struct cli_call *call)
{
    const char *format = cli_opt(&call->args, "format");
    bool json = cli_flag(&call->args, "json");
    enum ls_format fmt = json ? LS_JSON : LS_TEXT;
    if (format != NULL) {
        if (json && strcmp(format, "json") != 0) {
            return cli_usage_error(call, "options '--json' and '--format=%s' conflict", format);
        }
        if (strcmp(format, "csv") == 0) {
            fmt = LS_CSV;
        } else if (strcmp(format, "json") == 0) {
            fmt = LS_JSON;
        } else if (strcmp(format, "text") != 0) {
            return cli_usage_error(call, "invalid --format '%s': expected text, csv or json",
                                   format);
        }
    }
    struct cli_image img;
    int status = cli_image_open_ro(&img, call->args.pos[0]);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    int32_t ret = ls_print(img.fs, fmt, img.path);
    if (ret < 0) {
        status = cli_sl_error(CLI_EXIT_FAILED, ret, NULL, "cannot list '%s'", img.path);
    } else if (ret > 0) {
        status = CLI_EXIT_ENV; /* the JSON could not be written; already reported */
    }
    return cli_image_close(&img, status);
}

/* ---- stat ------------------------------------------------------------------------------------ */

static const char *const token_keys[4][2] = {
    { "token master", "master" },
    { "token write-read", "write_read" },
    { "token write-only", "write_only" },
    { "token read-only", "read_only" },
};

static int stat_json(const char *name, const struct slsim_fs_info *info, int32_t status)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", name);
    cJSON_AddNumberToObject(o, "flags", info->flags);
    cJSON_AddItemToObject(o, "flag_words", flags_json(info->flags));
    cJSON_AddNumberToObject(o, "length", info->len);
    cJSON_AddNumberToObject(o, "max_size", info->max_size);
    cJSON_AddNumberToObject(o, "storage_size", info->storage_size);
    cJSON_AddNumberToObject(o, "blocks", info->blocks);
    cJSON_AddNumberToObject(o, "write_counter", info->write_counter);
    if (info->flags & SLSIM_FS_INFO_SECURE) {
        cJSON *t = cJSON_AddObjectToObject(o, "tokens");
        for (int i = 0; i < 4; i++) {
            cJSON_AddNumberToObject(t, token_keys[i][1], info->token[i]);
        }
    }
    if (status != 0) {
        cJSON_AddNumberToObject(o, "status_code", status);
        const char *sl = slsim_sl_errname(status);
        cJSON_AddStringToObject(o, "status_name", sl != NULL ? sl : "");
    }
    return cli_print_json(o);
}

static void stat_text(const char *name, const struct slsim_fs_info *info)
{
    char words[256];
    flags_text(info->flags, ',', "none", words, sizeof(words));
    (void)printf("%-18s%s\n", "name", name);
    (void)printf("%-18s0x%04x (%s)\n", "flags", info->flags, words);
    (void)printf("%-18s%u %s\n", "length", info->len, cli_plural(info->len, "byte", "bytes"));
    (void)printf("%-18s%u bytes\n", "max size", info->max_size);
    (void)printf("%-18s%u bytes\n", "storage size", info->storage_size);
    (void)printf("%-18s%u\n", "blocks", info->blocks);
    (void)printf("%-18s%u\n", "write counter", info->write_counter);
    if (info->flags & SLSIM_FS_INFO_SECURE) {
        for (int i = 0; i < 4; i++) {
            (void)printf("%-18s0x%08x\n", token_keys[i][0], info->token[i]);
        }
    }
}

/* Names are case-insensitive: show the name as stored, not as typed. */
static void stored_name(struct slsim_fs *fs, const char *typed, char *buf, size_t len)
{
    struct slsim_fs_entry e;
    int32_t idx = -1;
    (void)snprintf(buf, len, "%s", typed);
    while (slsim_fs_list_next(fs, &idx, &e) == 1) {
        if (slsim_name_equal(e.name, typed)) {
            (void)snprintf(buf, len, "%s", e.name);
            return;
        }
    }
}

int cli_fs_stat(const struct cli_call *call)
{
    char name[SLSIM_FS_NAME_MAX];
    struct cli_image img;
    int status = cli_image_open_ro(&img, call->args.pos[0]);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    struct slsim_fs_info info;
    int32_t ret = slsim_fs_get_info(img.fs, call->args.pos[1], 0, &info, SLSIM_FS_CALLER_TOOL);
    stored_name(img.fs, call->args.pos[1], name, sizeof(name));
    bool filled = ret == 0 || ret == SL_ERROR_FS_FILE_IS_ALREADY_OPENED ||
                  ret == SL_ERROR_FS_FILE_HAS_NOT_BEEN_CLOSE_CORRECTLY;
    if (!filled) {
        status = cli_sl_error(CLI_EXIT_FAILED, ret, NULL, "cannot stat '%s'", call->args.pos[1]);
    } else if (cli_flag(&call->args, "json")) {
        status = stat_json(name, &info, ret);
    } else {
        stat_text(name, &info);
    }
    if (filled && ret != 0) {
        char sl[128];
        cli_note("'%s' %s: %s", name,
                 ret == SL_ERROR_FS_FILE_IS_ALREADY_OPENED ? "is open"
                                                           : "has no valid copy (not closed)",
                 slsim_sl_errfmt(ret, sl, sizeof(sl)));
    }
    return cli_image_close(&img, status);
}
