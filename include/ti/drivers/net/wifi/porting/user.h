/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file user.h
 * @brief Porting configuration of the SimpleLink host driver, restated for slsim from public
 *        facts; this is not TI's file.
 *
 * slsim is not a port of TI's driver, so almost none of the porting switches of TI's user.h
 * (memory management, spawn, interface, timestamp hooks) mean anything here. Only the
 * interface-handle type is kept, because it is part of the public type set.
 */
/* clang-format off */
#ifndef __USER_H__
#define __USER_H__

/* Handle of the host interface to the network processor */
typedef signed int _SlFd_t;

#endif /* __USER_H__ */
/* clang-format on */
