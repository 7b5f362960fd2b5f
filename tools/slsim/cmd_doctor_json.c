/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_doctor_json.c
 * @brief `slsim doctor --json`: the machine-readable report. The contract is
 *        docs/doctor.schema.json (described in docs/doctor.md); tests/unit/doctor validates it.
 */
#include "cli.h"
#include "doctor.h"

#include <stdio.h>
#include <string.h>

#include "catalog/catalog.h"
#include "core/errtab.h"

#include "core/banned.h"

static const char *name_of(int32_t code)
{
    const char *n = slsim_sl_errname(code);
    return code == 0 ? "" : (n != NULL ? n : "unknown error");
}

static void add_flags(cJSON *o, uint32_t flags)
{
    cJSON *arr = cJSON_AddArrayToObject(o, "mbedtls_flags");
    for (size_t i = 0; i < doctor_kb_flag_count(); i++) {
        if (flags & doctor_kb_flag_bit(i)) {
            (void)cJSON_AddItemToArray(arr, cJSON_CreateString(doctor_kb_flag_name(i)));
        }
    }
}

cJSON *doctor_finding_json(const struct doctor *d, const struct slsim_finding *f)
{
    struct doctor_kb_ctx ctx;
    doctor_kb_context(d, &ctx);
    bool problem = f->status == SLSIM_FINDING_WARN || f->status == SLSIM_FINDING_FAIL;
    const struct doctor_kb *row = problem ? doctor_kb_find(f->code, &ctx) : NULL;
    char buf[1024];
    cJSON *o = cJSON_CreateObject();
    (void)cJSON_AddStringToObject(o, "check", slsim_trust_check_name(f->check));
    (void)cJSON_AddStringToObject(o, "status", slsim_trust_status_name(f->status));
    (void)cJSON_AddNumberToObject(o, "code", f->code);
    (void)cJSON_AddStringToObject(o, "name", name_of(f->code));
    (void)cJSON_AddStringToObject(o, "reason", f->reason);
    doctor_kb_expand(f->fix[0] != '\0' ? f->fix : (row != NULL ? row->fix : ""), d->image,
                     d->sig_suffix != NULL ? d->sig_suffix : "3220", buf, sizeof(buf));
    (void)cJSON_AddStringToObject(o, "fix", problem ? buf : "");
    (void)cJSON_AddStringToObject(o, "cause", row != NULL ? row->cause : "");
    (void)cJSON_AddStringToObject(o, "advice", row != NULL ? row->fix : "");
    (void)cJSON_AddStringToObject(o, "kb_ref", row != NULL ? row->ref : "");
    buf[0] = '\0';
    if (problem) {
        doctor_problem_command(d, f, buf, sizeof(buf));
    }
    (void)cJSON_AddStringToObject(o, "command", buf);
    char alt[1024] = "";
    if (row != NULL) {
        doctor_kb_expand(row->command, d->image, d->sig_suffix != NULL ? d->sig_suffix : "3220",
                         alt, sizeof(alt));
    }
    (void)cJSON_AddStringToObject(o, "alt_command", strcmp(alt, buf) != 0 ? alt : "");
    add_flags(o, f->flags);
    struct doctor_openssl os = doctor_kb_openssl(f, &d->shape);
    cJSON *ossl = cJSON_AddObjectToObject(o, "openssl");
    (void)cJSON_AddNumberToObject(ossl, "code", problem ? os.code : 0);
    (void)cJSON_AddStringToObject(ossl, "text", problem ? os.text : "");
    (void)cJSON_AddNumberToObject(o, "cert_index", f->cert_index);
    return o;
}

static void add_target(cJSON *root, const struct doctor *d)
{
    cJSON *t = cJSON_AddObjectToObject(root, "target");
    char ip[20];
    (void)snprintf(ip, sizeof(ip), "%u.%u.%u.%u", (unsigned)(d->ip >> 24),
                   (unsigned)((d->ip >> 16) & 0xFF), (unsigned)((d->ip >> 8) & 0xFF),
                   (unsigned)(d->ip & 0xFF));
    (void)cJSON_AddStringToObject(t, "mode", d->chain_path != NULL ? "offline" : "online");
    (void)cJSON_AddStringToObject(t, "host", d->host != NULL ? d->host : "");
    (void)cJSON_AddNumberToObject(t, "port", d->port);
    (void)cJSON_AddStringToObject(t, "ip", d->chain_path != NULL ? "" : ip);
    (void)cJSON_AddStringToObject(t, "chain", d->chain_path != NULL ? d->chain_path : "");
    cJSON *dev = cJSON_AddObjectToObject(root, "device");
    (void)cJSON_AddStringToObject(dev, "config", d->device_path);
    (void)cJSON_AddStringToObject(dev, "image", d->image);
    (void)cJSON_AddStringToObject(dev, "profile", d->profile);
    (void)cJSON_AddNumberToObject(dev, "device_time", (double)d->device_time);
    (void)cJSON_AddNumberToObject(dev, "host_time", (double)d->host_time);
}

static const char *lookup_name(const struct doctor *d, const struct doctor_other_catalog *o)
{
    if (!o->readable) {
        return "unreadable";
    }
    if (!d->res.root_found) {
        return "not-checked";
    }
    return o->lookup == SLSIM_CATALOG_TRUSTED   ? "listed"
           : o->lookup == SLSIM_CATALOG_REVOKED ? "revoked"
                                                : "not-listed";
}

static void add_catalog(cJSON *root, const struct doctor *d)
{
    static const char *const states[] = { "ok", "missing", "rejected" };
    cJSON *c = cJSON_AddObjectToObject(root, "catalog");
    (void)cJSON_AddStringToObject(c, "label", d->catalog_label);
    (void)cJSON_AddStringToObject(c, "kind", d->catalog_kind != NULL ? d->catalog_kind : "none");
    (void)cJSON_AddStringToObject(
        c, "state", d->catalog_state >= 0 && d->catalog_state <= 2 ? states[d->catalog_state] : "");
    (void)cJSON_AddNumberToObject(c, "trusted", d->catalog_trusted);
    (void)cJSON_AddNumberToObject(c, "revoked", d->catalog_revoked);
    char hex[65] = "";
    if (d->res.root_found) {
        cli_hex(d->res.root_digest, 32, hex);
    }
    (void)cJSON_AddStringToObject(c, "root_sha256", hex);
    cJSON *others = cJSON_AddArrayToObject(c, "others");
    for (unsigned i = 0; i < d->n_other; i++) {
        cJSON *o = cJSON_CreateObject();
        (void)cJSON_AddStringToObject(o, "path", d->other[i].path);
        (void)cJSON_AddStringToObject(o, "label", d->other[i].label);
        (void)cJSON_AddStringToObject(o, "root", lookup_name(d, &d->other[i]));
        (void)cJSON_AddItemToArray(others, o);
    }
}

static void add_tls(cJSON *root, const struct doctor *d)
{
    cJSON *t = cJSON_AddObjectToObject(root, "tls");
    (void)cJSON_AddBoolToObject(t, "handshake", d->handshake_done);
    (void)cJSON_AddStringToObject(t, "version", d->tls_version);
    (void)cJSON_AddStringToObject(t, "suite", d->tls_suite);
    (void)cJSON_AddStringToObject(t, "alpn", d->tls_alpn);
    (void)cJSON_AddBoolToObject(t, "sni", d->domain != NULL);
    (void)cJSON_AddStringToObject(t, "sni_name", d->domain != NULL ? d->domain : "");
}

static void add_mqtt(cJSON *root, const struct doctor *d)
{
    cJSON *m = cJSON_AddObjectToObject(root, "mqtt");
    (void)cJSON_AddStringToObject(m, "client_id", d->mqtt_client);
    (void)cJSON_AddStringToObject(m, "status", d->mqtt.status != NULL ? d->mqtt.status : "skip");
    (void)cJSON_AddBoolToObject(m, "sent", d->mqtt.sent);
    (void)cJSON_AddNumberToObject(m, "connack", d->mqtt.connack);
    (void)cJSON_AddNumberToObject(m, "code", d->mqtt.sl_code);
    (void)cJSON_AddStringToObject(m, "reason", d->mqtt.reason);
    (void)cJSON_AddStringToObject(m, "fix", d->mqtt.fix);
}

cJSON *doctor_to_json(const struct doctor *d)
{
    cJSON *root = cJSON_CreateObject();
    if (root == NULL) {
        return NULL;
    }
    (void)cJSON_AddNumberToObject(root, "code", d->code);
    (void)cJSON_AddStringToObject(root, "name", name_of(d->code));
    (void)cJSON_AddStringToObject(root, "verdict", doctor_kb_verdict(d->code));
    (void)cJSON_AddBoolToObject(root, "connected", d->connected);
    (void)cJSON_AddNumberToObject(root, "exit", doctor_exit_status(d));
    add_target(root, d);
    cJSON *arr = cJSON_AddArrayToObject(root, "findings");
    for (size_t i = 0; i < d->res.n; i++) {
        (void)cJSON_AddItemToArray(arr, doctor_finding_json(d, &d->res.findings[i]));
    }
    (void)cJSON_AddStringToObject(root, "expected_issuer", d->res.expected_issuer);
    add_tls(root, d);
    add_catalog(root, d);
    if (d->mqtt.asked) {
        add_mqtt(root, d);
    }
    return root;
}
