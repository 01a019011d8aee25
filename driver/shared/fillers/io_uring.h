/* Fillers for io_uring's three syscalls. */

/* The head of struct io_uring_params (uapi, stable): what the setup exit reports. */
struct io_uring_params_head {
	__u32 sq_entries;
	__u32 cq_entries;
	__u32 flags;
	__u32 sq_thread_cpu;
	__u32 sq_thread_idle;
	__u32 features;
};

#define K_IORING_SETUP_IOPOLL (1U << 0)
#define K_IORING_SETUP_SQPOLL (1U << 1)
#define K_IORING_SETUP_SQ_AFF (1U << 2)
#define K_IORING_SETUP_CQSIZE (1U << 3)
#define K_IORING_SETUP_CLAMP (1U << 4)
#define K_IORING_SETUP_ATTACH_WQ (1U << 5)
#define K_IORING_SETUP_R_DISABLED (1U << 6)

/*
 * libs also tests IORING_SQ_NEED_WAKEUP, a ring flag whose value is IOPOLL's, against the
 * setup flags, so IOPOLL comes with SQ_NEED_WAKEUP; kept, so the values equal libs'.
 */
static __always_inline __u32 io_uring_setup_flags_to_scap(__u32 flags)
{
	__u32 res = 0;
	if (flags & K_IORING_SETUP_IOPOLL) res |= CAPTURE_IO_URING_SETUP_FLAGS_IORING_SETUP_IOPOLL | CAPTURE_IO_URING_SETUP_FLAGS_IORING_SQ_NEED_WAKEUP;
	if (flags & K_IORING_SETUP_SQPOLL) res |= CAPTURE_IO_URING_SETUP_FLAGS_IORING_SETUP_SQPOLL;
	if (flags & K_IORING_SETUP_SQ_AFF) res |= CAPTURE_IO_URING_SETUP_FLAGS_IORING_SETUP_SQ_AFF;
	if (flags & K_IORING_SETUP_CQSIZE) res |= CAPTURE_IO_URING_SETUP_FLAGS_IORING_SETUP_CQSIZE;
	if (flags & K_IORING_SETUP_CLAMP) res |= CAPTURE_IO_URING_SETUP_FLAGS_IORING_SETUP_CLAMP;
	if (flags & K_IORING_SETUP_ATTACH_WQ) res |= CAPTURE_IO_URING_SETUP_FLAGS_IORING_SETUP_ATTACH_RW;
	if (flags & K_IORING_SETUP_R_DISABLED) res |= CAPTURE_IO_URING_SETUP_FLAGS_IORING_SETUP_R_DISABLED;
	return res;
}

/*
 * The eleven IORING_FEAT_* bits libs' table has are its numbers; newer features are dropped,
 * as libs does. libs' modern probe also loses ENTER_EXT_ARG (it tests a define its headers
 * spell IORING_FEAT_EXT_ARG, so never set); its kernel module and we keep it.
 */
#define CAPTURE_IO_URING_KNOWN_FEATS ((CAPTURE_IO_URING_SETUP_FEATS_IORING_FEAT_RSRC_TAGS << 1) - 1)
/* Likewise the four IORING_ENTER_* bits. */
#define CAPTURE_IO_URING_KNOWN_ENTER_FLAGS ((CAPTURE_IO_URING_ENTER_FLAGS_IORING_ENTER_EXT_ARG << 1) - 1)

/* The parameters are read back at exit, so they hold what the kernel filled in. */
FILLER(io_uring_setup_x)
{
	START(b, PPME_SYSCALL_IO_URING_SETUP_X);
	struct io_uring_params_head params = {};
	cap_read_user(&params, sizeof(params), (void *)ARG(1));
	push_s64(&b, ret);
	push_u32(&b, ARG(0));
	push_u32(&b, params.sq_entries);
	push_u32(&b, params.cq_entries);
	push_u32(&b, io_uring_setup_flags_to_scap(params.flags));
	push_u32(&b, params.sq_thread_cpu);
	push_u32(&b, params.sq_thread_idle);
	push_u32(&b, params.features & CAPTURE_IO_URING_KNOWN_FEATS);
	SUBMIT(b);
}

/* sig is the low half of the sigset pointer, as libs sends it; argsz is not in the event. */
FILLER(io_uring_enter_x)
{
	START(b, PPME_SYSCALL_IO_URING_ENTER_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_u32(&b, ARG(1));
	push_u32(&b, ARG(2));
	push_u32(&b, ARG(3) & CAPTURE_IO_URING_KNOWN_ENTER_FLAGS);
	push_u32(&b, ARG(4));
	SUBMIT(b);
}

/* Opcodes are the kernel's enum, which libs' table follows one to one; arg is the pointer. */
FILLER(io_uring_register_x)
{
	START(b, PPME_SYSCALL_IO_URING_REGISTER_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_u16(&b, ARG(1));
	push_u64(&b, ARG(2));
	push_u32(&b, ARG(3));
	SUBMIT(b);
}
