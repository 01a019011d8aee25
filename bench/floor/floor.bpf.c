// SPDX-License-Identifier: GPL-2.0
/*
 * The least a probe that sends one event per syscall can do on this kernel, in steps, to
 * tell what any such probe pays before it does anything of its own (bench/floor/run):
 *   count  — a program on sys_exit that only counts: the tracepoint's own cost (the syscall
 *            slow path it turns on for every task, the raw-tracepoint glue, the program call);
 *   clock  — the same plus one bpf_ktime_get_boot_ns, the timestamp every event carries;
 *   ring   — a 32-byte record reserved and submitted in a BPF ring buffer, without a clock;
 *   event  — the smallest real event: timestamp, thread id, syscall number and result.
 * Each program is loaded and attached alone by floor-loader.c.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} floor_count SEC(".maps");

/* As large as capture's and scap-open's default per-CPU rings, so the pages cycle alike. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 8 << 20);
} floor_ring SEC(".maps");

struct floor_event {
	__u64 timestamp;
	__u64 pid_tgid;
	__u64 nr;
	__s64 ret;
};

static __always_inline __u64 *counter(void)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(&floor_count, &zero);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(count, struct pt_regs *regs, long ret)
{
	__u64 *c = counter();
	if (c)
		(*c)++;
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(clock, struct pt_regs *regs, long ret)
{
	__u64 *c = counter();
	if (c)
		*c += bpf_ktime_get_boot_ns(); /* kept, so the call cannot be left out */
	return 0;
}

/*
 * Reserves, fills and submits one record. Inlined with a constant `stamped`, so the ring step's
 * program has no clock or thread id call at all and the event step's has both, after the reserve.
 */
static __always_inline void send(struct pt_regs *regs, long ret, bool stamped)
{
	struct floor_event *e = bpf_ringbuf_reserve(&floor_ring, sizeof(*e), 0);
	if (!e)
		return;
	e->timestamp = stamped ? bpf_ktime_get_boot_ns() : 0;
	e->pid_tgid = stamped ? bpf_get_current_pid_tgid() : 0;
	e->nr = regs->orig_ax;
	e->ret = ret;
	bpf_ringbuf_submit(e, BPF_RB_NO_WAKEUP);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(ring, struct pt_regs *regs, long ret)
{
	send(regs, ret, false);
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(event, struct pt_regs *regs, long ret)
{
	send(regs, ret, true);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
