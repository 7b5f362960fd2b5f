/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file seed_style_app.c
 * @brief The seed acceptance test's device application: the calls of the motivating case, in
 *        the same order (DNS lookup of the AWS IoT endpoint, secure socket, TLS method, CA /
 *        certificate / private-key file names, sl_Connect to 8883), then an MQTT CONNECT over
 *        the socket to show that a connected-with-warning socket is usable.
 *
 * Written for slsim (not taken from the seed). Usage: seed_style_app EXPECTED_CODE. Prints
 * "sl_Connect: <code>" and, when the socket is up, "CONNACK: <return code>"; exits 0 when
 * sl_Connect returned EXPECTED_CODE and, if connected, the broker accepted the CONNECT.
 * Run it with a device configuration (SLSIM_DEVICE, or `slsim run --device`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ti/drivers/net/wifi/simplelink.h>

#define IOT_HOST      "a3joj5u9gv9t8f.iot.us-east-1.amazonaws.com"
#define IOT_PORT      8883
#define IOT_ROOT_CA   "/cert/root-ca.crt"
#define IOT_CERT_FILE "/cert/545acc1c00-certificate.crt"
#define IOT_KEY_FILE  "/cert/545acc1c00-private.key"

/* MQTT 3.1.1 CONNECT, encoded by hand: fixed header (type 1, remaining length 18), protocol
 * name "MQTT", level 4, flags 0x02 (clean session), keep-alive 60 s, client id "seed01". */
static const _u8 mqtt_connect[20] = { 0x10, 18, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02,
                                      0x00, 60, 0x00, 0x06, 's', 'e', 'e', 'd', '0',  '1' };

/* The netwifi.c step of TI's examples: start the network processor. */
static int netwifi_start(void)
{
    _i16 role = sl_Start(NULL, NULL, NULL);
    if (role < 0) {
        printf("sl_Start: %d\n", role);
        return -1;
    }
    return 0;
}

/* The seed's sequence; returns sl_Connect's code and the socket in *sd. */
static _i16 secure_connect(_i16 *sd)
{
    _u32 ip = 0;
    SlSockAddrIn_t addr;
    _u8 method = SL_SO_SEC_METHOD_SSLv3_TLSV1_2;

    static _i8 host[] = IOT_HOST; /* the API takes a non-const name */

    _i16 rc = sl_NetAppDnsGetHostByName(host, (_u16)strlen(IOT_HOST), &ip, SL_AF_INET);
    printf("DNS %s: %d, %u.%u.%u.%u\n", IOT_HOST, rc, (unsigned)(ip >> 24),
           (unsigned)((ip >> 16) & 0xFF), (unsigned)((ip >> 8) & 0xFF), (unsigned)(ip & 0xFF));
    *sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_SEC_SOCKET);
    sl_SetSockOpt(*sd, SL_SOL_SOCKET, SL_SO_SECMETHOD, &method, sizeof(method));
    sl_SetSockOpt(*sd, SL_SOL_SOCKET, SL_SO_SECURE_FILES_CA_FILE_NAME, IOT_ROOT_CA,
                  (SlSocklen_t)strlen(IOT_ROOT_CA));
    sl_SetSockOpt(*sd, SL_SOL_SOCKET, SL_SO_SECURE_FILES_CERTIFICATE_FILE_NAME, IOT_CERT_FILE,
                  (SlSocklen_t)strlen(IOT_CERT_FILE));
    sl_SetSockOpt(*sd, SL_SOL_SOCKET, SL_SO_SECURE_FILES_PRIVATE_KEY_FILE_NAME, IOT_KEY_FILE,
                  (SlSocklen_t)strlen(IOT_KEY_FILE));

    memset(&addr, 0, sizeof(addr));
    addr.sin_family = SL_AF_INET;
    addr.sin_port = sl_Htons(IOT_PORT);
    addr.sin_addr.s_addr = sl_Htonl(ip);
    return sl_Connect(*sd, (const SlSockAddr_t *)&addr, sizeof(addr));
}

/* Sends CONNECT and reads the 4-byte CONNACK; returns its return code, or -1. */
static int mqtt_hello(_i16 sd)
{
    _u8 ack[4];
    int got = 0;
    if (sl_Send(sd, mqtt_connect, sizeof(mqtt_connect), 0) != (_i16)sizeof(mqtt_connect)) {
        printf("sl_Send CONNECT failed\n");
        return -1;
    }
    while (got < (int)sizeof(ack)) {
        _i16 n = sl_Recv(sd, ack + got, (_i16)(sizeof(ack) - (size_t)got), 0);
        if (n <= 0) {
            printf("sl_Recv CONNACK: %d\n", n);
            return -1;
        }
        got += n;
    }
    if (ack[0] != 0x20 || ack[1] != 0x02) {
        printf("not a CONNACK: %02x %02x\n", ack[0], ack[1]);
        return -1;
    }
    printf("CONNACK: session present %u, return code %u\n", ack[2] & 1u, ack[3]);
    return ack[3];
}

static int connected(_i16 code)
{
    return code == 0 || code == SL_ERROR_BSD_ESECSNOVERIFY || code == SL_ERROR_BSD_ESECDATEERROR ||
           code == SL_ERROR_BSD_ESECUNKNOWNROOTCA;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: seed_style_app EXPECTED_CODE\n");
        return 2;
    }
    long want = strtol(argv[1], NULL, 10);
    if (netwifi_start() != 0) {
        return 1;
    }
    _i16 sd = -1;
    _i16 status = secure_connect(&sd);
    printf("sl_Connect: %d\n", status);
    int ok = status == want;
    if (ok && connected(status)) {
        ok = mqtt_hello(sd) == 0;
    }
    if (sd >= 0) {
        sl_Close(sd);
    }
    sl_Stop(0);
    return ok ? 0 : 1;
}
