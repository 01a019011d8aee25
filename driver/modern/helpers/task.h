/*
 * Reads of the current task's state for process events. tp_btf programs may follow BTF
 * pointers directly (the verifier turns the loads into fault-safe ones), which is cheaper
 * than a helper call per field; fields read from user memory use the probe_read helpers.
 */
#ifndef CAPTURE_TASK_H
#define CAPTURE_TASK_H

#define K_RLIMIT_NOFILE 7
#define CAPTURE_MAX_ARGS 4096

/* The pid of a struct pid as its own (innermost) namespace sees it. */
static __always_inline __s64 pid_vnr(struct pid *pid)
{
	if (!pid)
		return 0;
	unsigned int level = BPF_CORE_READ(pid, level);
	struct upid upid = {};
	bpf_probe_read_kernel(&upid, sizeof(upid), &pid->numbers[level & 31]);
	return upid.nr;
}

static __always_inline struct pid_namespace *pid_ns_of(struct pid *pid)
{
	unsigned int level = BPF_CORE_READ(pid, level);
	struct upid upid = {};
	bpf_probe_read_kernel(&upid, sizeof(upid), &pid->numbers[level & 31]);
	return upid.ns;
}

/*
 * Until 6.2 the resident-set counters were atomics in one struct mm_rss_stat; since then each
 * is a percpu_counter. The old layout is named here with a CO-RE flavor; which one the running
 * kernel has is known at load, and the other branch is dead code the verifier never walks
 * (its relocations fail and libbpf poisons them, which is harmless there).
 */
struct mm_rss_stat___pre_6_2 {
	atomic_long_t count[4];
} __attribute__((preserve_access_index));

struct mm_struct___pre_6_2 {
	struct mm_rss_stat___pre_6_2 rss_stat;
} __attribute__((preserve_access_index));

static __always_inline __u64 rss_pages(struct mm_struct *mm, int counter)
{
	__s64 pages;
	if (bpf_core_type_exists(struct mm_rss_stat___pre_6_2))
		pages = BPF_CORE_READ((struct mm_struct___pre_6_2 *)mm, rss_stat.count[counter & 3].counter);
	else
		pages = BPF_CORE_READ(mm, rss_stat[counter].count);
	return pages > 0 ? pages : 0;
}

/*
 * exe: the first string of the argument area; args: the rest of it, NUL-separated, up to
 * CAPTURE_MAX_ARGS bytes (always NUL-terminated when cut). Empty when there is no mm.
 */
static __always_inline void push_exe_and_args(struct event_builder *b, struct task_struct *task)
{
	struct mm_struct *mm = task->mm;
	unsigned long start = mm ? BPF_CORE_READ(mm, arg_start) : 0;
	unsigned long end = mm ? BPF_CORE_READ(mm, arg_end) : 0;
	if (!start || end <= start) {
		push_empty(b);
		push_empty(b);
		return;
	}
	long exe = bpf_probe_read_user_str(&b->data[SAFE(b->payload)], CAPTURE_MAX_PATH, (void *)start);
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
	if (bpf_probe_read_user(&b->data[SAFE(b->payload)], len & (CAPTURE_MAX_ARGS * 2 - 1), (void *)(start + exe)) != 0) {
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
	push_s64(b, BPF_CORE_READ(task, real_parent, pid));
	push_empty(b); /* cwd: not collected, as in libs' modern probe */
	push_u64(b, BPF_CORE_READ(task, signal, rlim[K_RLIMIT_NOFILE].rlim_cur));
	push_u64(b, task->maj_flt);
	push_u64(b, task->min_flt);
	struct mm_struct *mm = task->mm;
	if (mm) {
		push_u32(b, PAGES_TO_KIB(BPF_CORE_READ(mm, total_vm)));
		push_u32(b, PAGES_TO_KIB(rss_pages(mm, K_MM_FILEPAGES) + rss_pages(mm, K_MM_ANONPAGES) + rss_pages(mm, K_MM_SHMEMPAGES)));
		push_u32(b, PAGES_TO_KIB(rss_pages(mm, K_MM_SWAPENTS)));
	} else {
		push_u32(b, 0);
		push_u32(b, 0);
		push_u32(b, 0);
	}
	push_kernel_string(b, task->comm);
}

static __always_inline __u32 task_euid(struct task_struct *task) { return BPF_CORE_READ(task, cred, euid.val); }
static __always_inline __u32 task_egid(struct task_struct *task) { return BPF_CORE_READ(task, cred, egid.val); }

#endif
