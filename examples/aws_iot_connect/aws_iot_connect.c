/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file aws_iot_connect.c
 * @brief A device application in the style of TI's AWS IoT examples: look up the broker,
 *        open a secure socket, name the root CA, device certificate and private key files,
 *        sl_Connect to port 8883 and report the code.
 *
 * Firmware-style code on the TI API (simplelink.h) and TI's Display module (slsim_compat);
 * host_main.c starts it on Linux. A code of -468 (SL_ERROR_BSD_ESECUNKNOWNROOTCA) means the
 * connection is up but the server's root is not in the device's trusted-root catalog: on a
 * real device the usual cause is the development ("playground") catalog (see README.md).
 */
#include "aws_iot_connect.h"

#define AWS_IOT_MQTT_HOST            "a3joj5u9gv9t8f.iot.us-east-1.amazonaws.com"
#define AWS_IOT_MQTT_PORT            8883
#define AWS_IOT_ROOT_CA_FILENAME     "/cert/root-ca.crt"
#define AWS_IOT_CERTIFICATE_FILENAME "/cert/545acc1c00-certificate.crt"
#define AWS_IOT_PRIVATE_KEY_FILENAME "/cert/545acc1c00-private.key"

const char *awsIotHost = AWS_IOT_MQTT_HOST;
_u16 awsIotPort = AWS_IOT_MQTT_PORT;
_i16 awsIotStatus = -1;

/* The codes this application expects to meet, with what they mean here. */
static const struct {
    _i16 code;
    const char *text;
} knownCodes[] = {
    { 0, "connected, server verified" },
    { SL_ERROR_BSD_ESECUNKNOWNROOTCA, "connected, but the root CA is not in the catalog" },
    { SL_ERROR_BSD_ESECDATEERROR, "connected, but a certificate date is out of range" },
    { SL_ERROR_BSD_ESECSNOVERIFY, "connected, server not verified (no CA file)" },
    { SL_ERROR_BSD_ESECBADCAFILE, "the CA file cannot be parsed" },
    { SL_ERROR_BSD_ECONNREFUSED, "connection refused" },
};

static const char *codeText(_i16 code)
{
    for (unsigned i = 0; i < sizeof(knownCodes) / sizeof(knownCodes[0]); i++) {
        if (knownCodes[i].code == code) {
            return knownCodes[i].text;
        }
    }
    return "failed";
}

/* Sets one file-name option; the option's value is the name without its terminating NUL. */
static _i16 setFileOption(_i16 sd, _i16 option, const char *name)
{
    _i16 status = sl_SetSockOpt(sd, SL_SOL_SOCKET, option, name, (SlSocklen_t)strlen(name));
    if (status < 0) {
        Display_printf(AWSIOT_display, 0, 0, "sl_SetSockOpt(%s): %d", name, status);
    }
    return status;
}

static _i16 openSecureSocket(void)
{
    _u8 secMethod = SL_SO_SEC_METHOD_SSLv3_TLSV1_2;
    _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_SEC_SOCKET);
    if (sd < 0) {
        Display_printf(AWSIOT_display, 0, 0, "sl_Socket: %d", sd);
        return sd;
    }
    _i16 status = sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECMETHOD, &secMethod, sizeof(secMethod));
    if (status >= 0) {
        status = setFileOption(sd, SL_SO_SECURE_FILES_CA_FILE_NAME, AWS_IOT_ROOT_CA_FILENAME);
    }
    if (status >= 0) {
        status = setFileOption(sd, SL_SO_SECURE_FILES_CERTIFICATE_FILE_NAME,
                               AWS_IOT_CERTIFICATE_FILENAME);
    }
    if (status >= 0) {
        status = setFileOption(sd, SL_SO_SECURE_FILES_PRIVATE_KEY_FILE_NAME,
                               AWS_IOT_PRIVATE_KEY_FILENAME);
    }
    if (status < 0) {
        sl_Close(sd);
        return status;
    }
    return sd;
}

void *awsIotConnectThread(void *arg0)
{
    (void)arg0;
    _i8 host[256];
    _u32 destinationIp = 0;
    SlSockAddrIn_t addr;

    NetWiFi_init();

    _u16 len = 0;
    while (awsIotHost[len] != '\0' && len < sizeof(host) - 1) { /* the API takes _i8 * */
        host[len] = (_i8)awsIotHost[len];
        len++;
    }
    host[len] = 0;
    awsIotStatus = sl_NetAppDnsGetHostByName(host, len, &destinationIp, SL_AF_INET);
    if (awsIotStatus < 0) {
        Display_printf(AWSIOT_display, 0, 0, "DNS lookup of %s failed: %d", awsIotHost,
                       awsIotStatus);
        return NULL;
    }
    _i16 sd = openSecureSocket();
    if (sd < 0) {
        awsIotStatus = sd;
        return NULL;
    }
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = SL_AF_INET;
    addr.sin_port = sl_Htons(awsIotPort);
    addr.sin_addr.s_addr = sl_Htonl(destinationIp);

    awsIotStatus = sl_Connect(sd, (const SlSockAddr_t *)&addr, sizeof(addr));
    Display_printf(AWSIOT_display, 0, 0, "sl_Connect to %s:%u: %d (%s)", awsIotHost,
                   (unsigned)awsIotPort, awsIotStatus, codeText(awsIotStatus));
    if (awsIotStatus == SL_ERROR_BSD_ESECUNKNOWNROOTCA) {
        Display_printf(AWSIOT_display, 0, 0,
                       "the device's catalog does not list the server's root CA: install a "
                       "catalog that does (on a real device: not the playground catalog)");
    }
    sl_Close(sd);
    return NULL;
}
