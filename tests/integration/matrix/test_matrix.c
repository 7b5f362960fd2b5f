/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_matrix.c
 * @brief The bad-server matrix: secure sl_Connect against real misbehaving peers.
 *
 * Each scenario starts a real `openssl s_server -rev` (or an in-test TCP server thread for the
 * non-TLS misbehaviours) on a free loopback port, makes a fresh device image with the built
 * `slsim` CLI (`image create`, `fs put`, `catalog install`), and then acts as the device
 * application through the TI API only (sl_Socket, sl_SetSockOpt, sl_Connect, sl_Send, sl_Recv,
 * sl_Select, sl_Close) plus <slsim/emu.h>. It asserts the exact sl_Connect code and the socket
 * state afterwards: connected codes (0, -453, -461, -467, -468) must carry an echo round trip;
 * hard codes must leave a dead socket (sl_Send/sl_Recv fail, sl_Close returns 0). Two native
 * test hooks are used besides: slsim_sock_set_handshake_timeout() bounds every handshake, and
 * slsim_sock_last_findings() shows which check decided (with a reason and a fix).
 *
 * The PKI is made at test time with `slsim pki playground` / `slsim pki issue` and catalogs
 * with `slsim catalog build`; openssl only converts the playground's DER certificates to PEM for
 * s_server and makes the one self-signed server certificate (`slsim pki issue --ca NONE` makes a
 * root CA whose key usage s_server cannot sign with). The expected codes come from
 * docs/trust.md, docs/sock.md and reference nwp-behaviour.md B.3; where the docs leave a value
 * open (the alert a server sends) the value observed with OpenSSL 3.0 is pinned and explained.
 *
 * Usage: test_matrix SLSIM [ID,ID,...]   (exit 77 when openssl is missing)
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "matrix_util.h"

#include "device/device.h"
#include "sock/sock.h"
#include "trust/trust.h"

#define WATCHDOG_S      110  /* the safety net; a normal run takes well under 60 s */
#define HS_TIMEOUT_MS   8000 /* every handshake is bounded (scenario 24 uses 1 s) */
#define SECURE_SOCKETS  7
#define CATALOG_PG      "pki/certcatalogPlayGround.lst"
#define CATALOG_BUILT   "pki/built.lst"
#define CATALOG_REVOKES "pki/revoking.lst"

static const char *slsim_cli;
static char openssl_path[MX_PATH];

/* ---- SimpleLinkSockEventHandler: records what the device reported ------------------------ */

static pthread_mutex_t ev_lock = PTHREAD_MUTEX_INITIALIZER;
static SlSockEvent_t ev_seen[8];
static unsigned ev_count;

void SimpleLinkSockEventHandler(SlSockEvent_t *pSlSockEvent)
{
    (void)pthread_mutex_lock(&ev_lock);
    if (ev_count < sizeof(ev_seen) / sizeof(ev_seen[0])) {
        ev_seen[ev_count] = *pSlSockEvent;
    }
    ev_count++;
    (void)pthread_mutex_unlock(&ev_lock);
}

static void events_reset(void)
{
    (void)pthread_mutex_lock(&ev_lock);
    ev_count = 0;
    memset(ev_seen, 0, sizeof(ev_seen));
    (void)pthread_mutex_unlock(&ev_lock);
}

/* ---- outcome of one scenario ----------------------------------------------------------------- */

struct outcome {
    long got;
    bool failed;
    char state[200]; /* "connected, echo ok" / "not connected, send -107 recv -107 close 0" */
    char why[400];   /* the first failed assertion */
    char extra[200]; /* further facts for the line (second device, timings) */
};

static void state_add(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void state_add(char *buf, size_t size, const char *fmt, ...)
{
    size_t used = strlen(buf);
    if (used + 1 >= size) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(buf + used, size - used, fmt, ap);
    va_end(ap);
}

static void fail_with(struct outcome *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void fail_with(struct outcome *o, const char *fmt, ...)
{
    if (o->failed) {
        return; /* keep the first reason */
    }
    o->failed = true;
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(o->why, sizeof(o->why), fmt, ap);
    va_end(ap);
}

#define EXPECT_SL(o, got, want)                                                      \
    do {                                                                             \
        long got_ = (long)(got);                                                     \
        long want_ = (long)(want);                                                   \
        if (got_ != want_) {                                                         \
            fail_with((o), "%s = %ld, expected %ld (%s)", #got, got_, want_, #want); \
        }                                                                            \
    } while (0)

/* ---- the scenario table ---------------------------------------------------------------------- */

enum server_kind { SRV_SSL = 0, SRV_TCP_CLOSE, SRV_TCP_GARBAGE, SRV_TCP_STALL };

struct scenario;
typedef void (*special_fn)(const struct scenario *sc, struct outcome *o);

struct scenario {
    int id;
    const char *name;
    const char *profile;         /* NULL: cc3220s */
    enum server_kind server;     /* SRV_SSL: s_server with srv_args */
    const char *const *srv_args; /* paths relative to the work directory */
    const char *srv_log_expect;  /* text the s_server log must show afterwards, or NULL */
    const struct mx_file *files; /* device files, from host files */
    size_t nfiles;
    const char *catalog;      /* installed with `slsim catalog install`, or NULL */
    const char *ca;           /* SL_SO_SECURE_FILES_CA_FILE_NAME, or NULL */
    const char *cert;         /* SL_SO_SECURE_FILES_CERTIFICATE_FILE_NAME, or NULL */
    const char *key;          /* SL_SO_SECURE_FILES_PRIVATE_KEY_FILE_NAME, or NULL */
    const char *domain;       /* SL_SO_SECURE_DOMAIN_NAME_VERIFICATION, or NULL */
    bool store_disabled;      /* SL_SO_SECURE_DISABLE_CERTIFICATE_STORE = 1 */
    uint32_t mask;            /* SL_SO_SECURE_MASK, 0: not set */
    uint8_t method;           /* SL_SO_SECMETHOD, 0: not set (SSLv3: .sslv3) */
    uint32_t hs_timeout_ms;   /* 0: HS_TIMEOUT_MS */
    long want;                /* the exact sl_Connect code */
    bool connected;           /* the socket must be usable afterwards */
    const char *event_issuer; /* WRONG_ROOT_CA expected, pExtraInfo contains this */
    int finding;              /* 1 + enum slsim_trust_check to inspect, 0: none */
    enum slsim_finding_status finding_status;
    bool empty_mask;    /* SL_SO_SECURE_MASK = 0 */
    bool sslv3;         /* SL_SO_SECMETHOD = SL_SO_SEC_METHOD_SSLV3 */
    bool no_io;         /* refused before TCP: the server sees no connection */
    bool alert;         /* a received TLS alert: the code is in -300..-414 */
    unsigned slow_ms;   /* reach s_server through a proxy that holds its answers this long */
    const char *clock;  /* device configuration "clock" (docs/device-config.md), or NULL */
    int clock_days;     /* else, when not 0: a fixed device clock this many days from now */
    long also_warn;     /* another WARN finding that must be present (lost on precedence) */
    special_fn special; /* replaces the standard body */
};

#define FILES(a)           .files = (a), .nfiles = sizeof(a) / sizeof((a)[0])
#define FINDING(check, st) .finding = 1 + (int)(check), .finding_status = (st)

/* Device files. */
static const struct mx_file F_ROOT[] = { { "/cert/root.der", "pki/dummy-root-ca-cert" } };
static const struct mx_file F_GARBAGE[] = { { "/cert/garbage.der", "garbage.bin" } };
static const struct mx_file F_JUNK[] = { { "/cert/junk.pem", "junk.pem" } };
static const struct mx_file F_OTHER[] = { { "/cert/other.der", "pki/other-root" } };
static const struct mx_file F_PRIVATE[] = { { "/cert/private.der", "pki/private-root" } };
static const struct mx_file F_MULTI[] = { { "/cert/multi.pem", "multi.pem" } };
static const struct mx_file F_CLIENT[] = {
    { "/cert/root.der", "pki/dummy-root-ca-cert" },
    { "/cert/client.der", "pki/client" },
    { "/cert/client-key.der", "pki/client-key" },
};
static const struct mx_file F_ROGUE[] = {
    { "/cert/root.der", "pki/dummy-root-ca-cert" },
    { "/cert/client.der", "pki/rogue" },
    { "/cert/client-key.der", "pki/rogue-key" },
};
static const struct mx_file F_MISMATCH[] = {
    { "/cert/root.der", "pki/dummy-root-ca-cert" },
    { "/cert/client.der", "pki/client" },
    { "/cert/client-key.der", "pki/good-key" }, /* the key of another certificate */
};

/* s_server arguments (after -accept and -rev). */
#define SRV(cert, chain) \
    "-cert", "pki/" cert ".pem", "-key", "pki/" cert "-key.pem", "-cert_chain", "pki/" chain ".pem"
static const char *const S_GOOD[] = { SRV("good", "T"), NULL };
static const char *const S_EXPIRED[] = { SRV("expired", "T"), NULL };
static const char *const S_FUTURE[] = { SRV("future", "T"), NULL };
static const char *const S_OTHERHOST[] = { SRV("otherhost", "T"), NULL };
static const char *const S_SELF[] = { "-cert", "pki/self.pem", "-key", "pki/self-key.pem", NULL };
static const char *const S_PRIVATE[] = { "-cert", "pki/private.pem", "-key", "pki/private-key.pem",
                                         NULL };
static const char *const S_PRIVATE_EXPIRED[] = { "-cert", "pki/private-expired.pem", "-key",
                                                 "pki/private-expired-key.pem", NULL };
static const char *const S_REVOKED[] = { SRV("revoked", "V"), NULL };
static const char *const S_CLIENT_AUTH[] = {
    SRV("good", "T"), "-Verify", "1", "-verify_return_error", "-CAfile", "pki/R.pem", NULL
};
static const char *const S_TLS10[] = { SRV("good", "T"), "-tls1", "-cipher", "DEFAULT:@SECLEVEL=0",
                                       NULL };
static const char *const S_TLS13[] = { SRV("good", "T"), "-tls1_3", NULL };

static void special_seventh(const struct scenario *sc, struct outcome *o);
static void special_nonblocking(const struct scenario *sc, struct outcome *o);
static void special_select(const struct scenario *sc, struct outcome *o);
static void special_stall(const struct scenario *sc, struct outcome *o);
static void special_clock_set(const struct scenario *sc, struct outcome *o);

static const struct scenario scenarios[] = {
    { .id = 1,
      .name = "good-chain",
      .srv_args = S_GOOD,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .want = 0,
      .connected = true },
    { .id = 2,
      .name = "no-ca-file",
      .srv_args = S_GOOD,
      .catalog = CATALOG_PG,
      .want = SL_ERROR_BSD_ESECSNOVERIFY,
      .connected = true,
      FINDING(SLSIM_CHECK_NO_CA, SLSIM_FINDING_WARN) },
    { .id = 3,
      .name = "ca-file-missing",
      .srv_args = S_GOOD,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/missing.der",
      .want = SL_ERROR_BSD_ESECNOCAFILE,
      FINDING(SLSIM_CHECK_CA_FILE, SLSIM_FINDING_FAIL) },
    { .id = 4,
      .name = "ca-file-garbage",
      .srv_args = S_GOOD,
      FILES(F_GARBAGE),
      .catalog = CATALOG_PG,
      .ca = "/cert/garbage.der",
      .want = SL_ERROR_BSD_ESECBADCAFILE },
    { .id = 5,
      .name = "ca-pem-junk-in-block",
      .srv_args = S_GOOD,
      FILES(F_JUNK),
      .catalog = CATALOG_PG,
      .ca = "/cert/junk.pem",
      .want = SL_ERROR_BSD_ESECBADCAFILE,
      FINDING(SLSIM_CHECK_CA_FILE, SLSIM_FINDING_FAIL) },
    { .id = 6,
      .name = "wrong-root",
      .srv_args = S_GOOD,
      FILES(F_OTHER),
      .catalog = CATALOG_PG,
      .ca = "/cert/other.der",
      .want = SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E,
      .event_issuer = "dummy-root-ca-cert",
      FINDING(SLSIM_CHECK_ANCHOR, SLSIM_FINDING_FAIL) },
    /* The device clock (configuration key "clock"): 400 days ahead, the server certificate
     * (valid for 365 days from yesterday) has expired while the CAs (10 years) and the catalog
     * (5 years) still hold; "power-on" is the chip's reset date 2013-01-01, before everything. */
    { .id = 7,
      .name = "expired-vs-device-clock",
      .clock_days = 400,
      .srv_args = S_GOOD,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .want = SL_ERROR_BSD_ESECDATEERROR,
      .connected = true,
      FINDING(SLSIM_CHECK_DATES, SLSIM_FINDING_WARN) },
    { .id = 8,
      .name = "not-yet-valid-vs-device-clock",
      .clock = "power-on",
      .srv_args = S_GOOD,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .want = SL_ERROR_BSD_ESECDATEERROR,
      .connected = true,
      FINDING(SLSIM_CHECK_DATES, SLSIM_FINDING_WARN) },
    { .id = 9,
      .name = "wrong-host-verified",
      .srv_args = S_OTHERHOST,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .domain = "localhost",
      .want = SL_ERROR_BSD_ESEC_DOMAIN_NAME_MISMATCH,
      FINDING(SLSIM_CHECK_DOMAIN, SLSIM_FINDING_FAIL) },
    { .id = 10,
      .name = "wrong-host-unverified",
      .srv_args = S_OTHERHOST,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .want = 0,
      .connected = true },
    { .id = 11,
      .name = "self-signed-not-in-ca-file",
      .srv_args = S_SELF,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .want = SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E,
      .event_issuer = "localhost",
      FINDING(SLSIM_CHECK_ANCHOR, SLSIM_FINDING_FAIL) },
    { .id = 12,
      .name = "root-not-in-catalog",
      .srv_args = S_PRIVATE,
      FILES(F_PRIVATE),
      .catalog = CATALOG_PG,
      .ca = "/cert/private.der",
      .want = SL_ERROR_BSD_ESECUNKNOWNROOTCA,
      .connected = true,
      FINDING(SLSIM_CHECK_CATALOG, SLSIM_FINDING_WARN) },
    { .id = 13,
      .name = "store-disabled",
      .srv_args = S_PRIVATE,
      FILES(F_PRIVATE),
      .catalog = CATALOG_PG,
      .ca = "/cert/private.der",
      .store_disabled = true,
      .want = 0,
      .connected = true },
    /* -467 is connected by the default profile (revoked_connected, docs/trust.md). */
    { .id = 14,
      .name = "revoked-intermediate",
      .srv_args = S_REVOKED,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .want = SL_ERROR_BSD_ESECCERTIFICATEREVOKED,
      .connected = true,
      FINDING(SLSIM_CHECK_CATALOG, SLSIM_FINDING_WARN) },
    /* OpenSSL 3 raises certificate_required (116) when the client sends no certificate, and
     * sends it as handshake_failure (40) below TLS 1.3: -300 - 40. */
    { .id = 15,
      .alert = true,
      .name = "client-cert-missing",
      .srv_args = S_CLIENT_AUTH,
      .srv_log_expect = "peer did not return a certificate",
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .want = SL_ERROR_BSD_ESEC_HANDSHAKE_FAILURE,
      FINDING(SLSIM_CHECK_HANDSHAKE, SLSIM_FINDING_FAIL) },
    /* The client certificate chains to a root s_server does not trust: OpenSSL's verify error
     * "unable to get local issuer certificate" is sent as unknown_ca (48): -348 (the -300 rule
     * of reference B.7; errors.h has no name for it). */
    { .id = 16,
      .alert = true,
      .name = "client-cert-rejected",
      .srv_args = S_CLIENT_AUTH,
      .srv_log_expect = "unable to get local issuer certificate",
      FILES(F_ROGUE),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .cert = "/cert/client.der",
      .key = "/cert/client-key.der",
      .want = -348 },
    { .id = 17,
      .name = "client-cert-accepted",
      .srv_args = S_CLIENT_AUTH,
      .srv_log_expect = "CN = matrix client",
      FILES(F_CLIENT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .cert = "/cert/client.der",
      .key = "/cert/client-key.der",
      .want = 0,
      .connected = true },
    { .id = 18,
      .name = "key-not-matching-cert",
      .srv_args = S_CLIENT_AUTH,
      FILES(F_MISMATCH),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .cert = "/cert/client.der",
      .key = "/cert/client-key.der",
      .want = SL_ERROR_BSD_ESECBADPRIVATEFILE,
      FINDING(SLSIM_CHECK_OWN_KEY, SLSIM_FINDING_FAIL) },
    /* Only RSA key exchange offered; s_server has an ECDSA certificate: handshake_failure. */
    { .id = 19,
      .alert = true,
      .name = "no-common-cipher",
      .srv_args = S_GOOD,
      .srv_log_expect = "no shared cipher",
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .mask = SL_SEC_MASK_TLS_RSA_WITH_AES_256_CBC_SHA,
      .want = SL_ERROR_BSD_ESEC_HANDSHAKE_FAILURE,
      FINDING(SLSIM_CHECK_HANDSHAKE, SLSIM_FINDING_FAIL) },
    /* s_server -tls1 answers the TLS 1.2 ClientHello with a TLS 1.0 ServerHello; the device
     * (pinned to TLS 1.2) refuses it and sends protocol_version (70) itself, which the server
     * logs. No alert was received, so this is slsim's local "no version in common" (tls.h:
     * "-370 style"), the same number as a received alert 70 (reference B.3: -370
     * protocol_version). */
    { .id = 20,
      .name = "tls10-only-server",
      .srv_args = S_TLS10,
      .srv_log_expect = "SSL alert number 70",
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .method = SL_SO_SEC_METHOD_TLSV1_2,
      .want = SL_ERROR_BSD_ESEC_PROTOCOL_VERSION,
      FINDING(SLSIM_CHECK_HANDSHAKE, SLSIM_FINDING_FAIL) },
    /* The device offers TLS 1.0-1.2 (no supported_versions): OpenSSL answers protocol_version
     * (70): -370. */
    { .id = 21,
      .alert = true,
      .name = "tls13-only-server",
      .srv_args = S_TLS13,
      .srv_log_expect = "unsupported protocol",
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .want = SL_ERROR_BSD_ESEC_PROTOCOL_VERSION },
    /* In-test servers: TCP closed after the ClientHello -> -708 (sock.md); an HTTP answer to
     * the ClientHello -> -706 (sock.md: garbage); silence with a 1 s timeout -> -462. */
    { .id = 22,
      .name = "server-closes-in-handshake",
      .server = SRV_TCP_CLOSE,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .want = SL_ERROR_BSD_ESEC_SOCKET_ERROR_E,
      FINDING(SLSIM_CHECK_HANDSHAKE, SLSIM_FINDING_FAIL) },
    { .id = 23,
      .name = "server-sends-garbage",
      .server = SRV_TCP_GARBAGE,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .want = SL_ERROR_BSD_ESEC_PARSE_ERROR,
      FINDING(SLSIM_CHECK_HANDSHAKE, SLSIM_FINDING_FAIL) },
    { .id = 24,
      .name = "server-stalls",
      .server = SRV_TCP_STALL,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .hs_timeout_ms = 1000,
      .want = SL_ERROR_BSD_ESECHANDSHAKETIMEDOUT,
      FINDING(SLSIM_CHECK_HANDSHAKE, SLSIM_FINDING_FAIL),
      .special = special_stall },
    { .id = 25,
      .name = "seventh-tls-socket",
      .srv_args = S_GOOD,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .want = SL_ERROR_BSD_ESECT00MANYSSLOPENED,
      .special = special_seventh },
    { .id = 26,
      .slow_ms = 300,
      .name = "nonblocking-connect",
      .srv_args = S_PRIVATE,
      FILES(F_PRIVATE),
      .catalog = CATALOG_PG,
      .ca = "/cert/private.der",
      .want = SL_ERROR_BSD_ESECUNKNOWNROOTCA,
      .connected = true,
      .special = special_nonblocking },
    { .id = 27,
      .slow_ms = 300,
      .name = "select-connect-and-data",
      .srv_args = S_GOOD,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .want = 0,
      .connected = true,
      .special = special_select },
    /* Extras: catalogs built with `slsim catalog build`, no catalog, multi-root PEM CA files. */
    { .id = 28,
      .name = "private-root-in-built-catalog",
      .srv_args = S_PRIVATE,
      FILES(F_PRIVATE),
      .catalog = CATALOG_BUILT,
      .ca = "/cert/private.der",
      .want = 0,
      .connected = true },
    { .id = 29,
      .name = "built-catalog-revokes-intermediate",
      .srv_args = S_GOOD,
      FILES(F_ROOT),
      .catalog = CATALOG_REVOKES,
      .ca = "/cert/root.der",
      .want = SL_ERROR_BSD_ESECCERTIFICATEREVOKED,
      .connected = true,
      FINDING(SLSIM_CHECK_CATALOG, SLSIM_FINDING_WARN) },
    { .id = 30,
      .name = "no-catalog-installed",
      .srv_args = S_GOOD,
      FILES(F_ROOT),
      .ca = "/cert/root.der",
      .want = SL_ERROR_BSD_ESECUNKNOWNROOTCA,
      .connected = true,
      FINDING(SLSIM_CHECK_CATALOG, SLSIM_FINDING_WARN) },
    /* multi.pem = other root, then the right root: CC3220 uses only the first (B.4). */
    { .id = 31,
      .name = "multi-root-pem-cc3220s",
      .srv_args = S_GOOD,
      FILES(F_MULTI),
      .catalog = CATALOG_PG,
      .ca = "/cert/multi.pem",
      .want = SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E,
      .event_issuer = "dummy-root-ca-cert" },
    { .id = 32,
      .name = "multi-root-pem-cc3235s",
      .profile = "cc3235s",
      .srv_args = S_GOOD,
      FILES(F_MULTI),
      .catalog = CATALOG_PG,
      .ca = "/cert/multi.pem",
      .want = 0,
      .connected = true },
    /* Extras: refused before any network I/O (the in-test server must see no connection). */
    { .id = 33,
      .name = "empty-cipher-mask",
      .server = SRV_TCP_STALL,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .mask = 0,
      .empty_mask = true,
      .want = SL_ERROR_BSD_ESEC_UNSUPPORTED_SUITE,
      .no_io = true },
    { .id = 34,
      .name = "sslv3-method",
      .server = SRV_TCP_STALL,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .sslv3 = true,
      .want = SL_ERROR_BSD_ESEC_NOT_COMPILED_IN,
      .no_io = true },
    /* Extras: warning precedence (docs/trust.md: dates before catalog) and a verified name. */
    { .id = 35,
      .name = "expired-and-root-not-in-catalog",
      .srv_args = S_PRIVATE_EXPIRED,
      FILES(F_PRIVATE),
      .catalog = CATALOG_PG,
      .ca = "/cert/private.der",
      .want = SL_ERROR_BSD_ESECDATEERROR,
      .connected = true,
      FINDING(SLSIM_CHECK_DATES, SLSIM_FINDING_WARN),
      .also_warn = SL_ERROR_BSD_ESECUNKNOWNROOTCA },
    { .id = 36,
      .name = "right-host-verified",
      .srv_args = S_GOOD,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .domain = "localhost",
      .want = 0,
      .connected = true },
    /* Extras: certificates issued outside their validity against the host-set device clock. */
    { .id = 37,
      .name = "expired-server-cert",
      .srv_args = S_EXPIRED,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .want = SL_ERROR_BSD_ESECDATEERROR,
      .connected = true,
      FINDING(SLSIM_CHECK_DATES, SLSIM_FINDING_WARN) },
    { .id = 38,
      .name = "not-yet-valid-server-cert",
      .srv_args = S_FUTURE,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .want = SL_ERROR_BSD_ESECDATEERROR,
      .connected = true,
      FINDING(SLSIM_CHECK_DATES, SLSIM_FINDING_WARN) },
    /* The device clock in a connect (reference D.1 #9): after power-on the clock reads
     * 2013-01-01, so a certificate valid now is "not yet valid" (-461, connected); the app sets
     * the date with sl_DeviceSet(SL_DEVICE_GENERAL_DATE_TIME) and a new socket verifies (0, the
     * root in the playground catalog). */
    { .id = 39,
      .name = "power-on-clock-then-date-set",
      .clock = "power-on",
      .srv_args = S_GOOD,
      FILES(F_ROOT),
      .catalog = CATALOG_PG,
      .ca = "/cert/root.der",
      .want = SL_ERROR_BSD_ESECDATEERROR,
      .connected = true,
      FINDING(SLSIM_CHECK_DATES, SLSIM_FINDING_WARN),
      .special = special_clock_set },
};

#define NSCENARIOS (sizeof(scenarios) / sizeof(scenarios[0]))

/* ---- per-scenario resources (released by the runner, also after a failure) ------------------ */

static struct mx_s_server servers[SECURE_SOCKETS];
static struct mx_tcp_server *tcp_server;
static struct mx_dev devs[2];
static uint16_t port; /* the scenario's server */

static void release_all(void)
{
    for (size_t i = 0; i < sizeof(devs) / sizeof(devs[0]); i++) {
        mx_dev_free(&devs[i]); /* sl_Stop closes any socket left open */
    }
    mx_tcp_server_stop(tcp_server);
    tcp_server = NULL;
    for (size_t i = 0; i < SECURE_SOCKETS; i++) {
        mx_s_server_stop(&servers[i]);
    }
}

static bool start_ssl_server(size_t slot, const struct scenario *sc, struct outcome *o)
{
    char log[MX_PATH];
    (void)snprintf(log, sizeof(log), "logs/s_server-%02d-%zu.log", sc->id, slot);
    if (!mx_s_server_start(&servers[slot], openssl_path, sc->srv_args, log)) {
        fail_with(o, "openssl s_server did not start (see %s)", log);
        return false;
    }
    return true;
}

static bool start_server(const struct scenario *sc, struct outcome *o)
{
    if (sc->server == SRV_SSL) {
        if (!start_ssl_server(0, sc, o)) {
            return false;
        }
        port = servers[0].port;
        if (sc->slow_ms != 0) {
            tcp_server = mx_tcp_proxy_start(servers[0].port, sc->slow_ms, &port);
            if (tcp_server == NULL) {
                fail_with(o, "in-test proxy did not start");
                return false;
            }
        }
        return true;
    }
    static const enum mx_tcp_kind kinds[] = { MX_TCP_CLOSE, MX_TCP_CLOSE, MX_TCP_GARBAGE,
                                              MX_TCP_STALL };
    tcp_server = mx_tcp_server_start(kinds[sc->server], &port);
    if (tcp_server == NULL) {
        fail_with(o, "in-test TCP server did not start");
        return false;
    }
    return true;
}

static bool
make_device(size_t slot, const struct scenario *sc, const char *profile, struct outcome *o)
{
    char why[400] = "";
    char clock[32];
    const char *clk = sc->clock;
    if (clk == NULL && sc->clock_days != 0) {
        time_t t = time(NULL) + (time_t)sc->clock_days * 86400;
        struct tm tm;
        (void)gmtime_r(&t, &tm);
        (void)strftime(clock, sizeof(clock), "%Y-%m-%dT%H:%M:%SZ", &tm);
        clk = clock;
    }
    if (!mx_dev_new(&devs[slot], slsim_cli, ".", profile, sc->files, sc->nfiles, sc->catalog, clk,
                    why, sizeof(why))) {
        fail_with(o, "device setup: %s", why);
        return false;
    }
    mx_dev_handshake_timeout(&devs[slot], sc->hs_timeout_ms ? sc->hs_timeout_ms : HS_TIMEOUT_MS);
    return true;
}

/* A secure socket with the scenario's options. Negative: the failing sl_ call's code. */
static _i16 secure_socket(const struct scenario *sc, struct outcome *o)
{
    _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_SEC_SOCKET);
    if (sd < 0) {
        fail_with(o, "sl_Socket = %d", sd);
        return sd;
    }
    SlTimeval_t tv = { 5, 0 }; /* no sl_Recv waits longer than 5 s */
    EXPECT_SL(o, sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_RCVTIMEO, &tv, sizeof(tv)), 0);
    if (sc->ca != NULL) {
        EXPECT_SL(o, mx_set_text(sd, SL_SO_SECURE_FILES_CA_FILE_NAME, sc->ca), 0);
    }
    if (sc->cert != NULL) {
        EXPECT_SL(o, mx_set_text(sd, SL_SO_SECURE_FILES_CERTIFICATE_FILE_NAME, sc->cert), 0);
    }
    if (sc->key != NULL) {
        EXPECT_SL(o, mx_set_text(sd, SL_SO_SECURE_FILES_PRIVATE_KEY_FILE_NAME, sc->key), 0);
    }
    if (sc->domain != NULL) {
        EXPECT_SL(o, mx_set_text(sd, SL_SO_SECURE_DOMAIN_NAME_VERIFICATION, sc->domain), 0);
    }
    if (sc->store_disabled) {
        EXPECT_SL(o, mx_set_u32(sd, SL_SO_SECURE_DISABLE_CERTIFICATE_STORE, 1), 0);
    }
    if (sc->mask != 0 || sc->empty_mask) {
        SlSockSecureMask_t m = { sc->mask };
        EXPECT_SL(o, sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECURE_MASK, &m, sizeof(m)), 0);
    }
    if (sc->method != 0 || sc->sslv3) {
        SlSockSecureMethod_t m = { sc->sslv3 ? SL_SO_SEC_METHOD_SSLV3 : sc->method };
        EXPECT_SL(o, sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECMETHOD, &m, sizeof(m)), 0);
    }
    return sd;
}

static void set_nonblocking(_i16 sd, struct outcome *o)
{
    SlSockNonblocking_t nb = { 1 };
    EXPECT_SL(o, sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_NONBLOCKING, &nb, sizeof(nb)), 0);
}

/* ---- the state checks -------------------------------------------------------------------- */

/* Connected: an echo round trip, and the socket knows it is connected. */
static void check_connected(_i16 sd, struct outcome *o)
{
    char why[200] = "";
    if (mx_echo(sd, why, sizeof(why))) {
        state_add(o->state, sizeof(o->state), "connected, echo ok");
    } else {
        state_add(o->state, sizeof(o->state), "echo FAILED (%s)", why);
        fail_with(o, "expected a connected socket: %s", why);
    }
    EXPECT_SL(o, mx_connect(sd, port), SL_ERROR_BSD_EISCONN);
}

/* Hard failure: sends and receives fail (the failure code or ENOTCONN, docs/sock.md). */
static void check_dead(_i16 sd, long code, struct outcome *o)
{
    long s = sl_Send(sd, "x", 1, 0);
    char b[8];
    long r = sl_Recv(sd, b, sizeof(b), 0);
    state_add(o->state, sizeof(o->state), "not connected, send %ld recv %ld", s, r);
    if (s >= 0 || r >= 0) {
        fail_with(o, "dead socket: sl_Send = %ld, sl_Recv = %ld, expected both < 0", s, r);
    }
    if ((s != code && s != SL_ERROR_BSD_ENOTCONN) || (r != code && r != SL_ERROR_BSD_ENOTCONN)) {
        fail_with(o, "dead socket: sl_Send = %ld, sl_Recv = %ld, expected %ld or %ld (sock.md)", s,
                  r, code, (long)SL_ERROR_BSD_ENOTCONN);
    }
}

static void check_close(_i16 sd, struct outcome *o)
{
    long c = sl_Close(sd);
    state_add(o->state, sizeof(o->state), ", close %ld", c);
    EXPECT_SL(o, c, 0);
}

static bool has_warn(const struct slsim_trust_result *res, long code)
{
    for (size_t i = 0; i < res->n; i++) {
        if (res->findings[i].status == SLSIM_FINDING_WARN && res->findings[i].code == code) {
            return true;
        }
    }
    return false;
}

/* The findings of the last connect: the expected check is the deciding one, with a reason and
 * a fix. */
static void check_findings(const struct scenario *sc, _i16 sd, struct mx_dev *d, struct outcome *o)
{
    if (sc->finding == 0) {
        return;
    }
    struct slsim_trust_result *res = calloc(1, sizeof(*res));
    if (res == NULL) {
        fail_with(o, "out of memory");
        return;
    }
    slsim_device_lock(d->dev);
    int32_t ret = slsim_sock_last_findings(slsim_device_socks(d->dev), sd, res);
    slsim_device_unlock(d->dev);
    enum slsim_trust_check want_check = (enum slsim_trust_check)(sc->finding - 1);
    const struct slsim_finding *hit = NULL;
    for (size_t i = 0; i < res->n && hit == NULL; i++) {
        const struct slsim_finding *f = &res->findings[i];
        if (sc->finding_status == SLSIM_FINDING_FAIL && f->status == SLSIM_FINDING_FAIL) {
            hit = f; /* the first FAIL decides */
        } else if (sc->finding_status == SLSIM_FINDING_WARN && f->status == SLSIM_FINDING_WARN &&
                   f->code == sc->want) {
            hit = f;
        }
    }
    if (ret != 0) {
        fail_with(o, "slsim_sock_last_findings = %ld", (long)ret);
    } else if (res->code != o->got) {
        fail_with(o, "findings code %ld, sl_Connect %ld", (long)res->code, o->got);
    } else if (hit == NULL) {
        fail_with(o, "no %s finding with code %ld", slsim_trust_status_name(sc->finding_status),
                  sc->want);
    } else if (hit->check != want_check || hit->code != sc->want) {
        fail_with(o, "deciding finding is %s %ld, expected %s %ld",
                  slsim_trust_check_name(hit->check), (long)hit->code,
                  slsim_trust_check_name(want_check), sc->want);
    } else if (hit->reason[0] == '\0' || hit->fix[0] == '\0') {
        fail_with(o, "finding %s has an empty reason or fix", slsim_trust_check_name(hit->check));
    } else if (sc->also_warn != 0 && !has_warn(res, sc->also_warn)) {
        fail_with(o, "no WARN finding %ld besides the deciding one", sc->also_warn);
    } else {
        state_add(o->extra, sizeof(o->extra), "; finding %s %s: \"%.60s%s\"",
                  slsim_trust_check_name(hit->check), slsim_trust_status_name(hit->status),
                  hit->reason, strlen(hit->reason) > 60 ? "..." : "");
    }
    free(res);
}

/* Exactly the WRONG_ROOT_CA event when the scenario expects it, no event otherwise. */
static void check_events(const struct scenario *sc, _i16 sd, struct outcome *o)
{
    /* Socket events arrive on the device's event thread (docs/wlan.md "Events"). */
    (void)slsim_emu_events_flush(slsim_emu_current(), 2000);
    (void)pthread_mutex_lock(&ev_lock);
    unsigned n = ev_count;
    SlSockEvent_t ev = ev_seen[0];
    (void)pthread_mutex_unlock(&ev_lock);
    if (sc->event_issuer == NULL) {
        if (n != 0) {
            fail_with(o, "%u unexpected socket event(s), first type %u", n,
                      (unsigned)ev.SocketAsyncEvent.SockAsyncData.Type);
        }
        return;
    }
    const SlSocketAsyncEvent_t *a = &ev.SocketAsyncEvent.SockAsyncData;
    char extra[sizeof(a->pExtraInfo) + 1];
    memcpy(extra, a->pExtraInfo, sizeof(a->pExtraInfo));
    extra[sizeof(a->pExtraInfo)] = '\0';
    if (n != 1 || ev.Event != SL_SOCKET_ASYNC_EVENT ||
        a->Type != SL_SSL_NOTIFICATION_WRONG_ROOT_CA || a->Sd != (_u8)sd ||
        a->Val != SL_ERROR_BSD_ESEC_ASN_NO_SIGNER_E) {
        fail_with(o,
                  "expected one WRONG_ROOT_CA event for sd %d, got %u (event %lu type %u sd %u "
                  "val %d)",
                  sd, n, (unsigned long)ev.Event, (unsigned)a->Type, (unsigned)a->Sd, (int)a->Val);
    } else if (strstr(extra, sc->event_issuer) == NULL) {
        fail_with(o, "WRONG_ROOT_CA pExtraInfo '%s' does not name '%s'", extra, sc->event_issuer);
    } else {
        state_add(o->extra, sizeof(o->extra), "; event WRONG_ROOT_CA \"%.70s\"", extra);
    }
}

static void check_server_log(const struct scenario *sc, struct outcome *o)
{
    if (sc->srv_log_expect == NULL) {
        return;
    }
    /* s_server writes its verdict right after the handshake: give it a moment. */
    if (!mx_wait_for_text(servers[0].log, sc->srv_log_expect, 2000)) {
        fail_with(o, "s_server log %s lacks '%s'", servers[0].log, sc->srv_log_expect);
    }
}

/* ---- the standard body and the special ones ------------------------------------------------ */

static void standard(const struct scenario *sc, struct outcome *o)
{
    if (!start_server(sc, o) || !make_device(0, sc, sc->profile ? sc->profile : "cc3220s", o)) {
        return;
    }
    _i16 sd = secure_socket(sc, o);
    if (sd < 0) {
        return;
    }
    o->got = mx_connect(sd, port);
    EXPECT_SL(o, o->got, sc->want);
    if (sc->alert && (o->got > SL_ERROR_BSD_ESEC_CLOSE_NOTIFY ||
                      o->got < SL_ERROR_BSD_ESEC_BAD_CERTIFICATE_HASH_VALUE)) {
        fail_with(o, "%ld is not a TLS alert code (-300..-414)", o->got);
    }
    check_findings(sc, sd, &devs[0], o);
    if (sc->connected) {
        check_connected(sd, o);
    } else {
        check_dead(sd, o->got, o);
    }
    check_events(sc, sd, o);
    check_close(sd, o);
    check_server_log(sc, o);
    if (sc->no_io) {
        mx_sleep_ms(60); /* the server thread accepts within 20 ms */
        unsigned n = mx_tcp_server_accepted(tcp_server);
        state_add(o->extra, sizeof(o->extra), "; server saw %u connection(s)", n);
        if (n != 0) {
            fail_with(o, "the server saw %u connection(s), expected none (refused before I/O)", n);
        }
    }
}

static void special_stall(const struct scenario *sc, struct outcome *o)
{
    int64_t t0 = mx_now_ms();
    standard(sc, o);
    int64_t took = mx_now_ms() - t0;
    state_add(o->extra, sizeof(o->extra), "; took %lld ms with a 1 s timeout", (long long)took);
    if (mx_tcp_server_accepted(tcp_server) != 1) {
        fail_with(o, "the stalling server accepted %u connections, expected 1",
                  mx_tcp_server_accepted(tcp_server));
    }
    if (took < 900 || took > 6000) {
        fail_with(o, "the handshake timeout took %lld ms (1 s set)", (long long)took);
    }
}

/* Seven s_servers; six TLS sockets connected on a cc3220s, the seventh fails with -460; after
 * closing one a new socket connects again; on a cc3235s all seven connect. */
static void special_seventh(const struct scenario *sc, struct outcome *o)
{
    for (size_t i = 0; i < SECURE_SOCKETS; i++) {
        if (!start_ssl_server(i, sc, o)) {
            return;
        }
    }
    if (!make_device(0, sc, "cc3220s", o)) {
        return;
    }
    _i16 sd[SECURE_SOCKETS];
    for (size_t i = 0; i < 6; i++) {
        sd[i] = secure_socket(sc, o);
        EXPECT_SL(o, mx_connect(sd[i], servers[i].port), 0);
    }
    sd[6] = secure_socket(sc, o);
    port = servers[6].port;
    o->got = mx_connect(sd[6], port);
    EXPECT_SL(o, o->got, sc->want);
    check_dead(sd[6], o->got, o);
    check_close(sd[6], o);
    char why[200] = "";
    if (mx_echo(sd[0], why, sizeof(why))) { /* the six are untouched */
        state_add(o->extra, sizeof(o->extra), "; the first six stay up (echo ok)");
    } else {
        fail_with(o, "first socket after the -460: %s", why);
    }
    EXPECT_SL(o, sl_Close(sd[5]), 0);
    _i16 again = secure_socket(sc, o);
    long r = mx_connect(again, servers[5].port); /* s_server 5 accepts again after the close */
    EXPECT_SL(o, r, 0);
    state_add(o->extra, sizeof(o->extra), "; after closing one: %ld", r);
    for (size_t i = 0; i < 5; i++) {
        EXPECT_SL(o, sl_Close(sd[i]), 0);
    }
    EXPECT_SL(o, sl_Close(again), 0);
    mx_dev_free(&devs[0]);

    if (!make_device(1, sc, "cc3235s", o)) {
        return;
    }
    for (size_t i = 0; i < SECURE_SOCKETS; i++) {
        sd[i] = secure_socket(sc, o);
        r = mx_connect(sd[i], servers[i].port);
        EXPECT_SL(o, r, 0);
    }
    state_add(o->extra, sizeof(o->extra), "; cc3235s 7th = %ld", r);
    if (mx_echo(sd[6], why, sizeof(why))) {
        state_add(o->extra, sizeof(o->extra), " connected, echo ok");
    } else {
        fail_with(o, "cc3235s 7th socket: %s", why);
    }
    for (size_t i = 0; i < SECURE_SOCKETS; i++) {
        EXPECT_SL(o, sl_Close(sd[i]), 0);
    }
}

/* Non-blocking: -114 until done (at least once: the server's answers are held back for a while
 * and slsim's connect step never waits), the final code exactly once, then EISCONN. Without the
 * delay a slow client (valgrind) can finish the whole handshake inside the first call, which is
 * legitimate (TI: -114 only "if the handshake is still running"). */
static void special_nonblocking(const struct scenario *sc, struct outcome *o)
{
    if (!start_server(sc, o) || !make_device(0, sc, "cc3220s", o)) {
        return;
    }
    _i16 sd = secure_socket(sc, o);
    if (sd < 0) {
        return;
    }
    set_nonblocking(sd, o);
    unsigned pending = 0;
    int64_t end = mx_now_ms() + 10000;
    long r = mx_connect(sd, port);
    while (r == SL_ERROR_BSD_EALREADY && mx_now_ms() < end) {
        pending++;
        mx_sleep_ms(2);
        r = mx_connect(sd, port);
    }
    o->got = r;
    EXPECT_SL(o, o->got, sc->want);
    if (pending == 0) {
        fail_with(o, "sl_Connect never returned -114 (EALREADY) on a non-blocking socket");
    }
    long after1 = mx_connect(sd, port);
    long after2 = mx_connect(sd, port);
    EXPECT_SL(o, after1, SL_ERROR_BSD_EISCONN);
    EXPECT_SL(o, after2, SL_ERROR_BSD_EISCONN);
    state_add(o->extra, sizeof(o->extra), "; -114 x%u, then %ld once, then %ld, %ld", pending, r,
              after1, after2);
    char why[200] = "";
    if (mx_echo(sd, why, sizeof(why))) {
        state_add(o->state, sizeof(o->state), "connected, echo ok (non-blocking)");
    } else {
        state_add(o->state, sizeof(o->state), "echo FAILED");
        fail_with(o, "%s", why);
    }
    check_events(sc, sd, o);
    check_close(sd, o);
}

static int select_one(_i16 sd, bool rd, long ms)
{
    SlFdSet_t set;
    SL_SOCKET_FD_ZERO(&set);
    SL_SOCKET_FD_SET(sd, &set);
    SlTimeval_t tv = { (SlTime_t)(ms / 1000), (SlSuseconds_t)((ms % 1000) * 1000) };
    int n = sl_Select((_i16)(sd + 1), rd ? &set : NULL, rd ? NULL : &set, NULL, &tv);
    if (n > 0 && !SL_SOCKET_FD_ISSET(sd, &set)) {
        return -1000; /* counted but not reported */
    }
    return n;
}

/* sl_Select: writesds reports the connect completion, readsds data once the server sent. */
static void special_select(const struct scenario *sc, struct outcome *o)
{
    if (!start_server(sc, o) || !make_device(0, sc, "cc3220s", o)) {
        return;
    }
    _i16 sd = secure_socket(sc, o);
    if (sd < 0) {
        return;
    }
    set_nonblocking(sd, o);
    EXPECT_SL(o, mx_connect(sd, port), SL_ERROR_BSD_EALREADY);
    int w = 0;
    int rounds = 0;
    for (int64_t end = mx_now_ms() + 10000; w == 0 && mx_now_ms() < end; rounds++) {
        w = select_one(sd, false, 500);
    }
    EXPECT_SL(o, w, 1);
    o->got = mx_connect(sd, port); /* the final code, once */
    EXPECT_SL(o, o->got, sc->want);
    EXPECT_SL(o, mx_connect(sd, port), SL_ERROR_BSD_EISCONN);
    int before = select_one(sd, true, 100); /* the server has sent nothing yet */
    EXPECT_SL(o, before, 0);
    static const char line[] = "select me\n";
    EXPECT_SL(o, sl_Send(sd, line, (_i16)(sizeof(line) - 1), 0), sizeof(line) - 1);
    int r = select_one(sd, true, 5000);
    EXPECT_SL(o, r, 1);
    char got[32] = { 0 };
    size_t have = 0;
    for (int64_t end = mx_now_ms() + 5000; have < sizeof(line) - 1 && mx_now_ms() < end;) {
        long n = sl_Recv(sd, got + have, (_i16)(sizeof(line) - 1 - have), 0);
        if (n > 0) {
            have += (size_t)n;
        } else if (n == SL_ERROR_BSD_EAGAIN) {
            (void)select_one(sd, true, 200);
        } else {
            fail_with(o, "sl_Recv = %ld", n);
            break;
        }
    }
    if (have != sizeof(line) - 1 || memcmp(got, "em tceles\n", have) != 0) {
        fail_with(o, "select echo '%s'", got);
    } else {
        state_add(o->state, sizeof(o->state), "connected, echo ok");
    }
    state_add(o->extra, sizeof(o->extra),
              "; writesds = %d after %d select(s), readsds = %d before data, %d after", w, rounds,
              before, r);
    check_events(sc, sd, o);
    check_close(sd, o);
}

/* -461 with the power-on clock, sl_DeviceSet of the current UTC date, then 0 on a new socket. */
static void special_clock_set(const struct scenario *sc, struct outcome *o)
{
    if (!start_server(sc, o) || !make_device(0, sc, "cc3220s", o)) {
        return;
    }
    _i16 sd = secure_socket(sc, o);
    if (sd < 0) {
        return;
    }
    o->got = mx_connect(sd, port);
    EXPECT_SL(o, o->got, sc->want);
    check_findings(sc, sd, &devs[0], o);
    check_connected(sd, o);
    check_close(sd, o);

    time_t now = time(NULL);
    struct tm tm;
    (void)gmtime_r(&now, &tm);
    SlDateTime_t dt;
    memset(&dt, 0, sizeof(dt));
    dt.tm_sec = (_u32)tm.tm_sec;
    dt.tm_min = (_u32)tm.tm_min;
    dt.tm_hour = (_u32)tm.tm_hour;
    dt.tm_day = (_u32)tm.tm_mday;
    dt.tm_mon = (_u32)tm.tm_mon + 1;
    dt.tm_year = (_u32)tm.tm_year + 1900;
    long set = sl_DeviceSet(SL_DEVICE_GENERAL, SL_DEVICE_GENERAL_DATE_TIME, sizeof(SlDateTime_t),
                            (_u8 *)&dt);
    EXPECT_SL(o, set, 0);

    _i16 sd2 = secure_socket(sc, o);
    if (sd2 < 0) {
        return;
    }
    long again = mx_connect(sd2, port);
    EXPECT_SL(o, again, 0);
    state_add(o->extra, sizeof(o->extra),
              "; sl_DeviceSet(DATE_TIME %04u-%02u-%02u) = %ld, new socket: %ld",
              (unsigned)dt.tm_year, (unsigned)dt.tm_mon, (unsigned)dt.tm_day, set, again);
    char why[200] = "";
    if (again == 0 && mx_echo(sd2, why, sizeof(why))) {
        state_add(o->extra, sizeof(o->extra), " connected, echo ok");
    } else if (again == 0) {
        fail_with(o, "after the date was set: %s", why);
    }
    check_close(sd2, o);
}

/* ---- the PKI ------------------------------------------------------------------------------- */

static bool cli(const char *what, const char *const *argv)
{
    int rc = mx_run(argv, "logs/pki.log", 30000);
    if (rc != 0) {
        (void)fprintf(stderr, "matrix: %s failed (exit %d), see logs/pki.log\n", what, rc);
        return false;
    }
    return true;
}

static bool issue(const char *name,
                  const char *ca,
                  const char *cn,
                  const char *dns,
                  const char *not_before,
                  const char *not_after)
{
    const char *argv[24] = { slsim_cli, "pki",    "issue", "pki",        "--ca",    ca,     "--cn",
                             cn,        "--name", name,    "--key-type", "ec-p256", "--pem" };
    size_t n = 13;
    if (dns != NULL) {
        argv[n++] = "--dns";
        argv[n++] = dns;
    }
    if (not_before != NULL) {
        argv[n++] = "--not-before";
        argv[n++] = not_before;
        argv[n++] = "--not-after";
        argv[n++] = not_after;
    }
    argv[n] = NULL;
    return cli(name, argv);
}

static bool to_pem(const char *der, const char *pem)
{
    const char *argv[] = { openssl_path, "x509", "-inform", "DER", "-in", der, "-out", pem, NULL };
    return cli(pem, argv);
}

static bool concat(const char *out, const char *a, const char *b)
{
    size_t la = 0;
    size_t lb = 0;
    char *x = mx_read_file(a, &la);
    char *y = mx_read_file(b, &lb);
    bool ok = x != NULL && y != NULL;
    char *both = ok ? malloc(la + lb) : NULL;
    if (both != NULL) {
        memcpy(both, x, la);
        memcpy(both + la, y, lb);
        ok = mx_write_file(out, both, la + lb);
    } else {
        ok = false;
    }
    free(both);
    free(x);
    free(y);
    return ok;
}

/* junk.pem: the root's PEM with a line of junk in the middle of its base64 block. */
static bool make_junk_pem(void)
{
    size_t len = 0;
    char *pem = mx_read_file("pki/R.pem", &len);
    if (pem == NULL) {
        return false;
    }
    char *mid = pem + len / 2;
    char *nl = strchr(mid, '\n');
    bool ok = nl != NULL;
    if (ok) {
        static const char junk[] = "!! this line is not base64 !!\n";
        size_t head = (size_t)(nl + 1 - pem);
        char *out = malloc(len + sizeof(junk));
        ok = out != NULL;
        if (ok) {
            memcpy(out, pem, head);
            memcpy(out + head, junk, sizeof(junk) - 1);
            memcpy(out + head + sizeof(junk) - 1, pem + head, len - head);
            ok = mx_write_file("junk.pem", out, len + sizeof(junk) - 1);
            free(out);
        }
    }
    free(pem);
    return ok;
}

static bool make_pki(void)
{
    char nb_past[32];
    char na_past[32];
    char nb_future[32];
    char na_future[32];
    long long now = (long long)time(NULL);
    (void)snprintf(nb_past, sizeof(nb_past), "%lld", now - 30 * 86400LL);
    (void)snprintf(na_past, sizeof(na_past), "%lld", now - 86400LL);
    (void)snprintf(nb_future, sizeof(nb_future), "%lld", now + 10 * 86400LL);
    (void)snprintf(na_future, sizeof(na_future), "%lld", now + 40 * 86400LL);
    const char *pg[] = { slsim_cli, "pki", "playground", "pki", NULL };
    const char *built[] = { slsim_cli,     "catalog",    "build",
                            CATALOG_BUILT, "--from-pem", "pki/private-root.pem",
                            "--from-pem",  "pki/R.pem",  NULL };
    const char *revoking[] = { slsim_cli,       "catalog",    "build",
                               CATALOG_REVOKES, "--from-pem", "pki/R.pem",
                               "--revoke",      "pki/T.pem",  NULL };
    /* `slsim pki issue --ca NONE` makes a root CA (keyUsage keyCertSign, cRLSign only), which
     * s_server cannot sign a handshake with ("no shared cipher"); a self-signed server
     * certificate as people make them comes from `openssl req -x509` (no keyUsage). */
    const char *self_signed[] = { openssl_path,
                                  "req",
                                  "-x509",
                                  "-newkey",
                                  "ec",
                                  "-pkeyopt",
                                  "ec_paramgen_curve:P-256",
                                  "-nodes",
                                  "-keyout",
                                  "pki/self-key.pem",
                                  "-out",
                                  "pki/self.pem",
                                  "-subj",
                                  "/CN=localhost",
                                  "-addext",
                                  "subjectAltName=DNS:localhost",
                                  "-days",
                                  "30",
                                  NULL };
    static const char garbage[] = "this is not a certificate, neither DER nor PEM\n\x01\x02\x03";
    return cli("pki playground", pg) && to_pem("pki/dummy-root-ca-cert", "pki/R.pem") &&
           to_pem("pki/dummy-trusted-ca-cert", "pki/T.pem") &&
           to_pem("pki/dummy-revoked-ca-cert", "pki/V.pem") &&
           issue("good", "dummy-trusted-ca-cert", "localhost", "localhost", NULL, NULL) &&
           issue("expired", "dummy-trusted-ca-cert", "localhost", "localhost", nb_past, na_past) &&
           issue("future", "dummy-trusted-ca-cert", "localhost", "localhost", nb_future,
                 na_future) &&
           issue("otherhost", "dummy-trusted-ca-cert", "other.example", "other.example", NULL,
                 NULL) &&
           cli("self-signed server certificate", self_signed) &&
           issue("private-root", "NONE", "Matrix Private Root", NULL, NULL, NULL) &&
           issue("private", "private-root", "localhost", "localhost", NULL, NULL) &&
           issue("private-expired", "private-root", "localhost", "localhost", nb_past, na_past) &&
           issue("other-root", "NONE", "Matrix Other Root", NULL, NULL, NULL) &&
           issue("revoked", "dummy-revoked-ca-cert", "localhost", "localhost", NULL, NULL) &&
           issue("client", "dummy-root-ca-cert", "matrix client", NULL, NULL, NULL) &&
           issue("rogue", "private-root", "matrix rogue client", NULL, NULL, NULL) &&
           cli("catalog build (built)", built) && cli("catalog build (revoking)", revoking) &&
           mx_write_file("garbage.bin", garbage, sizeof(garbage) - 1) && make_junk_pem() &&
           concat("multi.pem", "pki/other-root.pem", "pki/R.pem");
}

/* ---- main ------------------------------------------------------------------------------------ */

static bool selected(const char *filter, int id)
{
    if (filter == NULL) {
        return true;
    }
    const char *p = filter;
    while (*p != '\0') {
        char *end = NULL;
        long v = strtol(p, &end, 10);
        if (end == p) {
            return false;
        }
        if (v == id) {
            return true;
        }
        p = *end == ',' ? end + 1 : end;
    }
    return false;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        (void)fprintf(stderr, "usage: %s SLSIM [ID,ID,...]\n", argv[0]);
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!mx_which("openssl", openssl_path, sizeof(openssl_path))) {
        (void)printf("matrix: openssl not found: skipped\n");
        return 77;
    }
    char cli_abs[MX_PATH] = "";
    char cwd[MX_PATH - 32];
    if (argv[1][0] == '/') {
        (void)snprintf(cli_abs, sizeof(cli_abs), "%s", argv[1]);
    } else if (getcwd(cwd, sizeof(cwd)) != NULL) {
        (void)snprintf(cli_abs, sizeof(cli_abs), "%s/%s", cwd, argv[1]);
    }
    if (access(cli_abs, X_OK) != 0) {
        (void)fprintf(stderr, "matrix: cannot run %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    slsim_cli = cli_abs;
    const char *filter = argc == 3 ? argv[2] : NULL;
    const char *wd_env = getenv("MATRIX_WATCHDOG");
    mx_safety_net(wd_env != NULL ? (unsigned)atoi(wd_env) : WATCHDOG_S);

    char work[MX_PATH];
    const char *tmp = getenv("TMPDIR");
    (void)snprintf(work, sizeof(work), "%s/slsim-matrix-XXXXXX", tmp != NULL ? tmp : "/tmp");
    if (mkdtemp(work) == NULL || chdir(work) != 0 || mkdir("logs", 0700) != 0) {
        (void)fprintf(stderr, "matrix: cannot make a work directory: %s\n", strerror(errno));
        return 1;
    }
    int64_t t0 = mx_now_ms();
    if (!make_pki()) {
        (void)printf("matrix: PKI setup failed (work directory %s kept)\n", work);
        return 1;
    }
    (void)printf("matrix: PKI made with %s in %lld ms (%s)\n", slsim_cli,
                 (long long)(mx_now_ms() - t0), work);

    unsigned passed = 0;
    unsigned failed = 0;
    for (size_t i = 0; i < NSCENARIOS; i++) {
        const struct scenario *sc = &scenarios[i];
        if (!selected(filter, sc->id)) {
            continue;
        }
        struct outcome o;
        memset(&o, 0, sizeof(o));
        o.got = 1; /* "not reached" */
        events_reset();
        int64_t s0 = mx_now_ms();
        (sc->special != NULL ? sc->special : standard)(sc, &o);
        release_all();
        int64_t ms = mx_now_ms() - s0;
        if (o.got == 1) {
            (void)printf("scenario %d %s: not reached (expected %ld) -- FAILED: %s\n", sc->id,
                         sc->name, sc->want, o.why);
        } else {
            (void)printf("scenario %d %s: sl_Connect = %ld (expected %ld) %s%s [%lld ms]%s%s\n",
                         sc->id, sc->name, o.got, sc->want, o.state, o.extra, (long long)ms,
                         o.failed ? " -- FAILED: " : "", o.failed ? o.why : "");
        }
        if (o.failed) {
            failed++;
        } else {
            passed++;
        }
    }
    (void)printf("matrix: %u passed, %u failed (%lld ms)\n", passed, failed,
                 (long long)(mx_now_ms() - t0));
    mx_kill_all();
    if (failed == 0) {
        if (chdir("/") == 0) {
            mx_rmtree(work);
        }
    } else {
        (void)printf("matrix: work directory kept: %s\n", work);
    }
    return failed == 0 ? 0 : 1;
}
