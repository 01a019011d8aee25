/*
 * The absolute path of an open file, rebuilt from its dentry and mount with the same walk
 * (and the same per-CPU buffer) as trusted_exepath in exe_path.h, from the current task's
 * root. Used where libs names a file from kernel state rather than from the caller's
 * argument (open_by_handle_at, which has no path argument). Left empty where the walk
 * cannot finish, for the reasons exe_path.h gives.
 */
#ifndef CAPTURE_FILE_PATH_H
#define CAPTURE_FILE_PATH_H

#include "exe_path.h"

static __always_inline void push_file_path(struct event_builder *b, struct file *file)
{
	__u32 zero = 0;
	struct exe_path_buffer *buf = bpf_map_lookup_elem(&capture_exe_path, &zero);
	struct fs_struct *fs = bpf_get_current_task_btf()->fs;
	if (!buf || !file || !fs) {
		push_empty(b);
		return;
	}
	struct exe_path_walk w = {
		.dentry = BPF_CORE_READ(file, f_path.dentry),
		.mount = mount_of(BPF_CORE_READ(file, f_path.mnt)),
		.root_dentry = BPF_CORE_READ(fs, root.dentry),
		.root_mount = mount_of(BPF_CORE_READ(fs, root.mnt)),
	};
	buf->start = CAPTURE_MAX_PATH - 1;
	buf->data[CAPTURE_MAX_PATH - 1] = '\0';
	bpf_loop(CAPTURE_EXE_PATH_MAX_STEPS, exe_path_step, &w, 0);
	__u32 start = buf->start;
	if (!w.done || w.failed || start > CAPTURE_MAX_PATH - 1) {
		push_empty(b);
		return;
	}
	if (start == CAPTURE_MAX_PATH - 1) { /* the root directory itself */
		start--;
		buf->data[start & (CAPTURE_MAX_PATH - 1)] = '/';
	}
	__u32 len = CAPTURE_MAX_PATH - start; /* with the NUL */
	if (len > CAPTURE_MAX_PATH || bpf_probe_read_kernel(&b->data[SAFE(b->payload)], len, &buf->data[start & (CAPTURE_MAX_PATH - 1)])) {
		push_empty(b);
		return;
	}
	set_length(b, len);
}

#endif
