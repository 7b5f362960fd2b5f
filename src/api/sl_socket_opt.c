/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sl_socket_opt.c
 * @brief TI facade of socket options: sl_SetSockOpt and sl_GetSockOpt (reference §2.2, §3).
 *
 * The option table below is the driver's view: level, the exact value size of each typed
 * option (a wrong size is SL_ERROR_BSD_EINVAL), text options of 1..255 bytes (optlen travels
 * as 8 bits), and which options can be read back. Semantic checks (secure options on UDP,
 * after connect, on a listener) are the engine's (src/sock/sock_secure.c); the choices where
 * TI documents nothing are listed in docs/compat-deviations.md "Sockets".
 */
#include "api/api_sock.h"

#include <string.h>
#include <time.h>

#include <ti/drivers/net/wifi/simplelink.h>

#include "core/banned.h"

#define OPT_TEXT   0u   /* text option: 1..255 bytes */
#define OPT_MAXLEN 255u /* sl_SetSockOpt sends optlen as 8 bits (§2.4) */

/* The value of a get: the bytes and how many there are. */
struct optval {
    uint8_t b[sizeof(SlSockSSLConnectionParams_t) + 256];
    size_t len;
};

typedef int32_t (*opt_set_fn)(
    struct slsim_sock_table *t, int sd, int name, const void *v, size_t len);
typedef int32_t (*opt_get_fn)(struct slsim_sock_table *t, int sd, int name, struct optval *o);

static uint32_t u32_of(const void *v)
{
    uint32_t x;
    memcpy(&x, v, sizeof(x));
    return x;
}

static void put(struct optval *o, const void *v, size_t len)
{
    memcpy(o->b, v, len);
    o->len = len;
}

/* ---- setters ----------------------------------------------------------------------------------
 */

static int32_t
set_nonblocking(struct slsim_sock_table *t, int sd, int name, const void *v, size_t len)
{
    (void)name;
    (void)len;
    return slsim_sock_set_nonblocking(t, sd, u32_of(v) != 0); /* SlSockNonblocking_t */
}

static int32_t set_rcvtimeo(struct slsim_sock_table *t, int sd, int name, const void *v, size_t len)
{
    (void)name;
    (void)len;
    SlTimeval_t tv;
    memcpy(&tv, v, sizeof(tv));
    if (tv.tv_sec < 0 || tv.tv_usec < 0) {
        return SL_ERROR_BSD_EINVAL;
    }
    int64_t ms = (int64_t)tv.tv_sec * 1000 + (tv.tv_usec + 999) / 1000;
    return slsim_sock_set_rcvtimeo(t, sd, ms > 0xFFFFFFFF ? 0xFFFFFFFFu : (uint32_t)ms);
}

static int32_t
set_keepalive(struct slsim_sock_table *t, int sd, int name, const void *v, size_t len)
{
    (void)len;
    bool on = false;
    uint32_t secs = 0;
    int32_t ret = slsim_sock_get_keepalive(t, sd, &on, &secs);
    if (ret != 0) {
        return ret;
    }
    if (name == SL_SO_KEEPALIVE) {
        on = u32_of(v) != 0; /* SlSockKeepalive_t */
    } else {
        secs = u32_of(v); /* SL_SO_KEEPALIVETIME, seconds */
        if (secs == 0) {
            return SL_ERROR_BSD_EINVAL;
        }
    }
    return slsim_sock_set_keepalive(t, sd, on, secs);
}

static int32_t set_secure(struct slsim_sock_table *t, int sd, int name, const void *v, size_t len)
{
    switch (name) {
    case SL_SO_SECMETHOD:
        return slsim_sock_set_secmethod(t, sd, *(const uint8_t *)v);
    case SL_SO_SECURE_MASK:
        return slsim_sock_set_mask(t, sd, u32_of(v));
    case SL_SO_SECURE_DISABLE_CERTIFICATE_STORE:
        return slsim_sock_set_store_disabled(t, sd, u32_of(v) != 0);
    case SL_SO_SECURE_ALPN:
        return slsim_sock_set_alpn(t, sd, u32_of(v));
    case SL_SO_SECURE_DOMAIN_NAME_VERIFICATION:
        return slsim_sock_set_domain(t, sd, v, len);
    case SL_SO_SECURE_ALPN_GENERAL:
        return slsim_sock_set_alpn_general(t, sd, v, len);
    case SL_SO_SECURE_FILES_PRIVATE_KEY_FILE_NAME:
        return slsim_sock_set_file(t, sd, SLSIM_SOCK_FILE_KEY, v, len);
    case SL_SO_SECURE_FILES_CERTIFICATE_FILE_NAME:
        return slsim_sock_set_file(t, sd, SLSIM_SOCK_FILE_CERT, v, len);
    case SL_SO_SECURE_FILES_CA_FILE_NAME:
        return slsim_sock_set_file(t, sd, SLSIM_SOCK_FILE_CA, v, len);
    default: /* SL_SO_SECURE_FILES_PEER_CERT_OR_DH_KEY_FILE_NAME */
        return slsim_sock_set_file(t, sd, SLSIM_SOCK_FILE_PEER, v, len);
    }
}

/* ---- getters ----------------------------------------------------------------------------------
 */

static int32_t get_plain(struct slsim_sock_table *t, int sd, int name, struct optval *o)
{
    bool on = false;
    uint32_t v = 0;
    int32_t ret = 0;
    if (name == SL_SO_NONBLOCKING) {
        ret = slsim_sock_get_nonblocking(t, sd, &on);
        SlSockNonblocking_t nb = { .NonBlockingEnabled = on ? 1u : 0u };
        put(o, &nb, sizeof(nb));
    } else if (name == SL_SO_RCVTIMEO) {
        ret = slsim_sock_get_rcvtimeo(t, sd, &v);
        SlTimeval_t tv = { .tv_sec = (SlTime_t)(v / 1000u),
                           .tv_usec = (SlSuseconds_t)((v % 1000u) * 1000u) };
        put(o, &tv, sizeof(tv));
    } else {
        ret = slsim_sock_get_keepalive(t, sd, &on, &v);
        uint32_t x = name == SL_SO_KEEPALIVE ? (on ? 1u : 0u) : v;
        put(o, &x, sizeof(x));
    }
    return ret;
}

/* "YYYYMMDD" (8 bytes, no NUL): slsim's reading of the 8-byte date fields (S9). */
static void date8(_i8 *out, int64_t t)
{
    struct tm tm;
    time_t tt = (time_t)t;
    char buf[16];
    memset(out, 0, 8);
    if (t != 0 && gmtime_r(&tt, &tm) != NULL && strftime(buf, sizeof(buf), "%Y%m%d", &tm) == 8) {
        memcpy(out, buf, 8);
    }
}

static void name16(_i8 *out, _i8 *len, const char *name)
{
    size_t n = strnlen(name, SL_MAX_ISSUER_AND_SUBJECT_NAME_LEN);
    memset(out, 0, SL_MAX_ISSUER_AND_SUBJECT_NAME_LEN);
    memcpy(out, name, n);
    *len = (_i8)n;
}

static int32_t get_params(struct slsim_sock_table *t, int sd, int name, struct optval *o)
{
    struct slsim_sock_conn_params p;
    memset(&p, 0, sizeof(p));
    int32_t ret = slsim_sock_conn_params(t, sd, &p);
    if (name == SL_SO_SECURE_ALPN_GENERAL) {
        /* Not connected or nothing chosen: length 0 (§3.1). */
        put(o, p.alpn_general, ret == 0 ? strnlen(p.alpn_general, sizeof(p.alpn_general)) : 0);
        return 0;
    }
    if (ret != 0) {
        return ret;
    }
    SlSockSSLConnectionParams_t c;
    memset(&c, 0, sizeof(c));
    c.SecureVersion = p.version;
    c.SecureCipherSuit = p.suite_bit;
    c.SecureIsPeerValidated = p.peer_verified ? 1u : 0u;
    c.SecureALPNChosenProtocol = p.alpn_bit;
    SlSockSSLCertInfo_t *ci = &c.SecurePeerCertinfo;
    ci->SubjectNameXoredSha1 = p.subject_xsha1;
    ci->IssuerNameXoredSha1 = p.issuer_xsha1;
    date8(ci->FromDate, p.not_before);
    date8(ci->ToDate, p.not_after);
    name16(ci->SubjectName, &ci->SubjectNameLen, p.subject);
    name16(ci->IssuerName, &ci->IssuerNameLen, p.issuer);
    put(o, &c, sizeof(c));
    return 0;
}

static int32_t get_secure(struct slsim_sock_table *t, int sd, int name, struct optval *o)
{
    uint8_t method = 0;
    uint32_t mask = 0;
    uint32_t alpn = 0;
    int32_t ret = slsim_sock_get_secure(t, sd, &method, &mask, &alpn);
    if (name == SL_SO_SECMETHOD) {
        put(o, &method, sizeof(method));
    } else if (name == SL_SO_SECURE_MASK) {
        put(o, &mask, sizeof(mask));
    } else {
        /* After connect: the server's choice (one bit, or 0); before: the bits as set. */
        struct slsim_sock_conn_params p;
        if (slsim_sock_conn_params(t, sd, &p) == 0) {
            alpn = p.alpn_bit;
        }
        put(o, &alpn, sizeof(alpn));
    }
    return ret;
}

/* ---- the option table -------------------------------------------------------------------------
 */

static const struct opt {
    int name;
    size_t size; /**< exact value size, or OPT_TEXT */
    opt_set_fn set;
    opt_get_fn get;
} opts[] = {
    { SL_SO_KEEPALIVE, sizeof(SlSockKeepalive_t), set_keepalive, get_plain },
    { SL_SO_RCVTIMEO, sizeof(SlTimeval_t), set_rcvtimeo, get_plain },
    { SL_SO_NONBLOCKING, sizeof(SlSockNonblocking_t), set_nonblocking, get_plain },
    { SL_SO_SECMETHOD, sizeof(SlSockSecureMethod_t), set_secure, get_secure },
    { SL_SO_SECURE_MASK, sizeof(SlSockSecureMask_t), set_secure, get_secure },
    { SL_SO_SECURE_FILES_PRIVATE_KEY_FILE_NAME, OPT_TEXT, set_secure, NULL },
    { SL_SO_SECURE_FILES_CERTIFICATE_FILE_NAME, OPT_TEXT, set_secure, NULL },
    { SL_SO_SECURE_FILES_CA_FILE_NAME, OPT_TEXT, set_secure, NULL },
    { SL_SO_SECURE_FILES_PEER_CERT_OR_DH_KEY_FILE_NAME, OPT_TEXT, set_secure, NULL },
    { SL_SO_SSL_CONNECTION_PARAMS, sizeof(SlSockSSLConnectionParams_t), NULL, get_params },
    { SL_SO_KEEPALIVETIME, sizeof(_u32), set_keepalive, get_plain },
    { SL_SO_SECURE_DISABLE_CERTIFICATE_STORE, sizeof(_u32), set_secure, NULL },
    { SL_SO_SECURE_ALPN, sizeof(SlSockSecureALPN_t), set_secure, get_secure },
    { SL_SO_SECURE_DOMAIN_NAME_VERIFICATION, OPT_TEXT, set_secure, NULL },
    { SL_SO_SECURE_ALPN_GENERAL, OPT_TEXT, set_secure, get_params },
};

static const struct opt *find_opt(_i16 level, _i16 name)
{
    if (level != SL_SOL_SOCKET) {
        return NULL; /* IP and PHY levels: not emulated (compat-deviations S5) */
    }
    for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
        if (opts[i].name == name) {
            return &opts[i];
        }
    }
    return NULL;
}

static int32_t set_opt(struct slsim_sock_table *t,
                       _i16 sd,
                       _i16 level,
                       _i16 name,
                       const void *optval,
                       SlSocklen_t optlen)
{
    bool dummy = false;
    int32_t ret = slsim_sock_get_nonblocking(t, sd, &dummy); /* SL_ERROR_BSD_EBADF */
    if (ret != 0) {
        return ret;
    }
    const struct opt *o = find_opt(level, name);
    if (o == NULL || o->set == NULL) {
        return SL_ERROR_BSD_ENOPROTOOPT;
    }
    if (optval == NULL || optlen > OPT_MAXLEN || optlen == 0 ||
        (o->size != OPT_TEXT && optlen != o->size)) {
        return SL_ERROR_BSD_EINVAL;
    }
    return o->set(t, sd, name, optval, optlen);
}

_i16 sl_SetSockOpt(_i16 sd, _i16 level, _i16 optname, const void *optval, SlSocklen_t optlen)
{
    struct slsim_device *dev = NULL;
    int32_t ret = 0;
    struct slsim_sock_table *t = slsim_api_sock_enter(&dev, &ret);
    if (t == NULL) {
        return (_i16)ret;
    }
    ret = set_opt(t, sd, level, optname, optval, optlen);
    slsim_api_sock_leave(dev, t);
    return (_i16)ret;
}

static int32_t get_opt(
    struct slsim_sock_table *t, _i16 sd, _i16 level, _i16 name, void *optval, SlSocklen_t *optlen)
{
    bool dummy = false;
    int32_t ret = slsim_sock_get_nonblocking(t, sd, &dummy); /* SL_ERROR_BSD_EBADF */
    if (ret != 0) {
        return ret;
    }
    const struct opt *o = find_opt(level, name);
    if (o == NULL || o->get == NULL) {
        return SL_ERROR_BSD_ENOPROTOOPT;
    }
    if (optlen == NULL || optval == NULL) {
        return SL_ERROR_BSD_EINVAL;
    }
    if (*optlen == 0) {
        return SL_EZEROLEN;
    }
    struct optval v;
    memset(&v, 0, sizeof(v));
    ret = o->get(t, sd, name, &v);
    if (ret != 0) {
        return ret;
    }
    if (*optlen < v.len) {
        *optlen = (SlSocklen_t)v.len; /* the size needed (§2.4) */
        return SL_ESMALLBUF;
    }
    memcpy(optval, v.b, v.len);
    *optlen = (SlSocklen_t)v.len;
    return 0;
}

_i16 sl_GetSockOpt(_i16 sd, _i16 level, _i16 optname, void *optval, SlSocklen_t *optlen)
{
    struct slsim_device *dev = NULL;
    int32_t ret = 0;
    struct slsim_sock_table *t = slsim_api_sock_enter(&dev, &ret);
    if (t == NULL) {
        return (_i16)ret;
    }
    ret = get_opt(t, sd, level, optname, optval, optlen);
    slsim_api_sock_leave(dev, t);
    return (_i16)ret;
}
