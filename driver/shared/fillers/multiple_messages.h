/*
 * Fillers for sendmmsg and recvmmsg. As libs 0.25.4 does, a call that moved messages
 * yields one exit event per message (its res is that message's msg_len), up to
 * MAX_MESSAGES of them; a failed call (or one that moved none) yields one event with the
 * result and the fd. The messages are walked with cap_loop (bpf_loop on the probe, so the
 * verifier checks the body of one message once instead of once per unrolled copy). Shared by
 * the probe and the kernel module.
 */

#define MAX_MESSAGES 16
/* Control data (recvmmsg's msgcontrol) is cut at this many bytes. */
#define MAX_CONTROL 4096

struct message_batch {
	struct mmsghdr *headers;
	__s64 fd;
};

/* res, fd, then size 0 and no data or tuple: the call failed or moved nothing. */
static __always_inline void push_batch_without_messages(struct event_builder *b, struct pt_regs *regs, long ret)
{
	push_s64(b, ret);
	push_s64(b, ARG_FD(0));
	push_u32(b, 0);
	push_empty(b);
	push_empty(b);
}

/* One event for message index; the header is read whole, as the kernel wrote it back. */
static long send_one_message(__u32 index, void *ctx)
{
	struct message_batch *m = ctx;
	struct mmsghdr h = {};
	if (cap_read_user(&h, sizeof(h), &m->headers[index]) != 0)
		return 1;
	struct event_builder b;
	if (!event_start(&b, PPME_SOCKET_SENDMMSG_X, PPME_SOCKET_SENDMMSG_X_NPARAMS))
		return 1;
	struct iov_pair first;
	__u64 size = iovec_total(h.msg_hdr.msg_iov, h.msg_hdr.msg_iovlen, &first);
	__u64 sent = h.msg_len > 0 ? h.msg_len : size;
	push_s64(&b, h.msg_len);
	push_s64(&b, m->fd);
	push_u32(&b, size);
	push_user_data(&b, first.base, sent < first.len ? sent : first.len);
	push_socktuple(&b, m->fd, OUTBOUND, (unsigned long)h.msg_hdr.msg_name);
	event_submit(&b, CATEGORY_SYSCALL);
	return 0;
}

FILLER(sendmmsg_x)
{
	if (ret <= 0) {
		START(b, PPME_SOCKET_SENDMMSG_X);
		push_batch_without_messages(&b, regs, ret);
		SUBMIT(b);
	}
	struct message_batch m = { .headers = (struct mmsghdr *)ARG(1), .fd = ARG_FD(0) };
	cap_loop(ret < MAX_MESSAGES ? ret : MAX_MESSAGES, send_one_message, &m);
	return 0;
}

static long receive_one_message(__u32 index, void *ctx)
{
	struct message_batch *m = ctx;
	struct mmsghdr h = {};
	if (cap_read_user(&h, sizeof(h), &m->headers[index]) != 0)
		return 1;
	struct event_builder b;
	if (!event_start(&b, PPME_SOCKET_RECVMMSG_X, PPME_SOCKET_RECVMMSG_X_NPARAMS))
		return 1;
	struct iov_pair first;
	iovec_total(h.msg_hdr.msg_iov, h.msg_hdr.msg_iovlen, &first);
	push_s64(&b, h.msg_len);
	push_s64(&b, m->fd);
	push_u32(&b, h.msg_len);
	push_user_data(&b, first.base, h.msg_len < first.len ? h.msg_len : first.len);
	push_socktuple(&b, m->fd, INBOUND, (unsigned long)h.msg_hdr.msg_name);
	/* the kernel set msg_controllen to the length of the control data it delivered */
	__u64 control = h.msg_hdr.msg_controllen < MAX_CONTROL ? h.msg_hdr.msg_controllen : MAX_CONTROL;
	if (h.msg_hdr.msg_control && control &&
	    cap_read_user(&b.data[SAFE(b.payload)], control & (MAX_CONTROL * 2 - 1), h.msg_hdr.msg_control) == 0)
		set_length(&b, control);
	else
		push_empty(&b);
	event_submit(&b, CATEGORY_SYSCALL);
	return 0;
}

FILLER(recvmmsg_x)
{
	if (ret <= 0) {
		START(b, PPME_SOCKET_RECVMMSG_X);
		push_batch_without_messages(&b, regs, ret);
		push_empty(&b); /* msgcontrol */
		SUBMIT(b);
	}
	struct message_batch m = { .headers = (struct mmsghdr *)ARG(1), .fd = ARG_FD(0) };
	cap_loop(ret < MAX_MESSAGES ? ret : MAX_MESSAGES, receive_one_message, &m);
	return 0;
}
