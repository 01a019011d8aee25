/* Fillers for syscalls that look at or set a file's metadata, or list and locate directories. */

/* K_S_IFMT and K_S_IFREG: helpers/exe_flags.h */
#define K_S_IFSOCK 0140000
#define K_S_IFBLK 0060000
#define K_S_IFCHR 0020000
#define K_S_IFIFO 0010000

/* X_OK, W_OK and R_OK are libs' numbers; F_OK is 0 in both. */
static __always_inline __u32 access_mode_to_scap(__u32 mode)
{
	return mode & (CAPTURE_ACCESS_FLAGS_X_OK | CAPTURE_ACCESS_FLAGS_W_OK | CAPTURE_ACCESS_FLAGS_R_OK);
}

/* The AT_* bits newfstatat takes are libs' numbers; others are dropped, as libs does. */
static __always_inline __u32 newfstatat_flags_to_scap(__u32 flags)
{
	return flags & (CAPTURE_NEWFSTATAT_FLAGS_AT_SYMLINK_NOFOLLOW | CAPTURE_NEWFSTATAT_FLAGS_AT_EMPTY_PATH |
			CAPTURE_NEWFSTATAT_FLAGS_AT_NO_AUTOMOUNT);
}

/* The LOCK_* bits are libs' numbers. */
static __always_inline __u32 flock_operation_to_scap(__u32 operation)
{
	return operation & (CAPTURE_FLOCK_FLAGS_LOCK_SH | CAPTURE_FLOCK_FLAGS_LOCK_EX | CAPTURE_FLOCK_FLAGS_LOCK_NB |
			    CAPTURE_FLOCK_FLAGS_LOCK_UN);
}

/*
 * Permission bits and file types have libs' numbers; a type of 0 means a regular file, and
 * the types mknod cannot make (directory, symlink) are dropped, as libs does.
 */
static __always_inline __u32 mknod_mode_to_scap(__u32 mode)
{
	__u32 type = mode & K_S_IFMT;
	__u32 res = mode & K_S_MODE_BITS;
	if (type == 0)
		return res | CAPTURE_MKNOD_MODE_S_IFREG;
	if (type == K_S_IFSOCK || type == K_S_IFREG || type == K_S_IFBLK || type == K_S_IFCHR || type == K_S_IFIFO)
		res |= type;
	return res;
}

/*
 * libs (both of its drivers) passes mknod's dev argument, already in the userspace
 * encoding, through the kernel-to-userspace re-encoding (major = dev >> 20); the same
 * arithmetic here keeps the values equal to libs'.
 */
static __always_inline __u32 mknod_dev_as_libs(__u32 dev)
{
	__u32 major = dev >> 20, minor = dev & 0xfffff;
	return (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12);
}

FILLER(access_x)
{
	START(b, PPME_SYSCALL_ACCESS_X);
	push_s64(&b, ret);
	push_user_string(&b, (void *)ARG(0));
	push_u32(&b, access_mode_to_scap(ARG(1)));
	SUBMIT(b);
}

PATH_FILLER(stat, PPME_SYSCALL_STAT_X)
PATH_FILLER(lstat, PPME_SYSCALL_LSTAT_X)

/* Calls whose exit event is (res, the fd they worked on). */
#define FD_FILLER(name, event) \
	FILLER(name##_x) \
	{ \
		START(b, event); \
		push_s64(&b, ret); \
		push_s64(&b, ARG_FD(0)); \
		SUBMIT(b); \
	}

FD_FILLER(fstat, PPME_SYSCALL_FSTAT_X)
FD_FILLER(getdents, PPME_SYSCALL_GETDENTS_X)
FD_FILLER(getdents64, PPME_SYSCALL_GETDENTS64_X)

FILLER(newfstatat_x)
{
	START(b, PPME_SYSCALL_NEWFSTATAT_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_user_string(&b, (void *)ARG(1));
	push_u32(&b, newfstatat_flags_to_scap(ARG(3)));
	SUBMIT(b);
}

/* The buffer holds the path only after a success; before that it is whatever the caller had there. */
FILLER(getcwd_x)
{
	START(b, PPME_SYSCALL_GETCWD_X);
	push_s64(&b, ret);
	if (ret >= 0)
		push_user_string(&b, (void *)ARG(0));
	else
		push_empty(&b);
	SUBMIT(b);
}

FILLER(flock_x)
{
	START(b, PPME_SYSCALL_FLOCK_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_u32(&b, flock_operation_to_scap(ARG(1)));
	SUBMIT(b);
}

FILLER(lchown_x)
{
	START(b, PPME_SYSCALL_LCHOWN_X);
	push_s64(&b, ret);
	push_user_string(&b, (void *)ARG(0));
	push_u32(&b, ARG(1));
	push_u32(&b, ARG(2));
	SUBMIT(b);
}

FILLER(mknod_x)
{
	START(b, PPME_SYSCALL_MKNOD_X);
	push_s64(&b, ret);
	push_user_string(&b, (void *)ARG(0));
	push_u32(&b, mknod_mode_to_scap(ARG(1)));
	push_u32(&b, mknod_dev_as_libs(ARG(2)));
	SUBMIT(b);
}

FILLER(mknodat_x)
{
	START(b, PPME_SYSCALL_MKNODAT_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_user_string(&b, (void *)ARG(1));
	push_u32(&b, mknod_mode_to_scap(ARG(2)));
	push_u32(&b, mknod_dev_as_libs(ARG(3)));
	SUBMIT(b);
}
