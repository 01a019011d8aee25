/*
 * Fillers for syscalls on files and file descriptors. Shared: the probe and the kernel module
 * compile this same file (driver/shared, driver/kmod/README.md).
 */

#define K_FMODE_CREATED 0x100000
#define K_S_MODE_BITS 07777

/* The mode argument only means something when the call may create the file (as libs). */
static __always_inline __u32 open_mode_to_scap(__u32 flags, __u32 mode)
{
	return (flags & (K_O_CREAT | K_O_TMPFILE)) ? (mode & K_S_MODE_BITS) : 0;
}

static __always_inline __u32 created_flag(struct file *file)
{
	return file && (KREAD(file, f_mode) & K_FMODE_CREATED) ? CAPTURE_FILE_FLAGS_O_F_CREATED : 0;
}

static __always_inline void push_dev_ino(struct event_builder *b, struct file *file)
{
	__u32 dev;
	__u64 ino;
	dev_ino_of_file(file, &dev, &ino);
	push_u32(b, dev);
	push_u64(b, ino);
}

FILLER(open_x)
{
	START(b, PPME_SYSCALL_OPEN_X);
	__u32 flags = ARG(1);
	struct file *file = file_of_fd(ret);
	push_s64(&b, ret);
	push_user_string(&b, (void *)ARG(0));
	push_u32(&b, open_flags_to_scap(flags) | created_flag(file));
	push_u32(&b, open_mode_to_scap(flags, ARG(2)));
	push_dev_ino(&b, file);
	SUBMIT(b);
}

FILLER(openat_x)
{
	START(b, PPME_SYSCALL_OPENAT_2_X);
	__u32 flags = ARG(2);
	struct file *file = file_of_fd(ret);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_user_string(&b, (void *)ARG(1));
	push_u32(&b, open_flags_to_scap(flags) | created_flag(file));
	push_u32(&b, open_mode_to_scap(flags, ARG(3)));
	push_dev_ino(&b, file);
	SUBMIT(b);
}

FILLER(creat_x)
{
	START(b, PPME_SYSCALL_CREAT_X);
	struct file *file = file_of_fd(ret);
	push_s64(&b, ret);
	push_user_string(&b, (void *)ARG(0));
	push_u32(&b, ARG(1) & K_S_MODE_BITS);
	push_dev_ino(&b, file);
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

FILLER(openat2_x)
{
	START(b, PPME_SYSCALL_OPENAT2_X);
	struct open_how how = {};
	cap_read_user(&how, sizeof(how), (void *)ARG(2));
	struct file *file = file_of_fd(ret);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_user_string(&b, (void *)ARG(1));
	push_u32(&b, open_flags_to_scap(how.flags) | created_flag(file));
	push_u32(&b, open_mode_to_scap(how.flags, how.mode));
	push_u32(&b, openat2_resolve_to_scap(how.resolve));
	push_dev_ino(&b, file);
	SUBMIT(b);
}

FILLER(lseek_x)
{
	START(b, PPME_SYSCALL_LSEEK_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_u64(&b, ARG(1));
	push_u8(&b, ARG(2) <= 2 ? ARG(2) : 0xff);
	SUBMIT(b);
}

FILLER(dup_x)
{
	START(b, PPME_SYSCALL_DUP_1_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	SUBMIT(b);
}

FILLER(dup2_x)
{
	START(b, PPME_SYSCALL_DUP2_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_s64(&b, ARG_FD(1));
	SUBMIT(b);
}

FILLER(dup3_x)
{
	START(b, PPME_SYSCALL_DUP3_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_s64(&b, ARG_FD(1));
	push_u32(&b, (ARG(2) & K_O_CLOEXEC) ? CAPTURE_FILE_FLAGS_O_CLOEXEC : 0);
	SUBMIT(b);
}

FILLER(fcntl_x)
{
	START(b, PPME_SYSCALL_FCNTL_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_u8(&b, fcntl_cmd_to_scap(ARG(1)));
	push_u64(&b, ARG(2));
	SUBMIT(b);
}

/* Calls whose exit event is (res, one path). */
#define PATH_FILLER(name, event) \
	FILLER(name##_x) \
	{ \
		START(b, event); \
		push_s64(&b, ret); \
		push_user_string(&b, (void *)ARG(0)); \
		SUBMIT(b); \
	}

/* Calls whose exit event is (res, two paths). */
#define TWO_PATH_FILLER(name, event) \
	FILLER(name##_x) \
	{ \
		START(b, event); \
		push_s64(&b, ret); \
		push_user_string(&b, (void *)ARG(0)); \
		push_user_string(&b, (void *)ARG(1)); \
		SUBMIT(b); \
	}

PATH_FILLER(unlink, PPME_SYSCALL_UNLINK_2_X)
PATH_FILLER(rmdir, PPME_SYSCALL_RMDIR_2_X)
PATH_FILLER(chdir, PPME_SYSCALL_CHDIR_X)
PATH_FILLER(chroot, PPME_SYSCALL_CHROOT_X)
TWO_PATH_FILLER(rename, PPME_SYSCALL_RENAME_X)
TWO_PATH_FILLER(link, PPME_SYSCALL_LINK_2_X)
TWO_PATH_FILLER(symlink, PPME_SYSCALL_SYMLINK_X)

FILLER(unlinkat_x)
{
	START(b, PPME_SYSCALL_UNLINKAT_2_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_user_string(&b, (void *)ARG(1));
	push_u32(&b, ARG(2) & CAPTURE_UNLINKAT_FLAGS_AT_REMOVEDIR);
	SUBMIT(b);
}

FILLER(renameat_x)
{
	START(b, PPME_SYSCALL_RENAMEAT_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_user_string(&b, (void *)ARG(1));
	push_s64(&b, ARG_FD(2));
	push_user_string(&b, (void *)ARG(3));
	SUBMIT(b);
}

FILLER(renameat2_x)
{
	START(b, PPME_SYSCALL_RENAMEAT2_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_user_string(&b, (void *)ARG(1));
	push_s64(&b, ARG_FD(2));
	push_user_string(&b, (void *)ARG(3));
	push_u32(&b, ARG(4)); /* RENAME_* numbers are libs' numbers */
	SUBMIT(b);
}

FILLER(mkdir_x)
{
	START(b, PPME_SYSCALL_MKDIR_2_X);
	push_s64(&b, ret);
	push_user_string(&b, (void *)ARG(0));
	push_u32(&b, ARG(1));
	SUBMIT(b);
}

FILLER(mkdirat_x)
{
	START(b, PPME_SYSCALL_MKDIRAT_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_user_string(&b, (void *)ARG(1));
	push_u32(&b, ARG(2));
	SUBMIT(b);
}

FILLER(linkat_x)
{
	START(b, PPME_SYSCALL_LINKAT_2_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_user_string(&b, (void *)ARG(1));
	push_s64(&b, ARG_FD(2));
	push_user_string(&b, (void *)ARG(3));
	push_u32(&b, ARG(4) & (CAPTURE_LINKAT_FLAGS_AT_SYMLINK_FOLLOW | CAPTURE_LINKAT_FLAGS_AT_EMPTY_PATH));
	SUBMIT(b);
}

FILLER(symlinkat_x)
{
	START(b, PPME_SYSCALL_SYMLINKAT_X);
	push_s64(&b, ret);
	push_user_string(&b, (void *)ARG(0));
	push_s64(&b, ARG_FD(1));
	push_user_string(&b, (void *)ARG(2));
	SUBMIT(b);
}

FILLER(chmod_x)
{
	START(b, PPME_SYSCALL_CHMOD_X);
	push_s64(&b, ret);
	push_user_string(&b, (void *)ARG(0));
	push_u32(&b, ARG(1) & K_S_MODE_BITS);
	SUBMIT(b);
}

FILLER(fchmod_x)
{
	START(b, PPME_SYSCALL_FCHMOD_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_u32(&b, ARG(1) & K_S_MODE_BITS);
	SUBMIT(b);
}

FILLER(fchmodat_x)
{
	START(b, PPME_SYSCALL_FCHMODAT_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_user_string(&b, (void *)ARG(1));
	push_u32(&b, ARG(2) & K_S_MODE_BITS);
	SUBMIT(b);
}

FILLER(chown_x)
{
	START(b, PPME_SYSCALL_CHOWN_X);
	push_s64(&b, ret);
	push_user_string(&b, (void *)ARG(0));
	push_u32(&b, ARG(1));
	push_u32(&b, ARG(2));
	SUBMIT(b);
}

FILLER(fchown_x)
{
	START(b, PPME_SYSCALL_FCHOWN_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_u32(&b, ARG(1));
	push_u32(&b, ARG(2));
	SUBMIT(b);
}

FILLER(fchownat_x)
{
	START(b, PPME_SYSCALL_FCHOWNAT_X);
	__u32 flags = ARG(4);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_user_string(&b, (void *)ARG(1));
	push_u32(&b, ARG(2));
	push_u32(&b, ARG(3));
	push_u32(&b, ((flags & 0x100) ? CAPTURE_FCHOWNAT_FLAGS_AT_SYMLINK_NOFOLLOW : 0) |
			     ((flags & 0x1000) ? CAPTURE_FCHOWNAT_FLAGS_AT_EMPTY_PATH : 0));
	SUBMIT(b);
}

FILLER(mount_x)
{
	START(b, PPME_SYSCALL_MOUNT_X);
	__u32 flags = ARG(3);
	if ((flags & 0xffff0000) == 0xc0ed0000) /* the historic MS_MGC_VAL magic in the top half */
		flags &= 0xffff;
	push_s64(&b, ret);
	push_user_string(&b, (void *)ARG(0));
	push_user_string(&b, (void *)ARG(1));
	push_user_string(&b, (void *)ARG(2));
	push_u32(&b, flags); /* MS_* numbers are libs' numbers */
	SUBMIT(b);
}

FILLER(umount2_x)
{
	START(b, PPME_SYSCALL_UMOUNT2_X);
	push_s64(&b, ret);
	push_user_string(&b, (void *)ARG(0));
	push_u32(&b, ARG(1) & 0xf);
	SUBMIT(b);
}

FILLER(fchdir_x)
{
	START(b, PPME_SYSCALL_FCHDIR_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	SUBMIT(b);
}

static __always_inline void push_pipe(struct event_builder *b, struct pt_regs *regs, long ret)
{
	__s32 fds[2] = { -1, -1 };
	if (ret == 0)
		cap_read_user(fds, sizeof(fds), (void *)ARG(0));
	__u32 dev;
	__u64 ino = 0;
	if (ret == 0)
		dev_ino_of_fd(fds[0], &dev, &ino);
	push_s64(b, ret);
	push_s64(b, fds[0]);
	push_s64(b, fds[1]);
	push_u64(b, ino);
}

FILLER(pipe_x)
{
	START(b, PPME_SYSCALL_PIPE_X);
	push_pipe(&b, regs, ret);
	SUBMIT(b);
}

FILLER(pipe2_x)
{
	START(b, PPME_SYSCALL_PIPE2_X);
	push_pipe(&b, regs, ret);
	push_u32(&b, open_flags_to_scap(ARG(1)) & ~CAPTURE_FILE_FLAGS_O_RDONLY);
	SUBMIT(b);
}

FILLER(eventfd_x)
{
	START(b, PPME_SYSCALL_EVENTFD_X);
	push_s64(&b, ret);
	push_u64(&b, ARG(0));
	push_u32(&b, 0);
	SUBMIT(b);
}

FILLER(eventfd2_x)
{
	START(b, PPME_SYSCALL_EVENTFD2_X);
	push_s64(&b, ret);
	push_u16(&b, socket_type_flags_to_scap(ARG(1))); /* EFD_NONBLOCK/EFD_CLOEXEC are the O_ bits */
	push_u64(&b, ARG(0));
	SUBMIT(b);
}

FILLER(memfd_create_x)
{
	START(b, PPME_SYSCALL_MEMFD_CREATE_X);
	push_s64(&b, ret);
	push_user_string(&b, (void *)ARG(0));
	push_u32(&b, ARG(1) & (CAPTURE_MEMFD_CREATE_FLAGS_MFD_CLOEXEC | CAPTURE_MEMFD_CREATE_FLAGS_MFD_ALLOW_SEALING | CAPTURE_MEMFD_CREATE_FLAGS_MFD_HUGETLB));
	SUBMIT(b);
}

FILLER(sendfile_x)
{
	START(b, PPME_SYSCALL_SENDFILE_X);
	__u64 offset = 0;
	if (ARG(2))
		cap_read_user(&offset, sizeof(offset), (void *)ARG(2));
	push_s64(&b, ret);
	push_u64(&b, offset);
	push_s64(&b, ARG_FD(0));
	push_s64(&b, ARG_FD(1));
	push_u64(&b, ARG(3));
	SUBMIT(b);
}

FILLER(splice_x)
{
	START(b, PPME_SYSCALL_SPLICE_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_s64(&b, ARG_FD(2));
	push_u64(&b, ARG(4));
	push_u32(&b, ARG(5) & 0xf); /* SPLICE_F_* numbers are libs' numbers */
	SUBMIT(b);
}

FILLER(ioctl_x)
{
	START(b, PPME_SYSCALL_IOCTL_3_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_u64(&b, ARG(1));
	push_u64(&b, ARG(2));
	SUBMIT(b);
}

/* readv/writev data: the first iovec's bytes, up to what was transferred and snaplen. */
struct iov_pair {
	void *base;
	__u64 len;
};

static __always_inline __u64 iovec_total(struct iovec *iov, unsigned long count, struct iov_pair *first)
{
	__u64 total = 0;
	first->base = NULL;
	first->len = 0;
	for (int i = 0; i < 16; i++) {
		if (i >= count)
			break;
		struct iovec one = {};
		if (cap_read_user(&one, sizeof(one), &iov[i]) != 0)
			break;
		if (i == 0) {
			first->base = one.iov_base;
			first->len = one.iov_len;
		}
		total += one.iov_len;
	}
	return total;
}

FILLER(readv_x)
{
	START(b, PPME_SYSCALL_READV_X);
	struct iov_pair first;
	__u64 size = iovec_total((struct iovec *)ARG(1), ARG(2), &first);
	push_s64(&b, ret);
	push_u32(&b, size);
	if (ret > 0)
		push_user_data(&b, first.base, (__u64)ret < first.len ? (__u64)ret : first.len);
	else
		push_empty(&b);
	push_s64(&b, ARG_FD(0));
	SUBMIT(b);
}

FILLER(writev_x)
{
	START(b, PPME_SYSCALL_WRITEV_X);
	struct iov_pair first;
	__u64 size = iovec_total((struct iovec *)ARG(1), ARG(2), &first);
	__u64 written = ret > 0 ? (__u64)ret : size;
	push_s64(&b, ret);
	push_user_data(&b, first.base, written < first.len ? written : first.len);
	push_s64(&b, ARG_FD(0));
	push_u32(&b, size);
	SUBMIT(b);
}
