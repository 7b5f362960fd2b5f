/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file sock_test_util.h
 * @brief Shared setup of the socket tests (tests/unit/sock, tests/integration/sock): a device on
 *        a fresh image selected for the calling thread, files put through the TI API, loopback
 *        listeners and addresses. Include after <cmocka.h>.
 */
#ifndef SLSIM_TESTS_SOCK_TEST_UTIL_H
#define SLSIM_TESTS_SOCK_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ti/drivers/net/wifi/simplelink.h>
#include <slsim/emu.h>

#include "device_env.h"

/** One device on its own image in its own temporary directory. */
struct sock_env {
    struct slsim_test_device t;
    struct slsim_device *dev; /**< t.dev */
};

/** Image, configuration, device (selected for this thread); sl_Start when @p start. */
struct sock_env *sock_env_new(const char *profile, bool start);

/** sl_Stop, closes the device, removes the directory. NULL-safe. */
void sock_env_free(struct sock_env *env);

/** cmocka fixtures (cc3220s, started); *state is the struct sock_env. */
int sock_setup(void **state);
int sock_teardown(void **state);

/** Reports "got X, want Y" in decimal and fails the test. */
void sock_check_sl(
    long got, long want, const char *got_s, const char *want_s, const char *file, int line);
#define assert_sl(got, want) \
    sock_check_sl((long)(got), (long)(want), #got, #want, __FILE__, __LINE__)

/** Creates (or replaces) device file @p name with @p len bytes via sl_Fs*. 0 or SL error. */
long sock_put_file(const char *name, const void *data, size_t len);

/** Same with the content of host file @p path. */
long sock_put_host_file(const char *name, const char *path);

/** A host TCP listener on 127.0.0.1 (ephemeral port in *port); fd or -1. */
int sock_host_listener(uint16_t *port);

/** A free TCP port on 127.0.0.1 (bound then released). 0 on failure. */
uint16_t sock_free_port(void);

/** An SlSockAddrIn_t for 127.0.0.1:@p port, as TI code builds it (network order). */
SlSockAddrIn_t sock_loopback(uint16_t port);

/** Sleeps @p ms milliseconds. */
void sock_sleep_ms(unsigned ms);

/** sl_Connect with sock_loopback(port). */
long sock_connect_port(int sd, uint16_t port);

#endif /* SLSIM_TESTS_SOCK_TEST_UTIL_H */
