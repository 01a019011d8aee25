/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One CPU's ring, as capture_kmod_abi.h describes it: a consumer page user space writes, a
 * producer page and a data area it only reads (in the kernel, one vmalloc_user area so one
 * remap_vmalloc_range serves every mapping: ring.c).
 *
 * The producer side, pure: no kernel calls beyond memcpy and the two ordered accesses, so
 * test/ring_test.c compiles it in user space over a byte array (with smp_load_acquire and
 * smp_store_release as C11 atomics).
 *
 * One producer per ring: the probes of that CPU, with preemption disabled, one event at a
 * time; so the producer position is ours alone and needs no atomic update, only a release
 * store to publish. The consumer position comes from user space: it is read with an acquire
 * load (pairs with the consumer's release store after it has finished reading, so we never
 * overwrite bytes it may still be reading) and never trusted: every offset we write at is
 * masked into the data area, and a position that cannot be one we handed out marks the ring
 * corrupt (the event is counted as dropped) instead of being used.
 */
#ifndef CAPTURE_KMOD_RING_H
#define CAPTURE_KMOD_RING_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <asm/barrier.h>
#endif

#include "capture_kmod_abi.h"

struct capture_ring {
	void *area;                              /* vmalloc_user: pages 0, 1, then data */
	size_t area_size;
	struct capture_kmod_consumer *consumer;  /* page 0 */
	struct capture_kmod_producer *producer;  /* page 1 */
	__u8 *data;                              /* page 2 onwards */
	size_t data_size;                        /* a power of two */
};

enum capture_ring_result { RING_OK, RING_FULL, RING_CORRUPT };

static inline void capture_ring_put_record(struct capture_ring *ring, __u64 pos, __u32 kind, const void *payload, __u32 len)
{
	__u8 *at = ring->data + (pos & (ring->data_size - 1));
	struct capture_kmod_record *rec = (struct capture_kmod_record *)at;

	rec->len = len;
	rec->kind = kind;
	if (payload)
		memcpy(at + sizeof(*rec), payload, len);
}

static inline enum capture_ring_result capture_ring_write(struct capture_ring *ring, const void *event, __u32 len)
{
	__u64 size = ring->data_size;
	__u64 head = ring->producer->pos; /* ours alone: no other writer */
	__u64 tail = smp_load_acquire(&ring->consumer->pos);
	__u64 used = head - tail;
	__u64 need = CAPTURE_KMOD_RECORD_SIZE(len);
	__u64 to_end = size - (head & (size - 1));
	__u64 pad = need > to_end ? to_end : 0;

	/* tail past head (used wraps to huge), more than a ring behind, or not a record start */
	if (used > size || (tail & (CAPTURE_KMOD_RECORD_ALIGN - 1)))
		return RING_CORRUPT;
	if (used + pad + need > size)
		return RING_FULL;
	if (pad) {
		/* records never wrap: fill the end with a PAD the consumer skips, go on at 0 */
		capture_ring_put_record(ring, head, CAPTURE_KMOD_RECORD_PAD, NULL, to_end - sizeof(struct capture_kmod_record));
		head += pad;
	}
	capture_ring_put_record(ring, head, CAPTURE_KMOD_RECORD_EVENT, event, len);
	/* publishes the record bytes (and any PAD) before the position that covers them */
	smp_store_release(&ring->producer->pos, head + need);
	return RING_OK;
}

#endif
