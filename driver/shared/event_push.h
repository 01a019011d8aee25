/*
 * Pushing the parameters of one scap event, shared by the eBPF probe (driver/modern) and the
 * kernel module (driver/kmod).
 *
 * Layout (as libs): 26-byte header, then one __u16 length per parameter, then the values
 * back to back. A filler starts an event with its id and parameter count (event_start, the
 * platform's), pushes exactly that many parameters in schema order, and submits
 * (event_submit, the platform's). Submitting is the only place that counts: the event is
 * seen, then either sent or counted under one drop reason and its category (count_drop), so
 * the counters add up by construction on both platforms.
 *
 * Every offset into the scratch area is masked to below CAPTURE_MAX_EVENT_SIZE and every
 * write is at most that long, which is what lets the verifier accept variable offsets (the
 * module's scratch areas have the same size, so the mask keeps it in bounds too). The
 * unmasked position keeps growing, so an event that outgrew the limit is detected at
 * submit and dropped rather than sent corrupt.
 *
 * What the platform provides before this header (driver/modern/platform.h,
 * driver/kmod/platform.h): cap_read_user(dst, size, src) and cap_read_user_str /
 * cap_read_kernel_str(dst, size, src) with bpf_probe_read_*'s contract (0 or the string's
 * length with its NUL on success, negative on a fault; never sleeping), and cap_snaplen().
 */
#ifndef CAPTURE_EVENT_PUSH_H
#define CAPTURE_EVENT_PUSH_H

#define SAFE(off) ((off) & (CAPTURE_MAX_EVENT_SIZE - 1))
#define CAPTURE_HEADER_SIZE 26
#define CAPTURE_MAX_PATH 4096
/* Upper bound of snaplen the verifier sees; the loader validates the setting against it. */
#define CAPTURE_MAX_SNAPLEN (CAPTURE_MAX_EVENT_SIZE / 2)

enum capture_category {
	CATEGORY_SYSCALL,
	CATEGORY_SCHEDULER,
	CATEGORY_PAGEFAULT,
};

struct event_builder {
	__u8 *data;
	__u64 payload; /* next value offset, unmasked */
	__u32 param;   /* next parameter index */
	__u32 nparams;
	__u16 type;
};

static __always_inline void count_drop(struct capture_counters *c, __u64 *reason, enum capture_category category)
{
	(*reason)++;
	c->lost_unmarked++;
	if (category == CATEGORY_SYSCALL)
		c->dropped_syscall++;
	else if (category == CATEGORY_SCHEDULER)
		c->dropped_scheduler++;
	else
		c->dropped_pagefault++;
}

/* Points the builder at a scratch area for a new event of this type. */
static __always_inline void event_begin(struct event_builder *b, __u8 *data, __u16 type, __u32 nparams)
{
	b->data = data;
	b->type = type;
	b->nparams = nparams;
	b->param = 0;
	b->payload = CAPTURE_HEADER_SIZE + nparams * sizeof(__u16);
}

static __always_inline void set_length(struct event_builder *b, __u16 len)
{
	*(__u16 *)&b->data[SAFE(CAPTURE_HEADER_SIZE + b->param * sizeof(__u16))] = len;
	b->param++;
	b->payload += len;
}

static __always_inline void push_empty(struct event_builder *b) { set_length(b, 0); }

static __always_inline void push_u8(struct event_builder *b, __u8 v)
{
	*(__u8 *)&b->data[SAFE(b->payload)] = v;
	set_length(b, sizeof(v));
}

static __always_inline void push_u16(struct event_builder *b, __u16 v)
{
	*(__u16 *)&b->data[SAFE(b->payload)] = v;
	set_length(b, sizeof(v));
}

static __always_inline void push_u32(struct event_builder *b, __u32 v)
{
	*(__u32 *)&b->data[SAFE(b->payload)] = v;
	set_length(b, sizeof(v));
}

static __always_inline void push_u64(struct event_builder *b, __u64 v)
{
	*(__u64 *)&b->data[SAFE(b->payload)] = v;
	set_length(b, sizeof(v));
}

#define push_s32(b, v) push_u32(b, (__u32)(__s32)(v))
#define push_s64(b, v) push_u64(b, (__u64)(__s64)(v))

/* Raw bytes inside one parameter, for composite values (sockaddr, tuple, fd lists). */
static __always_inline void put_u8(struct event_builder *b, __u32 *len, __u8 v)
{
	*(__u8 *)&b->data[SAFE(b->payload + *len)] = v;
	*len += sizeof(v);
}

static __always_inline void put_u16(struct event_builder *b, __u32 *len, __u16 v)
{
	*(__u16 *)&b->data[SAFE(b->payload + *len)] = v;
	*len += sizeof(v);
}

static __always_inline void put_u32(struct event_builder *b, __u32 *len, __u32 v)
{
	*(__u32 *)&b->data[SAFE(b->payload + *len)] = v;
	*len += sizeof(v);
}

static __always_inline void put_u64(struct event_builder *b, __u32 *len, __u64 v)
{
	*(__u64 *)&b->data[SAFE(b->payload + *len)] = v;
	*len += sizeof(v);
}

/* A NUL-terminated string from user memory; empty when unreadable. */
static __always_inline void push_user_string(struct event_builder *b, const void *ptr)
{
	long n = ptr ? cap_read_user_str(&b->data[SAFE(b->payload)], CAPTURE_MAX_PATH, ptr) : 0;
	set_length(b, n > 0 ? (__u16)n : 0);
}

static __always_inline void push_kernel_string(struct event_builder *b, const void *ptr)
{
	long n = ptr ? cap_read_kernel_str(&b->data[SAFE(b->payload)], CAPTURE_MAX_PATH, ptr) : 0;
	set_length(b, n > 0 ? (__u16)n : 0);
}

/* Up to snaplen bytes of a user buffer: the data of an I/O call. */
static __always_inline void push_user_data(struct event_builder *b, const void *ptr, __u64 size)
{
	__u64 len = size < cap_snaplen() ? size : cap_snaplen();
	if (len > CAPTURE_MAX_SNAPLEN)
		len = CAPTURE_MAX_SNAPLEN;
	if (!ptr || len == 0 || cap_read_user(&b->data[SAFE(b->payload)], len, ptr) != 0) {
		push_empty(b);
		return;
	}
	set_length(b, (__u16)len);
}

#endif
