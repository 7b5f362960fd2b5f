/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file simplelink.h
 * @brief The one header a SimpleLink CC32xx application includes: basic type macros, driver
 *        version, and every module header. Restated for slsim from public facts about TI's
 *        host driver 3.0.1.61; this is not TI's file.
 *
 * slsim keeps the names, values and structure layouts of the 32-bit target. Deliberate
 * differences (for example _u32/_i32 as int rather than long, so that structures keep their
 * target size on LP64 Linux) are listed in docs/compat-deviations.md.
 */
/* clang-format off */
#ifndef __SIMPLELINK_H__
#define __SIMPLELINK_H__

#include <stddef.h>
#include <string.h>

/* Basic types. These are macros, not typedefs, as in TI's driver; a port may #undef and
   redefine them. _u32/_i32 use int (not long) so that they stay 32 bits on LP64 Linux. */
#define _u8         unsigned char
#define _i8         signed char
#define _u16        unsigned short
#define _i16        signed short
#define _u32        unsigned int
#define _i32        signed int
#define _volatile   volatile
#define _const      const

#include <ti/drivers/net/wifi/porting/user.h>

#ifndef NULL
#define NULL ((void *)0)
#endif

#ifndef FALSE
#define FALSE 0
#endif

#ifndef TRUE
#define TRUE (!FALSE)
#endif

/* Driver version */
#define SL_DRIVER_VERSION       "3.0.1.61"
#define SL_MAJOR_VERSION_NUM    3
#define SL_MINOR_VERSION_NUM    0
#define SL_VERSION_NUM          1
#define SL_SUB_VERSION_NUM      61

/* Memory helpers over the C library */
#define sl_Memset(addr, val, len)   memset((addr), (val), (size_t)(len))
#define sl_Memcpy(dst, src, len)    memcpy((dst), (src), (size_t)(len))
#define sl_Memmove(dst, src, len)   memmove((dst), (src), (size_t)(len))

/* Number of sockets the device offers (TCP, UDP, raw and secure together) */
#define SL_MAX_SOCKETS  ((_u8)(16))

/* Internal driver types */
typedef _u16 _SlOpcode_t;
typedef _u8  _SlArgSize_t;
typedef _i16 _SlDataSize_t;
typedef _i16 _SlReturnVal_t;

/* What a library event handler tells the dispatcher */
typedef enum {
    EVENT_PROPAGATION_BLOCK = 0,
    EVENT_PROPAGATION_CONTINUE
} _SlEventPropogationStatus_e;

/* Module headers, in the driver's order */
#include <ti/drivers/net/wifi/trace.h>
#include <ti/drivers/net/wifi/fs.h>
#include <ti/drivers/net/wifi/sl_socket.h>
#include <ti/drivers/net/wifi/netapp.h>
#include <ti/drivers/net/wifi/wlan.h>
#include <ti/drivers/net/wifi/device.h>
#include <ti/drivers/net/wifi/netcfg.h>
#include <ti/drivers/net/wifi/netutil.h>
#include <ti/drivers/net/wifi/errors.h>
#include <ti/drivers/net/wifi/eventreg.h>
#include <ti/drivers/net/wifi/wlanconfig.h>

/* Event handlers the application defines. They run in the driver's event context: they must
   not call SimpleLink APIs, must copy what they keep (the event memory is only valid during
   the call), and should return quickly. */
extern void SimpleLinkFatalErrorEventHandler(SlDeviceFatal_t *pSlFatalErrorEvent);
extern void SimpleLinkGeneralEventHandler(SlDeviceEvent_t *pSlDeviceEvent);
extern void SimpleLinkWlanEventHandler(SlWlanEvent_t *pSlWlanEvent);
extern void SimpleLinkNetAppEventHandler(SlNetAppEvent_t *pSlNetAppEvent);
extern void SimpleLinkSockEventHandler(SlSockEvent_t *pSlSockEvent);
extern void SimpleLinkHttpServerEventHandler(SlNetAppHttpServerEvent_t *pSlHttpServerEvent,
                                             SlNetAppHttpServerResponse_t *pSlHttpServerResponse);
extern void SimpleLinkNetAppRequestEventHandler(SlNetAppRequest_t *pNetAppRequest,
                                                SlNetAppResponse_t *pNetAppResponse);
extern void SimpleLinkNetAppRequestMemFreeEventHandler(_u8 *buffer);

/* Run-time registration of event handlers; a registered handler takes precedence over the
   static one above, and NULL removes it. */
typedef enum {
    SL_EVENT_HDL_FATAL_ERROR = 0,
    SL_EVENT_HDL_DEVICE_GENERAL = 1,
    SL_EVENT_HDL_WLAN = 2,
    SL_EVENT_HDL_NETAPP = 3,
    SL_EVENT_HDL_SOCKET = 4,
    SL_EVENT_HDL_HTTP_SERVER = 5,
    SL_EVENT_HDL_NETAPP_REQUEST = 6,
    SL_EVENT_HDL_MEM_FREE = 7,
    SL_EVENT_HDL_SOCKET_TRIGGER = 8,
    SL_NUM_OF_EVENT_TYPES = 9
} SlEventHandler_e;

_i32 sl_RegisterEventHandler(SlEventHandler_e type, void *handler);

#endif /* __SIMPLELINK_H__ */
/* clang-format on */
