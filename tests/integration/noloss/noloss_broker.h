/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file noloss_broker.h
 * @brief The mosquitto of the no-loss test: a mutual-TLS listener on a free loopback port,
 *        persistence in a temporary directory, started, killed with SIGKILL and restarted on
 *        the same port. Test code, not part of libslsim.
 */
#ifndef SLSIM_TESTS_NOLOSS_BROKER_H
#define SLSIM_TESTS_NOLOSS_BROKER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/** One broker: its directory (configuration, log, persistence), port and process. */
struct noloss_broker {
    char dir[64];
    char conf[128];
    char log[128];
    char db[128];
    uint16_t port;
    pid_t pid;
};

/**
 * Writes the configuration into a new temporary directory: a TLS listener on 127.0.0.1:@p port
 * (CA, server certificate and key from @p pki, require_certificate), persistence in that
 * directory. 0 or -1.
 */
int noloss_broker_init(struct noloss_broker *b, const char *pki, uint16_t port);

/** Starts mosquitto (SIGKILLed if this process dies) and waits until the port accepts
 *  connections, at most @p wait_ms. 0 or -1 (log in b->log). */
int noloss_broker_start(struct noloss_broker *b, unsigned wait_ms);

/** kill -9 and reap. Safe when not running. */
void noloss_broker_kill(struct noloss_broker *b);
/** Stops the broker with @p sig and reaps it. */
void noloss_broker_stop(struct noloss_broker *b, int sig);

/** Kills the broker if it runs and removes the directory. */
void noloss_broker_cleanup(struct noloss_broker *b);

/** Whether the persistence file exists (mosquitto has saved its database at least once). */
bool noloss_broker_saved(const struct noloss_broker *b);

/** Monotonic milliseconds. */
uint64_t noloss_now_ms(void);

#endif /* SLSIM_TESTS_NOLOSS_BROKER_H */
