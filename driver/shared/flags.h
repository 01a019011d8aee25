/*
 * Kernel flag values to libs' portable encodings (the CAPTURE_<TABLE>_<NAME> values of
 * capture_schema.h). Readers decode with libs' tables, so a raw kernel number would print
 * the wrong names.
 */
#ifndef CAPTURE_FLAGS_H
#define CAPTURE_FLAGS_H

#include "kernel_facts.h"

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

/* openat2 RESOLVE_* bits: libs orders them differently from the kernel. */
static __always_inline __u32 openat2_resolve_to_scap(__u64 resolve)
{
	__u32 res = 0;
	if (resolve & 0x01) res |= CAPTURE_OPENAT2_FLAGS_RESOLVE_NO_XDEV;
	if (resolve & 0x02) res |= CAPTURE_OPENAT2_FLAGS_RESOLVE_NO_MAGICLINKS;
	if (resolve & 0x04) res |= CAPTURE_OPENAT2_FLAGS_RESOLVE_NO_SYMLINKS;
	if (resolve & 0x08) res |= CAPTURE_OPENAT2_FLAGS_RESOLVE_BENEATH;
	if (resolve & 0x10) res |= CAPTURE_OPENAT2_FLAGS_RESOLVE_IN_ROOT;
	if (resolve & 0x20) res |= CAPTURE_OPENAT2_FLAGS_RESOLVE_CACHED;
	return res;
}

/* Linux x86_64 AF_* numbers are libs' numbers (its socket_families table says so). */
static __always_inline __u8 socket_family_to_scap(__u16 family) { return (__u8)family; }

/* fcntl commands are renumbered by libs; unknown ones become UNKNOWN (0). */
static __always_inline __u8 fcntl_cmd_to_scap(__u32 cmd)
{
	switch (cmd) {
	case 0: return CAPTURE_FCNTL_COMMANDS_F_DUPFD;
	case 1: return CAPTURE_FCNTL_COMMANDS_F_GETFD;
	case 2: return CAPTURE_FCNTL_COMMANDS_F_SETFD;
	case 3: return CAPTURE_FCNTL_COMMANDS_F_GETFL;
	case 4: return CAPTURE_FCNTL_COMMANDS_F_SETFL;
	case 5: return CAPTURE_FCNTL_COMMANDS_F_GETLK;
	case 6: return CAPTURE_FCNTL_COMMANDS_F_SETLK;
	case 7: return CAPTURE_FCNTL_COMMANDS_F_SETLKW;
	case 8: return CAPTURE_FCNTL_COMMANDS_F_SETOWN;
	case 9: return CAPTURE_FCNTL_COMMANDS_F_GETOWN;
	case 10: return CAPTURE_FCNTL_COMMANDS_F_SETSIG;
	case 11: return CAPTURE_FCNTL_COMMANDS_F_GETSIG;
	case 15: return CAPTURE_FCNTL_COMMANDS_F_SETOWN_EX;
	case 16: return CAPTURE_FCNTL_COMMANDS_F_GETOWN_EX;
	case 36: return CAPTURE_FCNTL_COMMANDS_F_OFD_GETLK;
	case 37: return CAPTURE_FCNTL_COMMANDS_F_OFD_SETLK;
	case 38: return CAPTURE_FCNTL_COMMANDS_F_OFD_SETLKW;
	case 1024: return CAPTURE_FCNTL_COMMANDS_F_SETLEASE;
	case 1025: return CAPTURE_FCNTL_COMMANDS_F_GETLEASE;
	case 1026: return CAPTURE_FCNTL_COMMANDS_F_NOTIFY;
	case 1029: return CAPTURE_FCNTL_COMMANDS_F_CANCELLK;
	case 1030: return CAPTURE_FCNTL_COMMANDS_F_DUPFD_CLOEXEC;
	case 1031: return CAPTURE_FCNTL_COMMANDS_F_SETPIPE_SZ;
	case 1032: return CAPTURE_FCNTL_COMMANDS_F_GETPIPE_SZ;
	default: return CAPTURE_FCNTL_COMMANDS_UNKNOWN;
	}
}

static __always_inline __u32 mmap_flags_to_scap(__u64 flags)
{
	__u32 res = 0;
	if (flags & 0x01) res |= CAPTURE_MMAP_FLAGS_MAP_SHARED;
	if (flags & 0x02) res |= CAPTURE_MMAP_FLAGS_MAP_PRIVATE;
	if (flags & 0x10) res |= CAPTURE_MMAP_FLAGS_MAP_FIXED;
	if (flags & 0x20) res |= CAPTURE_MMAP_FLAGS_MAP_ANONYMOUS;
	if (flags & 0x40) res |= CAPTURE_MMAP_FLAGS_MAP_32BIT;
	if (flags & 0x100) res |= CAPTURE_MMAP_FLAGS_MAP_GROWSDOWN;
	if (flags & 0x800) res |= CAPTURE_MMAP_FLAGS_MAP_DENYWRITE;
	if (flags & 0x1000) res |= CAPTURE_MMAP_FLAGS_MAP_EXECUTABLE;
	if (flags & 0x2000) res |= CAPTURE_MMAP_FLAGS_MAP_LOCKED;
	if (flags & 0x4000) res |= CAPTURE_MMAP_FLAGS_MAP_NORESERVE;
	if (flags & 0x8000) res |= CAPTURE_MMAP_FLAGS_MAP_POPULATE;
	if (flags & 0x10000) res |= CAPTURE_MMAP_FLAGS_MAP_NONBLOCK;
	return res;
}

static __always_inline __u32 prot_flags_to_scap(__u64 prot)
{
	__u32 res = prot & (CAPTURE_PROT_FLAGS_PROT_READ | CAPTURE_PROT_FLAGS_PROT_WRITE |
			    CAPTURE_PROT_FLAGS_PROT_EXEC | CAPTURE_PROT_FLAGS_PROT_SEM);
	if (prot & 0x01000000) res |= CAPTURE_PROT_FLAGS_PROT_GROWSDOWN;
	if (prot & 0x02000000) res |= CAPTURE_PROT_FLAGS_PROT_GROWSUP;
	return res;
}

static __always_inline __u16 poll_events_to_scap(__s16 events)
{
	__u16 res = events & (CAPTURE_POLL_FLAGS_POLLIN | CAPTURE_POLL_FLAGS_POLLPRI | CAPTURE_POLL_FLAGS_POLLOUT);
	if (events & 0x0008) res |= CAPTURE_POLL_FLAGS_POLLERR;
	if (events & 0x0010) res |= CAPTURE_POLL_FLAGS_POLLHUP;
	if (events & 0x0020) res |= CAPTURE_POLL_FLAGS_POLLNVAL;
	if (events & 0x0040) res |= CAPTURE_POLL_FLAGS_POLLRDNORM;
	if (events & 0x0080) res |= CAPTURE_POLL_FLAGS_POLLRDBAND;
	if (events & 0x0100) res |= CAPTURE_POLL_FLAGS_POLLWRNORM;
	if (events & 0x0200) res |= CAPTURE_POLL_FLAGS_POLLWRBAND;
	if (events & 0x2000) res |= CAPTURE_POLL_FLAGS_POLLRDHUP;
	return res;
}

static __always_inline __u16 ptrace_request_to_scap(__u64 request)
{
	switch (request) {
	case 0: return CAPTURE_PTRACE_REQUESTS_PTRACE_TRACEME;
	case 1: return CAPTURE_PTRACE_REQUESTS_PTRACE_PEEKTEXT;
	case 2: return CAPTURE_PTRACE_REQUESTS_PTRACE_PEEKDATA;
	case 3: return CAPTURE_PTRACE_REQUESTS_PTRACE_PEEKUSR;
	case 4: return CAPTURE_PTRACE_REQUESTS_PTRACE_POKETEXT;
	case 5: return CAPTURE_PTRACE_REQUESTS_PTRACE_POKEDATA;
	case 6: return CAPTURE_PTRACE_REQUESTS_PTRACE_POKEUSR;
	case 7: return CAPTURE_PTRACE_REQUESTS_PTRACE_CONT;
	case 8: return CAPTURE_PTRACE_REQUESTS_PTRACE_KILL;
	case 9: return CAPTURE_PTRACE_REQUESTS_PTRACE_SINGLESTEP;
	case 12: return CAPTURE_PTRACE_REQUESTS_PTRACE_GETREGS;
	case 13: return CAPTURE_PTRACE_REQUESTS_PTRACE_SETREGS;
	case 14: return CAPTURE_PTRACE_REQUESTS_PTRACE_GETFPREGS;
	case 15: return CAPTURE_PTRACE_REQUESTS_PTRACE_SETFPREGS;
	case 16: return CAPTURE_PTRACE_REQUESTS_PTRACE_ATTACH;
	case 17: return CAPTURE_PTRACE_REQUESTS_PTRACE_DETACH;
	case 18: return CAPTURE_PTRACE_REQUESTS_PTRACE_GETFPXREGS;
	case 19: return CAPTURE_PTRACE_REQUESTS_PTRACE_SETFPXREGS;
	case 21: return CAPTURE_PTRACE_REQUESTS_PTRACE_OLDSETOPTIONS;
	case 24: return CAPTURE_PTRACE_REQUESTS_PTRACE_SYSCALL;
	case 25: return CAPTURE_PTRACE_REQUESTS_PTRACE_GET_THREAD_AREA;
	case 26: return CAPTURE_PTRACE_REQUESTS_PTRACE_SET_THREAD_AREA;
	case 30: return CAPTURE_PTRACE_REQUESTS_PTRACE_ARCH_PRCTL;
	case 31: return CAPTURE_PTRACE_REQUESTS_PTRACE_SYSEMU;
	case 32: return CAPTURE_PTRACE_REQUESTS_PTRACE_SYSEMU_SINGLESTEP;
	case 33: return CAPTURE_PTRACE_REQUESTS_PTRACE_SINGLEBLOCK;
	case 0x4200: return CAPTURE_PTRACE_REQUESTS_PTRACE_SETOPTIONS;
	case 0x4201: return CAPTURE_PTRACE_REQUESTS_PTRACE_GETEVENTMSG;
	case 0x4202: return CAPTURE_PTRACE_REQUESTS_PTRACE_GETSIGINFO;
	case 0x4203: return CAPTURE_PTRACE_REQUESTS_PTRACE_SETSIGINFO;
	case 0x4204: return CAPTURE_PTRACE_REQUESTS_PTRACE_GETREGSET;
	case 0x4205: return CAPTURE_PTRACE_REQUESTS_PTRACE_SETREGSET;
	case 0x4206: return CAPTURE_PTRACE_REQUESTS_PTRACE_SEIZE;
	case 0x4207: return CAPTURE_PTRACE_REQUESTS_PTRACE_INTERRUPT;
	case 0x4208: return CAPTURE_PTRACE_REQUESTS_PTRACE_LISTEN;
	case 0x4209: return CAPTURE_PTRACE_REQUESTS_PTRACE_PEEKSIGINFO;
	case 0x420a: return CAPTURE_PTRACE_REQUESTS_PTRACE_GETSIGMASK;
	case 0x420b: return CAPTURE_PTRACE_REQUESTS_PTRACE_SETSIGMASK;
	default: return CAPTURE_PTRACE_REQUESTS_PTRACE_UNKNOWN;
	}
}

static __always_inline __u8 sockopt_level_to_scap(__u32 level)
{
	return level == 1 ? CAPTURE_SOCKOPT_LEVELS_SOL_SOCKET : level == 6 ? CAPTURE_SOCKOPT_LEVELS_SOL_TCP : CAPTURE_SOCKOPT_LEVELS_UNKNOWN;
}

/* SOL_SOCKET option names: libs keeps Linux's numbers up to SO_ATTACH_BPF, renumbers three after it. */
static __always_inline __u8 sockopt_name_to_scap(__u32 level, __u32 name)
{
	if (level != 1)
		return CAPTURE_SOCKOPT_OPTIONS_UNKNOWN;
	if (name <= CAPTURE_SOCKOPT_OPTIONS_SO_ATTACH_BPF)
		return name;
	switch (name) {
	case 55: return CAPTURE_SOCKOPT_OPTIONS_SO_MEMINFO;
	case 57: return CAPTURE_SOCKOPT_OPTIONS_SO_COOKIE;
	case 59: return CAPTURE_SOCKOPT_OPTIONS_SO_PEERGROUPS;
	default: return CAPTURE_SOCKOPT_OPTIONS_UNKNOWN;
	}
}

/* RLIMIT_* numbers are libs' numbers up to RLIM_NLIMITS */
#define K_RLIM_NLIMITS 16

static __always_inline __u8 rlimit_resource_to_scap(__u32 resource)
{
	return resource < K_RLIM_NLIMITS ? resource : CAPTURE_RLIMIT_RESOURCES_RLIMIT_UNKNOWN;
}

#endif
