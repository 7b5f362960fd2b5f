/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file device_config.c
 * @brief Device configuration (JSON, docs/device-config.md): strict, table-driven parsing.
 *
 * Every key is declared in keys[]; an unknown key is an error, never ignored, so a typo in a
 * configuration cannot silently change what a test exercises.
 */
#include "device/device.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <ti/drivers/net/wifi/errors.h>

#include "device/device_clock.h"

#include "core/banned.h"

struct parse_ctx {
    struct slsim_device_config *cfg;
    const char *base_dir;
    struct slsim_diag *diag;
};

static int32_t key_image(const cJSON *v, struct parse_ctx *ctx)
{
    if (!cJSON_IsString(v) || v->valuestring[0] == '\0') {
        slsim_diag_set(ctx->diag, 0, "\"image\" must be a non-empty string");
        return SL_ERROR_FS_INVALID_ARGS;
    }
    const char *p = v->valuestring;
    int n;
    if (p[0] == '/' || ctx->base_dir == NULL || ctx->base_dir[0] == '\0') {
        n = snprintf(ctx->cfg->image, sizeof(ctx->cfg->image), "%s", p);
    } else {
        n = snprintf(ctx->cfg->image, sizeof(ctx->cfg->image), "%s/%s", ctx->base_dir, p);
    }
    if (n < 0 || (size_t)n >= sizeof(ctx->cfg->image)) {
        slsim_diag_set(ctx->diag, 0, "\"image\" path is too long");
        return SL_ERROR_FS_INVALID_ARGS;
    }
    return 0;
}

static int32_t key_profile(const cJSON *v, struct parse_ctx *ctx)
{
    if (!cJSON_IsString(v) || slsim_profile_find(v->valuestring) == NULL) {
        slsim_diag_set(ctx->diag, 0,
                       "\"profile\" must be one of cc3220r, cc3220s, cc3220sf, cc3235s, cc3235sf");
        return SL_ERROR_FS_INVALID_ARGS;
    }
    (void)snprintf(ctx->cfg->profile, sizeof(ctx->cfg->profile), "%s",
                   slsim_profile_find(v->valuestring)->name);
    return 0;
}

static int32_t key_clock(const cJSON *v, struct parse_ctx *ctx)
{
    enum slsim_clock_mode mode = SLSIM_CLOCK_HOST;
    int64_t start = 0;
    if (!cJSON_IsString(v) || slsim_clock_parse(v->valuestring, &mode, &start) != 0) {
        slsim_diag_set(ctx->diag, 0,
                       "\"clock\" must be \"host\", \"power-on\" or a UTC time like "
                       "\"2024-05-01T12:00:00Z\"");
        return SL_ERROR_FS_INVALID_ARGS;
    }
    ctx->cfg->clock_mode = (int)mode;
    ctx->cfg->clock_start = start;
    return 0;
}

static const struct config_key {
    const char *name;
    int32_t (*parse)(const cJSON *v, struct parse_ctx *ctx);
    bool required;
} keys[] = {
    { "image", key_image, true },
    { "profile", key_profile, false },
    { "clock", key_clock, false },
};

static const struct config_key *find_key(const char *name)
{
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        if (strcmp(keys[i].name, name) == 0) {
            return &keys[i];
        }
    }
    return NULL;
}

static int32_t parse_object(const cJSON *root, struct parse_ctx *ctx)
{
    bool seen[sizeof(keys) / sizeof(keys[0])] = { false };
    for (const cJSON *it = root->child; it != NULL; it = it->next) {
        const struct config_key *k = find_key(it->string);
        if (k == NULL) {
            slsim_diag_set(ctx->diag, 0, "unknown key \"%s\"", it->string);
            return SL_ERROR_FS_INVALID_ARGS;
        }
        if (seen[k - keys]) {
            slsim_diag_set(ctx->diag, 0, "key \"%s\" given twice", it->string);
            return SL_ERROR_FS_INVALID_ARGS;
        }
        seen[k - keys] = true;
        int32_t ret = k->parse(it, ctx);
        if (ret != 0) {
            return ret;
        }
    }
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        if (keys[i].required && !seen[i]) {
            slsim_diag_set(ctx->diag, 0, "missing key \"%s\"", keys[i].name);
            return SL_ERROR_FS_INVALID_ARGS;
        }
    }
    return 0;
}

int32_t slsim_device_config_parse(const char *json,
                                  const char *base_dir,
                                  struct slsim_device_config *cfg,
                                  struct slsim_diag *diag)
{
    memset(cfg, 0, sizeof(*cfg));
    cJSON *root = cJSON_Parse(json);
    if (root == NULL) {
        const char *at = cJSON_GetErrorPtr();
        slsim_diag_set(diag, at != NULL ? (int32_t)(at - json) : 0,
                       "malformed JSON near offset %ld", at != NULL ? (long)(at - json) : 0L);
        return SL_ERROR_FS_INVALID_ARGS;
    }
    int32_t ret = SL_ERROR_FS_INVALID_ARGS;
    if (!cJSON_IsObject(root)) {
        slsim_diag_set(diag, 0, "a device configuration must be a JSON object");
    } else {
        struct parse_ctx ctx = { cfg, base_dir, diag };
        ret = parse_object(root, &ctx);
    }
    cJSON_Delete(root);
    return ret;
}

int32_t
slsim_device_config_load(const char *path, struct slsim_device_config *cfg, struct slsim_diag *diag)
{
    uint8_t *text = NULL;
    size_t len = 0;
    memset(cfg, 0, sizeof(*cfg));
    if (slsim_read_host_file(path, 1u << 20, &text, &len) != 0) {
        slsim_diag_set(diag, 0, "cannot read device configuration '%s'", path);
        return SL_ERROR_FS_FILE_NOT_EXISTS;
    }
    char *json = realloc(text, len + 1);
    if (json == NULL) {
        free(text);
        return SL_ERROR_FS_NO_MEMORY;
    }
    json[len] = '\0';
    char dir[PATH_MAX];
    (void)snprintf(dir, sizeof(dir), "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash != NULL) {
        *slash = '\0';
        if (dir[0] == '\0') {
            (void)snprintf(dir, sizeof(dir), "/");
        }
    } else {
        dir[0] = '\0';
    }
    struct slsim_diag inner;
    slsim_diag_clear(&inner);
    int32_t ret = slsim_device_config_parse(json, dir, cfg, &inner);
    if (ret != 0) {
        slsim_diag_set(diag, inner.inner, "%s: %s", path, inner.msg);
    }
    free(json);
    return ret;
}
