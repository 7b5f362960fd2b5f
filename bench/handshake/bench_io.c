/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file bench_io.c
 * @brief The link-time wrappers of send() and poll() for bench_handshake (see bench_io.h).
 *        They only count and time; the real call does the work.
 */
#include "bench_io.h"

#include <poll.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "bench_util.h"

struct bench_io bench_io;

/* The linker's names (ld --wrap): __real_X is the libc function, __wrap_X replaces it. */
ssize_t __real_send(int fd, const void *buf, size_t len, int flags);
ssize_t __wrap_send(int fd, const void *buf, size_t len, int flags);
int __real_poll(struct pollfd *fds, nfds_t nfds, int timeout);
int __wrap_poll(struct pollfd *fds, nfds_t nfds, int timeout);

void bench_io_reset(void)
{
    memset(&bench_io, 0, sizeof(bench_io));
}

ssize_t __wrap_send(int fd, const void *buf, size_t len, int flags)
{
    bench_io.sends++;
    return __real_send(fd, buf, len, flags);
}

int __wrap_poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
    int64_t t0 = bench_wall_ns();
    int ret = __real_poll(fds, nfds, timeout);
    int64_t dt = bench_wall_ns() - t0;
    bench_io.polls++;
    bench_io.poll_ns += dt;
    if (dt > bench_io.max_poll_ns) {
        bench_io.max_poll_ns = dt;
    }
    return ret;
}
