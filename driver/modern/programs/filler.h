/*
 * A filler builds the exit event of one syscall. Fillers are tail-called by the sys_exit
 * dispatcher through capture_fillers (indexed by native syscall number), so they share its
 * program type and context: the user registers and the return value.
 */
#ifndef CAPTURE_FILLER_H
#define CAPTURE_FILLER_H

#define FILLER(name) \
	SEC("tp_btf/sys_exit") \
	int BPF_PROG(name, struct pt_regs *regs, long ret)

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
