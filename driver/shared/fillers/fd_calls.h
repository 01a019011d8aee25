/*
 * Fillers for syscalls that make special file descriptors, close fd ranges, copy file ranges or
 * do vectored I/O at an offset (driver/shared/iovecs.h).
 * Shared: the probe and the kernel module compile this same file.
 */

#define K_EPOLL_CLOEXEC K_O_CLOEXEC

/* Only the O_NONBLOCK and O_CLOEXEC a new special fd may take; nothing for a negative value, as libs. */
static __always_inline __u32 fd_creation_flags_to_scap(__s32 flags)
{
	return flags < 0 ? 0 : socket_type_flags_to_scap(flags);
}

FILLER(close_range_x)
{
	START(b, PPME_SYSCALL_CLOSE_RANGE_X);
	push_s64(&b, ret);
	push_u32(&b, ARG(0));
	push_u32(&b, ARG(1));
	/* CLOSE_RANGE_UNSHARE and CLOSE_RANGE_CLOEXEC are libs' numbers */
	push_u32(&b, ARG(2) & (CAPTURE_CLOSE_RANGE_FLAGS_CLOSE_RANGE_UNSHARE | CAPTURE_CLOSE_RANGE_FLAGS_CLOSE_RANGE_CLOEXEC));
	SUBMIT(b);
}

/* The offsets are the pointer arguments themselves, as libs sends them. */
FILLER(copy_file_range_x)
{
	START(b, PPME_SYSCALL_COPY_FILE_RANGE_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(2));
	push_u64(&b, ARG(3));
	push_s64(&b, ARG_FD(0));
	push_u64(&b, ARG(1));
	push_u64(&b, ARG(4));
	SUBMIT(b);
}

/* size is what was read; data the iovecs' bytes up to that and snaplen (driver/shared/iovecs.h). */
FILLER(preadv_x)
{
	START(b, PPME_SYSCALL_PREADV_X);
	push_s64(&b, ret);
	if (ret > 0) {
		push_u32(&b, ret);
		push_iovec_data(&b, (const struct iovec *)ARG(1), ARG(2), data_limit(ret));
	} else {
		push_u32(&b, 0);
		push_empty(&b);
	}
	push_s64(&b, ARG_FD(0));
	push_u64(&b, ARG(3));
	SUBMIT(b);
}

/* data is what was written (what was asked when the call failed); size the iovecs' total. */
FILLER(pwritev_x)
{
	START(b, PPME_SYSCALL_PWRITEV_X);
	push_s64(&b, ret);
	__u64 size = push_iovec_data(&b, (const struct iovec *)ARG(1), ARG(2), data_limit(ret));
	push_s64(&b, ARG_FD(0));
	push_u32(&b, size);
	push_u64(&b, ARG(3));
	SUBMIT(b);
}

/* inotify_init has no flags; libs sends 0 to read like inotify_init1. */
FILLER(inotify_init_x)
{
	START(b, PPME_SYSCALL_INOTIFY_INIT_X);
	push_s64(&b, ret);
	push_u8(&b, 0);
	SUBMIT(b);
}

FILLER(inotify_init1_x)
{
	START(b, PPME_SYSCALL_INOTIFY_INIT1_X);
	push_s64(&b, ret);
	push_u16(&b, fd_creation_flags_to_scap(ARG(0)));
	SUBMIT(b);
}

FILLER(epoll_create_x)
{
	START(b, PPME_SYSCALL_EPOLL_CREATE_X);
	push_s64(&b, ret);
	push_s32(&b, ARG(0));
	SUBMIT(b);
}

FILLER(epoll_create1_x)
{
	START(b, PPME_SYSCALL_EPOLL_CREATE1_X);
	push_s64(&b, ret);
	push_u32(&b, (ARG(0) & K_EPOLL_CLOEXEC) ? CAPTURE_EPOLL_CREATE1_FLAGS_EPOLL_CLOEXEC : 0);
	SUBMIT(b);
}

/* libs leaves the signal mask out (0), and signalfd has no flags (0). */
FILLER(signalfd_x)
{
	START(b, PPME_SYSCALL_SIGNALFD_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_u32(&b, 0);
	push_u8(&b, 0);
	SUBMIT(b);
}

FILLER(signalfd4_x)
{
	START(b, PPME_SYSCALL_SIGNALFD4_X);
	push_s64(&b, ret);
	push_u16(&b, fd_creation_flags_to_scap(ARG(3)));
	push_s64(&b, ARG_FD(0));
	push_u32(&b, 0);
	SUBMIT(b);
}

/* TFD_NONBLOCK and TFD_CLOEXEC are the O_ bits. */
FILLER(timerfd_create_x)
{
	START(b, PPME_SYSCALL_TIMERFD_CREATE_X);
	push_s64(&b, ret);
	push_u8(&b, ARG(0));
	push_u8(&b, fd_creation_flags_to_scap(ARG(1)));
	SUBMIT(b);
}

/* The kernel's flags as they are: every libs driver sends them unconverted. */
FILLER(userfaultfd_x)
{
	START(b, PPME_SYSCALL_USERFAULTFD_X);
	push_s64(&b, ret);
	push_u32(&b, ARG(0));
	SUBMIT(b);
}
