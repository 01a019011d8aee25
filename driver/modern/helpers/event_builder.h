/*
 * The probe's side of building an event (the pushes are shared: driver/shared/event_push.h):
 * where an event is built (the CPU's scratch map entry), where it goes (the CPU's BPF ring
 * buffer), how its header is stamped, and the gap markers that show a loss in the stream.
 */
#ifndef CAPTURE_EVENT_BUILDER_H
#define CAPTURE_EVENT_BUILDER_H

#include "maps.h"
#include "event_push.h"

static __always_inline struct capture_counters *counters(void)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(&capture_counters, &zero);
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
	event_begin(b, data, type, nparams);
	return true;
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
