/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_catalog_compat.c
 * @brief Checks slsim's `.lst` codec against a file written by an independent encoder.
 *
 * Usage: test_catalog_compat FILE CREATED VALID_UNTIL [T:<hex> | R:<hex>]...
 *        test_catalog_compat --skip   (exit 77: the generator could not run)
 *
 * FILE was written by tests/unit/catalog/lst_independent.py from the same arguments. The
 * test decodes it and checks times, counts, digests and their order; then checks that
 * slsim's encoder reproduces FILE byte for byte, both from the decoded struct and from a
 * catalog built with init + add from the arguments.
 */
#include "catalog/catalog.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SKIP_EXIT 77

static int failures;

static void check(bool ok, const char *what)
{
    if (!ok) {
        (void)fprintf(stderr, "test_catalog_compat: FAIL: %s\n", what);
        failures++;
    }
}

static bool parse_u64(const char *s, uint64_t *out)
{
    char *end = NULL;

    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno != 0 || end == s || *end != '\0') {
        return false;
    }
    *out = (uint64_t)v;
    return true;
}

static bool parse_entry(const char *arg, char *kind, uint8_t digest[SLSIM_CATALOG_DIGEST_LEN])
{
    if (strlen(arg) != 2 + 2 * SLSIM_CATALOG_DIGEST_LEN || arg[1] != ':' ||
        (arg[0] != 'T' && arg[0] != 'R')) {
        return false;
    }
    *kind = arg[0];
    for (size_t i = 0; i < SLSIM_CATALOG_DIGEST_LEN; i++) {
        unsigned v = 0;
        if (sscanf(arg + 2 + 2 * i, "%2x", &v) != 1) {
            return false;
        }
        digest[i] = (uint8_t)v;
    }
    return true;
}

static size_t read_file(const char *path, uint8_t *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");

    if (f == NULL) {
        (void)fprintf(stderr, "test_catalog_compat: cannot open '%s'\n", path);
        exit(1);
    }
    size_t len = fread(buf, 1, cap, f);
    (void)fclose(f);
    return len;
}

/* The entries of argv, in order, checked against the decoded catalog; also builds `built`. */
static void
check_entries(int argc, char **argv, const struct slsim_catalog *cat, struct slsim_catalog *built)
{
    uint32_t nt = 0;
    uint32_t nr = 0;

    for (int i = 4; i < argc; i++) {
        uint8_t d[SLSIM_CATALOG_DIGEST_LEN];
        char kind = 0;

        if (!parse_entry(argv[i], &kind, d)) {
            (void)fprintf(stderr, "test_catalog_compat: bad entry '%s'\n", argv[i]);
            exit(2);
        }
        if (kind == 'T') {
            check(nt < cat->n_trusted && memcmp(cat->trusted[nt], d, sizeof(d)) == 0,
                  "trusted digest in order");
            check(slsim_catalog_add_trusted(built, d) == SLSIM_CATALOG_OK, "add_trusted");
            nt++;
        } else {
            check(nr < cat->n_revoked && memcmp(cat->revoked[nr], d, sizeof(d)) == 0,
                  "revoked digest in order");
            check(slsim_catalog_add_revoked(built, d) == SLSIM_CATALOG_OK, "add_revoked");
            check(slsim_catalog_find_by_digest(cat, d) == SLSIM_CATALOG_REVOKED, "lookup revoked");
            nr++;
        }
    }
    check(cat->n_trusted == nt, "trusted count");
    check(cat->n_revoked == nr, "revoked count");
}

int main(int argc, char **argv)
{
    static struct slsim_catalog cat, built;
    static uint8_t file[SLSIM_CATALOG_MAX_ENCODED_LEN + 1];
    static uint8_t out[SLSIM_CATALOG_MAX_ENCODED_LEN];
    struct slsim_catalog_diag diag;
    uint64_t created = 0;
    uint64_t valid_until = 0;
    size_t len = 0;
    size_t olen = 0;

    if (argc == 2 && strcmp(argv[1], "--skip") == 0) {
        (void)fprintf(stderr, "test_catalog_compat: python3 not found, skipping\n");
        return SKIP_EXIT;
    }
    if (argc < 4 || !parse_u64(argv[2], &created) || !parse_u64(argv[3], &valid_until)) {
        (void)fprintf(stderr,
                      "usage: test_catalog_compat FILE CREATED VALID_UNTIL [T:hex|R:hex]...\n");
        return 2;
    }
    len = read_file(argv[1], file, sizeof(file));
    enum slsim_catalog_status st = slsim_catalog_decode(file, len, &cat, &diag);
    if (st != SLSIM_CATALOG_OK) {
        (void)fprintf(stderr, "test_catalog_compat: decode: %s: %s\n",
                      slsim_catalog_status_name(st), diag.msg);
        return 1;
    }
    check(diag.warnings == 0, "no decode warnings");
    check(cat.created == created, "created");
    check(cat.valid_until == valid_until, "valid_until");
    slsim_catalog_init(&built, created, valid_until);
    check_entries(argc, argv, &cat, &built);

    check(slsim_catalog_encode(&cat, out, sizeof(out), &olen) == SLSIM_CATALOG_OK, "re-encode");
    check(olen == len && memcmp(out, file, len) == 0, "re-encode is byte-identical");
    check(slsim_catalog_encode(&built, out, sizeof(out), &olen) == SLSIM_CATALOG_OK, "encode");
    check(olen == len && memcmp(out, file, len) == 0, "built catalog encodes to the same bytes");
    if (failures == 0) {
        (void)printf("test_catalog_compat: %zu bytes, %u trusted, %u revoked: ok\n", len,
                     (unsigned)cat.n_trusted, (unsigned)cat.n_revoked);
    }
    return failures == 0 ? 0 : 1;
}
