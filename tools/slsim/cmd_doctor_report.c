/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_doctor_report.c
 * @brief `slsim doctor`'s text report (verdict first, then every check in pipeline order, then
 *        each problem with codes, cause and fix), the per-problem commands shared with the JSON
 *        report, the exit status, and `--decode`.
 */
#include "cli.h"
#include "doctor.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "catalog/catalog.h"
#include "core/errtab.h"

#include "core/banned.h"

/* The anchor finding "'TOP' was issued by 'ISSUER', not by the CA file's 'HELD'" with TOP equal
 * to HELD: the server sent the CA file's root, issued by another CA (a cross-sign). */
static bool anchor_cross_signed(const struct slsim_finding *f)
{
    static const char by[] = "' was issued by '";
    static const char held[] = "', not by the CA file's '";
    const char *b = strstr(f->reason, by);
    const char *h = b != NULL ? strstr(b, held) : NULL;
    if (f->reason[0] != '\'' || b == NULL || h == NULL) {
        return false;
    }
    size_t n = (size_t)(b - f->reason - 1);
    const char *ca = h + sizeof(held) - 1;
    return strncmp(f->reason + 1, ca, n) == 0 && ca[n] == '\'';
}

void doctor_kb_context(const struct doctor *d, struct doctor_kb_ctx *ctx)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->playground = d->catalog_kind != NULL && strcmp(d->catalog_kind, "playground") == 0;
    ctx->first_pem_only = !d->pem_multi_root && d->ca_certs > 1;
    ctx->sni = d->domain != NULL;
    ctx->suites_restricted = d->suites_restricted;
    ctx->leaf_only = d->shape.sent == 1 && !d->shape.top_self_signed;
    for (size_t i = 0; i < d->res.n; i++) {
        const struct slsim_finding *f = &d->res.findings[i];
        if (f->check == SLSIM_CHECK_ANCHOR && f->code == SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E) {
            ctx->cross_signed = ctx->cross_signed || anchor_cross_signed(f);
        }
        if (f->check == SLSIM_CHECK_CATALOG && f->code == SL_ERROR_BSD_ESECUNKNOWNROOTCA) {
            ctx->gts_root = ctx->gts_root || strstr(f->reason, "'CN=GTS Root") != NULL ||
                            strstr(f->reason, "Google Trust Services") != NULL;
        }
    }
}

int doctor_exit_status(const struct doctor *d)
{
    if (!d->connected) {
        return CLI_EXIT_FAILED;
    }
    if (d->mqtt.asked && d->mqtt.connack != 0) {
        return CLI_EXIT_FAILED;
    }
    return d->code == 0 ? CLI_EXIT_OK : CLI_EXIT_DOCTOR_WARN;
}

static const char *code_name(int32_t code)
{
    const char *n = slsim_sl_errname(code);
    return n != NULL ? n : "unknown error";
}

/* A catalog the user has (--catalogs) that lists the root, or NULL. */
static const struct doctor_other_catalog *listing_catalog(const struct doctor *d)
{
    for (unsigned i = 0; i < d->n_other; i++) {
        if (d->other[i].readable && d->other[i].lookup == SLSIM_CATALOG_TRUSTED) {
            return &d->other[i];
        }
    }
    return NULL;
}

/* Computed from what the doctor saw, else the knowledge base's command. */
void doctor_problem_command(const struct doctor *d,
                            const struct slsim_finding *f,
                            char *buf,
                            size_t len)
{
    struct doctor_kb_ctx ctx;
    doctor_kb_context(d, &ctx);
    const struct doctor_kb *row = doctor_kb_find(f->code, &ctx);
    const struct doctor_other_catalog *other = listing_catalog(d);
    char tmpl[768];
    tmpl[0] = '\0';
    if (f->code == SL_ERROR_BSD_ESECUNKNOWNROOTCA && other != NULL) {
        (void)snprintf(tmpl, sizeof(tmpl), "slsim catalog install IMAGE %s", other->path);
    } else if (f->code == SL_ERROR_BSD_ESECUNKNOWNROOTCA && d->ca != NULL) {
        (void)snprintf(tmpl, sizeof(tmpl),
                       "slsim fs get IMAGE %s root.der && slsim catalog build root.lst "
                       "--from-pem root.der && slsim catalog install IMAGE root.lst",
                       d->ca);
    } else if (f->code == SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E && d->res.expected_issuer[0] != '\0') {
        (void)snprintf(tmpl, sizeof(tmpl), "slsim fs put IMAGE ISSUER.der %s  # ISSUER = '%s'",
                       d->ca != NULL ? d->ca : "/cert/ca.der", d->res.expected_issuer);
    } else if (f->code == SL_ERROR_BSD_ESECSNOVERIFY && d->host != NULL) {
        (void)snprintf(tmpl, sizeof(tmpl),
                       "slsim fs put IMAGE ROOT.der /cert/root.der && slsim doctor %s:%u "
                       "--device %s --ca /cert/root.der",
                       d->host, (unsigned)d->port, d->device_path);
    } else if (f->code == SL_ERROR_BSD_ESEC_HANDSHAKE_FAILURE && row != NULL &&
               row->when == DOCTOR_KB_NO_SNI && d->host != NULL) {
        (void)snprintf(tmpl, sizeof(tmpl), "slsim doctor %s:%u --device %s --domain %s%s%s",
                       d->host, (unsigned)d->port, d->device_path, d->host,
                       d->ca != NULL ? " --ca " : "", d->ca != NULL ? d->ca : "");
    } else if ((f->code == SL_ERROR_BSD_ECONNREFUSED ||
                f->code == SL_ERROR_BSD_ESEC_SOCKET_ERROR_E ||
                f->code == SL_ERROR_BSD_ESEC_HANDSHAKE_FAILURE) &&
               d->host != NULL) {
        /* what the server does with a stock TLS 1.2 client (does it listen, close, alert?) */
        (void)snprintf(tmpl, sizeof(tmpl),
                       "openssl s_client -connect %s:%u -servername %s -tls1_2 </dev/null", d->host,
                       (unsigned)d->port, d->host);
    } else if (f->code <= SL_ERROR_BSD_ESEC_BAD_CERTIFICATE && f->code >= -348 && d->cert != NULL) {
        (void)snprintf(tmpl, sizeof(tmpl),
                       "slsim fs get IMAGE %s client.der && openssl x509 -inform der -in "
                       "client.der -noout -issuer  # register this issuer with the server",
                       d->cert);
    } else if (f->code == SL_ERROR_BSD_ESECDATEERROR &&
               llabs((long long)(d->device_time - d->host_time)) > 86400) {
        (void)snprintf(tmpl, sizeof(tmpl),
                       "set \"clock\": \"host\" in %s (or sl_DeviceSet the date after SNTP)",
                       d->device_path);
    } else if (row != NULL) {
        (void)snprintf(tmpl, sizeof(tmpl), "%s", row->command);
    }
    doctor_kb_expand(tmpl, d->image, d->sig_suffix != NULL ? d->sig_suffix : "3220", buf, len);
}

/* ---- text ------------------------------------------------------------------------------------ */

static void print_header(const struct doctor *d)
{
    char dev[40];
    char host[40];
    cli_utc(d->device_time, true, dev, sizeof(dev));
    cli_utc(d->host_time, true, host, sizeof(host));
    (void)printf("sl_Connect = %ld%s%s \u2014 %s\n", (long)d->code, d->code != 0 ? " " : "",
                 d->code != 0 ? code_name(d->code) : "", doctor_kb_verdict(d->code));
    if (d->chain_path != NULL) {
        (void)printf("%-10s offline: chain from '%s' (what sl_Connect would return)\n", "target",
                     d->chain_path);
    } else {
        (void)printf("%-10s %s:%u (%u.%u.%u.%u)\n", "target", d->host, (unsigned)d->port,
                     (unsigned)(d->ip >> 24), (unsigned)((d->ip >> 16) & 0xFF),
                     (unsigned)((d->ip >> 8) & 0xFF), (unsigned)(d->ip & 0xFF));
    }
    (void)printf("%-10s %s: %s, image %s\n", "device", d->device_path, d->profile, d->image);
    (void)printf("%-10s device %s, host %s\n", "clock", dev, host);
    if (d->catalog_state == 1) {
        (void)printf("%-10s none installed (/sys/certstore.lst missing)\n", "catalog");
    } else {
        (void)printf("%-10s %s: %s, %u trusted, %u revoked (%s)\n", "catalog", d->catalog_kind,
                     d->catalog_label, d->catalog_trusted, d->catalog_revoked,
                     d->catalog_state == 0 ? "accepted" : "rejected");
    }
    if (d->handshake_done) {
        (void)printf("%-10s %s, %s, alpn %s, sni %s\n", "tls", d->tls_version, d->tls_suite,
                     d->tls_alpn[0] != '\0' ? d->tls_alpn : "none",
                     d->domain != NULL ? d->domain : "not sent (no --domain)");
    } else {
        (void)printf("%-10s no handshake%s\n", "tls",
                     d->domain != NULL ? "" : " (sni would not be sent: no --domain)");
    }
}

static void print_checks(const struct doctor *d)
{
    (void)printf("\nchecks\n");
    for (size_t i = 0; i < d->res.n; i++) {
        const struct slsim_finding *f = &d->res.findings[i];
        char code[96] = "";
        if (f->code != 0) {
            (void)snprintf(code, sizeof(code), " [%s %ld]", code_name(f->code), (long)f->code);
        }
        (void)printf("  %-4s  %-9s  %s%s\n", slsim_trust_status_name(f->status),
                     slsim_trust_check_name(f->check), f->reason, code);
    }
}

static void print_kb(const struct doctor_kb *row)
{
    (void)printf("     %-9s %s [%s]\n", "cause", row->cause, row->ref);
    (void)printf("     %-9s %s\n", "advice", row->fix);
    for (size_t k = 0; doctor_kb_related(row, k) != NULL; k++) {
        const struct doctor_kb *r = doctor_kb_related(row, k);
        (void)printf("     %-9s %s: %s\n", k == 0 ? "also seen" : "", r->ref, r->cause);
    }
}

static void print_problem(const struct doctor *d, const struct slsim_finding *f, unsigned n)
{
    char flags[160];
    char buf[1024];
    struct doctor_kb_ctx ctx;
    doctor_kb_context(d, &ctx);
    doctor_kb_flag_names(f->flags, flags, sizeof(flags));
    struct doctor_openssl o = doctor_kb_openssl(f, &d->shape);
    (void)printf("\n  %u. %s (%s): %s (%ld)\n", n, slsim_trust_check_name(f->check),
                 slsim_trust_status_name(f->status), code_name(f->code), (long)f->code);
    (void)printf("     %-9s %s\n", "reason", f->reason);
    (void)printf("     %-9s %s\n", "mbedtls", flags[0] != '\0' ? flags : "(none)");
    if (o.code != 0) {
        (void)printf("     %-9s %d %s\n", "openssl", o.code, o.text);
    } else {
        (void)printf("     %-9s (no verify error: not a certificate problem)\n", "openssl");
    }
    const struct doctor_kb *row = doctor_kb_find(f->code, &ctx);
    if (row != NULL) {
        print_kb(row);
    }
    doctor_kb_expand(f->fix[0] != '\0' ? f->fix : (row != NULL ? row->fix : ""), d->image,
                     d->sig_suffix, buf, sizeof(buf));
    (void)printf("     %-9s %s\n", "fix", buf);
    doctor_problem_command(d, f, buf, sizeof(buf));
    if (buf[0] != '\0') {
        (void)printf("     %-9s %s\n", "command", buf);
    }
    char alt[1024];
    doctor_kb_expand(row != NULL ? row->command : "", d->image, d->sig_suffix, alt, sizeof(alt));
    if (alt[0] != '\0' && strcmp(alt, buf) != 0) {
        (void)printf("     %-9s %s\n", "or", alt);
    }
}

static void print_others(const struct doctor *d)
{
    for (unsigned i = 0; i < d->n_other; i++) {
        const struct doctor_other_catalog *o = &d->other[i];
        const char *what = !o->readable                         ? "cannot be read"
                           : !d->res.root_found                 ? "not checked (no verified root)"
                           : o->lookup == SLSIM_CATALOG_TRUSTED ? "lists the root"
                           : o->lookup == SLSIM_CATALOG_REVOKED ? "revokes the root"
                                                                : "does not list the root";
        (void)printf("%-10s '%s' (%s) %s\n", i == 0 ? "\ncatalogs" : "", o->path, o->label, what);
    }
}

void doctor_print_text(const struct doctor *d)
{
    print_header(d);
    print_checks(d);
    print_others(d);
    unsigned n = 0;
    for (size_t i = 0; i < d->res.n; i++) {
        const struct slsim_finding *f = &d->res.findings[i];
        if (f->status == SLSIM_FINDING_WARN || f->status == SLSIM_FINDING_FAIL) {
            if (n == 0) {
                (void)printf("\nproblems");
            }
            print_problem(d, f, ++n);
        }
    }
    if (d->mqtt.asked) {
        (void)printf("\nmqtt       %s: %s\n", d->mqtt.status, d->mqtt.reason);
        if (d->mqtt.fix[0] != '\0') {
            (void)printf("%-10s %s\n", "", d->mqtt.fix);
        }
    }
    if (n == 0 && !d->mqtt.asked) {
        (void)printf("\nno problems\n");
    }
}

/* ---- --decode -------------------------------------------------------------------------------- */

static int decode_json(long input, long code, unsigned ext, const struct doctor_kb *row)
{
    cJSON *o = cJSON_CreateObject();
    (void)cJSON_AddNumberToObject(o, "input", (double)input);
    (void)cJSON_AddBoolToObject(o, "packed", slsim_sl_is_packed(input));
    (void)cJSON_AddNumberToObject(o, "code", (double)code);
    (void)cJSON_AddStringToObject(o, "name", code_name((int32_t)code));
    (void)cJSON_AddStringToObject(o, "message", slsim_sl_strerror(code));
    (void)cJSON_AddNumberToObject(o, "ext", (double)ext);
    (void)cJSON_AddStringToObject(o, "kb_ref", row != NULL ? row->ref : "");
    (void)cJSON_AddStringToObject(o, "cause", row != NULL ? row->cause : "");
    (void)cJSON_AddStringToObject(o, "fix", row != NULL ? row->fix : "");
    (void)cJSON_AddStringToObject(o, "command", row != NULL ? row->command : "");
    cJSON *rel = cJSON_AddArrayToObject(o, "related");
    for (size_t k = 0; row != NULL && doctor_kb_related(row, k) != NULL; k++) {
        const struct doctor_kb *r = doctor_kb_related(row, k);
        cJSON *it = cJSON_CreateObject();
        (void)cJSON_AddStringToObject(it, "kb_ref", r->ref);
        (void)cJSON_AddStringToObject(it, "cause", r->cause);
        (void)cJSON_AddStringToObject(it, "fix", r->fix);
        (void)cJSON_AddItemToArray(rel, it);
    }
    return cli_print_json(o);
}

int cli_doctor_decode(const char *arg, bool json)
{
    char *end = NULL;
    errno = 0;
    long input = strtol(arg, &end, 0);
    if (errno != 0 || end == arg || *end != '\0' || input < (long)INT32_MIN || input > 0) {
        return doctor_usage("invalid --decode '%s' (an SL code, e.g. -468 or -677705143)", arg);
    }
    long code = input;
    unsigned ext = 0;
    if (slsim_sl_is_packed(input)) {
        slsim_sl_unpack(input, &code, &ext);
    }
    const struct doctor_kb *row = doctor_kb_find((int32_t)code, NULL);
    int status = slsim_sl_errname(code) != NULL ? CLI_EXIT_OK : CLI_EXIT_FAILED;
    if (json) {
        int st = decode_json(input, code, ext, row);
        return st != CLI_EXIT_OK ? st : status;
    }
    if (slsim_sl_is_packed(input)) {
        (void)printf("%ld = 0x%08lX: packed programming error (error << 16 | extended)\n", input,
                     (unsigned long)(uint32_t)input);
        (void)printf("%-9s %u (0x%04X, undocumented)\n", "extended", ext, ext);
    }
    (void)printf("%-9s %s (%ld): %s\n", "error", code_name((int32_t)code), code,
                 slsim_sl_strerror(code));
    if (row != NULL) {
        (void)printf("%-9s %s [%s]\n%-9s %s\n", "cause", row->cause, row->ref, "fix", row->fix);
        if (row->command[0] != '\0') {
            (void)printf("%-9s %s\n", "command", row->command);
        }
        for (size_t k = 0; doctor_kb_related(row, k) != NULL; k++) {
            const struct doctor_kb *r = doctor_kb_related(row, k);
            (void)printf("%-9s %s: %s; %s\n", k == 0 ? "also seen" : "", r->ref, r->cause, r->fix);
        }
    }
    if (status != CLI_EXIT_OK) {
        cli_error("unknown code %ld: not an SL error code", code);
    }
    return status;
}
