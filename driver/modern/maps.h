/* The probe's maps. Sizes the loader decides (ring count, CPU count) are set before load. */
#ifndef CAPTURE_MAPS_H
#define CAPTURE_MAPS_H

#include "capture_abi.h"

/*
 * Twice the largest event: every write lands at (offset & (MAX-1)) and is at most MAX
 * bytes long, so the verifier can prove it stays inside the area.
 */
#define CAPTURE_SCRATCH_SIZE (2 * CAPTURE_MAX_EVENT_SIZE)

struct capture_scratch {
	__u8 data[CAPTURE_SCRATCH_SIZE];
};

/*
 * One scratch area per CPU, indexed by CPU id. A plain array (not PERCPU_ARRAY) because
 * per-CPU values are limited to 32 KiB; max_entries is the possible-CPU count, set by the
 * loader. One CPU builds one event at a time: our programs are never nested in each other
 * and the tracepoint glue runs BPF programs with preemption disabled (libs relies on the same).
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct capture_scratch);
	__uint(max_entries, 1);
} capture_scratch SEC(".maps");

/* The rings: the loader creates the BPF ring buffers and sets the inner-map template. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1);
} capture_rings SEC(".maps");

/* Interest set by native syscall number; changed by the loader while attached. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u8);
	__uint(max_entries, CAPTURE_SYSCALL_TABLE_SIZE);
} capture_interest SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct capture_counters);
	__uint(max_entries, 1);
} capture_counters SEC(".maps");

/* Written by the loader before load; the verifier then treats it as constant. */
const volatile struct capture_settings capture_settings SEC(CAPTURE_SETTINGS_SECTION) = {
	.api_version = CAPTURE_API_VERSION,
	.schema_version = CAPTURE_SCHEMA_VERSION,
	.snaplen = 80,
	.cpus_for_each_buffer = 1,
	.ring_count = 1,
};

#endif
