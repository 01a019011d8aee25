/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One CPU's ring, as capture_kmod_abi.h describes it: a consumer page user space writes, a
 * producer page and a data area it only reads, all in one vmalloc_user area so one
 * remap_vmalloc_range serves every mapping.
 */
#ifndef CAPTURE_KMOD_RING_H
#define CAPTURE_KMOD_RING_H

#include "capture_kmod_abi.h"

struct capture_ring {
	void *area;                              /* vmalloc_user: pages 0, 1, then data */
	size_t area_size;
	struct capture_kmod_consumer *consumer;  /* page 0 */
	struct capture_kmod_producer *producer;  /* page 1 */
	__u8 *data;                              /* page 2 onwards */
	size_t data_size;                        /* a power of two */
};

#endif
