/*
 * Fillers for signals, identity changes, process control, namespaces and limits. Shared: the
 * probe and the kernel module compile this same file.
 */

FILLER(kill_x)
{
	START(b, PPME_SYSCALL_KILL_X);
	push_s64(&b, ret);
	push_s64(&b, (__s32)ARG(0));
	push_u8(&b, ARG(1));
	SUBMIT(b);
}

FILLER(tkill_x)
{
	START(b, PPME_SYSCALL_TKILL_X);
	push_s64(&b, ret);
	push_s64(&b, (__s32)ARG(0));
	push_u8(&b, ARG(1));
	SUBMIT(b);
}

FILLER(tgkill_x)
{
	START(b, PPME_SYSCALL_TGKILL_X);
	push_s64(&b, ret);
	push_s64(&b, (__s32)ARG(0));
	push_s64(&b, (__s32)ARG(1));
	push_u8(&b, ARG(2));
	SUBMIT(b);
}

FILLER(setuid_x)
{
	START(b, PPME_SYSCALL_SETUID_X);
	push_s64(&b, ret);
	push_u32(&b, ARG(0));
	SUBMIT(b);
}

FILLER(setgid_x)
{
	START(b, PPME_SYSCALL_SETGID_X);
	push_s64(&b, ret);
	push_u32(&b, ARG(0));
	SUBMIT(b);
}

FILLER(setresuid_x)
{
	START(b, PPME_SYSCALL_SETRESUID_X);
	push_s64(&b, ret);
	push_u32(&b, ARG(0));
	push_u32(&b, ARG(1));
	push_u32(&b, ARG(2));
	SUBMIT(b);
}

FILLER(setresgid_x)
{
	START(b, PPME_SYSCALL_SETRESGID_X);
	push_s64(&b, ret);
	push_u32(&b, ARG(0));
	push_u32(&b, ARG(1));
	push_u32(&b, ARG(2));
	SUBMIT(b);
}

#define K_PR_SET_NAME 15
#define K_PR_GET_NAME 16

/* PR_* numbers are libs' numbers. The name options carry a string, the others an int. */
FILLER(prctl_x)
{
	START(b, PPME_SYSCALL_PRCTL_X);
	__u32 option = ARG(0);
	push_s64(&b, ret);
	push_u32(&b, option);
	if (option == K_PR_SET_NAME || option == K_PR_GET_NAME) {
		push_user_string(&b, (void *)ARG(1));
		push_s64(&b, 0);
	} else {
		push_empty(&b);
		push_s64(&b, ARG(1));
	}
	SUBMIT(b);
}

/* addr and data as PT_DYN index 0 (u64); the request renumbered to libs' values. */
FILLER(ptrace_x)
{
	START(b, PPME_SYSCALL_PTRACE_X);
	__u32 n = 0;
	push_s64(&b, ret);
	put_u8(&b, &n, 0);
	put_u64(&b, &n, ARG(2));
	set_length(&b, n);
	n = 0;
	put_u8(&b, &n, 0);
	put_u64(&b, &n, ARG(3));
	set_length(&b, n);
	push_u16(&b, ptrace_request_to_scap(ARG(0)));
	push_s64(&b, (__s32)ARG(1));
	SUBMIT(b);
}

FILLER(unshare_x)
{
	START(b, PPME_SYSCALL_UNSHARE_X);
	push_s64(&b, ret);
	push_u32(&b, clone_flags_to_scap(ARG(0)));
	SUBMIT(b);
}

FILLER(setns_x)
{
	START(b, PPME_SYSCALL_SETNS_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_u32(&b, clone_flags_to_scap(ARG(1)));
	SUBMIT(b);
}

FILLER(bpf_x)
{
	START(b, PPME_SYSCALL_BPF_2_X);
	push_s64(&b, ret);
	push_u32(&b, ARG(0)); /* BPF_* command numbers are libs' numbers */
	SUBMIT(b);
}

FILLER(seccomp_x)
{
	START(b, PPME_SYSCALL_SECCOMP_X);
	push_s64(&b, ret);
	push_u64(&b, ARG(0));
	push_u64(&b, ARG(1));
	SUBMIT(b);
}

FILLER(setrlimit_x)
{
	START(b, PPME_SYSCALL_SETRLIMIT_X);
	struct rlimit limit = { .rlim_cur = -1, .rlim_max = -1 };
	cap_read_user(&limit, sizeof(limit), (void *)ARG(1));
	push_s64(&b, ret);
	push_s64(&b, limit.rlim_cur);
	push_s64(&b, limit.rlim_max);
	push_u8(&b, rlimit_resource_to_scap(ARG(0)));
	SUBMIT(b);
}

FILLER(prlimit64_x)
{
	START(b, PPME_SYSCALL_PRLIMIT_X);
	/* A limit the call did not set or could not return is 0, as libs sends it. */
	struct rlimit updated = {};
	struct rlimit old = {};
	if (ARG(2))
		cap_read_user(&updated, sizeof(updated), (void *)ARG(2));
	if (ARG(3) && ret == 0)
		cap_read_user(&old, sizeof(old), (void *)ARG(3));
	push_s64(&b, ret);
	push_s64(&b, updated.rlim_cur);
	push_s64(&b, updated.rlim_max);
	push_s64(&b, old.rlim_cur);
	push_s64(&b, old.rlim_max);
	push_s64(&b, (__s32)ARG(0));
	push_u8(&b, rlimit_resource_to_scap(ARG(1)));
	SUBMIT(b);
}

/* The capability sets after the call (CRED_CAPS: the platform's, kernel_cap_t changed in 6.3). */
FILLER(capset_x)
{
	START(b, PPME_SYSCALL_CAPSET_X);
	const struct cred *cred = KREAD(cap_current(), cred);
	push_s64(&b, ret);
	push_u64(&b, CRED_CAPS(cred, cap_inheritable));
	push_u64(&b, CRED_CAPS(cred, cap_permitted));
	push_u64(&b, CRED_CAPS(cred, cap_effective));
	SUBMIT(b);
}
