/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file catalog_store.c
 * @brief The installed catalog: the signature record codec, install (the tool path), the
 *        write-once vendor root, and the boot-time load the device runs at sl_Start.
 *
 * Files (all secure + public-write + fail-safe + no-signature at the FS level):
 * /sys/certstore.lst (the exact `.lst` bytes), /sys/slsim/certstore.sig (the record below) and
 * /sys/slsim/otp.der (the vendor root). Layout and rules: docs/catalog.md "The catalog on a
 * device". Signature maths is catalog_sign.c; this file decides and does the I/O.
 */
#include "catalog/catalog_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mbedtls/x509_crt.h>
#include <ti/drivers/net/wifi/errors.h>

#include "catalog/catalog_int.h"
#include "core/errtab.h"
#include "core/banned.h"

/* Programming-path failures are reported packed, as sl_FsProgram does (reference C.6). */
#define PACK(err) ((int32_t)((uint32_t)(int32_t)(err) << 16))

#define STORE_FLAGS \
    (SLSIM_FS_CF_SECURE | SLSIM_FS_CF_PUBLIC_WRITE | SLSIM_FS_CF_FAILSAFE | SLSIM_FS_CF_NOSIGNATURE)

/* Signature record: see docs/catalog.md. */
#define REC_MAGIC_LEN 8u
#define REC_VERSION   1u
#define REC_O_VERSION 8u
#define REC_O_SIGNER  10u
#define REC_O_MD      11u
#define REC_O_HASH    12u
#define REC_O_SIGLEN  44u
#define REC_O_RSVD    46u
#define REC_O_LABEL   48u
#define REC_HEADER    96u
#define REC_CRC_LEN   4u

#define TI_PLAYGROUND_CREATED 0x57D569AFu
#define TI_PRODUCTION_CREATED 0x5C692445u
#define TI_PRODUCTION_ENTRIES 104u
#define LAST_LABEL_TIME       253402300799u /* 9999-12-31 23:59:59 UTC */

static const uint8_t rec_magic[REC_MAGIC_LEN] = { 'S', 'L', 'S', 'I', 'M', 'S', 'I', 'G' };

/* ---- labels -----------------------------------------------------------------------------------
 */

void slsim_catalog_label(const struct slsim_catalog *cat, char *buf, size_t len)
{
    if (buf == NULL || len == 0) {
        return;
    }
    if (cat == NULL) {
        (void)snprintf(buf, len, "none");
    } else if (cat->created == TI_PLAYGROUND_CREATED && cat->n_trusted == 1 &&
               cat->n_revoked == 1) {
        (void)snprintf(buf, len, "TI playground (2016-09-11)");
    } else if (cat->created == TI_PRODUCTION_CREATED && cat->n_trusted == TI_PRODUCTION_ENTRIES) {
        (void)snprintf(buf, len, "TI production (2019-02-17)");
    } else {
        struct tm tm;
        time_t t = (time_t)(cat->created > LAST_LABEL_TIME ? 0 : cat->created);
        if (gmtime_r(&t, &tm) == NULL) {
            memset(&tm, 0, sizeof(tm));
        }
        (void)snprintf(buf, len, "custom (%04u-%02u-%02u)", (unsigned)(tm.tm_year + 1900) % 10000u,
                       (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u);
    }
}

/* ---- the signature record (pure) ----------------------------------------------------------------
 */

int32_t slsim_catalog_sigrec_encode(const struct slsim_catalog_sigrec *rec,
                                    uint8_t *buf,
                                    size_t cap,
                                    size_t *written)
{
    if (written != NULL) {
        *written = 0;
    }
    if (rec == NULL || buf == NULL || rec->signer < SLSIM_CATALOG_SIGNER_ROM ||
        rec->signer > SLSIM_CATALOG_SIGNER_TI || rec->md > SLSIM_CATALOG_MD_UNKNOWN ||
        rec->sig_len > SLSIM_CATALOG_SIG_MAX) {
        return SL_ERROR_FS_INVALID_ARGS;
    }
    size_t need = REC_HEADER + rec->sig_len + REC_CRC_LEN;
    if (cap < need) {
        if (written != NULL) {
            *written = need;
        }
        return SL_ERROR_FS_NO_MEMORY;
    }
    memset(buf, 0, REC_HEADER);
    memcpy(buf, rec_magic, REC_MAGIC_LEN);
    slsim_put_le16(buf + REC_O_VERSION, REC_VERSION);
    buf[REC_O_SIGNER] = (uint8_t)rec->signer;
    buf[REC_O_MD] = (uint8_t)rec->md;
    memcpy(buf + REC_O_HASH, rec->lst_sha256, SLSIM_CATALOG_DIGEST_LEN);
    slsim_put_le16(buf + REC_O_SIGLEN, rec->sig_len);
    size_t label_len = strnlen(rec->label, SLSIM_CATALOG_LABEL_MAX - 1);
    (void)snprintf((char *)buf + REC_O_LABEL, SLSIM_CATALOG_LABEL_MAX, "%.*s", (int)label_len,
                   rec->label);
    memcpy(buf + REC_HEADER, rec->sig, rec->sig_len);
    slsim_put_le32(buf + REC_HEADER + rec->sig_len, slsim_crc32(0, buf, REC_HEADER + rec->sig_len));
    if (written != NULL) {
        *written = need;
    }
    return 0;
}

static int32_t rec_bad(struct slsim_diag *diag, const char *what)
{
    slsim_diag_set(diag, 0, "signature record: %s", what);
    return SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED;
}

int32_t slsim_catalog_sigrec_decode(const uint8_t *buf,
                                    size_t len,
                                    struct slsim_catalog_sigrec *rec,
                                    struct slsim_diag *diag)
{
    if (rec == NULL || (buf == NULL && len > 0)) {
        return SL_ERROR_FS_INVALID_ARGS;
    }
    memset(rec, 0, sizeof(*rec));
    if (len < REC_HEADER + REC_CRC_LEN || memcmp(buf, rec_magic, REC_MAGIC_LEN) != 0) {
        return rec_bad(diag, "too short or bad magic");
    }
    if (slsim_le16(buf + REC_O_VERSION) != REC_VERSION) {
        return rec_bad(diag, "unknown version");
    }
    size_t sig_len = slsim_le16(buf + REC_O_SIGLEN);
    if (sig_len > SLSIM_CATALOG_SIG_MAX || len != REC_HEADER + sig_len + REC_CRC_LEN) {
        return rec_bad(diag, "signature length does not match the record size");
    }
    if (slsim_le32(buf + REC_HEADER + sig_len) != slsim_crc32(0, buf, REC_HEADER + sig_len)) {
        return rec_bad(diag, "checksum mismatch");
    }
    uint8_t signer = buf[REC_O_SIGNER], md = buf[REC_O_MD];
    if (signer < SLSIM_CATALOG_SIGNER_ROM || signer > SLSIM_CATALOG_SIGNER_TI ||
        md > SLSIM_CATALOG_MD_UNKNOWN || slsim_le16(buf + REC_O_RSVD) != 0 ||
        memchr(buf + REC_O_LABEL, '\0', SLSIM_CATALOG_LABEL_MAX) == NULL) {
        return rec_bad(diag, "field out of range");
    }
    rec->signer = (enum slsim_catalog_signer)signer;
    rec->md = (enum slsim_catalog_md)md;
    memcpy(rec->lst_sha256, buf + REC_O_HASH, SLSIM_CATALOG_DIGEST_LEN);
    rec->sig_len = (uint16_t)sig_len;
    memcpy(rec->sig, buf + REC_HEADER, sig_len);
    memcpy(rec->label, buf + REC_O_LABEL, SLSIM_CATALOG_LABEL_MAX);
    return 0;
}

/* ---- strict decode ------------------------------------------------------------------------------
 */

/* Decode status -> SL code of a refused install (docs/catalog.md "Install codes"). */
static const struct {
    enum slsim_catalog_status st;
    int32_t code;
} decode_codes[] = {
    { SLSIM_CATALOG_TRUNCATED, SL_ERROR_FS_WRONG_INPUT_SIZE },
    { SLSIM_CATALOG_BAD_SIZE, SL_ERROR_FS_WRONG_INPUT_SIZE },
    { SLSIM_CATALOG_TOO_MANY_TRUSTED, SL_ERROR_FS_PROGRAMMING_ILLEGAL_FILE },
    { SLSIM_CATALOG_TOO_MANY_REVOKED, SL_ERROR_FS_PROGRAMMING_ILLEGAL_FILE },
    { SLSIM_CATALOG_INDEX_MISMATCH, SL_ERROR_FS_PROGRAMMING_ILLEGAL_FILE },
    { SLSIM_CATALOG_RESERVED_NONZERO, SL_ERROR_FS_PROGRAMMING_ILLEGAL_FILE },
    { SLSIM_CATALOG_DUPLICATE, SL_ERROR_FS_PROGRAMMING_ILLEGAL_FILE },
};

/* Strict: what decode accepts with warnings (non-zero reserved bytes, duplicates) is refused
 * too; TI's files have none, and a device catalog should be exactly TI's shape. */
static int32_t
decode_strict(const uint8_t *lst, size_t len, struct slsim_catalog *cat, struct slsim_diag *diag)
{
    struct slsim_catalog_diag cd;
    memset(&cd, 0, sizeof(cd));
    enum slsim_catalog_status st = slsim_catalog_decode(lst, len, cat, &cd);
    if (st == SLSIM_CATALOG_OK) {
        st = slsim_catalog_warnings_status(cd.warnings);
    }
    if (st == SLSIM_CATALOG_OK) {
        return 0;
    }
    int32_t code = SL_ERROR_FS_PROGRAMMING_ILLEGAL_FILE;
    for (size_t i = 0; i < sizeof(decode_codes) / sizeof(decode_codes[0]); i++) {
        if (decode_codes[i].st == st) {
            code = decode_codes[i].code;
        }
    }
    slsim_diag_set(diag, (int32_t)cd.offset, "malformed catalog: %s (%s)",
                   slsim_catalog_status_name(st),
                   cd.msg[0] ? cd.msg : slsim_catalog_status_str(st));
    slsim_catalog_init(cat, 0, 0);
    return code;
}

/* ---- install -----------------------------------------------------------------------------------
 */

/* Checks the signature and fills rec->signer / rec->md and the report. 0 or an unpacked code. */
static int32_t check_signature(struct slsim_fs *fs,
                               const uint8_t *lst,
                               size_t len,
                               const uint8_t *sig,
                               size_t sig_len,
                               enum slsim_catalog_sig_kind kind,
                               bool accept_ti,
                               struct slsim_catalog_sigrec *rec,
                               struct slsim_catalog_install_report *rep,
                               struct slsim_diag *diag)
{
    if (sig == NULL || sig_len == 0) {
        slsim_diag_set(diag, 0,
                       "catalog is not signed: sign it with the slsim ROM key "
                       "(development) or the vendor root key");
        return SL_ERROR_FS_ILLEGAL_SIGNATURE;
    }
    if (sig_len > SLSIM_CATALOG_SIG_MAX ||
        (kind == SLSIM_CATALOG_SIG_TI && sig_len != SLSIM_CATALOG_TI_SIG_LEN)) {
        slsim_diag_set(diag, 0, "signature is %zu bytes, %s %u", sig_len,
                       kind == SLSIM_CATALOG_SIG_TI ? "a TI signature is" : "at most",
                       (unsigned)(kind == SLSIM_CATALOG_SIG_TI ? SLSIM_CATALOG_TI_SIG_LEN
                                                               : SLSIM_CATALOG_SIG_MAX));
        return SL_ERROR_FS_WRONG_SIGNATURE_OR_CERTIFIC_NAME_LENGTH;
    }
    if (kind == SLSIM_CATALOG_SIG_TI) {
        if (!accept_ti) {
            slsim_diag_set(diag, 0,
                           "TI signature not verifiable in emulation, and this profile "
                           "does not accept it unverified");
            return SL_ERROR_FS_ILLEGAL_SIGNATURE;
        }
        rec->signer = SLSIM_CATALOG_SIGNER_TI;
        rec->md = SLSIM_CATALOG_MD_UNKNOWN;
        rep->ti_unverified = true;
        (void)snprintf(rep->note, sizeof(rep->note), "TI signature not verifiable in emulation");
        return 0;
    }
    return slsim_catalog_verify_device(fs, lst, len, sig, sig_len, &rec->signer, &rec->md, diag);
}

/* Creates or rewrites one store file. A file of the same name that cannot take the content
 * (created by someone else: too small, or a signed file) is replaced. */
static int32_t write_store_file(
    struct slsim_fs *fs, const char *name, uint32_t max_size, const uint8_t *data, size_t len)
{
    int32_t ret =
        slsim_fs_write_file(fs, name, STORE_FLAGS, max_size, data, len, NULL, SLSIM_FS_CALLER_TOOL);
    if (ret == SL_ERROR_FS_OFFSET_OUT_OF_RANGE ||
        ret == SL_ERROR_FS_WRONG_SIGNATURE_OR_CERTIFIC_NAME_LENGTH) {
        ret = slsim_fs_delete(fs, name, 0, SLSIM_FS_CALLER_TOOL);
        if (ret == 0) {
            ret = slsim_fs_write_file(fs, name, STORE_FLAGS, max_size, data, len, NULL,
                                      SLSIM_FS_CALLER_TOOL);
        }
    }
    return ret;
}

/* The record first, then the `.lst`: a cut after the record leaves the old `.lst` with a record
 * whose SHA-256 does not match (REJECTED at boot) or, on a first install, no `.lst` at all
 * (MISSING); never a catalog that loads with a signature that is not its own. */
static int32_t write_store(struct slsim_fs *fs,
                           const uint8_t *lst,
                           size_t len,
                           const struct slsim_catalog_sigrec *rec,
                           struct slsim_diag *diag)
{
    uint8_t buf[SLSIM_CATALOG_SIGREC_MAX];
    size_t rec_len = 0;
    int32_t ret = slsim_catalog_sigrec_encode(rec, buf, sizeof(buf), &rec_len);
    const char *name = SLSIM_CATALOG_SIG_FILE;
    if (ret == 0) {
        ret = write_store_file(fs, name, SLSIM_CATALOG_SIGREC_MAX, buf, rec_len);
    }
    if (ret == 0) {
        name = SLSIM_CATALOG_LST_FILE;
        ret = write_store_file(fs, name, SLSIM_CATALOG_MAX_ENCODED_LEN, lst, len);
    }
    if (ret != 0) {
        slsim_diag_set(diag, ret, "cannot write '%s': %s (%ld)", name,
                       slsim_sl_errname(ret) ? slsim_sl_errname(ret) : "?", (long)ret);
    }
    return ret;
}

static int32_t install_checked(struct slsim_fs *fs,
                               const uint8_t *lst,
                               size_t len,
                               const uint8_t *sig,
                               size_t sig_len,
                               enum slsim_catalog_sig_kind kind,
                               bool accept_ti,
                               struct slsim_catalog_install_report *rep,
                               struct slsim_diag *diag)
{
    struct slsim_catalog cat;
    int32_t ret = decode_strict(lst, len, &cat, diag);
    if (ret != 0) {
        return ret;
    }
    rep->n_trusted = cat.n_trusted;
    rep->n_revoked = cat.n_revoked;
    slsim_catalog_label(&cat, rep->label, sizeof(rep->label));
    struct slsim_catalog_sigrec rec;
    memset(&rec, 0, sizeof(rec));
    ret = check_signature(fs, lst, len, sig, sig_len, kind, accept_ti, &rec, rep, diag);
    if (ret != 0) {
        return ret;
    }
    rep->signer = rec.signer;
    rep->md = rec.md;
    if (slsim_catalog_digest_der(lst, len, rec.lst_sha256) != SLSIM_CATALOG_OK) {
        return SL_ERROR_FS_UNKNOWN;
    }
    rec.sig_len = (uint16_t)sig_len;
    memcpy(rec.sig, sig, sig_len);
    memcpy(rec.label, rep->label, sizeof(rec.label));
    return write_store(fs, lst, len, &rec, diag);
}

int32_t slsim_catalog_install(struct slsim_fs *fs,
                              const uint8_t *lst,
                              size_t len,
                              const uint8_t *sig,
                              size_t sig_len,
                              enum slsim_catalog_sig_kind kind,
                              bool accept_ti,
                              struct slsim_catalog_install_report *rep,
                              struct slsim_diag *diag)
{
    struct slsim_catalog_install_report local;
    if (rep == NULL) {
        rep = &local;
    }
    memset(rep, 0, sizeof(*rep));
    rep->md = SLSIM_CATALOG_MD_UNKNOWN;
    if (fs == NULL || lst == NULL ||
        (kind != SLSIM_CATALOG_SIG_AUTO && kind != SLSIM_CATALOG_SIG_TI)) {
        slsim_diag_set(diag, 0, "invalid argument to catalog install");
        return PACK(SL_ERROR_FS_INVALID_ARGS);
    }
    int32_t ret = install_checked(fs, lst, len, sig, sig_len, kind, accept_ti, rep, diag);
    return ret == 0 ? 0 : PACK(ret);
}

int32_t slsim_catalog_install_dev(struct slsim_fs *fs,
                                  const uint8_t *lst,
                                  size_t len,
                                  struct slsim_catalog_install_report *rep,
                                  struct slsim_diag *diag)
{
    uint8_t sig[SLSIM_CATALOG_SIG_MAX];
    size_t sig_len = 0;
    int32_t ret = slsim_catalog_sign_rom(lst, len, SLSIM_CATALOG_MD_SHA256, sig, &sig_len, diag);
    if (ret != 0) {
        if (rep != NULL) {
            memset(rep, 0, sizeof(*rep));
        }
        return PACK(ret);
    }
    return slsim_catalog_install(fs, lst, len, sig, sig_len, SLSIM_CATALOG_SIG_AUTO, true, rep,
                                 diag);
}

/* ---- vendor root (OTP) --------------------------------------------------------------------------
 */

static int32_t check_vendor_cert(const uint8_t *der, size_t len, struct slsim_diag *diag)
{
    mbedtls_x509_crt crt;
    mbedtls_x509_crt_init(&crt);
    int rc = mbedtls_x509_crt_parse_der(&crt, der, len);
    int32_t ret = 0;
    if (rc != 0) {
        slsim_diag_set(diag, rc, "vendor root is not a DER certificate (mbedtls -0x%04x)",
                       (unsigned)-rc);
        ret = SL_ERROR_FS_PROGRAMMING_ILLEGAL_FILE;
    } else if (!slsim_catalog_pk_rsa_within(&crt.pk, SLSIM_CATALOG_MAX_RSA_BITS)) {
        slsim_diag_set(diag, 0, "vendor root must be RSA of at most %u bits (%s, %zu bits)",
                       (unsigned)SLSIM_CATALOG_MAX_RSA_BITS, mbedtls_pk_get_name(&crt.pk),
                       mbedtls_pk_get_bitlen(&crt.pk));
        ret = SL_ERROR_FS_NOT_SUPPORTED;
    }
    mbedtls_x509_crt_free(&crt);
    return ret;
}

int32_t slsim_catalog_set_vendor_root(struct slsim_fs *fs,
                                      const uint8_t *der,
                                      size_t len,
                                      struct slsim_diag *diag)
{
    if (fs == NULL || der == NULL || len == 0) {
        slsim_diag_set(diag, 0, "invalid argument to vendor root");
        return PACK(SL_ERROR_FS_INVALID_ARGS);
    }
    struct slsim_fs_info fi;
    /* A copy that was never closed (a cut during the first write) does not count as written. */
    if (slsim_fs_get_info(fs, SLSIM_CATALOG_OTP_FILE, 0, &fi, SLSIM_FS_CALLER_TOOL) == 0) {
        slsim_diag_set(diag, 0, "a vendor root is already in OTP; it can be written only once");
        return PACK(SL_ERROR_FS_FILE_ALREADY_EXISTS);
    }
    int32_t ret = check_vendor_cert(der, len, diag);
    if (ret == 0) {
        ret = slsim_fs_write_file(fs, SLSIM_CATALOG_OTP_FILE, STORE_FLAGS, 0, der, len, NULL,
                                  SLSIM_FS_CALLER_TOOL);
        if (ret != 0) {
            slsim_diag_set(diag, ret, "cannot write '%s' (%ld)", SLSIM_CATALOG_OTP_FILE, (long)ret);
        }
    }
    return ret == 0 ? 0 : PACK(ret);
}

int32_t slsim_catalog_get_vendor_root(struct slsim_fs *fs, uint8_t **der, size_t *len)
{
    if (fs == NULL || der == NULL || len == NULL) {
        return SL_ERROR_FS_INVALID_ARGS;
    }
    *der = NULL;
    *len = 0;
    return slsim_fs_read_file(fs, SLSIM_CATALOG_OTP_FILE, 0, SLSIM_FS_CALLER_NWP, der, len);
}

/* ---- load (sl_Start) ----------------------------------------------------------------------------
 */

static int32_t
reject(struct slsim_catalog_store_info *info, struct slsim_diag *diag, const char *why)
{
    info->state = SLSIM_CATALOG_STATE_REJECTED;
    (void)slsim_fmt(info->reason, sizeof(info->reason), "%s", why);
    slsim_diag_set(diag, 0, "catalog rejected: %s", why);
    return SL_ERROR_LOADING_CERTIFICATE_STORE;
}

/* Re-verifies the record's signature with the key it names. NULL if fine, else the reason. */
static const char *recheck_signer(struct slsim_fs *fs,
                                  bool accept_ti,
                                  const uint8_t *lst,
                                  size_t len,
                                  const struct slsim_catalog_sigrec *rec,
                                  struct slsim_catalog_store_info *info)
{
    size_t key_len = 0;
    const uint8_t *key = NULL;
    uint8_t *otp = NULL;
    const char *why = NULL;
    if (rec->signer == SLSIM_CATALOG_SIGNER_TI) {
        info->ti_unverified = accept_ti;
        return accept_ti ? NULL
                         : "TI-signed catalog, but this profile does not accept TI signatures "
                           "unverified";
    }
    if (rec->signer == SLSIM_CATALOG_SIGNER_ROM) {
        key = slsim_catalog_rom_cert_der(&key_len);
    } else if (slsim_catalog_get_vendor_root(fs, &otp, &key_len) == 0) {
        key = otp;
    } else {
        why = "catalog signed by the vendor root, but no vendor root is in OTP";
    }
    if (key != NULL && slsim_catalog_verify(lst, len, rec->sig, rec->sig_len, key, key_len,
                                            &info->md, NULL) != 0) {
        why = "catalog signature does not verify with the key its record names";
    }
    free(otp);
    return why;
}

/* Record checks once the `.lst` decoded. NULL if accepted, else the reason. */
static const char *check_record(struct slsim_fs *fs,
                                bool accept_ti,
                                const uint8_t *lst,
                                size_t len,
                                struct slsim_catalog_store_info *info)
{
    uint8_t *buf = NULL;
    size_t buf_len = 0;
    int32_t ret =
        slsim_fs_read_file(fs, SLSIM_CATALOG_SIG_FILE, 0, SLSIM_FS_CALLER_NWP, &buf, &buf_len);
    if (ret != 0) {
        return "no readable signature record (/sys/slsim/certstore.sig); install the catalog "
               "again";
    }
    struct slsim_catalog_sigrec rec;
    ret = slsim_catalog_sigrec_decode(buf, buf_len, &rec, NULL);
    free(buf);
    if (ret != 0) {
        return "signature record is damaged; install the catalog again";
    }
    uint8_t digest[SLSIM_CATALOG_DIGEST_LEN];
    if (slsim_catalog_digest_der(lst, len, digest) != SLSIM_CATALOG_OK ||
        memcmp(digest, rec.lst_sha256, sizeof(digest)) != 0) {
        return "catalog does not match its signature record (changed after install, or an "
               "install was interrupted); install it again";
    }
    info->signer = rec.signer;
    info->md = rec.md;
    (void)snprintf(info->label, sizeof(info->label), "%s", rec.label);
    return recheck_signer(fs, accept_ti, lst, len, &rec, info);
}

static int32_t load_lst(struct slsim_fs *fs,
                        bool accept_ti,
                        const uint8_t *lst,
                        size_t len,
                        struct slsim_catalog *out,
                        struct slsim_catalog_store_info *info,
                        struct slsim_diag *diag)
{
    struct slsim_diag dd;
    slsim_diag_clear(&dd);
    if (decode_strict(lst, len, out, &dd) != 0) {
        return reject(info, diag, dd.msg);
    }
    info->decoded = true;
    info->n_trusted = out->n_trusted;
    info->n_revoked = out->n_revoked;
    info->created = out->created;
    slsim_catalog_label(out, info->label, sizeof(info->label));
    const char *why = check_record(fs, accept_ti, lst, len, info);
    if (why != NULL) {
        return reject(info, diag, why);
    }
    info->state = SLSIM_CATALOG_STATE_OK;
    return 0;
}

int32_t slsim_catalog_load(struct slsim_fs *fs,
                           bool accept_ti,
                           struct slsim_catalog *out,
                           struct slsim_catalog_store_info *info,
                           struct slsim_diag *diag)
{
    if (fs == NULL || out == NULL || info == NULL) {
        return SL_ERROR_FS_INVALID_ARGS;
    }
    memset(info, 0, sizeof(*info));
    info->md = SLSIM_CATALOG_MD_UNKNOWN;
    slsim_catalog_init(out, 0, 0);
    struct slsim_fs_info fi;
    info->vendor_root =
        slsim_fs_get_info(fs, SLSIM_CATALOG_OTP_FILE, 0, &fi, SLSIM_FS_CALLER_NWP) == 0;
    uint8_t *lst = NULL;
    size_t len = 0;
    int32_t ret =
        slsim_fs_read_file(fs, SLSIM_CATALOG_LST_FILE, 0, SLSIM_FS_CALLER_NWP, &lst, &len);
    if (ret == SL_ERROR_FS_FILE_NOT_EXISTS) {
        info->state = SLSIM_CATALOG_STATE_MISSING;
        (void)snprintf(info->label, sizeof(info->label), "none");
        return 0;
    }
    if (ret != 0) {
        char why[96];
        (void)snprintf(why, sizeof(why), "cannot read /sys/certstore.lst: %s (%ld)",
                       slsim_sl_errname(ret) ? slsim_sl_errname(ret) : "?", (long)ret);
        return reject(info, diag, why);
    }
    ret = load_lst(fs, accept_ti, lst, len, out, info, diag);
    free(lst);
    return ret;
}
