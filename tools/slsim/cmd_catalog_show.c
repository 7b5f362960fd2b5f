/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_catalog_show.c
 * @brief `slsim catalog show` (a `.lst` file decoded: times, label, entries, warnings) and
 *        `slsim catalog status` (the catalog installed on an image, as sl_Start loads it).
 *
 * The verbs are registered in cmd_catalog.c. Output formats are documented in docs/cli.md.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "catalog/catalog_store.h"
#include "device/device.h"

#include "core/banned.h"

static const enum slsim_catalog_warn_flags warn_bits[] = {
    SLSIM_CATALOG_WARN_RESERVED_NONZERO, SLSIM_CATALOG_WARN_TIME_HIGH_NONZERO,
    SLSIM_CATALOG_WARN_DUP_TRUSTED,      SLSIM_CATALOG_WARN_DUP_REVOKED,
    SLSIM_CATALOG_WARN_IN_BOTH,
};

#define N_WARN_BITS (sizeof(warn_bits) / sizeof(warn_bits[0]))

/* ---- show ---------------------------------------------------------------------------------- */

struct show {
    const char *path;
    struct slsim_catalog *cat;
    size_t len;
    struct slsim_catalog_diag diag;
    struct cli_cert_list names;
};

static const char *entry_name(const struct show *s, const uint8_t *digest)
{
    const struct cli_cert *c = cli_cert_find(&s->names, digest);
    return c != NULL ? cli_cert_label(c) : NULL;
}

static void show_entries(const struct show *s, const char *title, uint8_t (*list)[32], uint32_t n)
{
    (void)printf("%-13s %u\n", title, n);
    for (uint32_t i = 0; i < n; i++) {
        char hex[2 * SLSIM_CATALOG_DIGEST_LEN + 1];
        cli_hex(list[i], SLSIM_CATALOG_DIGEST_LEN, hex);
        const char *name = entry_name(s, list[i]);
        (void)printf("  %s%s%s\n", hex, name != NULL ? "  " : "", name != NULL ? name : "");
    }
}

static int show_text(struct show *s)
{
    char label[SLSIM_CATALOG_LABEL_MAX];
    char t1[40];
    char t2[40];
    slsim_catalog_label(s->cat, label, sizeof(label));
    cli_utc((int64_t)s->cat->created, true, t1, sizeof(t1));
    cli_utc((int64_t)s->cat->valid_until, true, t2, sizeof(t2));
    (void)printf("catalog       %s\n", s->path);
    (void)printf("label         %s\n", label);
    (void)printf("created       %s (%llu)\n", t1, (unsigned long long)s->cat->created);
    (void)printf("valid until   %s (%llu)\n", t2, (unsigned long long)s->cat->valid_until);
    (void)printf("size          %zu bytes\n", s->len);
    show_entries(s, "trusted", s->cat->trusted, s->cat->n_trusted);
    show_entries(s, "revoked", s->cat->revoked, s->cat->n_revoked);
    for (size_t i = 0; i < N_WARN_BITS; i++) {
        if (s->diag.warnings & warn_bits[i]) {
            cli_warning("'%s': %s", s->path, slsim_catalog_warning_str(warn_bits[i]));
        }
    }
    return cli_flush_stdout();
}

static cJSON *json_entries(const struct show *s, uint8_t (*list)[32], uint32_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (uint32_t i = 0; a != NULL && i < n; i++) {
        char hex[2 * SLSIM_CATALOG_DIGEST_LEN + 1];
        cli_hex(list[i], SLSIM_CATALOG_DIGEST_LEN, hex);
        const char *name = entry_name(s, list[i]);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "sha256", hex);
        cJSON_AddItemToObject(o, "subject",
                              name != NULL ? cJSON_CreateString(name) : cJSON_CreateNull());
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static int show_json(struct show *s)
{
    char buf[64];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "catalog", s->path);
    slsim_catalog_label(s->cat, buf, sizeof(buf));
    cJSON_AddStringToObject(o, "label", buf);
    cJSON_AddNumberToObject(o, "created", (double)s->cat->created);
    cli_utc((int64_t)s->cat->created, true, buf, sizeof(buf));
    cJSON_AddStringToObject(o, "created_utc", buf);
    cJSON_AddNumberToObject(o, "valid_until", (double)s->cat->valid_until);
    cli_utc((int64_t)s->cat->valid_until, true, buf, sizeof(buf));
    cJSON_AddStringToObject(o, "valid_until_utc", buf);
    cJSON_AddNumberToObject(o, "size", (double)s->len);
    cJSON_AddItemToObject(o, "trusted", json_entries(s, s->cat->trusted, s->cat->n_trusted));
    cJSON_AddItemToObject(o, "revoked", json_entries(s, s->cat->revoked, s->cat->n_revoked));
    cJSON *w = cJSON_AddArrayToObject(o, "warnings");
    for (size_t i = 0; i < N_WARN_BITS; i++) {
        if (s->diag.warnings & warn_bits[i]) {
            cJSON_AddItemToArray(w, cJSON_CreateString(slsim_catalog_warning_str(warn_bits[i])));
        }
    }
    return cli_print_json(o);
}

int cli_catalog_show(const struct cli_call *call)
{
    struct show s;
    memset(&s, 0, sizeof(s));
    s.path = call->args.pos[0];
    s.cat = malloc(sizeof(*s.cat));
    if (s.cat == NULL) {
        cli_error("cannot read catalog '%s': out of memory", s.path);
        return CLI_EXIT_ENV;
    }
    int status = cli_catalog_read(s.path, s.cat, &s.len, &s.diag);
    unsigned cur = 0;
    const char *from = NULL;
    while (status == CLI_EXIT_OK &&
           (from = cli_opt_next(&call->args, "names-from", &cur)) != NULL) {
        status = cli_certs_load_path(&s.names, from);
    }
    if (status == CLI_EXIT_OK) {
        status = cli_flag(&call->args, "json") ? show_json(&s) : show_text(&s);
    }
    cli_cert_list_free(&s.names);
    free(s.cat);
    return status;
}

/* ---- status -------------------------------------------------------------------------------- */

static void status_text(const char *image, const struct slsim_catalog_store_info *info)
{
    (void)printf("image         %s\n", image);
    (void)printf("state         %s\n", slsim_catalog_state_str(info->state));
    (void)printf("label         %s\n", info->label);
    if (info->decoded) {
        char t[40];
        cli_utc((int64_t)info->created, true, t, sizeof(t));
        (void)printf("signer        %s\n", slsim_catalog_signer_str(info->signer));
        (void)printf("hash          %s\n", slsim_catalog_md_str(info->md));
        (void)printf("trusted       %u\n", info->n_trusted);
        (void)printf("revoked       %u\n", info->n_revoked);
        (void)printf("created       %s\n", t);
    }
    (void)printf("vendor root   %s\n", info->vendor_root ? "yes" : "no");
    if (info->state == SLSIM_CATALOG_STATE_REJECTED) {
        (void)printf("reason        %s\n", info->reason);
    }
    if (info->ti_unverified) {
        cli_note("TI signature not verifiable in emulation: accepted unverified by this profile");
    }
}

static int status_json(const char *image, const struct slsim_catalog_store_info *info)
{
    char t[40];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "image", image);
    cJSON_AddStringToObject(o, "state", slsim_catalog_state_str(info->state));
    cJSON_AddStringToObject(o, "label", info->label);
    cJSON_AddStringToObject(o, "signer", slsim_catalog_signer_str(info->signer));
    cJSON_AddStringToObject(o, "hash", slsim_catalog_md_str(info->md));
    cJSON_AddBoolToObject(o, "ti_unverified", info->ti_unverified);
    cJSON_AddBoolToObject(o, "vendor_root", info->vendor_root);
    cJSON_AddNumberToObject(o, "trusted", info->n_trusted);
    cJSON_AddNumberToObject(o, "revoked", info->n_revoked);
    if (info->decoded) {
        cJSON_AddNumberToObject(o, "created", (double)info->created);
        cli_utc((int64_t)info->created, true, t, sizeof(t));
        cJSON_AddStringToObject(o, "created_utc", t);
    }
    cJSON_AddStringToObject(o, "reason", info->reason);
    return cli_print_json(o);
}

/* Prints what the load found; a rejected catalog is exit 1 (the device would not start). */
static int
status_report(const struct cli_call *call, int32_t ret, const struct slsim_catalog_store_info *info)
{
    const char *image = call->args.pos[0];
    int status = CLI_EXIT_OK;
    if (ret == 0 || info->state == SLSIM_CATALOG_STATE_REJECTED) {
        if (cli_flag(&call->args, "json")) {
            status = status_json(image, info);
        } else {
            status_text(image, info);
        }
    }
    if (ret != 0) {
        status = cli_sl_error(CLI_EXIT_FAILED, ret, NULL, "catalog on '%s' is rejected", image);
    }
    return status;
}

int cli_catalog_status(const struct cli_call *call)
{
    const char *image = call->args.pos[0];
    struct slsim_catalog *cat = malloc(sizeof(*cat));
    if (cat == NULL) {
        cli_error("cannot read the catalog of '%s': out of memory", image);
        return CLI_EXIT_ENV;
    }
    struct cli_image img;
    int status = cli_image_open_ro(&img, image);
    if (status == CLI_EXIT_OK) {
        struct slsim_catalog_store_info info;
        memset(&info, 0, sizeof(info));
        int32_t ret =
            slsim_catalog_load(img.fs, img.profile->accept_ti_signature, cat, &info, NULL);
        status = cli_image_close(&img, status_report(call, ret, &info));
    }
    free(cat);
    return status;
}
