/* Fillers for syscalls on files and file descriptors. */

#define K_FMODE_CREATED 0x100000
#define K_S_MODE_BITS 07777

/* The mode argument only means something when the call may create the file (as libs). */
static __always_inline __u32 open_mode_to_scap(__u32 flags, __u32 mode)
{
	return (flags & (K_O_CREAT | K_O_TMPFILE)) ? (mode & K_S_MODE_BITS) : 0;
}

static __always_inline __u32 created_flag(__s64 fd)
{
	struct file *file = fd >= 0 ? file_of_fd(fd) : NULL;
	return file && (BPF_CORE_READ(file, f_mode) & K_FMODE_CREATED) ? CAPTURE_FILE_FLAGS_O_F_CREATED : 0;
}

static __always_inline void push_dev_ino(struct event_builder *b, __s64 fd)
{
	__u32 dev = 0;
	__u64 ino = 0;
	if (fd >= 0)
		dev_ino_of_fd(fd, &dev, &ino);
	push_u32(b, dev);
	push_u64(b, ino);
}

FILLER(open_x)
{
	START(b, PPME_SYSCALL_OPEN_X);
	__u32 flags = ARG(1);
	push_s64(&b, ret);
	push_user_string(&b, (void *)ARG(0));
	push_u32(&b, open_flags_to_scap(flags) | created_flag(ret));
	push_u32(&b, open_mode_to_scap(flags, ARG(2)));
	push_dev_ino(&b, ret);
	SUBMIT(b);
}

FILLER(openat_x)
{
	START(b, PPME_SYSCALL_OPENAT_2_X);
	__u32 flags = ARG(2);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_user_string(&b, (void *)ARG(1));
	push_u32(&b, open_flags_to_scap(flags) | created_flag(ret));
	push_u32(&b, open_mode_to_scap(flags, ARG(3)));
	push_dev_ino(&b, ret);
	SUBMIT(b);
}

FILLER(creat_x)
{
	START(b, PPME_SYSCALL_CREAT_X);
	push_s64(&b, ret);
	push_user_string(&b, (void *)ARG(0));
	push_u32(&b, ARG(1) & K_S_MODE_BITS);
	push_dev_ino(&b, ret);
	push_u16(&b, 0); /* overlayfs layer bits: overlay detection is not implemented */
	SUBMIT(b);
}

FILLER(close_x)
{
	START(b, PPME_SYSCALL_CLOSE_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	SUBMIT(b);
}

/* read-like calls carry what was read: ret bytes, up to snaplen */
static __always_inline void push_read_data(struct event_builder *b, unsigned long buf, long ret)
{
	if (ret > 0)
		push_user_data(b, (void *)buf, ret);
	else
		push_empty(b);
}

/* write-like calls carry what was written, or what was asked when the call failed (as libs) */
static __always_inline void push_written_data(struct event_builder *b, unsigned long buf, long ret, __u64 size)
{
	push_user_data(b, (void *)buf, ret > 0 ? (__u64)ret : size);
}

FILLER(read_x)
{
	START(b, PPME_SYSCALL_READ_X);
	push_s64(&b, ret);
	push_read_data(&b, ARG(1), ret);
	push_s64(&b, ARG_FD(0));
	push_u32(&b, ARG(2));
	SUBMIT(b);
}

FILLER(write_x)
{
	START(b, PPME_SYSCALL_WRITE_X);
	push_s64(&b, ret);
	push_written_data(&b, ARG(1), ret, ARG(2));
	push_s64(&b, ARG_FD(0));
	push_u32(&b, ARG(2));
	SUBMIT(b);
}

FILLER(pread64_x)
{
	START(b, PPME_SYSCALL_PREAD_X);
	push_s64(&b, ret);
	push_read_data(&b, ARG(1), ret);
	push_s64(&b, ARG_FD(0));
	push_u32(&b, ARG(2));
	push_u64(&b, ARG(3));
	SUBMIT(b);
}

FILLER(pwrite64_x)
{
	START(b, PPME_SYSCALL_PWRITE_X);
	push_s64(&b, ret);
	push_written_data(&b, ARG(1), ret, ARG(2));
	push_s64(&b, ARG_FD(0));
	push_u32(&b, ARG(2));
	push_u64(&b, ARG(3));
	SUBMIT(b);
}
