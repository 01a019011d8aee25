/*
 * Fillers for kernel modules, System V semaphores, keyctl, pidfds and cross-process
 * memory access.
 */

/* The image's first bytes, up to snaplen like any data buffer (libs' modern probe copies len & 0xffff). */
FILLER(init_module_x)
{
	START(b, PPME_SYSCALL_INIT_MODULE_X);
	__u64 len = ARG(1);
	push_s64(&b, ret);
	push_user_data(&b, (void *)ARG(0), len);
	push_u64(&b, len);
	push_user_string(&b, (void *)ARG(2));
	SUBMIT(b);
}

FILLER(finit_module_x)
{
	START(b, PPME_SYSCALL_FINIT_MODULE_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_user_string(&b, (void *)ARG(1));
	push_u32(&b, finit_module_flags_to_scap(ARG(2)));
	SUBMIT(b);
}

FILLER(delete_module_x)
{
	START(b, PPME_SYSCALL_DELETE_MODULE_X);
	push_s64(&b, ret);
	push_user_string(&b, (void *)ARG(0));
	push_u32(&b, delete_module_flags_to_scap(ARG(1)));
	SUBMIT(b);
}

FILLER(semget_x)
{
	START(b, PPME_SYSCALL_SEMGET_X);
	push_s64(&b, ret);
	push_s32(&b, ARG(0));
	push_s32(&b, ARG(1));
	push_u32(&b, semget_flags_to_scap(ARG(2)));
	SUBMIT(b);
}

/* val is the argument only for SETVAL, where it is the value itself rather than a pointer. */
FILLER(semctl_x)
{
	START(b, PPME_SYSCALL_SEMCTL_X);
	__u16 cmd = ARG(2);
	push_s64(&b, ret);
	push_s32(&b, ARG(0));
	push_s32(&b, ARG(1));
	push_u16(&b, semctl_cmd_to_scap(cmd));
	push_s32(&b, cmd == K_SETVAL ? ARG(3) : 0);
	SUBMIT(b);
}

/* The first two operations of a successful call; all zero after a failure (as libs). */
FILLER(semop_x)
{
	START(b, PPME_SYSCALL_SEMOP_X);
	__u32 nsops = ARG(2);
	struct sembuf ops[2] = {};
	if (ret == 0 && nsops > 0 && ARG(1))
		cap_read_user(ops, nsops == 1 ? sizeof(ops[0]) : sizeof(ops), (void *)ARG(1));
	push_s64(&b, ret);
	push_u32(&b, nsops);
	for (int i = 0; i < 2; i++) {
		push_u16(&b, ops[i].sem_num);
		push_u16(&b, ops[i].sem_op);
		push_u16(&b, semop_flags_to_scap(ops[i].sem_flg));
	}
	push_s32(&b, ARG(0));
	SUBMIT(b);
}

/*
 * Which of keyctl's arguments arg2..arg5 an operation uses, as libs reads them: the low
 * nibble counts the arguments taken (the others are sent as 0), bit 4 + i marks argument
 * i as a string. KEYCTL_* numbers are libs' numbers.
 */
#define KEYCTL_ARGS(n, strings) ((n) | (strings) << 4)

static __always_inline __u8 keyctl_layout(__u32 op)
{
	switch (op) {
	case 1: return KEYCTL_ARGS(1, 0x1);                                    /* JOIN_SESSION_KEYRING: name */
	case 3: case 7: case 14: case 16: case 21: return KEYCTL_ARGS(1, 0);  /* REVOKE, CLEAR, SET_REQKEY_KEYRING, ASSUME_AUTHORITY, INVALIDATE */
	case 0: case 5: case 8: case 9: case 15: case 22: case 31: return KEYCTL_ARGS(2, 0);
	case 2: case 4: case 6: case 11: case 13: case 17: case 32: return KEYCTL_ARGS(3, 0);
	case 29: return KEYCTL_ARGS(3, 0x6);                                   /* RESTRICT_KEYRING: type, restriction */
	case 24: return KEYCTL_ARGS(3, 0x4);                                   /* PKEY_QUERY: info */
	case 10: return KEYCTL_ARGS(4, 0x6);                                   /* SEARCH: type, description */
	case 12: case 19: case 20: case 23: case 30: return KEYCTL_ARGS(4, 0);
	case 25: case 26: case 27: case 28: return KEYCTL_ARGS(4, 0x2);        /* PKEY_ENCRYPT..VERIFY: info */
	default: return KEYCTL_ARGS(0, 0);                                     /* SESSION_TO_PARENT, unknown */
	}
}

#define KEYCTL_INT64 0
#define KEYCTL_CHARBUF 1

FILLER(keyctl_x)
{
	START(b, PPME_SYSCALL_KEYCTL_X);
	__u32 op = ARG(0);
	__u8 layout = keyctl_layout(op);
	push_s64(&b, ret);
	push_u32(&b, op);
	for (int i = 0; i < 4; i++) {
		unsigned long value = i < (layout & 0xf) ? arg(regs, i + 1) : 0;
		__u32 n = 0;
		if (layout & (0x10 << i)) {
			put_u8(&b, &n, KEYCTL_CHARBUF);
			long len = value ? cap_read_user_str(&b.data[SAFE(b.payload + n)], CAPTURE_MAX_PATH, (void *)value) : 0;
			n += len > 0 ? len : 0;
		} else {
			put_u8(&b, &n, KEYCTL_INT64);
			put_u64(&b, &n, value);
		}
		set_length(&b, n);
	}
	SUBMIT(b);
}

FILLER(pidfd_open_x)
{
	START(b, PPME_SYSCALL_PIDFD_OPEN_X);
	push_s64(&b, ret);
	push_s64(&b, (__s32)ARG(0));
	push_u32(&b, pidfd_open_flags_to_scap(ARG(1)));
	SUBMIT(b);
}

FILLER(pidfd_getfd_x)
{
	START(b, PPME_SYSCALL_PIDFD_GETFD_X);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_s64(&b, ARG_FD(1));
	push_u32(&b, ARG(2));
	SUBMIT(b);
}

/*
 * The data that moved, from the local iovecs: the first one's bytes, up to the result and
 * snaplen (as readv/writev here). pid is the register as passed, as libs sends it.
 */
static __always_inline void push_process_vm(struct event_builder *b, struct pt_regs *regs, long ret)
{
	push_s64(b, ret);
	push_s64(b, ARG(0));
	if (ret > 0) {
		struct iov_pair first;
		iovec_total((struct iovec *)ARG(1), ARG(2), &first);
		push_user_data(b, first.base, (__u64)ret < first.len ? (__u64)ret : first.len);
	} else {
		push_empty(b);
	}
}

FILLER(process_vm_readv_x)
{
	START(b, PPME_SYSCALL_PROCESS_VM_READV_X);
	push_process_vm(&b, regs, ret);
	SUBMIT(b);
}

FILLER(process_vm_writev_x)
{
	START(b, PPME_SYSCALL_PROCESS_VM_WRITEV_X);
	push_process_vm(&b, regs, ret);
	SUBMIT(b);
}
