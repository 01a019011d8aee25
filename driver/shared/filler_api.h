/*
 * What a filler body is written with, on both platforms. A filler is declared with the
 * platform's FILLER(name), which gives it the syscall's registers (regs) and return value
 * (ret); it starts its event, pushes the parameters in schema order and submits.
 */
#ifndef CAPTURE_FILLER_API_H
#define CAPTURE_FILLER_API_H

/* Starts the event or leaves the filler (the failure is already counted). */
#define START(b, event) \
	struct event_builder b; \
	if (!event_start(&b, event, event##_NPARAMS)) \
		return 0

#define SUBMIT(b) \
	event_submit(&b, CATEGORY_SYSCALL); \
	return 0

#define ARG(i) arg(regs, i)
#define ARG_FD(i) ((__s64)(__s32)arg(regs, i))

#endif
