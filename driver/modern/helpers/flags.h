/*
 * Kernel flag values to libs' portable encodings (the CAPTURE_<TABLE>_<NAME> values of
 * capture_schema.h). Readers decode with libs' tables, so a raw kernel number would print
 * the wrong names.
 */
#ifndef CAPTURE_FLAGS_H
#define CAPTURE_FLAGS_H

#include "kernel.h"

static __always_inline __u32 open_flags_to_scap(__u32 flags)
{
	__u32 res;
	switch (flags & K_O_ACCMODE) {
	case K_O_WRONLY: res = CAPTURE_FILE_FLAGS_O_WRONLY; break;
	case K_O_RDWR: res = CAPTURE_FILE_FLAGS_O_RDWR; break;
	default: res = CAPTURE_FILE_FLAGS_O_RDONLY; break;
	}
	if (flags & K_O_CREAT) res |= CAPTURE_FILE_FLAGS_O_CREAT;
	if ((flags & K_O_TMPFILE) == K_O_TMPFILE) res |= CAPTURE_FILE_FLAGS_O_TMPFILE;
	if (flags & K_O_APPEND) res |= CAPTURE_FILE_FLAGS_O_APPEND;
	if (flags & K_O_DSYNC) res |= CAPTURE_FILE_FLAGS_O_DSYNC;
	if (flags & K_O_EXCL) res |= CAPTURE_FILE_FLAGS_O_EXCL;
	if (flags & K_O_NONBLOCK) res |= CAPTURE_FILE_FLAGS_O_NONBLOCK;
	if ((flags & K_O_SYNC) == K_O_SYNC) res |= CAPTURE_FILE_FLAGS_O_SYNC;
	if (flags & K_O_TRUNC) res |= CAPTURE_FILE_FLAGS_O_TRUNC;
	if (flags & K_O_DIRECT) res |= CAPTURE_FILE_FLAGS_O_DIRECT;
	if (flags & K_O_DIRECTORY) res |= CAPTURE_FILE_FLAGS_O_DIRECTORY;
	if (flags & K_O_LARGEFILE) res |= CAPTURE_FILE_FLAGS_O_LARGEFILE;
	if (flags & K_O_CLOEXEC) res |= CAPTURE_FILE_FLAGS_O_CLOEXEC;
	return res;
}

/* Only the three bits a socket() type may carry besides the type itself. */
static __always_inline __u32 socket_type_flags_to_scap(__u32 type)
{
	__u32 res = 0;
	if (type & K_O_NONBLOCK) res |= CAPTURE_FILE_FLAGS_O_NONBLOCK;
	if (type & K_O_CLOEXEC) res |= CAPTURE_FILE_FLAGS_O_CLOEXEC;
	return res;
}

#define K_CLONE_VM 0x00000100
#define K_CLONE_FS 0x00000200
#define K_CLONE_FILES 0x00000400
#define K_CLONE_SIGHAND 0x00000800
#define K_CLONE_PTRACE 0x00002000
#define K_CLONE_VFORK 0x00004000
#define K_CLONE_PARENT 0x00008000
#define K_CLONE_THREAD 0x00010000
#define K_CLONE_NEWNS 0x00020000
#define K_CLONE_SYSVSEM 0x00040000
#define K_CLONE_SETTLS 0x00080000
#define K_CLONE_PARENT_SETTID 0x00100000
#define K_CLONE_CHILD_CLEARTID 0x00200000
#define K_CLONE_UNTRACED 0x00800000
#define K_CLONE_CHILD_SETTID 0x01000000
#define K_CLONE_NEWCGROUP 0x02000000
#define K_CLONE_NEWUTS 0x04000000
#define K_CLONE_NEWIPC 0x08000000
#define K_CLONE_NEWUSER 0x10000000
#define K_CLONE_NEWPID 0x20000000
#define K_CLONE_NEWNET 0x40000000
#define K_CLONE_IO 0x80000000UL

static __always_inline __u32 clone_flags_to_scap(__u64 flags)
{
	__u32 res = 0;
	if (flags & K_CLONE_FILES) res |= CAPTURE_CLONE_FLAGS_CLONE_FILES;
	if (flags & K_CLONE_FS) res |= CAPTURE_CLONE_FLAGS_CLONE_FS;
	if (flags & K_CLONE_IO) res |= CAPTURE_CLONE_FLAGS_CLONE_IO;
	if (flags & K_CLONE_NEWIPC) res |= CAPTURE_CLONE_FLAGS_CLONE_NEWIPC;
	if (flags & K_CLONE_NEWNET) res |= CAPTURE_CLONE_FLAGS_CLONE_NEWNET;
	if (flags & K_CLONE_NEWNS) res |= CAPTURE_CLONE_FLAGS_CLONE_NEWNS;
	if (flags & K_CLONE_NEWPID) res |= CAPTURE_CLONE_FLAGS_CLONE_NEWPID;
	if (flags & K_CLONE_NEWUTS) res |= CAPTURE_CLONE_FLAGS_CLONE_NEWUTS;
	if (flags & K_CLONE_PARENT) res |= CAPTURE_CLONE_FLAGS_CLONE_PARENT;
	if (flags & K_CLONE_PARENT_SETTID) res |= CAPTURE_CLONE_FLAGS_CLONE_PARENT_SETTID;
	if (flags & K_CLONE_PTRACE) res |= CAPTURE_CLONE_FLAGS_CLONE_PTRACE;
	if (flags & K_CLONE_SIGHAND) res |= CAPTURE_CLONE_FLAGS_CLONE_SIGHAND;
	if (flags & K_CLONE_SYSVSEM) res |= CAPTURE_CLONE_FLAGS_CLONE_SYSVSEM;
	if (flags & K_CLONE_THREAD) res |= CAPTURE_CLONE_FLAGS_CLONE_THREAD;
	if (flags & K_CLONE_UNTRACED) res |= CAPTURE_CLONE_FLAGS_CLONE_UNTRACED;
	if (flags & K_CLONE_VM) res |= CAPTURE_CLONE_FLAGS_CLONE_VM;
	if (flags & K_CLONE_NEWUSER) res |= CAPTURE_CLONE_FLAGS_CLONE_NEWUSER;
	if (flags & K_CLONE_CHILD_CLEARTID) res |= CAPTURE_CLONE_FLAGS_CLONE_CHILD_CLEARTID;
	if (flags & K_CLONE_CHILD_SETTID) res |= CAPTURE_CLONE_FLAGS_CLONE_CHILD_SETTID;
	if (flags & K_CLONE_SETTLS) res |= CAPTURE_CLONE_FLAGS_CLONE_SETTLS;
	if (flags & K_CLONE_VFORK) res |= CAPTURE_CLONE_FLAGS_CLONE_VFORK;
	if (flags & K_CLONE_NEWCGROUP) res |= CAPTURE_CLONE_FLAGS_CLONE_NEWCGROUP;
	return res;
}

/* Linux x86_64 AF_* numbers are libs' numbers (its socket_families table says so). */
static __always_inline __u8 socket_family_to_scap(__u16 family) { return (__u8)family; }

#endif
