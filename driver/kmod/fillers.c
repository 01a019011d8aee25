// SPDX-License-Identifier: GPL-2.0
/*
 * The module's dispatcher and the fillers it compiles: the shared sources of driver/shared
 * (the same files the probe compiles) on top of platform.h, and the generic event.
 *
 * The probe gives every traced syscall either its dedicated filler or, when it has none, the
 * generic event. The module does the same for the syscalls whose filler it compiles and for
 * those the probe answers generically; a syscall whose probe filler is not shared yet is not
 * supported (capture_state.supported, CAPTURE_KMOD_IOCTL_GET_SUPPORTED) and never traced, so
 * the module's stream never differs from the probe's by an event type.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/rcupdate.h>
#include <linux/percpu.h>
#include <linux/compat.h>
#include <linux/uio.h>
#include <linux/openat2.h>
#include <linux/poll.h>
#include <linux/socket.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/un.h>
#include <net/sock.h>
#include <net/inet_sock.h>
#include <net/af_unix.h>
#include <linux/binfmts.h>
#include <asm/syscall.h>

#include "platform.h"
#include "capture_kmod.h"
#include "events.h"
#include "capture_syscalls.h"
#include "kernel_facts.h"
#include "flags.h"
#include "filler_api.h"
#include "filler_list.h"
#include "ipc_flags.h"
#include "sockets.h"
#include "iovecs.h"
#include "fillers/list.h"
#include "fillers/procexit.h"
#include "fillers/files.h"
#include "fillers/file_metadata.h"
#include "fillers/io_uring.h"
#include "fillers/file_systems.h"
#include "fillers/waiting.h"
#include "fillers/identity.h"
#include "fillers/ipc_and_modules.h"
#include "fillers/memory_locks.h"
#include "fillers/socket_queries.h"
#include "fillers/memory.h"
#include "fillers/network.h"
#include "fillers/fd_calls.h"
#include "fillers/process_control.h"
#include "fillers/multiple_messages.h"
#include "process_state.h"
#include "task_state.h"
#include "fillers/process_lifecycle.h"
#include "fillers/file_handles.h"

/* The vectored I/O walk's cursor (iovecs.h), one per CPU like the scratch area. */
static DEFINE_PER_CPU(struct iovec_cursor, capture_iovec_cursors);

static __always_inline struct iovec_cursor *iovec_cursor(void)
{
	return this_cpu_ptr(&capture_iovec_cursors);
}

#define KMOD_FILL(name) [CAPTURE_NR_##name] = name##_x,
static const capture_filler_fn kmod_fillers[CAPTURE_SYSCALL_TABLE_SIZE] = { CAPTURE_SHARED_FILLERS(KMOD_FILL) };

#define PROBE_FILL(name) [CAPTURE_NR_##name] = 1,
static const __u8 probe_fillers[CAPTURE_SYSCALL_TABLE_SIZE] = { CAPTURE_PROBE_FILLERS(PROBE_FILL) };

#define PPM_SC_ENTRY(nr, sc) [nr] = sc,
static const __u16 capture_ppm_sc[CAPTURE_SYSCALL_TABLE_SIZE] = { CAPTURE_SYSCALLS(PPM_SC_ENTRY) };

void capture_fillers_init(void)
{
	unsigned int nr;

	/* the shared sources name the kernel's counters by the x86_64 uapi numbers */
	BUILD_BUG_ON(K_MM_FILEPAGES != MM_FILEPAGES || K_MM_ANONPAGES != MM_ANONPAGES ||
		     K_MM_SWAPENTS != MM_SWAPENTS || K_MM_SHMEMPAGES != MM_SHMEMPAGES);
	BUILD_BUG_ON(PAGES_TO_KIB(1) != PAGE_SIZE / 1024);

	for (nr = 0; nr < CAPTURE_SYSCALL_TABLE_SIZE; nr++)
		if (kmod_fillers[nr] || !probe_fillers[nr])
			__set_bit(nr, capture_state.supported);
}

/* The probe writes the same two parameters straight into its ring. */
static void fill_generic(__u32 nr)
{
	struct event_builder b;

	if (!event_start(&b, PPME_GENERIC_X, PPME_GENERIC_X_NPARAMS))
		return;
	push_u16(&b, capture_ppm_sc[nr]);
	push_u16(&b, nr);
	event_submit(&b, CATEGORY_SYSCALL);
}

/*
 * The probe's filter, in its order: the (effective) interest set first, as it rejects most
 * calls; then the capture's own process; then 32-bit tasks, whose numbers belong to another
 * table (x32 numbers carry a high bit and fail the range check).
 */
void capture_handle_sys_exit(struct pt_regs *regs, long ret)
{
	unsigned long nr = (unsigned long)syscall_get_nr(current, regs);
	capture_filler_fn fill;

	if (nr >= CAPTURE_SYSCALL_TABLE_SIZE || !test_bit(nr, capture_state.interest))
		return;
	if (current->tgid == READ_ONCE(capture_state.own_tgid) || in_compat_syscall())
		return;
	if (READ_ONCE(capture_state.drop_failed) && ret < 0)
		return;
	fill = kmod_fillers[nr];
	/* file_of_fd's lookup wants the RCU read side held explicitly */
	rcu_read_lock();
	if (fill)
		fill(regs, ret);
	else
		fill_generic(nr);
	rcu_read_unlock();
}

void capture_handle_procexit(struct task_struct *task)
{
	struct event_builder b;

	if (task->tgid == READ_ONCE(capture_state.own_tgid))
		return;
	if (!event_start(&b, PPME_PROCEXIT_1_E, PPME_PROCEXIT_1_E_NPARAMS))
		return;
	push_procexit(&b, task);
	event_submit(&b, CATEGORY_SCHEDULER);
}

/*
 * A successful execve/execveat, reported here rather than at sys_exit (as the probe does):
 * the new image is in place and bprm still holds the file name the caller passed. The filter
 * is the probe's: the call's number (a successful execveat shows execve's on x86_64), the
 * interest set and the capture's own process.
 */
void capture_handle_exec(struct task_struct *task, struct linux_binprm *bprm)
{
	unsigned long nr = (unsigned long)syscall_get_nr(task, task_pt_regs(task));

	if (nr != CAPTURE_NR_execve && nr != CAPTURE_NR_execveat)
		return;
	if (!test_bit(nr, capture_state.interest) || task->tgid == READ_ONCE(capture_state.own_tgid))
		return;
	/* the cgroup, path and file reads want the RCU read side, as in capture_handle_sys_exit */
	rcu_read_lock();
	fill_exec_success(task, nr == CAPTURE_NR_execve, bprm);
	rcu_read_unlock();
}
