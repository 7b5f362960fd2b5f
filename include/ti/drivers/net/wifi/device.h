/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file device.h
 * @brief SimpleLink device API: start and stop, device get/set (version, date and time),
 *        event masks, statistics, and the general and fatal event structures. Restated for
 *        slsim from public facts about TI's host driver 3.0.1.61; this is not TI's file.
 *
 * sl_Start without a callback returns the active role (ROLE_STA is 0) or a negative code:
 * test for < 0, not for != 0.
 */
/* clang-format off */
#include <ti/drivers/net/wifi/simplelink.h>

#ifndef __DEVICE_H__
#define __DEVICE_H__

/* ------------------------------------------------------------------------------------------ */
/* sl_DeviceSet / sl_DeviceGet ids and options                                                */
/* ------------------------------------------------------------------------------------------ */

#define SL_DEVICE_GENERAL                       (1)
#define SL_DEVICE_STATUS                        (2)
#define SL_DEVICE_IOT                           (4)
#define SL_DEVICE_FIPS                          (6)

/* Options under SL_DEVICE_GENERAL */
#define SL_DEVICE_GENERAL_PERSISTENT            (5)     /* _u8, 0 or 1 */
#define SL_DEVICE_GENERAL_DATE_TIME             (11)    /* SlDateTime_t */
#define SL_DEVICE_GENERAL_VERSION               (12)    /* SlDeviceVersion_t */

/* Statistics ids (sl_DeviceStatGet) and other options */
#define SL_DEVICE_STAT_PM                       (14)
#define SL_DEVICE_STAT_WLAN_RX                  (16)
#define SL_DEVICE_FIPS_ZEROIZATION              (20)

/* Options under SL_DEVICE_IOT */
#define SL_DEVICE_IOT_UDID                      (41)
#define SL_DEVICE_DICE_VERSION                  (14)

#define SL_DEVICE_SYSCONFIG_AS_CONFIGURED       (99)

/* ------------------------------------------------------------------------------------------ */
/* Event masks                                                                                */
/* ------------------------------------------------------------------------------------------ */

/* Event classes of sl_DeviceEventMaskSet / sl_DeviceEventMaskGet */
#define SL_DEVICE_EVENT_CLASS_DEVICE            (1)
#define SL_DEVICE_EVENT_CLASS_WLAN              (2)
#define SL_DEVICE_EVENT_CLASS_BSD               (3)
#define SL_DEVICE_EVENT_CLASS_NETAPP            (4)
#define SL_DEVICE_EVENT_CLASS_NETCFG            (5)
#define SL_DEVICE_EVENT_CLASS_FS                (6)
#define SL_DEVICE_EVENT_CLASS_NETUTIL           (7)

/* Mask bit of event id (id) */
#define SL_DEVICE_EVENT_BIT(id)                 (1 << (id))

/* BSD-class status: a socket TX-failed event was dropped */
#define SL_DEVICE_EVENT_DROPPED_SOCKET_TXFAILEDASYNCRESPONSE    (0x1)

/* ------------------------------------------------------------------------------------------ */
/* Types                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/* Passed to the sl_Start callback */
typedef struct {
    _u32 ChipId;
    _u32 MoreData;
} SlDeviceInitInfo_t;

/* Called when a non-blocking sl_Start finishes; Status is the role or a negative code */
typedef void (*P_INIT_CALLBACK)(_u32 Status, SlDeviceInitInfo_t *DeviceInitInfo);

/* SL_DEVICE_GENERAL_VERSION */
typedef struct {
    _u32 ChipId;
    _u8  FwVersion[4];
    _u8  PhyVersion[4];
    _u8  NwpVersion[4];
    _u16 RomVersion;
    _u16 Padding;
} SlDeviceVersion_t;

/* SL_DEVICE_GENERAL_DATE_TIME (44 bytes). Month is 1..12 and year is the full year, unlike
   struct tm. */
typedef struct {
    _u32 tm_sec;        /* 0..59 */
    _u32 tm_min;        /* 0..59 */
    _u32 tm_hour;       /* 0..23 */
    _u32 tm_day;        /* 1..31 */
    _u32 tm_mon;        /* 1..12 */
    _u32 tm_year;       /* e.g. 2024 */
    _u32 tm_week_day;   /* not required */
    _u32 tm_year_day;   /* not required */
    _u32 reserved[3];
} SlDateTime_t;

/* General and fatal event ids */
typedef enum {
    SL_DEVICE_EVENT_FATAL_DEVICE_ABORT = 1,
    SL_DEVICE_EVENT_FATAL_DRIVER_ABORT = 2,
    SL_DEVICE_EVENT_FATAL_SYNC_LOSS = 3,
    SL_DEVICE_EVENT_FATAL_NO_CMD_ACK = 4,
    SL_DEVICE_EVENT_FATAL_CMD_TIMEOUT = 5,
    SL_DEVICE_EVENT_RESET_REQUEST = 6,
    SL_DEVICE_EVENT_ERROR = 7,
    SL_DEVICE_EVENT_MAX
} SlDeviceEventId_e;

/* Source of an SL_DEVICE_EVENT_ERROR */
typedef enum {
    SL_DEVICE_SOURCE_OTHER = 0,
    SL_DEVICE_SOURCE_WLAN = 1,
    SL_DEVICE_SOURCE_NETCFG = 2,
    SL_DEVICE_SOURCE_NETAPP = 3,
    SL_DEVICE_SOURCE_SECURITY = 4,
    SL_DEVICE_SOURCE_LAST = 0xFF
} SlDeviceSource_e;

typedef union {
    struct {
        _i16 Status;
        _u16 Caller;
    } ResetRequest;     /* SL_DEVICE_EVENT_RESET_REQUEST */
    struct {
        SlDeviceSource_e Source;
        _i16             Code;
    } Error;            /* SL_DEVICE_EVENT_ERROR */
} SlDeviceEventData_u;

/* Argument of SimpleLinkGeneralEventHandler */
typedef struct {
    _u32                Id;     /* SlDeviceEventId_e */
    SlDeviceEventData_u Data;
} SlDeviceEvent_t;

typedef union {
    struct {
        _u32 Code;
        _u32 Value;
    } DeviceAssert;     /* SL_DEVICE_EVENT_FATAL_DEVICE_ABORT */
    struct {
        _u32 Code;
    } NoCmdAck;         /* SL_DEVICE_EVENT_FATAL_NO_CMD_ACK */
    struct {
        _u32 Code;
    } CmdTimeout;       /* SL_DEVICE_EVENT_FATAL_CMD_TIMEOUT */
} SlDeviceFatalData_u;

/* Argument of SimpleLinkFatalErrorEventHandler; afterwards call sl_Stop and sl_Start */
typedef struct {
    _u32                Id;     /* SL_DEVICE_EVENT_FATAL_* */
    SlDeviceFatalData_u Data;
} SlDeviceFatal_t;

/* ------------------------------------------------------------------------------------------ */
/* Functions                                                                                  */
/* ------------------------------------------------------------------------------------------ */

_i16 sl_Start(const void *pIfHdl, _i8 *pDevName, const P_INIT_CALLBACK pInitCallBack);
_i16 sl_Stop(const _u16 Timeout);
void *sl_Task(void *pEntry);

_i16 sl_DeviceSet(const _u8 DeviceSetId, const _u8 Option, const _u16 ConfigLen,
                  const _u8 *pValues);
_i16 sl_DeviceGet(const _u8 DeviceGetId, _u8 *pOption, _u16 *pConfigLen, _u8 *pValues);

_i16 sl_DeviceEventMaskSet(const _u8 EventClass, const _u32 Mask);
_i16 sl_DeviceEventMaskGet(const _u8 EventClass, _u32 *pMask);

_i16 sl_DeviceStatStart(const _u32 Flags);
_i16 sl_DeviceStatGet(const _u16 ConfigId, _u16 length, void *buffer);
_i16 sl_DeviceStatStop(const _u32 Flags);

#endif /* __DEVICE_H__ */
/* clang-format on */
