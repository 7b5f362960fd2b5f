/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_catalog_certs.c
 * @brief Host files and certificates for `slsim catalog` and `slsim pki`: reading DER or PEM
 *        certificate files and directories into a list (digest, subject, common name),
 *        writing host files (private keys with mode 0600), hex and UTC formatting.
 *
 * A catalog only stores SHA-256 digests of whole DER certificates (reference A.3); the subject
 * is parsed here only to show and select roots, never to decide trust.
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <mbedtls/asn1.h>
#include <mbedtls/oid.h>
#include <mbedtls/x509_crt.h>

#include "catalog/catalog.h"

#include "core/banned.h"

#define HOST_FILE_LIMIT ((size_t)8 * 1024u * 1024u) /* certificate bundles, keys, catalogs */
#define DER_MAX         ((size_t)64 * 1024u)        /* one certificate */

static const char pem_begin[] = "-----BEGIN CERTIFICATE-----";

/* ---- host files ---------------------------------------------------------------------------- */

int cli_read_host(const char *path, uint8_t **data, size_t *len)
{
    int rc = slsim_read_host_file(path, HOST_FILE_LIMIT, data, len);
    if (rc != 0) {
        cli_error("cannot read '%s': %s", path, rc == -EFBIG ? "larger than 8 MB" : strerror(-rc));
        return CLI_EXIT_ENV;
    }
    return CLI_EXIT_OK;
}

int cli_write_host(const char *path, const void *data, size_t len, unsigned flags)
{
    int oflags = O_WRONLY | O_CREAT | ((flags & CLI_WRITE_EXCL) ? O_EXCL : O_TRUNC);
    mode_t mode = (flags & CLI_WRITE_PRIVATE) ? 0600 : 0666;
    int fd = open(path, oflags, mode);
    if (fd < 0) {
        cli_error("cannot write '%s': %s", path, strerror(errno));
        return CLI_EXIT_ENV;
    }
    const uint8_t *p = data;
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, p + done, len - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            int err = n < 0 ? errno : EIO;
            (void)close(fd);
            cli_error("cannot write '%s': %s", path, strerror(err));
            return CLI_EXIT_ENV;
        }
        done += (size_t)n;
    }
    if (close(fd) != 0) {
        cli_error("cannot write '%s': %s", path, strerror(errno));
        return CLI_EXIT_ENV;
    }
    return CLI_EXIT_OK;
}

/* ---- formatting ---------------------------------------------------------------------------- */

void cli_hex(const uint8_t *p, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15u];
    }
    out[2 * n] = '\0';
}

void cli_utc(int64_t t, bool with_time, char *buf, size_t len)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if ((int64_t)tt != t || gmtime_r(&tt, &tm) == NULL) {
        (void)snprintf(buf, len, "(out of range)");
        return;
    }
    if (with_time) {
        (void)snprintf(buf, len, "%04d-%02d-%02d %02d:%02d:%02d UTC", tm.tm_year + 1900,
                       tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    } else {
        (void)snprintf(buf, len, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    }
}

int cli_parse_time(const char *s, int64_t *out)
{
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    /* 1950 .. 9999: what X.509 validity and the catalog header can express. */
    if (s[0] == '\0' || errno != 0 || *end != '\0' || v < -631152000LL || v > 253402300799LL) {
        return -1;
    }
    *out = (int64_t)v;
    return 0;
}

/* ---- certificate lists --------------------------------------------------------------------- */

void cli_cert_list_free(struct cli_cert_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].der);
    }
    free(l->items);
    memset(l, 0, sizeof(*l));
}

static void common_name(const mbedtls_x509_name *name, char *buf, size_t len)
{
    buf[0] = '\0';
    for (const mbedtls_x509_name *n = name; n != NULL; n = n->next) {
        if (n->oid.p != NULL && MBEDTLS_OID_CMP(MBEDTLS_OID_AT_CN, &n->oid) == 0) {
            (void)snprintf(buf, len, "%.*s", (int)n->val.len, (const char *)n->val.p);
        }
    }
}

static void cert_names(struct cli_cert *c)
{
    mbedtls_x509_crt crt;
    mbedtls_x509_crt_init(&crt);
    c->parsed = mbedtls_x509_crt_parse_der(&crt, c->der, c->len) == 0;
    if (c->parsed) {
        if (mbedtls_x509_dn_gets(c->subject, sizeof(c->subject), &crt.subject) < 0) {
            c->subject[0] = '\0';
        }
        if (mbedtls_x509_dn_gets(c->issuer, sizeof(c->issuer), &crt.issuer) < 0) {
            c->issuer[0] = '\0';
        }
        common_name(&crt.subject, c->cn, sizeof(c->cn));
        common_name(&crt.issuer, c->issuer_cn, sizeof(c->issuer_cn));
        c->self_signed = crt.issuer_raw.len == crt.subject_raw.len &&
                         memcmp(crt.issuer_raw.p, crt.subject_raw.p, crt.subject_raw.len) == 0;
    }
    mbedtls_x509_crt_free(&crt);
}

/* Appends a copy of @p der; CLI_EXIT_ENV (with a message) when out of memory. */
static int
list_add(struct cli_cert_list *l, const uint8_t *der, size_t len, const char *path, unsigned index)
{
    if (l->n == l->cap) {
        size_t cap = l->cap != 0 ? l->cap * 2 : 16;
        struct cli_cert *items = realloc(l->items, cap * sizeof(*items));
        if (items == NULL) {
            cli_error("cannot read '%s': out of memory", path);
            return CLI_EXIT_ENV;
        }
        l->items = items;
        l->cap = cap;
    }
    struct cli_cert *c = &l->items[l->n];
    memset(c, 0, sizeof(*c));
    c->der = malloc(len);
    if (c->der == NULL) {
        cli_error("cannot read '%s': out of memory", path);
        return CLI_EXIT_ENV;
    }
    memcpy(c->der, der, len);
    c->len = len;
    (void)snprintf(c->source, sizeof(c->source), "%s", path);
    c->index = index;
    if (slsim_catalog_digest_der(der, len, c->sha256) != SLSIM_CATALOG_OK) {
        free(c->der);
        cli_error("cannot hash '%s': %s (%d)", path,
                  slsim_catalog_status_name(SLSIM_CATALOG_CRYPTO), (int)SLSIM_CATALOG_CRYPTO);
        return CLI_EXIT_FAILED;
    }
    cert_names(c);
    l->n++;
    return CLI_EXIT_OK;
}

static int load_pem(struct cli_cert_list *l, const char *path, const uint8_t *buf, size_t len)
{
    uint8_t *der = malloc(DER_MAX);
    if (der == NULL) {
        cli_error("cannot read '%s': out of memory", path);
        return CLI_EXIT_ENV;
    }
    struct slsim_catalog_pem_iter it;
    slsim_catalog_pem_begin(&it, buf, len);
    int status = CLI_EXIT_OK;
    for (unsigned index = 1; status == CLI_EXIT_OK; index++) {
        size_t der_len = 0;
        enum slsim_catalog_status st = slsim_catalog_pem_next(&it, der, DER_MAX, &der_len);
        if (st == SLSIM_CATALOG_PEM_END) {
            break;
        }
        if (st != SLSIM_CATALOG_OK) {
            cli_error("cannot read '%s': certificate %u: %s (%d): %s", path, index,
                      slsim_catalog_status_name(st), (int)st, slsim_catalog_status_str(st));
            status = CLI_EXIT_FAILED;
            break;
        }
        status = list_add(l, der, der_len, path, index);
        if (status == CLI_EXIT_OK && !l->items[l->n - 1].parsed) {
            cli_warning("'%s': certificate %u is not an X.509 certificate slsim can parse "
                        "(kept by its digest, without a name)",
                        path, index);
        }
    }
    free(der);
    return status;
}

static bool is_pem(const uint8_t *buf, size_t len)
{
    size_t n = sizeof(pem_begin) - 1;
    for (size_t i = 0; i + n <= len; i++) {
        if (buf[i] == '-' && memcmp(buf + i, pem_begin, n) == 0) {
            return true;
        }
    }
    return false;
}

static int certs_load(struct cli_cert_list *l, const char *path, size_t *skipped)
{
    uint8_t *buf = NULL;
    size_t len = 0;
    int status = cli_read_host(path, &buf, &len);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    if (is_pem(buf, len)) {
        status = load_pem(l, path, buf, len);
    } else {
        mbedtls_x509_crt crt;
        mbedtls_x509_crt_init(&crt);
        int rc = mbedtls_x509_crt_parse_der(&crt, buf, len);
        mbedtls_x509_crt_free(&crt);
        if (rc == 0) {
            status = list_add(l, buf, len, path, 0);
        } else if (skipped != NULL) {
            ++*skipped;
        } else {
            cli_error("cannot read certificate '%s': not a DER or PEM certificate (mbedtls "
                      "-0x%04x)",
                      path, (unsigned)-rc);
            status = CLI_EXIT_FAILED;
        }
    }
    free(buf);
    return status;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The regular files of @p dir (symbolic links followed), sorted, as malloc'd paths. */
static int dir_files(const char *dir, char ***out, size_t *count)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        cli_error("cannot read directory '%s': %s", dir, strerror(errno));
        return CLI_EXIT_ENV;
    }
    char **paths = NULL;
    size_t n = 0;
    int status = CLI_EXIT_OK;
    for (struct dirent *e = readdir(d); e != NULL && status == CLI_EXIT_OK; e = readdir(d)) {
        char path[4096];
        struct stat st;
        int w = snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (e->d_name[0] == '.' || w < 0 || (size_t)w >= sizeof(path) || stat(path, &st) != 0 ||
            !S_ISREG(st.st_mode)) {
            continue;
        }
        char **np = realloc(paths, (n + 1) * sizeof(*np));
        char *copy = np != NULL ? malloc((size_t)w + 1) : NULL;
        if (copy == NULL) {
            paths = np != NULL ? np : paths;
            cli_error("cannot read directory '%s': out of memory", dir);
            status = CLI_EXIT_ENV;
            break;
        }
        memcpy(copy, path, (size_t)w + 1);
        paths = np;
        paths[n++] = copy;
    }
    (void)closedir(d);
    if (n > 0) {
        qsort(paths, n, sizeof(*paths), cmp_names);
    }
    *out = paths;
    *count = n;
    return status;
}

int cli_certs_load(struct cli_cert_list *l, const char *path)
{
    return certs_load(l, path, NULL);
}

int cli_certs_load_dir(struct cli_cert_list *l, const char *dir, size_t *skipped)
{
    char **paths = NULL;
    size_t n = 0;
    size_t dummy = 0;
    int status = dir_files(dir, &paths, &n);
    for (size_t i = 0; i < n; i++) {
        if (status == CLI_EXIT_OK) {
            status = certs_load(l, paths[i], skipped != NULL ? skipped : &dummy);
        }
        free(paths[i]);
    }
    free(paths);
    return status;
}

int cli_certs_load_path(struct cli_cert_list *l, const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        return cli_certs_load_dir(l, path, NULL);
    }
    return cli_certs_load(l, path);
}

const struct cli_cert *cli_cert_find(const struct cli_cert_list *l, const uint8_t *sha256)
{
    for (size_t i = 0; i < l->n; i++) {
        if (memcmp(l->items[i].sha256, sha256, SLSIM_CATALOG_DIGEST_LEN) == 0) {
            return &l->items[i];
        }
    }
    return NULL;
}

void cli_cert_where(const struct cli_cert *c, char *buf, size_t len)
{
    if (c->index > 0) {
        (void)snprintf(buf, len, "'%s' #%u", c->source, c->index);
    } else {
        (void)snprintf(buf, len, "'%s'", c->source);
    }
}

const char *cli_cert_label(const struct cli_cert *c)
{
    if (c->subject[0] != '\0') {
        return c->subject;
    }
    return c->parsed ? "(empty subject)" : "(not parsed)";
}
