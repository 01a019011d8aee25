/*
 * An inode's change and modification times, in ns, on every layout the kernel has had:
 * timespec64 i_ctime/i_mtime before 6.6, __i_ctime from 6.6 and __i_mtime from 6.7, and
 * separate seconds and nanoseconds from 6.11. CO-RE keeps the branch the running kernel has;
 * the others are removed at load, so the probe does not need this build machine's kernel.
 */
#ifndef CAPTURE_INODE_H
#define CAPTURE_INODE_H

#define NS_PER_SEC 1000000000ULL
/* Since multigrain timestamps (6.13) the top bit of i_ctime_nsec says the ctime was queried. */
#define CTIME_QUERIED_FLAG (1U << 31)

struct inode___before_6_11 {
	struct timespec64 __i_ctime;
	struct timespec64 __i_mtime;
} __attribute__((preserve_access_index));

struct inode___before_6_7 {
	struct timespec64 i_mtime;
	struct timespec64 i_ctime;
} __attribute__((preserve_access_index));

static __always_inline __u64 timespec_ns(struct timespec64 t)
{
	return (__u64)t.tv_sec * NS_PER_SEC + (__u64)t.tv_nsec;
}

static __always_inline __u64 inode_ctime_ns(struct inode *inode)
{
	if (bpf_core_field_exists(inode->i_ctime_sec))
		return BPF_CORE_READ(inode, i_ctime_sec) * NS_PER_SEC + (BPF_CORE_READ(inode, i_ctime_nsec) & ~CTIME_QUERIED_FLAG);
	struct inode___before_6_11 *v6_6 = (void *)inode;
	if (bpf_core_field_exists(v6_6->__i_ctime))
		return timespec_ns(BPF_CORE_READ(v6_6, __i_ctime));
	return timespec_ns(BPF_CORE_READ((struct inode___before_6_7 *)inode, i_ctime));
}

static __always_inline __u64 inode_mtime_ns(struct inode *inode)
{
	if (bpf_core_field_exists(inode->i_mtime_sec))
		return BPF_CORE_READ(inode, i_mtime_sec) * NS_PER_SEC + BPF_CORE_READ(inode, i_mtime_nsec);
	struct inode___before_6_11 *v6_7 = (void *)inode;
	if (bpf_core_field_exists(v6_7->__i_mtime))
		return timespec_ns(BPF_CORE_READ(v6_7, __i_mtime));
	return timespec_ns(BPF_CORE_READ((struct inode___before_6_7 *)inode, i_mtime));
}

#endif
