/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_pki.c
 * @brief `slsim pki issue|playground`: the verb table, `issue` (one certificate from a CA
 *        directory, or a self-signed root), and the helper both verbs use to issue a
 *        certificate and write it with its key. playground lives in cmd_pki_playground.c.
 *
 * Files follow TI's playground convention: a certificate `DIR/NAME` (DER) beside its key
 * `DIR/NAME-key` (DER), the name being the common name by default, as the NWP names the
 * issuers of a signed file's chain (reference B.4, C.4). Nothing is ever replaced: an existing
 * file stops the command before anything is written (exit 3), since keys cannot be recreated.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "catalog/catalog_store.h"

#include "core/banned.h"

#define DAY_SECONDS   86400
#define MAX_DAYS      36500u
#define MAX_DNS_NAMES 32
#define SUBJECT_MAX   300

/* ---- the shared issuing step --------------------------------------------------------------- */

int cli_path_join(char *buf, size_t len, const char *dir, const char *name)
{
    int n = snprintf(buf, len, "%s/%s", dir, name);
    return n < 0 || (size_t)n >= len ? -1 : 0;
}

int cli_pki_check_free(const char *dir, const char *file, const char *const *suffixes)
{
    for (size_t i = 0; suffixes[i] != NULL; i++) {
        char name[600];
        char path[4096];
        struct stat st;
        if (snprintf(name, sizeof(name), "%s%s", file, suffixes[i]) >= (int)sizeof(name) ||
            cli_path_join(path, sizeof(path), dir, name) != 0) {
            cli_error("cannot write '%s/%s%s': name too long", dir, file, suffixes[i]);
            return CLI_EXIT_ENV;
        }
        if (lstat(path, &st) == 0) {
            cli_error("cannot write '%s': %s", path, strerror(EEXIST));
            return CLI_EXIT_ENV;
        }
    }
    return CLI_EXIT_OK;
}

int cli_make_dir(const char *dir)
{
    struct stat st;
    if (mkdir(dir, 0777) == 0 || (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))) {
        return CLI_EXIT_OK;
    }
    cli_error("cannot create directory '%s': %s", dir,
              errno == EEXIST ? "a file of that name exists" : strerror(errno));
    return CLI_EXIT_ENV;
}

void cli_pki_out_free(struct cli_pki_out *out)
{
    slsim_pki_key_free(out->key);
    free(out->der);
    free(out->key_der);
    memset(out, 0, sizeof(*out));
}

static int write_pair(const struct cli_pki_req *rq, const struct cli_pki_out *out)
{
    char path[4096];
    char key_name[512];
    if (snprintf(key_name, sizeof(key_name), "%s-key", rq->file) >= (int)sizeof(key_name) ||
        cli_path_join(path, sizeof(path), rq->dir, rq->file) != 0) {
        cli_error("cannot write '%s/%s': name too long", rq->dir, rq->file);
        return CLI_EXIT_ENV;
    }
    int status = cli_write_host(path, out->der, out->len, CLI_WRITE_EXCL);
    if (status == CLI_EXIT_OK && cli_path_join(path, sizeof(path), rq->dir, key_name) == 0) {
        status =
            cli_write_host(path, out->key_der, out->key_len, CLI_WRITE_EXCL | CLI_WRITE_PRIVATE);
    }
    return status;
}

int cli_pki_make(const struct cli_pki_req *rq, struct cli_pki_out *out)
{
    memset(out, 0, sizeof(*out));
    struct slsim_diag diag;
    slsim_diag_clear(&diag);
    if (slsim_pki_key_generate(rq->key_type, &out->key) != 0) {
        cli_error("cannot issue '%s': key generation failed (no entropy or out of memory)",
                  rq->file);
        return CLI_EXIT_FAILED;
    }
    const struct slsim_pki_key *signer = rq->issuer_key != NULL ? rq->issuer_key : out->key;
    if (slsim_pki_issue(&rq->cert, out->key, rq->issuer_der, rq->issuer_len,
                        rq->issuer_der != NULL ? signer : NULL, &out->der, &out->len, &diag) != 0) {
        cli_error("cannot issue '%s': %s", rq->file,
                  diag.msg[0] != '\0' ? diag.msg : "the certificate could not be written");
        return CLI_EXIT_FAILED;
    }
    if (slsim_pki_key_write_der(out->key, &out->key_der, &out->key_len) != 0) {
        cli_error("cannot issue '%s': the key could not be written (out of memory)", rq->file);
        return CLI_EXIT_ENV;
    }
    return write_pair(rq, out);
}

/* ---- issue: options ------------------------------------------------------------------------ */

struct issue {
    struct cli_pki_req rq;
    const char *ca;
    const char *cn;
    const char *dns[MAX_DNS_NAMES + 1];
    char subject[SUBJECT_MAX];
    struct cli_cert_list ca_cert;
    struct slsim_pki_key *ca_key;
    bool pem;
};

static const struct {
    const char *name;
    enum slsim_pki_key_type type;
    const char *shown;
} key_types[] = {
    { "rsa2048", SLSIM_PKI_RSA2048, "RSA-2048" },
    { "rsa3072", SLSIM_PKI_RSA3072, "RSA-3072" },
    { "ec-p256", SLSIM_PKI_EC_P256, "EC P-256" },
};

#define N_KEY_TYPES (sizeof(key_types) / sizeof(key_types[0]))

static const char *key_type_shown(enum slsim_pki_key_type t)
{
    for (size_t i = 0; i < N_KEY_TYPES; i++) {
        if (key_types[i].type == t) {
            return key_types[i].shown;
        }
    }
    return "?";
}

static int parse_key_type(const struct cli_call *call, struct issue *is)
{
    const char *v = cli_opt(&call->args, "key-type");
    is->rq.key_type = SLSIM_PKI_RSA2048;
    if (v == NULL) {
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < N_KEY_TYPES; i++) {
        if (strcmp(v, key_types[i].name) == 0) {
            is->rq.key_type = key_types[i].type;
            return CLI_EXIT_OK;
        }
    }
    return cli_usage_error(call, "invalid --key-type '%s': expected rsa2048, rsa3072 or ec-p256",
                           v);
}

/* Validity from --days, --not-before, --not-after (default: now - 1 day, 365 days on). */
static int parse_validity(const struct cli_call *call, struct slsim_pki_cert_req *c)
{
    const char *days = cli_opt(&call->args, "days");
    const char *nb = cli_opt(&call->args, "not-before");
    const char *na = cli_opt(&call->args, "not-after");
    uint32_t n = 365;
    if (days != NULL && na != NULL) {
        return cli_usage_error(call, "options '--days' and '--not-after' conflict");
    }
    if (days != NULL && (cli_parse_u32(days, &n) != 0 || n == 0 || n > MAX_DAYS)) {
        return cli_usage_error(call, "invalid --days '%s': expected 1 to %u", days, MAX_DAYS);
    }
    c->not_before = (int64_t)time(NULL) - DAY_SECONDS;
    if (nb != NULL && cli_parse_time(nb, &c->not_before) != 0) {
        return cli_usage_error(call, "invalid --not-before '%s': expected Unix seconds", nb);
    }
    c->not_after = c->not_before + DAY_SECONDS + (int64_t)n * DAY_SECONDS;
    if (nb != NULL) {
        c->not_after -= DAY_SECONDS; /* N days from the given start */
    }
    if (na != NULL && cli_parse_time(na, &c->not_after) != 0) {
        return cli_usage_error(call, "invalid --not-after '%s': expected Unix seconds", na);
    }
    if (c->not_after <= c->not_before) {
        return cli_usage_error(call, "invalid validity: the end is not after the start");
    }
    return CLI_EXIT_OK;
}

/* "CN=<cn>" with commas escaped, as the DN parser of mbedTLS wants them. */
static int make_subject(const struct cli_call *call, struct issue *is, const char *cn)
{
    size_t used = (size_t)snprintf(is->subject, sizeof(is->subject), "CN=");
    for (const char *p = cn; *p != '\0'; p++) {
        if (used + 3 >= sizeof(is->subject)) {
            return cli_usage_error(call, "invalid --cn: longer than %d bytes", SUBJECT_MAX - 8);
        }
        if (*p == ',') {
            is->subject[used++] = '\\';
        }
        is->subject[used++] = *p;
    }
    is->subject[used] = '\0';
    is->rq.cert.subject = is->subject;
    return CLI_EXIT_OK;
}

static int parse_names(const struct cli_call *call, struct issue *is)
{
    const char *cn = cli_opt(&call->args, "cn");
    is->cn = cn;
    is->rq.file = cli_opt(&call->args, "name") != NULL ? cli_opt(&call->args, "name") : cn;
    const char *f = is->rq.file;
    if (strchr(f, '/') != NULL || strcmp(f, ".") == 0 || strcmp(f, "..") == 0) {
        return cli_usage_error(call, "invalid file name '%s': give a name without '/' with --name",
                               f);
    }
    unsigned cur = 0;
    size_t n = 0;
    const char *d = NULL;
    while ((d = cli_opt_next(&call->args, "dns", &cur)) != NULL) {
        if (n == MAX_DNS_NAMES) {
            return cli_usage_error(call, "too many --dns names (at most %d)", MAX_DNS_NAMES);
        }
        is->dns[n++] = d;
    }
    is->rq.cert.dns = n > 0 ? is->dns : NULL;
    return make_subject(call, is, cn);
}

static int issue_options(const struct cli_call *call, struct issue *is)
{
    if (cli_opt(&call->args, "ca") == NULL) {
        return cli_usage_error(call, "missing option --ca NAME (NONE for a self-signed root)");
    }
    if (cli_opt(&call->args, "cn") == NULL) {
        return cli_usage_error(call, "missing option --cn CN");
    }
    if (cli_flag(&call->args, "sha1") && cli_flag(&call->args, "sha384")) {
        return cli_usage_error(call, "options '--sha1' and '--sha384' conflict");
    }
    is->rq.dir = call->args.pos[0];
    is->ca = cli_opt(&call->args, "ca");
    is->pem = cli_flag(&call->args, "pem");
    bool root = strcmp(is->ca, "NONE") == 0;
    is->rq.cert.ca = root || cli_flag(&call->args, "ca-cert");
    is->rq.cert.path_len = -1;
    is->rq.cert.md = cli_flag(&call->args, "sha1")     ? "sha1"
                     : cli_flag(&call->args, "sha384") ? "sha384"
                                                       : "sha256";
    int status = parse_key_type(call, is);
    if (status == CLI_EXIT_OK) {
        status = parse_validity(call, &is->rq.cert);
    }
    return status == CLI_EXIT_OK ? parse_names(call, is) : status;
}

/* ---- issue: the CA, PEM output ------------------------------------------------------------- */

static int load_ca(struct issue *is)
{
    char path[4096];
    char key_path[4096];
    if (cli_path_join(path, sizeof(path), is->rq.dir, is->ca) != 0 ||
        snprintf(key_path, sizeof(key_path), "%s-key", path) >= (int)sizeof(key_path)) {
        cli_error("cannot read CA '%s': name too long", is->ca);
        return CLI_EXIT_ENV;
    }
    int status = cli_certs_load(&is->ca_cert, path);
    uint8_t *key = NULL;
    size_t key_len = 0;
    if (status == CLI_EXIT_OK) {
        status = cli_read_host(key_path, &key, &key_len);
    }
    if (status == CLI_EXIT_OK && slsim_pki_key_parse(key, key_len, &is->ca_key) != 0) {
        cli_error("cannot read CA key '%s': not an unencrypted private key (DER or PEM)", key_path);
        status = CLI_EXIT_FAILED;
    }
    free(key);
    if (status == CLI_EXIT_OK) {
        is->rq.issuer_der = is->ca_cert.items[0].der;
        is->rq.issuer_len = is->ca_cert.items[0].len;
        is->rq.issuer_key = is->ca_key;
    }
    return status;
}

static int write_pem(const struct issue *is,
                     const char *suffix,
                     const char *label,
                     const uint8_t *der,
                     size_t len,
                     unsigned flags)
{
    char name[600];
    char path[4096];
    char *pem = NULL;
    if (snprintf(name, sizeof(name), "%s%s", is->rq.file, suffix) >= (int)sizeof(name) ||
        cli_path_join(path, sizeof(path), is->rq.dir, name) != 0) {
        cli_error("cannot write '%s/%s%s': name too long", is->rq.dir, is->rq.file, suffix);
        return CLI_EXIT_ENV;
    }
    if (slsim_pki_der_to_pem(label, der, len, &pem) != 0) {
        cli_error("cannot write '%s': out of memory", path);
        return CLI_EXIT_ENV;
    }
    int status = cli_write_host(path, pem, strlen(pem), flags | CLI_WRITE_EXCL);
    free(pem);
    return status;
}

/* Appends the PEM of @p der to the malloc'd text *buf. */
static int append_pem(char **buf, size_t *used, const uint8_t *der, size_t len)
{
    char *pem = NULL;
    if (slsim_pki_der_to_pem("CERTIFICATE", der, len, &pem) != 0) {
        return -1;
    }
    size_t n = strlen(pem);
    char *nb = realloc(*buf, *used + n + 1);
    if (nb == NULL) {
        free(pem);
        return -1;
    }
    memcpy(nb + *used, pem, n + 1);
    *buf = nb;
    *used += n;
    free(pem);
    return 0;
}

/* The certificate of @p dir whose subject is @p issuer, or NULL. */
static const struct cli_cert *find_subject(const struct cli_cert_list *dir, const char *issuer)
{
    for (size_t i = 0; i < dir->n; i++) {
        if (dir->items[i].parsed && strcmp(dir->items[i].subject, issuer) == 0) {
            return &dir->items[i];
        }
    }
    return NULL;
}

/* FILE-chain.pem: the leaf, then its issuers (found in DIR by subject) up to the self-signed
 * root, as a server sends its chain. */
static int write_chain(const struct issue *is, const struct cli_pki_out *out)
{
    struct cli_cert_list dir = { NULL, 0, 0 };
    char *text = NULL;
    size_t used = 0;
    size_t skipped = 0;
    int status = cli_certs_load_dir(&dir, is->rq.dir, &skipped);
    bool ok = status == CLI_EXIT_OK && append_pem(&text, &used, out->der, out->len) == 0;
    const struct cli_cert *cur = &is->ca_cert.items[0];
    for (size_t depth = 0; ok && depth < SLSIM_CATALOG_CHAIN_MAX; depth++) {
        ok = append_pem(&text, &used, cur->der, cur->len) == 0;
        if (!ok || cur->self_signed || !cur->parsed) {
            break;
        }
        const struct cli_cert *next = find_subject(&dir, cur->issuer);
        if (next == NULL) {
            cli_warning("chain of '%s' stops at '%s': its issuer '%s' is not in '%s'", is->rq.file,
                        cur->cn, cur->issuer_cn, is->rq.dir);
            break;
        }
        cur = next;
    }
    if (status == CLI_EXIT_OK && !ok) {
        cli_error("cannot write the chain of '%s': out of memory", is->rq.file);
        status = CLI_EXIT_ENV;
    }
    if (status == CLI_EXIT_OK) {
        char path[4096];
        char name[600];
        (void)snprintf(name, sizeof(name), "%s-chain.pem", is->rq.file);
        status = cli_path_join(path, sizeof(path), is->rq.dir, name) == 0
                     ? cli_write_host(path, text, used, CLI_WRITE_EXCL)
                     : CLI_EXIT_ENV;
    }
    free(text);
    cli_cert_list_free(&dir);
    return status;
}

static int write_pems(const struct issue *is, const struct cli_pki_out *out)
{
    const char *label = is->rq.key_type == SLSIM_PKI_EC_P256 ? "EC PRIVATE KEY" : "RSA PRIVATE KEY";
    int status = write_pem(is, ".pem", "CERTIFICATE", out->der, out->len, 0);
    if (status == CLI_EXIT_OK) {
        status = write_pem(is, "-key.pem", label, out->key_der, out->key_len, CLI_WRITE_PRIVATE);
    }
    if (status == CLI_EXIT_OK && !is->rq.cert.ca) {
        status = write_chain(is, out);
    }
    return status;
}

/* ---- issue --------------------------------------------------------------------------------- */

static void issue_report(const struct issue *is)
{
    char t1[40];
    char t2[40];
    char path[4096];
    cli_utc(is->rq.cert.not_before, true, t1, sizeof(t1));
    cli_utc(is->rq.cert.not_after, true, t2, sizeof(t2));
    if (cli_path_join(path, sizeof(path), is->rq.dir, is->rq.file) != 0) {
        path[0] = '\0';
    }
    (void)printf("issued '%s': CN=%s, %s, %s, %s\n", path, is->cn, key_type_shown(is->rq.key_type),
                 is->rq.issuer_der == NULL ? "self-signed root CA"
                 : is->rq.cert.ca          ? "intermediate CA"
                                           : "end entity",
                 is->rq.cert.md);
    if (is->rq.issuer_der != NULL) {
        (void)printf("issuer        %s\n", is->ca_cert.items[0].subject);
    }
    for (size_t i = 0; is->rq.cert.dns != NULL && is->dns[i] != NULL; i++) {
        (void)printf("dns           %s\n", is->dns[i]);
    }
    (void)printf("valid         %s to %s\n", t1, t2);
    const char *f = is->rq.file;
    (void)printf("files         %s, %s-key", f, f);
    if (is->pem) {
        (void)printf(", %s.pem, %s-key.pem", f, f);
    }
    if (is->pem && !is->rq.cert.ca) {
        (void)printf(", %s-chain.pem", f);
    }
    (void)printf("\n");
}

static int pki_issue(const struct cli_call *call)
{
    struct issue *is = calloc(1, sizeof(*is));
    if (is == NULL) {
        cli_error("cannot issue: out of memory");
        return CLI_EXIT_ENV;
    }
    struct cli_pki_out out;
    memset(&out, 0, sizeof(out));
    int status = issue_options(call, is);
    if (status == CLI_EXIT_OK) {
        status = cli_make_dir(is->rq.dir);
    }
    if (status == CLI_EXIT_OK) {
        static const char *const der_files[] = { "", "-key", NULL };
        static const char *const pem_files[] = {
            "", "-key", ".pem", "-key.pem", "-chain.pem", NULL
        };
        status = cli_pki_check_free(is->rq.dir, is->rq.file, is->pem ? pem_files : der_files);
    }
    if (status == CLI_EXIT_OK && strcmp(is->ca, "NONE") != 0) {
        status = load_ca(is);
    }
    if (status == CLI_EXIT_OK) {
        status = cli_pki_make(&is->rq, &out);
    }
    if (status == CLI_EXIT_OK && is->pem) {
        status = write_pems(is, &out);
    }
    if (status == CLI_EXIT_OK) {
        issue_report(is);
    }
    cli_pki_out_free(&out);
    cli_cert_list_free(&is->ca_cert);
    slsim_pki_key_free(is->ca_key);
    free(is);
    return status;
}

/* ---- the noun ------------------------------------------------------------------------------ */

static const struct cli_opt issue_opts[] = {
    { "ca", "NAME", "issuing CA DIR/NAME (key DIR/NAME-key); NONE: a self-signed root" },
    { "ca-cert", NULL, "issue a CA (an intermediate) instead of a server certificate" },
    { "cn", "CN", "the subject's common name" },
    { "days", "N", "valid for N days (default 365)" },
    { "dns", "NAME", "a subjectAltName DNS name (repeatable)" },
    { "key-type", "TYPE", "rsa2048 (default), rsa3072 or ec-p256" },
    { "name", "FILE", "write DIR/FILE and DIR/FILE-key (default: the CN)" },
    { "not-after", "UNIXTIME", "end of validity (instead of --days)" },
    { "not-before", "UNIXTIME", "start of validity (default: now - 1 day)" },
    { "pem", NULL, "also write FILE.pem, FILE-key.pem and FILE-chain.pem" },
    { "sha1", NULL, "sign with sha1WithRSAEncryption / ecdsa-with-SHA1" },
    { "sha384", NULL, "sign with SHA-384" },
    { NULL, NULL, NULL },
};

static const struct cli_opt playground_opts[] = {
    { "days", "N", "valid for N days from now (default 3650)" },
    { NULL, NULL, NULL },
};

/* Sorted by name. */
static const struct cli_verb pki_verbs[] = {
    { "issue", pki_issue, 1, 1, "DIR", "issue a certificate from a CA in DIR",
      "Issues a certificate signed by the CA DIR/NAME with its key DIR/NAME-key (or a\n"
      "self-signed root with --ca NONE), with a new key, and writes DIR/FILE and\n"
      "DIR/FILE-key (DER; DIR is created if missing). Existing files are never\n"
      "replaced. With --pem, also FILE.pem, FILE-key.pem and, for a server certificate,\n"
      "FILE-chain.pem (the certificate, then its issuers found in DIR, up to the root).\n",
      issue_opts, NULL },
    { "playground", cli_pki_playground, 1, 1, "DIR", "write a TI-shaped playground PKI",
      "Writes TI's playground PKI shape with fresh keys: dummy-root-ca-cert,\n"
      "dummy-trusted-ca-cert, dummy-trusted-cert, dummy-revoked-ca-cert and\n"
      "dummy-revoked-cert (DER, RSA-2048, SHA-256) with their -key files, and\n"
      "certcatalogPlayGround.lst (trusting the root, revoking dummy-revoked-ca-cert)\n"
      "signed with the slsim ROM key into certcatalogPlayGround.lst.sig. Unlike TI's\n"
      "files (2016-09-11 to 2026-09-09) they are valid from yesterday for --days.\n",
      playground_opts, NULL },
};

const struct cli_noun cli_noun_pki = {
    .name = "pki",
    .help = "make test certificates and keys (no openssl needed)",
    .verbs = pki_verbs,
    .nverbs = sizeof(pki_verbs) / sizeof(pki_verbs[0]),
};

int cmd_pki(int argc, char **argv)
{
    return cli_run_noun(&cli_noun_pki, argc, argv);
}
