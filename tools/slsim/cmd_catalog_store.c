/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_catalog_store.c
 * @brief `slsim catalog sign|verify|install|vendor-root`: catalog signatures and the catalog
 *        on a device image, through src/catalog/catalog_store.h.
 *
 * Signatures are raw RSA PKCS#1 v1.5 over SHA-256 or SHA-1 of the `.lst` bytes, as
 * `SLImageCreator tools sign --fmt BINARY_SHA2|BINARY_SHA1` makes them (reference C.6). Install
 * and vendor-root model the programming path: their failures are packed `(error << 16) | ext`
 * codes, printed decoded ("NAME (-NNN) ext 0 [packed ...]").
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "catalog/catalog_store.h"
#include "core/errtab.h"
#include "device/device.h"

#include "core/banned.h"

/* Reads up to three host files; on failure frees what was read. */
struct inputs {
    uint8_t *data[3];
    size_t len[3];
};

static int read_inputs(struct inputs *in, const char *const paths[3])
{
    memset(in, 0, sizeof(*in));
    for (size_t i = 0; i < 3; i++) {
        if (paths[i] == NULL) {
            continue;
        }
        int status = cli_read_host(paths[i], &in->data[i], &in->len[i]);
        if (status != CLI_EXIT_OK) {
            return status;
        }
    }
    return CLI_EXIT_OK;
}

static void free_inputs(struct inputs *in)
{
    for (size_t i = 0; i < 3; i++) {
        free(in->data[i]);
    }
}

static int require(const struct cli_call *call, const char *opt, const char *shown)
{
    if (cli_opt(&call->args, opt) == NULL) {
        return cli_usage_error(call, "missing option %s", shown);
    }
    return CLI_EXIT_OK;
}

/* ---- sign, verify -------------------------------------------------------------------------- */

/* The key in messages: "'<prefix>file'", or the ROM key when no file was given. */
static void key_name(const char *prefix, const char *path, char *buf, size_t len)
{
    if (path != NULL) {
        (void)snprintf(buf, len, "%s'%s'", prefix, path);
    } else {
        (void)snprintf(buf, len, "the slsim ROM key");
    }
}

int cli_catalog_sign(const struct cli_call *call)
{
    int status = require(call, "o", "-o SIG");
    if (status != CLI_EXIT_OK) {
        return status;
    }
    const char *lst = call->args.pos[0];
    const char *key = cli_opt(&call->args, "key");
    const char *out = cli_opt(&call->args, "o");
    const char *const paths[3] = { lst, key, NULL };
    struct inputs in;
    status = read_inputs(&in, paths);
    enum slsim_catalog_md md =
        cli_flag(&call->args, "sha1") ? SLSIM_CATALOG_MD_SHA1 : SLSIM_CATALOG_MD_SHA256;
    uint8_t sig[SLSIM_CATALOG_SIG_MAX];
    size_t sig_len = 0;
    struct slsim_diag diag;
    slsim_diag_clear(&diag);
    char who[300];
    key_name("", key, who, sizeof(who));
    if (status == CLI_EXIT_OK) {
        int32_t ret = key != NULL
                          ? slsim_catalog_sign(in.data[0], in.len[0], in.data[1], in.len[1], md,
                                               sig, &sig_len, &diag)
                          : slsim_catalog_sign_rom(in.data[0], in.len[0], md, sig, &sig_len, &diag);
        if (ret != 0) {
            status =
                cli_sl_error(CLI_EXIT_FAILED, ret, &diag, "cannot sign '%s' with %s", lst, who);
        }
    }
    if (status == CLI_EXIT_OK) {
        status = cli_write_host(out, sig, sig_len, 0);
    }
    if (status == CLI_EXIT_OK) {
        (void)printf("signed '%s' with %s (RSA-%zu, %s): %zu-byte signature in '%s'\n", lst, who,
                     sig_len * 8, slsim_catalog_md_str(md), sig_len, out);
    }
    free_inputs(&in);
    return status;
}

int cli_catalog_verify(const struct cli_call *call)
{
    const char *lst = call->args.pos[0];
    const char *sigp = call->args.pos[1];
    const char *cert = cli_opt(&call->args, "cert");
    const char *const paths[3] = { lst, sigp, cert };
    struct inputs in;
    int status = read_inputs(&in, paths);
    const uint8_t *key = in.data[2];
    size_t key_len = in.len[2];
    if (cert == NULL) {
        key = slsim_catalog_rom_cert_der(&key_len);
    }
    char who[300];
    key_name("the key of ", cert, who, sizeof(who));
    if (status == CLI_EXIT_OK) {
        enum slsim_catalog_md md = SLSIM_CATALOG_MD_UNKNOWN;
        struct slsim_diag diag;
        slsim_diag_clear(&diag);
        int32_t ret = slsim_catalog_verify(in.data[0], in.len[0], in.data[1], in.len[1], key,
                                           key_len, &md, &diag);
        if (ret == 0) {
            (void)printf("verified: '%s' signs '%s' (%s) with %s\n", sigp, lst,
                         slsim_catalog_md_str(md), who);
        } else {
            status = cli_sl_error(CLI_EXIT_FAILED, ret, &diag,
                                  "signature '%s' of '%s' does not verify with %s", sigp, lst, who);
        }
    }
    free_inputs(&in);
    return status;
}

/* ---- install ------------------------------------------------------------------------------- */

static void install_report(const char *lst,
                           const char *image,
                           bool dev,
                           const struct slsim_catalog_install_report *rep)
{
    (void)printf("installed '%s' on '%s' as %s: %s, %u trusted, %u revoked\n", lst, image,
                 SLSIM_CATALOG_LST_FILE, rep->label, rep->n_trusted, rep->n_revoked);
    if (rep->ti_unverified) {
        (void)printf("%s: accepted unverified\n",
                     rep->note[0] != '\0' ? rep->note : "TI signature not verifiable in emulation");
    } else if (dev) {
        (void)printf("signed with the slsim ROM key (development), %s\n",
                     slsim_catalog_md_str(rep->md));
    } else {
        (void)printf("signature verified with the %s (%s)\n", slsim_catalog_signer_str(rep->signer),
                     slsim_catalog_md_str(rep->md));
    }
}

/* Refusals before anything is written (decode, signature) leave the installed catalog as it
 * was (catalog_store.h); say so, since a refused install must not look like a lost catalog. */
static void note_unchanged(int32_t packed, const char *image)
{
    static const long before_write[] = {
        SL_ERROR_FS_INVALID_ARGS,
        SL_ERROR_FS_WRONG_INPUT_SIZE,
        SL_ERROR_FS_PROGRAMMING_ILLEGAL_FILE,
        SL_ERROR_FS_ILLEGAL_SIGNATURE,
        SL_ERROR_FS_WRONG_SIGNATURE_OR_CERTIFIC_NAME_LENGTH,
        SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT,
    };
    long err = 0;
    slsim_sl_unpack(packed, &err, NULL);
    for (size_t i = 0; i < sizeof(before_write) / sizeof(before_write[0]); i++) {
        if (err == before_write[i]) {
            cli_note("nothing was written: the catalog installed on '%s' is unchanged", image);
            return;
        }
    }
}

static int32_t install_with(struct cli_image *img,
                            const struct inputs *in,
                            bool ti,
                            struct slsim_catalog_install_report *rep,
                            struct slsim_diag *diag)
{
    if (in->data[1] == NULL) {
        return slsim_catalog_install_dev(img->fs, in->data[0], in->len[0], rep, diag);
    }
    return slsim_catalog_install(img->fs, in->data[0], in->len[0], in->data[1], in->len[1],
                                 ti ? SLSIM_CATALOG_SIG_TI : SLSIM_CATALOG_SIG_AUTO,
                                 img->profile->accept_ti_signature, rep, diag);
}

int cli_catalog_install(const struct cli_call *call)
{
    const char *image = call->args.pos[0];
    const char *lst = call->args.pos[1];
    const char *sig = cli_opt(&call->args, "signature");
    const char *ti = cli_opt(&call->args, "ti-signature");
    if (sig != NULL && ti != NULL) {
        return cli_usage_error(call, "options '--signature' and '--ti-signature' conflict");
    }
    const char *const paths[3] = { lst, sig != NULL ? sig : ti, NULL };
    struct inputs in;
    int status = read_inputs(&in, paths);
    struct cli_image img;
    if (status == CLI_EXIT_OK) {
        status = cli_image_open(&img, image);
        if (status == CLI_EXIT_OK) {
            struct slsim_catalog_install_report rep;
            struct slsim_diag diag;
            slsim_diag_clear(&diag);
            int32_t ret = install_with(&img, &in, ti != NULL, &rep, &diag);
            if (ret != 0) {
                status =
                    cli_sl_error(CLI_EXIT_FAILED, ret, &diag, "cannot install catalog '%s'", lst);
                note_unchanged(ret, image);
            } else {
                install_report(lst, image, paths[1] == NULL, &rep);
            }
            status = cli_image_close(&img, status);
        }
    }
    free_inputs(&in);
    return status;
}

/* ---- vendor root --------------------------------------------------------------------------- */

int cli_catalog_vendor_root(const struct cli_call *call)
{
    const char *image = call->args.pos[0];
    const char *cert = call->args.pos[1];
    struct cli_cert_list certs = { NULL, 0, 0 };
    int status = cli_certs_load(&certs, cert);
    if (status == CLI_EXIT_OK && certs.n != 1) {
        cli_error("cannot use '%s' as the vendor root: it holds %zu certificates, not 1", cert,
                  certs.n);
        status = CLI_EXIT_FAILED;
    }
    struct cli_image img;
    if (status == CLI_EXIT_OK) {
        status = cli_image_open(&img, image);
        if (status == CLI_EXIT_OK) {
            struct slsim_diag diag;
            slsim_diag_clear(&diag);
            const struct cli_cert *c = &certs.items[0];
            int32_t ret = slsim_catalog_set_vendor_root(img.fs, c->der, c->len, &diag);
            if (ret != 0) {
                status = cli_sl_error(CLI_EXIT_FAILED, ret, &diag,
                                      "cannot write the vendor root '%s'", cert);
            } else {
                (void)printf("wrote the vendor root to %s on '%s' (write-once): %s\n",
                             SLSIM_CATALOG_OTP_FILE, image, cli_cert_label(c));
            }
            status = cli_image_close(&img, status);
        }
    }
    cli_cert_list_free(&certs);
    return status;
}
