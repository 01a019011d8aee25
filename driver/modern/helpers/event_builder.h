/*
 * Building one scap event in the CPU's scratch area and handing it to the ring.
 *
 * Layout (as libs): 26-byte header, then one __u16 length per parameter, then the values
 * back to back. A filler starts an event with its id and parameter count, pushes exactly
 * that many parameters in schema order, and submits. Submitting is the only place that
 * counts: the event is seen, then either sent or counted under one drop reason and its
 * category, so the counters add up by construction.
 *
 * Every offset into the scratch area is masked to below CAPTURE_MAX_EVENT_SIZE and every
 * write is at most that long, which is what lets the verifier accept variable offsets.
 * The unmasked position keeps growing, so an event that outgrew the limit is detected at
 * submit and dropped rather than sent corrupt.
 */
#ifndef CAPTURE_EVENT_BUILDER_H
#define CAPTURE_EVENT_BUILDER_H

#include "maps.h"

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

static __always_inline struct capture_counters *counters(void)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(&capture_counters, &zero);
}

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

/* This CPU's scratch area, where events are built; NULL only if the map lacks the CPU. */
static __always_inline __u8 *scratch_data(void)
{
	__u32 cpu = bpf_get_smp_processor_id();
	struct capture_scratch *scratch = bpf_map_lookup_elem(&capture_scratch, &cpu);
	return scratch ? scratch->data : NULL;
}

/* False only when the CPU has no scratch area; the event is then counted as dropped. */
static __always_inline bool event_start(struct event_builder *b, __u16 type, __u32 nparams)
{
	__u8 *data = scratch_data();
	if (!data) {
		struct capture_counters *c = counters();
		if (c) {
			c->events_seen++;
			count_drop(c, &c->dropped_no_buffer, CATEGORY_SYSCALL);
		}
		return false;
	}
	b->data = data;
	b->type = type;
	b->nparams = nparams;
	b->param = 0;
	b->payload = CAPTURE_HEADER_SIZE + nparams * sizeof(__u16);
	return true;
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
	long n = ptr ? bpf_probe_read_user_str(&b->data[SAFE(b->payload)], CAPTURE_MAX_PATH, ptr) : 0;
	set_length(b, n > 0 ? (__u16)n : 0);
}

static __always_inline void push_kernel_string(struct event_builder *b, const void *ptr)
{
	long n = ptr ? bpf_probe_read_kernel_str(&b->data[SAFE(b->payload)], CAPTURE_MAX_PATH, ptr) : 0;
	set_length(b, n > 0 ? (__u16)n : 0);
}

/* Up to snaplen bytes of a user buffer: the data of an I/O call. */
static __always_inline void push_user_data(struct event_builder *b, const void *ptr, __u64 size)
{
	__u64 len = size < capture_settings.snaplen ? size : capture_settings.snaplen;
	if (len > CAPTURE_MAX_SNAPLEN)
		len = CAPTURE_MAX_SNAPLEN;
	if (!ptr || len == 0 || bpf_probe_read_user(&b->data[SAFE(b->payload)], len, ptr) != 0) {
		push_empty(b);
		return;
	}
	set_length(b, (__u16)len);
}

static __always_inline __u32 ring_index(void)
{
	__u32 per = capture_settings.cpus_for_each_buffer;
	return per == 0 ? 0 : bpf_get_smp_processor_id() / per;
}

static __always_inline void stamp_header(struct capture_event_header *h, __u32 len, __u16 type, __u32 nparams)
{
	h->ts = bpf_ktime_get_boot_ns() + capture_settings.boot_time_ns;
	h->tid = bpf_get_current_task_btf()->pid;
	h->len = len;
	h->type = type;
	h->nparams = nparams;
}

/*
 * A gap marker: libs' drop event, whose one parameter (ratio) carries how many events this
 * CPU lost since its previous marker. It goes into the ring just before the first event that
 * fits again, so readers of the stream and of files see where events are missing and how
 * many; the kernel's drop counters say why. The marker is an event like any other (counted
 * in events_seen, so seen = delivered + dropped still holds); when it does not fit either,
 * the count waits for the next event.
 */
struct gap_marker {
	struct capture_event_header header;
	__u16 lengths[PPME_DROP_E_NPARAMS];
	__u32 lost;
} __attribute__((packed));

static __always_inline void mark_gap(struct capture_counters *c, void *ring)
{
	if (!c->lost_unmarked)
		return;
	struct gap_marker *m = bpf_ringbuf_reserve(ring, sizeof(*m), 0);
	if (!m)
		return;
	__u32 lost = c->lost_unmarked > 0xffffffff ? 0xffffffff : (__u32)c->lost_unmarked;
	stamp_header(&m->header, sizeof(*m), PPME_DROP_E, PPME_DROP_E_NPARAMS);
	m->lengths[0] = sizeof(m->lost);
	m->lost = lost;
	bpf_ringbuf_submit(m, BPF_RB_NO_WAKEUP);
	c->lost_unmarked -= lost;
	c->events_seen++;
	c->gap_markers++;
}

/*
 * Stamps the header and copies the event into this CPU's ring without waking the reader:
 * the reader polls, because a wakeup per event costs the traced program far more.
 */
static __always_inline void event_submit(struct event_builder *b, enum capture_category category)
{
	struct capture_counters *c = counters();
	if (!c)
		return; /* cannot happen: a one-entry per-CPU array always has entry 0 */
	c->events_seen++;

	__u64 len = b->payload;
	if (len > CAPTURE_MAX_EVENT_SIZE) {
		count_drop(c, &c->dropped_too_large, category);
		return;
	}
	stamp_header((struct capture_event_header *)b->data, len, b->type, b->nparams);

	__u32 index = ring_index();
	void *ring = bpf_map_lookup_elem(&capture_rings, &index);
	if (!ring) {
		count_drop(c, &c->dropped_no_buffer, category);
		return;
	}
	mark_gap(c, ring);
	if (bpf_ringbuf_output(ring, b->data, len, BPF_RB_NO_WAKEUP) != 0)
		count_drop(c, &c->dropped_ring_full, category);
}

#endif
