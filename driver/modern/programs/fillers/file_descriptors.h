/*
 * open_by_handle_at: probe-only so far (it needs the path walk of helpers/exe_path.h, over
 * structures private to the kernel); the other fd calls are shared
 * (driver/shared/fillers/fd_calls.h).
 */

/* The overlayfs layer bits of an opened file, as exe_overlay_layer finds the executable's. */
static __always_inline __u32 fd_overlay_layer(struct file *file)
{
	__u32 layer = exe_overlay_layer(BPF_CORE_READ(file, f_path.dentry));
	if (layer == CAPTURE_EXECVE_FLAGS_EXE_UPPER_LAYER)
		return CAPTURE_FILE_FLAGS_FD_UPPER_LAYER;
	if (layer == CAPTURE_EXECVE_FLAGS_EXE_LOWER_LAYER)
		return CAPTURE_FILE_FLAGS_FD_LOWER_LAYER;
	return 0;
}

/* No path argument: the path, device and inode come from the file the call opened. */
FILLER(open_by_handle_at_x)
{
	START(b, PPME_SYSCALL_OPEN_BY_HANDLE_AT_X);
	struct file *file = ret > 0 ? file_of_fd(ret) : NULL;
	__u32 flags = open_flags_to_scap(ARG(2));
	if (file)
		flags |= created_flag(file) | fd_overlay_layer(file);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_u32(&b, flags);
	push_file_path(&b, file, bpf_get_current_task_btf()->fs);
	push_dev_ino(&b, file);
	SUBMIT(b);
}
