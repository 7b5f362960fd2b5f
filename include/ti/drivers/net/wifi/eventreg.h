/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file eventreg.h
 * @brief SimpleLink event-registration types, restated for slsim from public facts about TI's
 *        host driver 3.0.1.61; this is not TI's file.
 *
 * SlEventHandler_e and sl_RegisterEventHandler are declared in simplelink.h.
 */
/* clang-format off */
#include <ti/drivers/net/wifi/simplelink.h>

#ifndef __EVENTREG_H__
#define __EVENTREG_H__

/* Node of a chain of library event handlers; a handler returns EVENT_PROPAGATION_BLOCK to
   stop the event from reaching later handlers and the application */
typedef struct SlEventsListNode_s {
    void                      *event;
    struct SlEventsListNode_s *next;
} SlEventsListNode_t;

#endif /* __EVENTREG_H__ */
/* clang-format on */
