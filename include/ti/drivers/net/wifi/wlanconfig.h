/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file wlanconfig.h
 * @brief SimpleLink WLAN configuration header, restated for slsim from public facts about TI's host
 *        driver 3.0.1.61; this is not TI's file.
 *
 * slsim's reference gives no content for this module, so the header only exists so that
 * code including it by path compiles.
 */
/* clang-format off */
#include <ti/drivers/net/wifi/simplelink.h>

#ifndef __WLANCONFIG_H__
#define __WLANCONFIG_H__

#endif /* __WLANCONFIG_H__ */
/* clang-format on */
