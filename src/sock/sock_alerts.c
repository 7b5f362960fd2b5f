/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sock_alerts.c
 * @brief Plain-language reasons and fixes for handshake failures: TLS alert names (RFC 5246 /
 *        RFC 8446 numbers) and the local failure kinds of src/tls.
 */
#include "sock_int.h"

#include <stddef.h>

#include "core/banned.h"

struct alert_text {
    int alert;
    const char *name;
    const char *fix;
};

static const struct alert_text alerts[] = {
    { 10, "unexpected_message",
      "the server and the device disagree on the protocol: check that the port speaks TLS 1.0-1.2" },
    { 20, "bad_record_mac", "a record was corrupted in transit, or a middlebox rewrites traffic" },
    { 40, "handshake_failure",
      "no cipher suite or version in common, or the server requires a client certificate: check SL_SO_SECURE_MASK, SL_SO_SECMETHOD and SL_SO_SECURE_FILES_CERTIFICATE_FILE_NAME" },
    { 42, "bad_certificate",
      "the server rejected the device certificate: check the certificate and key file names and that the server trusts its issuer" },
    { 43, "unsupported_certificate",
      "the server cannot use the device certificate's key type: use RSA-2048 or P-256" },
    { 44, "certificate_revoked", "the server has revoked the device certificate: issue a new one" },
    { 45, "certificate_expired",
      "the device certificate has expired (or the server's clock is wrong): issue a new one" },
    { 46, "certificate_unknown",
      "the server could not verify the device certificate: check that it chains to a CA the server trusts" },
    { 47, "illegal_parameter",
      "the server rejected a handshake field: check SL_SO_SECURE_ALPN and the domain name option" },
    { 48, "unknown_ca",
      "the server does not trust the CA that issued the device certificate: register the CA (or the certificate) with the server" },
    { 49, "access_denied",
      "the server refused the device (policy): check its access rules for this certificate" },
    { 50, "decode_error", "the server could not parse a handshake message" },
    { 51, "decrypt_error",
      "a signature did not verify at the server: the private key file probably does not match the certificate" },
    { 70, "protocol_version",
      "no TLS version in common: allow the server's version with SL_SO_SECMETHOD (the NWP has no TLS 1.3)" },
    { 71, "insufficient_security",
      "the server wants stronger cipher suites: widen SL_SO_SECURE_MASK" },
    { 80, "internal_error", "the server failed internally: see its log" },
    { 90, "user_canceled", "the server cancelled the handshake" },
    { 109, "missing_extension",
      "the server requires a TLS extension the device did not send (SNI? set SL_SO_SECURE_DOMAIN_NAME_VERIFICATION)" },
    { 110, "unsupported_extension", "the server rejected an extension the device sent" },
    { 112, "unrecognized_name",
      "the server does not know the SNI name: set SL_SO_SECURE_DOMAIN_NAME_VERIFICATION to a name the server serves" },
    { 116, "certificate_required",
      "the server requires a client certificate: set SL_SO_SECURE_FILES_CERTIFICATE_FILE_NAME and ..._PRIVATE_KEY_FILE_NAME" },
    { 120, "no_application_protocol",
      "no ALPN protocol in common: check SL_SO_SECURE_ALPN / SL_SO_SECURE_ALPN_GENERAL" },
};

static const struct {
    enum slsim_tls_fatal why;
    const char *reason;
    const char *fix;
} fatals[] = {
    { SLSIM_TLS_FATAL_NO_SUITE, "no offered cipher suite is usable", "widen SL_SO_SECURE_MASK" },
    { SLSIM_TLS_FATAL_VERSION, "the server chose a TLS version outside SL_SO_SECMETHOD",
      "allow the server's version with SL_SO_SECMETHOD (the NWP has no TLS 1.3)" },
    { SLSIM_TLS_FATAL_EOF, "the server closed the TCP connection during the handshake",
      "check the server's log: it may reject the device before answering (e.g. SNI or client certificate policy)" },
    { SLSIM_TLS_FATAL_RESET, "the server reset the TCP connection during the handshake",
      "check that the port is a TLS port and the server accepts this device" },
    { SLSIM_TLS_FATAL_BAD_MESSAGE, "the server did not answer with TLS",
      "check the port: it may be a plain-text service" },
    { SLSIM_TLS_FATAL_BAD_MAC, "a TLS record failed its integrity check",
      "a middlebox may be rewriting traffic" },
    { SLSIM_TLS_FATAL_KEY, "the device's private key cannot be used",
      "check SL_SO_SECURE_FILES_PRIVATE_KEY_FILE_NAME" },
};

void slsim_sock_handshake_text(enum slsim_tls_result r,
                               int alert,
                               enum slsim_tls_fatal why,
                               const char **name,
                               const char **fix)
{
    *name = r == SLSIM_TLS_ALERT ? "the server sent a fatal alert" : "the TLS handshake failed";
    *fix = "check that the server is reachable and speaks TLS 1.0-1.2";
    if (r == SLSIM_TLS_ALERT) {
        for (size_t i = 0; i < sizeof(alerts) / sizeof(alerts[0]); i++) {
            if (alerts[i].alert == alert) {
                *name = alerts[i].name;
                *fix = alerts[i].fix;
                return;
            }
        }
        return;
    }
    for (size_t i = 0; i < sizeof(fatals) / sizeof(fatals[0]); i++) {
        if (fatals[i].why == why) {
            *name = fatals[i].reason;
            *fix = fatals[i].fix;
            return;
        }
    }
}
