/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's side of the layer the shared sources (driver/shared) are written against; the
 * probe's side is driver/modern/platform.h. README.md describes the contract.
 *
 * The module runs in the traced task, inside a tracepoint probe (preemption disabled, under
 * RCU), so every read of memory that may not be there goes through a non-faulting copy: user
 * memory that is paged out reads as a fault, as it does for the probe.
 */
#ifndef CAPTURE_KMOD_PLATFORM_H
#define CAPTURE_KMOD_PLATFORM_H

#include <linux/types.h>
#include <linux/uaccess.h>
#include <linux/sched.h>
#include <linux/fdtable.h>
#include <linux/fs.h>
#include <linux/ptrace.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/version.h>
#include <linux/cred.h>

#include "capture_abi.h"

/*
 * The helpers' contract (bpf_probe_read_user/kernel): 0 on success; on a fault negative, with
 * the destination zeroed (shared code relies on it: a value that could not be read is 0).
 */
static __always_inline long cap_read_user(void *dst, unsigned long size, const void *src)
{
	long err = copy_from_user_nofault(dst, (const void __user *)src, size);

	if (unlikely(err))
		memset(dst, 0, size);
	return err;
}

static __always_inline long cap_read_kernel(void *dst, unsigned long size, const void *src)
{
	long err = copy_from_kernel_nofault(dst, src, size);

	if (unlikely(err))
		memset(dst, 0, size);
	return err;
}

/*
 * String length with its NUL, or negative with the destination zeroed (bpf_probe_read_*_str);
 * events.c, as the kernel exports no nofault strncpy to modules.
 */
long capture_read_user_str(void *dst, __u32 size, const void *src);
long capture_read_kernel_str(void *dst, __u32 size, const void *src);
#define cap_read_user_str(dst, size, src) capture_read_user_str(dst, size, src)
#define cap_read_kernel_str(dst, size, src) capture_read_kernel_str(dst, size, src)

extern __u32 capture_snaplen;
#define cap_snaplen() READ_ONCE(capture_snaplen)
#define cap_current() current

/*
 * A kernel pointer chain, KREAD(p, a, b) = p->a->b, with the probe's CO-RE read semantics: each
 * link is read with copy_from_kernel_nofault, so a NULL or stale link reads as 0 instead of
 * faulting. The shared code follows pointers the traced task does not own (a unix socket's
 * peer, a file's private data before knowing it is a socket), which the probe may read
 * safely; so must the module. The fields are the kernel's own (built against the target's
 * headers), so no relocation is needed. Pointers the task owns (current, its mm) are plain
 * loads in the shared code, as they are trusted pointers for the probe. Scalars, pointers and
 * structs only: an array field would decay to a pointer in the value's type.
 */
#define KREAD_FIELD(src, field) ({ \
	__typeof__(src) __kr_p = (src); \
	__typeof__((void)0, __kr_p->field) __kr_v; /* an rvalue: without const */ \
	if (!__kr_p || copy_from_kernel_nofault(&__kr_v, &__kr_p->field, sizeof(__kr_v))) \
		memset(&__kr_v, 0, sizeof(__kr_v)); \
	__kr_v; \
})
#define KREAD_PICK(_1, _2, _3, _4, NAME, ...) NAME
#define KREAD_1(s, a) KREAD_FIELD(s, a)
#define KREAD_2(s, a, b) KREAD_FIELD(KREAD_1(s, a), b)
#define KREAD_3(s, a, b, c) KREAD_FIELD(KREAD_2(s, a, b), c)
#define KREAD_4(s, a, b, c, d) KREAD_FIELD(KREAD_3(s, a, b, c), d)
#define KREAD(src, ...) KREAD_PICK(__VA_ARGS__, KREAD_4, KREAD_3, KREAD_2, KREAD_1)(src, __VA_ARGS__)

/* Calls fn(i, ctx) for i = 0 .. n-1 until it returns nonzero (bpf_loop on the probe). */
#define cap_loop(n, fn, ctx) do { \
	__u32 __cl_n = (n), __cl_i; \
	for (__cl_i = 0; __cl_i < __cl_n; __cl_i++) \
		if ((fn)(__cl_i, ctx)) \
			break; \
} while (0)

/* The verifier's bound (cap_bound_u8 on the probe) is a plain mask here. */
#define cap_bound_u8(v) ((v) &= 0xff)

/*
 * The file behind fd in the current task, or NULL. The sys_exit dispatcher holds
 * rcu_read_lock around every filler: the lookup needs it, and while it is held a struct file
 * (and its inode) another thread closes meanwhile is not freed, as both are freed after an RCU
 * grace period; the fillers read through it with KREAD, which does not fault either way.
 */
static __always_inline struct file *file_of_fd(__s64 fd)
{
	if (fd < 0 || fd > INT_MAX)
		return NULL;
	return files_lookup_fd_rcu(current->files, (unsigned int)fd);
}

/* A resident-set counter of mm in pages (K_MM_* in kernel_facts.h are the kernel's MM_*). */
static __always_inline __u64 rss_pages(struct mm_struct *mm, int counter)
{
	long pages = get_mm_counter(mm, counter);

	return pages > 0 ? pages : 0;
}

/* A capability set of a cred as libs' u64: kernel_cap_t is a u64 from 6.3, two u32 halves before. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
#define CRED_CAPS(cred, set) ((__u64)KREAD(cred, set.val))
#else
#define CRED_CAPS(cred, set) ((__u64)KREAD(cred, set.cap[1]) << 32 | KREAD(cred, set.cap[0]))
#endif

/* A filler: a plain function the sys_exit probe calls through the module's table. */
#define FILLER(name) static int name(struct pt_regs *regs, long ret)
typedef int (*capture_filler_fn)(struct pt_regs *regs, long ret);

#endif
