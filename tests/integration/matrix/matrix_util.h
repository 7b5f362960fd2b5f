/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file matrix_util.h
 * @brief Helpers of the bad-server matrix (test_matrix.c): child processes that are always
 *        killed (a cleanup list, atexit, a watchdog and the parent-death signal), bounded
 *        `openssl s_server` start-up, in-test TCP servers that misbehave on purpose, a device
 *        on a fresh image prepared with the `slsim` CLI, and TI-API helpers (connect, echo).
 *
 * Every wait here is bounded. Nothing in this file decides what a scenario expects.
 */
#ifndef SLSIM_TESTS_MATRIX_UTIL_H
#define SLSIM_TESTS_MATRIX_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <ti/drivers/net/wifi/simplelink.h>
#include <slsim/emu.h>

#define MX_PATH 512

/* ---- processes ------------------------------------------------------------------------------ */

/**
 * Installs the safety net once: an atexit handler and SIGTERM/SIGINT/SIGALRM handlers that kill
 * every child still in the list, and a watchdog alarm after @p watchdog_s seconds.
 */
void mx_safety_net(unsigned watchdog_s);

/** Finds @p prog on PATH into @p out. False if it is not there. */
bool mx_which(const char *prog, char *out, size_t size);

/**
 * Starts @p argv[0] (a path) with stdin from /dev/null and stdout+stderr appended to @p log.
 * The child gets SIGKILL when this process dies and is put on the cleanup list. -1 on failure.
 */
pid_t mx_spawn(const char *const *argv, const char *log);

/** SIGKILLs @p pid (if on the list), reaps it, takes it off the list. */
void mx_kill(pid_t pid);

/** Kills every child on the list. */
void mx_kill_all(void);

/**
 * Runs @p argv to completion, at most @p timeout_ms (then killed). Output appended to @p log.
 * Returns the exit status, or -1 (could not start, killed, or timed out).
 */
int mx_run(const char *const *argv, const char *log, int timeout_ms);

/* ---- files ---------------------------------------------------------------------------------- */

bool mx_write_file(const char *path, const void *data, size_t len);
/** Whole file into a malloc'd NUL-terminated buffer (NULL on failure). */
char *mx_read_file(const char *path, size_t *len);
/** True once @p path contains @p text (checked every 10 ms, at most @p timeout_ms). */
bool mx_wait_for_text(const char *path, const char *text, int timeout_ms);
/** Removes a directory tree made by this program (regular files and directories only). */
void mx_rmtree(const char *path);

/* ---- servers -------------------------------------------------------------------------------- */

/** A free TCP port on 127.0.0.1: bound to port 0, read back, released. 0 on failure. */
uint16_t mx_free_port(void);

/** One `openssl s_server -rev` process. */
struct mx_s_server {
    pid_t pid;
    uint16_t port;
    char log[MX_PATH];
};

/**
 * Starts `openssl s_server -accept 127.0.0.1:PORT -rev` with @p args (NULL-terminated) on a free
 * port, logging to @p log, and waits (at most 5 s) for its "ACCEPT" line. Retries with another
 * port if the process dies first. False on failure (the log says why).
 */
bool mx_s_server_start(struct mx_s_server *s,
                       const char *openssl,
                       const char *const *args,
                       const char *log);
void mx_s_server_stop(struct mx_s_server *s);

/** What an in-test TCP server does with each connection. */
enum mx_tcp_kind {
    MX_TCP_CLOSE,   /**< reads the ClientHello (some bytes), then closes */
    MX_TCP_GARBAGE, /**< reads the ClientHello, answers with bytes that are not TLS, stays open */
    MX_TCP_STALL,   /**< accepts and reads, never answers, stays open */
    MX_TCP_PROXY,   /**< relays to a loopback port, holding the server's bytes back at first */
};

struct mx_tcp_server;

/** Starts a server thread on a free loopback port. NULL on failure. */
struct mx_tcp_server *mx_tcp_server_start(enum mx_tcp_kind kind, uint16_t *port);
/**
 * Starts a relay to 127.0.0.1:@p target whose answers reach the client only @p delay_ms after
 * the connection was accepted (a slow server: the handshake is sure to be in progress when a
 * non-blocking sl_Connect first returns). NULL on failure.
 */
struct mx_tcp_server *mx_tcp_proxy_start(uint16_t target, unsigned delay_ms, uint16_t *port);
/** Stops the thread (bounded: its loop polls every 10 ms), closes everything. NULL-safe. */
void mx_tcp_server_stop(struct mx_tcp_server *s);
/** Connections the server accepted so far. */
unsigned mx_tcp_server_accepted(struct mx_tcp_server *s);

/* ---- the device ----------------------------------------------------------------------------- */

/** A device file taken from a host file. */
struct mx_file {
    const char *devname;
    const char *host; /**< host path */
};

struct mx_dev {
    char dir[MX_PATH - 32];
    char img[MX_PATH];
    char cfg[MX_PATH];
    char log[MX_PATH];
    struct slsim_device *dev;
};

/**
 * Makes a device in a new directory under @p parent: `slsim image create --profile`, one
 * `slsim fs put` per file (@p nfiles), `slsim catalog install` of @p catalog (NULL: none), the
 * JSON configuration (with "clock": @p clock unless NULL), slsim_emu_device_open,
 * slsim_emu_use and sl_Start. On failure returns false with the reason in @p why (the device is
 * freed).
 */
bool mx_dev_new(struct mx_dev *d,
                const char *slsim,
                const char *parent,
                const char *profile,
                const struct mx_file *files,
                size_t nfiles,
                const char *catalog,
                const char *clock,
                char *why,
                size_t why_size);

/** sl_Stop, closes the device, removes its directory. Safe on a zeroed or freed struct. */
void mx_dev_free(struct mx_dev *d);

/** Sets the handshake timeout of the device's sockets (native test hook). */
void mx_dev_handshake_timeout(struct mx_dev *d, uint32_t ms);

/* ---- TI API helpers ------------------------------------------------------------------------- */

/** sl_Connect to 127.0.0.1:@p port. */
long mx_connect(_i16 sd, uint16_t port);

/** sl_SetSockOpt of a text option (file names, domain). */
long mx_set_text(_i16 sd, _i16 opt, const char *text);

/** sl_SetSockOpt of a _u32 option. */
long mx_set_u32(_i16 sd, _i16 opt, uint32_t value);

/**
 * Sends one line and expects it reversed (s_server -rev), waiting at most 5 s; works on
 * blocking and non-blocking sockets. False with the reason in @p why.
 */
bool mx_echo(_i16 sd, char *why, size_t why_size);

/** Sleeps @p ms milliseconds. */
void mx_sleep_ms(unsigned ms);

/** CLOCK_MONOTONIC milliseconds. */
int64_t mx_now_ms(void);

#endif /* SLSIM_TESTS_MATRIX_UTIL_H */
