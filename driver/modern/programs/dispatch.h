/*
 * The attached programs. sys_exit: filter (interest set, own process, failed calls), then
 * tail-call the syscall's filler; a syscall without a filler (or a failed tail call) gets
 * the generic event. Syscalls outside the interest set cost one array lookup.
 */
#ifndef CAPTURE_DISPATCH_H
#define CAPTURE_DISPATCH_H

/* Native syscall number -> PPM_SC code, for the generic event. */
#define PPM_SC_ENTRY(nr, sc) [nr] = sc,
static const __u16 capture_ppm_sc[CAPTURE_SYSCALL_TABLE_SIZE] = { CAPTURE_SYSCALLS(PPM_SC_ENTRY) };

static __always_inline void fill_generic(__u32 nr)
{
	struct event_builder b;
	if (!event_start(&b, PPME_GENERIC_X, PPME_GENERIC_X_NPARAMS))
		return;
	push_u16(&b, capture_ppm_sc[nr & (CAPTURE_SYSCALL_TABLE_SIZE - 1)]);
	push_u16(&b, nr);
	event_submit(&b, CATEGORY_SYSCALL);
}

static __always_inline bool is_own_process(void)
{
	return (bpf_get_current_pid_tgid() >> 32) == capture_settings.own_tgid;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(capture_sys_exit, struct pt_regs *regs, long ret)
{
	__u32 nr = (__u32)regs->orig_ax;
	if (nr >= CAPTURE_SYSCALL_TABLE_SIZE)
		return 0;
	__u8 *wanted = bpf_map_lookup_elem(&capture_interest, &nr);
	if (!wanted || !*wanted)
		return 0;
	if (is_own_process())
		return 0;
	if (capture_settings.drop_failed && ret < 0)
		return 0;
	bpf_tail_call(ctx, &capture_fillers, nr);
	fill_generic(nr);
	return 0;
}

/*
 * Every thread's exit (libs' procexit). The exit code is the wait(2) status word:
 * exit status in bits 8-15, terminating signal in bits 0-6, core dump in bit 7.
 */
SEC("tp_btf/sched_process_exit")
int BPF_PROG(capture_sched_exit, struct task_struct *task)
{
	if (is_own_process())
		return 0;
	struct event_builder b;
	if (!event_start(&b, PPME_PROCEXIT_1_E, PPME_PROCEXIT_1_E_NPARAMS))
		return 0;
	__s64 status = task->exit_code;
	push_s64(&b, status);
	push_s64(&b, (status >> 8) & 0xff);
	push_u8(&b, status & 0x7f);
	push_u8(&b, (status & 0x80) ? 1 : 0);
	push_s64(&b, 0); /* reaper_tid: finding the reaper is not implemented */
	event_submit(&b, CATEGORY_SCHEDULER);
	return 0;
}

#endif
