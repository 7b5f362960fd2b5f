/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file host_main.c
 * @brief Starts the aws_iot_connect application on Linux: what main_tirtos.c and netwifi.c
 *        do on the board (open the display, start the network processor, run the thread).
 *
 * Usage: aws_iot_connect [HOST [PORT]] with a device configuration in SLSIM_DEVICE (or run it
 * with `slsim run --device DEV.json -- aws_iot_connect`). Exit 0 when sl_Connect left the
 * connection up (0 or a connected-with-warning code), 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>

#include "aws_iot_connect.h"

Display_Handle AWSIOT_display;

void NetWiFi_init(void)
{
    _i16 role = sl_Start(NULL, NULL, NULL);
    if (role < 0) {
        Display_printf(AWSIOT_display, 0, 0, "sl_Start: %d", role);
        exit(1);
    }
    /* slsim needs no access point: sockets work once the device is started. */
}

static int connectionUp(_i16 code)
{
    return code == 0 || code == SL_ERROR_BSD_ESECUNKNOWNROOTCA ||
           code == SL_ERROR_BSD_ESECDATEERROR || code == SL_ERROR_BSD_ESECSNOVERIFY;
}

int main(int argc, char **argv)
{
    if (argc > 3) {
        fprintf(stderr, "usage: aws_iot_connect [HOST [PORT]]\n");
        return 2;
    }
    if (argc > 1) {
        awsIotHost = argv[1];
    }
    if (argc > 2) {
        long port = strtol(argv[2], NULL, 10);
        if (port < 1 || port > 65535) {
            fprintf(stderr, "aws_iot_connect: invalid port '%s'\n", argv[2]);
            return 2;
        }
        awsIotPort = (_u16)port;
    }
    Display_Params params;
    Display_init();
    Display_Params_init(&params);
    AWSIOT_display = Display_open(Display_Type_UART, &params);
    (void)awsIotConnectThread(NULL);
    sl_Stop(0);
    Display_close(AWSIOT_display);
    return connectionUp(awsIotStatus) ? 0 : 1;
}
