/*
 * The probe's way to the current task's open files (the kernel facts the fillers share are
 * in driver/shared/kernel_facts.h).
 */
#ifndef CAPTURE_KERNEL_H
#define CAPTURE_KERNEL_H

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

#include "kernel_facts.h"

#endif
