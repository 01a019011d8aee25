/*
 * Kernel facts the fillers need that vmlinux.h does not carry (uapi #defines for x86_64,
 * from asm-generic/fcntl.h, linux/sched.h, asm-generic/mman*.h and linux/socket.h), and
 * reads of kernel state through CO-RE.
 */
#ifndef CAPTURE_KERNEL_H
#define CAPTURE_KERNEL_H

#define K_O_ACCMODE 03
#define K_O_WRONLY 01
#define K_O_RDWR 02
#define K_O_CREAT 0100
#define K_O_EXCL 0200
#define K_O_TRUNC 01000
#define K_O_APPEND 02000
#define K_O_NONBLOCK 04000
#define K_O_DSYNC 010000
#define K_O_DIRECT 040000
#define K_O_LARGEFILE 0100000
#define K_O_DIRECTORY 0200000
#define K_O_CLOEXEC 02000000
#define K_O_SYNC 04010000
#define K_O_TMPFILE 020200000

#define K_AF_UNIX 1
#define K_AF_INET 2
#define K_AF_INET6 10

#define K_EINPROGRESS 115

/*
 * The file behind fd in the current task, or NULL. The task pointer is trusted, so the
 * walk to the fd array is direct loads; indexing the array takes one probe read.
 */
static __always_inline struct file *file_of_fd(__s64 fd)
{
	if (fd < 0)
		return NULL;
	struct fdtable *fdt = bpf_get_current_task_btf()->files->fdt;
	if (!fdt || fd >= fdt->max_fds)
		return NULL;
	struct file *file = NULL;
	bpf_probe_read_kernel(&file, sizeof(file), &fdt->fd[fd]);
	return file;
}

/* Device (userspace encoding, as scap carries it) and inode of a file; zero without one. */
static __always_inline void dev_ino_of_file(struct file *file, __u32 *dev, __u64 *ino)
{
	*dev = 0;
	*ino = 0;
	if (!file)
		return;
	struct inode *inode = BPF_CORE_READ(file, f_inode);
	if (!inode)
		return;
	dev_t kdev = BPF_CORE_READ(inode, i_sb, s_dev);
	/* kernel dev_t is major << 20 | minor */
	__u32 major = kdev >> 20, minor = kdev & 0xfffff;
	*dev = (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12);
	*ino = BPF_CORE_READ(inode, i_ino);
}

static __always_inline void dev_ino_of_fd(__s64 fd, __u32 *dev, __u64 *ino)
{
	dev_ino_of_file(file_of_fd(fd), dev, ino);
}

/*
 * User-mode syscall arguments in x86_64 order (di, si, dx, r10, r8, r9). tp_btf hands us
 * a trusted pt_regs pointer, so these are direct (CO-RE relocated) loads, not helper calls.
 */
static __always_inline unsigned long arg(struct pt_regs *regs, int i)
{
	switch (i) {
	case 0: return regs->di;
	case 1: return regs->si;
	case 2: return regs->dx;
	case 3: return regs->r10;
	case 4: return regs->r8;
	default: return regs->r9;
	}
}

#endif
