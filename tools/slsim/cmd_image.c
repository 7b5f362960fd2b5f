/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_image.c
 * @brief `slsim image create|info|check`: make an empty device image, show its storage state,
 *        verify its metadata and file contents.
 *
 * Output formats and JSON keys are documented in docs/cli.md and pinned by tests/golden/cli.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/errtab.h"
#include "device/device.h"
#include "flash/flash.h"
#include "fs/fs.h"

#include "core/banned.h"

#define DEFAULT_IMAGE_BYTES ((uint64_t)1024u * 1024u)

/* ---- create ---------------------------------------------------------------------------------- */

static int
create_params(const struct cli_call *call, const struct slsim_profile **profile, uint32_t *sectors)
{
    const char *name = cli_opt(&call->args, "profile");
    const char *size = cli_opt(&call->args, "size");
    *profile = name != NULL ? slsim_profile_find(name) : slsim_profile_default();
    if (*profile == NULL) {
        char near[128];
        const char *names[16];
        unsigned n = 0;
        for (; n < slsim_profile_count() && n < 16; n++) {
            names[n] = slsim_profile_at(n)->name;
        }
        if (cli_suggest(name, names, n, sizeof(names[0]), "", near, sizeof(near))) {
            cli_error("unknown profile '%s'", name);
            return cli_usage_error(call, "did you mean %s?", near);
        }
        return cli_usage_error(call, "unknown profile '%s'", name);
    }
    uint64_t bytes = DEFAULT_IMAGE_BYTES;
    const uint64_t max = (uint64_t)SLSIM_FLASH_MAX_SECTORS * SLSIM_FLASH_SECTOR_SIZE;
    const uint64_t min = (uint64_t)SLSIM_FLASH_MIN_SECTORS * SLSIM_FLASH_SECTOR_SIZE;
    if (size != NULL && cli_parse_size(size, UINT64_MAX / 2, &bytes) != 0) {
        return cli_usage_error(call, "invalid --size '%s': expected BYTES, or a number with K or M",
                               size);
    }
    if (bytes < min || bytes > max || bytes % SLSIM_FLASH_SECTOR_SIZE != 0) {
        return cli_usage_error(call, "invalid --size '%s': must be 1M to 32M in steps of 4K", size);
    }
    *sectors = (uint32_t)(bytes / SLSIM_FLASH_SECTOR_SIZE);
    return CLI_EXIT_OK;
}

static int image_create(const struct cli_call *call)
{
    const char *path = call->args.pos[0];
    const struct slsim_profile *profile = NULL;
    uint32_t sectors = 0;
    int status = create_params(call, &profile, &sectors);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    struct slsim_diag diag;
    memset(&diag, 0, sizeof(diag));
    struct slsim_flash *fl = NULL;
    int32_t ret = slsim_flash_open_file(path, true, sectors, &fl, &diag);
    if (ret != 0) {
        cli_trim_diag(&diag, path);
        return cli_sl_error(CLI_EXIT_ENV, ret, &diag, "cannot create image '%s'", path);
    }
    bool dev = cli_flag(&call->args, "development");
    struct slsim_fs_format_opts opts = {
        .profile = profile->name,
        .alert_threshold = profile->fs.alert_threshold,
        .development = dev,
    };
    ret = slsim_fs_format(fl, &opts);
    slsim_flash_close(fl);
    if (ret != 0) {
        (void)remove(path); /* ours, and useless unformatted */
        return cli_sl_error(CLI_EXIT_FAILED, ret, NULL, "cannot format image '%s'", path);
    }
    (void)printf("created '%s': %s%s, %lu bytes (%u blocks)\n", path, profile->name,
                 dev ? ", development" : "", (unsigned long)sectors * SLSIM_FLASH_SECTOR_SIZE,
                 sectors);
    return CLI_EXIT_OK;
}

static void create_more_help(FILE *out)
{
    (void)fprintf(out, "\nprofiles:\n");
    for (unsigned i = 0; i < slsim_profile_count(); i++) {
        const struct slsim_profile *p = slsim_profile_at(i);
        (void)fprintf(out, "  %-10s %s%s\n", p->name, p->chip,
                      p == slsim_profile_default() ? " (default)" : "");
    }
}

/* ---- info ------------------------------------------------------------------------------------ */

static const char *bundle_name(uint32_t state)
{
    switch (state) {
    case SLSIM_FS_BUNDLE_STOPPED:
        return "stopped";
    case SLSIM_FS_BUNDLE_STARTED:
        return "started";
    case SLSIM_FS_BUNDLE_PENDING_COMMIT:
        return "pending-commit";
    default:
        return "unknown";
    }
}

static int info_json(const char *path, const struct slsim_fs_storage *st)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "image", path);
    cJSON_AddStringToObject(o, "profile", st->profile);
    cJSON_AddBoolToObject(o, "development", st->development);
    cJSON_AddBoolToObject(o, "locked", st->locked);
    cJSON_AddNumberToObject(o, "block_size", st->block_size);
    cJSON_AddNumberToObject(o, "capacity_blocks", st->capacity_blocks);
    cJSON_AddNumberToObject(o, "allocated_blocks", st->allocated_blocks);
    cJSON_AddNumberToObject(o, "available_user_blocks", st->available_user_blocks);
    cJSON_AddNumberToObject(o, "largest_gap_blocks", st->largest_gap_blocks);
    cJSON_AddNumberToObject(o, "reserved_blocks", st->reserved_blocks);
    cJSON_AddNumberToObject(o, "reserved_sys_blocks", st->reserved_sys_blocks);
    cJSON_AddNumberToObject(o, "user_files", st->user_files);
    cJSON_AddNumberToObject(o, "sys_files", st->sys_files);
    cJSON_AddNumberToObject(o, "max_files", st->max_files);
    cJSON_AddNumberToObject(o, "max_sys_files", st->max_sys_files);
    cJSON_AddNumberToObject(o, "alerts", st->alerts);
    cJSON_AddNumberToObject(o, "alert_threshold", st->alert_threshold);
    cJSON_AddStringToObject(o, "bundle_state", bundle_name(st->bundle_state));
    cJSON_AddNumberToObject(o, "fat_write_counter", st->fat_write_counter);
    return cli_print_json(o);
}

static const char *blocks(uint32_t n)
{
    return cli_plural(n, "block", "blocks");
}

static void info_text(const char *path, const struct slsim_fs_storage *st)
{
    (void)printf("image          %s\n", path);
    (void)printf("profile        %s\n", st->profile[0] != '\0' ? st->profile : "(none)");
    (void)printf("development    %s\n", st->development ? "yes" : "no");
    (void)printf("locked         %s\n", st->locked ? "yes" : "no");
    (void)printf("block size     %u bytes\n", st->block_size);
    (void)printf("capacity       %u blocks (%lu bytes)\n", st->capacity_blocks,
                 (unsigned long)st->capacity_blocks * st->block_size);
    (void)printf("allocated      %u %s\n", st->allocated_blocks, blocks(st->allocated_blocks));
    (void)printf("available      %u %s for user files\n", st->available_user_blocks,
                 blocks(st->available_user_blocks));
    (void)printf("largest gap    %u %s\n", st->largest_gap_blocks, blocks(st->largest_gap_blocks));
    (void)printf("reserved       %u blocks for metadata, %u for system files\n",
                 st->reserved_blocks, st->reserved_sys_blocks);
    (void)printf("files          %u user, %u system (at most %u, %u of them system)\n",
                 st->user_files, st->sys_files, st->max_files, st->max_sys_files);
    (void)printf("alerts         %u (locks at %u)\n", st->alerts, st->alert_threshold);
    (void)printf("bundle         %s\n", bundle_name(st->bundle_state));
    (void)printf("fat writes     %u\n", st->fat_write_counter);
}

static int image_info(const struct cli_call *call)
{
    struct cli_image img;
    int status = cli_image_open_ro(&img, call->args.pos[0]);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    struct slsim_fs_storage st;
    int32_t ret = slsim_fs_storage(img.fs, &st);
    if (ret != 0) {
        status =
            cli_sl_error(CLI_EXIT_FAILED, ret, NULL, "cannot read the storage of '%s'", img.path);
    } else if (cli_flag(&call->args, "json")) {
        status = info_json(img.path, &st);
    } else {
        info_text(img.path, &st);
    }
    return cli_image_close(&img, status);
}

/* ---- check ----------------------------------------------------------------------------------- */

struct check_result {
    uint32_t files;
    uint32_t unreadable; /* readable copies that fail to load */
    int32_t bad_copies;  /* slsim_fs_check(): every stored copy */
    struct slsim_diag diag;
    cJSON *problems; /* JSON mode only */
};

static void
check_problem(struct check_result *r, const char *name, int32_t code, const char *detail)
{
    char sl[128];
    (void)slsim_sl_errfmt(code, sl, sizeof(sl));
    if (r->problems == NULL) {
        if (name != NULL) {
            (void)printf("bad: '%s': %s\n", name, sl);
        } else {
            (void)printf("bad: %s: %s\n", detail, sl);
        }
        return;
    }
    cJSON *p = cJSON_CreateObject();
    if (name != NULL) {
        cJSON_AddStringToObject(p, "name", name);
    } else {
        cJSON_AddNullToObject(p, "name");
    }
    cJSON_AddNumberToObject(p, "code", code);
    cJSON_AddStringToObject(p, "error", slsim_sl_errname(code) ? slsim_sl_errname(code) : "");
    if (detail != NULL) {
        cJSON_AddStringToObject(p, "detail", detail);
    }
    cJSON_AddItemToArray(r->problems, p);
}

/* Reads every file that has a valid copy (what a reader would hit), then lets the fs module
 * verify every stored copy, pending ones included. */
static int32_t check_files(struct slsim_fs *fs, struct check_result *r)
{
    struct slsim_fs_entry e;
    int32_t idx = -1;
    int32_t ret = 0;
    while ((ret = slsim_fs_list_next(fs, &idx, &e)) == 1) {
        r->files++;
        if (e.properties & SLSIM_FS_INFO_NOT_VALID) {
            /* Not damage (a create or write that was never closed), but worth knowing. */
            cli_warning("'%s' has no valid copy (a write was never closed)", e.name);
            continue;
        }
        uint8_t *data = NULL;
        size_t len = 0;
        int32_t rr = slsim_fs_read_file(fs, e.name, 0, SLSIM_FS_CALLER_TOOL, &data, &len);
        free(data);
        if (rr < 0) {
            r->unreadable++;
            check_problem(r, e.name, rr, NULL);
        }
    }
    if (ret < 0) {
        return ret;
    }
    r->bad_copies = slsim_fs_check(fs, &r->diag);
    if (r->bad_copies < 0) {
        return r->bad_copies;
    }
    if ((uint32_t)r->bad_copies > r->unreadable) {
        /* A copy nobody reads now (an older or pending one) is damaged: fs names the last. */
        check_problem(r, NULL, r->diag.inner, r->diag.msg);
    }
    return 0;
}

static int check_report(const struct cli_call *call, const char *path, struct check_result *r)
{
    bool ok = r->bad_copies == 0 && r->unreadable == 0;
    uint32_t bad =
        (uint32_t)r->bad_copies > r->unreadable ? (uint32_t)r->bad_copies : r->unreadable;
    if (cli_flag(&call->args, "json")) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "image", path);
        cJSON_AddBoolToObject(o, "ok", ok);
        cJSON_AddNumberToObject(o, "files", r->files);
        cJSON_AddNumberToObject(o, "bad_copies", bad);
        cJSON_AddItemToObject(o, "problems", r->problems);
        r->problems = NULL;
        int status = cli_print_json(o);
        return status != CLI_EXIT_OK ? status : (ok ? CLI_EXIT_OK : CLI_EXIT_FAILED);
    }
    if (ok) {
        (void)printf("ok: %u %s, metadata and contents verified\n", r->files,
                     cli_plural(r->files, "file", "files"));
        return CLI_EXIT_OK;
    }
    cli_error("image '%s' failed its check: %u bad %s", path, bad,
              cli_plural(bad, "copy", "copies"));
    return CLI_EXIT_FAILED;
}

static int image_check(const struct cli_call *call)
{
    struct cli_image img;
    int status = cli_image_open_ro(&img, call->args.pos[0]);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    struct check_result r;
    memset(&r, 0, sizeof(r));
    if (cli_flag(&call->args, "json")) {
        r.problems = cJSON_CreateArray();
    }
    int32_t ret = check_files(img.fs, &r);
    if (ret < 0) {
        status = cli_sl_error(CLI_EXIT_FAILED, ret, NULL, "cannot check image '%s'", img.path);
    } else {
        status = check_report(call, img.path, &r);
    }
    cJSON_Delete(r.problems);
    return cli_image_close(&img, status);
}

/* ---- the noun -------------------------------------------------------------------------------- */

static const struct cli_opt create_opts[] = {
    { "development", NULL, "mark the image as a development image" },
    { "profile", "NAME", "device profile (default cc3220s; list below)" },
    { "size", "BYTES", "flash size, 1M to 32M in steps of 4K (default 1M)" },
    { NULL, NULL, NULL },
};

static const struct cli_opt json_opts[] = {
    { "json", NULL, "print JSON instead of text" },
    { NULL, NULL, NULL },
};

/* Sorted by name. */
static const struct cli_verb image_verbs[] = {
    { "check", image_check, 1, 1, "IMAGE", "verify an image's metadata and file contents",
      "Mounts IMAGE, which validates its metadata, then reads every file and verifies the\n"
      "checksum of every stored copy. Prints 'ok' or one line per damaged file; exits 1 if\n"
      "anything is damaged, 3 if the metadata itself is unusable.\n",
      json_opts, NULL },
    { "create", image_create, 1, 1, "IMAGE", "create and format an empty device image",
      "Creates the host file IMAGE (it must not exist) as an erased serial flash of the given\n"
      "size and formats an empty file system on it for the given device profile.\n"
      "BYTES takes a K or M suffix (1024-based).\n",
      create_opts, create_more_help },
    { "info", image_info, 1, 1, "IMAGE", "show an image's profile, storage use and state",
      "Shows the profile, block usage, file counts and limits, security alerts, the bundle\n"
      "state and the metadata write counter of IMAGE.\n",
      json_opts, NULL },
};

const struct cli_noun cli_noun_image = {
    .name = "image",
    .help = "create, inspect and check device images",
    .verbs = image_verbs,
    .nverbs = sizeof(image_verbs) / sizeof(image_verbs[0]),
};

int cmd_image(int argc, char **argv)
{
    return cli_run_noun(&cli_noun_image, argc, argv);
}
