/*
 * open_by_handle_at: no path argument, so the path, device and inode come from the file the
 * call opened. The platform provides push_file_path(b, file, fs) (the file's path from the
 * root of fs, rebuilt from kernel state as libs does, empty where that cannot be done) and
 * exe_overlay_layer(dentry) before this file.
 */
#ifndef CAPTURE_FILLER_FILE_HANDLES_H
#define CAPTURE_FILLER_FILE_HANDLES_H

/* The overlayfs layer bits of an opened file, as exe_overlay_layer finds the executable's. */
static __always_inline __u32 fd_overlay_layer(struct file *file)
{
	__u32 layer = exe_overlay_layer(KREAD(file, f_path.dentry));
	if (layer == CAPTURE_EXECVE_FLAGS_EXE_UPPER_LAYER)
		return CAPTURE_FILE_FLAGS_FD_UPPER_LAYER;
	if (layer == CAPTURE_EXECVE_FLAGS_EXE_LOWER_LAYER)
		return CAPTURE_FILE_FLAGS_FD_LOWER_LAYER;
	return 0;
}

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
	push_file_path(&b, file, cap_current()->fs);
	push_dev_ino(&b, file);
	SUBMIT(b);
}

#endif
