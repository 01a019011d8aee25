/*
 * Fillers for the process lifecycle: the clone family (every exit, the child's included: a
 * new child returns through sys_exit itself) and the execve family (failures here, successes
 * from the platform's sched_process_exec hook through fill_exec_success). The other process
 * syscalls are in process_control.h.
 *
 * The platform provides, before this file: push_cgroups(b, task) (NAME=PATH for each cgroup
 * subsystem), exe_flags(task) (writable exe, memfd, overlay layer), push_exe_path(b, task)
 * (trusted_exepath), inode_ctime_ns/inode_mtime_ns(inode), CRED_CAPS(cred, set), and what
 * task_state.h asks for.
 */
#ifndef CAPTURE_FILLER_PROCESS_LIFECYCLE_H
#define CAPTURE_FILLER_PROCESS_LIFECYCLE_H

/*
 * libs marks a clone whose child lives in a pid namespace other than the root's: seen from
 * the child, its own namespace is below the root; seen from the parent, the namespace it
 * gives its children is not its own (clone with CLONE_NEWPID, or after unshare).
 */
static __always_inline __u32 child_in_pidns_flag(struct task_struct *task)
{
	struct pid_namespace *ns = pid_ns_of(task->thread_pid);
	if (KREAD(ns, level) != 0 || KREAD(task, nsproxy, pid_ns_for_children) != ns)
		return CAPTURE_CLONE_FLAGS_CLONE_CHILD_IN_PIDNS;
	return 0;
}

/* The tail every clone-family exit event shares: cgroups .. pidns_init_start_ts. */
static __always_inline void push_clone_tail(struct event_builder *b, struct task_struct *task, __u32 scap_flags, long ret)
{
	push_cgroups(b, task);
	push_u32(b, scap_flags | child_in_pidns_flag(task));
	push_u32(b, euid_of(task));
	push_u32(b, egid_of(task));
	push_s64(b, pid_nr_own_ns(task->thread_pid));
	push_s64(b, pid_nr_own_ns(KREAD(task, group_leader, thread_pid)));
	/* Only the child reports when its pid namespace's init started (as libs): the init's
	 * monotonic start time, which readers add the boot time to (libsinsp does), so it is
	 * sent as the kernel keeps it. */
	__u64 init_start = 0;
	if (ret == 0) {
		struct pid_namespace *ns = pid_ns_of(task->thread_pid);
		init_start = KREAD(ns, child_reaper, start_time);
	}
	push_u64(b, init_start);
}

static __always_inline int fill_clone(struct event_builder *b, long ret, __u32 scap_flags)
{
	struct task_struct *task = cap_current();
	push_s64(b, ret);
	if (ret >= 0) {
		push_exe_and_args(b, task);
	} else {
		push_empty(b);
		push_empty(b);
	}
	push_task_common(b, task);
	push_clone_tail(b, task, scap_flags, ret);
	event_submit(b, CATEGORY_SYSCALL);
	return 0;
}

FILLER(clone_x)
{
	START(b, PPME_SYSCALL_CLONE_20_X);
	return fill_clone(&b, ret, clone_flags_to_scap(ARG(0)));
}

FILLER(clone3_x)
{
	START(b, PPME_SYSCALL_CLONE3_X);
	__u64 flags = 0;
	cap_read_user(&flags, sizeof(flags), (void *)ARG(0)); /* clone_args.flags is its first field */
	return fill_clone(&b, ret, clone_flags_to_scap(flags));
}

FILLER(fork_x)
{
	START(b, PPME_SYSCALL_FORK_20_X);
	return fill_clone(&b, ret, 0);
}

/* fork and vfork take no flags, so libs sends none (not even vfork's implied CLONE_VM). */
FILLER(vfork_x)
{
	START(b, PPME_SYSCALL_VFORK_20_X);
	return fill_clone(&b, ret, 0);
}

/*
 * execve/execveat exit events. A successful exec is reported from sched_process_exec
 * (fill_exec_success), where the new image and the kernel's copy of the file name are at
 * hand; the sys_exit fillers report failures, when the old image and the caller's arguments
 * are.
 */
static __always_inline void push_exec_tail(struct event_builder *b, struct task_struct *task, long ret)
{
	push_cgroups(b, task);
	if (ret == 0) {
		struct mm_struct *mm = task->mm;
		unsigned long start = mm ? KREAD(mm, env_start) : 0;
		unsigned long end = mm ? KREAD(mm, env_end) : 0;
		__u64 len = end > start ? end - start : 0;
		if (len > CAPTURE_MAX_ARGS)
			len = CAPTURE_MAX_ARGS;
		if (len && cap_read_user(&b->data[SAFE(b->payload)], len & (CAPTURE_MAX_ARGS * 2 - 1), (void *)start) == 0) {
			b->data[SAFE(b->payload + len - 1)] = 0;
			set_length(b, len);
		} else {
			push_empty(b);
		}
	} else {
		push_empty(b); /* env of a failed exec: not collected */
	}
	struct tty_struct *tty = KREAD(task, signal, tty);
	push_u32(b, tty ? ((__u32)KREAD(tty, driver, major) << 20 | (KREAD(tty, driver, minor_start) + KREAD(tty, index))) : 0);
	push_s64(b, pid_nr_own_ns(KREAD(task, signal, pids[PIDTYPE_PGID])));
	push_u32(b, KREAD(task, loginuid.val));
	/* writable exe, memfd, overlay layer: of the new image, or of the old one after a failure (as libs) */
	push_u32(b, exe_flags(task));
	const struct cred *cred = KREAD(task, cred);
	push_u64(b, CRED_CAPS(cred, cap_inheritable));
	push_u64(b, CRED_CAPS(cred, cap_permitted));
	push_u64(b, CRED_CAPS(cred, cap_effective));
	struct inode *exe = KREAD(task, mm, exe_file, f_inode);
	push_u64(b, exe ? KREAD(exe, i_ino) : 0);
	push_u64(b, exe ? inode_ctime_ns(exe) : 0);
	push_u64(b, exe ? inode_mtime_ns(exe) : 0);
	push_u32(b, euid_of(task));
	push_exe_path(b, task);
	push_s64(b, KREAD(task, signal, pids[PIDTYPE_PGID], numbers[0].nr));
	push_u32(b, egid_of(task));
}

static __always_inline int fill_exec_failure(struct event_builder *b, struct pt_regs *regs, long ret, int argv_index, bool has_filename)
{
	struct task_struct *task = cap_current();
	push_s64(b, ret);
	/* exe and args of a failed exec: the caller's argv, read as libs does from the array */
	const char **argv = (const char **)arg(regs, argv_index);
	const char *first = NULL;
	cap_read_user(&first, sizeof(first), argv);
	push_user_string(b, first);
	push_empty(b);
	push_task_common(b, task);
	push_exec_tail(b, task, ret);
	if (has_filename)
		push_user_string(b, (void *)arg(regs, 0));
	event_submit(b, CATEGORY_SYSCALL);
	return 0;
}

FILLER(execve_x)
{
	if (ret == 0)
		return 0; /* reported from sched_process_exec */
	START(b, PPME_SYSCALL_EXECVE_19_X);
	return fill_exec_failure(&b, regs, ret, 1, true);
}

FILLER(execveat_x)
{
	if (ret == 0)
		return 0;
	START(b, PPME_SYSCALL_EXECVEAT_X);
	return fill_exec_failure(&b, regs, ret, 2, false);
}

/*
 * A successful execve (its filename parameter: the name the caller passed, as the kernel
 * copied it into bprm) or execveat (no filename parameter), from the platform's sched_process_exec hook once
 * it has applied the filter. On x86_64 a successful execveat shows the execve number in its
 * registers, so it arrives here as an execve (as in libs).
 */
static __always_inline void fill_exec_success(struct task_struct *task, bool execve, struct linux_binprm *bprm)
{
	struct event_builder b;
	if (!event_start(&b, execve ? PPME_SYSCALL_EXECVE_19_X : PPME_SYSCALL_EXECVEAT_X,
			 execve ? PPME_SYSCALL_EXECVE_19_X_NPARAMS : PPME_SYSCALL_EXECVEAT_X_NPARAMS))
		return;
	push_s64(&b, 0);
	push_exe_and_args(&b, task);
	push_task_common(&b, task);
	push_exec_tail(&b, task, 0);
	if (execve)
		push_kernel_string(&b, KREAD(bprm, filename));
	event_submit(&b, CATEGORY_SYSCALL);
}

#endif
