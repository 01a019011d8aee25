/*
 * The cgroups parameter of clone-family and execve-family exit events: one NUL-terminated
 * entry per cgroup subsystem the running kernel was built with, in the kernel's subsystem
 * order, each "NAME=PATH". NAME is the subsystem's name (cgroup_subsys.name, so "io" where
 * /proc/PID/cgroup says "blkio"); PATH is the task's cgroup for that subsystem, from the
 * root of the hierarchy that subsystem lives in ("/" for the root), as libs sends it.
 *
 * The cgroup is the one the task's css for that subsystem belongs to. On a cgroup v1
 * hierarchy that is the task's own cgroup there, as /proc/PID/cgroup lists it. On the
 * unified (v2) hierarchy a controller only has a css where a parent enabled it in
 * cgroup.subtree_control, so the path is the task's nearest ancestor (or itself) whose
 * parent enabled the controller: the task's "0::" path from /proc/PID/cgroup for enabled
 * controllers and implicit ones (perf_event), a shorter one (often "/") for the rest.
 * Paths are not relative to the reader's cgroup namespace.
 *
 * Bounds that keep the program small and the event inside its size limit:
 * - at most CAPTURE_CGROUP_MAX_DEPTH components below the root. A deeper cgroup keeps its
 *   deepest components (the leaf names a container) behind a "..." prefix instead of the
 *   leading "/", so a cut path never passes for a full one;
 * - a component's name is read up to CAPTURE_CGROUP_MAX_NAME bytes (kernfs names are at
 *   most NAME_MAX);
 * - the whole value stops before the entry that would take it past CAPTURE_CGROUPS_MAX
 *   bytes; the entries before it are complete. An entry is at most about 4 KiB
 *   (CAPTURE_CGROUP_MAX_DEPTH components of up to 256 bytes) and the parameters before
 *   this one are at most exe and args (8 KiB), so no write reaches CAPTURE_MAX_EVENT_SIZE,
 *   where SAFE() would wrap it onto the event's start.
 * An entry whose subsystem name or path cannot be read is left out; named v1 hierarchies
 * without a subsystem (name=systemd) are not subsystems and have no entry (as in libs).
 */
#ifndef CAPTURE_CGROUPS_H
#define CAPTURE_CGROUPS_H

#define CAPTURE_CGROUP_MAX_SUBSYS 16 /* loop bound; the kernel's CGROUP_SUBSYS_COUNT is the real end */
#define CAPTURE_CGROUP_MAX_DEPTH 16
#define CAPTURE_CGROUP_MAX_NAME 256
#define CAPTURE_CGROUP_SUBSYS_NAME 32
#define CAPTURE_CGROUPS_MAX 8192

/* Before 6.15 (commit "kernfs: Rename kernfs_node::parent to __parent") the field had no underscores. */
struct kernfs_node___before_6_15 {
	struct kernfs_node *parent;
} __attribute__((preserve_access_index));

/*
 * The pointer chains (css -> subsystem -> name, css -> cgroup -> kernfs node -> parent)
 * are followed with CO-RE reads. A read-only cast (bpf_rdonly_cast) would make them plain
 * loads, about 1 us cheaper per exec, but needs 6.2; exec takes ~700 us, so the probe keeps
 * the kernels that lack it.
 */
static __always_inline struct kernfs_node *kernfs_parent_of(struct kernfs_node *kn)
{
	if (bpf_core_field_exists(kn->__parent))
		return BPF_CORE_READ(kn, __parent);
	return BPF_CORE_READ((struct kernfs_node___before_6_15 *)kn, parent);
}

/*
 * Both loops run under bpf_loop, so each body is one callback rather than a copy per
 * subsystem and component. The verifier still walks a callback until its states repeat,
 * and a write offset it tracks on the stack grows with every step and never repeats; so
 * the write position lives in this per-CPU map instead, where the verifier knows nothing
 * of it and SAFE() alone bounds each write. Like the scratch area, one event at a time
 * per CPU uses it.
 */
struct cgroups_cursor {
	__u64 at;    /* unmasked scratch offset of the next byte */
	__u64 entry; /* where the entry being written started */
	__u64 limit; /* no entry may end past this offset */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct cgroups_cursor);
	__uint(max_entries, 1);
} capture_cgroups_cursor SEC(".maps");

static __always_inline struct cgroups_cursor *cgroups_cursor(void)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(&capture_cgroups_cursor, &zero);
}

/* Appends a kernel string without its NUL; false when it cannot be read. */
static __always_inline bool put_kernel_name(__u8 *data, struct cgroups_cursor *c, const char *name, __u32 max)
{
	long n = bpf_probe_read_kernel_str(&data[SAFE(c->at)], max, name);
	if (n <= 0)
		return false;
	c->at += n - 1;
	return true;
}

static __always_inline void put_char(__u8 *data, struct cgroups_cursor *c, char ch)
{
	data[SAFE(c->at)] = ch;
	c->at++;
}

struct cgroup_path {
	const char *names[CAPTURE_CGROUP_MAX_DEPTH]; /* components below the root, deepest first */
	struct kernfs_node *kn; /* the next node up; NULL once the root was reached */
	__u32 depth;
	bool unreadable;
};

/* Step i records the name of the node i levels above the leaf, unless that node is the root. */
static long collect_path_component(__u32 i, struct cgroup_path *p)
{
	struct kernfs_node *kn = p->kn;
	struct kernfs_node *parent = kernfs_parent_of(kn);
	if (!parent) {
		p->kn = NULL; /* the root, which has no name of its own */
		return 1;
	}
	p->names[i & (CAPTURE_CGROUP_MAX_DEPTH - 1)] = BPF_CORE_READ(kn, name);
	p->depth = i + 1;
	p->kn = parent;
	return 0;
}

/* Step i writes "/" and the i-th component counted from the root. */
static long put_path_component(__u32 i, struct cgroup_path *p)
{
	__u8 *data = scratch_data();
	struct cgroups_cursor *c = cgroups_cursor();
	__u32 k = p->depth - 1 - i;
	if (!data || !c || k >= CAPTURE_CGROUP_MAX_DEPTH)
		return 1;
	put_char(data, c, '/');
	if (!put_kernel_name(data, c, p->names[k], CAPTURE_CGROUP_MAX_NAME)) {
		p->unreadable = true;
		return 1;
	}
	return 0;
}

/* Step id appends "NAME=PATH\0" for subsystem id, or nothing when it cannot be read. */
static long put_cgroup_entry(__u32 id, struct css_set **cset)
{
	__u8 *data = scratch_data();
	struct cgroups_cursor *c = cgroups_cursor();
	struct cgroup_subsys_state *css = NULL;
	if (!data || !c || id >= CAPTURE_CGROUP_MAX_SUBSYS)
		return 1;
	bpf_probe_read_kernel(&css, sizeof(css), &(*cset)->subsys[id]);
	if (!css)
		return 0;

	c->entry = c->at;
	if (!put_kernel_name(data, c, BPF_CORE_READ(css, ss, name), CAPTURE_CGROUP_SUBSYS_NAME))
		goto drop;
	put_char(data, c, '=');

	struct cgroup_path p = { .kn = BPF_CORE_READ(css, cgroup, kn) };
	if (p.kn)
		bpf_loop(CAPTURE_CGROUP_MAX_DEPTH, collect_path_component, &p, 0);
	struct kernfs_node *above = p.kn;
	if (above && kernfs_parent_of(above)) {
		put_char(data, c, '.');
		put_char(data, c, '.');
		put_char(data, c, '.');
	}
	if (p.depth == 0)
		put_char(data, c, '/');
	else
		bpf_loop(p.depth, put_path_component, &p, 0);
	if (p.unreadable)
		goto drop;
	put_char(data, c, '\0');

	if (c->at > c->limit) {
		c->at = c->entry; /* this entry does not fit: the value ends with the one before */
		return 1;
	}
	return 0;
drop:
	c->at = c->entry;
	return 0;
}

static __always_inline void push_cgroups(struct event_builder *b, struct task_struct *task)
{
	struct cgroups_cursor *c = cgroups_cursor();
	struct css_set *cset = BPF_CORE_READ(task, cgroups);
	if (!c || !cset) {
		push_empty(b);
		return;
	}
	c->at = b->payload;
	c->limit = b->payload + CAPTURE_CGROUPS_MAX;
	__u32 count = bpf_core_enum_value(enum cgroup_subsys_id, CGROUP_SUBSYS_COUNT);
	bpf_loop(count < CAPTURE_CGROUP_MAX_SUBSYS ? count : CAPTURE_CGROUP_MAX_SUBSYS, put_cgroup_entry, &cset, 0);
	set_length(b, c->at - b->payload);
}

#endif
