/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file tls_test_util.h
 * @brief Helpers of the tls tests: the throw-away PKI, loopback sockets, poll-driven
 *        handshakes with a deadline, and an `openssl s_server` child process.
 */
#ifndef SLSIM_TESTS_TLS_TEST_UTIL_H
#define SLSIM_TESTS_TLS_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "tls/tls.h"

/** Pseudo result of the drivers: the test's own deadline passed while the session waited. */
#define TT_TIMEOUT 100

/** Makes sure the PKI exists (exit 77 if openssl is missing) and returns its directory. */
const char *tt_pki(void);

/** Reads a PKI file (aborts the test if missing). Free with free(). */
uint8_t *tt_file(const char *name, size_t *len);

/** A loopback listener on a free port. */
int tt_listen(uint16_t *port);

/** A connected, non-blocking loopback TCP socket to @p port. */
int tt_connect(uint16_t port);

/** Accepts (waiting at most 2 s) and returns a non-blocking fd, or -1. */
int tt_accept(int lfd);

/** A connected non-blocking loopback TCP pair. */
void tt_pair(int *client, int *server);

/** The same with small kernel buffers (bytes, 0 = default), set before connecting. */
void tt_pair_small(int *client, int *server, int client_rcvbuf, int server_sndbuf);

/** Milliseconds of a monotonic clock. */
int64_t tt_now_ms(void);

/** Waits up to @p ms for @p events on @p fd; the revents. */
short tt_wait(int fd, short events, int ms);

/** One end of a handshake, with its result. */
struct tt_end {
    struct slsim_tls *t;
    int fd;
    int r; /**< enum slsim_tls_result, or TT_TIMEOUT */
    int alert;
    enum slsim_tls_fatal why;
    unsigned want_write; /**< how often the handshake returned WANT_WRITE */
};

/** Runs one handshake with poll() until a terminal result or @p ms pass; end->r. */
int tt_drive(struct tt_end *end, int ms);

/**
 * Runs two in-process handshakes in one poll loop. An end that fails shuts its socket down
 * (as the NWP closes a failed socket), so its peer sees the alert and then EOF.
 */
void tt_drive_pair(struct tt_end *a, struct tt_end *b, int ms);

/** Writes all of @p len bytes (poll on WANT_*); the last result. */
int tt_write_all(struct tt_end *end, const void *buf, size_t len, int ms);

/** Reads until @p len bytes arrived or a terminal result; *got bytes; the last result. */
int tt_read_n(struct tt_end *end, void *buf, size_t len, size_t *got, int ms);

/** An `openssl s_server` child, in the PKI directory, output to a log file. */
struct tt_sserver {
    pid_t pid;
    uint16_t port;
    int in; /**< its stdin (kept open: s_server ends a connection on stdin EOF) */
    char log[512];
};

/** Starts `openssl s_server -accept <port> <args...>` and waits for "ACCEPT"; 0 or -1. */
int tt_sserver_start(struct tt_sserver *s, const char *const *args);

/** Stops it (SIGTERM, then SIGKILL) and reaps it; safe on a stopped or zeroed one. */
void tt_sserver_stop(struct tt_sserver *s);

/** True once the log contains @p needle (waits up to @p ms for the output to appear). */
bool tt_sserver_log_has(const struct tt_sserver *s, const char *needle, int ms);

/** Copies the rest of the line after @p key in the log into @p out ("" if absent). */
void tt_sserver_log_value(const struct tt_sserver *s, const char *key, char *out, size_t size);

/** Dumps the log to stderr (for failures). */
void tt_sserver_dump(const struct tt_sserver *s);

/** A client configuration for TLS 1.0..1.2 with every knob off. */
struct slsim_tls_config tt_client_cfg(void);

#endif /* SLSIM_TESTS_TLS_TEST_UTIL_H */
