/*
 * The one contract between the probe (driver/modern) and its loader (Capture.Native).
 * Everything both sides must agree on byte for byte lives here: the event header, the
 * counters record, the settings block, and the names by which the loader finds maps,
 * programs and the settings section. Capture.Native/Abi mirrors each layout and a spec
 * compiles this header to prove the sizes and offsets agree.
 */
#ifndef CAPTURE_ABI_H
#define CAPTURE_ABI_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

/* The largest event the probe builds (as libs); a bigger one is counted, never sent. */
#define CAPTURE_MAX_EVENT_SIZE (64 * 1024)

/* Syscall numbers at or above this are not in the interest map and never traced. */
#define CAPTURE_SYSCALL_TABLE_SIZE 512

/* The scap event header, packed, little endian (struct ppm_evt_hdr in libs). */
struct capture_event_header {
	__u64 ts;      /* ns since the Unix epoch */
	__u64 tid;
	__u32 len;     /* whole event, header included */
	__u16 type;    /* event id (PPME_*) */
	__u32 nparams; /* followed by nparams __u16 lengths, then the values */
} __attribute__((packed));

/*
 * Per-CPU counters. Invariant, per CPU and in total:
 *   events_seen = delivered + dropped_ring_full + dropped_too_large + dropped_no_buffer
 * and every drop is also counted once under its category:
 *   dropped_ring_full + dropped_too_large + dropped_no_buffer
 *     = dropped_syscall + dropped_scheduler + dropped_pagefault
 * Syscalls outside the interest set, the capture's own process and (when asked)
 * failed syscalls are filtered before an event exists and are not "seen".
 */
struct capture_counters {
	__u64 events_seen;
	__u64 dropped_ring_full;  /* the ring had no room */
	__u64 dropped_too_large;  /* the event grew past CAPTURE_MAX_EVENT_SIZE */
	__u64 dropped_no_buffer;  /* no scratch area or no ring for this CPU: a loader bug */
	__u64 dropped_syscall;    /* drops of syscall events */
	__u64 dropped_scheduler;  /* drops of scheduler tracepoint events */
	__u64 dropped_pagefault;  /* drops of page fault events (none are produced yet) */
	__u64 gap_markers;        /* drop events (PPME_DROP_E) sent to mark a loss; in events_seen */
	__u64 lost_unmarked;      /* drops since this CPU's last gap marker, not yet marked */
};

/*
 * Settings fixed at load (read-only globals): the loader reads the versions, then writes
 * the rest into this block before loading. It is the only variable of its ELF section,
 * so it sits at offset 0 of the map the loader finds by CAPTURE_SETTINGS_SECTION.
 * What may change while attached (the interest set) lives in a map instead.
 */
struct capture_settings {
	__u64 api_version;          /* packed major<<44 | minor<<24 | patch */
	__u64 schema_version;
	__u64 boot_time_ns;         /* CLOCK_REALTIME - CLOCK_BOOTTIME, so ts is epoch time */
	__u32 own_tgid;             /* the capture itself: never traced */
	__u32 snaplen;              /* bytes of I/O data kept per buffer parameter */
	__u32 cpus_for_each_buffer; /* 0: one shared ring; N: one ring per N CPUs */
	__u32 ring_count;
	__u8 drop_failed;           /* 1: syscalls that returned an error make no event */
	__u8 reserved[7];
};

#define CAPTURE_SETTINGS_SECTION ".rodata.capture"
#define CAPTURE_MAP_RINGS "capture_rings"         /* ARRAY_OF_MAPS of RINGBUF */
#define CAPTURE_MAP_INTEREST "capture_interest"   /* ARRAY[syscall nr] of __u8 */
#define CAPTURE_MAP_COUNTERS "capture_counters"   /* PERCPU_ARRAY[1] of capture_counters */
#define CAPTURE_MAP_SCRATCH "capture_scratch"     /* ARRAY[cpu] of scratch areas */
#define CAPTURE_PROG_SYS_EXIT "capture_sys_exit"
#define CAPTURE_PROG_SCHED_EXIT "capture_sched_exit"
#define CAPTURE_PROG_SCHED_EXEC "capture_sched_exec"

#endif /* CAPTURE_ABI_H */
