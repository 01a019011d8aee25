/* Fillers for socket syscalls. */

FILLER(socket_x)
{
	START(b, PPME_SOCKET_SOCKET_X);
	push_s64(&b, ret);
	push_u32(&b, socket_family_to_scap(ARG(0)));
	push_u32(&b, ARG(1));
	push_u32(&b, ARG(2));
	push_u32(&b, socket_type_flags_to_scap(ARG(1)));
	SUBMIT(b);
}

FILLER(socketpair_x)
{
	START(b, PPME_SOCKET_SOCKETPAIR_X);
	__s32 fds[2] = { -1, -1 };
	if (ret == 0)
		cap_read_user(fds, sizeof(fds), (void *)ARG(3));
	struct sock *sk = ret == 0 ? sock_of_fd(fds[0]) : NULL;
	push_s64(&b, ret);
	push_s64(&b, fds[0]);
	push_s64(&b, fds[1]);
	push_u64(&b, (__u64)sk);
	push_u64(&b, sk ? (__u64)KREAD((struct unix_sock *)sk, peer) : 0);
	push_u32(&b, socket_family_to_scap(ARG(0)));
	push_u32(&b, ARG(1));
	push_u32(&b, ARG(2));
	SUBMIT(b);
}

FILLER(bind_x)
{
	START(b, PPME_SOCKET_BIND_X);
	push_s64(&b, ret);
	push_user_sockaddr(&b, ARG(1), ARG(2));
	push_s64(&b, ARG_FD(0));
	SUBMIT(b);
}

FILLER(connect_x)
{
	START(b, PPME_SOCKET_CONNECT_X);
	__s64 fd = ARG_FD(0);
	push_s64(&b, ret);
	if (ret == 0 || ret == -K_EINPROGRESS)
		push_socktuple(&b, fd, OUTBOUND, ARG(1));
	else
		push_empty(&b);
	push_s64(&b, fd);
	push_user_sockaddr(&b, ARG(1), ARG(2));
	SUBMIT(b);
}

FILLER(listen_x)
{
	START(b, PPME_SOCKET_LISTEN_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_s32(&b, ARG(1));
	SUBMIT(b);
}

/* The accepted connection, then how full the listening socket's queue is. */
static __always_inline void push_accept_common(struct event_builder *b, struct pt_regs *regs, long ret)
{
	push_s64(b, ret);
	if (ret >= 0)
		push_socktuple(b, ret, INBOUND, 0);
	else
		push_empty(b);
	/* Only a connection taken off the queue says how full it is; a failed accept (EAGAIN on
	 * an empty queue) reports zeros, as libs does. */
	struct sock *listener = ret >= 0 ? sock_of_fd(ARG_FD(0)) : NULL;
	__u32 queued = listener ? KREAD(listener, sk_ack_backlog) : 0;
	__u32 max = listener ? KREAD(listener, sk_max_ack_backlog) : 0;
	push_u8(b, max ? (__u8)(queued * 100 / max) : 0);
	push_u32(b, queued);
	push_u32(b, max);
}

FILLER(accept_x)
{
	START(b, PPME_SOCKET_ACCEPT_5_X);
	push_accept_common(&b, regs, ret);
	SUBMIT(b);
}

FILLER(accept4_x)
{
	START(b, PPME_SOCKET_ACCEPT4_6_X);
	push_accept_common(&b, regs, ret);
	push_s32(&b, socket_type_flags_to_scap(ARG(3)));
	SUBMIT(b);
}

FILLER(sendto_x)
{
	START(b, PPME_SOCKET_SENDTO_X);
	__s64 fd = ARG_FD(0);
	push_s64(&b, ret);
	push_user_data(&b, (void *)ARG(1), ret > 0 ? (__u64)ret : ARG(2));
	push_s64(&b, fd);
	push_u32(&b, ARG(2));
	if (ret >= 0)
		push_socktuple(&b, fd, OUTBOUND, ARG(4));
	else
		push_empty(&b);
	SUBMIT(b);
}

FILLER(recvfrom_x)
{
	START(b, PPME_SOCKET_RECVFROM_X);
	__s64 fd = ARG_FD(0);
	push_s64(&b, ret);
	if (ret > 0)
		push_user_data(&b, (void *)ARG(1), ret);
	else
		push_empty(&b);
	if (ret >= 0)
		push_socktuple(&b, fd, INBOUND, ARG(4));
	else
		push_empty(&b);
	push_s64(&b, fd);
	push_u32(&b, ARG(2));
	SUBMIT(b);
}

FILLER(sendmsg_x)
{
	START(b, PPME_SOCKET_SENDMSG_X);
	__s64 fd = ARG_FD(0);
	struct user_msghdr msg = {};
	cap_read_user(&msg, sizeof(msg), (void *)ARG(1));
	struct iov_pair first;
	__u64 size = iovec_total(msg.msg_iov, msg.msg_iovlen, &first);
	__u64 sent = ret > 0 ? (__u64)ret : size;
	push_s64(&b, ret);
	push_user_data(&b, first.base, sent < first.len ? sent : first.len);
	push_s64(&b, fd);
	push_u32(&b, size);
	if (ret >= 0)
		push_socktuple(&b, fd, OUTBOUND, (unsigned long)msg.msg_name);
	else
		push_empty(&b);
	SUBMIT(b);
}

FILLER(recvmsg_x)
{
	START(b, PPME_SOCKET_RECVMSG_X);
	__s64 fd = ARG_FD(0);
	struct user_msghdr msg = {};
	cap_read_user(&msg, sizeof(msg), (void *)ARG(1));
	struct iov_pair first;
	__u64 size = iovec_total(msg.msg_iov, msg.msg_iovlen, &first);
	push_s64(&b, ret);
	push_u32(&b, size);
	if (ret > 0)
		push_user_data(&b, first.base, (__u64)ret < first.len ? (__u64)ret : first.len);
	else
		push_empty(&b);
	if (ret >= 0)
		push_socktuple(&b, fd, INBOUND, (unsigned long)msg.msg_name);
	else
		push_empty(&b);
	push_empty(&b); /* msgcontrol: not collected */
	push_s64(&b, fd);
	SUBMIT(b);
}

FILLER(shutdown_x)
{
	START(b, PPME_SOCKET_SHUTDOWN_X);
	__u32 how = ARG(1);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_u8(&b, how <= 2 ? how : (__u8)CAPTURE_SHUTDOWN_HOW_SHUT_UNKNOWN);
	SUBMIT(b);
}

/* PT_DYN sockopt value: an errno for SO_ERROR, a u32 for int-sized values, else raw bytes. */
static __always_inline void push_sockopt_value(struct event_builder *b, __u32 level, __u32 name, unsigned long ptr, __u32 len)
{
	__u32 n = 0;
	__u32 value = 0;
	if (!ptr || len == 0) {
		push_empty(b);
		return;
	}
	if (level == 1 && name == 4 /* SO_ERROR */ && len >= 4) {
		cap_read_user(&value, sizeof(value), (void *)ptr);
		put_u8(b, &n, 1);
		put_u64(b, &n, (__u64)-(__s64)(__s32)value);
	} else if (len == 4) {
		cap_read_user(&value, sizeof(value), (void *)ptr);
		put_u8(b, &n, 2);
		put_u32(b, &n, value);
	} else {
		__u32 copy = len < cap_snaplen() ? len : cap_snaplen();
		if (copy > 255)
			copy = 255;
		put_u8(b, &n, 0);
		cap_bound_u8(copy); /* a bound the verifier sees at the call */
		if (cap_read_user(&b->data[SAFE(b->payload + n)], copy, (void *)ptr) == 0)
			n += copy;
	}
	set_length(b, n);
}

FILLER(setsockopt_x)
{
	START(b, PPME_SOCKET_SETSOCKOPT_X);
	__u32 level = ARG(1), name = ARG(2), len = ARG(4);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_u8(&b, sockopt_level_to_scap(level));
	push_u8(&b, sockopt_name_to_scap(level, name));
	push_sockopt_value(&b, level, name, ARG(3), len);
	push_u32(&b, len);
	SUBMIT(b);
}

FILLER(getsockopt_x)
{
	START(b, PPME_SOCKET_GETSOCKOPT_X);
	__u32 level = ARG(1), name = ARG(2), len = 0;
	cap_read_user(&len, sizeof(len), (void *)ARG(4));
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_u8(&b, sockopt_level_to_scap(level));
	push_u8(&b, sockopt_name_to_scap(level, name));
	if (ret == 0)
		push_sockopt_value(&b, level, name, ARG(3), len);
	else
		push_empty(&b);
	push_u32(&b, len);
	SUBMIT(b);
}
