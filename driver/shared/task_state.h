/*
 * The current task's state that the clone-family and execve-family exit events carry, shared
 * by the probe and the module. The task is always the current one (a trusted pointer for the
 * probe, owned by the running thread for the module), so its own fields are plain loads;
 * chains through other objects go through KREAD, and user memory through cap_read_user.
 *
 * The platform provides, besides the contract of event_push.h: rss_pages(mm, counter),
 * KREAD, and the pid helpers pid_nr_own_ns (the number of a struct pid in its innermost
 * namespace) and pid_ns_of (that namespace).
 */
#ifndef CAPTURE_TASK_STATE_H
#define CAPTURE_TASK_STATE_H

#define K_RLIMIT_NOFILE 7
#define CAPTURE_MAX_ARGS 4096

/*
 * exe: the first string of the argument area; args: the rest of it, NUL-separated, up to
 * CAPTURE_MAX_ARGS bytes (always NUL-terminated when cut). Empty when there is no mm.
 */
static __always_inline void push_exe_and_args(struct event_builder *b, struct task_struct *task)
{
	struct mm_struct *mm = task->mm;
	unsigned long start = mm ? KREAD(mm, arg_start) : 0;
	unsigned long end = mm ? KREAD(mm, arg_end) : 0;
	if (!start || end <= start) {
		push_empty(b);
		push_empty(b);
		return;
	}
	long exe = cap_read_user_str(&b->data[SAFE(b->payload)], CAPTURE_MAX_PATH, (void *)start);
	if (exe < 0)
		exe = 0;
	set_length(b, exe);

	__u64 len = end - (start + exe);
	if (exe == 0 || end <= start + exe) {
		push_empty(b);
		return;
	}
	if (len > CAPTURE_MAX_ARGS)
		len = CAPTURE_MAX_ARGS;
	if (cap_read_user(&b->data[SAFE(b->payload)], len & (CAPTURE_MAX_ARGS * 2 - 1), (void *)(start + exe)) != 0) {
		push_empty(b);
		return;
	}
	b->data[SAFE(b->payload + len - 1)] = 0;
	set_length(b, len);
}

/*
 * The parameters clone, fork, vfork, execve and execveat exit events share, from tid to
 * comm (positions 3 to 13): ids, limits, page faults, memory, command name.
 */
static __always_inline void push_task_common(struct event_builder *b, struct task_struct *task)
{
	push_s64(b, task->pid);
	push_s64(b, task->tgid);
	push_s64(b, KREAD(task, real_parent, pid));
	push_empty(b); /* cwd: not collected, as in libs' modern probe */
	push_u64(b, KREAD(task, signal, rlim[K_RLIMIT_NOFILE].rlim_cur));
	push_u64(b, task->maj_flt);
	push_u64(b, task->min_flt);
	struct mm_struct *mm = task->mm;
	if (mm) {
		push_u32(b, PAGES_TO_KIB(KREAD(mm, total_vm)));
		push_u32(b, PAGES_TO_KIB(rss_pages(mm, K_MM_FILEPAGES) + rss_pages(mm, K_MM_ANONPAGES) + rss_pages(mm, K_MM_SHMEMPAGES)));
		push_u32(b, PAGES_TO_KIB(rss_pages(mm, K_MM_SWAPENTS)));
	} else {
		push_u32(b, 0);
		push_u32(b, 0);
		push_u32(b, 0);
	}
	push_kernel_string(b, task->comm);
}

static __always_inline __u32 euid_of(struct task_struct *task) { return KREAD(task, cred, euid.val); }
static __always_inline __u32 egid_of(struct task_struct *task) { return KREAD(task, cred, egid.val); }

#endif
