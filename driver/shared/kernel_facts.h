/*
 * Kernel facts the shared fillers need, for both platforms: uapi #defines for x86_64 that
 * vmlinux.h does not carry (from asm-generic/fcntl.h, linux/sched.h, asm-generic/mman*.h and
 * linux/socket.h; K_-prefixed so they never clash with the kernel's own in the module), a
 * file's device and inode, and the syscall arguments.
 *
 * The platform provides file_of_fd(fd) (the current task's file behind fd, or NULL) and
 * KREAD (a fault-safe read of a kernel pointer chain; a NULL link reads 0) before this header.
 */
#ifndef CAPTURE_KERNEL_FACTS_H
#define CAPTURE_KERNEL_FACTS_H

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

/* file types in st_mode / i_mode */
#define K_S_IFMT 0170000
#define K_S_IFREG 0100000
#define K_S_IFDIR 0040000
#define K_S_IFLNK 0120000

/* resident-set counters of an mm (the platform's rss_pages(mm, counter) reads them) */
#define K_MM_FILEPAGES 0
#define K_MM_ANONPAGES 1
#define K_MM_SWAPENTS 2
#define K_MM_SHMEMPAGES 3
#define PAGES_TO_KIB(p) ((p) << 2) /* 4 KiB pages on x86_64 */

#define K_AF_UNIX 1
#define K_AF_INET 2
#define K_AF_INET6 10

#define K_EINPROGRESS 115

/* Device (userspace encoding, as scap carries it) and inode of a file; zero without one. */
static __always_inline void dev_ino_of_file(struct file *file, __u32 *dev, __u64 *ino)
{
	*dev = 0;
	*ino = 0;
	if (!file)
		return;
	struct inode *inode = KREAD(file, f_inode);
	if (!inode)
		return;
	dev_t kdev = KREAD(inode, i_sb, s_dev);
	/* kernel dev_t is major << 20 | minor */
	__u32 major = kdev >> 20, minor = kdev & 0xfffff;
	*dev = (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12);
	*ino = KREAD(inode, i_ino);
}

static __always_inline void dev_ino_of_fd(__s64 fd, __u32 *dev, __u64 *ino)
{
	dev_ino_of_file(file_of_fd(fd), dev, ino);
}

/*
 * User-mode syscall arguments in x86_64 order (di, si, dx, r10, r8, r9). Both platforms hold
 * the syscall's own pt_regs (tp_btf hands the probe a trusted pointer), so these are direct
 * loads, not helper calls.
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
