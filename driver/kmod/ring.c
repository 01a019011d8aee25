// SPDX-License-Identifier: GPL-2.0
/*
 * The producer side of a CPU's ring (format: driver/abi/capture_kmod_abi.h).
 *
 * One producer per ring: the probes of that CPU, with preemption disabled, one event at a
 * time; so the producer position is ours alone and needs no atomic update, only a release
 * store to publish. The consumer position comes from user space: it is read with an acquire
 * load (pairs with the consumer's release store after it has finished reading, so we never
 * overwrite bytes it may still be reading) and never trusted: every offset we write at is
 * masked into the data area, and a position that cannot be one we handed out marks the ring
 * corrupt (the event is counted as dropped) instead of being used.
 */
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/version.h>
#include <asm/barrier.h>

#include "capture_kmod.h"
#include "ring.h"

struct capture_ring *capture_ring_create(size_t data_size)
{
	struct capture_ring *ring = kzalloc(sizeof(*ring), GFP_KERNEL);

	if (!ring)
		return NULL;
	ring->data_size = data_size;
	ring->area_size = CAPTURE_KMOD_DATA_PAGE * PAGE_SIZE + data_size;
	/* vmalloc_user: zeroed, and marked so remap_vmalloc_range may map it */
	ring->area = vmalloc_user(ring->area_size);
	if (!ring->area) {
		kfree(ring);
		return NULL;
	}
	ring->consumer = ring->area + CAPTURE_KMOD_CONSUMER_PAGE * PAGE_SIZE;
	ring->producer = ring->area + CAPTURE_KMOD_PRODUCER_PAGE * PAGE_SIZE;
	ring->data = ring->area + CAPTURE_KMOD_DATA_PAGE * PAGE_SIZE;
	ring->producer->data_size = data_size;
	return ring;
}

void capture_ring_destroy(struct capture_ring *ring)
{
	if (!ring)
		return;
	vfree(ring->area);
	kfree(ring);
}

size_t capture_ring_data_size(const struct capture_ring *ring)
{
	return ring->data_size;
}

/* Only while no probe is registered (capture_start): nothing produces concurrently. */
void capture_ring_reset(struct capture_ring *ring)
{
	WRITE_ONCE(ring->consumer->pos, 0);
	smp_store_release(&ring->producer->pos, 0);
}

static void put_record(struct capture_ring *ring, __u64 pos, __u32 kind, const void *payload, __u32 len)
{
	__u8 *at = ring->data + (pos & (ring->data_size - 1));
	struct capture_kmod_record *rec = (struct capture_kmod_record *)at;

	rec->len = len;
	rec->kind = kind;
	if (payload)
		memcpy(at + sizeof(*rec), payload, len);
}

enum capture_ring_result capture_ring_write(struct capture_ring *ring, const void *event, __u32 len)
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
		put_record(ring, head, CAPTURE_KMOD_RECORD_PAD, NULL, to_end - sizeof(struct capture_kmod_record));
		head += pad;
	}
	put_record(ring, head, CAPTURE_KMOD_RECORD_EVENT, event, len);
	/* publishes the record bytes (and any PAD) before the position that covers them */
	smp_store_release(&ring->producer->pos, head + need);
	return RING_OK;
}

/*
 * Page 0 (the consumer position) may be mapped writable, and only shared, or user space's
 * stores would land in a private copy; pages 1 and up only read-only, and without
 * VM_MAYWRITE so mprotect cannot make them writable later.
 */
int capture_ring_mmap(struct capture_ring *ring, struct vm_area_struct *vma)
{
	unsigned long pages = vma_pages(vma);
	unsigned long first = vma->vm_pgoff;
	unsigned long total = ring->area_size >> PAGE_SHIFT;

	if (first >= total || pages > total - first)
		return -EINVAL;
	if (first + pages > CAPTURE_KMOD_PRODUCER_PAGE) {
		if (vma->vm_flags & VM_WRITE)
			return -EPERM;
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
		vm_flags_clear(vma, VM_MAYWRITE);
#else
		vma->vm_flags &= ~VM_MAYWRITE;
#endif
	} else if ((vma->vm_flags & VM_WRITE) && !(vma->vm_flags & VM_SHARED)) {
		return -EINVAL;
	}
	return remap_vmalloc_range(vma, ring->area, first);
}
