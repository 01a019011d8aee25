/* Fillers for locking memory in RAM: mlock, mlock2, munlock, mlockall, munlockall. */

FILLER(mlock_x)
{
	START(b, PPME_SYSCALL_MLOCK_X);
	push_s64(&b, ret);
	push_u64(&b, ARG(0));
	push_u64(&b, ARG(1));
	SUBMIT(b);
}

FILLER(mlock2_x)
{
	START(b, PPME_SYSCALL_MLOCK2_X);
	push_s64(&b, ret);
	push_u64(&b, ARG(0));
	push_u64(&b, ARG(1));
	push_u32(&b, mlock2_flags_to_scap(ARG(2)));
	SUBMIT(b);
}

FILLER(munlock_x)
{
	START(b, PPME_SYSCALL_MUNLOCK_X);
	push_s64(&b, ret);
	push_u64(&b, ARG(0));
	push_u64(&b, ARG(1));
	SUBMIT(b);
}

FILLER(mlockall_x)
{
	START(b, PPME_SYSCALL_MLOCKALL_X);
	push_s64(&b, ret);
	push_u32(&b, mlockall_flags_to_scap(ARG(0)));
	SUBMIT(b);
}

FILLER(munlockall_x)
{
	START(b, PPME_SYSCALL_MUNLOCKALL_X);
	push_s64(&b, ret);
	SUBMIT(b);
}
