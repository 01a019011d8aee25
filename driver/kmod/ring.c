// SPDX-License-Identifier: GPL-2.0
/*
 * A CPU's ring in the kernel: its memory (one vmalloc_user area), reset and mmap. Writing
 * records is ring.h's, kept free of kernel calls so test/ring_test.c runs it over a byte array.
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
