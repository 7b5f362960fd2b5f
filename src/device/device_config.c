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

/* ---- net: "dns" and "remap" (docs/net.md) ---- */

/* Reason for an slsim_net_*_add() failure of entry @p what in @p key. */
static int32_t net_add_error(struct parse_ctx *ctx, const char *key, const char *what, int32_t rc)
{
    if (rc == SL_ERROR_NET_APP_DNS_DUPLICATE_ENTRY) {
        slsim_diag_set(ctx->diag, 0, "\"%s\": \"%s\" is listed twice", key, what);
    } else if (rc == SL_ERROR_NET_APP_DNS_NEED_MORE_RECORD_BUFFER) {
        slsim_diag_set(ctx->diag, 0, "\"%s\": more than %u entries", key,
                       key[0] == 'd' ? SLSIM_NET_DNS_MAX : SLSIM_NET_REMAP_MAX);
    } else {
        slsim_diag_set(ctx->diag, 0, "\"%s\": \"%s\" is not a valid host name", key, what);
    }
    return SL_ERROR_FS_INVALID_ARGS;
}

static int32_t key_dns(const cJSON *v, struct parse_ctx *ctx)
{
    if (!cJSON_IsObject(v)) {
        slsim_diag_set(ctx->diag, 0, "\"dns\" must be an object of name: \"a.b.c.d\"");
        return SL_ERROR_FS_INVALID_ARGS;
    }
    for (const cJSON *it = v->child; it != NULL; it = it->next) {
        uint32_t ip = 0;
        if (!cJSON_IsString(it) || slsim_net_parse_ipv4(it->valuestring, &ip) != 0) {
            slsim_diag_set(ctx->diag, 0,
                           "\"dns\": \"%s\" must map to an IPv4 address string like "
                           "\"127.0.0.1\"",
                           it->string);
            return SL_ERROR_FS_INVALID_ARGS;
        }
        int32_t rc = slsim_net_dns_add(&ctx->cfg->net, it->string, ip);
        if (rc != 0) {
            return net_add_error(ctx, "dns", it->string, rc);
        }
    }
    return 0;
}

static int32_t key_remap(const cJSON *v, struct parse_ctx *ctx)
{
    if (!cJSON_IsObject(v)) {
        slsim_diag_set(ctx->diag, 0, "\"remap\" must be an object of \"ip:port\": \"ip:port\"");
        return SL_ERROR_FS_INVALID_ARGS;
    }
    for (const cJSON *it = v->child; it != NULL; it = it->next) {
        uint32_t from_ip = 0;
        uint32_t to_ip = 0;
        uint16_t from_port = 0;
        uint16_t to_port = 0;
        if (slsim_net_parse_endpoint(it->string, true, &from_ip, &from_port) != 0) {
            slsim_diag_set(ctx->diag, 0,
                           "\"remap\": \"%s\" is not \"a.b.c.d:port\" or \"a.b.c.d:*\"",
                           it->string);
            return SL_ERROR_FS_INVALID_ARGS;
        }
        if (!cJSON_IsString(it) ||
            slsim_net_parse_endpoint(it->valuestring, true, &to_ip, &to_port) != 0) {
            slsim_diag_set(ctx->diag, 0,
                           "\"remap\": \"%s\" must map to a string \"a.b.c.d:port\" or "
                           "\"a.b.c.d:*\"",
                           it->string);
            return SL_ERROR_FS_INVALID_ARGS;
        }
        int32_t rc = slsim_net_remap_add(&ctx->cfg->net, from_ip, from_port, to_ip, to_port);
        if (rc != 0) {
            return net_add_error(ctx, "remap", it->string, rc);
        }
    }
    return 0;
}

/* ---- end net ---- */

/* ---- runtime: "aps" and "wlan" (docs/wlan.md) ---- */

static int32_t ap_error(struct parse_ctx *ctx, unsigned i, const char *what)
{
    slsim_diag_set(ctx->diag, 0, "\"aps\"[%u]: %s", i, what);
    return SL_ERROR_FS_INVALID_ARGS;
}

/* One member of an "aps" entry; false if @p it is not a valid one. */
static bool ap_member(const cJSON *it, struct slsim_wlan_ap *ap, bool *has_key)
{
    const char *k = it->string;
    const char *sv = cJSON_IsString(it) ? it->valuestring : NULL;
    size_t len = sv != NULL ? strlen(sv) : 0;
    if (sv != NULL && strcmp(k, "ssid") == 0 && len >= 1 && len <= SLSIM_WLAN_SSID_MAX) {
        memcpy(ap->ssid, sv, len);
        ap->ssid_len = (uint8_t)len;
        return true;
    }
    if (sv != NULL && strcmp(k, "key") == 0 && len <= SLSIM_WLAN_KEY_MAX) {
        memcpy(ap->key, sv, len);
        ap->key_len = (uint8_t)len;
        *has_key = true;
        return true;
    }
    if (sv != NULL && strcmp(k, "security") == 0) {
        return slsim_wlan_sec_parse(sv, &ap->sec);
    }
    return sv != NULL && strcmp(k, "fail") == 0 && slsim_wlan_fail_parse(sv, &ap->fail);
}

static int32_t parse_ap(const cJSON *obj, unsigned i, struct parse_ctx *ctx)
{
    struct slsim_wlan_ap *ap = &ctx->cfg->aps.ap[i];
    bool has_key = false;
    if (!cJSON_IsObject(obj)) {
        return ap_error(ctx, i, "must be an object { \"ssid\", \"security\", \"key\", \"fail\" }");
    }
    ap->sec = 0xFF;
    for (const cJSON *it = obj->child; it != NULL; it = it->next) {
        if (!ap_member(it, ap, &has_key)) {
            return ap_error(ctx, i,
                            "bad or unknown member (ssid: 1-32 characters; security: "
                            "open, wep, wpa2, wpa3; key: up to 64 characters; fail: "
                            "wrong-key, absent, assoc-timeout)");
        }
    }
    if (ap->ssid_len == 0 || ap->sec == 0xFF) {
        return ap_error(ctx, i, "\"ssid\" and \"security\" are required");
    }
    if ((ap->sec == SLSIM_WLAN_SEC_OPEN) == has_key) {
        return ap_error(ctx, i, "\"key\" is required for wep/wpa2/wpa3 and not allowed for open");
    }
    for (unsigned j = 0; j < i; j++) {
        const struct slsim_wlan_ap *o = &ctx->cfg->aps.ap[j];
        if (o->ssid_len == ap->ssid_len && memcmp(o->ssid, ap->ssid, ap->ssid_len) == 0) {
            return ap_error(ctx, i, "SSID listed twice");
        }
    }
    return 0;
}

static int32_t key_aps(const cJSON *v, struct parse_ctx *ctx)
{
    int n = cJSON_IsArray(v) ? cJSON_GetArraySize(v) : -1;
    if (n < 0 || n > SLSIM_WLAN_APS_MAX) {
        slsim_diag_set(ctx->diag, 0, "\"aps\" must be an array of at most %d access points",
                       SLSIM_WLAN_APS_MAX);
        return SL_ERROR_FS_INVALID_ARGS;
    }
    unsigned i = 0;
    for (const cJSON *it = v->child; it != NULL; it = it->next, i++) {
        int32_t ret = parse_ap(it, i, ctx);
        if (ret != 0) {
            return ret;
        }
        ctx->cfg->aps.n = i + 1;
    }
    return 0;
}

static int32_t key_wlan(const cJSON *v, struct parse_ctx *ctx)
{
    static const char *const names[] = { "connect_delay_ms", "dhcp_delay_ms",
                                         "auto_connect_delay_ms" };
    struct slsim_wlan_timing *t = &ctx->cfg->wlan;
    slsim_wlan_timing_defaults(t);
    uint32_t *slots[] = { &t->connect_ms, &t->dhcp_ms, &t->autostart_ms };
    for (const cJSON *it = cJSON_IsObject(v) ? v->child : NULL; it != NULL; it = it->next) {
        size_t k = 0;
        while (k < 3 && strcmp(names[k], it->string) != 0) {
            k++;
        }
        if (k == 3 || !cJSON_IsNumber(it) || it->valuedouble < 0 || it->valuedouble > 60000) {
            slsim_diag_set(ctx->diag, 0,
                           "\"wlan\": \"%s\" is not one of connect_delay_ms, "
                           "dhcp_delay_ms, auto_connect_delay_ms (0-60000)",
                           it->string);
            return SL_ERROR_FS_INVALID_ARGS;
        }
        *slots[k] = (uint32_t)it->valuedouble;
    }
    if (!cJSON_IsObject(v)) {
        slsim_diag_set(ctx->diag, 0, "\"wlan\" must be an object");
        return SL_ERROR_FS_INVALID_ARGS;
    }
    return 0;
}

/* ---- end runtime ---- */

static const struct config_key {
    const char *name;
    int32_t (*parse)(const cJSON *v, struct parse_ctx *ctx);
    bool required;
} keys[] = {
    { "image", key_image, true },  { "profile", key_profile, false },
    { "clock", key_clock, false }, { "dns", key_dns, false }, /* net */
    { "remap", key_remap, false },                            /* net */
    { "aps", key_aps, false },                                /* runtime */
    { "wlan", key_wlan, false },                              /* runtime */
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
