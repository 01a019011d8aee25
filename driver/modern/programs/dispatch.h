/*
 * The attached programs. sys_exit: filter (interest set, own process, 32-bit tasks,
 * failed calls when asked), then
 * tail-call the syscall's filler; a syscall without a filler (or a failed tail call) gets
 * the generic event. Syscalls outside the interest set cost one array lookup.
 */
#ifndef CAPTURE_DISPATCH_H
#define CAPTURE_DISPATCH_H

/* Native syscall number -> PPM_SC code, for the generic event. */
#define PPM_SC_ENTRY(nr, sc) [nr] = sc,
static const __u16 capture_ppm_sc[CAPTURE_SYSCALL_TABLE_SIZE] = { CAPTURE_SYSCALLS(PPM_SC_ENTRY) };

/*
 * Which syscalls have a filler, from the same list the prog array is filled from: a syscall
 * without one skips the tail call, which costs ~20 ns even when its slot is empty.
 */
#define HAS_FILLER(name) [CAPTURE_NR_##name] = 1,
static const __u8 capture_has_filler[CAPTURE_SYSCALL_TABLE_SIZE] = { CAPTURE_PROBE_FILLERS(HAS_FILLER) };

/* The generic event has a fixed size, so it is written straight into the ring. */
struct generic_event {
	struct capture_event_header header;
	__u16 lengths[PPME_GENERIC_X_NPARAMS];
	__u16 ppm_sc;
	__u16 native_id;
} __attribute__((packed));

static __always_inline void fill_generic(__u32 nr)
{
	struct capture_counters *c = counters();
	if (!c)
		return; /* cannot happen: a one-entry per-CPU array always has entry 0 */
	c->events_seen++;
	__u32 index = ring_index();
	void *ring = bpf_map_lookup_elem(&capture_rings, &index);
	if (!ring) {
		count_drop(c, &c->dropped_no_buffer, CATEGORY_SYSCALL);
		return;
	}
	mark_gap(c, ring);
	struct generic_event *e = bpf_ringbuf_reserve(ring, sizeof(*e), 0);
	if (!e) {
		count_drop(c, &c->dropped_ring_full, CATEGORY_SYSCALL);
		return;
	}
	stamp_header(&e->header, sizeof(*e), PPME_GENERIC_X, PPME_GENERIC_X_NPARAMS);
	e->lengths[0] = sizeof(e->ppm_sc);
	e->lengths[1] = sizeof(e->native_id);
	e->ppm_sc = capture_ppm_sc[nr & (CAPTURE_SYSCALL_TABLE_SIZE - 1)];
	e->native_id = nr;
	bpf_ringbuf_submit(e, BPF_RB_NO_WAKEUP);
}

/* 32-bit tasks use another syscall table; their numbers would be misread, so skip them. */
#define K_TS_COMPAT 0x0002

/*
 * The current task is a trusted pointer: reading its fields is plain loads, but getting it is
 * a helper call this kernel does not inline, so a caller that checks both asks for it once.
 */
static __always_inline bool is_compat_task(struct task_struct *task)
{
	return task->thread_info.status & K_TS_COMPAT;
}

static __always_inline bool is_own_process(struct task_struct *task)
{
	return task->tgid == capture_settings.own_tgid;
}

/*
 * The filter both the sys_exit dispatcher and the TOCTOU enter programs apply: a syscall in
 * the interest set, made by a 64-bit task that is not the capture itself. The interest
 * lookup comes first, as it rejects most calls.
 */
static __always_inline bool syscall_traced(__u32 nr)
{
	if (nr >= CAPTURE_SYSCALL_TABLE_SIZE)
		return false;
	__u8 *wanted = bpf_map_lookup_elem(&capture_interest, &nr);
	if (!wanted || !*wanted)
		return false;
	struct task_struct *task = bpf_get_current_task_btf();
	return !is_own_process(task) && !is_compat_task(task);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(capture_sys_exit, struct pt_regs *regs, long ret)
{
	__u32 nr = (__u32)regs->orig_ax;
	if (!syscall_traced(nr))
		return 0;
	if (capture_settings.drop_failed && ret < 0)
		return 0;
	if (capture_has_filler[nr & (CAPTURE_SYSCALL_TABLE_SIZE - 1)])
		bpf_tail_call(ctx, &capture_fillers, nr);
	fill_generic(nr); /* also when the tail call failed: the event is never lost */
	return 0;
}

/* Every thread's exit (libs' procexit): driver/shared/fillers/procexit.h. */
SEC("tp_btf/sched_process_exit")
int BPF_PROG(capture_sched_exit, struct task_struct *task)
{
	if (is_own_process(bpf_get_current_task_btf()))
		return 0;
	struct event_builder b;
	if (!event_start(&b, PPME_PROCEXIT_1_E, PPME_PROCEXIT_1_E_NPARAMS))
		return 0;
	push_procexit(&b, task);
	event_submit(&b, CATEGORY_SCHEDULER);
	return 0;
}

/*
 * A successful execve/execveat, reported here rather than at sys_exit: the new image is
 * in place and bprm still holds the file name the caller passed
 * (driver/shared/fillers/process_lifecycle.h).
 */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(capture_sched_exec, struct task_struct *task, pid_t old_pid, struct linux_binprm *bprm)
{
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(task);
	__u32 nr = (__u32)BPF_CORE_READ(regs, orig_ax);
	if (nr != CAPTURE_NR_execve && nr != CAPTURE_NR_execveat)
		return 0;
	__u8 *wanted = bpf_map_lookup_elem(&capture_interest, &nr);
	if (!wanted || !*wanted || is_own_process(bpf_get_current_task_btf()))
		return 0;
	fill_exec_success(task, nr == CAPTURE_NR_execve, bprm);
	return 0;
}

#endif
