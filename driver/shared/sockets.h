/*
 * Socket addresses as scap encodes them. PT_SOCKADDR: family byte (PPM_AF), then for
 * IPv4 the address (network order) and port (host order), for IPv6 16 address bytes and
 * the port, for unix sockets the NUL-terminated path. PT_SOCKTUPLE: family, then source
 * and destination address/port pairs (unix: two socket pointers and the path).
 *
 * Unix socket names follow libs: an abstract name (sun_path starting with NUL) travels
 * without that NUL, so "\0name" and "name" look alike; an unnamed socket gives an empty
 * string. The name ends at its first NUL or at its length, whichever comes first.
 */
#ifndef CAPTURE_SOCKETS_H
#define CAPTURE_SOCKETS_H

#define OUTBOUND 0
#define INBOUND 1
#define UNIX_PATH_MAX 108
#define SUN_PATH_OFFSET 2 /* sizeof(sun_family) */

/* A unix name's length in bytes, clamped for the verifier: at most UNIX_PATH_MAX. */
static __always_inline __u32 unix_name_bound(long len)
{
	if (len < 0)
		return 0;
	return len > UNIX_PATH_MAX ? UNIX_PATH_MAX : (__u32)len;
}

/*
 * Writes the sun_path of a bound unix socket (len bytes of struct sockaddr_un, as the
 * kernel keeps it in unix_address) at the parameter's offset n; returns the bytes written,
 * terminating NUL included. The kernel does not NUL-terminate abstract names, so the copy
 * is bounded by len rather than by a terminator.
 */
static __always_inline __u32 put_kernel_unix_name(struct event_builder *b, __u32 n, struct unix_sock *us)
{
	struct unix_address *addr = us ? KREAD(us, addr) : NULL;
	long len = addr ? (long)KREAD(addr, len) - SUN_PATH_OFFSET : 0;
	const char *path = addr ? (const char *)&addr->name[0].sun_path : NULL;
	char first = 0;
	if (len > 0)
		cap_read_kernel(&first, 1, path);
	if (len > 0 && first == 0) {
		path++;
		len--;
	}
	long written = len > 0 ? cap_read_kernel_str(&b->data[SAFE(b->payload + n)], unix_name_bound(len) + 1, path) : 0;
	if (written <= 0) {
		b->data[SAFE(b->payload + n)] = 0;
		written = 1;
	}
	return (__u32)written;
}

/* The same for a sockaddr_un in user memory whose sun_path holds at most len bytes. */
static __always_inline __u32 put_user_unix_name(struct event_builder *b, __u32 n, unsigned long sockaddr, long len)
{
	const char *path = (const char *)(sockaddr + SUN_PATH_OFFSET);
	char first = 0;
	if (len > 0 && cap_read_user(&first, 1, path) == 0 && first == 0) {
		path++;
		len--;
	}
	long written = len > 0 ? cap_read_user_str(&b->data[SAFE(b->payload + n)], unix_name_bound(len) + 1, path) : 0;
	if (written <= 0) {
		b->data[SAFE(b->payload + n)] = 0;
		written = 1;
	}
	return (__u32)written;
}

static __always_inline struct sock *sock_of_fd(__s64 fd)
{
	struct file *file = file_of_fd(fd);
	if (!file)
		return NULL;
	struct socket *socket = KREAD(file, private_data);
	return socket ? KREAD(socket, sk) : NULL;
}

/* A sockaddr from user memory; empty for families scap has no encoding for. */
static __always_inline void push_user_sockaddr(struct event_builder *b, unsigned long ptr, __u32 len)
{
	__u16 family = 0;
	if (!ptr || len < sizeof(family) || cap_read_user(&family, sizeof(family), (void *)ptr) != 0) {
		push_empty(b);
		return;
	}
	__u32 n = 0;
	if (family == K_AF_INET) {
		struct sockaddr_in in = {};
		cap_read_user(&in, sizeof(in), (void *)ptr);
		put_u8(b, &n, socket_family_to_scap(family));
		put_u32(b, &n, in.sin_addr.s_addr);
		put_u16(b, &n, __builtin_bswap16(in.sin_port));
	} else if (family == K_AF_INET6) {
		struct sockaddr_in6 in6 = {};
		cap_read_user(&in6, sizeof(in6), (void *)ptr);
		put_u8(b, &n, socket_family_to_scap(family));
		__builtin_memcpy(&b->data[SAFE(b->payload + n)], &in6.sin6_addr, 16);
		n += 16;
		put_u16(b, &n, __builtin_bswap16(in6.sin6_port));
	} else if (family == K_AF_UNIX) {
		put_u8(b, &n, socket_family_to_scap(family));
		n += put_user_unix_name(b, n, ptr, (long)len - SUN_PATH_OFFSET);
	} else {
		push_empty(b);
		return;
	}
	set_length(b, n);
}

/*
 * The connection of the socket behind fd, as the kernel holds it. OUTBOUND puts the local
 * end first (connect, send), INBOUND the remote end (accept, receive). For a datagram
 * socket with no peer, the remote end comes from the user's address when given.
 */
static __always_inline void push_socktuple(struct event_builder *b, __s64 fd, int direction, unsigned long user_addr)
{
	struct sock *sk = sock_of_fd(fd);
	if (!sk) {
		push_empty(b);
		return;
	}
	__u16 family = KREAD(sk, __sk_common.skc_family);
	__u32 n = 0;
	if (family == K_AF_INET) {
		struct inet_sock *inet = (struct inet_sock *)sk;
		__u32 local_ip = KREAD(inet, inet_saddr);
		__u16 local_port = __builtin_bswap16(KREAD(inet, inet_sport));
		__u32 remote_ip = KREAD(sk, __sk_common.skc_daddr);
		__u16 remote_port = __builtin_bswap16(KREAD(sk, __sk_common.skc_dport));
		if (remote_port == 0 && user_addr) {
			struct sockaddr_in in = {};
			cap_read_user(&in, sizeof(in), (void *)user_addr);
			remote_ip = in.sin_addr.s_addr;
			remote_port = __builtin_bswap16(in.sin_port);
		}
		put_u8(b, &n, socket_family_to_scap(family));
		if (direction == OUTBOUND) {
			put_u32(b, &n, local_ip);
			put_u16(b, &n, local_port);
			put_u32(b, &n, remote_ip);
			put_u16(b, &n, remote_port);
		} else {
			put_u32(b, &n, remote_ip);
			put_u16(b, &n, remote_port);
			put_u32(b, &n, local_ip);
			put_u16(b, &n, local_port);
		}
	} else if (family == K_AF_INET6) {
		struct in6_addr local = KREAD(sk, __sk_common.skc_v6_rcv_saddr);
		struct in6_addr remote = KREAD(sk, __sk_common.skc_v6_daddr);
		__u16 local_port = __builtin_bswap16(KREAD((struct inet_sock *)sk, inet_sport));
		__u16 remote_port = __builtin_bswap16(KREAD(sk, __sk_common.skc_dport));
		put_u8(b, &n, socket_family_to_scap(family));
		struct in6_addr *first = direction == OUTBOUND ? &local : &remote;
		struct in6_addr *second = direction == OUTBOUND ? &remote : &local;
		__builtin_memcpy(&b->data[SAFE(b->payload + n)], first, 16);
		n += 16;
		put_u16(b, &n, direction == OUTBOUND ? local_port : remote_port);
		__builtin_memcpy(&b->data[SAFE(b->payload + n)], second, 16);
		n += 16;
		put_u16(b, &n, direction == OUTBOUND ? remote_port : local_port);
	} else if (family == K_AF_UNIX) {
		/*
		 * As libs: the peer first when sending, this socket first when receiving, so both
		 * ends of a connection print the same pair for connect/accept. The name is the
		 * server's: the peer's when sending (or the user's destination while there is no
		 * peer), this socket's own when receiving (an accepted socket shares its
		 * listener's name).
		 */
		struct unix_sock *local = (struct unix_sock *)sk;
		struct unix_sock *peer = (struct unix_sock *)KREAD(local, peer);
		put_u8(b, &n, socket_family_to_scap(family));
		if (direction == OUTBOUND) {
			put_u64(b, &n, (__u64)peer);
			put_u64(b, &n, (__u64)local);
			if (!peer && user_addr)
				n += put_user_unix_name(b, n, user_addr, UNIX_PATH_MAX);
			else
				n += put_kernel_unix_name(b, n, peer);
		} else {
			put_u64(b, &n, (__u64)local);
			put_u64(b, &n, (__u64)peer);
			n += put_kernel_unix_name(b, n, local);
		}
	} else {
		push_empty(b);
		return;
	}
	set_length(b, n);
}

#endif
