/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_pki_playground.c
 * @brief `slsim pki playground DIR`: TI's certificate-playground shape (reference A.2) with
 *        fresh keys, and its catalog signed with the slsim ROM key.
 *
 * Same file names, subjects (C=IL, ST=Sharon, L=Raanana, O=Texas Instruments Inc., OU=RND,
 * CN=<file name>), algorithms (RSA-2048, sha256WithRSAEncryption) and CA flags as TI's files,
 * and a catalog trusting only the dummy root and revoking the dummy revoked CA. Differences:
 * new keys (so new digests: TI's own .lst does not list these), validity now - 1 day to now +
 * N days where TI's run 2016-09-11 to 2026-09-09, and a ROM-key signature instead of TI's.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog/catalog.h"
#include "catalog/catalog_store.h"

#include "core/banned.h"

#define DAY_SECONDS  86400
#define DEFAULT_DAYS 3650u
#define MAX_DAYS     36500u
#define N_CERTS      5
#define LST_NAME     "certcatalogPlayGround.lst"
#define SIG_NAME     "certcatalogPlayGround.lst.sig"

/* TI's playground, in issuing order; parent -1 is self-signed. */
static const struct {
    const char *name;
    int parent;
    bool ca;
    const char *role;
} pg_certs[N_CERTS] = {
    { "dummy-root-ca-cert", -1, true, "root CA, self-signed, trusted by the catalog" },
    { "dummy-trusted-ca-cert", 0, true, "CA, issued by dummy-root-ca-cert" },
    { "dummy-trusted-cert", 1, false, "leaf, issued by dummy-trusted-ca-cert" },
    { "dummy-revoked-ca-cert", 0, true,
      "CA, issued by dummy-root-ca-cert, revoked by the catalog" },
    { "dummy-revoked-cert", 3, false, "leaf, issued by dummy-revoked-ca-cert" },
};

enum { PG_ROOT = 0, PG_REVOKED_CA = 3 };

/* Nothing of a previous playground is replaced: its keys could not be recreated. */
static int check_free(const char *dir)
{
    static const char *const pair[] = { "", "-key", NULL };
    static const char *const lst[] = { "", ".sig", NULL };
    int status = CLI_EXIT_OK;
    for (int i = 0; i < N_CERTS && status == CLI_EXIT_OK; i++) {
        status = cli_pki_check_free(dir, pg_certs[i].name, pair);
    }
    return status == CLI_EXIT_OK ? cli_pki_check_free(dir, LST_NAME, lst) : status;
}

static int make_certs(const char *dir, int64_t nb, int64_t na, struct cli_pki_out out[N_CERTS])
{
    int status = CLI_EXIT_OK;
    for (int i = 0; i < N_CERTS && status == CLI_EXIT_OK; i++) {
        char subject[160];
        (void)snprintf(subject, sizeof(subject),
                       "C=IL, ST=Sharon, L=Raanana, O=Texas Instruments Inc., OU=RND, CN=%s",
                       pg_certs[i].name);
        struct cli_pki_req rq;
        memset(&rq, 0, sizeof(rq));
        rq.dir = dir;
        rq.file = pg_certs[i].name;
        rq.key_type = SLSIM_PKI_RSA2048;
        rq.cert.subject = subject;
        rq.cert.not_before = nb;
        rq.cert.not_after = na;
        rq.cert.ca = pg_certs[i].ca;
        rq.cert.path_len = -1;
        rq.cert.md = "sha256";
        int p = pg_certs[i].parent;
        if (p >= 0) {
            rq.issuer_der = out[p].der;
            rq.issuer_len = out[p].len;
            rq.issuer_key = out[p].key;
        }
        status = cli_pki_make(&rq, &out[i]);
    }
    return status;
}

/* certcatalogPlayGround.lst (1 trusted, 1 revoked) and its ROM-key signature. */
static int make_catalog(const char *dir, int64_t now, const struct cli_pki_out out[N_CERTS])
{
    struct slsim_catalog *cat = malloc(sizeof(*cat));
    uint8_t lst[SLSIM_CATALOG_HEADER_LEN + 2 * SLSIM_CATALOG_DIGEST_LEN];
    uint8_t root[SLSIM_CATALOG_DIGEST_LEN];
    uint8_t revoked[SLSIM_CATALOG_DIGEST_LEN];
    size_t len = 0;
    enum slsim_catalog_status st = cat == NULL ? SLSIM_CATALOG_BAD_PARAM : SLSIM_CATALOG_OK;
    if (st == SLSIM_CATALOG_OK) {
        slsim_catalog_init(cat, (uint64_t)now, (uint64_t)(now + CLI_CATALOG_TI_VALIDITY));
        st = slsim_catalog_digest_der(out[PG_ROOT].der, out[PG_ROOT].len, root);
    }
    st = st == SLSIM_CATALOG_OK
             ? slsim_catalog_digest_der(out[PG_REVOKED_CA].der, out[PG_REVOKED_CA].len, revoked)
             : st;
    st = st == SLSIM_CATALOG_OK ? slsim_catalog_add_trusted(cat, root) : st;
    st = st == SLSIM_CATALOG_OK ? slsim_catalog_add_revoked(cat, revoked) : st;
    st = st == SLSIM_CATALOG_OK ? slsim_catalog_encode(cat, lst, sizeof(lst), &len) : st;
    free(cat);
    if (st != SLSIM_CATALOG_OK) {
        cli_error("cannot build '%s': %s (%d): %s", LST_NAME, slsim_catalog_status_name(st),
                  (int)st, slsim_catalog_status_str(st));
        return CLI_EXIT_FAILED;
    }
    uint8_t sig[SLSIM_CATALOG_SIG_MAX];
    size_t sig_len = 0;
    struct slsim_diag diag;
    slsim_diag_clear(&diag);
    int32_t ret = slsim_catalog_sign_rom(lst, len, SLSIM_CATALOG_MD_SHA256, sig, &sig_len, &diag);
    if (ret != 0) {
        return cli_sl_error(CLI_EXIT_FAILED, ret, &diag, "cannot sign '%s'", LST_NAME);
    }
    char path[4096];
    int status = cli_path_join(path, sizeof(path), dir, LST_NAME) == 0
                     ? cli_write_host(path, lst, len, CLI_WRITE_EXCL)
                     : CLI_EXIT_ENV;
    if (status == CLI_EXIT_OK && cli_path_join(path, sizeof(path), dir, SIG_NAME) == 0) {
        status = cli_write_host(path, sig, sig_len, CLI_WRITE_EXCL);
    }
    return status;
}

static void report(const char *dir, int64_t nb, int64_t na)
{
    char t1[40];
    char t2[40];
    cli_utc(nb, false, t1, sizeof(t1));
    cli_utc(na, false, t2, sizeof(t2));
    (void)printf("wrote the playground PKI to '%s' (RSA-2048, sha256WithRSAEncryption):\n", dir);
    for (int i = 0; i < N_CERTS; i++) {
        (void)printf("  %-30s %s\n", pg_certs[i].name, pg_certs[i].role);
    }
    (void)printf("  %-30s %s\n", "<name>-key", "the private key of each (DER, RSA)");
    (void)printf("  %-30s %s\n", LST_NAME, "catalog: 1 trusted, 1 revoked");
    (void)printf("  %-30s %s\n", SIG_NAME, "signed with the slsim ROM key (SHA-256)");
    (void)printf("valid %s to %s (TI's playground: 2016-09-11 to 2026-09-09)\n", t1, t2);
}

int cli_pki_playground(const struct cli_call *call)
{
    const char *dir = call->args.pos[0];
    const char *days = cli_opt(&call->args, "days");
    uint32_t n = DEFAULT_DAYS;
    if (days != NULL && (cli_parse_u32(days, &n) != 0 || n == 0 || n > MAX_DAYS)) {
        return cli_usage_error(call, "invalid --days '%s': expected 1 to %u", days, MAX_DAYS);
    }
    int64_t now = (int64_t)time(NULL);
    int64_t nb = now - DAY_SECONDS;
    int64_t na = now + (int64_t)n * DAY_SECONDS;
    struct cli_pki_out out[N_CERTS];
    memset(out, 0, sizeof(out));
    int status = cli_make_dir(dir);
    if (status == CLI_EXIT_OK) {
        status = check_free(dir);
    }
    if (status == CLI_EXIT_OK) {
        status = make_certs(dir, nb, na, out);
    }
    if (status == CLI_EXIT_OK) {
        status = make_catalog(dir, now, out);
    }
    if (status == CLI_EXIT_OK) {
        report(dir, nb, na);
    }
    for (int i = 0; i < N_CERTS; i++) {
        cli_pki_out_free(&out[i]);
    }
    return status;
}
