/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file aws_iot_connect.h
 * @brief The pieces the device application shares with its host start-up (host_main.c), as
 *        TI's examples share them between main_tirtos.c, netwifi.c and the application.
 */
#ifndef AWS_IOT_CONNECT_H
#define AWS_IOT_CONNECT_H

#include <ti/display/Display.h>
#include <ti/drivers/net/wifi/simplelink.h>

/** The display the application reports on (opened by the start-up code). */
extern Display_Handle AWSIOT_display;

/** The MQTT endpoint; the start-up code may replace the defaults before the thread runs. */
extern const char *awsIotHost;
extern _u16 awsIotPort;

/** sl_Connect's result (or the failing step's code), set by awsIotConnectThread(). */
extern _i16 awsIotStatus;

/** Starts the network processor (netwifi.c in TI's examples). */
void NetWiFi_init(void);

/** The application thread: DNS, secure socket, files, sl_Connect, report. */
void *awsIotConnectThread(void *arg0);

#endif /* AWS_IOT_CONNECT_H */
