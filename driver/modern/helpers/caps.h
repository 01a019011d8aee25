/*
 * A task's capability sets as libs' u64 (PPM_CAP_* bits are the kernel's CAP_* positions):
 * kernel_cap_t is a u64 from 6.3 and two u32 halves before it (cap[0] the low bits). CO-RE
 * keeps the branch the running kernel has.
 */
#ifndef CAPTURE_CAPS_H
#define CAPTURE_CAPS_H

struct kernel_cap_struct___before_6_3 {
	__u32 cap[2];
} __attribute__((preserve_access_index));

struct cred___before_6_3 {
	struct kernel_cap_struct___before_6_3 cap_inheritable;
	struct kernel_cap_struct___before_6_3 cap_permitted;
	struct kernel_cap_struct___before_6_3 cap_effective;
} __attribute__((preserve_access_index));

#define CRED_CAPS(cred, set)                                                                              \
	(bpf_core_field_exists(((struct cred___before_6_3 *)(cred))->set.cap)                              \
		 ? ((__u64)BPF_CORE_READ((struct cred___before_6_3 *)(cred), set.cap[1]) << 32 |            \
		    BPF_CORE_READ((struct cred___before_6_3 *)(cred), set.cap[0]))                          \
		 : BPF_CORE_READ(cred, set.val))

#endif
