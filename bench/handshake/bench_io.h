/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file bench_io.h
 * @brief What slsim's network code does on the host, counted by link-time wrappers
 *        (`-Wl,--wrap=send -Wl,--wrap=poll` on bench_handshake only; libslsim is linked
 *        statically, so its calls go through bench_io.c): send() calls, and the time spent
 *        blocked in each poll(). A handshake that waited on a delayed ACK shows one poll() of
 *        40 ms or more (Linux TCP_DELACK_MIN); one send() per TLS flight means no flight is
 *        split into segments that Nagle could hold back.
 */
#ifndef SLSIM_BENCH_IO_H
#define SLSIM_BENCH_IO_H

#include <stdint.h>

/** Counters since the last bench_io_reset(). Single-threaded use. */
struct bench_io {
    unsigned long sends;
    unsigned long polls;
    int64_t poll_ns;     /**< total time blocked in poll() */
    int64_t max_poll_ns; /**< the longest single poll() */
};

/** The counters (one process-wide instance). */
extern struct bench_io bench_io;

/** Zeroes the counters. */
void bench_io_reset(void);

#endif /* SLSIM_BENCH_IO_H */
