/*
 * A filler builds the exit event of one syscall. Fillers are tail-called by the sys_exit
 * dispatcher through capture_fillers (indexed by native syscall number), so they share its
 * program type and context: the user registers and the return value. START, SUBMIT and ARG
 * are shared with the module (driver/shared/filler_api.h).
 */
#ifndef CAPTURE_FILLER_H
#define CAPTURE_FILLER_H

#define FILLER(name) \
	SEC("tp_btf/sys_exit") \
	int BPF_PROG(name, struct pt_regs *regs, long ret)

#include "filler_api.h"

#endif
