/*
 * Kernel flag values to libs' portable encodings for System V semaphores, memory locking,
 * pidfds and kernel modules (x86_64 uapi values from linux/ipc.h, linux/sem.h,
 * asm-generic/mman*.h and linux/module.h).
 */
#ifndef CAPTURE_IPC_FLAGS_H
#define CAPTURE_IPC_FLAGS_H

#include "kernel_facts.h"

#define K_IPC_CREAT 01000
#define K_IPC_EXCL 02000
#define K_IPC_NOWAIT 04000
#define K_SEM_UNDO 0x1000
#define K_SETVAL 16

static __always_inline __u32 semget_flags_to_scap(__u32 flags)
{
	__u32 res = 0;
	if (flags & K_IPC_CREAT) res |= CAPTURE_SEMGET_FLAGS_IPC_CREAT;
	if (flags & K_IPC_EXCL) res |= CAPTURE_SEMGET_FLAGS_IPC_EXCL;
	return res;
}

static __always_inline __u16 semop_flags_to_scap(__s16 flags)
{
	__u16 res = 0;
	if (flags & K_IPC_NOWAIT) res |= CAPTURE_SEMOP_FLAGS_IPC_NOWAIT;
	if (flags & K_SEM_UNDO) res |= CAPTURE_SEMOP_FLAGS_SEM_UNDO;
	return res;
}

/* One bit each in libs' encoding; commands it has no name for (SEM_STAT_ANY, IPC_64 forms) are 0. */
static __always_inline __u16 semctl_cmd_to_scap(__u16 cmd)
{
	switch (cmd) {
	case 0: return CAPTURE_SEMCTL_COMMANDS_IPC_RMID;
	case 1: return CAPTURE_SEMCTL_COMMANDS_IPC_SET;
	case 2: return CAPTURE_SEMCTL_COMMANDS_IPC_STAT;
	case 3: return CAPTURE_SEMCTL_COMMANDS_IPC_INFO;
	case 11: return CAPTURE_SEMCTL_COMMANDS_GETPID;
	case 12: return CAPTURE_SEMCTL_COMMANDS_GETVAL;
	case 13: return CAPTURE_SEMCTL_COMMANDS_GETALL;
	case 14: return CAPTURE_SEMCTL_COMMANDS_GETNCNT;
	case 15: return CAPTURE_SEMCTL_COMMANDS_GETZCNT;
	case K_SETVAL: return CAPTURE_SEMCTL_COMMANDS_SETVAL;
	case 17: return CAPTURE_SEMCTL_COMMANDS_SETALL;
	case 18: return CAPTURE_SEMCTL_COMMANDS_SEM_STAT;
	case 19: return CAPTURE_SEMCTL_COMMANDS_SEM_INFO;
	default: return 0;
	}
}

static __always_inline __u32 mlockall_flags_to_scap(__u32 flags)
{
	__u32 res = 0;
	if (flags & 1) res |= CAPTURE_MLOCKALL_FLAGS_MCL_CURRENT;
	if (flags & 2) res |= CAPTURE_MLOCKALL_FLAGS_MCL_FUTURE;
	if (flags & 4) res |= CAPTURE_MLOCKALL_FLAGS_MCL_ONFAULT;
	return res;
}

static __always_inline __u32 mlock2_flags_to_scap(__u32 flags)
{
	return flags & 1 ? CAPTURE_MLOCK2_FLAGS_MLOCK_ONFAULT : 0;
}

/* PIDFD_NONBLOCK is O_NONBLOCK. */
static __always_inline __u32 pidfd_open_flags_to_scap(__u32 flags)
{
	return flags & K_O_NONBLOCK ? CAPTURE_PIDFD_OPEN_FLAGS_PIDFD_NONBLOCK : 0;
}

static __always_inline __u32 delete_module_flags_to_scap(__u64 flags)
{
	__u32 res = 0;
	if (flags & K_O_NONBLOCK) res |= CAPTURE_DELETE_MODULE_FLAGS_O_NONBLOCK;
	if (flags & K_O_TRUNC) res |= CAPTURE_DELETE_MODULE_FLAGS_O_TRUNC;
	return res;
}

static __always_inline __u32 finit_module_flags_to_scap(__u32 flags)
{
	__u32 res = 0;
	if (flags & 1) res |= CAPTURE_FINIT_MODULE_FLAGS_MODULE_INIT_IGNORE_MODVERSIONS;
	if (flags & 2) res |= CAPTURE_FINIT_MODULE_FLAGS_MODULE_INIT_IGNORE_VERMAGIC;
	if (flags & 4) res |= CAPTURE_FINIT_MODULE_FLAGS_MODULE_INIT_COMPRESSED_FILE;
	return res;
}

#endif
