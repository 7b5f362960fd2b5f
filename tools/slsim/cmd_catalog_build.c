/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file cmd_catalog_build.c
 * @brief `slsim catalog build`: a TI `.lst` catalog from PEM bundles, certificate directories
 *        and revoked certificates, with an optional selection of roots by name.
 *
 * The format holds at most 128 trusted and 64 revoked digests (reference A.3). A bigger input
 * (a system bundle holds about 140 roots) is refused with the count and a request for
 * `--select`: dropping roots silently would make connections fail with -468 later, far from
 * the cause. The header times follow TI's files: valid until = created + 5 years + 6 hours.
 */
#include "cli.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog/catalog.h"
#include "catalog/catalog_store.h"

#include "core/banned.h"

#define MAX_SELECT_LINES 1024

struct selection {
    uint8_t *text;
    char *names[MAX_SELECT_LINES];
    bool used[MAX_SELECT_LINES];
    bool exact[MAX_SELECT_LINES]; /* the line is some root's whole CN */
    size_t n;
};

struct build {
    const char *out;
    int64_t created;
    struct cli_cert_list roots;
    struct cli_cert_list revoked;
    struct selection sel;
    bool selecting;
    const char *sel_path;
    size_t n_read;     /* certificates read as roots */
    size_t n_dups;     /* duplicate roots skipped */
    size_t n_unselect; /* roots --select left out */
};

/* ---- sources ------------------------------------------------------------------------------- */

static int load_sources(const struct cli_call *call, struct build *b)
{
    int status = CLI_EXIT_OK;
    const char *v = NULL;
    unsigned cur = 0;
    while (status == CLI_EXIT_OK && (v = cli_opt_next(&call->args, "from-pem", &cur)) != NULL) {
        status = cli_certs_load(&b->roots, v);
    }
    cur = 0;
    while (status == CLI_EXIT_OK && (v = cli_opt_next(&call->args, "from-dir", &cur)) != NULL) {
        size_t skipped = 0;
        status = cli_certs_load_dir(&b->roots, v, &skipped);
        if (skipped > 0) {
            cli_note("skipped %zu %s of '%s' that %s not certificates", skipped,
                     cli_plural(skipped, "file", "files"), v, skipped == 1 ? "is" : "are");
        }
    }
    cur = 0;
    while (status == CLI_EXIT_OK && (v = cli_opt_next(&call->args, "revoke", &cur)) != NULL) {
        status = cli_certs_load(&b->revoked, v);
    }
    b->n_read = b->roots.n;
    return status;
}

/* ---- selection ----------------------------------------------------------------------------- */

static bool equal_nocase(const char *a, const char *b)
{
    while (*a != '\0' && tolower((unsigned char)*a) == tolower((unsigned char)*b)) {
        a++;
        b++;
    }
    return *a == '\0' && *b == '\0';
}

static bool contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = hay; *p != '\0'; p++) {
        size_t i = 0;
        while (i < n && p[i] != '\0' &&
               tolower((unsigned char)p[i]) == tolower((unsigned char)needle[i])) {
            i++;
        }
        if (i == n) {
            return true;
        }
    }
    return false;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s)) {
        s++;
    }
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1])) {
        s[--n] = '\0';
    }
    return s;
}

/* One name or substring per line; blank lines and lines starting with '#' are skipped. */
static int read_selection(const char *path, struct selection *sel)
{
    size_t len = 0;
    int status = cli_read_host(path, &sel->text, &len);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    uint8_t *nt = realloc(sel->text, len + 1);
    if (nt == NULL) {
        cli_error("cannot read '%s': out of memory", path);
        return CLI_EXIT_ENV;
    }
    sel->text = nt;
    sel->text[len] = '\0';
    char *line = (char *)sel->text;
    while (line != NULL) {
        char *next = strchr(line, '\n');
        if (next != NULL) {
            *next++ = '\0';
        }
        char *name = trim(line);
        if (name[0] != '\0' && name[0] != '#') {
            if (sel->n == MAX_SELECT_LINES) {
                cli_error("cannot read '%s': more than %d names", path, MAX_SELECT_LINES);
                return CLI_EXIT_FAILED;
            }
            sel->names[sel->n++] = name;
        }
        line = next;
    }
    return CLI_EXIT_OK;
}

/* A line equal to some root's CN (case-insensitively) selects exactly those roots; any other
 * line selects the roots whose CN or subject contains it. */
static bool line_matches(const struct selection *sel, size_t i, const struct cli_cert *c)
{
    if (sel->exact[i]) {
        return c->cn[0] != '\0' && equal_nocase(c->cn, sel->names[i]);
    }
    return contains_nocase(c->cn, sel->names[i]) || contains_nocase(c->subject, sel->names[i]);
}

static void mark_exact(struct selection *sel, const struct cli_cert_list *l)
{
    for (size_t i = 0; i < sel->n; i++) {
        for (size_t k = 0; k < l->n && !sel->exact[i]; k++) {
            sel->exact[i] = equal_nocase(l->items[k].cn, sel->names[i]);
        }
    }
}

static bool selected(struct selection *sel, const struct cli_cert *c)
{
    bool hit = false;
    for (size_t i = 0; i < sel->n; i++) {
        if (line_matches(sel, i, c)) {
            sel->used[i] = true;
            hit = true;
        }
    }
    return hit;
}

/* ---- filtering: duplicates, selection ------------------------------------------------------ */

#define MAX_DUP_NOTES 10

static void report_dup(const char *what, const struct cli_cert *dup, const struct cli_cert *first)
{
    char w1[300];
    char w2[300];
    cli_cert_where(dup, w1, sizeof(w1));
    cli_cert_where(first, w2, sizeof(w2));
    cli_note("duplicate %s skipped: %s (%s, same as %s)", what, cli_cert_label(dup), w1, w2);
}

/* Removes repeated digests in place, keeping the first of each; returns how many went. */
static size_t dedup(struct cli_cert_list *l, const char *what)
{
    size_t kept = 0;
    size_t dups = 0;
    for (size_t i = 0; i < l->n; i++) {
        struct cli_cert *c = &l->items[i];
        const struct cli_cert *first = NULL;
        for (size_t k = 0; k < kept && first == NULL; k++) {
            if (memcmp(l->items[k].sha256, c->sha256, sizeof(c->sha256)) == 0) {
                first = &l->items[k];
            }
        }
        if (first == NULL) {
            l->items[kept++] = *c;
            continue;
        }
        if (++dups <= MAX_DUP_NOTES) {
            report_dup(what, c, first);
        }
        free(c->der);
    }
    if (dups > MAX_DUP_NOTES) {
        cli_note("%zu more duplicate %ss skipped", dups - MAX_DUP_NOTES, what);
    }
    l->n = kept;
    return dups;
}

/* Keeps the roots --select names; returns how many were left out. */
static size_t select_roots(struct build *b)
{
    struct cli_cert_list *l = &b->roots;
    size_t kept = 0;
    mark_exact(&b->sel, l);
    for (size_t i = 0; i < l->n; i++) {
        if (selected(&b->sel, &l->items[i])) {
            l->items[kept++] = l->items[i];
        } else {
            free(l->items[i].der);
        }
    }
    size_t dropped = l->n - kept;
    l->n = kept;
    return dropped;
}

static void report_unmatched(const struct selection *sel, const char *path)
{
    for (size_t i = 0; i < sel->n; i++) {
        if (!sel->used[i]) {
            cli_warning("'%s' in '%s' matches no root", sel->names[i], path);
        }
    }
}

/* A digest in both lists makes a catalog the device refuses (catalog_store.h installs strictly)
 * and revoked wins at lookup anyway: keep it as revoked only, and say so. */
static void drop_revoked_roots(struct build *b)
{
    struct cli_cert_list *l = &b->roots;
    size_t kept = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (cli_cert_find(&b->revoked, l->items[i].sha256) == NULL) {
            l->items[kept++] = l->items[i];
            continue;
        }
        cli_warning("%s is both a root and revoked: listed as revoked only (a device refuses a "
                    "catalog with a digest in both lists)",
                    cli_cert_label(&l->items[i]));
        free(l->items[i].der);
    }
    l->n = kept;
}

/* ---- the catalog --------------------------------------------------------------------------- */

static int too_many(const struct build *b, size_t n, enum slsim_catalog_status st, bool roots)
{
    cli_error("cannot build '%s': %zu %s, a catalog holds at most %d: %s (%d)", b->out, n,
              roots ? "trusted roots" : "revoked certificates",
              roots ? SLSIM_CATALOG_MAX_TRUSTED : SLSIM_CATALOG_MAX_REVOKED,
              slsim_catalog_status_name(st), (int)st);
    if (roots && !b->selecting) {
        cli_hint("choose the roots with --select NAMES_FILE (one subject CN or substring per "
                 "line)");
    } else if (roots) {
        cli_hint("narrow the names in '%s'", b->sel_path);
    }
    return CLI_EXIT_FAILED;
}

static int fill(const struct build *b, struct slsim_catalog *cat)
{
    if (b->roots.n > SLSIM_CATALOG_MAX_TRUSTED) {
        return too_many(b, b->roots.n, SLSIM_CATALOG_TOO_MANY_TRUSTED, true);
    }
    if (b->revoked.n > SLSIM_CATALOG_MAX_REVOKED) {
        return too_many(b, b->revoked.n, SLSIM_CATALOG_TOO_MANY_REVOKED, false);
    }
    slsim_catalog_init(cat, (uint64_t)b->created, (uint64_t)(b->created + CLI_CATALOG_TI_VALIDITY));
    /* Both lists are unique and within their limits here: the adds cannot fail. */
    for (size_t i = 0; i < b->roots.n; i++) {
        (void)slsim_catalog_add_trusted(cat, b->roots.items[i].sha256);
    }
    for (size_t i = 0; i < b->revoked.n; i++) {
        (void)slsim_catalog_add_revoked(cat, b->revoked.items[i].sha256);
    }
    return CLI_EXIT_OK;
}

static void summary(const struct build *b, const struct slsim_catalog *cat, size_t len)
{
    char t1[40];
    char t2[40];
    char label[SLSIM_CATALOG_LABEL_MAX];
    cli_utc((int64_t)cat->created, true, t1, sizeof(t1));
    cli_utc((int64_t)cat->valid_until, true, t2, sizeof(t2));
    slsim_catalog_label(cat, label, sizeof(label));
    (void)printf("built '%s': %u trusted, %u revoked, %zu bytes\n", b->out, cat->n_trusted,
                 cat->n_revoked, len);
    (void)printf("created       %s (%llu)\n", t1, (unsigned long long)cat->created);
    (void)printf("valid until   %s (%llu)\n", t2, (unsigned long long)cat->valid_until);
    (void)printf("label         %s\n", label);
    (void)printf("roots read    %zu, %zu duplicate%s skipped", b->n_read, b->n_dups,
                 b->n_dups == 1 ? "" : "s");
    if (b->selecting) {
        (void)printf(", %zu not selected", b->n_unselect);
    }
    (void)printf("\n");
}

static int write_catalog(const struct build *b)
{
    struct slsim_catalog *cat = malloc(sizeof(*cat));
    uint8_t *buf = malloc(SLSIM_CATALOG_MAX_ENCODED_LEN);
    int status = cat != NULL && buf != NULL ? fill(b, cat) : CLI_EXIT_ENV;
    if (cat == NULL || buf == NULL) {
        cli_error("cannot build '%s': out of memory", b->out);
    }
    size_t len = 0;
    if (status == CLI_EXIT_OK) {
        enum slsim_catalog_status st =
            slsim_catalog_encode(cat, buf, SLSIM_CATALOG_MAX_ENCODED_LEN, &len);
        if (st != SLSIM_CATALOG_OK) {
            cli_error("cannot build '%s': %s (%d): %s", b->out, slsim_catalog_status_name(st),
                      (int)st, slsim_catalog_status_str(st));
            status = CLI_EXIT_FAILED;
        }
    }
    if (status == CLI_EXIT_OK) {
        status = cli_write_host(b->out, buf, len, 0);
    }
    if (status == CLI_EXIT_OK) {
        summary(b, cat, len);
    }
    free(buf);
    free(cat);
    return status;
}

/* ---- the verb ------------------------------------------------------------------------------ */

static int build_options(const struct cli_call *call, struct build *b)
{
    const char *created = cli_opt(&call->args, "created");
    b->created = (int64_t)time(NULL);
    if (created != NULL && cli_parse_time(created, &b->created) != 0) {
        return cli_usage_error(call, "invalid --created '%s': expected Unix seconds", created);
    }
    if (b->created < 0 || b->created + CLI_CATALOG_TI_VALIDITY > (int64_t)UINT32_MAX) {
        return cli_usage_error(call, "invalid --created '%s': the header holds 1970 to 2101",
                               created != NULL ? created : "now");
    }
    if (cli_opt_count(&call->args, "from-pem") + cli_opt_count(&call->args, "from-dir") +
            cli_opt_count(&call->args, "revoke") ==
        0) {
        return cli_usage_error(call, "nothing to build: give --from-pem, --from-dir or --revoke");
    }
    const char *sel = cli_opt(&call->args, "select");
    b->selecting = sel != NULL;
    b->sel_path = sel;
    return sel != NULL ? read_selection(sel, &b->sel) : CLI_EXIT_OK;
}

int cli_catalog_build(const struct cli_call *call)
{
    struct build *b = calloc(1, sizeof(*b));
    if (b == NULL) {
        cli_error("cannot build catalog: out of memory");
        return CLI_EXIT_ENV;
    }
    b->out = call->args.pos[0];
    int status = build_options(call, b);
    if (status == CLI_EXIT_OK) {
        status = load_sources(call, b);
    }
    if (status == CLI_EXIT_OK) {
        b->n_dups = dedup(&b->roots, "root");
        (void)dedup(&b->revoked, "revoked certificate");
        if (b->selecting) {
            b->n_unselect = select_roots(b);
            report_unmatched(&b->sel, b->sel_path);
        }
        drop_revoked_roots(b);
        status = write_catalog(b);
    }
    cli_cert_list_free(&b->roots);
    cli_cert_list_free(&b->revoked);
    free(b->sel.text);
    free(b);
    return status;
}
