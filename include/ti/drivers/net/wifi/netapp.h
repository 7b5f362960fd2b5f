/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file netapp.h
 * @brief SimpleLink NetApp API: IP and DHCP events, DNS client, NetApp start/stop and
 *        options, and the HTTP-server and NetApp-request handler types. Restated for slsim
 *        from public facts about TI's host driver 3.0.1.61; this is not TI's file.
 *
 * IPv4 addresses in events and from sl_NetAppDnsGetHostByName are in host byte order; use
 * sl_Htonl before storing one in SlSockAddrIn_t.sin_addr.s_addr.
 */
/* clang-format off */
#include <ti/drivers/net/wifi/simplelink.h>

#ifndef __NETAPP_H__
#define __NETAPP_H__

/* Stray NetApp error code kept outside errors.h, as in the driver */
#define SL_NETAPP_RX_BUFFER_LENGTH_ERROR        (-230L)

/* ------------------------------------------------------------------------------------------ */
/* Applications and options                                                                   */
/* ------------------------------------------------------------------------------------------ */

/* Application id of the DNS client (sl_NetAppSet / sl_NetAppGet, sl_NetAppStart bit) */
#define SL_NETAPP_DNS_CLIENT_ID                 (0x20)

/* DNS client options */
#define SL_NETAPP_DNS_CLIENT_TIME               (0)     /* SlNetAppDnsClientTime_t */
#define SL_NETAPP_DNS_CLIENT_CACHE_CLEAR        (1)
#define SL_NETAPP_DNS_CLIENT_CACHE_ENABLE       (2)

/* SL_NETAPP_DNS_CLIENT_TIME: per-try timeout grows from 100 ms up to MaxResponseTime ms
   (at most 2 s); at most 100 retries */
typedef struct {
    _u16 MaxResponseTime;
    _u16 NumOfRetries;
} SlNetAppDnsClientTime_t;

/* ------------------------------------------------------------------------------------------ */
/* Events                                                                                     */
/* ------------------------------------------------------------------------------------------ */

typedef enum {
    SL_NETAPP_EVENT_IPV4_ACQUIRED = 1,
    SL_NETAPP_EVENT_IPV6_ACQUIRED = 2,
    SL_NETAPP_EVENT_IP_COLLISION = 3,
    SL_NETAPP_EVENT_DHCPV4_LEASED = 4,
    SL_NETAPP_EVENT_DHCPV4_RELEASED = 5,
    SL_NETAPP_EVENT_HTTP_TOKEN_GET = 6,
    SL_NETAPP_EVENT_HTTP_TOKEN_POST = 7,
    SL_NETAPP_EVENT_IPV4_LOST = 8,
    SL_NETAPP_EVENT_DHCP_IPV4_ACQUIRE_TIMEOUT = 9,
    SL_NETAPP_EVENT_IPV6_LOST = 10,
    SL_NETAPP_EVENT_NO_IPV4_COLLISION_DETECTED = 11,
    SL_NETAPP_EVENT_NO_LOCAL_IPV6_COLLISION_DETECTED = 12,
    SL_NETAPP_EVENT_NO_GLOBAL_IPV6_COLLISION_DETECTED = 13,
    SL_NETAPP_EVENT_MAX = 14
} SlNetAppEventId_e;

/* SL_NETAPP_EVENT_IPV4_ACQUIRED, host byte order */
typedef struct {
    _u32 Ip;
    _u32 Gateway;
    _u32 Dns;
} SlIpV4AcquiredAsync_t;

/* SL_NETAPP_EVENT_IPV6_ACQUIRED */
typedef struct {
    _u32 Ip[4];
    _u32 Dns[4];
} SlIpV6AcquiredAsync_t;

/* SL_NETAPP_EVENT_DHCPV4_LEASED */
typedef struct {
    _u32 IpAddress;
    _u32 LeaseTime;
    _u8  Mac[6];
    _u16 Padding;
} SlIpLeasedAsync_t;

/* SL_NETAPP_EVENT_DHCPV4_RELEASED */
typedef struct {
    _u32 IpAddress;
    _u8  Mac[6];
    _u16 Reason;        /* SL_IP_LEASE_* */
} SlIpReleasedAsync_t;

/* SL_NETAPP_EVENT_IPV4_LOST */
typedef struct {
    _i16 Status;
    _u16 Padding;
} SlIpV4Lost_t;

/* SL_NETAPP_EVENT_DHCP_IPV4_ACQUIRE_TIMEOUT */
typedef struct {
    _i16 Status;
    _u16 Padding;
} SlDhcpIpAcquireTimeout_t;

/* SL_NETAPP_EVENT_IP_COLLISION */
typedef struct {
    _u32 IpAddress;
    _u8  DhcpMac[6];
    _u8  ConflictMac[6];
} SlIpCollisionAsync_t;

/* SL_NETAPP_EVENT_IPV6_LOST */
typedef struct {
    _u32 IpLost[4];
} SlIpV6Lost_t;

typedef union {
    SlIpV4AcquiredAsync_t    IpAcquiredV4;
    SlIpV6AcquiredAsync_t    IpAcquiredV6;
    SlIpLeasedAsync_t        IpLeased;
    SlIpReleasedAsync_t      IpReleased;
    SlIpV4Lost_t             IpV4Lost;
    SlDhcpIpAcquireTimeout_t DhcpIpAcquireTimeout;
    SlIpCollisionAsync_t     IpCollision;
    SlIpV6Lost_t             IpV6Lost;
    _u32                     Sd;    /* legacy */
} SlNetAppEventData_u;

/* Argument of SimpleLinkNetAppEventHandler */
typedef struct {
    _u32                Id;     /* SlNetAppEventId_e */
    SlNetAppEventData_u Data;
} SlNetAppEvent_t;

/* ------------------------------------------------------------------------------------------ */
/* HTTP server and NetApp request handlers                                                    */
/* ------------------------------------------------------------------------------------------ */

/* Arguments of SimpleLinkHttpServerEventHandler. slsim declares only the event and response
   codes; the payload unions are not part of its reference and are left out. */
typedef struct {
    _u32 Event;
} SlNetAppHttpServerEvent_t;

typedef struct {
    _u32 Response;
} SlNetAppHttpServerResponse_t;

/* Metadata and payload of a NetApp request or response */
typedef struct {
    _u16 MetadataLen;
    _u8 *pMetadata;
    _u16 PayloadLen;
    _u8 *pPayload;
    _u32 Flags;
} SlNetAppData_t;

/* Argument of SimpleLinkNetAppRequestEventHandler */
typedef struct {
    _u8            AppId;
    _u8            Type;
    _u16           Handle;
    SlNetAppData_t requestData;
} SlNetAppRequest_t;

typedef struct {
    _u16           Status;
    SlNetAppData_t ResponseData;
} SlNetAppResponse_t;

/* ------------------------------------------------------------------------------------------ */
/* Functions                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/* Resolves pHostName (NameLen bytes, no NUL needed) into OutIpAddr: 4 bytes in host byte
   order for SL_AF_INET, 16 bytes for SL_AF_INET6. */
_i16 sl_NetAppDnsGetHostByName(_i8 *pHostName, const _u16 NameLen, _u32 *OutIpAddr,
                               const _u8 Family);

_i16 sl_NetAppStart(const _u32 AppBitMap);
_i16 sl_NetAppStop(const _u32 AppBitMap);

_i16 sl_NetAppSet(const _u8 AppId, const _u8 Option, const _u8 OptionLen,
                  const _u8 *pOptionValue);
_i16 sl_NetAppGet(const _u8 AppId, const _u8 Option, _u8 *pOptionLen, _u8 *pOptionValue);

#endif /* __NETAPP_H__ */
/* clang-format on */
