/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file catalog_store.h
 * @brief The catalog on a device: catalog signatures (slsim ROM key, vendor root, TI), install
 *        on the device file system, the boot-time load, and the verifier of signed files.
 *
 * catalog.h is the pure `.lst` codec; this header is the part that signs, verifies and touches
 * the device file system (`catalog` -> `fs`, STYLE §2). Return values are SL codes (TI's
 * errors.h): >= 0 success, < 0 an SL_ERROR_*. The two functions that model the programming path
 * (slsim_catalog_install(), slsim_catalog_set_vendor_root()) return every failure in the packed
 * form `(error << 16) | extended` that sl_FsProgram and UniFlash use (reference C.6), with the
 * extended part 0; decode with slsim_sl_unpack() / slsim_sl_errfmt() (core/errtab.h).
 * The exact code mapping, the signature record layout and the boot rules are in docs/catalog.md.
 *
 * Nothing here keeps global state; the instances (fs, catalog, contexts) belong to the caller.
 * Not thread-safe per fs: the owning device serialises calls.
 */
#ifndef SLSIM_CATALOG_STORE_H
#define SLSIM_CATALOG_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog/catalog.h"
#include "core/core.h"
#include "fs/fs.h"

/** The catalog file (reference C.5): the exact `.lst` bytes. */
#define SLSIM_CATALOG_LST_FILE "/sys/certstore.lst"
/** slsim's signature record of the installed catalog (layout in docs/catalog.md). */
#define SLSIM_CATALOG_SIG_FILE "/sys/slsim/certstore.sig"
/** The vendor root of trust (SWRU547 OTP), a DER certificate, written once per image. */
#define SLSIM_CATALOG_OTP_FILE "/sys/slsim/otp.der"

/** Largest signature slsim_catalog_sign() writes and slsim_catalog_verify() reads (RSA-4096). */
#define SLSIM_CATALOG_SIG_MAX 512
/** Size of TI's `.lst.signed_3220.bin` / `_3235.bin` (RSA-2048). */
#define SLSIM_CATALOG_TI_SIG_LEN 256
/** Largest RSA key of the ROM key and the vendor root (the boot ROM's limit, reference C.4). */
#define SLSIM_CATALOG_MAX_RSA_BITS 2048
/** Largest file signature sl_FsClose accepts (RSA-2048, reference C.4 / D.2 #34). */
#define SLSIM_CATALOG_FILESIG_MAX 256
/** Most certificates walked from the signing certificate up to its root. */
#define SLSIM_CATALOG_CHAIN_MAX 8
/** Size of a catalog label buffer, NUL included ("TI production (2019-02-17)"). */
#define SLSIM_CATALOG_LABEL_MAX 48

/** Hash under a catalog signature (`--fmt BINARY_SHA2` / `BINARY_SHA1`, reference C.6). */
enum slsim_catalog_md {
    SLSIM_CATALOG_MD_SHA256 = 0, /**< the default */
    SLSIM_CATALOG_MD_SHA1 = 1,
    SLSIM_CATALOG_MD_UNKNOWN = 2, /**< a TI signature: not verified, so not known */
};

/** Who signed the installed catalog (stored in the signature record). */
enum slsim_catalog_signer {
    SLSIM_CATALOG_SIGNER_NONE = 0,   /**< nothing verified (no record) */
    SLSIM_CATALOG_SIGNER_ROM = 1,    /**< the slsim ROM key (slsim's stand-in for TI's) */
    SLSIM_CATALOG_SIGNER_VENDOR = 2, /**< the vendor root in OTP (SWRU547) */
    SLSIM_CATALOG_SIGNER_TI = 3,     /**< TI's signature, not verifiable in emulation */
};

/** What the caller says the signature is. */
enum slsim_catalog_sig_kind {
    SLSIM_CATALOG_SIG_AUTO = 0, /**< verify with the ROM key, then the vendor root */
    SLSIM_CATALOG_SIG_TI = 1, /**< TI's 256-byte `.signed_*.bin`: accepted unverified if allowed */
};

/** State of the installed catalog. Same values as trust's enum slsim_trust_catalog_state. */
enum slsim_catalog_state {
    SLSIM_CATALOG_STATE_OK = 0,       /**< installed, signature accepted */
    SLSIM_CATALOG_STATE_MISSING = 1,  /**< no /sys/certstore.lst */
    SLSIM_CATALOG_STATE_REJECTED = 2, /**< present but refused; see the reason */
};

/** What slsim_catalog_install() did. */
struct slsim_catalog_install_report {
    enum slsim_catalog_signer signer; /**< who signed it (TI: unverified) */
    enum slsim_catalog_md md;         /**< hash under the signature */
    bool ti_unverified;               /**< accepted with a TI signature slsim cannot check */
    uint32_t n_trusted;
    uint32_t n_revoked;
    char label[SLSIM_CATALOG_LABEL_MAX]; /**< "TI playground (2016-09-11)", "custom (...)" */
    char note[96];                       /**< "TI signature not verifiable in emulation", else "" */
};

/** What slsim_catalog_load() found. */
struct slsim_catalog_store_info {
    enum slsim_catalog_state state;
    enum slsim_catalog_signer signer; /**< from the signature record (NONE if none) */
    enum slsim_catalog_md md;
    bool ti_unverified; /**< OK only because the profile accepts TI signatures unverified */
    bool vendor_root;   /**< a vendor root is present in OTP */
    bool decoded;       /**< the `.lst` decoded: `out` of slsim_catalog_load() holds it */
    uint32_t n_trusted;
    uint32_t n_revoked;
    uint64_t created;                    /**< creation time from the header */
    char label[SLSIM_CATALOG_LABEL_MAX]; /**< from the record, else from the header */
    char reason[128];                    /**< why REJECTED; "" otherwise */
};

/** Decoded signature record (/sys/slsim/certstore.sig). */
struct slsim_catalog_sigrec {
    enum slsim_catalog_signer signer;
    enum slsim_catalog_md md;
    uint8_t lst_sha256[SLSIM_CATALOG_DIGEST_LEN]; /**< SHA-256 of the `.lst` it belongs to */
    uint16_t sig_len;
    uint8_t sig[SLSIM_CATALOG_SIG_MAX];
    char label[SLSIM_CATALOG_LABEL_MAX];
};

/** Largest encoded signature record. */
#define SLSIM_CATALOG_SIGREC_MAX (96u + SLSIM_CATALOG_SIG_MAX + 4u)

/** Verifier context of signed files (one per started device). */
struct slsim_catalog_filesig_ctx {
    const struct slsim_catalog *catalog; /**< the installed catalog; NULL if none accepted */
    uint32_t max_rsa_bits;               /**< profile's max_sign_rsa_bits; 0 means 2048 */
};

/* ---- the slsim ROM key (catalog_rom.c, generated from data/rom/) ------------------------ */

/** The ROM private key, DER (PKCS#8). Public on purpose: emulation only. Never NULL. */
const uint8_t *slsim_catalog_rom_key_der(size_t *len);

/** The ROM key's self-signed certificate, DER, `CN=slsim ROM key (emulation only)`. */
const uint8_t *slsim_catalog_rom_cert_der(size_t *len);

/* ---- signing and verifying a catalog (catalog_sign.c) --------------------------------------- */

/**
 * @brief Sign `.lst` bytes: raw RSA PKCS#1 v1.5 over SHA-256 or SHA-1 of them, the format of
 *        `SLImageCreator tools sign --fmt BINARY_SHA2|BINARY_SHA1` (reference C.6).
 *
 * The bytes are not decoded: any buffer can be signed (the CLI's `catalog sign`).
 *
 * @param key     RSA private key, DER (PKCS#1 or PKCS#8) or PEM (unencrypted).
 * @param sig_out Receives the signature (key size / 8 bytes).
 * @param sig_len Receives its length.
 * @retval 0                        signed.
 * @retval SL_ERROR_FS_INVALID_ARGS an argument is NULL, `md` is not SHA-256/SHA-1, or the key
 *                                  does not parse (reason in diag).
 * @retval SL_ERROR_FS_NOT_SUPPORTED the key is not RSA, or larger than 4096 bits.
 * @retval SL_ERROR_FS_UNKNOWN      the RSA operation failed (mbedTLS code in diag->inner).
 */
int32_t slsim_catalog_sign(const uint8_t *lst,
                           size_t len,
                           const uint8_t *key,
                           size_t key_len,
                           enum slsim_catalog_md md,
                           uint8_t sig_out[SLSIM_CATALOG_SIG_MAX],
                           size_t *sig_len,
                           struct slsim_diag *diag);

/** slsim_catalog_sign() with the slsim ROM key (the development flow for unsigned catalogs). */
int32_t slsim_catalog_sign_rom(const uint8_t *lst,
                               size_t len,
                               enum slsim_catalog_md md,
                               uint8_t sig_out[SLSIM_CATALOG_SIG_MAX],
                               size_t *sig_len,
                               struct slsim_diag *diag);

/**
 * @brief Verify a catalog signature with one key: SHA-256 DigestInfo first, then SHA-1.
 *
 * @param key    RSA public key: a certificate or a public key (DER or PEM).
 * @param md_out Optional: the hash that verified.
 * @retval 0                                         the signature verifies.
 * @retval SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT it does not (wrong key, changed bytes,
 *                                                   truncated or over-long signature).
 * @retval SL_ERROR_FS_INVALID_ARGS                  an argument is NULL or the key does not parse.
 * @retval SL_ERROR_FS_NOT_SUPPORTED                 the key is not RSA.
 */
int32_t slsim_catalog_verify(const uint8_t *lst,
                             size_t len,
                             const uint8_t *sig,
                             size_t sig_len,
                             const uint8_t *key,
                             size_t key_len,
                             enum slsim_catalog_md *md_out,
                             struct slsim_diag *diag);

/**
 * @brief Verify as the device does: with the ROM key, then with the vendor root of @p fs.
 *
 * @param fs     The device file system (tool or boot mount); NULL checks the ROM key only.
 * @param signer Optional: SLSIM_CATALOG_SIGNER_ROM or _VENDOR on success, else _NONE.
 * @param md     Optional: the hash that verified.
 * @retval 0                                         verified by one of them.
 * @retval SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT neither verifies (diag says which were tried).
 * @retval SL_ERROR_FS_INVALID_ARGS                  `lst` or `sig` is NULL.
 */
int32_t slsim_catalog_verify_device(struct slsim_fs *fs,
                                    const uint8_t *lst,
                                    size_t len,
                                    const uint8_t *sig,
                                    size_t sig_len,
                                    enum slsim_catalog_signer *signer,
                                    enum slsim_catalog_md *md,
                                    struct slsim_diag *diag);

/** "slsim ROM key", "vendor root", "TI signature (not verifiable in emulation)", "none". */
const char *slsim_catalog_signer_str(enum slsim_catalog_signer signer);

/** "SHA-256", "SHA-1", "unknown". */
const char *slsim_catalog_md_str(enum slsim_catalog_md md);

/** "ok", "missing", "rejected". */
const char *slsim_catalog_state_str(enum slsim_catalog_state state);

/* ---- the installed catalog (catalog_store.c) ------------------------------------------------- */

/**
 * @brief The label of a catalog, from its header: "TI playground (2016-09-11)" (creation time
 *        0x57D569AF, 1 trusted + 1 revoked), "TI production (2019-02-17)" (0x5C692445, 104
 *        trusted), otherwise "custom (YYYY-MM-DD)" of the creation time (UTC).
 */
void slsim_catalog_label(const struct slsim_catalog *cat, char *buf, size_t len);

/**
 * @brief Encode a signature record (pure). `*written` = bytes written (or needed on NO_MEMORY).
 * @retval 0                        encoded.
 * @retval SL_ERROR_FS_INVALID_ARGS a NULL argument, signer/md out of range, sig_len > 512.
 * @retval SL_ERROR_FS_NO_MEMORY    `cap` is too small.
 */
int32_t slsim_catalog_sigrec_encode(const struct slsim_catalog_sigrec *rec,
                                    uint8_t *buf,
                                    size_t cap,
                                    size_t *written);

/**
 * @brief Decode a signature record (pure, bounded; never reads outside `buf[0..len)`).
 * @retval 0                                   decoded.
 * @retval SL_ERROR_FS_INVALID_ARGS            `rec` is NULL, or `buf` NULL with `len` > 0.
 * @retval SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED bad magic, version, size, field or CRC (diag).
 */
int32_t slsim_catalog_sigrec_decode(const uint8_t *buf,
                                    size_t len,
                                    struct slsim_catalog_sigrec *rec,
                                    struct slsim_diag *diag);

/**
 * @brief Install a catalog on a device file system (the tool path, like UniFlash).
 *
 * Decodes strictly, checks the signature, and only then writes: first the signature record
 * (/sys/slsim/certstore.sig), then the `.lst` (/sys/certstore.lst), both secure + public-write +
 * fail-safe + no-signature, as SLSIM_FS_CALLER_TOOL. The record holds the SHA-256 of the `.lst`
 * it belongs to, so a cut between the two writes is seen at the next boot (REJECTED, or MISSING
 * on a first install) and installing again repairs it. A rejected catalog leaves the installed
 * one untouched.
 *
 * @param sig       The signature; NULL/0 is refused (sign with slsim_catalog_sign_rom() or use
 *                  slsim_catalog_install_dev()).
 * @param kind      AUTO: must verify with the ROM key or the vendor root. TI: a 256-byte TI
 *                  signature, accepted unverified if @p accept_ti.
 * @param accept_ti The profile's accept_ti_signature.
 * @param rep       Optional report.
 * @return 0, or a packed `(SL_ERROR_FS_... << 16)` code:
 * @retval SL_ERROR_FS_INVALID_ARGS << 16                      `fs` or `lst` NULL, bad `kind`.
 * @retval SL_ERROR_FS_WRONG_INPUT_SIZE << 16                  `.lst` truncated or of the wrong
 * size.
 * @retval SL_ERROR_FS_PROGRAMMING_ILLEGAL_FILE << 16          `.lst` malformed: counts, index,
 *                                                             reserved bytes, duplicates.
 * @retval SL_ERROR_FS_ILLEGAL_SIGNATURE << 16                 no signature, or a TI signature
 *                                                             the profile does not accept.
 * @retval SL_ERROR_FS_WRONG_SIGNATURE_OR_CERTIFIC_NAME_LENGTH << 16  a TI signature that is
 *                                                             not 256 bytes, or any > 512.
 * @retval SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT << 16   verifies with neither the ROM key
 *                                                             nor the vendor root.
 * @retval (any file-system code) << 16                        a write failed (e.g. no space).
 */
int32_t slsim_catalog_install(struct slsim_fs *fs,
                              const uint8_t *lst,
                              size_t len,
                              const uint8_t *sig,
                              size_t sig_len,
                              enum slsim_catalog_sig_kind kind,
                              bool accept_ti,
                              struct slsim_catalog_install_report *rep,
                              struct slsim_diag *diag);

/**
 * @brief The development flow for an unsigned catalog: sign it with the slsim ROM key
 *        (SHA-256) and install it. Codes as slsim_catalog_install() (packed).
 */
int32_t slsim_catalog_install_dev(struct slsim_fs *fs,
                                  const uint8_t *lst,
                                  size_t len,
                                  struct slsim_catalog_install_report *rep,
                                  struct slsim_diag *diag);

/**
 * @brief Write the vendor root of trust (SWRU547 OTP) into /sys/slsim/otp.der, once per image.
 *
 * @param der An X.509 certificate, DER, with an RSA key of at most 2048 bits.
 * @return 0, or a packed `(SL_ERROR_FS_... << 16)` code:
 * @retval SL_ERROR_FS_INVALID_ARGS << 16             a NULL argument.
 * @retval SL_ERROR_FS_FILE_ALREADY_EXISTS << 16      a vendor root is already written (OTP is
 *                                                    write-once, E2E 1224629).
 * @retval SL_ERROR_FS_PROGRAMMING_ILLEGAL_FILE << 16 not a DER certificate.
 * @retval SL_ERROR_FS_NOT_SUPPORTED << 16            not RSA, or RSA above 2048 bits.
 * @retval (any file-system code) << 16               the write failed.
 */
int32_t slsim_catalog_set_vendor_root(struct slsim_fs *fs,
                                      const uint8_t *der,
                                      size_t len,
                                      struct slsim_diag *diag);

/**
 * @brief Read the vendor root (malloc'd, caller frees). Codes as slsim_fs_read_file()
 *        (SL_ERROR_FS_FILE_NOT_EXISTS when none was written).
 */
int32_t slsim_catalog_get_vendor_root(struct slsim_fs *fs, uint8_t **der, size_t *len);

/**
 * @brief Load the installed catalog as the NWP does at sl_Start: read both files as
 *        SLSIM_FS_CALLER_NWP, decode, match the record's SHA-256 and verify the signature again.
 *
 * @param accept_ti The profile's accept_ti_signature (a TI-signed catalog is REJECTED without).
 * @param out       Receives the catalog when `info->decoded` (also when REJECTED for another
 *                  reason, for `slsim catalog show`); an empty catalog otherwise. Use it for
 *                  trust decisions only when the state is OK.
 * @param info      Receives state, signer, label, counts and reason.
 * @retval 0                                  state OK or MISSING (see `info->state`).
 * @retval SL_ERROR_LOADING_CERTIFICATE_STORE state REJECTED (reason in info and diag).
 * @retval SL_ERROR_FS_INVALID_ARGS           a NULL argument.
 */
int32_t slsim_catalog_load(struct slsim_fs *fs,
                           bool accept_ti,
                           struct slsim_catalog *out,
                           struct slsim_catalog_store_info *info,
                           struct slsim_diag *diag);

/* ---- signed files (catalog_filesig.c) -------------------------------------------------------- */

/**
 * @brief The file-signature verifier (struct slsim_fs_sigcheck::verify); `ctx` is a
 *        struct slsim_catalog_filesig_ctx. Checks, in this order:
 *
 * @retval 0 the signature verifies and the chain ends at a trusted root.
 * @retval SL_ERROR_FS_NOT_SUPPORTED               `file_name` is /sys/certstore.lst (update the
 *                                                 catalog with the tool).
 * @retval SL_ERROR_FS_WRONG_SIGNATURE_OR_CERTIFIC_NAME_LENGTH  signature above 256 bytes, empty,
 *                                                 or no certificate name.
 * @retval SL_ERROR_FS_NO_CERTIFICATE_STORE        no catalog installed.
 * @retval SL_ERROR_FS_WRONG_CERTIFICATE_FILE_NAME the certificate file is missing or not a DER
 *                                                 certificate.
 * @retval SL_ERROR_FS_CERT_CHAIN_ERROR_SECURITY_ALERT a certificate not RSA or above the profile's
 *                                                 RSA size, an issuer file (named by the CN)
 * missing or not matching, a chain signature that does not verify or uses SHA-384/512, too long a
 * chain.
 * @retval SL_ERROR_FS_CERT_IN_THE_CHAIN_REVOKED_SECURITY_ALERT a chain certificate is revoked.
 * @retval SL_ERROR_FS_ROOT_CA_IS_UNKOWN           the self-signed root is not trusted.
 * @retval SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT the signature does not verify (SHA-256 and
 *                                                 SHA-1 tried) with the certificate's key.
 */
int32_t slsim_catalog_filesig_verify(void *ctx,
                                     struct slsim_fs *fs,
                                     const char *file_name,
                                     const char *cert_name,
                                     const uint8_t *data,
                                     size_t len,
                                     const uint8_t *sig,
                                     size_t sig_len);

/** Installs slsim_catalog_filesig_verify() with @p ctx on @p fs; ctx must outlive the mount. */
void slsim_catalog_filesig_attach(struct slsim_fs *fs, struct slsim_catalog_filesig_ctx *ctx);

#endif /* SLSIM_CATALOG_STORE_H */
