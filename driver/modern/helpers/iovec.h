/*
 * The probe's cursor for the vectored I/O walk of driver/shared/iovecs.h: a per-CPU map.
 */
#ifndef CAPTURE_IOVEC_H
#define CAPTURE_IOVEC_H

#include "iovecs.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct iovec_cursor);
	__uint(max_entries, 1);
} capture_iovec_cursor SEC(".maps");

static __always_inline struct iovec_cursor *iovec_cursor(void)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(&capture_iovec_cursor, &zero);
}

#endif
