/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_catalog.c
 * @brief `slsim catalog build|check|install|show|sign|status|vendor-root|verify`: the verb
 *        table, reading a `.lst` file, and `check` (is a certificate trusted, revoked or not
 *        listed). build lives in cmd_catalog_build.c, show and status in cmd_catalog_show.c,
 *        sign, verify, install and vendor-root in cmd_catalog_store.c.
 *
 * `check` answers by its exit code (0 trusted, 1 not listed, 4 revoked), so a catalog or a
 * certificate it cannot use is exit 3 rather than 1: a script must never read a broken input
 * as "not listed".
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "catalog/catalog.h"
#include "catalog/catalog_store.h"
#include "device/device.h"

#include "core/banned.h"

/* ---- reading a catalog file ---------------------------------------------------------------- */

int cli_catalog_read(const char *path,
                     struct slsim_catalog *cat,
                     size_t *len,
                     struct slsim_catalog_diag *diag)
{
    uint8_t *buf = NULL;
    int status = cli_read_host(path, &buf, len);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    memset(diag, 0, sizeof(*diag));
    enum slsim_catalog_status st = slsim_catalog_decode(buf, *len, cat, diag);
    free(buf);
    if (st != SLSIM_CATALOG_OK) {
        cli_error("cannot read catalog '%s': %s (%d): %s", path, slsim_catalog_status_name(st),
                  (int)st, diag->msg[0] != '\0' ? diag->msg : slsim_catalog_status_str(st));
        return CLI_EXIT_FAILED;
    }
    return CLI_EXIT_OK;
}

/* ---- check --------------------------------------------------------------------------------- */

/* The installed catalog of an image, as the device loads it at sl_Start. */
static int image_catalog(const char *path, struct slsim_catalog *cat)
{
    struct cli_image img;
    int status = cli_image_open_ro(&img, path);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    struct slsim_catalog_store_info info;
    struct slsim_diag diag;
    slsim_diag_clear(&diag);
    int32_t ret = slsim_catalog_load(img.fs, img.profile->accept_ti_signature, cat, &info, &diag);
    if (ret != 0) {
        status = cli_sl_error(CLI_EXIT_ENV, ret, &diag, "cannot use the catalog of '%s'", path);
    } else if (info.state == SLSIM_CATALOG_STATE_MISSING) {
        status = cli_sl_error(CLI_EXIT_ENV, SL_ERROR_FS_NO_CERTIFICATE_STORE, NULL,
                              "image '%s' has no catalog", path);
    }
    return cli_image_close(&img, status);
}

static const char *lookup_word(enum slsim_catalog_lookup r)
{
    switch (r) {
    case SLSIM_CATALOG_TRUSTED:
        return "trusted";
    case SLSIM_CATALOG_REVOKED:
        return "revoked";
    default:
        return "not listed";
    }
}

static int check_certs(const struct slsim_catalog *cat, const struct cli_cert_list *certs)
{
    bool any_trusted = false;
    bool any_revoked = false;
    for (size_t i = 0; i < certs->n; i++) {
        const struct cli_cert *c = &certs->items[i];
        enum slsim_catalog_lookup r = slsim_catalog_find_by_digest(cat, c->sha256);
        char hex[2 * SLSIM_CATALOG_DIGEST_LEN + 1];
        cli_hex(c->sha256, sizeof(c->sha256), hex);
        (void)printf("%-11s %s  %s\n", lookup_word(r), hex, cli_cert_label(c));
        any_trusted = any_trusted || r == SLSIM_CATALOG_TRUSTED;
        any_revoked = any_revoked || r == SLSIM_CATALOG_REVOKED;
    }
    if (any_revoked) {
        return CLI_EXIT_REVOKED;
    }
    return any_trusted ? CLI_EXIT_OK : CLI_EXIT_FAILED;
}

static int catalog_check(const struct cli_call *call)
{
    const char *image = cli_opt(&call->args, "image");
    const struct cli_args *a = &call->args;
    if (image != NULL && a->npos == 2) {
        return cli_usage_error(call, "unexpected argument '%s': --image replaces FILE.lst",
                               a->pos[1]);
    }
    if (image == NULL && a->npos == 1) {
        return cli_usage_error(call, "missing argument CERT");
    }
    const char *cert = a->pos[a->npos - 1];
    struct slsim_catalog *cat = malloc(sizeof(*cat));
    if (cat == NULL) {
        cli_error("cannot check '%s': out of memory", cert);
        return CLI_EXIT_ENV;
    }
    struct slsim_catalog_diag cd;
    size_t len = 0;
    int status =
        image != NULL ? image_catalog(image, cat) : cli_catalog_read(a->pos[0], cat, &len, &cd);
    struct cli_cert_list certs = { NULL, 0, 0 };
    if (status == CLI_EXIT_OK) {
        status = cli_certs_load(&certs, cert);
    }
    if (status == CLI_EXIT_OK) {
        status = check_certs(cat, &certs);
    } else if (status == CLI_EXIT_FAILED) {
        status = CLI_EXIT_ENV; /* exit 1 means "not listed" here */
    }
    cli_cert_list_free(&certs);
    free(cat);
    return status;
}

/* ---- the noun ------------------------------------------------------------------------------ */

static const struct cli_opt build_opts[] = {
    { "created", "UNIXTIME", "creation time in the header (default: now)" },
    { "from-dir", "DIR", "trust every DER or PEM certificate in DIR (repeatable)" },
    { "from-pem", "FILE", "trust every certificate of a PEM bundle (repeatable)" },
    { "revoke", "CERT", "revoke the certificates of CERT, DER or PEM (repeatable)" },
    { "select", "NAMES_FILE", "keep only the roots named in NAMES_FILE (see above)" },
    { NULL, NULL, NULL },
};

static const struct cli_opt check_opts[] = {
    { "image", "IMAGE", "use the catalog installed on IMAGE instead of FILE.lst" },
    { NULL, NULL, NULL },
};

static const struct cli_opt install_opts[] = {
    { "signature", "SIG", "signature made with the ROM key or the vendor root key" },
    { "ti-signature", "FILE", "TI's .signed_3220.bin / _3235.bin (accepted unverified)" },
    { NULL, NULL, NULL },
};

static const struct cli_opt show_opts[] = {
    { "json", NULL, "print JSON instead of text" },
    { "names-from", "PATH", "name entries from a PEM bundle or directory (repeatable)" },
    { NULL, NULL, NULL },
};

static const struct cli_opt sign_opts[] = {
    { "key", "KEY", "RSA private key, DER or PEM (default: the slsim ROM key)" },
    { "o", "SIG", "write the signature to SIG" },
    { "sha1", NULL, "hash with SHA-1 (BINARY_SHA1) instead of SHA-256" },
    { NULL, NULL, NULL },
};

static const struct cli_opt status_opts[] = {
    { "json", NULL, "print JSON instead of text" },
    { NULL, NULL, NULL },
};

static const struct cli_opt verify_opts[] = {
    { "cert", "CERT", "signer's certificate or public key (default: the ROM key)" },
    { NULL, NULL, NULL },
};

/* Sorted by name. */
static const struct cli_verb catalog_verbs[] = {
    { "build", cli_catalog_build, 1, 1, "OUT.lst", "build a catalog from certificates",
      "Writes a TI catalog (.lst) trusting the roots of PEM bundles and certificate\n"
      "directories and revoking the given certificates. Duplicates are reported and\n"
      "skipped; a revoked root is listed as revoked only. More than 128 roots are\n"
      "refused: pick them with --select. NAMES_FILE has one name per line (blank lines\n"
      "and '#' comments skipped): a line equal to a root's CN selects that root, any\n"
      "other line the roots whose CN or subject contains it (case-insensitive). The\n"
      "header is valid until creation + 5 years + 6 hours, as in TI's files.\n",
      build_opts, NULL },
    { "check", catalog_check, 1, 2, "[FILE.lst] CERT", "is a certificate trusted or revoked",
      "Looks every certificate of CERT (DER or PEM) up in FILE.lst, or in the catalog\n"
      "installed on an image. Exit 0 trusted, 1 not listed, 4 revoked (if CERT holds\n"
      "several: 4 if any is revoked, else 0 if any is trusted); 3 if the catalog or\n"
      "CERT cannot be used.\n",
      check_opts, NULL },
    { "install", cli_catalog_install, 2, 2, "IMAGE FILE.lst", "install a catalog on an image",
      "Writes FILE.lst to /sys/certstore.lst of IMAGE after checking it and its\n"
      "signature. Without a signature option the catalog is signed with the slsim ROM\n"
      "key (the development flow). A TI signature cannot be verified in emulation: it is\n"
      "accepted unverified if the image's profile allows it. A rejected catalog leaves\n"
      "the installed one unchanged.\n",
      install_opts, NULL },
    { "show", cli_catalog_show, 1, 1, "FILE.lst", "show a catalog file",
      "Decodes FILE.lst: times (UTC), label, counts and the SHA-256 of every entry,\n"
      "with its subject when a certificate given with --names-from matches it.\n",
      show_opts, NULL },
    { "sign", cli_catalog_sign, 1, 1, "FILE.lst", "sign a catalog with an RSA key",
      "Writes the raw RSA PKCS#1 v1.5 signature of FILE.lst (SLImageCreator tools\n"
      "sign --fmt BINARY_SHA2, or BINARY_SHA1 with --sha1) to SIG. The key is an RSA\n"
      "private key (PKCS#1 or PKCS#8, DER or PEM); without --key, the slsim ROM key\n"
      "(the development key every image accepts). Needs -o.\n",
      sign_opts, NULL },
    { "status", cli_catalog_status, 1, 1, "IMAGE", "show the catalog installed on an image",
      "Loads the installed catalog as the device does at sl_Start: state (ok, missing,\n"
      "rejected), label, signer, hash and counts. Exit 1 if it is rejected.\n",
      status_opts, NULL },
    { "vendor-root", cli_catalog_vendor_root, 2, 2, "IMAGE CERT", "write the vendor root (OTP)",
      "Writes CERT (an RSA certificate of at most 2048 bits) as the vendor root of\n"
      "trust (SWRU547 OTP). Catalogs signed with its key are then accepted. Write-once.\n",
      NULL, NULL },
    { "verify", cli_catalog_verify, 2, 2, "FILE.lst SIG", "verify a catalog signature",
      "Verifies SIG over FILE.lst with the key of --cert, or with the slsim ROM key\n"
      "without it (SHA-256, then SHA-1). Exit 0 if it verifies, 1 if not.\n",
      verify_opts, NULL },
};

const struct cli_noun cli_noun_catalog = {
    .name = "catalog",
    .help = "build, inspect, sign and install trusted-root catalogs",
    .verbs = catalog_verbs,
    .nverbs = sizeof(catalog_verbs) / sizeof(catalog_verbs[0]),
};

int cmd_catalog(int argc, char **argv)
{
    return cli_run_noun(&cli_noun_catalog, argc, argv);
}
