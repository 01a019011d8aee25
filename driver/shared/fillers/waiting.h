/* Fillers for syscalls that wait: poll family, select, epoll, sleep, futex. */

#define CAPTURE_MAX_POLL_FDS 16

/* PT_FDLIST: a u16 count, then per fd an s64 fd and u16 returned events (libs' poll bits). */
static __always_inline void push_pollfds(struct event_builder *b, struct pollfd *fds, unsigned long nfds)
{
	__u32 n = sizeof(__u16);
	__u16 count = 0;
	for (int i = 0; i < CAPTURE_MAX_POLL_FDS; i++) {
		if (i >= nfds)
			break;
		struct pollfd one = {};
		if (cap_read_user(&one, sizeof(one), &fds[i]) != 0)
			break;
		put_u64(b, &n, (__s64)one.fd);
		put_u16(b, &n, poll_events_to_scap(one.revents));
		count++;
	}
	*(__u16 *)&b->data[SAFE(b->payload)] = count;
	set_length(b, n);
}

static __always_inline __u64 user_timespec_ns(unsigned long ptr)
{
	struct __kernel_timespec ts = {};
	if (!ptr || cap_read_user(&ts, sizeof(ts), (void *)ptr) != 0)
		return 0;
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

FILLER(poll_x)
{
	START(b, PPME_SYSCALL_POLL_X);
	push_s64(&b, ret);
	push_pollfds(&b, (struct pollfd *)ARG(0), ARG(1));
	push_s64(&b, (__s32)ARG(2));
	SUBMIT(b);
}

FILLER(ppoll_x)
{
	START(b, PPME_SYSCALL_PPOLL_X);
	__u32 sigmask = 0;
	if (ARG(3))
		cap_read_user(&sigmask, sizeof(sigmask), (void *)ARG(3));
	push_s64(&b, ret);
	push_pollfds(&b, (struct pollfd *)ARG(0), ARG(1));
	push_u64(&b, user_timespec_ns(ARG(2)));
	push_u32(&b, sigmask);
	SUBMIT(b);
}

FILLER(select_x)
{
	START(b, PPME_SYSCALL_SELECT_X);
	push_s64(&b, ret);
	SUBMIT(b);
}

FILLER(epoll_wait_x)
{
	START(b, PPME_SYSCALL_EPOLLWAIT_X);
	push_s64(&b, ret);
	push_s64(&b, (__s32)ARG(2));
	SUBMIT(b);
}

FILLER(nanosleep_x)
{
	START(b, PPME_SYSCALL_NANOSLEEP_X);
	push_s64(&b, ret);
	push_u64(&b, user_timespec_ns(ARG(0)));
	SUBMIT(b);
}

/* FUTEX_* operation numbers are libs' numbers. */
FILLER(futex_x)
{
	START(b, PPME_SYSCALL_FUTEX_X);
	push_s64(&b, ret);
	push_u64(&b, ARG(0));
	push_u16(&b, ARG(1));
	push_u64(&b, ARG(2));
	SUBMIT(b);
}
