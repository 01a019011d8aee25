/*
 * trusted_exepath of execve/execveat exits: the absolute path of the task's executable as
 * the kernel resolves it (what readlink /proc/PID/exe shows to a reader with the task's
 * root), not the name the caller passed. d_path is not callable from these programs, so the
 * path is rebuilt the way the kernel's prepend_path walks: dentry to parent, and at the root
 * of a mount on to the dentry it is mounted on in the parent mount, until the task's root
 * (or the root of its mount tree) is reached.
 *
 * Names are prepended from the end of a per-CPU buffer, so one pass suffices, then the
 * result is copied into the event. The write position lives in that map value (as the
 * cgroups cursor does, and for the same reason: the verifier walks a bpf_loop callback until
 * its states repeat, which a stack offset that moves every step never does).
 *
 * Left empty (unknown) rather than wrong when the walk cannot finish: a path over
 * CAPTURE_MAX_PATH bytes or CAPTURE_EXE_PATH_MAX_STEPS components and mount crossings, a
 * component name over NAME_MAX, and files with no place in the tree (a memfd, a deleted
 * file's disconnected dentry), which d_path names with a made-up "/memfd:..." or "(deleted)".
 */
#ifndef CAPTURE_EXE_PATH_H
#define CAPTURE_EXE_PATH_H

#define CAPTURE_EXE_PATH_MAX_STEPS 64
#define K_NAME_MAX 255

struct exe_path_buffer {
	__u32 start; /* the path so far is data[start .. CAPTURE_MAX_PATH) */
	char data[CAPTURE_MAX_PATH * 2]; /* twice the path, so masked writes of a name never leave it */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct exe_path_buffer);
	__uint(max_entries, 1);
} capture_exe_path SEC(".maps");

struct exe_path_walk {
	struct dentry *dentry;
	struct mount *mount;
	struct dentry *root_dentry; /* the task's root: where its absolute paths start */
	struct mount *root_mount;
	bool done;
	bool failed;
};

static __always_inline struct mount *mount_of(struct vfsmount *vfsmount)
{
	return (void *)vfsmount - bpf_core_field_offset(struct mount, mnt);
}

/* One step up: reach the root, cross to the parent mount, or prepend "/NAME". */
static long exe_path_step(__u32 i, struct exe_path_walk *w)
{
	__u32 zero = 0;
	struct exe_path_buffer *buf = bpf_map_lookup_elem(&capture_exe_path, &zero);
	if (!buf) {
		w->failed = true;
		return 1;
	}
	/* locals: inside BPF_CORE_READ a field of w would be relocated against the kernel too */
	struct dentry *dentry = w->dentry;
	struct mount *mount = w->mount;
	if (dentry == w->root_dentry && mount == w->root_mount) {
		w->done = true;
		return 1;
	}
	if (dentry == BPF_CORE_READ(mount, mnt.mnt_root)) {
		struct mount *up = BPF_CORE_READ(mount, mnt_parent);
		if (up == mount) {
			w->done = true; /* the root of the mount tree */
			return 1;
		}
		w->dentry = BPF_CORE_READ(mount, mnt_mountpoint);
		w->mount = up;
		return 0;
	}
	struct dentry *parent = BPF_CORE_READ(dentry, d_parent);
	__u32 len = BPF_CORE_READ(dentry, d_name.len);
	if (parent == dentry || len == 0 || len > K_NAME_MAX || buf->start < len + 1) {
		w->failed = true;
		return 1;
	}
	buf->start -= len;
	if (bpf_probe_read_kernel(&buf->data[buf->start & (CAPTURE_MAX_PATH - 1)], len & K_NAME_MAX, BPF_CORE_READ(dentry, d_name.name))) {
		w->failed = true;
		return 1;
	}
	buf->start--;
	buf->data[buf->start & (CAPTURE_MAX_PATH - 1)] = '/';
	w->dentry = parent;
	return 0;
}

/*
 * The path of an open file, rebuilt by the walk above from the root of the file system view
 * fs (a task's root): trusted_exepath names an executable, open_by_handle_at's path names
 * the file it opened (libs fills both from kernel state, not from the caller's arguments).
 */
static __always_inline void push_file_path(struct event_builder *b, struct file *file, struct fs_struct *fs)
{
	__u32 zero = 0;
	struct exe_path_buffer *buf = bpf_map_lookup_elem(&capture_exe_path, &zero);
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

static __always_inline void push_exe_path(struct event_builder *b, struct task_struct *task)
{
	push_file_path(b, BPF_CORE_READ(task, mm, exe_file), BPF_CORE_READ(task, fs));
}

#endif
