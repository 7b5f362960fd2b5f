/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_ti_headers.c
 * @brief Checks the TI public headers in include/ti/drivers/net/wifi: 32-bit target layouts
 *        (compile time), function signatures (compile time), constant values (table), and
 *        that typical device code compiles unchanged.
 *
 * Layout expectations follow from the field lists of the reference with natural alignment
 * and 4-byte _u32, as on the 32-bit ARM target. That each header compiles alone is checked
 * by the generated ti_alone_*.c files, and the device-code part is compiled (not linked) with
 * SLSIM_TI_COMPILE_ONLY; see CMakeLists.txt.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <sys/socket.h>

#include <ti/drivers/net/wifi/simplelink.h>

/* ---- basic types ------------------------------------------------------------------------- */

_Static_assert(sizeof(_u8) == 1 && sizeof(_i8) == 1, "8-bit types");
_Static_assert(sizeof(_u16) == 2 && sizeof(_i16) == 2, "16-bit types");
_Static_assert(sizeof(_u32) == 4 && sizeof(_i32) == 4, "_u32/_i32 are 32-bit on LP64 too");
_Static_assert((_u32)-1 > 0 && (_i32)-1 < 0, "signedness");
_Static_assert((_u8)-1 > 0 && (_i8)-1 < 0 && (_u16)-1 > 0 && (_i16)-1 < 0, "signedness");
_Static_assert(sizeof(SlSocklen_t) == 2, "SlSocklen_t is 16-bit");
_Static_assert(sizeof(_SlOpcode_t) == 2 && sizeof(_SlArgSize_t) == 1, "driver types");
_Static_assert(sizeof(_SlDataSize_t) == 2 && sizeof(_SlReturnVal_t) == 2, "driver types");
_Static_assert(sizeof(_SlFd_t) == 4, "interface handle");

/* ---- socket structures (sl_socket.h) ----------------------------------------------------- */

_Static_assert(sizeof(SlInAddr_t) == 4, "SlInAddr_t");
_Static_assert(sizeof(SlIn6Addr_t) == 16, "SlIn6Addr_t");
_Static_assert(sizeof(SlSockAddr_t) == 16, "SlSockAddr_t");
_Static_assert(offsetof(SlSockAddr_t, sa_data) == 2, "SlSockAddr_t.sa_data");
_Static_assert(sizeof(SlSockAddrIn_t) == 16, "SlSockAddrIn_t");
_Static_assert(offsetof(SlSockAddrIn_t, sin_port) == 2, "sin_port");
_Static_assert(offsetof(SlSockAddrIn_t, sin_addr) == 4, "sin_addr");
_Static_assert(offsetof(SlSockAddrIn_t, sin_zero) == 8, "sin_zero");
_Static_assert(sizeof(SlSockAddrIn6_t) == 28, "SlSockAddrIn6_t");
_Static_assert(offsetof(SlSockAddrIn6_t, sin6_flowinfo) == 4, "sin6_flowinfo");
_Static_assert(offsetof(SlSockAddrIn6_t, sin6_addr) == 8, "sin6_addr");
_Static_assert(offsetof(SlSockAddrIn6_t, sin6_scope_id) == 24, "sin6_scope_id");
_Static_assert(sizeof(SlTimeval_t) == 8 && sizeof(struct SlTimeval_t) == 8, "SlTimeval_t");
_Static_assert(sizeof(SlFdSet_t) == 4 && sizeof(struct SlFdSet_t) == 4, "SlFdSet_t");
_Static_assert(sizeof(SlSockKeepalive_t) == 4 && sizeof(SlSockReuseaddr_t) == 4, "options");
_Static_assert(sizeof(SlSockRxNoIpBoundary_t) == 4 && sizeof(SlSockWinsize_t) == 4, "options");
_Static_assert(sizeof(SlSockNonblocking_t) == 4 && sizeof(SlSocklinger_t) == 8, "options");
_Static_assert(sizeof(SlSockIpMreq_t) == 8 && sizeof(SlSockIpV6Mreq_t) == 20, "multicast");
_Static_assert(sizeof(SlSockSecureMethod_t) == 1, "SlSockSecureMethod_t is one byte");
_Static_assert(sizeof(SlSockSecureMask_t) == 4 && sizeof(SlSockSecureALPN_t) == 4, "secure");
_Static_assert(sizeof(SlSockSecureFiles_t) == 4, "SlSockSecureFiles_t");
_Static_assert(sizeof(SlSockSSLCertInfo_t) == 56, "SlSockSSLCertInfo_t");
_Static_assert(offsetof(SlSockSSLCertInfo_t, FromDate) == 4, "FromDate");
_Static_assert(offsetof(SlSockSSLCertInfo_t, ToDate) == 12, "ToDate");
_Static_assert(offsetof(SlSockSSLCertInfo_t, SubjectName) == 20, "SubjectName");
_Static_assert(offsetof(SlSockSSLCertInfo_t, IssuerName) == 36, "IssuerName");
_Static_assert(offsetof(SlSockSSLCertInfo_t, SubjectNameLen) == 52, "SubjectNameLen");
_Static_assert(offsetof(SlSockSSLCertInfo_t, Padding) == 54, "Padding");
_Static_assert(sizeof(SlSockSSLConnectionParams_t) == 72, "SlSockSSLConnectionParams_t");
_Static_assert(offsetof(SlSockSSLConnectionParams_t, SecureALPNChosenProtocol) == 12, "ALPN");
_Static_assert(offsetof(SlSockSSLConnectionParams_t, SecurePeerCertinfo) == 16, "cert info");
_Static_assert(sizeof(SlTransceiverRxOverHead_t) == 8, "SlTransceiverRxOverHead_t");
_Static_assert(sizeof(SlSockTxFailEventData_t) == 4, "SlSockTxFailEventData_t");
_Static_assert(offsetof(SlSockTxFailEventData_t, Sd) == 2, "TxFail.Sd");
_Static_assert(sizeof(SlSocketAsyncEvent_t) == 132, "pExtraInfo is an inline array");
_Static_assert(offsetof(SlSocketAsyncEvent_t, Val) == 2, "SockAsyncData.Val");
_Static_assert(offsetof(SlSocketAsyncEvent_t, pExtraInfo) == 4, "SockAsyncData.pExtraInfo");
_Static_assert(sizeof(SlSockEventData_u) == 132, "SlSockEventData_u");
_Static_assert(sizeof(SlSockEvent_t) == 136, "SlSockEvent_t");
_Static_assert(offsetof(SlSockEvent_t, SocketAsyncEvent) == 4, "SlSockEvent_t payload");
_Static_assert(sizeof(SlSockTriggerEvent_t) == 8, "SlSockTriggerEvent_t");

/* ---- file system (fs.h): SlFsFileInfo_t is _u16 Flags, 2 bytes padding, then 8 _u32 ------- */

_Static_assert(sizeof(SlFsFileInfo_t) == 36, "SlFsFileInfo_t");
_Static_assert(offsetof(SlFsFileInfo_t, Len) == 4, "Len after 2 bytes of padding");
_Static_assert(offsetof(SlFsFileInfo_t, MaxSize) == 8, "MaxSize");
_Static_assert(offsetof(SlFsFileInfo_t, Token) == 12, "Token");
_Static_assert(offsetof(SlFsFileInfo_t, StorageSize) == 28, "StorageSize");
_Static_assert(offsetof(SlFsFileInfo_t, WriteCounter) == 32, "WriteCounter");
_Static_assert(sizeof(SlFileAttributes_t) == 12, "SlFileAttributes_t");
_Static_assert(sizeof(SlFsRetToFactoryCommand_t) == 4 && sizeof(SlFsControl_t) == 4, "ctl");
_Static_assert(sizeof(SlFsControlDeviceUsage_t) == 16, "SlFsControlDeviceUsage_t");
_Static_assert(sizeof(SlFsControlFilesUsage_t) == 20, "SlFsControlFilesUsage_t");
_Static_assert(offsetof(SlFsControlFilesUsage_t, NumOfAlerts) == 8, "NumOfAlerts");
_Static_assert(offsetof(SlFsControlFilesUsage_t, FATWriteCounter) == 16, "FATWriteCounter");
_Static_assert(sizeof(SlFsControlGetStorageInfoResponse_t) == 36, "storage info");
_Static_assert(offsetof(SlFsControlGetStorageInfoResponse_t, FilesUsage) == 16, "FilesUsage");
_Static_assert(sizeof(SlFsKey_t) == 16, "SlFsKey_t");
_Static_assert(sizeof(SlFsFileNameIndex_t) == 1, "SlFsFileNameIndex_t");

/* ---- device, WLAN, NetApp, NetCfg -------------------------------------------------------- */

_Static_assert(sizeof(SlDateTime_t) == 44, "SlDateTime_t is eleven _u32");
_Static_assert(offsetof(SlDateTime_t, tm_mon) == 16, "tm_mon");
_Static_assert(offsetof(SlDateTime_t, tm_year) == 20, "tm_year");
_Static_assert(offsetof(SlDateTime_t, reserved) == 32, "reserved");
_Static_assert(sizeof(SlDeviceVersion_t) == 20, "SlDeviceVersion_t");
_Static_assert(offsetof(SlDeviceVersion_t, RomVersion) == 16, "RomVersion");
_Static_assert(sizeof(SlDeviceInitInfo_t) == 8, "SlDeviceInitInfo_t");
_Static_assert(offsetof(SlDeviceEvent_t, Data) == 4, "SlDeviceEvent_t.Data");
_Static_assert(sizeof(SlDeviceFatal_t) == 12, "SlDeviceFatal_t");
_Static_assert(sizeof(SlWlanEventConnect_t) == 40, "SlWlanEventConnect_t");
_Static_assert(offsetof(SlWlanEventConnect_t, Bssid) == 33, "Connect.Bssid");
_Static_assert(offsetof(SlWlanEventDisconnect_t, ReasonCode) == 39, "Disconnect.ReasonCode");
_Static_assert(offsetof(SlWlanEvent_t, Data) == 4, "SlWlanEvent_t.Data");
_Static_assert(sizeof(SlIpV4AcquiredAsync_t) == 12, "SlIpV4AcquiredAsync_t");
_Static_assert(sizeof(SlIpV6AcquiredAsync_t) == 32, "SlIpV6AcquiredAsync_t");
_Static_assert(sizeof(SlIpLeasedAsync_t) == 16, "SlIpLeasedAsync_t");
_Static_assert(offsetof(SlIpLeasedAsync_t, Padding) == 14, "IpLeased.Padding");
_Static_assert(sizeof(SlIpReleasedAsync_t) == 12, "SlIpReleasedAsync_t");
_Static_assert(offsetof(SlIpReleasedAsync_t, Reason) == 10, "IpReleased.Reason");
_Static_assert(sizeof(SlIpCollisionAsync_t) == 16, "SlIpCollisionAsync_t");
_Static_assert(offsetof(SlNetAppEvent_t, Data) == 4, "SlNetAppEvent_t.Data");
_Static_assert(sizeof(SlNetAppDnsClientTime_t) == 4, "SlNetAppDnsClientTime_t");
_Static_assert(sizeof(SlNetCfgIpV4Args_t) == 16, "SlNetCfgIpV4Args_t");
_Static_assert(sizeof(SlNetCfgIpV4DnsClientArgs_t) == 4, "SlNetCfgIpV4DnsClientArgs_t");

/* ---- function signatures (unevaluated, so nothing needs to link) -------------------------- */

#define SIG(fn, type) _Static_assert(_Generic(&(fn), type : 1, default : 0), #fn " signature")

SIG(sl_Socket, _i16 (*)(_i16, _i16, _i16));
SIG(sl_Close, _i16 (*)(_i16));
SIG(sl_Bind, _i16 (*)(_i16, const SlSockAddr_t *, _i16));
SIG(sl_Listen, _i16 (*)(_i16, _i16));
SIG(sl_Accept, _i16 (*)(_i16, SlSockAddr_t *, SlSocklen_t *));
SIG(sl_Connect, _i16 (*)(_i16, const SlSockAddr_t *, _i16));
SIG(sl_Select, _i16 (*)(_i16, SlFdSet_t *, SlFdSet_t *, SlFdSet_t *, struct SlTimeval_t *));
SIG(sl_SetSockOpt, _i16 (*)(_i16, _i16, _i16, const void *, SlSocklen_t));
SIG(sl_GetSockOpt, _i16 (*)(_i16, _i16, _i16, void *, SlSocklen_t *));
SIG(sl_Recv, _i16 (*)(_i16, void *, _i16, _i16));
SIG(sl_RecvFrom, _i16 (*)(_i16, void *, _i16, _i16, SlSockAddr_t *, SlSocklen_t *));
SIG(sl_Send, _i16 (*)(_i16, const void *, _i16, _i16));
SIG(sl_SendTo, _i16 (*)(_i16, const void *, _i16, _i16, const SlSockAddr_t *, SlSocklen_t));
SIG(sl_StartTLS, _i16 (*)(_i16));
SIG(sl_Htonl, _u32 (*)(_u32));
SIG(sl_Htons, _u16 (*)(_u16));
SIG(sl_Ntohl, _u32 (*)(_u32));
SIG(sl_Ntohs, _u16 (*)(_u16));
SIG(SL_SOCKET_FD_SET, void (*)(_i16, SlFdSet_t *));
SIG(SL_SOCKET_FD_CLR, void (*)(_i16, SlFdSet_t *));
SIG(SL_SOCKET_FD_ISSET, _i16 (*)(_i16, SlFdSet_t *));
SIG(SL_SOCKET_FD_ZERO, void (*)(SlFdSet_t *));
SIG(sl_FsOpen, _i32 (*)(const _u8 *, _u32, _u32 *));
SIG(sl_FsClose, _i16 (*)(_i32, const _u8 *, const _u8 *, _u32));
SIG(sl_FsRead, _i32 (*)(_i32, _u32, _u8 *, _u32));
SIG(sl_FsWrite, _i32 (*)(_i32, _u32, _u8 *, _u32));
SIG(sl_FsGetInfo, _i16 (*)(const _u8 *, _u32, SlFsFileInfo_t *));
SIG(sl_FsDel, _i16 (*)(const _u8 *, _u32));
SIG(sl_FsCtl, _i32 (*)(SlFsCtl_e, _u32, _u8 *, const _u8 *, _u16, _u8 *, _u16, _u32 *));
SIG(sl_FsProgram, _i32 (*)(const _u8 *, _u16, const _u8 *, _u32));
SIG(sl_FsGetFileList, _i32 (*)(_i32 *, _u8, _u8, _u8 *, SlFileListFlags_t));
SIG(sl_Start, _i16 (*)(const void *, _i8 *, P_INIT_CALLBACK));
SIG(sl_Stop, _i16 (*)(_u16));
SIG(sl_Task, void *(*)(void *));
SIG(sl_DeviceSet, _i16 (*)(_u8, _u8, _u16, const _u8 *));
SIG(sl_DeviceGet, _i16 (*)(_u8, _u8 *, _u16 *, _u8 *));
SIG(sl_DeviceEventMaskSet, _i16 (*)(_u8, _u32));
SIG(sl_DeviceEventMaskGet, _i16 (*)(_u8, _u32 *));
SIG(sl_DeviceStatStart, _i16 (*)(_u32));
SIG(sl_DeviceStatGet, _i16 (*)(_u16, _u16, void *));
SIG(sl_DeviceStatStop, _i16 (*)(_u32));
SIG(sl_NetAppDnsGetHostByName, _i16 (*)(_i8 *, _u16, _u32 *, _u8));
SIG(sl_NetAppStart, _i16 (*)(_u32));
SIG(sl_NetAppStop, _i16 (*)(_u32));
SIG(sl_NetAppSet, _i16 (*)(_u8, _u8, _u8, const _u8 *));
SIG(sl_NetAppGet, _i16 (*)(_u8, _u8, _u8 *, _u8 *));
SIG(sl_WlanConnect,
    _i16 (*)(
        const _i8 *, _i16, const _u8 *, const SlWlanSecParams_t *, const SlWlanSecParamsExt_t *));
SIG(sl_WlanDisconnect, _i16 (*)(void));
SIG(sl_WlanProfileAdd,
    _i16 (*)(const _i8 *,
             _i16,
             const _u8 *,
             const SlWlanSecParams_t *,
             const SlWlanSecParamsExt_t *,
             _u32,
             _u32));
SIG(sl_WlanProfileGet,
    _i16 (*)(_i16, _i8 *, _i16 *, _u8 *, SlWlanSecParams_t *, SlWlanGetSecParamsExt_t *, _u32 *));
SIG(sl_WlanProfileDel, _i16 (*)(_i16));
SIG(sl_WlanPolicySet, _i16 (*)(_u8, _u8, _u8 *, _u8));
SIG(sl_WlanPolicyGet, _i16 (*)(_u8, _u8 *, _u8 *, _u8 *));
SIG(sl_WlanSetMode, _i16 (*)(_u8));
SIG(sl_WlanGet, _i16 (*)(_u16, _u16 *, _u16 *, _u8 *));
SIG(sl_WlanSet, _i16 (*)(_u16, _u16, _u16, const _u8 *));
SIG(sl_NetCfgGet, _i16 (*)(_u16, _u16 *, _u16 *, _u8 *));
SIG(sl_RegisterEventHandler, _i32 (*)(SlEventHandler_e, void *));
SIG(SimpleLinkSockEventHandler, void (*)(SlSockEvent_t *));
SIG(SimpleLinkNetAppRequestMemFreeEventHandler, void (*)(_u8 *));

/* ---- typical device code: compiled, never linked ------------------------------------------ */

/* The sl_* functions are only declared for now, and gcc emits even an unused static function
   at -O0, so this part is compiled only in the test_ti_headers_compile_only object library
   (which defines SLSIM_TI_COMPILE_ONLY and is never linked). */
#ifdef SLSIM_TI_COMPILE_ONLY
static void compile_only(void) __attribute__((unused));
static void compile_only(void)
{
    /* The seed code passes a string literal straight to the _i8 * parameter; that is only a
       -Wpointer-sign (and, with -Wwrite-strings, a discarded-const) warning, which this
       project turns into an error, so the name goes through a char array and a cast. */
    char host[] = "h.example";
    _u32 ip;
    SlSockAddrIn_t a;
    _u8 m = SL_SO_SEC_METHOD_SSLv3_TLSV1_2;
    sl_NetAppDnsGetHostByName((_i8 *)host, strlen(host), &ip, SL_AF_INET);
    _i16 sd = sl_Socket(SL_AF_INET, SL_SOCK_STREAM, SL_SEC_SOCKET);
    sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECMETHOD, &m, sizeof(m));
    a.sin_family = SL_AF_INET;
    a.sin_port = sl_Htons(8883);
    a.sin_addr.s_addr = sl_Htonl(ip);
    sl_Connect(sd, (const SlSockAddr_t *)&a, sizeof(a));

    /* More of the usual flow: start, clock, CA file, domain, mask, select, file write. */
    SlDateTime_t dt = { 0 };
    SlSockSecureMask_t mask = { SL_SEC_MASK_SECURE_DEFAULT };
    SlSockSecureALPN_t alpn = { SL_SECURE_ALPN_H1 | SL_SECURE_ALPN_H2 };
    SlSockNonblocking_t nb = { 1 };
    SlTimeval_t tv = { 1, 0 };
    SlFdSet_t rd;
    SlSockSSLConnectionParams_t params;
    SlSocklen_t plen = sizeof(params);
    const char ca[] = "/cert/ca.der";
    _u32 token = 0;
    _u8 data[4] = { 0 };
    _i32 fh;

    if (sl_Start(NULL, NULL, NULL) < 0) {
        return;
    }
    dt.tm_day = 1;
    dt.tm_mon = 1;
    dt.tm_year = 2024;
    sl_DeviceSet(SL_DEVICE_GENERAL, SL_DEVICE_GENERAL_DATE_TIME, sizeof(SlDateTime_t), (_u8 *)&dt);
    sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECURE_FILES_CA_FILE_NAME, ca, strlen(ca));
    sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECURE_DOMAIN_NAME_VERIFICATION, host, strlen(host));
    sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECURE_MASK, &mask, sizeof(mask));
    sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SECURE_ALPN, &alpn, sizeof(alpn));
    sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_NONBLOCKING, &nb, sizeof(nb));
    sl_SetSockOpt(sd, SL_SOL_SOCKET, SL_SO_RCVTIMEO, &tv, sizeof(tv));
    SL_SOCKET_FD_ZERO(&rd);
    SL_SOCKET_FD_SET(sd, &rd);
    if (sl_Select(sd + 1, &rd, NULL, NULL, &tv) > 0 && SL_SOCKET_FD_ISSET(sd, &rd)) {
        sl_Recv(sd, data, sizeof(data), 0);
    }
    sl_GetSockOpt(sd, SL_SOL_SOCKET, SL_SO_SSL_CONNECTION_PARAMS, &params, &plen);
    sl_Close(sd);
    fh = sl_FsOpen((const _u8 *)"/cert/ca.der",
                   SL_FS_CREATE | SL_FS_OVERWRITE | SL_FS_CREATE_FAILSAFE |
                       SL_FS_CREATE_MAX_SIZE(sizeof(data)),
                   &token);
    if (fh >= 0) {
        sl_FsWrite(fh, 0, data, sizeof(data));
        sl_FsClose(fh, NULL, NULL, 0);
    }
    sl_Stop(0xFFFF);
}
#endif /* SLSIM_TI_COMPILE_ONLY */

/* ---- handlers as an application writes them (definitions must match the prototypes) ------- */

void SimpleLinkFatalErrorEventHandler(SlDeviceFatal_t *pSlFatalErrorEvent)
{
    (void)pSlFatalErrorEvent->Data.DeviceAssert.Code;
}

void SimpleLinkGeneralEventHandler(SlDeviceEvent_t *pSlDeviceEvent)
{
    (void)pSlDeviceEvent->Data.Error.Code;
}

void SimpleLinkWlanEventHandler(SlWlanEvent_t *pSlWlanEvent)
{
    if (pSlWlanEvent->Id == SL_WLAN_EVENT_DISCONNECT) {
        (void)pSlWlanEvent->Data.Disconnect.ReasonCode;
    }
}

void SimpleLinkNetAppEventHandler(SlNetAppEvent_t *pSlNetAppEvent)
{
    if (pSlNetAppEvent->Id == SL_NETAPP_EVENT_IPV4_ACQUIRED) {
        (void)SL_IPV4_BYTE(pSlNetAppEvent->Data.IpAcquiredV4.Ip, 3);
    }
}

void SimpleLinkSockEventHandler(SlSockEvent_t *pSlSockEvent)
{
    if (pSlSockEvent->Event == SL_SOCKET_ASYNC_EVENT &&
        pSlSockEvent->SocketAsyncEvent.SockAsyncData.Type == SL_SSL_NOTIFICATION_WRONG_ROOT_CA) {
        (void)pSlSockEvent->SocketAsyncEvent.SockAsyncData.pExtraInfo[0];
    }
}

void SimpleLinkHttpServerEventHandler(SlNetAppHttpServerEvent_t *pSlHttpServerEvent,
                                      SlNetAppHttpServerResponse_t *pSlHttpServerResponse)
{
    (void)pSlHttpServerEvent;
    (void)pSlHttpServerResponse;
}

void SimpleLinkNetAppRequestEventHandler(SlNetAppRequest_t *pNetAppRequest,
                                         SlNetAppResponse_t *pNetAppResponse)
{
    (void)pNetAppRequest;
    (void)pNetAppResponse;
}

void SimpleLinkNetAppRequestMemFreeEventHandler(_u8 *buffer)
{
    (void)buffer;
}

/* ---- constant values --------------------------------------------------------------------- */

struct const_case {
    const char *name;
    long long got;
    long long want;
};

#define C(sym, expect)                                          \
    {                                                           \
        .name = #sym, .got = (long long)(sym), .want = (expect) \
    }

static const struct const_case constants[] = {
    /* simplelink.h */
    C(SL_MAJOR_VERSION_NUM, 3),
    C(SL_MINOR_VERSION_NUM, 0),
    C(SL_VERSION_NUM, 1),
    C(SL_SUB_VERSION_NUM, 61),
    C(SL_MAX_SOCKETS, 16),
    C(FALSE, 0),
    C(TRUE, 1),
    C(EVENT_PROPAGATION_BLOCK, 0),
    C(EVENT_PROPAGATION_CONTINUE, 1),
    C(SL_EVENT_HDL_FATAL_ERROR, 0),
    C(SL_EVENT_HDL_DEVICE_GENERAL, 1),
    C(SL_EVENT_HDL_WLAN, 2),
    C(SL_EVENT_HDL_NETAPP, 3),
    C(SL_EVENT_HDL_SOCKET, 4),
    C(SL_EVENT_HDL_HTTP_SERVER, 5),
    C(SL_EVENT_HDL_NETAPP_REQUEST, 6),
    C(SL_EVENT_HDL_MEM_FREE, 7),
    C(SL_EVENT_HDL_SOCKET_TRIGGER, 8),
    C(SL_NUM_OF_EVENT_TYPES, 9),
    /* sl_socket.h: constants */
    C(SL_FD_SETSIZE, 16),
    C(SL_BSD_SOCKET_ID_MASK, 0x1F),
    C(SL_SOCK_STREAM, 1),
    C(SL_SOCK_DGRAM, 2),
    C(SL_SOCK_RAW, 3),
    C(SL_SOCK_RX_MTR, 4),
    C(SL_IPPROTO_TCP, 6),
    C(SL_IPPROTO_UDP, 17),
    C(SL_IPPROTO_RAW, 255),
    C(SL_SEC_SOCKET, 100),
    C(SL_AF_INET, 2),
    C(SL_AF_INET6, 3),
    C(SL_AF_RF, 6),
    C(SL_AF_PACKET, 17),
    C(SL_PF_INET, AF_INET),
    C(SL_PF_INET6, AF_INET6),
    C(SL_INADDR_ANY, 0),
    C(SL_IN6ADDR_ANY, 0),
    C(SL_SOCKET_PAYLOAD_TYPE_MASK, 0xF0),
    C(SL_SOCKET_PAYLOAD_TYPE_RAW_TRANCEIVER, 0x80),
    C(SL_SOCKET_TX_FAILED_EVENT, 1),
    C(SL_SOCKET_ASYNC_EVENT, 2),
    C(SL_SOCKET_TRIGGER_EVENT_SELECT, 1),
    C(SL_SOL_SOCKET, 1),
    C(SL_IPPROTO_IP, 2),
    C(SL_SOL_PHY_OPT, 3),
    C(SL_MSG_DONTWAIT, 0x00000008),
    C(SL_IP_LEASE_PEER_RELEASE, 0),
    C(SL_IP_LEASE_PEER_DECLINE, 1),
    C(SL_IP_LEASE_EXPIRED, 2),
    /* sl_socket.h: options */
    C(SL_SO_RCVBUF, 8),
    C(SL_SO_KEEPALIVE, 9),
    C(SL_SO_LINGER, 13),
    C(SL_SO_RCVTIMEO, 20),
    C(SL_SO_NONBLOCKING, 24),
    C(SL_SO_SECMETHOD, 25),
    C(SL_SO_SECURE_MASK, 26),
    C(SL_SO_SECURE_FILES, 27),
    C(SL_SO_CHANGE_CHANNEL, 28),
    C(SL_SO_SECURE_FILES_PRIVATE_KEY_FILE_NAME, 30),
    C(SL_SO_SECURE_FILES_CERTIFICATE_FILE_NAME, 31),
    C(SL_SO_SECURE_FILES_CA_FILE_NAME, 32),
    C(SL_SO_SECURE_FILES_PEER_CERT_OR_DH_KEY_FILE_NAME, 33),
    C(SL_SO_STARTTLS, 35),
    C(SL_SO_SSL_CONNECTION_PARAMS, 36),
    C(SL_SO_KEEPALIVETIME, 37),
    C(SL_SO_SECURE_DISABLE_CERTIFICATE_STORE, 38),
    C(SL_SO_RX_NO_IP_BOUNDARY, 39),
    C(SL_SO_SECURE_ALPN, 40),
    C(SL_SO_SECURE_EXT_CLIENT_CHLNG_RESP, 41),
    C(SL_SO_SECURE_DOMAIN_NAME_VERIFICATION, 42),
    C(SL_SO_SECURE_ENABLE_OCSP, 43),
    C(SL_SO_SECURE_ALPN_GENERAL, 44),
    C(SL_IP_MULTICAST_IF, 60),
    C(SL_IP_MULTICAST_TTL, 61),
    C(SL_IP_ADD_MEMBERSHIP, 65),
    C(SL_IP_DROP_MEMBERSHIP, 66),
    C(SL_IP_HDRINCL, 67),
    C(SL_IP_RAW_RX_NO_HEADER, 68),
    C(SL_IP_RAW_IPV6_HDRINCL, 69),
    C(SL_IPV6_ADD_MEMBERSHIP, 70),
    C(SL_IPV6_DROP_MEMBERSHIP, 71),
    C(SL_IPV6_MULTICAST_HOPS, 72),
    C(SL_SO_PHY_RATE, 100),
    C(SL_SO_PHY_TX_POWER, 101),
    C(SL_SO_PHY_NUM_FRAMES_TO_TX, 102),
    C(SL_SO_PHY_PREAMBLE, 103),
    C(SL_SO_PHY_TX_INHIBIT_THRESHOLD, 104),
    C(SL_SO_PHY_TX_TIMEOUT, 105),
    C(SL_SO_PHY_ALLOW_ACKS, 106),
    C(SL_SO_PHY_RX_BSSID_DATA_FRAMES, 107),
    /* sl_socket.h: secure sockets */
    C(SL_SO_SEC_METHOD_SSLV3, 0),
    C(SL_SO_SEC_METHOD_TLSV1, 1),
    C(SL_SO_SEC_METHOD_TLSV1_1, 2),
    C(SL_SO_SEC_METHOD_TLSV1_2, 3),
    C(SL_SO_SEC_METHOD_SSLv3_TLSV1_2, 4),
    C(SL_SO_SEC_METHOD_DLSV1, 5),
    C(SL_SEC_MASK_SSL_RSA_WITH_RC4_128_SHA, 0x000001),
    C(SL_SEC_MASK_SSL_RSA_WITH_RC4_128_MD5, 0x000002),
    C(SL_SEC_MASK_TLS_RSA_WITH_AES_256_CBC_SHA, 0x000004),
    C(SL_SEC_MASK_TLS_DHE_RSA_WITH_AES_256_CBC_SHA, 0x000008),
    C(SL_SEC_MASK_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, 0x000010),
    C(SL_SEC_MASK_TLS_ECDHE_RSA_WITH_RC4_128_SHA, 0x000020),
    C(SL_SEC_MASK_TLS_RSA_WITH_AES_128_CBC_SHA256, 0x000040),
    C(SL_SEC_MASK_TLS_RSA_WITH_AES_256_CBC_SHA256, 0x000080),
    C(SL_SEC_MASK_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, 0x000100),
    C(SL_SEC_MASK_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, 0x000200),
    C(SL_SEC_MASK_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, 0x000400),
    C(SL_SEC_MASK_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, 0x000800),
    C(SL_SEC_MASK_TLS_RSA_WITH_AES_128_GCM_SHA256, 0x001000),
    C(SL_SEC_MASK_TLS_RSA_WITH_AES_256_GCM_SHA384, 0x002000),
    C(SL_SEC_MASK_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, 0x004000),
    C(SL_SEC_MASK_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, 0x008000),
    C(SL_SEC_MASK_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 0x010000),
    C(SL_SEC_MASK_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, 0x020000),
    C(SL_SEC_MASK_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, 0x040000),
    C(SL_SEC_MASK_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, 0x080000),
    C(SL_SEC_MASK_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, 0x100000),
    C(SL_SEC_MASK_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, 0x200000),
    C(SL_SEC_MASK_TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256, 0x400000),
    C(SL_SEC_MASK_SECURE_DEFAULT, 0x7FFFFF),
    C(SL_SECURE_ALPN_H1, 0x01),
    C(SL_SECURE_ALPN_H2, 0x02),
    C(SL_SECURE_ALPN_H2C, 0x04),
    C(SL_SECURE_ALPN_H2_14, 0x08),
    C(SL_SECURE_ALPN_H2_16, 0x10),
    C(SL_SECURE_ALPN_FULL_LIST, 0x1F),
    C(SL_MAX_ISSUER_AND_SUBJECT_NAME_LEN, 16),
    C(SL_BSD_SECURED_PRIVATE_KEY_IDX, 0),
    C(SL_BSD_SECURED_CERTIFICATE_IDX, 1),
    C(SL_BSD_SECURED_CA_IDX, 2),
    C(SL_BSD_SECURED_DH_IDX, 3),
    /* sl_socket.h: async event subtypes */
    C(SL_SSL_ACCEPT, 0),
    C(SL_RX_FRAGMENTATION_TOO_BIG, 1),
    C(SL_OTHER_SIDE_CLOSE_SSL_DATA_NOT_ENCRYPTED, 2),
    C(SL_SSL_NOTIFICATION_CONNECTED_SECURED, 3),
    C(SL_SSL_NOTIFICATION_HANDSHAKE_FAILED, 4),
    C(SL_SSL_NOTIFICATION_WRONG_ROOT_CA, 5),
    C(SL_SOCKET_ASYNC_EVENT_SSL_NOTIFICATION_WRONG_ROOT_CA, 5),
    /* fs.h */
    C(SL_FS_OPEN_MODE_BIT_MASK, 0xF8000000),
    C(SL_NUM_OF_MODE_BIT, 5),
    C(SL_FS_OPEN_FLAGS_BIT_MASK, 0x07FE0000),
    C(SL_NUM_OF_FLAGS_BIT, 10),
    C(SL_FS_OPEN_MAXSIZE_BIT_MASK, 0x0001FFFF),
    C(SL_NUM_OF_MAXSIZE_BIT, 17),
    C(SL_FS_CREATE, 0x08000000),
    C(SL_FS_WRITE, 0x10000000),
    C(SL_FS_OVERWRITE, 0x20000000),
    C(SL_FS_READ, 0x40000000),
    C(SL_FS_CREATE_FAILSAFE, 0x00020000),
    C(SL_FS_CREATE_SECURE, 0x00040000),
    C(SL_FS_CREATE_NOSIGNATURE, 0x00080000),
    C(SL_FS_CREATE_STATIC_TOKEN, 0x00100000),
    C(SL_FS_CREATE_VENDOR_TOKEN, 0x00200000),
    C(SL_FS_CREATE_PUBLIC_WRITE, 0x00400000),
    C(SL_FS_CREATE_PUBLIC_READ, 0x00800000),
    C(SL_FS_WRITE_MUST_COMMIT, 0x01000000),
    C(SL_FS_WRITE_BUNDLE_FILE, 0x02000000),
    C(SL_FS_WRITE_ENCRYPTED, 0x04000000),
    C(SL_FS_CREATE_MAX_SIZE(0), 0),
    C(SL_FS_CREATE_MAX_SIZE(1), 1),
    C(SL_FS_CREATE_MAX_SIZE(255), 1),
    C(SL_FS_CREATE_MAX_SIZE(256), 1),
    C(SL_FS_CREATE_MAX_SIZE(257), 2),
    C(SL_FS_CREATE_MAX_SIZE(3584), 14),
    C(SL_FS_CREATE_MAX_SIZE(4096), 16),
    C(SL_FS_CREATE_MAX_SIZE(0xFF0000), 0xFF00),
    C(SL_FS_CREATE_MAX_SIZE(0x1FFFF00), 0x1FFFF),
    C(SL_FS_CREATE_MAX_SIZE(0x2000000), 0),
    C(SL_FS_MAX_FILE_NAME_LENGTH, 180),
    C(SL_FS_INFO_MUST_COMMIT, 0x0001),
    C(SL_FS_INFO_BUNDLE_FILE, 0x0002),
    C(SL_FS_INFO_PENDING_COMMIT, 0x0004),
    C(SL_FS_INFO_PENDING_BUNDLE_COMMIT, 0x0008),
    C(SL_FS_INFO_SECURE, 0x0010),
    C(SL_FS_INFO_NOT_FAILSAFE, 0x0020),
    C(SL_FS_INFO_SYS_FILE, 0x0040),
    C(SL_FS_INFO_NOT_VALID, 0x0100),
    C(SL_FS_INFO_PUBLIC_WRITE, 0x0200),
    C(SL_FS_INFO_PUBLIC_READ, 0x0400),
    C(SL_FS_INFO_OPEN_READ, 0x0800),
    C(SL_FS_INFO_OPEN_WRITE, 0x1000),
    C(SL_FS_INFO_NOSIGNATURE, 0x2000),
    C(SL_FS_TOKEN_MASTER, 0),
    C(SL_FS_TOKEN_WRITE_READ, 1),
    C(SL_FS_TOKEN_WRITE_ONLY, 2),
    C(SL_FS_TOKEN_READ_ONLY, 3),
    C(SL_FS_GET_FILE_ATTRIBUTES, 0x1),
    C(SL_FS_CTL_RESTORE, 0),
    C(SL_FS_CTL_ROLLBACK, 1),
    C(SL_FS_CTL_COMMIT, 2),
    C(SL_FS_CTL_RENAME, 3),
    C(SL_FS_CTL_GET_STORAGE_INFO, 5),
    C(SL_FS_CTL_BUNDLE_ROLLBACK, 6),
    C(SL_FS_CTL_BUNDLE_COMMIT, 7),
    C(SL_FS_BUNDLE_STATE_STOPPED, 0),
    C(SL_FS_BUNDLE_STATE_STARTED, 1),
    C(SL_FS_BUNDLE_STATE_PENDING_COMMIT, 3),
    C(SL_FS_FACTORY_RET_TO_IMAGE, 0),
    C(SL_FS_FACTORY_RET_TO_DEFAULT, 2),
    /* device.h */
    C(SL_DEVICE_GENERAL, 1),
    C(SL_DEVICE_STATUS, 2),
    C(SL_DEVICE_IOT, 4),
    C(SL_DEVICE_FIPS, 6),
    C(SL_DEVICE_GENERAL_PERSISTENT, 5),
    C(SL_DEVICE_GENERAL_DATE_TIME, 11),
    C(SL_DEVICE_GENERAL_VERSION, 12),
    C(SL_DEVICE_STAT_PM, 14),
    C(SL_DEVICE_STAT_WLAN_RX, 16),
    C(SL_DEVICE_FIPS_ZEROIZATION, 20),
    C(SL_DEVICE_IOT_UDID, 41),
    C(SL_DEVICE_DICE_VERSION, 14),
    C(SL_DEVICE_SYSCONFIG_AS_CONFIGURED, 99),
    C(SL_DEVICE_EVENT_CLASS_DEVICE, 1),
    C(SL_DEVICE_EVENT_CLASS_WLAN, 2),
    C(SL_DEVICE_EVENT_CLASS_BSD, 3),
    C(SL_DEVICE_EVENT_CLASS_NETAPP, 4),
    C(SL_DEVICE_EVENT_CLASS_NETCFG, 5),
    C(SL_DEVICE_EVENT_CLASS_FS, 6),
    C(SL_DEVICE_EVENT_CLASS_NETUTIL, 7),
    C(SL_DEVICE_EVENT_BIT(0), 0x1),
    C(SL_DEVICE_EVENT_BIT(5), 0x20),
    C(SL_DEVICE_EVENT_DROPPED_SOCKET_TXFAILEDASYNCRESPONSE, 0x1),
    C(SL_DEVICE_EVENT_FATAL_DEVICE_ABORT, 1),
    C(SL_DEVICE_EVENT_FATAL_DRIVER_ABORT, 2),
    C(SL_DEVICE_EVENT_FATAL_SYNC_LOSS, 3),
    C(SL_DEVICE_EVENT_FATAL_NO_CMD_ACK, 4),
    C(SL_DEVICE_EVENT_FATAL_CMD_TIMEOUT, 5),
    C(SL_DEVICE_EVENT_RESET_REQUEST, 6),
    C(SL_DEVICE_EVENT_ERROR, 7),
    C(SL_DEVICE_EVENT_MAX, 8),
    C(SL_DEVICE_SOURCE_OTHER, 0),
    C(SL_DEVICE_SOURCE_WLAN, 1),
    C(SL_DEVICE_SOURCE_NETCFG, 2),
    C(SL_DEVICE_SOURCE_NETAPP, 3),
    C(SL_DEVICE_SOURCE_SECURITY, 4),
    C(SL_DEVICE_SOURCE_LAST, 0xFF),
    /* wlan.h */
    C(ROLE_STA, 0),
    C(ROLE_RESERVED, 1),
    C(ROLE_AP, 2),
    C(ROLE_P2P, 3),
    C(ROLE_TAG, 4),
    C(SL_WLAN_SEC_TYPE_OPEN, 0),
    C(SL_WLAN_SEC_TYPE_WEP, 1),
    C(SL_WLAN_SEC_TYPE_WPA, 2),
    C(SL_WLAN_SEC_TYPE_WPA_WPA2, 2),
    C(SL_WLAN_SEC_TYPE_WPS_PBC, 3),
    C(SL_WLAN_SEC_TYPE_WPS_PIN, 4),
    C(SL_WLAN_SEC_TYPE_WPA_ENT, 5),
    C(SL_WLAN_SEC_TYPE_P2P_PBC, 6),
    C(SL_WLAN_SEC_TYPE_P2P_PIN_KEYPAD, 7),
    C(SL_WLAN_SEC_TYPE_P2P_PIN_DISPLAY, 8),
    C(SL_WLAN_SEC_TYPE_P2P_PIN_AUTO, 9),
    C(SL_WLAN_SEC_TYPE_WEP_SHARED, 10),
    C(SL_WLAN_SEC_TYPE_WPA2_PLUS, 11),
    C(SL_WLAN_SEC_TYPE_WPA3, 12),
    C(SL_WLAN_SEC_TYPE_WPA_PMK, 15),
    C(SL_WLAN_SSID_MAX_LENGTH, 32),
    C(SL_WLAN_BSSID_LENGTH, 6),
    C(SL_WLAN_MAX_PROFILES, 7),
    C(SL_WLAN_DEL_ALL_PROFILES, 255),
    C(SL_WLAN_EVENT_CONNECT, 1),
    C(SL_WLAN_EVENT_DISCONNECT, 2),
    C(SL_WLAN_EVENT_STA_ADDED, 3),
    C(SL_WLAN_EVENT_STA_REMOVED, 4),
    C(SL_WLAN_EVENT_P2P_CONNECT, 5),
    C(SL_WLAN_EVENT_P2P_DISCONNECT, 6),
    C(SL_WLAN_EVENT_P2P_CLIENT_ADDED, 7),
    C(SL_WLAN_EVENT_P2P_CLIENT_REMOVED, 8),
    C(SL_WLAN_EVENT_P2P_DEVFOUND, 9),
    C(SL_WLAN_EVENT_P2P_REQUEST, 10),
    C(SL_WLAN_EVENT_P2P_CONNECTFAIL, 11),
    C(SL_WLAN_EVENT_RXFILTER, 12),
    C(SL_WLAN_EVENT_PROVISIONING_STATUS, 13),
    C(SL_WLAN_EVENT_PROVISIONING_PROFILE_ADDED, 14),
    C(SL_WLAN_EVENT_LINK_QUALITY_TRIGGER, 15),
    C(SL_WLAN_EVENT_MAX, 16),
    C(SL_WLAN_DISCONNECT_UNSPECIFIED, 1),
    C(SL_WLAN_DISCONNECT_AUTH_NO_LONGER_VALID, 2),
    C(SL_WLAN_DISCONNECT_DEAUTH_SENDING_STA_LEAVING, 3),
    C(SL_WLAN_DISCONNECT_INACTIVITY, 4),
    C(SL_WLAN_DISCONNECT_MIC_FAILURE, 14),
    C(SL_WLAN_DISCONNECT_FOURWAY_HANDSHAKE_TIMEOUT, 15),
    C(SL_WLAN_DISCONNECT_IEEE_802_1X_AUTHENTICATION_FAILED, 23),
    C(SL_WLAN_DISCONNECT_USER_INITIATED, 200),
    C(SL_WLAN_DISCONNECT_AUTH_TIMEOUT, 202),
    C(SL_WLAN_DISCONNECT_ASSOC_TIMEOUT, 203),
    C(SL_WLAN_DISCONNECT_SECURITY_FAILURE, 204),
    C(SL_WLAN_DISCONNECT_WHILE_CONNNECTING, 208),
    C(SL_WLAN_DISCONNECT_MISSING_CERT, 209),
    C(SL_WLAN_DISCONNECT_CERTIFICATE_EXPIRED, 210),
    C(SL_WLAN_STATUS_DISCONNECTED, 0),
    C(SL_WLAN_STATUS_SCANING, 1),
    C(SL_WLAN_STATUS_CONNECTING, 2),
    C(SL_WLAN_STATUS_CONNECTED, 3),
    C(SL_WLAN_POLICY_CONNECTION, 0x10),
    C(SL_WLAN_POLICY_SCAN, 0x20),
    C(SL_WLAN_POLICY_PM, 0x30),
    C(SL_WLAN_POLICY_P2P, 0x40),
    C(SL_WLAN_CONNECTION_POLICY(1, 0, 0, 0), 0x01),
    C(SL_WLAN_CONNECTION_POLICY(1, 1, 1, 1), 0x2B),
    C(SL_WLAN_SCAN_POLICY(1, 1), 0x03),
    C(SL_WLAN_CONNECTION_INFO, 5),
    C(SL_WLAN_DISCONNECTED, 0),
    C(SL_WLAN_CONNECTED_STA, 1),
    C(SL_WLAN_CONNECTED_P2PCL, 2),
    C(SL_WLAN_CONNECTED_P2PGO, 3),
    C(SL_WLAN_AP_CONNECTED_STATIONS, 4),
    /* netapp.h */
    C(SL_NETAPP_RX_BUFFER_LENGTH_ERROR, -230),
    C(SL_NETAPP_DNS_CLIENT_ID, 0x20),
    C(SL_NETAPP_DNS_CLIENT_TIME, 0),
    C(SL_NETAPP_DNS_CLIENT_CACHE_CLEAR, 1),
    C(SL_NETAPP_DNS_CLIENT_CACHE_ENABLE, 2),
    C(SL_NETAPP_EVENT_IPV4_ACQUIRED, 1),
    C(SL_NETAPP_EVENT_IPV6_ACQUIRED, 2),
    C(SL_NETAPP_EVENT_IP_COLLISION, 3),
    C(SL_NETAPP_EVENT_DHCPV4_LEASED, 4),
    C(SL_NETAPP_EVENT_DHCPV4_RELEASED, 5),
    C(SL_NETAPP_EVENT_HTTP_TOKEN_GET, 6),
    C(SL_NETAPP_EVENT_HTTP_TOKEN_POST, 7),
    C(SL_NETAPP_EVENT_IPV4_LOST, 8),
    C(SL_NETAPP_EVENT_DHCP_IPV4_ACQUIRE_TIMEOUT, 9),
    C(SL_NETAPP_EVENT_IPV6_LOST, 10),
    C(SL_NETAPP_EVENT_NO_IPV4_COLLISION_DETECTED, 11),
    C(SL_NETAPP_EVENT_NO_LOCAL_IPV6_COLLISION_DETECTED, 12),
    C(SL_NETAPP_EVENT_NO_GLOBAL_IPV6_COLLISION_DETECTED, 13),
    C(SL_NETAPP_EVENT_MAX, 14),
    /* netcfg.h */
    C(SL_IPV4_VAL(192, 168, 1, 2), 0xC0A80102),
    C(SL_IPV4_VAL(255, 0, 0, 1), 0xFF000001),
    C(SL_IPV4_BYTE(0xC0A80102, 3), 192),
    C(SL_IPV4_BYTE(0xC0A80102, 0), 2),
    C(SL_MAC_ADDR_LEN, 6),
    C(SL_IPV6_ADDR_LEN, 16),
    C(SL_NETCFG_MAC_ADDRESS_GET, 2),
    C(SL_NETCFG_IPV4_STA_ADDR_MODE, 7),
    C(SL_NETCFG_IPV4_DHCP_CLIENT, 11),
    C(SL_NETCFG_IPV4_DNS_CLIENT, 12),
    C(SL_NETCFG_ADDR_DHCP, 1),
    C(SL_NETCFG_ADDR_DHCP_LLA, 2),
    C(SL_NETCFG_ADDR_STATIC, 4),
    /* errors.h, a sample (the full set is pinned by the golden error table) */
    C(SL_RET_CODE_OK, 0),
    C(SL_FS_OK, 0),
    C(SL_ERROR_BSD_EWOULDBLOCK, -11),
    C(SL_ERROR_BSD_EOBUFF, -105),
    C(SL_ENOBUFS, -105),
    C(SL_ERROR_BSD_ESECT00MANYSSLOPENED, -460),
    C(SL_ERROR_FS_ROOT_CA_IS_UNKOWN, -10287),
    C(SL_ERROR_NET_APP_DNS_TIMEOUTR, -6153),
    C(SL_ERROR_FS_WRONG_INPUT_SIZE_INTERNAL_SHIFTED_16_LEFT, -673579008),
    C(SL_ERROR_FS_NOT_16_ALIGNED_INTERNAL_SHIFTED_16_LEFT, -674430976),
};

/* Error codes must work in #if. */
#if SL_ERROR_BSD_ESECUNKNOWNROOTCA != -468 || SL_ERROR_BSD_EWOULDBLOCK != -11
#error "errors.h values are not usable in #if"
#endif

/* The short and R1-compatibility names are not defined by these headers. */
#if defined(SL_FD_SET) || defined(SL_FD_ZERO) || defined(SL_EAGAIN) || defined(SL_ENSOCK) || \
    defined(SL_IPPROTO_SEC) || defined(SL_SO_SECURE_FILES_DH_KEY_FILE_NAME)
#error "a name that TI's headers do not define is defined"
#endif

static void test_sl_constants__match_reference(void **state)
{
    (void)state;
    size_t failures = 0;
    for (size_t i = 0; i < sizeof(constants) / sizeof(constants[0]); i++) {
        if (constants[i].got != constants[i].want) {
            print_error("%s = %lld, want %lld\n", constants[i].name, constants[i].got,
                        constants[i].want);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

static void test_sl_version__driver_3_0_1_61(void **state)
{
    (void)state;
    assert_string_equal(SL_DRIVER_VERSION, "3.0.1.61");
}

static void test_sl_fs_open_word__fields_do_not_overlap(void **state)
{
    (void)state;
    _u32 modes = SL_FS_CREATE | SL_FS_WRITE | SL_FS_OVERWRITE | SL_FS_READ;
    _u32 flags = SL_FS_CREATE_FAILSAFE | SL_FS_CREATE_SECURE | SL_FS_CREATE_NOSIGNATURE |
                 SL_FS_CREATE_STATIC_TOKEN | SL_FS_CREATE_VENDOR_TOKEN | SL_FS_CREATE_PUBLIC_WRITE |
                 SL_FS_CREATE_PUBLIC_READ | SL_FS_WRITE_MUST_COMMIT | SL_FS_WRITE_BUNDLE_FILE |
                 SL_FS_WRITE_ENCRYPTED;

    assert_int_equal(modes & ~(_u32)SL_FS_OPEN_MODE_BIT_MASK, 0);
    assert_int_equal(flags, SL_FS_OPEN_FLAGS_BIT_MASK);
    assert_int_equal(SL_FS_OPEN_MODE_BIT_MASK | SL_FS_OPEN_FLAGS_BIT_MASK |
                         SL_FS_OPEN_MAXSIZE_BIT_MASK,
                     0xFFFFFFFFu);
    assert_int_equal(SL_NUM_OF_MODE_BIT + SL_NUM_OF_FLAGS_BIT + SL_NUM_OF_MAXSIZE_BIT, 32);
}

static void test_sl_in_addr__s_addr_is_32bit_member(void **state)
{
    (void)state;
    SlSockAddrIn_t a;
    const _u8 *p = (const _u8 *)&a.sin_addr;

    memset(&a, 0, sizeof(a));
    a.sin_addr.s_addr = 0x04030201u;
    /* s_addr is a plain 32-bit member at offset 4; on little-endian x86-64 the low byte
       comes first */
    assert_int_equal(p[0], 0x01);
    assert_int_equal(p[3], 0x04);
    assert_int_equal(sizeof(a.sin_addr.s_addr), 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sl_constants__match_reference),
        cmocka_unit_test(test_sl_version__driver_3_0_1_61),
        cmocka_unit_test(test_sl_fs_open_word__fields_do_not_overlap),
        cmocka_unit_test(test_sl_in_addr__s_addr_is_32bit_member),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
