// SPDX-License-Identifier: GPL-2.0
/*
 * Starting and stopping capture: the probes are registered on the kernel's tracepoints only
 * while capturing, so a loaded but idle module costs the system nothing.
 *
 * The tracepoints the probe uses, and no others: raw_syscalls' sys_exit (every event is an
 * exit event, with the call's parameters), sched_process_exit (procexit) and
 * sched_process_exec (successful execve and execveat). Like the probe on x86_64, no
 * sched_process_fork: a new child returns through sys_exit itself. sys_enter (the probe's
 * optional TOCTOU enter events) is not hooked yet.
 *
 * Called with capture_state.lock held.
 */
#include <linux/kernel.h>
#include <linux/tracepoint.h>
#include <linux/sched.h>
#include <linux/timekeeping.h>
#include <linux/string.h>
#include <linux/cpumask.h>

#include "capture_kmod.h"

static void probe_sys_exit(void *data, struct pt_regs *regs, long ret)
{
	capture_handle_sys_exit(regs, ret);
}

static void probe_sched_process_exit(void *data, struct task_struct *task)
{
	capture_handle_procexit(task);
}

static void probe_sched_process_exec(void *data, struct task_struct *task, pid_t old_pid, struct linux_binprm *bprm)
{
	capture_handle_exec(task, bprm);
}

struct capture_hook {
	const char *name;
	void *probe;
	struct tracepoint *tp;  /* found at start */
	bool registered;
};

static struct capture_hook hooks[] = {
	{ .name = "sys_exit", .probe = probe_sys_exit },
	{ .name = "sched_process_exit", .probe = probe_sched_process_exit },
	{ .name = "sched_process_exec", .probe = probe_sched_process_exec },
};

/* Tracepoints are not exported symbols: find them by name in the kernel's section. */
static void find_hook(struct tracepoint *tp, void *unused)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(hooks); i++)
		if (!strcmp(tp->name, hooks[i].name))
			hooks[i].tp = tp;
}

static void unregister_hooks(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(hooks); i++) {
		if (!hooks[i].registered)
			continue;
		tracepoint_probe_unregister(hooks[i].tp, hooks[i].probe, NULL);
		hooks[i].registered = false;
	}
	/* returns once no CPU is still inside one of our probes */
	tracepoint_synchronize_unregister();
}

int capture_start(void)
{
	unsigned int cpu;
	size_t i;
	int err;

	if (capture_state.running)
		return -EBUSY;
	for_each_kernel_tracepoint(find_hook, NULL);
	for (i = 0; i < ARRAY_SIZE(hooks); i++)
		if (!hooks[i].tp) {
			pr_err("capture: tracepoint %s not found\n", hooks[i].name);
			return -ENOENT;
		}
	/* no probe is registered: the rings and counters have no writer */
	for_each_possible_cpu(cpu) {
		struct capture_cpu *c = capture_cpus[cpu];

		capture_ring_reset(c->ring);
		memset(&c->counters, 0, sizeof(c->counters));
	}
	WRITE_ONCE(capture_state.own_tgid, current->tgid);
	WRITE_ONCE(capture_state.boot_to_epoch_ns, ktime_get_real_ns() - ktime_get_boottime_ns());
	for (i = 0; i < ARRAY_SIZE(hooks); i++) {
		err = tracepoint_probe_register(hooks[i].tp, hooks[i].probe, NULL);
		if (err) {
			pr_err("capture: cannot attach to %s: %d\n", hooks[i].name, err);
			unregister_hooks();
			return err;
		}
		hooks[i].registered = true;
	}
	capture_state.running = true;
	return 0;
}

void capture_stop(void)
{
	if (!capture_state.running)
		return;
	unregister_hooks();
	capture_state.running = false;
}
