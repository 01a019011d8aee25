/*
 * The data and size of a vectored I/O call (preadv, pwritev), as libs sends them: the data
 * is the iovecs' bytes back to back, cut at a limit (snaplen, and what was transferred);
 * the size is the sum of the iovecs' lengths. At most CAPTURE_MAX_IOVECS iovecs are
 * looked at (libs' MAX_IOVCNT), one cap_loop step each (bpf_loop on the probe, so the
 * verifier checks the step once rather than a copy per iovec).
 *
 * As in cgroups.h, the write position lives in per-CPU state the platform gives through
 * iovec_cursor() (the probe: a per-CPU map, as an offset the verifier tracks on the stack
 * grows every step and its states would never repeat), and the step finds the scratch area
 * through scratch_data(). One event at a time per CPU uses them, like the scratch area.
 * Shared by the probe and the kernel module.
 */
#ifndef CAPTURE_IOVECS_H
#define CAPTURE_IOVECS_H

#define CAPTURE_MAX_IOVECS 32

struct iovec_cursor {
	__u64 at;    /* unmasked scratch offset of the next data byte */
	__u64 left;  /* data bytes still wanted */
	__u64 total; /* sum of the lengths of the iovecs read so far */
};

/* This CPU's cursor: the platform's (driver/modern/helpers/iovec.h, driver/kmod/fillers.c). */
static __always_inline struct iovec_cursor *iovec_cursor(void);

/* Step i adds iovec i's length to the total and copies its bytes while data is still wanted. */
static long iovec_step(__u32 i, const struct iovec **iov)
{
	__u8 *data = scratch_data();
	struct iovec_cursor *c = iovec_cursor();
	struct iovec one;
	if (!data || !c || cap_read_user(&one, sizeof(one), &(*iov)[i]) != 0)
		return 1;
	c->total += one.iov_len;
	__u64 n = one.iov_len < c->left ? one.iov_len : c->left;
	if (n > CAPTURE_MAX_SNAPLEN)
		n = CAPTURE_MAX_SNAPLEN;
	if (n == 0 || cap_read_user(&data[SAFE(c->at)], n, one.iov_base) != 0) {
		c->left = 0; /* libs stops the data at the first empty or unreadable iovec */
		return 0;
	}
	c->at += n;
	c->left -= n;
	return 0;
}

/*
 * Pushes up to limit bytes of the iovecs' data as one parameter and returns the sum of
 * their lengths (0 when the array cannot be read).
 */
static __always_inline __u64 push_iovec_data(struct event_builder *b, const struct iovec *iov, unsigned long count, __u64 limit)
{
	struct iovec_cursor *c = iovec_cursor();
	if (!c || !iov) {
		push_empty(b);
		return 0;
	}
	c->at = b->payload;
	c->left = limit;
	c->total = 0;
	cap_loop(count < CAPTURE_MAX_IOVECS ? count : CAPTURE_MAX_IOVECS, iovec_step, &iov);
	__u64 len = c->at - b->payload;
	set_length(b, len <= CAPTURE_MAX_SNAPLEN ? (__u16)len : 0);
	return c->total;
}

/* The data limit of an I/O event: snaplen, and no more than the call transferred. */
static __always_inline __u64 data_limit(long transferred)
{
	__u64 limit = cap_snaplen();
	return transferred > 0 && (__u64)transferred < limit ? (__u64)transferred : limit;
}

#endif
