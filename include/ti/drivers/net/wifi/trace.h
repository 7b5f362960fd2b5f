/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file trace.h
 * @brief SimpleLink driver tracing header, restated for slsim from public facts about TI's host
 *        driver 3.0.1.61; this is not TI's file.
 *
 * slsim's reference gives no content for this module, so the header only exists so that
 * code including it by path compiles.
 */
/* clang-format off */
#include <ti/drivers/net/wifi/simplelink.h>

#ifndef __TRACE_H__
#define __TRACE_H__

#endif /* __TRACE_H__ */
/* clang-format on */
