/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sl_socket.h
 * @brief SimpleLink BSD-like socket API: constants, socket options, secure-socket settings,
 *        address and option structures, socket events and functions. Restated for slsim from
 *        public facts about TI's host driver 3.0.1.61; this is not TI's file.
 *
 * All functions return a negative SimpleLink code from errors.h on failure, never errno.
 * Deviations from TI are listed in docs/compat-deviations.md.
 */
/* clang-format off */
#include <ti/drivers/net/wifi/simplelink.h>

#ifndef __SL_SOCKET_H__
#define __SL_SOCKET_H__

/* ------------------------------------------------------------------------------------------ */
/* Constants                                                                                  */
/* ------------------------------------------------------------------------------------------ */

#undef SL_FD_SETSIZE
#define SL_FD_SETSIZE                           SL_MAX_SOCKETS

#define SL_BSD_SOCKET_ID_MASK                   (0x1F)      /* socket index bits of an sd */

/* Socket types */
#define SL_SOCK_STREAM                          (1)         /* TCP */
#define SL_SOCK_DGRAM                           (2)         /* UDP */
#define SL_SOCK_RAW                             (3)         /* raw */
#define SL_SOCK_RX_MTR                          (4)         /* RX metrics (with SL_AF_RF) */

/* Protocols. SL_SEC_SOCKET as the protocol argument of sl_Socket makes a TLS socket. */
#define SL_IPPROTO_TCP                          (6)
#define SL_IPPROTO_UDP                          (17)
#define SL_IPPROTO_RAW                          (255)
#define SL_SEC_SOCKET                           (100)

/* Address families; note SL_AF_INET6 is 3, not Linux's 10 */
#define SL_AF_INET                              (2)
#define SL_AF_INET6                             (3)
#define SL_AF_RF                                (6)         /* transceiver (raw 802.11) */
#define SL_AF_PACKET                            (17)

/* Protocol families, written in terms of the un-prefixed names as in the driver */
#define SL_PF_INET                              AF_INET
#define SL_PF_INET6                             AF_INET6

#define SL_INADDR_ANY                           (0)
#define SL_IN6ADDR_ANY                          (0)

/* High nibble of an sd: payload type */
#define SL_SOCKET_PAYLOAD_TYPE_MASK             (0xF0)
#define SL_SOCKET_PAYLOAD_TYPE_RAW_TRANCEIVER   (0x80)      /* 1536-byte frames */

/* Socket async event ids (SlSockEvent_t.Event) */
#define SL_SOCKET_TX_FAILED_EVENT               (1)
#define SL_SOCKET_ASYNC_EVENT                   (2)

/* Trigger-mode select event id (SlSockTriggerEvent_t.Event) */
#define SL_SOCKET_TRIGGER_EVENT_SELECT          (1)

/* Option levels; note SL_IPPROTO_IP is 2, not Linux's 0 */
#define SL_SOL_SOCKET                           (1)         /* socket (L4) */
#define SL_IPPROTO_IP                           (2)         /* IP (L3) */
#define SL_SOL_PHY_OPT                          (3)         /* PHY (L2) */

/* Per-call flag: do not block */
#define SL_MSG_DONTWAIT                         (0x00000008)

/* DHCP server release reasons */
#define SL_IP_LEASE_PEER_RELEASE                (0)
#define SL_IP_LEASE_PEER_DECLINE                (1)
#define SL_IP_LEASE_EXPIRED                     (2)

/* ------------------------------------------------------------------------------------------ */
/* Socket options (one number space for all levels)                                          */
/* ------------------------------------------------------------------------------------------ */

/* Level SL_SOL_SOCKET */
#define SL_SO_RCVBUF                                        (8)     /* SlSockWinsize_t */
#define SL_SO_KEEPALIVE                                     (9)     /* SlSockKeepalive_t */
#define SL_SO_LINGER                                        (13)    /* SlSocklinger_t */
#define SL_SO_RCVTIMEO                                      (20)    /* SlTimeval_t */
#define SL_SO_NONBLOCKING                                   (24)    /* SlSockNonblocking_t */
#define SL_SO_SECMETHOD                                     (25)    /* SlSockSecureMethod_t */
#define SL_SO_SECURE_MASK                                   (26)    /* SlSockSecureMask_t */
#define SL_SO_SECURE_FILES                                  (27)    /* SlSockSecureFiles_t */
#define SL_SO_CHANGE_CHANNEL                                (28)    /* _u32 channel */
#define SL_SO_SECURE_FILES_PRIVATE_KEY_FILE_NAME            (30)    /* file name */
#define SL_SO_SECURE_FILES_CERTIFICATE_FILE_NAME            (31)    /* file name */
#define SL_SO_SECURE_FILES_CA_FILE_NAME                     (32)    /* file name */
#define SL_SO_SECURE_FILES_PEER_CERT_OR_DH_KEY_FILE_NAME    (33)    /* file name */
#define SL_SO_STARTTLS                                      (35)    /* used by sl_StartTLS */
#define SL_SO_SSL_CONNECTION_PARAMS                         (36)    /* get-only */
#define SL_SO_KEEPALIVETIME                                 (37)    /* _u32 seconds */
#define SL_SO_SECURE_DISABLE_CERTIFICATE_STORE              (38)    /* _u32 */
#define SL_SO_RX_NO_IP_BOUNDARY                             (39)    /* SlSockRxNoIpBoundary_t */
#define SL_SO_SECURE_ALPN                                   (40)    /* SlSockSecureALPN_t */
#define SL_SO_SECURE_EXT_CLIENT_CHLNG_RESP                  (41)    /* dummy int */
#define SL_SO_SECURE_DOMAIN_NAME_VERIFICATION               (42)    /* domain name */
#define SL_SO_SECURE_ENABLE_OCSP                            (43)    /* _u32 */
#define SL_SO_SECURE_ALPN_GENERAL                           (44)    /* protocol name */

/* Level SL_IPPROTO_IP */
#define SL_IP_MULTICAST_IF                                  (60)
#define SL_IP_MULTICAST_TTL                                 (61)    /* _u8 */
#define SL_IP_ADD_MEMBERSHIP                                (65)    /* SlSockIpMreq_t */
#define SL_IP_DROP_MEMBERSHIP                               (66)    /* SlSockIpMreq_t */
#define SL_IP_HDRINCL                                       (67)    /* _u32 */
#define SL_IP_RAW_RX_NO_HEADER                              (68)    /* _u32 */
#define SL_IP_RAW_IPV6_HDRINCL                              (69)    /* _u32 */
#define SL_IPV6_ADD_MEMBERSHIP                              (70)    /* SlSockIpV6Mreq_t */
#define SL_IPV6_DROP_MEMBERSHIP                             (71)    /* SlSockIpV6Mreq_t */
#define SL_IPV6_MULTICAST_HOPS                              (72)

/* Level SL_SOL_PHY_OPT (transceiver sockets) */
#define SL_SO_PHY_RATE                                      (100)   /* _u32 */
#define SL_SO_PHY_TX_POWER                                  (101)   /* _u32, 1..15 */
#define SL_SO_PHY_NUM_FRAMES_TO_TX                          (102)   /* _u32 */
#define SL_SO_PHY_PREAMBLE                                  (103)   /* _u32 */
#define SL_SO_PHY_TX_INHIBIT_THRESHOLD                      (104)   /* _u32, 1..6 */
#define SL_SO_PHY_TX_TIMEOUT                                (105)   /* _u32 ms, max 100 */
#define SL_SO_PHY_ALLOW_ACKS                                (106)   /* _u32 */
#define SL_SO_PHY_RX_BSSID_DATA_FRAMES                      (107)

/* ------------------------------------------------------------------------------------------ */
/* Secure sockets                                                                             */
/* ------------------------------------------------------------------------------------------ */

/* SL_SO_SECMETHOD values (SlSockSecureMethod_t.SecureMethod) */
#define SL_SO_SEC_METHOD_SSLV3                  (0)     /* SSL 3.0 only */
#define SL_SO_SEC_METHOD_TLSV1                  (1)     /* TLS 1.0 only */
#define SL_SO_SEC_METHOD_TLSV1_1                (2)     /* TLS 1.1 only */
#define SL_SO_SEC_METHOD_TLSV1_2                (3)     /* TLS 1.2 only */
#define SL_SO_SEC_METHOD_SSLv3_TLSV1_2          (4)     /* best of SSL 3.0 ... TLS 1.2 (default) */
#define SL_SO_SEC_METHOD_DLSV1                  (5)     /* DTLS 1.0 */

/* SL_SO_SECURE_MASK cipher-suite bits (SlSockSecureMask_t.SecureMask) */
#define SL_SEC_MASK_SSL_RSA_WITH_RC4_128_SHA                        (1 << 0)
#define SL_SEC_MASK_SSL_RSA_WITH_RC4_128_MD5                        (1 << 1)
#define SL_SEC_MASK_TLS_RSA_WITH_AES_256_CBC_SHA                    (1 << 2)
#define SL_SEC_MASK_TLS_DHE_RSA_WITH_AES_256_CBC_SHA                (1 << 3)
#define SL_SEC_MASK_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA              (1 << 4)
#define SL_SEC_MASK_TLS_ECDHE_RSA_WITH_RC4_128_SHA                  (1 << 5)
#define SL_SEC_MASK_TLS_RSA_WITH_AES_128_CBC_SHA256                 (1 << 6)
#define SL_SEC_MASK_TLS_RSA_WITH_AES_256_CBC_SHA256                 (1 << 7)
#define SL_SEC_MASK_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256           (1 << 8)
#define SL_SEC_MASK_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256         (1 << 9)
#define SL_SEC_MASK_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA            (1 << 10)
#define SL_SEC_MASK_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA            (1 << 11)
#define SL_SEC_MASK_TLS_RSA_WITH_AES_128_GCM_SHA256                 (1 << 12)
#define SL_SEC_MASK_TLS_RSA_WITH_AES_256_GCM_SHA384                 (1 << 13)
#define SL_SEC_MASK_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256             (1 << 14)
#define SL_SEC_MASK_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384             (1 << 15)
#define SL_SEC_MASK_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256           (1 << 16)
#define SL_SEC_MASK_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384           (1 << 17)
#define SL_SEC_MASK_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256         (1 << 18)
#define SL_SEC_MASK_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384         (1 << 19)
#define SL_SEC_MASK_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256   (1 << 20)
#define SL_SEC_MASK_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256     (1 << 21)
#define SL_SEC_MASK_TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256       (1 << 22)
/* All of the above: (highest bit << 1) - 1 */
#define SL_SEC_MASK_SECURE_DEFAULT \
    ((SL_SEC_MASK_TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256 << 1) - 1)

/* SL_SO_SECURE_ALPN bits (SlSockSecureALPN_t.SecureALPN) */
#define SL_SECURE_ALPN_H1                       (0x01)  /* "http/1.1" */
#define SL_SECURE_ALPN_H2                       (0x02)  /* "h2" */
#define SL_SECURE_ALPN_H2C                      (0x04)  /* "h2c" */
#define SL_SECURE_ALPN_H2_14                    (0x08)  /* "h2-14" */
#define SL_SECURE_ALPN_H2_16                    (0x10)  /* "h2-16" */
#define SL_SECURE_ALPN_FULL_LIST                (0x1F)  /* all of the above */

/* Length of the peer subject/issuer names in SlSockSSLCertInfo_t */
#define SL_MAX_ISSUER_AND_SUBJECT_NAME_LEN      (16)

/* ------------------------------------------------------------------------------------------ */
/* Socket async events (SL_SOCKET_ASYNC_EVENT subtypes in SlSocketAsyncEvent_t.Type)          */
/* ------------------------------------------------------------------------------------------ */

/* Server: TCP accept worked but the TLS handshake failed; Val holds the error */
#define SL_SSL_ACCEPT                                       (0)
/* Connectionless socket: a datagram needing more than 16 KB of reassembly was dropped */
#define SL_RX_FRAGMENTATION_TOO_BIG                         (1)
/* The peer went back from TLS to plain data */
#define SL_OTHER_SIDE_CLOSE_SSL_DATA_NOT_ENCRYPTED          (2)
/* StartTLS handshake done / failed (Val holds the error); consumed by sl_StartTLS */
#define SL_SSL_NOTIFICATION_CONNECTED_SECURED               (3)
#define SL_SSL_NOTIFICATION_HANDSHAKE_FAILED                (4)
/* The configured root CA is not the right one; pExtraInfo names the expected root CA */
#define SL_SSL_NOTIFICATION_WRONG_ROOT_CA                   (5)
#define SL_SOCKET_ASYNC_EVENT_SSL_NOTIFICATION_WRONG_ROOT_CA    SL_SSL_NOTIFICATION_WRONG_ROOT_CA

/* ------------------------------------------------------------------------------------------ */
/* Types                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/* IPv4 address, network byte order. If a system header already made s_addr a macro (as
   Windows-style headers do, expanding to S_un.S_addr), the union form is used instead. */
typedef struct SlInAddr_t {
#ifndef s_addr
    _u32 s_addr;
#else
    union S_un {
        struct {
            _u8 s_b1, s_b2, s_b3, s_b4;
        } S_un_b;
        struct {
            _u16 s_w1, s_w2;
        } S_un_w;
        _u32 S_addr;
    } S_un;
#endif
} SlInAddr_t;

/* IPv6 address */
typedef struct {
    union {
        _u8  _S6_u8[16];
        _u32 _S6_u32[4];
    } _S6_un;
} SlIn6Addr_t;

/* Generic socket address (16 bytes) */
typedef struct {
    _u16 sa_family;
    _u8  sa_data[14];
} SlSockAddr_t;

/* IPv4 socket address (16 bytes); port and address in network byte order */
typedef struct {
    _u16       sin_family;
    _u16       sin_port;
    SlInAddr_t sin_addr;
    _i8        sin_zero[8];
} SlSockAddrIn_t;

/* IPv6 socket address */
typedef struct {
    _u16        sin6_family;
    _u16        sin6_port;
    _u32        sin6_flowinfo;
    SlIn6Addr_t sin6_addr;
    _u32        sin6_scope_id;
} SlSockAddrIn6_t;

/* Address length: 16 bits, unlike POSIX socklen_t */
typedef _u16 SlSocklen_t;

typedef _i32 SlTime_t;
typedef _i32 SlSuseconds_t;

/* Time value for SL_SO_RCVTIMEO and sl_Select */
typedef struct SlTimeval_t {
    SlTime_t      tv_sec;
    SlSuseconds_t tv_usec;
} SlTimeval_t;

/* Descriptor set for sl_Select: bit n is socket n */
typedef struct SlFdSet_t {
    _u32 fd_array[(SL_FD_SETSIZE + (_u8)31) / (_u8)32];
} SlFdSet_t;

typedef struct {
    _u32 KeepaliveEnabled;
} SlSockKeepalive_t;

typedef struct {
    _u32 ReuseaddrEnabled;
} SlSockReuseaddr_t;

typedef struct {
    _i32 RxIpNoBoundaryEnabled;
} SlSockRxNoIpBoundary_t;

typedef struct {
    _u32 WinSize;
} SlSockWinsize_t;

typedef struct {
    _u32 NonBlockingEnabled;    /* 1 = non-blocking */
} SlSockNonblocking_t;

typedef struct {
    _u32 l_onoff;
    _u32 l_linger;              /* seconds */
} SlSocklinger_t;

typedef struct {
    SlInAddr_t imr_multiaddr;
    SlInAddr_t imr_interface;
} SlSockIpMreq_t;

typedef struct {
    SlIn6Addr_t ipv6mr_multiaddr;
    _u32        ipv6mr_interface;
} SlSockIpV6Mreq_t;

typedef struct {
    _u8 SecureMethod;           /* SL_SO_SEC_METHOD_* */
} SlSockSecureMethod_t;

typedef struct {
    _u32 SecureMask;            /* SL_SEC_MASK_* bits */
} SlSockSecureMask_t;

typedef struct {
    _u32 SecureALPN;            /* SL_SECURE_ALPN_* bits */
} SlSockSecureALPN_t;

/* Index into SlSockSecureFiles_t.SecureFiles */
typedef enum {
    SL_BSD_SECURED_PRIVATE_KEY_IDX = 0,
    SL_BSD_SECURED_CERTIFICATE_IDX = 1,
    SL_BSD_SECURED_CA_IDX = 2,
    SL_BSD_SECURED_DH_IDX = 3
} SlSockSecureSocketFilesIndex_e;

typedef struct {
    _u8 SecureFiles[4];
} SlSockSecureFiles_t;

/* Summary of the peer certificate after a handshake */
typedef struct {
    _u16 SubjectNameXoredSha1;
    _u16 IssuerNameXoredSha1;
    _i8  FromDate[8];
    _i8  ToDate[8];
    _i8  SubjectName[SL_MAX_ISSUER_AND_SUBJECT_NAME_LEN];
    _i8  IssuerName[SL_MAX_ISSUER_AND_SUBJECT_NAME_LEN];
    _i8  SubjectNameLen;
    _i8  IssuerNameLen;
    _i8  Padding[2];
} SlSockSSLCertInfo_t;

/* Result of sl_GetSockOpt(SL_SO_SSL_CONNECTION_PARAMS) */
typedef struct {
    _u32                SecureVersion;
    _u32                SecureCipherSuit;
    _u32                SecureIsPeerValidated;
    _u32                SecureALPNChosenProtocol;
    SlSockSSLCertInfo_t SecurePeerCertinfo;
} SlSockSSLConnectionParams_t;

/* Header of a frame received on a transceiver socket */
typedef struct {
    _u8  Rate;
    _u8  Channel;
    _i8  Rssi;
    _u8  Padding;
    _u32 Timestamp;
} SlTransceiverRxOverHead_t;

/* Payload of SL_SOCKET_TX_FAILED_EVENT */
typedef struct {
    _i16 Status;
    _u8  Sd;
    _u8  Padding;
} SlSockTxFailEventData_t;

/* Payload of SL_SOCKET_ASYNC_EVENT; pExtraInfo is an inline array despite its name */
typedef struct {
    _u8  Sd;
    _u8  Type;
    _i16 Val;
    _i8  pExtraInfo[128];
} SlSocketAsyncEvent_t;

typedef union {
    SlSockTxFailEventData_t SockTxFailData;
    SlSocketAsyncEvent_t    SockAsyncData;
} SlSockEventData_u;

/* Argument of SimpleLinkSockEventHandler */
typedef struct {
    _u32              Event;
    SlSockEventData_u SocketAsyncEvent;
} SlSockEvent_t;

/* Trigger-mode select event */
typedef struct {
    _u32 Event;
    _u32 EventData;
} SlSockTriggerEvent_t;

/* ------------------------------------------------------------------------------------------ */
/* Functions                                                                                  */
/* ------------------------------------------------------------------------------------------ */

_i16 sl_Socket(_i16 Domain, _i16 Type, _i16 Protocol);
_i16 sl_Close(_i16 sd);
_i16 sl_Bind(_i16 sd, const SlSockAddr_t *addr, _i16 addrlen);
_i16 sl_Listen(_i16 sd, _i16 backlog);
_i16 sl_Accept(_i16 sd, SlSockAddr_t *addr, SlSocklen_t *addrlen);
_i16 sl_Connect(_i16 sd, const SlSockAddr_t *addr, _i16 addrlen);
_i16 sl_Select(_i16 nfds, SlFdSet_t *readsds, SlFdSet_t *writesds, SlFdSet_t *exceptsds,
               struct SlTimeval_t *timeout);
_i16 sl_SetSockOpt(_i16 sd, _i16 level, _i16 optname, const void *optval, SlSocklen_t optlen);
_i16 sl_GetSockOpt(_i16 sd, _i16 level, _i16 optname, void *optval, SlSocklen_t *optlen);
_i16 sl_Recv(_i16 sd, void *buf, _i16 len, _i16 flags);
_i16 sl_RecvFrom(_i16 sd, void *buf, _i16 len, _i16 flags, SlSockAddr_t *from,
                 SlSocklen_t *fromlen);
_i16 sl_Send(_i16 sd, const void *buf, _i16 len, _i16 flags);
_i16 sl_SendTo(_i16 sd, const void *buf, _i16 len, _i16 flags, const SlSockAddr_t *to,
               SlSocklen_t tolen);
_i16 sl_StartTLS(_i16 sd);

/* Byte order; the network-to-host forms are the same functions */
_u32 sl_Htonl(_u32 val);
#define sl_Ntohl sl_Htonl
_u16 sl_Htons(_u16 val);
#define sl_Ntohs sl_Htons

/* Descriptor-set helpers; functions, not macros */
void SL_SOCKET_FD_SET(_i16 fd, SlFdSet_t *fdset);
void SL_SOCKET_FD_CLR(_i16 fd, SlFdSet_t *fdset);
_i16 SL_SOCKET_FD_ISSET(_i16 fd, SlFdSet_t *fdset);
void SL_SOCKET_FD_ZERO(SlFdSet_t *fdset);

#endif /* __SL_SOCKET_H__ */
/* clang-format on */
