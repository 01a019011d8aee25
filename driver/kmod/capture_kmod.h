/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's state and the functions its files offer each other.
 *
 * Ownership: main.c creates every CPU's state at load and frees it at unload; while loaded the
 * state of a CPU is written by two parties only: that CPU's probes (its ring producer
 * position, its counters, its scratch area; preemption is disabled there, so one event at a
 * time per CPU) and the ioctls that start and stop capture, which run only while no probe is
 * registered (start resets, stop unregisters and waits before returning).
 */
#ifndef CAPTURE_KMOD_H
#define CAPTURE_KMOD_H

#include <linux/types.h>
#include <linux/cdev.h>
#include <linux/mutex.h>
#include <linux/bitmap.h>

#include "capture_abi.h"
#include "capture_kmod_abi.h"

#include "ring.h"

struct capture_cpu {
	int cpu;
	struct capture_ring *ring;      /* ring.c */
	__u8 *scratch;                  /* 2 * CAPTURE_MAX_EVENT_SIZE, where events are built */
	struct capture_counters counters;
	atomic_t open;                  /* 1 while a reader holds the device */
	struct device *device;
};

/* Capture-wide settings and state; `lock` serialises the ioctls that change them. */
struct capture_state {
	struct mutex lock;
	bool running;                   /* probes are registered; changed under lock */
	bool detached;                  /* device.c's detach: every device answers ENODEV; set under lock, never cleared */
	__u32 own_tgid;                 /* the process that started capture: never traced */
	__u32 drop_failed;              /* 1: failed syscalls make no event */
	__u64 boot_to_epoch_ns;         /* CLOCK_REALTIME - CLOCK_BOOTTIME at start */
	DECLARE_BITMAP(interest, CAPTURE_SYSCALL_TABLE_SIZE);
	DECLARE_BITMAP(supported, CAPTURE_SYSCALL_TABLE_SIZE); /* fillers.c, fixed at load */
};

extern struct capture_state capture_state;
extern struct capture_cpu **capture_cpus; /* indexed by CPU id, NULL for impossible CPUs */
extern unsigned int capture_ring_bytes;
extern __u32 capture_snaplen;           /* events.c; fixed while capturing */

/* ring.c */
struct capture_ring *capture_ring_create(size_t data_size);
void capture_ring_destroy(struct capture_ring *ring);
void capture_ring_reset(struct capture_ring *ring);
int capture_ring_mmap(struct capture_ring *ring, struct vm_area_struct *vma);
size_t capture_ring_data_size(const struct capture_ring *ring);
/* capture_ring_write: ring.h */

/* tracepoints.c */
int capture_start(void);
void capture_stop(void);

/* fillers.c */
void capture_fillers_init(void);
void capture_handle_sys_exit(struct pt_regs *regs, long ret);
void capture_handle_procexit(struct task_struct *task);
struct linux_binprm;
void capture_handle_exec(struct task_struct *task, struct linux_binprm *bprm);

/* device.c */
int capture_devices_create(void);
void capture_devices_destroy(void);

#endif
