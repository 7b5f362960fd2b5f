/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file doctor_kb.c
 * @brief The knowledge base of `slsim doctor` (doctor_kb.h): one row per case of the
 *        reference's D.1 and D.2 tables, verdict phrases, OpenSSL and mbedTLS vocabulary.
 *
 * Rows are grouped by code; for each code the first row whose `when` holds is shown, the
 * others of that code are "also seen" variants (docs/doctor.md "Knowledge base").
 */
#include "doctor_kb.h"

#include <stdio.h>
#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

#define PROD_INSTALL                                                      \
    "slsim catalog install IMAGE certcatalog20190217.lst --ti-signature " \
    "certcatalog20190217.lst.signed_SIG.bin"

static const struct doctor_kb kb[] = {
    /* ---- D.1: TLS and sockets ------------------------------------------------------------ */
    { "D.1 #1", SL_ERROR_BSD_ESECUNKNOWNROOTCA, DOCTOR_KB_PLAYGROUND,
      "the device has the playground catalog, which trusts only dummy-root-ca-cert: every other "
      "root is unknown (the connection is up, the root is just not listed)",
      "install a catalog that lists the server's root (TI's production catalog for public roots, "
      "or one built with the root for a private PKI), or disable the store on this socket "
      "(SL_SO_SECURE_DISABLE_CERTIFICATE_STORE), or treat -468 as a warning",
      PROD_INSTALL },
    { "D.1 #2", SL_ERROR_BSD_ESECUNKNOWNROOTCA, DOCTOR_KB_DEFAULT,
      "the chain verified against the CA file, but that root is not in the device's catalog "
      "(ISRG Root X1, GTS Root R1 and USERTrust are in no TI catalog)",
      "disable the store on this socket (SL_SO_SECURE_DISABLE_CERTIFICATE_STORE), install a "
      "catalog that lists the root (vendor catalog, SWRU547), or treat -468 as a warning",
      "slsim catalog install IMAGE CATALOG.lst" },
    { "D.1 #17", SL_ERROR_BSD_ESECUNKNOWNROOTCA, DOCTOR_KB_GTS_ROOT,
      "Google's endpoints chain to GTS roots (GTS Root R1..R4), which are not in the TI catalog; "
      "the root file must also be the exact root of the chain presented",
      "use the exact root of the chain the server sends and accept -468, or disable the store on "
      "this socket (SL_SO_SECURE_DISABLE_CERTIFICATE_STORE), or install a catalog that lists it",
      "slsim catalog install IMAGE CATALOG.lst" },
    { "D.1 #2a", SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, DOCTOR_KB_CROSS_SIGNED,
      "the server sends a cross-signed chain (e.g. ISRG Root X1 signed by DST Root CA X3): the "
      "CA file's root arrives issued by another CA, so the top issuer is the cross-signer, not "
      "the self-signed root in the CA file",
      "give the CA that issued the top certificate of the sent chain (the cross-signer), or have "
      "the server send the short chain (then expect -468 when that root is not in the catalog)",
      "" },
    { "D.1 #3", SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, DOCTOR_KB_DEFAULT,
      "the CA file is not the root that signed the server's chain (wrong root, an intermediate, "
      "or the wrong cross-sign); the device names the issuer it expected",
      "put the certificate of the expected issuer on the device and name it as the CA file "
      "(find it with 'openssl s_client -showcerts')",
      "slsim fs put IMAGE ROOT.der /cert/ROOT.der" },
    { "D.1 #13", SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, DOCTOR_KB_FIRST_PEM_ONLY,
      "the CA file holds several PEM certificates, but a CC3220 uses only the first one; the root "
      "that signed the chain is a later one",
      "put one root per file on CC3220 (the one that anchors this chain first), or retry with "
      "the second root",
      "slsim fs put IMAGE ROOT.der /cert/ROOT.der" },
    { "D.1 #4", SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, DOCTOR_KB_RELATED,
      "AWS IoT ATS endpoints send a chain cross-signed up to Starfield Class 2, so the device "
      "wants the Starfield root, not Amazon Root CA 1",
      "use Starfield Class 2 Certification Authority as the CA file (it is in the catalog)", "" },
    { "D.1 #5", SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, DOCTOR_KB_RELATED,
      "legacy AWS IoT endpoints (iot:Data) are signed by VeriSign Class 3 G5, distrusted since "
      "2018",
      "use the ATS endpoint (iot:Data-ATS) with the Starfield/Amazon root", "" },
    { "D.1 #12", SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, DOCTOR_KB_LEAF_ONLY,
      "the server sent only its own certificate, whose issuer is not the CA file: usually an "
      "intermediate that is neither sent by the server nor on the device under its exact CN name "
      "(or the CA file is the wrong root)",
      "have the server send its intermediates (the full chain), or give the issuer named by the "
      "device as the CA file; name each root/intermediate file exactly as its 'Issued To' CN with "
      "no extension",
      "" },
    { "D.1 #16", SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, DOCTOR_KB_RELATED,
      "the server changed its root (e.g. DigiCert High Assurance EV to DigiCert Global Root CA) "
      "and the device still has the old one",
      "ship both roots and retry with the second, as TI's OTA code does", "" },
    { "D.1 #22b", SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, DOCTOR_KB_RELATED,
      "an old root file from an earlier release is still on the device and is used as the CA file",
      "delete the old file and write the current root", "slsim fs rm IMAGE OLDFILE" },
    { "D.1 #6", SL_ERROR_BSD_ESECBADCAFILE, DOCTOR_KB_DEFAULT,
      "the CA file is not a parsable certificate: saved as text/HTML, a bad PEM header, empty, "
      "or PEM with junk inside a block",
      "re-export the root as DER (or clean PEM) and write it again",
      "openssl x509 -in root.pem -outform der -out root.der && slsim fs put IMAGE root.der "
      "CAFILE" },
    { "D.1 #6a", SL_ERROR_BSD_ESECBADCAFILE, DOCTOR_KB_RELATED,
      "CC3220/CC3235 accept both DER and PEM CA files; AWS samples also need the production "
      "catalog",
      "keep the certificate in DER or clean PEM; install the production catalog for AWS", "" },
    { "D.1 #7", SL_ERROR_BSD_ESECBADCAFILE, DOCTOR_KB_RELATED,
      "the old NWP (CC3100/CC3200) accepts DER only", "convert with 'openssl x509 -outform der'",
      "" },
    { "D.1 #8", SL_ERROR_BSD_ESECSNOVERIFY, DOCTOR_KB_DEFAULT,
      "no CA file is set: the socket is connected, but the server was not authenticated",
      "set SL_SO_SECURE_FILES_CA_FILE_NAME to the server's root CA file",
      "slsim doctor HOST --device DEV.json --ca /cert/ROOT.der" },
    { "D.1 #22a", SL_ERROR_BSD_ESECSNOVERIFY, DOCTOR_KB_RELATED,
      "AT-command applications may not answer at all on a secure socket without a root CA",
      "provide at least the server's root CA (SECURE_FILES_CA_FILE_NAME)", "" },
    { "D.1 #9", SL_ERROR_BSD_ESECDATEERROR, DOCTOR_KB_DEFAULT,
      "a certificate is outside its validity by the device clock; after reset the NWP clock is "
      "2013-01-01, so valid certificates look not yet valid (connected, with an error)",
      "set the device time after SNTP (sl_DeviceSet SL_DEVICE_GENERAL_DATE_TIME), or renew a "
      "certificate that is expired by the real time too",
      "set \"clock\": \"host\" in the device configuration" },
    { "D.1 #10", SL_ERROR_BSD_ESECDATEERROR, DOCTOR_KB_RELATED,
      "WPA2-Enterprise on CC3235 also checks the EAP server certificate's dates",
      "set the time first (e.g. through AP mode) or use an RTC", "" },
    { "D.1 #11", SL_ERROR_BSD_ESEC_ASN_SIG_CONFIRM_E, DOCTOR_KB_DEFAULT,
      "a signature in the chain does not verify: the CA file (or a sent certificate) has the "
      "right name but a different key (CC3200 reported -155)",
      "give the real root that signed the chain, not a server or intermediate certificate or a "
      "re-keyed root of the same name",
      "slsim fs put IMAGE ROOT.der /cert/ROOT.der" },
    { "D.1 #14", SL_ERROR_BSD_ESEC_ECC_CURVE_ERROR, DOCTOR_KB_DEFAULT,
      "the client key's curve does not fit the negotiated ECDHE suite",
      "restrict the cipher mask to suites of the key type and use P-256", "--mask 0x..." },
    { "D.1 #15", SL_ERROR_BSD_ESEC_HANDSHAKE_FAILURE, DOCTOR_KB_NO_SNI,
      "the server ended the handshake (alert 40); SNI-routed servers (AWS IoT, HiveMQ Cloud) "
      "refuse a client hello without SNI, which the device sends only with a domain name; a "
      "server that requires a client certificate answers the same way when none is set",
      "set SL_SO_SECURE_DOMAIN_NAME_VERIFICATION so that SNI is sent (AWS IoT requires SNI); if "
      "the server asks for a client certificate, set the certificate and key files",
      "slsim doctor HOST --device DEV.json --domain HOST" },
    { "D.1 #15", SL_ERROR_BSD_ESEC_HANDSHAKE_FAILURE, DOCTOR_KB_DEFAULT,
      "the server found no common cipher or version, or rejected the client certificate "
      "(alert 40); old service packs lack GCM/ECDHE",
      "flash the current service pack; allow the server's suites (--mask) and version "
      "(--method); check the client certificate and key",
      "" },
    { "D.1 #18", SL_ERROR_BSD_ESEC_SOCKET_ERROR_E, DOCTOR_KB_DEFAULT,
      "TCP dropped during the handshake (the server closed it, often after rejecting a client "
      "certificate or a missing SNI)",
      "retry; check the server's log, the client certificate and the domain option (SNI)", "" },
    { "D.1 #18", SL_ERROR_BSD_ECONNREFUSED, DOCTOR_KB_DEFAULT,
      "the server refused the TCP connection (nothing listens on that port)",
      "check the host and port, and that the server runs", "" },
    { "D.1 #19", SL_ERROR_BSD_ESEC_CLOSE_NOTIFY, DOCTOR_KB_DEFAULT,
      "the peer closed the TLS session (alert 0) during the handshake: it rejected the "
      "certificate or the cipher",
      "check the server certificate, key and DH file (DHE needs a DH parameters file)", "" },
    { "D.1 #20", SL_ERROR_BSD_ESECBADPRIVATEFILE, DOCTOR_KB_DEFAULT,
      "the private key file cannot be parsed or does not match the certificate",
      "use an RSA (PKCS#1) or EC key in DER/PEM that belongs to the certificate",
      "slsim fs put IMAGE key.der KEYFILE" },
    { "D.2 #30", SL_ERROR_BSD_ESECBADPRIVATEFILE, DOCTOR_KB_RELATED,
      "a .pfx/PKCS#12 key is not a supported key format",
      "extract it: openssl pkcs12 -nocerts -nodes, then openssl rsa", "" },
    { "D.1 #21", SL_ERROR_BSD_ESECT00MANYSSLOPENED, DOCTOR_KB_DEFAULT,
      "more secure sockets are open than the device allows (6 on CC3220)",
      "close secure sockets (sl_Close) or share one connection", "" },
    { "D.1 #22", SL_ERROR_BSD_EALREADY, DOCTOR_KB_DEFAULT,
      "a non-blocking secure connect is still in its handshake",
      "call sl_Connect again, or sl_Select, until the final code", "" },
    /* ---- B.3: sl_Connect codes with no D.1 row of their own -------------------------------- */
    { "B.3", SL_ERROR_BSD_ESECNOCAFILE, DOCTOR_KB_DEFAULT,
      "the CA file named on the socket is not on the device's file system",
      "write the root CA file under that name, or name the file that exists",
      "slsim fs put IMAGE root.der CAFILE" },
    { "B.3", SL_ERROR_BSD_ESECBADCERTFILE, DOCTOR_KB_DEFAULT,
      "the own (client) certificate file is missing or not a certificate",
      "write the client certificate (DER or PEM) under the name set on the socket",
      "slsim fs put IMAGE client.der CERTFILE" },
    { "B.3", SL_ERROR_BSD_ESEC_DOMAIN_NAME_MISMATCH, DOCTOR_KB_DEFAULT,
      "the domain set with SL_SO_SECURE_DOMAIN_NAME_VERIFICATION is not a name of the server "
      "certificate (subjectAltName DNS names, or the CN without them)",
      "set the domain to the host name the certificate is issued for, or reissue the server "
      "certificate with that name",
      "" },
    { "B.3", SL_ERROR_BSD_ESECWRONGPEERCERT, DOCTOR_KB_DEFAULT,
      "the server certificate is not the pinned peer certificate",
      "write the server's current certificate to the pinned file, or unset the option", "" },
    { "B.3", SL_ERROR_BSD_ESEC_NOT_CA_ERROR, DOCTOR_KB_DEFAULT,
      "a certificate used as an issuer (sent or in the CA file) is not a CA (basicConstraints)",
      "issue intermediates and roots with basicConstraints CA:TRUE; give the root, not a leaf, "
      "as the CA file",
      "" },
    { "B.3", SL_ERROR_BSD_ESEC_MAX_CHAIN_ERROR, DOCTOR_KB_DEFAULT,
      "the server sends more certificates than the device walks",
      "send the leaf and its intermediates only, without cross-signed extras", "" },
    { "B.3", SL_ERROR_BSD_ESECHANDSHAKETIMEDOUT, DOCTOR_KB_DEFAULT,
      "the handshake did not finish in time (the server is slow or does not speak TLS)",
      "check that the port is a TLS port and the server answers", "" },
    { "B.3", SL_ERROR_BSD_ESEC_UNSUPPORTED_SUITE, DOCTOR_KB_DEFAULT,
      "the cipher mask leaves no suite the device can offer",
      "allow more suites in SL_SO_SECURE_MASK (or leave the default)", "" },
    { "B.3", SL_ERROR_BSD_ESEC_MATCH_SUITE_ERROR, DOCTOR_KB_DEFAULT,
      "the client and the server share no cipher suite",
      "allow the server's suites in SL_SO_SECURE_MASK, or enable device suites on the server", "" },
    { "B.3", SL_ERROR_BSD_ESEC_BAD_CERTIFICATE, DOCTOR_KB_DEFAULT,
      "the server rejected the device's client certificate (alert 42 bad_certificate)",
      "check the certificate and key file names, and that the server trusts the certificate's "
      "issuer",
      "" },
    { "B.3", SL_ERROR_BSD_ESEC_CERTIFICATE_UNKNOWN, DOCTOR_KB_DEFAULT,
      "the server could not verify the device's client certificate (alert 46 "
      "certificate_unknown)",
      "register the client certificate's CA with the server (AWS IoT: register and activate the "
      "certificate)",
      "" },
    { "B.3", -348, DOCTOR_KB_DEFAULT,
      "the server does not trust the CA that issued the device's client certificate (alert 48 "
      "unknown_ca; errors.h has no name for -348)",
      "register the issuing CA (or the certificate) with the server, or use a client certificate "
      "issued by a CA the server trusts",
      "" },
    { "B.3", SL_ERROR_BSD_ESEC_NOT_COMPILED_IN, DOCTOR_KB_DEFAULT,
      "the method asks for SSL 3.0 or DTLS, which this emulation does not offer",
      "use SL_SO_SEC_METHOD_TLSV1_2 or the default method", "--method tls1.2" },
    { "B.3", SL_ERROR_BSD_ESEC_NO_PEER_CERT, DOCTOR_KB_DEFAULT, "the server sent no certificate",
      "configure the server to send its certificate chain", "" },
    { "B.3", SL_ERROR_BSD_ESEC_ASN_PARSE_E, DOCTOR_KB_DEFAULT,
      "a certificate the server sent is not valid DER X.509", "fix the server's certificate file",
      "" },
    /* ---- D.2: signed files and programming ------------------------------------------------ */
    { "D.2 #23", SL_ERROR_FS_ROOT_CA_IS_UNKOWN, DOCTOR_KB_DEFAULT,
      "the signing chain's root is not in the device's catalog (production catalog with dummy "
      "certificates, or the reverse)",
      "match the catalog to the chain: playground with the dummy chain, production with a "
      "commercial code-signing certificate",
      "slsim catalog install IMAGE CATALOG.lst" },
    { "D.2 #25", SL_ERROR_FS_ROOT_CA_IS_UNKOWN, DOCTOR_KB_RELATED,
      "a self-signed code-signing root cannot be added to TI's catalog",
      "buy a certificate under a listed root, or use a vendor catalog (SWRU547)",
      "slsim catalog vendor-root IMAGE ROOT" },
    { "D.2 #24", SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT, DOCTOR_KB_DEFAULT,
      "the file's signature was made with a key that does not belong to the certificate named "
      "at close",
      "sign with the key of the certificate named in sl_FsClose (dummy-trusted-cert-key with "
      "dummy-trusted-cert)",
      "" },
    { "D.2 #33", SL_ERROR_FS_WRONG_SIGNATURE_SECURITY_ALERT, DOCTOR_KB_RELATED,
      "a vendor catalog or file signature pairing differs between programming tools",
      "check the catalog lists your root and each file's certificate/signature pair", "" },
    { "D.2 #26", SL_ERROR_FS_CERT_CHAIN_ERROR_SECURITY_ALERT, DOCTOR_KB_DEFAULT,
      "the code-signing chain uses SHA-384/512 or RSA above 2048 bits, which the boot ROM cannot "
      "verify",
      "use a 2048-bit RSA code-signing certificate, or a vendor catalog with your own root", "" },
    { "D.2 #34", SL_ERROR_FS_WRONG_SIGNATURE_OR_CERTIFIC_NAME_LENGTH, DOCTOR_KB_DEFAULT,
      "the signature is longer than 256 bytes (an RSA-3072/4096 key)",
      "sign with an RSA-2048 key, or a vendor catalog with your own 2048-bit root", "" },
    { "D.2 #27", SL_ERROR_FS_FILE_NOT_EXISTS, DOCTOR_KB_DEFAULT,
      "a file the operation needs is missing; in programming it is usually an issuer "
      "certificate looked up by its CN name",
      "name each chain file exactly by its CN (no extension) and add it to the image",
      "slsim fs put IMAGE CERT.der \"/ISSUER CN\"" },
    { "D.2 #32", SL_ERROR_FS_FILE_NOT_EXISTS, DOCTOR_KB_RELATED,
      "the MCU image names a certificate (--cert) that is not in the image, or whose chain lacks "
      "the root",
      "add the whole chain to the image and reference the certificate by its FS name", "" },
    { "D.2 #28", SL_ERROR_DEVICE_LOCKED_SECURITY_ALERT, DOCTOR_KB_DEFAULT,
      "the security-alert threshold was reached: the device is locked",
      "reprogram the image; there is no other recovery", "slsim image create NEW.img" },
    { "D.2 #28", SL_ERROR_FS_ALERT_ERR, DOCTOR_KB_DEFAULT,
      "the file system is locked after too many security alerts",
      "reprogram the image; there is no other recovery", "slsim image create NEW.img" },
    { "D.2 #29", SL_ERROR_FS_SYSTEM_FILE_ACCESS_DENIED, DOCTOR_KB_DEFAULT,
      "files of a production image cannot be listed or read back",
      "only development images allow file listing: build a development image", "" },
    { "D.2 #31", SL_ERROR_FS_ILLEGAL_SIGNATURE, DOCTOR_KB_DEFAULT,
      "the image was built for a non-secure part (CC3220R) and its MCU image is unsigned; a "
      "secure part demands a signed image",
      "build a separate image for secure parts with a signed MCU image", "" },
};

#define KB_N (sizeof(kb) / sizeof(kb[0]))

const struct doctor_kb *doctor_kb_table(size_t *count)
{
    *count = KB_N;
    return kb;
}

static bool when_holds(enum doctor_kb_when w, const struct doctor_kb_ctx *ctx)
{
    switch (w) {
    case DOCTOR_KB_PLAYGROUND:
        return ctx != NULL && ctx->playground;
    case DOCTOR_KB_FIRST_PEM_ONLY:
        return ctx != NULL && ctx->first_pem_only;
    case DOCTOR_KB_NO_SNI:
        return ctx != NULL && !ctx->sni && !ctx->suites_restricted;
    case DOCTOR_KB_CROSS_SIGNED:
        return ctx != NULL && ctx->cross_signed;
    case DOCTOR_KB_LEAF_ONLY:
        return ctx != NULL && ctx->leaf_only;
    case DOCTOR_KB_GTS_ROOT:
        return ctx != NULL && ctx->gts_root;
    case DOCTOR_KB_RELATED:
        return false;
    default:
        return true;
    }
}

const struct doctor_kb *doctor_kb_find(int32_t code, const struct doctor_kb_ctx *ctx)
{
    /* Specific rows first, then the default one. */
    for (size_t i = 0; i < KB_N; i++) {
        if (kb[i].code == code && kb[i].when != DOCTOR_KB_DEFAULT && when_holds(kb[i].when, ctx)) {
            return &kb[i];
        }
    }
    for (size_t i = 0; i < KB_N; i++) {
        if (kb[i].code == code && kb[i].when == DOCTOR_KB_DEFAULT) {
            return &kb[i];
        }
    }
    return NULL;
}

const struct doctor_kb *doctor_kb_related(const struct doctor_kb *row, size_t i)
{
    for (size_t k = 0; k < KB_N; k++) {
        if (&kb[k] != row && kb[k].code == row->code && strcmp(kb[k].ref, row->ref) != 0) {
            if (i == 0) {
                return &kb[k];
            }
            i--;
        }
    }
    return NULL;
}

/* ---- verdicts ------------------------------------------------------------------------------ */

static const struct {
    int32_t code;
    const char *text;
} verdicts[] = {
    { 0, "connected and verified" },
    { SL_ERROR_BSD_ESECUNKNOWNROOTCA, "connected, but the root CA is not in the device's catalog" },
    { SL_ERROR_BSD_ESECDATEERROR,
      "connected, but a certificate date is invalid by the device clock" },
    { SL_ERROR_BSD_ESECSNOVERIFY, "connected, but the server was not verified (no CA file)" },
    { SL_ERROR_BSD_ESECCERTIFICATEREVOKED,
      "a certificate of the chain is revoked by the device's catalog" },
    { SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E, "not connected: the CA file did not sign the chain" },
    { SL_ERROR_BSD_ESEC_ASN_SIG_CONFIRM_E, "not connected: a signature in the chain is wrong" },
    { SL_ERROR_BSD_ESEC_DOMAIN_NAME_MISMATCH,
      "not connected: the server certificate does not name the domain" },
    { SL_ERROR_BSD_ESECNOCAFILE, "not connected: the CA file is not on the device" },
    { SL_ERROR_BSD_ESECBADCAFILE, "not connected: the CA file is not a certificate" },
    { SL_ERROR_BSD_ESECBADCERTFILE, "not connected: the own certificate file is bad" },
    { SL_ERROR_BSD_ESECBADPRIVATEFILE, "not connected: the private key file is bad" },
    { SL_ERROR_BSD_ESECT00MANYSSLOPENED, "not connected: too many secure sockets" },
    { SL_ERROR_BSD_ESEC_NOT_CA_ERROR, "not connected: an issuer in the chain is not a CA" },
    { SL_ERROR_BSD_ESEC_MAX_CHAIN_ERROR, "not connected: the chain is too long" },
    { SL_ERROR_BSD_ESECHANDSHAKETIMEDOUT, "not connected: the handshake timed out" },
    { SL_ERROR_BSD_ESEC_SOCKET_ERROR_E, "not connected: TCP dropped during the handshake" },
    { SL_ERROR_BSD_ECONNREFUSED, "not connected: the server refused the connection" },
};

const char *doctor_kb_verdict(int32_t code)
{
    for (size_t i = 0; i < sizeof(verdicts) / sizeof(verdicts[0]); i++) {
        if (verdicts[i].code == code) {
            return verdicts[i].text;
        }
    }
    if (code <= -300 && code > -420) {
        return "not connected: the server sent a TLS alert";
    }
    return code < 0 ? "not connected" : "connected";
}

/* ---- OpenSSL and mbedTLS vocabulary ---------------------------------------------------------- */

static struct doctor_openssl ossl(int code, const char *text)
{
    struct doctor_openssl o = { code, text };
    return o;
}

static struct doctor_openssl anchor_openssl(const struct doctor_chain_shape *s)
{
    if (s != NULL && s->top_self_signed) {
        return s->sent <= 1 ? ossl(18, "self-signed certificate")
                            : ossl(19, "self-signed certificate in certificate chain");
    }
    if (s != NULL && s->sent <= 1) {
        return ossl(21, "unable to verify the first certificate");
    }
    return ossl(20, "unable to get local issuer certificate");
}

struct doctor_openssl doctor_kb_openssl(const struct slsim_finding *f,
                                        const struct doctor_chain_shape *shape)
{
    if (f->flags & SLSIM_X509_BADCERT_EXPIRED) {
        return ossl(10, "certificate has expired");
    }
    if (f->flags & SLSIM_X509_BADCERT_FUTURE) {
        return ossl(9, "certificate is not yet valid");
    }
    switch (f->code) {
    case SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E:
        return anchor_openssl(shape);
    case SL_ERROR_BSD_ESECUNKNOWNROOTCA:
    case SL_ERROR_BSD_ESECSNOVERIFY:
        return ossl(20, "unable to get local issuer certificate");
    case SL_ERROR_BSD_ESEC_DOMAIN_NAME_MISMATCH:
        return ossl(62, "hostname mismatch");
    case SL_ERROR_BSD_ESECCERTIFICATEREVOKED:
        return ossl(23, "certificate revoked");
    case SL_ERROR_BSD_ESEC_NOT_CA_ERROR:
        return ossl(24, "invalid CA certificate");
    case SL_ERROR_BSD_ESEC_ASN_SIG_CONFIRM_E:
        return ossl(7, "certificate signature failure");
    case SL_ERROR_BSD_ESEC_MAX_CHAIN_ERROR:
        return ossl(22, "certificate chain too long");
    default:
        return ossl(0, "");
    }
}

static const struct {
    uint32_t bit;
    const char *name;
} flag_names[] = {
    { SLSIM_X509_BADCERT_EXPIRED, "BADCERT_EXPIRED" },
    { SLSIM_X509_BADCERT_REVOKED, "BADCERT_REVOKED" },
    { SLSIM_X509_BADCERT_CN_MISMATCH, "BADCERT_CN_MISMATCH" },
    { SLSIM_X509_BADCERT_NOT_TRUSTED, "BADCERT_NOT_TRUSTED" },
    { SLSIM_X509_BADCERT_MISSING, "BADCERT_MISSING" },
    { SLSIM_X509_BADCERT_OTHER, "BADCERT_OTHER" },
    { SLSIM_X509_BADCERT_FUTURE, "BADCERT_FUTURE" },
    { SLSIM_X509_BADCERT_BAD_KEY, "BADCERT_BAD_KEY" },
};

#define FLAG_N (sizeof(flag_names) / sizeof(flag_names[0]))

size_t doctor_kb_flag_count(void)
{
    return FLAG_N;
}

uint32_t doctor_kb_flag_bit(size_t i)
{
    return i < FLAG_N ? flag_names[i].bit : 0;
}

const char *doctor_kb_flag_name(size_t i)
{
    return i < FLAG_N ? flag_names[i].name : "";
}

void doctor_kb_flag_names(uint32_t flags, char *buf, size_t len)
{
    size_t used = 0;
    if (len == 0) {
        return;
    }
    buf[0] = '\0';
    for (size_t i = 0; i < FLAG_N && used < len; i++) {
        if (flags & flag_names[i].bit) {
            int w =
                snprintf(buf + used, len - used, "%s%s", used > 0 ? "|" : "", flag_names[i].name);
            used += w > 0 ? (size_t)w : 0;
        }
    }
}

void doctor_kb_expand(const char *text, const char *image, const char *sig, char *buf, size_t len)
{
    size_t used = 0;
    if (len == 0) {
        return;
    }
    while (*text != '\0' && used + 1 < len) {
        const char *put = NULL;
        size_t skip = 1;
        if (strncmp(text, "IMAGE", 5) == 0) {
            put = image;
            skip = 5;
        } else if (strncmp(text, "SIG", 3) == 0) {
            put = sig;
            skip = 3;
        }
        if (put != NULL) {
            int w = snprintf(buf + used, len - used, "%s", put);
            used += w > 0 ? (size_t)w : 0;
            used = used < len ? used : len - 1;
        } else {
            buf[used++] = *text;
        }
        text += skip;
    }
    buf[used] = '\0';
}
