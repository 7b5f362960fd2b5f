/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sock_test_util.c
 * @brief Device fixtures and loopback helpers of the socket tests.
 *
 * The image is made with the native flash/fs API (tests/support/device_env.c); files go on
 * it through the TI API after sl_Start.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "sock_test_util.h"

#include "core/core.h"

#define IMAGE_SECTORS 256u

struct sock_env *sock_env_new(const char *profile, bool start)
{
    struct sock_env *env = calloc(1, sizeof(*env));
    if (env == NULL) {
        return NULL;
    }
    if (slsim_test_device_make(&env->t, "sock", profile, IMAGE_SECTORS, NULL) != 0 ||
        slsim_test_device_open(&env->t) != 0) {
        print_error("cannot make a %s device in %s: %s\n", profile, env->t.dir,
                    slsim_emu_last_error());
        sock_env_free(env);
        return NULL;
    }
    env->dev = env->t.dev;
    if (start && sl_Start(NULL, NULL, NULL) < 0) {
        print_error("sl_Start failed: %s\n", slsim_emu_last_error());
        sock_env_free(env);
        return NULL;
    }
    return env;
}

void sock_env_free(struct sock_env *env)
{
    if (env == NULL) {
        return;
    }
    slsim_test_device_free(&env->t, true);
    free(env);
}

int sock_setup(void **state)
{
    *state = sock_env_new("cc3220s", true);
    return *state == NULL ? -1 : 0;
}

int sock_teardown(void **state)
{
    sock_env_free(*state);
    *state = NULL;
    return 0;
}

void sock_check_sl(
    long got, long want, const char *got_s, const char *want_s, const char *file, int line)
{
    if (got != want) {
        print_error("%s = %ld, want %s = %ld\n", got_s, got, want_s, want);
        _fail(file, line);
    }
}

long sock_put_file(const char *name, const void *data, size_t len)
{
    _u32 tok = 0;
    (void)sl_FsDel((const _u8 *)name, 0);
    _u32 max = len > 0 ? (_u32)len : 1u;
    _i32 h =
        sl_FsOpen((const _u8 *)name, SL_FS_CREATE | SL_FS_WRITE | SL_FS_CREATE_MAX_SIZE(max), &tok);
    if (h < 0) {
        return h;
    }
    long ret = 0;
    if (len > 0) {
        uint8_t *copy = malloc(len);
        if (copy == NULL) {
            (void)sl_FsClose(h, NULL, (const _u8 *)"A", 1);
            return SL_ERROR_FS_NO_MEMORY;
        }
        memcpy(copy, data, len);
        ret = sl_FsWrite(h, 0, copy, (_u32)len);
        free(copy);
    }
    if (ret < 0) {
        (void)sl_FsClose(h, NULL, (const _u8 *)"A", 1);
        return ret;
    }
    return sl_FsClose(h, NULL, NULL, 0);
}

long sock_put_host_file(const char *name, const char *path)
{
    uint8_t *data = NULL;
    size_t len = 0;
    if (slsim_read_host_file(path, 1u << 20, &data, &len) != 0) {
        print_error("cannot read %s\n", path);
        return -1;
    }
    long ret = sock_put_file(name, data, len);
    free(data);
    return ret;
}

int sock_host_listener(uint16_t *port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -1;
    }
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof(a);
    if (bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, 16) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &alen) != 0) {
        (void)close(fd);
        return -1;
    }
    *port = ntohs(a.sin_port);
    return fd;
}

uint16_t sock_free_port(void)
{
    uint16_t port = 0;
    int fd = sock_host_listener(&port);
    if (fd < 0) {
        return 0;
    }
    (void)close(fd);
    return port;
}

SlSockAddrIn_t sock_loopback(uint16_t port)
{
    SlSockAddrIn_t a;
    memset(&a, 0, sizeof(a));
    a.sin_family = SL_AF_INET;
    a.sin_port = sl_Htons(port);
    a.sin_addr.s_addr = sl_Htonl(SL_IPV4_VAL(127, 0, 0, 1));
    return a;
}

long sock_connect_port(int sd, uint16_t port)
{
    SlSockAddrIn_t a = sock_loopback(port);
    return sl_Connect((_i16)sd, (const SlSockAddr_t *)&a, sizeof(a));
}

void sock_sleep_ms(unsigned ms)
{
    struct timespec ts = { .tv_sec = ms / 1000u, .tv_nsec = (long)(ms % 1000u) * 1000000L };
    (void)nanosleep(&ts, NULL);
}
