/*
 * The probe's side of the task reads the shared process sources use (driver/shared/task_state.h
 * and fillers/process.h): pid numbers and the resident-set counters, whose kernel layouts CO-RE
 * picks at load.
 */
#ifndef CAPTURE_TASK_H
#define CAPTURE_TASK_H

/* The pid of a struct pid as its own (innermost) namespace sees it. */
static __always_inline __s64 pid_nr_own_ns(struct pid *pid)
{
	if (!pid)
		return 0;
	unsigned int level = BPF_CORE_READ(pid, level);
	struct upid upid = {};
	bpf_probe_read_kernel(&upid, sizeof(upid), &pid->numbers[level & 31]);
	return upid.nr;
}

static __always_inline struct pid_namespace *pid_ns_of(struct pid *pid)
{
	unsigned int level = BPF_CORE_READ(pid, level);
	struct upid upid = {};
	bpf_probe_read_kernel(&upid, sizeof(upid), &pid->numbers[level & 31]);
	return upid.ns;
}

/*
 * Until 6.2 the resident-set counters were atomics in one struct mm_rss_stat; since then each
 * is a percpu_counter. The old layout is named here with a CO-RE flavor; which one the running
 * kernel has is known at load, and the other branch is dead code the verifier never walks
 * (its relocations fail and libbpf poisons them, which is harmless there).
 */
struct mm_rss_stat___pre_6_2 {
	atomic_long_t count[4];
} __attribute__((preserve_access_index));

struct mm_struct___pre_6_2 {
	struct mm_rss_stat___pre_6_2 rss_stat;
} __attribute__((preserve_access_index));

static __always_inline __u64 rss_pages(struct mm_struct *mm, int counter)
{
	__s64 pages;
	if (bpf_core_type_exists(struct mm_rss_stat___pre_6_2))
		pages = BPF_CORE_READ((struct mm_struct___pre_6_2 *)mm, rss_stat.count[counter & 3].counter);
	else
		pages = BPF_CORE_READ(mm, rss_stat[counter].count);
	return pages > 0 ? pages : 0;
}

#endif
