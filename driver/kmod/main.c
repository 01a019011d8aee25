// SPDX-License-Identifier: GPL-2.0
/*
 * capture.ko: the kernel module driver of the capture service. It writes the same scap events
 * as the eBPF probe (driver/modern), from the same filler sources where they are shared
 * (driver/shared; see README.md), into per-CPU rings user space maps through one character
 * device per CPU (driver/abi/capture_kmod_abi.h).
 *
 * This file: load (every possible CPU's ring and scratch area, the devices) and unload.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/log2.h>
#include <linux/cpumask.h>

#include "capture_kmod.h"

struct capture_state capture_state = {
	.lock = __MUTEX_INITIALIZER(capture_state.lock),
};
struct capture_cpu **capture_cpus;

/* Each CPU's data area; a power of two that holds at least a few of the largest events. */
unsigned int capture_ring_bytes = 8 << 20;
module_param_named(ring_bytes, capture_ring_bytes, uint, 0444);
MODULE_PARM_DESC(ring_bytes, "bytes of event data per CPU ring, a power of two >= 256 KiB (default 8 MiB)");

#define CAPTURE_MIN_RING_BYTES (256 << 10)

static void free_cpus(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct capture_cpu *c = capture_cpus[cpu];

		if (!c)
			continue;
		capture_ring_destroy(c->ring);
		vfree(c->scratch);
		kfree(c);
	}
	kfree(capture_cpus);
}

static int __init capture_init(void)
{
	unsigned int cpu;
	int err;

	if (!is_power_of_2(capture_ring_bytes) || capture_ring_bytes < CAPTURE_MIN_RING_BYTES) {
		pr_err("capture: ring_bytes=%u must be a power of two >= %u\n", capture_ring_bytes,
		       CAPTURE_MIN_RING_BYTES);
		return -EINVAL;
	}
	capture_cpus = kcalloc(nr_cpu_ids, sizeof(*capture_cpus), GFP_KERNEL);
	if (!capture_cpus)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct capture_cpu *c = kzalloc(sizeof(*c), GFP_KERNEL);

		capture_cpus[cpu] = c;
		if (!c)
			goto nomem;
		c->cpu = cpu;
		/* twice the largest event: shared pushes mask offsets below it and write at most that much */
		c->scratch = vmalloc(2 * CAPTURE_MAX_EVENT_SIZE);
		c->ring = capture_ring_create(capture_ring_bytes);
		if (!c->scratch || !c->ring)
			goto nomem;
	}
	capture_fillers_init();
	err = capture_devices_create();
	if (err) {
		free_cpus();
		return err;
	}
	pr_info("capture: loaded, %u CPUs, %u bytes a ring\n", num_possible_cpus(), capture_ring_bytes);
	return 0;

nomem:
	free_cpus();
	return -ENOMEM;
}

/* No device is open (each holds a module reference), so capture is already stopped. */
static void __exit capture_exit(void)
{
	mutex_lock(&capture_state.lock);
	capture_stop();
	mutex_unlock(&capture_state.lock);
	capture_devices_destroy();
	free_cpus();
}

module_init(capture_init);
module_exit(capture_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("capture: syscall capture into per-CPU rings, scap event format");
