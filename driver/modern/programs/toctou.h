/*
 * Enter events for the five syscalls whose path or address the kernel reads from user memory
 * that the caller may change before the exit event reads it again (time-of-check/time-of-use):
 * connect, creat, open, openat, openat2, as libs' modern probe sends them. Each program sits
 * on its own syscalls/sys_enter_* tracepoint, so other syscalls pay nothing for them, and
 * applies the exit dispatcher's filter. 32-bit (ia32) calls never reach these tracepoints
 * and are not traced (the exit dispatcher skips them too).
 *
 * The loader attaches these programs when it can (classic tracepoints need tracefs to be
 * found) and captures without them otherwise.
 */
#ifndef CAPTURE_TOCTOU_H
#define CAPTURE_TOCTOU_H

/* The context of every syscalls/sys_enter_* tracepoint (events/syscalls/sys_enter_X/format):
 * the common fields, the syscall number, then each argument widened to 8 bytes. */
struct syscall_enter_args {
	__u64 common;
	__s32 nr;
	__u32 pad;
	__u64 args[6];
};

#define ENTER_PROGRAM(name) \
	SEC("tracepoint/syscalls/sys_enter_" #name) \
	int capture_enter_##name(struct syscall_enter_args *ctx)

#define ENTER_START(b, event) \
	if (!syscall_traced((__u32)ctx->nr)) \
		return 0; \
	START(b, event)

#define ENTER_FD(i) ((__s64)(__s32)ctx->args[i])

ENTER_PROGRAM(connect)
{
	ENTER_START(b, PPME_SOCKET_CONNECT_E);
	push_s64(&b, ENTER_FD(0));
	push_user_sockaddr(&b, ctx->args[1], ctx->args[2]);
	SUBMIT(b);
}

ENTER_PROGRAM(creat)
{
	ENTER_START(b, PPME_SYSCALL_CREAT_E);
	push_user_string(&b, (void *)ctx->args[0]);
	push_u32(&b, ctx->args[1] & K_S_MODE_BITS);
	SUBMIT(b);
}

ENTER_PROGRAM(open)
{
	ENTER_START(b, PPME_SYSCALL_OPEN_E);
	__u32 flags = ctx->args[1];
	push_user_string(&b, (void *)ctx->args[0]);
	push_u32(&b, open_flags_to_scap(flags));
	push_u32(&b, open_mode_to_scap(flags, ctx->args[2]));
	SUBMIT(b);
}

ENTER_PROGRAM(openat)
{
	ENTER_START(b, PPME_SYSCALL_OPENAT_2_E);
	__u32 flags = ctx->args[2];
	push_s64(&b, ENTER_FD(0));
	push_user_string(&b, (void *)ctx->args[1]);
	push_u32(&b, open_flags_to_scap(flags));
	push_u32(&b, open_mode_to_scap(flags, ctx->args[3]));
	SUBMIT(b);
}

ENTER_PROGRAM(openat2)
{
	ENTER_START(b, PPME_SYSCALL_OPENAT2_E);
	struct open_how how = {};
	bpf_probe_read_user(&how, sizeof(how), (void *)ctx->args[2]);
	push_s64(&b, ENTER_FD(0));
	push_user_string(&b, (void *)ctx->args[1]);
	push_u32(&b, open_flags_to_scap(how.flags));
	push_u32(&b, open_mode_to_scap(how.flags, how.mode));
	push_u32(&b, openat2_resolve_to_scap(how.resolve));
	SUBMIT(b);
}

#endif
