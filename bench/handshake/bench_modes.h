/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file bench_modes.h
 * @brief The modes of bench_handshake other than `slsim` (bench_mbedtls.c).
 */
#ifndef SLSIM_BENCH_MODES_H
#define SLSIM_BENCH_MODES_H

/**
 * `bench_handshake mbedtls PORT --pki DIR [options]`: the mbedTLS side of the comparison, all
 * in this process: one probe handshake (negotiated curve, signature hash, bytes), N handshakes
 * of a plain mbedTLS 2.28 client (credentials parsed once, like ssl_client2), and the cost of
 * each primitive of that handshake measured with mbedTLS directly. Prints `key=value` lines.
 * @return 0, 1 (a handshake or a measurement failed) or 2 (usage).
 */
int bench_mbedtls_main(int argc, char **argv);

#endif /* SLSIM_BENCH_MODES_H */
