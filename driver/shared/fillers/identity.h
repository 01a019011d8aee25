/*
 * Fillers for calls that read or change a task's ids, session and process group, and the
 * getrlimit read of its limits.
 */

/* The get*id calls cannot fail: their result is the id itself. */
FILLER(getuid_x)
{
	START(b, PPME_SYSCALL_GETUID_X);
	push_u32(&b, ret);
	SUBMIT(b);
}

FILLER(geteuid_x)
{
	START(b, PPME_SYSCALL_GETEUID_X);
	push_u32(&b, ret);
	SUBMIT(b);
}

FILLER(getgid_x)
{
	START(b, PPME_SYSCALL_GETGID_X);
	push_u32(&b, ret);
	SUBMIT(b);
}

FILLER(getegid_x)
{
	START(b, PPME_SYSCALL_GETEGID_X);
	push_u32(&b, ret);
	SUBMIT(b);
}

/* The three ids the kernel wrote to the caller's pointers; 0 where one is unreadable. */
static __always_inline void push_three_user_ids(struct event_builder *b, struct pt_regs *regs)
{
	for (int i = 0; i < 3; i++) {
		__u32 id = 0;
		cap_read_user(&id, sizeof(id), (void *)arg(regs, i));
		push_u32(b, id);
	}
}

FILLER(getresuid_x)
{
	START(b, PPME_SYSCALL_GETRESUID_X);
	push_s64(&b, ret);
	push_three_user_ids(&b, regs);
	SUBMIT(b);
}

FILLER(getresgid_x)
{
	START(b, PPME_SYSCALL_GETRESGID_X);
	push_s64(&b, ret);
	push_three_user_ids(&b, regs);
	SUBMIT(b);
}

FILLER(setreuid_x)
{
	START(b, PPME_SYSCALL_SETREUID_X);
	push_s64(&b, ret);
	push_u32(&b, ARG(0));
	push_u32(&b, ARG(1));
	SUBMIT(b);
}

FILLER(setregid_x)
{
	START(b, PPME_SYSCALL_SETREGID_X);
	push_s64(&b, ret);
	push_u32(&b, ARG(0));
	push_u32(&b, ARG(1));
	SUBMIT(b);
}

/* The new session's id, or the error. */
FILLER(setsid_x)
{
	START(b, PPME_SYSCALL_SETSID_X);
	push_s64(&b, ret);
	SUBMIT(b);
}

FILLER(setpgid_x)
{
	START(b, PPME_SYSCALL_SETPGID_X);
	push_s64(&b, ret);
	push_s64(&b, (__s32)ARG(0));
	push_s64(&b, (__s32)ARG(1));
	SUBMIT(b);
}

/* The limits the kernel wrote back; -1 for both after a failure (as libs). */
FILLER(getrlimit_x)
{
	START(b, PPME_SYSCALL_GETRLIMIT_X);
	struct rlimit limit = { .rlim_cur = -1, .rlim_max = -1 };
	if (ret == 0)
		cap_read_user(&limit, sizeof(limit), (void *)ARG(1));
	push_s64(&b, ret);
	push_s64(&b, limit.rlim_cur);
	push_s64(&b, limit.rlim_max);
	push_u8(&b, rlimit_resource_to_scap(ARG(0)));
	SUBMIT(b);
}
