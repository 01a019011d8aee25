/*
 * Fillers for memory mapping syscalls; they report the process's memory after the call.
 * Shared; the platform provides rss_pages(mm, counter) (the counters' layout changed in 6.2,
 * which the probe resolves with CO-RE and the module at build time).
 */

static __always_inline void push_memory_usage(struct event_builder *b)
{
	struct task_struct *task = cap_current();
	struct mm_struct *mm = task->mm;
	if (!mm) {
		push_u32(b, 0);
		push_u32(b, 0);
		push_u32(b, 0);
		return;
	}
	push_u32(b, PAGES_TO_KIB(KREAD(mm, total_vm)));
	push_u32(b, PAGES_TO_KIB(rss_pages(mm, K_MM_FILEPAGES) + rss_pages(mm, K_MM_ANONPAGES) + rss_pages(mm, K_MM_SHMEMPAGES)));
	push_u32(b, PAGES_TO_KIB(rss_pages(mm, K_MM_SWAPENTS)));
}

FILLER(mmap_x)
{
	START(b, PPME_SYSCALL_MMAP_X);
	push_s64(&b, ret);
	push_memory_usage(&b);
	push_u64(&b, ARG(0));
	push_u64(&b, ARG(1));
	push_u32(&b, prot_flags_to_scap(ARG(2)));
	push_u32(&b, mmap_flags_to_scap(ARG(3)));
	push_s64(&b, ARG_FD(4));
	push_u64(&b, ARG(5));
	SUBMIT(b);
}

FILLER(munmap_x)
{
	START(b, PPME_SYSCALL_MUNMAP_X);
	push_s64(&b, ret);
	push_memory_usage(&b);
	push_u64(&b, ARG(0));
	push_u64(&b, ARG(1));
	SUBMIT(b);
}

FILLER(mprotect_x)
{
	START(b, PPME_SYSCALL_MPROTECT_X);
	push_s64(&b, ret);
	push_u64(&b, ARG(0));
	push_u64(&b, ARG(1));
	push_u32(&b, prot_flags_to_scap(ARG(2)));
	SUBMIT(b);
}

FILLER(brk_x)
{
	START(b, PPME_SYSCALL_BRK_4_X);
	push_u64(&b, ret);
	push_memory_usage(&b);
	push_u64(&b, ARG(0));
	SUBMIT(b);
}
