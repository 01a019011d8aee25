/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's side of building an event (the pushes are shared: driver/shared/event_push.h):
 * the CPU's scratch area, stamping, gap markers and the copy into the CPU's ring. Included by
 * the translation units that hold fillers, after platform.h.
 */
#ifndef CAPTURE_KMOD_EVENTS_H
#define CAPTURE_KMOD_EVENTS_H

#include "capture_schema.h"
#include "event_push.h"

/* False only when the CPU has no state (not a possible CPU); the event is then counted. */
bool event_start(struct event_builder *b, __u16 type, __u32 nparams);
void event_submit(struct event_builder *b, enum capture_category category);
/* This CPU's scratch area, for helpers that write into the event from a cap_loop step. */
__u8 *scratch_data(void);

#endif
