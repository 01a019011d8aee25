// SPDX-License-Identifier: GPL-2.0
/*
 * Building events on the module's side: where (the CPU's scratch area), the header stamp,
 * the gap markers and the copy into the CPU's ring, with every outcome counted as the probe
 * counts it (capture_abi.h: seen = delivered + each drop reason). Also the string reads the
 * kernel does not export for modules.
 *
 * Everything here runs in a probe of the current CPU with preemption disabled, so the CPU's
 * state (scratch, counters, producer position) has one writer and plain increments suffice.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/string.h>

#include "platform.h"
#include "capture_kmod.h"
#include "events.h"

__u32 capture_snaplen = 80;

static struct capture_cpu *this_cpu_state(void)
{
	return capture_cpus[smp_processor_id()];
}

__u8 *scratch_data(void)
{
	struct capture_cpu *c = this_cpu_state();

	return c ? c->scratch : NULL;
}

bool event_start(struct event_builder *b, __u16 type, __u32 nparams)
{
	struct capture_cpu *c = this_cpu_state();

	if (unlikely(!c))
		return false; /* cannot happen: every possible CPU has its state */
	event_begin(b, c->scratch, type, nparams);
	return true;
}

static void stamp_header(struct capture_event_header *h, __u32 len, __u16 type, __u32 nparams)
{
	h->ts = ktime_get_boot_fast_ns() + READ_ONCE(capture_state.boot_to_epoch_ns);
	h->tid = current->pid;
	h->len = len;
	h->type = type;
	h->nparams = nparams;
}

/* libs' drop event carrying the count this CPU lost since its last marker (as the probe). */
struct gap_marker {
	struct capture_event_header header;
	__u16 lengths[PPME_DROP_E_NPARAMS];
	__u32 lost;
} __packed;

static void mark_gap(struct capture_cpu *c)
{
	struct capture_counters *n = &c->counters;
	struct gap_marker m;
	__u32 lost;

	if (!n->lost_unmarked)
		return;
	lost = n->lost_unmarked > 0xffffffff ? 0xffffffff : (__u32)n->lost_unmarked;
	stamp_header(&m.header, sizeof(m), PPME_DROP_E, PPME_DROP_E_NPARAMS);
	m.lengths[0] = sizeof(m.lost);
	m.lost = lost;
	/* a marker that does not fit leaves the count for the next event, uncounted itself */
	if (capture_ring_write(c->ring, &m, sizeof(m)) != RING_OK)
		return;
	n->lost_unmarked -= lost;
	n->events_seen++;
	n->gap_markers++;
}

void event_submit(struct event_builder *b, enum capture_category category)
{
	struct capture_cpu *c = this_cpu_state();
	struct capture_counters *n = &c->counters;
	__u64 len = b->payload;

	n->events_seen++;
	if (len > CAPTURE_MAX_EVENT_SIZE) {
		count_drop(n, &n->dropped_too_large, category);
		return;
	}
	stamp_header((struct capture_event_header *)b->data, len, b->type, b->nparams);
	mark_gap(c);
	switch (capture_ring_write(c->ring, b->data, len)) {
	case RING_OK:
		break;
	case RING_FULL:
		count_drop(n, &n->dropped_ring_full, category);
		break;
	case RING_CORRUPT:
		/* user space wrote a consumer position we never handed out: no usable buffer */
		count_drop(n, &n->dropped_no_buffer, category);
		break;
	}
}

/*
 * A NUL-terminated string with bpf_probe_read_*_str's contract: the length with its NUL, the
 * string cut (and terminated) at size, -EFAULT with dst zeroed when a byte before the NUL cannot
 * be read.
 * Read in chunks that never cross a page, so a fault means the string itself runs into a
 * page that is not there (reading past its NUL never faults); chunks are small because most
 * strings are short.
 */
#define STR_CHUNK 64

static long read_str(void *dst, __u32 size, const void *src, bool user)
{
	__u8 *out = dst;
	__u32 done = 0;

	if (!size)
		return 0;
	while (done < size - 1) {
		unsigned long at = (unsigned long)src + done;
		__u32 chunk = min_t(__u32, STR_CHUNK, size - 1 - done);
		__u8 *nul;
		long err;

		chunk = min_t(__u32, chunk, PAGE_SIZE - (at & (PAGE_SIZE - 1)));
		err = user ? copy_from_user_nofault(out + done, (const void __user *)at, chunk)
			   : copy_from_kernel_nofault(out + done, (const void *)at, chunk);
		if (err) {
			memset(dst, 0, size); /* as the helpers leave a failed read */
			return -EFAULT;
		}
		nul = memchr(out + done, 0, chunk);
		if (nul)
			return nul - out + 1;
		done += chunk;
	}
	out[done] = 0;
	return done + 1;
}

long capture_read_user_str(void *dst, __u32 size, const void *src)
{
	return read_str(dst, size, src, true);
}

long capture_read_kernel_str(void *dst, __u32 size, const void *src)
{
	return read_str(dst, size, src, false);
}
