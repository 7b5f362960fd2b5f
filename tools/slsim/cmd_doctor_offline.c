/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_doctor_offline.c
 * @brief `slsim doctor --chain`: a saved server chain evaluated with the same trust engine as
 *        sl_Connect, against the started device's CA file, catalog and clock (no network); and
 *        the facts both modes derive from the findings (chain shape, --catalogs look-ups).
 */
#include "cli.h"
#include "doctor.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/catalog_store.h"
#include "device/device.h"

#include "core/banned.h"

/* ---- offline (--chain) ----------------------------------------------------------------------- */

struct offline_files {
    uint8_t *ca, *cert, *key;
    size_t ca_len, cert_len, key_len;
};

static void fill_offline_input(const struct doctor *d,
                               struct slsim_device *dev,
                               const struct offline_files *f,
                               struct slsim_trust_input *in)
{
    memset(in, 0, sizeof(*in));
    in->ca_set = d->ca != NULL;
    in->ca_exists = f->ca != NULL;
    in->ca_name = d->ca;
    in->ca = f->ca;
    in->ca_len = f->ca_len;
    int st = SLSIM_CATALOG_STATE_MISSING;
    const struct slsim_catalog_store_info *info = NULL;
    in->catalog = slsim_device_catalog(dev, &st, &info);
    in->catalog_state = st == SLSIM_CATALOG_STATE_OK         ? SLSIM_TRUST_CATALOG_OK
                        : st == SLSIM_CATALOG_STATE_REJECTED ? SLSIM_TRUST_CATALOG_REJECTED
                                                             : SLSIM_TRUST_CATALOG_MISSING;
    in->catalog_label = info != NULL && info->label[0] != '\0' ? info->label : NULL;
    in->store_disabled = d->store_disabled;
    in->host_time = d->host_time;
    in->device_time = d->device_time;
    in->domain = d->domain;
    in->pem_multi_root = d->pem_multi_root;
    in->revoked_connected = slsim_device_profile(dev)->revoked_connected;
}

int doctor_run_offline(struct doctor *d, struct slsim_device *dev)
{
    struct cli_cert_list chain;
    memset(&chain, 0, sizeof(chain));
    int status = cli_certs_load(&chain, d->chain_path);
    if (status != CLI_EXIT_OK) {
        cli_cert_list_free(&chain);
        return status;
    }
    struct offline_files f;
    memset(&f, 0, sizeof(f));
    struct slsim_trust_input in;
    slsim_device_lock(dev);
    f.ca = doctor_read_dev_file(dev, d->ca, &f.ca_len);
    f.cert = doctor_read_dev_file(dev, d->cert, &f.cert_len);
    f.key = doctor_read_dev_file(dev, d->key, &f.key_len);
    fill_offline_input(d, dev, &f, &in);
    for (size_t i = 0; i < chain.n && i < SLSIM_TRUST_MAX_CHAIN; i++) {
        in.chain[i] = chain.items[i].der;
        in.chain_len[i] = chain.items[i].len;
        in.chain_count = i + 1;
    }
    slsim_trust_init(&d->res);
    int32_t ret = slsim_trust_check_local(&d->res, &in, f.cert, f.cert_len, d->cert != NULL, f.key,
                                          f.key_len, d->key != NULL);
    if (ret == 0) {
        slsim_trust_add(&d->res, SLSIM_CHECK_SOCKETS, SLSIM_FINDING_SKIP, 0, 0, -1, NULL,
                        "offline (--chain): no socket was opened");
        slsim_trust_add(&d->res, SLSIM_CHECK_HANDSHAKE, SLSIM_FINDING_SKIP, 0, 0, -1, NULL,
                        "offline (--chain): no handshake; the chain is read from '%s'",
                        d->chain_path);
        slsim_trust_evaluate(&in, &d->res);
    } else {
        slsim_trust_decide(&d->res, in.revoked_connected);
    }
    slsim_device_unlock(dev);
    d->code = d->res.code;
    d->connected = d->res.connected;
    free(f.ca);
    free(f.cert);
    free(f.key);
    cli_cert_list_free(&chain);
    return CLI_EXIT_OK;
}

/* ---- other catalogs, chain shape --------------------------------------------------------------
 */

void doctor_look_up_others(struct doctor *d, const struct cli_args *a)
{
    unsigned cur = 0;
    const char *path;
    while ((path = cli_opt_next(a, "catalogs", &cur)) != NULL && d->n_other < DOCTOR_MAX_CATALOGS) {
        struct doctor_other_catalog *o = &d->other[d->n_other++];
        o->path = path;
        struct slsim_catalog *cat = malloc(sizeof(*cat));
        struct slsim_catalog_diag diag;
        size_t len = 0;
        memset(&diag, 0, sizeof(diag));
        o->readable = cat != NULL && cli_catalog_read(path, cat, &len, &diag) == CLI_EXIT_OK;
        if (o->readable) {
            o->lookup = d->res.root_found
                            ? (int)slsim_catalog_find_by_digest(cat, d->res.root_digest)
                            : (int)SLSIM_CATALOG_UNKNOWN;
            slsim_catalog_label(cat, o->label, sizeof(o->label));
        }
        free(cat);
    }
}

void doctor_chain_shape(struct doctor *d)
{
    d->shape.sent = 0;
    d->shape.top_self_signed = false;
    for (size_t i = 0; i < d->res.n; i++) {
        const struct slsim_finding *f = &d->res.findings[i];
        if (f->check == SLSIM_CHECK_PEER_CERT && f->status == SLSIM_FINDING_INFO) {
            d->shape.sent++;
            /* "#N 'SUBJECT' issued by 'ISSUER'; ..." */
            const char *s = strchr(f->reason, '\'');
            const char *by = strstr(f->reason, "' issued by '");
            if (s != NULL && by != NULL) {
                size_t n = (size_t)(by - s - 1);
                d->shape.top_self_signed = strncmp(s + 1, by + 13, n) == 0 && by[13 + n] == '\'';
            }
        }
    }
}
