/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file netutil.h
 * @brief SimpleLink network utilities header (crypto, signatures, true random), restated
 *        for slsim from public facts about TI's host driver 3.0.1.61; this is not TI's file.
 *
 * slsim's reference gives no content for this module, so the header only exists so that
 * code including it by path compiles.
 */
/* clang-format off */
#include <ti/drivers/net/wifi/simplelink.h>

#ifndef __NETUTIL_H__
#define __NETUTIL_H__

#endif /* __NETUTIL_H__ */
/* clang-format on */
