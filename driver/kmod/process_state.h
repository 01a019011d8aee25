/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's side of what the shared process fillers (driver/shared/task_state.h,
 * fillers/process_lifecycle.h, fillers/file_handles.h) ask the platform for; the probe's side
 * is driver/modern/helpers (task.h, cgroups.h, exe_flags.h, exe_path.h, inode.h). Each
 * produces the probe's values by the probe's rules; where the module can call the kernel
 * (d_path, the id-map lookups) it does, and corrects for where the kernel's answer differs
 * from the probe's.
 *
 * Every caller holds rcu_read_lock (the sys_exit and sched_process_exec probes), which keeps
 * the task's css_set, struct pids, dentries and mounts read here from being freed; links that
 * the traced task does not own are read with KREAD or a nofault copy all the same.
 */
#ifndef CAPTURE_KMOD_PROCESS_STATE_H
#define CAPTURE_KMOD_PROCESS_STATE_H

#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/cgroup.h>
#include <linux/kernfs.h>
#include <linux/dcache.h>
#include <linux/path.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>
#include <linux/magic.h>
#include <linux/tty.h>
#include <linux/tty_driver.h>
#include <linux/audit.h>
#include <linux/fs_struct.h>

/* The pid of a struct pid as its own (innermost) namespace sees it (the probe's reading). */
static __always_inline __s64 pid_nr_own_ns(struct pid *pid)
{
	unsigned int level;

	if (!pid)
		return 0;
	level = KREAD(pid, level);
	return KREAD(pid, numbers[level & 31].nr);
}

static __always_inline struct pid_namespace *pid_ns_of(struct pid *pid)
{
	unsigned int level;

	if (!pid)
		return NULL;
	level = KREAD(pid, level);
	return KREAD(pid, numbers[level & 31].ns);
}

/* An inode's change and modification times in ns, on this kernel's layout. */
static __always_inline __u64 inode_ctime_ns(struct inode *inode)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
	struct timespec64 t = inode_get_ctime(inode);
#else
	struct timespec64 t = inode->i_ctime;
#endif
	return (__u64)t.tv_sec * NSEC_PER_SEC + t.tv_nsec;
}

static __always_inline __u64 inode_mtime_ns(struct inode *inode)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
	struct timespec64 t = inode_get_mtime(inode);
#else
	struct timespec64 t = inode->i_mtime;
#endif
	return (__u64)t.tv_sec * NSEC_PER_SEC + t.tv_nsec;
}

/*
 * cgroups: one "NAME=PATH" entry per cgroup subsystem, in subsystem-id order, with the probe's
 * bounds and its "..." for a path deeper than CGROUP_MAX_DEPTH (driver/modern/helpers/cgroups.h
 * explains the value and the bounds).
 */
#define CGROUP_MAX_DEPTH 16
#define CGROUP_MAX_NAME 256
#define CGROUP_SUBSYS_NAME 32
#define CGROUPS_MAX 8192

static __always_inline struct kernfs_node *kernfs_parent_of(struct kernfs_node *kn)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 15, 0)
	return (struct kernfs_node *)KREAD(kn, __parent);
#else
	return KREAD(kn, parent);
#endif
}

/* Appends a kernel string without its NUL at *at; false when it cannot be read. */
static bool put_kernel_name(__u8 *data, __u64 *at, const char *name, __u32 max)
{
	long n = capture_read_kernel_str(&data[SAFE(*at)], max, name);

	if (n <= 0)
		return false;
	*at += n - 1;
	return true;
}

/* Writes "NAME=PATH\0" for css at *at; false (nothing written) when it cannot be read. */
static bool put_cgroup_entry(__u8 *data, __u64 *at, struct cgroup_subsys_state *css)
{
	const char *names[CGROUP_MAX_DEPTH];
	struct kernfs_node *kn = KREAD(css, cgroup, kn);
	__u32 depth = 0;
	__u64 start = *at;
	int i;

	if (!put_kernel_name(data, at, KREAD(css, ss, name), CGROUP_SUBSYS_NAME))
		goto unreadable;
	data[SAFE((*at)++)] = '=';
	/* components below the root, deepest first; kn ends as the next node up, NULL at the root */
	while (kn && depth < CGROUP_MAX_DEPTH) {
		struct kernfs_node *parent = kernfs_parent_of(kn);

		if (!parent) {
			kn = NULL;
			break;
		}
		names[depth++] = KREAD(kn, name);
		kn = parent;
	}
	if (kn && kernfs_parent_of(kn)) {
		data[SAFE((*at)++)] = '.';
		data[SAFE((*at)++)] = '.';
		data[SAFE((*at)++)] = '.';
	}
	if (depth == 0)
		data[SAFE((*at)++)] = '/';
	for (i = depth - 1; i >= 0; i--) {
		data[SAFE((*at)++)] = '/';
		if (!put_kernel_name(data, at, names[i], CGROUP_MAX_NAME))
			goto unreadable;
	}
	data[SAFE((*at)++)] = '\0';
	return true;
unreadable:
	*at = start;
	return false;
}

static void push_cgroups(struct event_builder *b, struct task_struct *task)
{
	struct css_set *cset = rcu_dereference(task->cgroups);
	__u64 at = b->payload, limit = b->payload + CGROUPS_MAX;
	int id;

	if (!cset) {
		push_empty(b);
		return;
	}
	for (id = 0; id < CGROUP_SUBSYS_COUNT; id++) {
		struct cgroup_subsys_state *css = KREAD(cset, subsys[id]);
		__u64 entry = at;

		if (!css || !put_cgroup_entry(b->data, &at, css))
			continue;
		if (at > limit) {
			at = entry; /* this entry does not fit: the value ends with the one before */
			break;
		}
	}
	set_length(b, at - b->payload);
}

/*
 * flags of execve/execveat exits: libs' rules for a writable executable, a memfd and an
 * overlayfs layer, as driver/modern/helpers/exe_flags.h states them; here the id-map lookups
 * are the kernel's own (kuid_has_mapping), the rest the same reads.
 */
#define CAPTURE_GROUP_SEARCH_STEPS 17

/* Whether gid is one of the supplementary groups (the kernel keeps them sorted). */
static bool in_supplementary_groups(const struct cred *cred, __u32 gid)
{
	struct group_info *groups = KREAD(cred, group_info);
	__u32 low = 0, high = groups ? KREAD(groups, ngroups) : 0;
	int step;

	for (step = 0; step < CAPTURE_GROUP_SEARCH_STEPS && low < high; step++) {
		__u32 mid = low + (high - low) / 2;
		__u32 at = KREAD(groups, gid[mid].val);

		if (at == gid)
			return true;
		if (at < gid)
			low = mid + 1;
		else
			high = mid;
	}
	return false;
}

static bool exe_writable(struct task_struct *task, struct inode *inode)
{
	umode_t mode = KREAD(inode, i_mode);
	umode_t type = mode & S_IFMT;
	__u32 uid = KREAD(inode, i_uid.val), gid = KREAD(inode, i_gid.val);
	const struct cred *cred = KREAD(task, cred);
	struct user_namespace *ns;
	__u64 effective;
	bool uid_mapped;

	if ((KREAD(inode, i_sb, s_flags) & SB_RDONLY) && (type == S_IFREG || type == S_IFDIR || type == S_IFLNK))
		return false;
	if (KREAD(inode, i_flags) & S_IMMUTABLE)
		return false;
	if (uid == (__u32)-1 || gid == (__u32)-1)
		return false;
	if (KREAD(cred, fsuid.val) == uid)
		return true;
	if (gid == KREAD(cred, fsgid.val) || in_supplementary_groups(cred, gid))
		mode >>= 3;
	if (mode & S_IWOTH)
		return true;
	effective = CRED_CAPS(cred, cap_effective);
	if (!(effective & (1ULL << CAP_DAC_OVERRIDE | 1ULL << CAP_FOWNER)))
		return false;
	ns = KREAD(cred, user_ns);
	if (!ns)
		return false;
	uid_mapped = kuid_has_mapping(ns, KUIDT_INIT(uid));
	if ((effective & (1ULL << CAP_DAC_OVERRIDE)) && uid_mapped && kgid_has_mapping(ns, KGIDT_INIT(gid)))
		return true;
	return (effective & (1ULL << CAP_FOWNER)) && uid_mapped;
}

/* memfd_create's files are pseudo dentries (their own parent) named "memfd:NAME". */
static bool exe_from_memfd(struct dentry *dentry)
{
	char name[8] = {};

	if (KREAD(dentry, d_parent) != dentry)
		return false;
	if (capture_read_kernel_str(name, sizeof(name), KREAD(dentry, d_name.name)) < 7)
		return false;
	return !memcmp(name, "memfd:", 6);
}

/*
 * On overlayfs: UPPER when the file has an upper dentry with an inode, else LOWER. struct
 * ovl_inode is private to fs/overlayfs; its upper dentry pointer follows the embedded vfs
 * inode (as libs reads it).
 */
static __u32 exe_overlay_layer(struct dentry *dentry)
{
	struct inode *inode;
	struct dentry *upper = NULL;

	if (KREAD(dentry, d_sb, s_magic) != OVERLAYFS_SUPER_MAGIC)
		return 0;
	inode = KREAD(dentry, d_inode);
	if (inode)
		cap_read_kernel(&upper, sizeof(upper), (void *)inode + sizeof(struct inode));
	return upper && KREAD(upper, d_inode) ? CAPTURE_EXECVE_FLAGS_EXE_UPPER_LAYER : CAPTURE_EXECVE_FLAGS_EXE_LOWER_LAYER;
}

static __u32 exe_flags(struct task_struct *task)
{
	struct file *exe = KREAD(task, mm, exe_file);
	struct dentry *dentry;
	__u32 flags;

	if (!exe)
		return 0;
	dentry = KREAD(exe, f_path.dentry);
	flags = exe_overlay_layer(dentry);
	if (exe_writable(task, KREAD(exe, f_inode)))
		flags |= CAPTURE_EXECVE_FLAGS_EXE_WRITABLE;
	if (exe_from_memfd(dentry))
		flags |= CAPTURE_EXECVE_FLAGS_EXE_FROM_MEMFD;
	return flags;
}

/*
 * The path of an open file from the root of the current task's file system view, as the
 * probe's walk rebuilds it (driver/modern/helpers/exe_path.h): the kernel's d_path, which
 * walks the same way, with its two additions taken back. The probe leaves the value empty for
 * a file with no place in the tree (a memfd or other pseudo file, a disconnected dentry),
 * where d_path makes a name up, and names a deleted file by the path it had, where d_path adds
 * " (deleted)". The probe's bound of 64 components and mount crossings is checked on the
 * file's own mount (the common case); a path over CAPTURE_MAX_PATH is empty in both.
 */
#define CAPTURE_EXE_PATH_MAX_STEPS 64
#define DELETED_SUFFIX " (deleted)"

static bool dentry_connected(struct dentry *dentry, struct dentry *mnt_root)
{
	int steps;

	for (steps = 0; steps < CAPTURE_EXE_PATH_MAX_STEPS; steps++) {
		struct dentry *parent;

		if (dentry == mnt_root)
			return true;
		parent = KREAD(dentry, d_parent);
		if (!parent || parent == dentry)
			return false; /* a root that is not its mount's: pseudo or disconnected */
		dentry = parent;
	}
	return false;
}

static void push_file_path(struct event_builder *b, struct file *file, struct fs_struct *fs)
{
	struct path path;
	char *buf = (char *)&b->data[SAFE(b->payload)];
	char *name;
	size_t len;

	if (!file || !fs) {
		push_empty(b);
		return;
	}
	path = file->f_path;
	if (!path.dentry || !path.mnt || !dentry_connected(path.dentry, path.mnt->mnt_root)) {
		push_empty(b);
		return;
	}
	name = d_path(&path, buf, CAPTURE_MAX_PATH);
	if (IS_ERR(name)) {
		push_empty(b);
		return;
	}
	len = buf + CAPTURE_MAX_PATH - 1 - name; /* d_path's string ends at the buffer's end */
	if (d_unlinked(path.dentry) && len >= sizeof(DELETED_SUFFIX) - 1 &&
	    !memcmp(name + len - (sizeof(DELETED_SUFFIX) - 1), DELETED_SUFFIX, sizeof(DELETED_SUFFIX) - 1))
		len -= sizeof(DELETED_SUFFIX) - 1;
	memmove(buf, name, len);
	buf[len] = '\0';
	set_length(b, len + 1);
}

static void push_exe_path(struct event_builder *b, struct task_struct *task)
{
	struct mm_struct *mm = task->mm;

	push_file_path(b, mm ? mm->exe_file : NULL, task->fs);
}

#endif
