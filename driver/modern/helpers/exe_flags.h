/*
 * The flags parameter of execve/execveat exits (libs' execve_flags): whether the task could
 * write its executable, whether that came from a memfd, and which overlayfs layer holds it.
 * The kernel's own answers (inode_permission, ovl_path_type) are functions these programs
 * cannot call (and kfuncs would cost the 5.17 floor), so the checks below apply libs' version
 * of their rules to the structures, read through CO-RE.
 */
#ifndef CAPTURE_EXE_FLAGS_H
#define CAPTURE_EXE_FLAGS_H

#define K_SB_RDONLY 1             /* linux/fs.h: super_block.s_flags */
#define K_S_IMMUTABLE 8           /* linux/fs.h: inode.i_flags */
#define K_S_IWOTH 0002            /* the "other" write bit; group and owner bits sit 3 and 6 higher */
#define K_CAP_DAC_OVERRIDE 1
#define K_CAP_FOWNER 3
#define K_OVERLAYFS_SUPER_MAGIC 0x794c7630
#define K_UID_GID_MAP_MAX_BASE_EXTENTS 5 /* extents held in the map itself; more live in arrays */
#define K_UID_GID_MAP_MAX_EXTENTS 340
#define K_INVALID_ID 0xffffffffU  /* an unmapped kuid/kgid */
#define CAPTURE_GROUP_SEARCH_STEPS 17 /* binary search over NGROUPS_MAX (65536) supplementary groups */

/* struct ovl_inode (fs/overlayfs): the overlay inode embeds the vfs inode, the upper dentry follows. */
struct ovl_inode___capture {
	struct inode vfs_inode;
	struct dentry *__upperdentry;
} __attribute__((preserve_access_index));

/* Whether a kuid/kgid has an id in a user namespace's map (the kernel's map_id_up != -1). */
struct id_map_search {
	struct uid_gid_extent *extents;
	__u32 id;
	bool found;
};

static long search_extent(__u32 i, void *ctx)
{
	struct id_map_search *s = ctx;
	struct uid_gid_extent extent = {};
	if (bpf_probe_read_kernel(&extent, sizeof(extent), &s->extents[i]))
		return 1;
	if (s->id >= extent.lower_first && s->id - extent.lower_first < extent.count) {
		s->found = true;
		return 1;
	}
	return 0;
}

static __always_inline bool id_mapped(struct uid_gid_map *map, __u32 id)
{
	if (id == K_INVALID_ID)
		return false;
	__u32 count = BPF_CORE_READ(map, nr_extents);
	struct id_map_search s = { .id = id };
	if (count <= K_UID_GID_MAP_MAX_BASE_EXTENTS) {
		s.extents = (struct uid_gid_extent *)((void *)map + bpf_core_field_offset(map->extent));
	} else {
		/* the same extents sorted by lower id: any order serves a linear search */
		s.extents = BPF_CORE_READ(map, reverse);
		if (count > K_UID_GID_MAP_MAX_EXTENTS)
			count = K_UID_GID_MAP_MAX_EXTENTS;
	}
	bpf_loop(count, search_extent, &s, 0);
	return s.found;
}

/* Whether gid is one of the supplementary groups (the kernel keeps them sorted). */
static __always_inline bool in_supplementary_groups(const struct cred *cred, __u32 gid)
{
	struct group_info *groups = BPF_CORE_READ(cred, group_info);
	if (!groups)
		return false;
	__u32 low = 0, high = BPF_CORE_READ(groups, ngroups);
	for (int step = 0; step < CAPTURE_GROUP_SEARCH_STEPS && low < high; step++) {
		__u32 mid = low + (high - low) / 2;
		__u32 at = 0;
		bpf_probe_read_kernel(&at, sizeof(at), (void *)groups + bpf_core_field_offset(groups->gid) + (__u64)(mid & 0xffff) * sizeof(kgid_t));
		if (at == gid)
			return true;
		if (at < gid)
			low = mid + 1;
		else
			high = mid;
	}
	return false;
}

/*
 * libs' rules for a writable executable: never on a read-only filesystem or an immutable
 * inode; always for its owner (who may chmod it); else the mode's group bits when the task
 * is in the inode's group (fsgid or a supplementary group), the other bits when not; else
 * CAP_DAC_OVERRIDE, or CAP_FOWNER, when the inode's ids map into the task's user namespace.
 * POSIX ACLs and LSMs are not consulted.
 */
static __always_inline bool exe_writable(struct task_struct *task, struct inode *inode)
{
	umode_t mode = BPF_CORE_READ(inode, i_mode);
	umode_t type = mode & K_S_IFMT;
	if ((BPF_CORE_READ(inode, i_sb, s_flags) & K_SB_RDONLY) && (type == K_S_IFREG || type == K_S_IFDIR || type == K_S_IFLNK))
		return false;
	if (BPF_CORE_READ(inode, i_flags) & K_S_IMMUTABLE)
		return false;
	__u32 uid = BPF_CORE_READ(inode, i_uid.val);
	__u32 gid = BPF_CORE_READ(inode, i_gid.val);
	if (uid == K_INVALID_ID || gid == K_INVALID_ID)
		return false;
	const struct cred *cred = BPF_CORE_READ(task, cred);
	if (BPF_CORE_READ(cred, fsuid.val) == uid)
		return true;
	if (gid == BPF_CORE_READ(cred, fsgid.val) || in_supplementary_groups(cred, gid))
		mode >>= 3;
	if (mode & K_S_IWOTH)
		return true;
	__u64 effective = CRED_CAPS(cred, cap_effective);
	if (!(effective & (1ULL << K_CAP_DAC_OVERRIDE | 1ULL << K_CAP_FOWNER)))
		return false;
	struct user_namespace *ns = BPF_CORE_READ(cred, user_ns);
	if (!ns)
		return false;
	bool uid_mapped = id_mapped(&ns->uid_map, uid);
	if ((effective & (1ULL << K_CAP_DAC_OVERRIDE)) && uid_mapped && id_mapped(&ns->gid_map, gid))
		return true;
	return (effective & (1ULL << K_CAP_FOWNER)) && uid_mapped;
}

/* memfd_create's files are pseudo dentries (their own parent) named "memfd:NAME". */
static __always_inline bool exe_from_memfd(struct dentry *dentry)
{
	if (BPF_CORE_READ(dentry, d_parent) != dentry)
		return false;
	char name[8] = {};
	if (bpf_probe_read_kernel_str(name, sizeof(name), BPF_CORE_READ(dentry, d_name.name)) < 7)
		return false;
	return name[0] == 'm' && name[1] == 'e' && name[2] == 'm' && name[3] == 'f' && name[4] == 'd' && name[5] == ':';
}

/* On overlayfs: UPPER when the file has an upper dentry with an inode (copied up or new), else LOWER. */
static __always_inline __u32 exe_overlay_layer(struct dentry *dentry)
{
	if (BPF_CORE_READ(dentry, d_sb, s_magic) != K_OVERLAYFS_SUPER_MAGIC)
		return 0;
	void *vfs_inode = BPF_CORE_READ(dentry, d_inode);
	struct dentry *upper = NULL;
	if (bpf_core_type_exists(struct ovl_inode___capture)) {
		struct ovl_inode___capture *ovl = vfs_inode - bpf_core_field_offset(struct ovl_inode___capture, vfs_inode);
		upper = BPF_CORE_READ(ovl, __upperdentry);
	} else {
		/* a kernel without ovl_inode in its BTF: the upper dentry follows the embedded inode */
		bpf_probe_read_kernel(&upper, sizeof(upper), vfs_inode + bpf_core_type_size(struct inode));
	}
	return upper && BPF_CORE_READ(upper, d_inode) ? CAPTURE_EXECVE_FLAGS_EXE_UPPER_LAYER : CAPTURE_EXECVE_FLAGS_EXE_LOWER_LAYER;
}

/* The flags of the task's current executable (the new image after an exec, the old one after a failure). */
static __always_inline __u32 exe_flags(struct task_struct *task)
{
	struct file *exe = BPF_CORE_READ(task, mm, exe_file);
	if (!exe)
		return 0;
	struct dentry *dentry = BPF_CORE_READ(exe, f_path.dentry);
	__u32 flags = exe_overlay_layer(dentry);
	if (exe_writable(task, BPF_CORE_READ(exe, f_inode)))
		flags |= CAPTURE_EXECVE_FLAGS_EXE_WRITABLE;
	if (exe_from_memfd(dentry))
		flags |= CAPTURE_EXECVE_FLAGS_EXE_FROM_MEMFD;
	return flags;
}

#endif
