/*
 * The contract between the kernel module (driver/kmod) and user space: device names, ioctls,
 * the ring layout user space maps and the record format inside it. Events themselves are the
 * same scap frames the probe writes (capture_abi.h's header, lengths, values). Layouts are
 * fixed-size and little endian; a C# mirror must state the same sizes.
 *
 * One character device per possible CPU, /dev/capture-kmod<cpu>. Each holds that CPU's ring
 * and counters; the capture-wide ioctls (versions, start/stop, settings, interest) may be
 * issued on any of them. Opening is exclusive per device (EBUSY), so a ring has one consumer.
 *
 * Ring mapping (mmap offsets in pages, like a BPF ring buffer):
 *   page 0: struct capture_kmod_consumer   read-write, MAP_SHARED: the consumer's position
 *   page 1: struct capture_kmod_producer   read-only: the producer's position and ring size
 *   page 2 ... 2 + data_size/PAGE: data     read-only: the records
 * The module refuses a writable mapping of pages 1 and up, and one of page 0 that is not
 * shared. Map page 0 on its own (RW) and pages 1.. (RO) in a second call.
 *
 * Positions are byte counts since capture start that only grow (a record at position p sits
 * at data offset p & (data_size - 1); data_size is a power of two). START sets both to 0,
 * and so does the last close of the devices, so a reader that maps the rings before START
 * finds 0 in both and may take its start position from the mapping. The ring holds
 * [consumer, producer). The producer publishes a record by a release store of its position
 * after writing it; the consumer reads the producer position with an acquire load, reads the
 * records, then release-stores its own position, which gives the space back.
 *
 * Records are 8-byte aligned: a capture_kmod_record header, then len bytes (for an event, the
 * scap frame, whose header len equals the record's), then padding to the next 8 bytes. A
 * record never wraps: when one does not fit before the end of the data area the producer
 * writes a PAD record covering the rest and starts again at offset 0; the consumer skips it.
 */
#ifndef CAPTURE_KMOD_ABI_H
#define CAPTURE_KMOD_ABI_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/ioctl.h>
#else
#include <linux/types.h>
#include <sys/ioctl.h>
#endif

#define CAPTURE_KMOD_DEVICE_PREFIX "capture-kmod" /* /dev/capture-kmod0, 1, ... */
#define CAPTURE_KMOD_MODULE_NAME "capture"

/* The ioctl and ring contract, packed as capture_settings.api_version: major<<44 | minor<<24 | patch. */
#define CAPTURE_KMOD_API_MAJOR 0ULL
#define CAPTURE_KMOD_API_MINOR 1ULL
#define CAPTURE_KMOD_API_PATCH 0ULL
#define CAPTURE_KMOD_API_VERSION \
	((CAPTURE_KMOD_API_MAJOR << 44) | (CAPTURE_KMOD_API_MINOR << 24) | CAPTURE_KMOD_API_PATCH)

#define CAPTURE_KMOD_CONSUMER_PAGE 0
#define CAPTURE_KMOD_PRODUCER_PAGE 1
#define CAPTURE_KMOD_DATA_PAGE 2

struct capture_kmod_consumer {
	__u64 pos; /* written by user space only (release), read by the module (acquire) */
};

struct capture_kmod_producer {
	__u64 pos;       /* written by the module only (release), read by user space (acquire) */
	__u64 data_size; /* bytes in the data area, a power of two; fixed while loaded */
};

#define CAPTURE_KMOD_RECORD_EVENT 0
#define CAPTURE_KMOD_RECORD_PAD 1

struct capture_kmod_record {
	__u32 len;  /* bytes after this header, before alignment padding */
	__u32 kind; /* CAPTURE_KMOD_RECORD_EVENT or CAPTURE_KMOD_RECORD_PAD */
};

#define CAPTURE_KMOD_RECORD_ALIGN 8
#define CAPTURE_KMOD_RECORD_SIZE(len) \
	(sizeof(struct capture_kmod_record) + (((len) + CAPTURE_KMOD_RECORD_ALIGN - 1) & ~(__u64)(CAPTURE_KMOD_RECORD_ALIGN - 1)))

/* A set of native syscall numbers, bit nr of byte nr/8 (CAPTURE_SYSCALL_TABLE_SIZE bits). */
struct capture_kmod_syscall_set {
	__u8 bits[512 / 8];
};

struct capture_kmod_ring_info {
	__u32 cpu;         /* the CPU this device's ring serves */
	__u32 page_size;   /* mmap offsets are in these */
	__u64 data_size;   /* as capture_kmod_producer.data_size */
};

/* The sizes a mirror (C#) must state too. */
_Static_assert(sizeof(struct capture_kmod_consumer) == 8, "consumer page layout");
_Static_assert(sizeof(struct capture_kmod_producer) == 16, "producer page layout");
_Static_assert(sizeof(struct capture_kmod_record) == 8, "record header");
_Static_assert(sizeof(struct capture_kmod_syscall_set) == 64, "syscall set");
_Static_assert(sizeof(struct capture_kmod_ring_info) == 16, "ring info");

#define CAPTURE_KMOD_IOCTL_MAGIC 0xCA

/* __u64 out: CAPTURE_KMOD_API_VERSION. */
#define CAPTURE_KMOD_IOCTL_API_VERSION _IOR(CAPTURE_KMOD_IOCTL_MAGIC, 0, __u64)
/* __u64 out: CAPTURE_SCHEMA_VERSION of the schema the module was built with. */
#define CAPTURE_KMOD_IOCTL_SCHEMA_VERSION _IOR(CAPTURE_KMOD_IOCTL_MAGIC, 1, __u64)
/* Starts capture: resets every ring and counter, excludes the caller's process (its tgid). */
#define CAPTURE_KMOD_IOCTL_START _IO(CAPTURE_KMOD_IOCTL_MAGIC, 2)
/* Stops capture; returns once no CPU is still writing an event. Records stay readable. */
#define CAPTURE_KMOD_IOCTL_STOP _IO(CAPTURE_KMOD_IOCTL_MAGIC, 3)
/* __u32 in: bytes of I/O data kept per buffer parameter (default 80). EBUSY while capturing. */
#define CAPTURE_KMOD_IOCTL_SET_SNAPLEN _IOW(CAPTURE_KMOD_IOCTL_MAGIC, 4, __u32)
/* __u32 in: 1 = failed syscalls make no event. EBUSY while capturing. */
#define CAPTURE_KMOD_IOCTL_SET_DROP_FAILED _IOW(CAPTURE_KMOD_IOCTL_MAGIC, 5, __u32)
/* The interest set; may change while capturing. Default: empty (nothing traced). */
#define CAPTURE_KMOD_IOCTL_SET_INTEREST _IOW(CAPTURE_KMOD_IOCTL_MAGIC, 6, struct capture_kmod_syscall_set)
/*
 * Out: the syscalls this build can trace. A syscall outside it is never traced even when in
 * the interest set: the probe has a dedicated filler for it that the module lacks, and a
 * generic event in its place would differ from the probe's stream.
 */
#define CAPTURE_KMOD_IOCTL_GET_SUPPORTED _IOR(CAPTURE_KMOD_IOCTL_MAGIC, 7, struct capture_kmod_syscall_set)
/* Out: this device's CPU's counters (capture_abi.h; same invariants as the probe's). */
#define CAPTURE_KMOD_IOCTL_GET_COUNTERS _IOR(CAPTURE_KMOD_IOCTL_MAGIC, 8, struct capture_counters)
#define CAPTURE_KMOD_IOCTL_RING_INFO _IOR(CAPTURE_KMOD_IOCTL_MAGIC, 9, struct capture_kmod_ring_info)

#endif /* CAPTURE_KMOD_ABI_H */
