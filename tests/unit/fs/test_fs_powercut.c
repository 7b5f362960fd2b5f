/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_fs_powercut.c
 * @brief Power-cut test: a scripted workload of file-system operations is replayed with a
 *        power cut at every sector write of every operation (the write lost, and again torn in
 *        half). After each cut the image must mount, every file must hold its old or its new
 *        state (fail-safe files exactly their old or new content), pending commits and bundles
 *        must have rolled back, and the file system must stay usable.
 *
 * Usage: test_fs_powercut [OPS [SEED]]  (defaults: 1000 operations, seed 1)
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "fs/fs.h"

#define SECTORS  160u
#define MAXF     24
#define MAXLEN   6000u
#define NAME_LEN 24

enum fstate { ABSENT = 0, INVALID, VALID };

struct mfile {
    char name[NAME_LEN];
    enum fstate st;
    bool failsafe;
    uint32_t len;
    uint8_t data[MAXLEN];
};

struct model {
    struct mfile f[MAXF];
    int n;
};

/* Per-operation outcome description. */
struct op_result {
    struct model after;
    struct model alt; /* bundle op: the bundle's new content, still pending after a clean stop */
    bool invalid_ok[MAXF * 2]; /* by name index in `names` below: INVALID is acceptable */
    char names[MAXF * 2][NAME_LEN];
    int n_names;
    uint64_t stop_done_at; /* bundle op: write count once sl_Stop's commit landed (or 0) */
};

static const struct slsim_fs_limits limits = {
    .max_files = 240,
    .max_sys_files = 50,
    .name_area_bytes = 3136,
    .max_open_files = 16,
    .sys_reserved_blocks = 0,
    .alert_threshold = 15,
    .secure_device = true,
};

static uint64_t rng_state;
static unsigned name_counter;
static unsigned long cut_points;
static unsigned long failures;

static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return n ? (uint32_t)(rng_state % n) : 0;
}

static void fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "FAIL: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    failures++;
}

static struct mfile *mfind(struct model *m, const char *name)
{
    for (int i = 0; i < m->n; i++) {
        if (strcmp(m->f[i].name, name) == 0) {
            return &m->f[i];
        }
    }
    return NULL;
}

static struct mfile *madd(struct model *m, const char *name)
{
    struct mfile *f = &m->f[m->n++];
    memset(f, 0, sizeof(*f));
    (void)snprintf(f->name, sizeof(f->name), "%s", name);
    return f;
}

static void mdel(struct model *m, const char *name)
{
    struct mfile *f = mfind(m, name);
    int i = (int)(f - m->f);
    memmove(&m->f[i], &m->f[i + 1], (size_t)(m->n - i - 1) * sizeof(*f));
    m->n--;
}

static void note_name(struct op_result *r, const char *name, bool invalid_ok)
{
    for (int i = 0; i < r->n_names; i++) {
        if (strcmp(r->names[i], name) == 0) {
            r->invalid_ok[i] |= invalid_ok;
            return;
        }
    }
    (void)snprintf(r->names[r->n_names], NAME_LEN, "%s", name);
    r->invalid_ok[r->n_names++] = invalid_ok;
}

static void fill(uint8_t *buf, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++) {
        buf[i] = (uint8_t)rnd(256);
    }
}

/* Picks a valid file (optionally fail-safe only); NULL if none. */
static struct mfile *pick(struct model *m, bool failsafe_only)
{
    int cand[MAXF];
    int n = 0;
    for (int i = 0; i < m->n; i++) {
        if (m->f[i].st == VALID && (!failsafe_only || m->f[i].failsafe)) {
            cand[n++] = i;
        }
    }
    return n ? &m->f[cand[rnd((uint32_t)n)]] : NULL;
}

/* Writes @p len bytes in 1-3 chunks; 0 or the first error. */
static int32_t write_chunks(struct slsim_fs *fs, int32_t h, const uint8_t *data, uint32_t len)
{
    uint32_t off = 0;
    while (off < len) {
        uint32_t n = len - off;
        if (n > 1 && rnd(2)) {
            n = 1 + rnd(n);
        }
        int32_t r = slsim_fs_write(fs, h, off, data + off, n);
        if (r < 0) {
            return r;
        }
        off += n;
    }
    return 0;
}

/* ---- operations: each runs on *fs and describes the model after it in r ----------------- */

struct op_plan {
    int kind;
    char name[NAME_LEN];
    char name2[NAME_LEN];
    char name3[NAME_LEN];
    bool failsafe;
    bool flag;
    uint32_t len;
    uint32_t len2;
    uint8_t data[MAXLEN];
    uint8_t data2[MAXLEN];
};

enum { OP_CREATE, OP_REWRITE, OP_ABORT, OP_DELETE, OP_RENAME, OP_COMMIT, OP_BUNDLE, OP_KINDS };

static void plan_op(struct model *m, struct op_plan *p)
{
    memset(p, 0, offsetof(struct op_plan, data));
    p->kind = (int)rnd(OP_KINDS);
    if (m->n < 4 || (m->n < MAXF - 2 && p->kind == OP_DELETE && rnd(2))) {
        p->kind = OP_CREATE;
    }
    if (m->n >= MAXF - 2 && p->kind == OP_CREATE) {
        p->kind = OP_DELETE;
    }
    struct mfile *a = pick(m, p->kind == OP_COMMIT || p->kind == OP_BUNDLE);
    if (p->kind != OP_CREATE && a == NULL) {
        p->kind = OP_CREATE;
    }
    p->flag = rnd(2) != 0;
    p->len = rnd(MAXLEN / 2);
    fill(p->data, p->len);
    if (p->kind == OP_CREATE) {
        (void)snprintf(p->name, NAME_LEN, "/f/%u", name_counter++);
        p->failsafe = rnd(3) != 0;
        return;
    }
    (void)snprintf(p->name, NAME_LEN, "%s", a->name);
    if (p->kind == OP_RENAME) {
        (void)snprintf(p->name2, NAME_LEN, "/r/%u", name_counter++);
    }
    if (p->kind == OP_BUNDLE) {
        struct mfile *b = pick(m, true);
        if (b != NULL && b != a) {
            (void)snprintf(p->name2, NAME_LEN, "%s", b->name);
            p->len2 = rnd(MAXLEN / 2);
            fill(p->data2, p->len2);
        }
    }
}

/* The model after the plan, and which files may end INVALID after a cut. */
static void expect(const struct model *before, const struct op_plan *p, struct op_result *r)
{
    r->after = *before;
    r->n_names = 0;
    r->stop_done_at = 0;
    struct model *m = &r->after;
    struct mfile *f = p->kind == OP_CREATE ? madd(m, p->name) : mfind(m, p->name);
    note_name(r, p->name, false);
    switch (p->kind) {
    case OP_CREATE:
        f->failsafe = p->failsafe;
        note_name(r, p->name, true); /* created but not closed */
        /* fall through */
    case OP_REWRITE:
        f->st = VALID;
        f->len = p->len;
        memcpy(f->data, p->data, p->len);
        note_name(r, p->name, !f->failsafe);
        break;
    case OP_ABORT:
        if (!f->failsafe) {
            f->st = INVALID;
            f->len = 0;
        }
        break;
    case OP_DELETE:
        mdel(m, p->name);
        break;
    case OP_RENAME:
        (void)snprintf(f->name, NAME_LEN, "%s", p->name2);
        note_name(r, p->name2, false);
        break;
    case OP_COMMIT:
        if (p->flag) {
            f->len = p->len;
            memcpy(f->data, p->data, p->len);
        }
        break;
    case OP_BUNDLE: {
        struct model *x = &r->alt;
        *x = *before;
        struct mfile *xf = mfind(x, p->name);
        xf->len = p->len;
        memcpy(xf->data, p->data, p->len);
        if (p->name2[0]) {
            struct mfile *g = mfind(x, p->name2);
            g->len = p->len2;
            memcpy(g->data, p->data2, p->len2);
            note_name(r, p->name2, false);
        }
        if (p->flag) {
            *m = *x;
        }
        break;
    }
    default:
        break;
    }
}

static int32_t write_file(struct slsim_fs *fs,
                          const char *name,
                          uint32_t word,
                          const uint8_t *data,
                          uint32_t len,
                          bool abort_it)
{
    int32_t h = slsim_fs_open(fs, name, word, NULL, SLSIM_FS_CALLER_APP);
    if (h < 0) {
        return h;
    }
    int32_t r = write_chunks(fs, h, data, len);
    if (r < 0) {
        return r;
    }
    if (abort_it) {
        return slsim_fs_close(fs, h, NULL, (const uint8_t *)"A", 1);
    }
    return slsim_fs_close(fs, h, NULL, NULL, 0);
}

static int32_t run_bundle(struct slsim_fs **fs,
                          struct slsim_flash *fl,
                          const struct op_plan *p,
                          uint64_t *stop_done_at)
{
    uint32_t w = SLSIM_FS_O_WRITE | SLSIM_FS_WF_BUNDLE;
    int32_t r = write_file(*fs, p->name, w, p->data, p->len, false);
    if (r == 0 && p->name2[0]) {
        r = write_file(*fs, p->name2, w, p->data2, p->len2, false);
    }
    if (r != 0) {
        return r;
    }
    r = slsim_fs_unmount(*fs, SLSIM_FS_STOP_DEVICE); /* sl_Stop */
    *fs = NULL;
    if (r != 0) {
        return r;
    }
    *stop_done_at = slsim_flash_write_count(fl);
    r = slsim_fs_mount(fl, &limits, SLSIM_FS_MOUNT_BOOT, fs, NULL); /* sl_Start */
    if (r != 0) {
        return r;
    }
    r = slsim_fs_bundle(*fs, p->flag);
    return r < 0 ? r : 0;
}

static int32_t run_op(struct slsim_fs **fs,
                      struct slsim_flash *fl,
                      const struct op_plan *p,
                      uint64_t *stop_done_at)
{
    uint32_t create =
        SLSIM_FS_O_CREATE | SLSIM_FS_MAX_SIZE(MAXLEN) | (p->failsafe ? SLSIM_FS_CF_FAILSAFE : 0);
    switch (p->kind) {
    case OP_CREATE:
        return write_file(*fs, p->name, create, p->data, p->len, false);
    case OP_REWRITE:
        return write_file(*fs, p->name, SLSIM_FS_O_WRITE, p->data, p->len, false);
    case OP_ABORT:
        return write_file(*fs, p->name, SLSIM_FS_O_WRITE, p->data, p->len, true);
    case OP_DELETE:
        return slsim_fs_delete(*fs, p->name, 0, SLSIM_FS_CALLER_APP);
    case OP_RENAME:
        return slsim_fs_rename(*fs, p->name, p->name2, 0, SLSIM_FS_CALLER_APP);
    case OP_COMMIT: {
        int32_t r = write_file(*fs, p->name, SLSIM_FS_O_WRITE | SLSIM_FS_WF_MUST_COMMIT, p->data,
                               p->len, false);
        return r != 0 ? r : slsim_fs_commit(*fs, p->name, 0, p->flag, NULL, SLSIM_FS_CALLER_APP);
    }
    case OP_BUNDLE:
    default:
        return run_bundle(fs, fl, p, stop_done_at);
    }
}

/* ---- verification --------------------------------------------------------------------- */

static enum fstate actual(struct slsim_fs *fs, const char *name, uint8_t **data, uint32_t *len)
{
    struct slsim_fs_info info;
    *data = NULL;
    *len = 0;
    int32_t r = slsim_fs_get_info(fs, name, 0, &info, SLSIM_FS_CALLER_TOOL);
    if (r == SL_ERROR_FS_FILE_NOT_EXISTS) {
        return ABSENT;
    }
    if (info.flags & SLSIM_FS_INFO_NOT_VALID) {
        return INVALID;
    }
    size_t n = 0;
    r = slsim_fs_read_file(fs, name, 0, SLSIM_FS_CALLER_TOOL, data, &n);
    if (r != 0) {
        fail("'%s' valid but unreadable: %d", name, (int)r);
        return INVALID;
    }
    *len = (uint32_t)n;
    return VALID;
}

static bool same(const struct mfile *f, enum fstate st, const uint8_t *data, uint32_t len)
{
    if (f == NULL) {
        return st == ABSENT;
    }
    if (f->st != st) {
        return false;
    }
    return st != VALID || (f->len == len && memcmp(f->data, data, len) == 0);
}

static void verify_name(struct slsim_fs *fs,
                        struct model *before,
                        struct op_result *r,
                        int i,
                        bool pending_ok,
                        const char *ctx)
{
    uint8_t *data = NULL;
    uint32_t len = 0;
    const char *name = r->names[i];
    enum fstate st = actual(fs, name, &data, &len);
    struct mfile *o = mfind(before, name);
    struct mfile *n = mfind(&r->after, name);
    bool ok = same(o, st, data, len) || same(n, st, data, len) ||
              (st == INVALID && r->invalid_ok[i]) ||
              (pending_ok && same(mfind(&r->alt, name), st, data, len));
    if (!ok) {
        fail("%s: '%s' state %d len %u matches neither old nor new", ctx, name, (int)st, len);
    }
    free(data);
}

static void verify(struct slsim_fs *fs,
                   struct model *before,
                   struct op_result *r,
                   bool pending_ok,
                   const char *ctx)
{
    for (int i = 0; i < r->n_names; i++) {
        verify_name(fs, before, r, i, pending_ok, ctx);
    }
    /* Files the operation did not touch hold their old state exactly. */
    for (int i = 0; i < before->n; i++) {
        bool touched = false;
        for (int k = 0; k < r->n_names; k++) {
            touched |= strcmp(r->names[k], before->f[i].name) == 0;
        }
        if (!touched) {
            uint8_t *data = NULL;
            uint32_t len = 0;
            enum fstate st = actual(fs, before->f[i].name, &data, &len);
            if (!same(&before->f[i], st, data, len)) {
                fail("%s: untouched '%s' changed", ctx, before->f[i].name);
            }
            free(data);
        }
    }
    struct slsim_fs_storage st;
    (void)slsim_fs_storage(fs, &st);
    if (st.bundle_state != SLSIM_FS_BUNDLE_STOPPED && !pending_ok) {
        fail("%s: bundle state %u after an unclean boot", ctx, st.bundle_state);
    }
    struct slsim_diag diag;
    if (slsim_fs_check(fs, &diag) != 0) {
        fail("%s: data check: %s", ctx, diag.msg);
    }
    /* Still usable: a new file can be written and read back. */
    uint8_t probe[100];
    memset(probe, 0x5A, sizeof(probe));
    int32_t w = slsim_fs_write_file(fs, "/probe", SLSIM_FS_CF_FAILSAFE, 0, probe, sizeof(probe),
                                    NULL, SLSIM_FS_CALLER_TOOL);
    if (w != 0) {
        fail("%s: write after recovery failed: %d", ctx, (int)w);
    }
}

static void cut_and_check(struct slsim_flash *main_fl,
                          struct model *before,
                          const struct op_plan *p,
                          struct op_result *r,
                          uint64_t k,
                          bool torn)
{
    struct slsim_flash *fl = NULL;
    struct slsim_fs *fs = NULL;
    char ctx[96];
    (void)snprintf(ctx, sizeof(ctx), "op kind %d '%s' cut at write %llu%s", p->kind, p->name,
                   (unsigned long long)k, torn ? " (torn)" : "");
    if (slsim_flash_clone_ram(main_fl, &fl) != 0 ||
        slsim_fs_mount(fl, &limits, SLSIM_FS_MOUNT_TOOL, &fs, NULL) != 0) {
        fail("%s: setup", ctx);
        slsim_flash_close(fl);
        return;
    }
    uint64_t base = slsim_flash_write_count(fl);
    slsim_flash_set_cut(fl, (int64_t)k, torn);
    uint64_t stop_done = 0;
    int32_t ret = run_op(&fs, fl, p, &stop_done);
    if (ret == 0) {
        fail("%s: operation completed although power was cut", ctx);
    }
    slsim_fs_free(fs); /* power is gone: nothing more is written */
    slsim_flash_power_on(fl);
    cut_points++;
    struct slsim_diag diag;
    slsim_diag_clear(&diag);
    ret = slsim_fs_mount(fl, &limits, SLSIM_FS_MOUNT_BOOT, &fs, &diag);
    if (ret != 0) {
        fail("%s: image does not mount: %d %s", ctx, (int)ret, diag.msg);
    } else {
        bool pending_ok = stop_done != 0 && base + k >= stop_done;
        verify(fs, before, r, pending_ok, ctx);
        slsim_fs_free(fs);
    }
    slsim_flash_close(fl);
}

/* Writes of one operation on a throw-away copy (no cut). */
static uint64_t op_writes(struct slsim_flash *main_fl, const struct op_plan *p)
{
    struct slsim_flash *fl = NULL;
    struct slsim_fs *fs = NULL;
    uint64_t n = 0;
    uint64_t stop = 0;
    if (slsim_flash_clone_ram(main_fl, &fl) == 0 &&
        slsim_fs_mount(fl, &limits, SLSIM_FS_MOUNT_TOOL, &fs, NULL) == 0) {
        uint64_t base = slsim_flash_write_count(fl);
        if (run_op(&fs, fl, p, &stop) != 0) {
            fail("op kind %d '%s' fails without a cut", p->kind, p->name);
        }
        n = slsim_flash_write_count(fl) - base;
        slsim_fs_free(fs);
    }
    slsim_flash_close(fl);
    return n;
}

int main(int argc, char **argv)
{
    unsigned long ops = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000;
    rng_state = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
    rng_state = rng_state * 0x9E3779B97F4A7C15ull + 1;
    struct slsim_flash *fl = NULL;
    struct slsim_fs *fs = NULL;
    struct slsim_fs_format_opts o = { .profile = "cc3220s", .alert_threshold = 15 };
    if (slsim_flash_open_ram(SECTORS, &fl) != 0 || slsim_fs_format(fl, &o) != 0 ||
        slsim_fs_mount(fl, &limits, SLSIM_FS_MOUNT_BOOT, &fs, NULL) != 0) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    static struct model model;
    static struct op_plan plan;
    static struct op_result res;
    unsigned long kinds[OP_KINDS] = { 0 };
    for (unsigned long i = 0; i < ops && failures == 0; i++) {
        plan_op(&model, &plan);
        expect(&model, &plan, &res);
        /* Main copy is only ever written by completed operations, so its disk state equals
         * `model`; every cut starts from a clone of it. */
        slsim_fs_free(fs);
        fs = NULL;
        uint64_t w = op_writes(fl, &plan);
        for (uint64_t k = 0; k < w; k++) {
            cut_and_check(fl, &model, &plan, &res, k, false);
            cut_and_check(fl, &model, &plan, &res, k, true);
        }
        if (slsim_fs_mount(fl, &limits, SLSIM_FS_MOUNT_TOOL, &fs, NULL) != 0) {
            fprintf(stderr, "remount of main image failed\n");
            return 1;
        }
        uint64_t stop = 0;
        if (run_op(&fs, fl, &plan, &stop) != 0) {
            fail("op %lu kind %d failed on the main image", i, plan.kind);
        }
        model = res.after;
        kinds[plan.kind]++;
    }
    slsim_fs_free(fs);
    slsim_flash_close(fl);
    printf("power-cut test: %lu operations (create %lu rewrite %lu abort %lu delete %lu rename %lu "
           "commit %lu bundle %lu), %lu cut points exercised, %lu failures\n",
           ops, kinds[OP_CREATE], kinds[OP_REWRITE], kinds[OP_ABORT], kinds[OP_DELETE],
           kinds[OP_RENAME], kinds[OP_COMMIT], kinds[OP_BUNDLE], cut_points, failures);
    return failures == 0 ? 0 : 1;
}
