/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file seed_harness.c
 * @brief What the seed's code takes from the TI example it came from: NetWiFi_init(), the
 *        AWSIOT_display handle, and a main() that runs manualMainThread() once.
 *
 * Compiled by seed_unmodified.sh next to the extracted seed code, against the installed slsim
 * and slsim-compat. NetWiFi_init() starts the device; the seed needs nothing more from the
 * network (slsim's sockets are up once the device is started, with no access point required).
 */
#include <stdio.h>

#include <ti/display/Display.h>
#include <ti/drivers/net/wifi/simplelink.h>

Display_Handle AWSIOT_display;

void NetWiFi_init(void);
void *manualMainThread(void *arg0);

void NetWiFi_init(void)
{
    _i16 role = sl_Start(NULL, NULL, NULL);
    if (role < 0) {
        Display_printf(AWSIOT_display, 0, 0, "sl_Start fail: %d", role);
    }
}

int main(void)
{
    Display_Params params;
    Display_init();
    Display_Params_init(&params);
    AWSIOT_display = Display_open(Display_Type_UART, &params);
    if (AWSIOT_display == NULL) {
        fprintf(stderr, "Display_open failed\n");
        return 1;
    }
    (void)manualMainThread(NULL);
    (void)sl_Stop(0);
    Display_close(AWSIOT_display);
    return 0;
}
