/* Fillers for syscalls that configure file systems: the new mount API's fsconfig, and quotas. */

#define K_FSCONFIG_SET_FLAG 0
#define K_FSCONFIG_SET_STRING 1
#define K_FSCONFIG_SET_BINARY 2
#define K_FSCONFIG_SET_PATH 3
#define K_FSCONFIG_SET_PATH_EMPTY 4

/* A binary value of fsconfig is kept up to this many bytes. */
#define CAPTURE_MAX_FSCONFIG_BINARY CAPTURE_MAX_PATH

/* Up to CAPTURE_MAX_FSCONFIG_BINARY bytes of a user buffer; empty when unreadable. */
static __always_inline void push_user_bytes(struct event_builder *b, const void *ptr, __u64 size)
{
	__u64 len = size;
	if (len > CAPTURE_MAX_FSCONFIG_BINARY)
		len = CAPTURE_MAX_FSCONFIG_BINARY;
	if (!ptr || len == 0 || cap_read_user(&b->data[SAFE(b->payload)], len, ptr) != 0) {
		push_empty(b);
		return;
	}
	set_length(b, (__u16)len);
}

/*
 * value is a string for SET_STRING and the SET_PATHs, aux bytes for SET_BINARY, and unused
 * by the other commands; libs sends neither after a failure. Commands are the kernel's
 * enum, which libs' table follows one to one.
 */
FILLER(fsconfig_x)
{
	START(b, PPME_SYSCALL_FSCONFIG_X);
	__u32 cmd = ARG(1);
	__s32 aux = ARG(4);
	void *value = (void *)ARG(3);
	push_s64(&b, ret);
	push_s64(&b, ARG_FD(0));
	push_u32(&b, cmd);
	push_user_string(&b, (void *)ARG(2));
	if (ret >= 0 && cmd == K_FSCONFIG_SET_BINARY && aux > 0)
		push_user_bytes(&b, value, aux);
	else
		push_empty(&b);
	if (ret >= 0 && (cmd == K_FSCONFIG_SET_STRING || cmd == K_FSCONFIG_SET_PATH || cmd == K_FSCONFIG_SET_PATH_EMPTY))
		push_user_string(&b, value);
	else
		push_empty(&b);
	push_s32(&b, aux);
	SUBMIT(b);
}

/* uapi linux/quota.h: cmd is QCMD(command, type) = command << 8 | type. */
#define K_SUBCMDSHIFT 8
#define K_SUBCMDMASK 0xff
#define K_Q_SYNC 0x800001
#define K_Q_QUOTAON 0x800002
#define K_Q_QUOTAOFF 0x800003
#define K_Q_GETFMT 0x800004
#define K_Q_GETINFO 0x800005
#define K_Q_SETINFO 0x800006
#define K_Q_GETQUOTA 0x800007
#define K_Q_SETQUOTA 0x800008
#define K_XQM_CMD(x) (('X' << 8) + (x))
#define K_USRQUOTA 0
#define K_GRPQUOTA 1
#define K_QFMT_VFS_OLD 1
#define K_QFMT_VFS_V0 2
#define K_QFMT_VFS_V1 4
#define K_QIF_BLIMITS 1
#define K_QIF_SPACE 2
#define K_QIF_ILIMITS 4
#define K_QIF_BTIME 16
#define K_QIF_ITIME 32
#define K_IIF_BGRACE 1
#define K_IIF_IGRACE 2
#define K_IIF_FLAGS 4

/* uapi struct if_dqblk and struct if_dqinfo, under names of our own. */
struct quota_dqblk {
	__u64 bhardlimit;
	__u64 bsoftlimit;
	__u64 curspace;
	__u64 ihardlimit;
	__u64 isoftlimit;
	__u64 curinodes;
	__u64 btime;
	__u64 itime;
	__u32 valid;
};

struct quota_dqinfo {
	__u64 bgrace;
	__u64 igrace;
	__u32 flags;
	__u32 valid;
};

static __always_inline __u16 quotactl_cmd_to_scap(__u32 cmd)
{
	switch (cmd >> K_SUBCMDSHIFT) {
	case K_Q_SYNC: return CAPTURE_QUOTACTL_CMDS_Q_SYNC;
	case K_Q_QUOTAON: return CAPTURE_QUOTACTL_CMDS_Q_QUOTAON;
	case K_Q_QUOTAOFF: return CAPTURE_QUOTACTL_CMDS_Q_QUOTAOFF;
	case K_Q_GETFMT: return CAPTURE_QUOTACTL_CMDS_Q_GETFMT;
	case K_Q_GETINFO: return CAPTURE_QUOTACTL_CMDS_Q_GETINFO;
	case K_Q_SETINFO: return CAPTURE_QUOTACTL_CMDS_Q_SETINFO;
	case K_Q_GETQUOTA: return CAPTURE_QUOTACTL_CMDS_Q_GETQUOTA;
	case K_Q_SETQUOTA: return CAPTURE_QUOTACTL_CMDS_Q_SETQUOTA;
	case K_XQM_CMD(1): return CAPTURE_QUOTACTL_CMDS_Q_XQUOTAON;
	case K_XQM_CMD(2): return CAPTURE_QUOTACTL_CMDS_Q_XQUOTAOFF;
	case K_XQM_CMD(3): return CAPTURE_QUOTACTL_CMDS_Q_XGETQUOTA;
	case K_XQM_CMD(4): return CAPTURE_QUOTACTL_CMDS_Q_XSETQLIM;
	case K_XQM_CMD(5): return CAPTURE_QUOTACTL_CMDS_Q_XGETQSTAT;
	case K_XQM_CMD(6): return CAPTURE_QUOTACTL_CMDS_Q_XQUOTARM;
	case K_XQM_CMD(7): return CAPTURE_QUOTACTL_CMDS_Q_XQUOTASYNC;
	default: return 0;
	}
}

static __always_inline __u8 quotactl_type_to_scap(__u32 cmd)
{
	switch (cmd & K_SUBCMDMASK) {
	case K_USRQUOTA: return CAPTURE_QUOTACTL_TYPES_USRQUOTA;
	case K_GRPQUOTA: return CAPTURE_QUOTACTL_TYPES_GRPQUOTA;
	default: return 0;
	}
}

static __always_inline __u8 quota_format_to_scap(__u32 format)
{
	switch (format) {
	case K_QFMT_VFS_OLD: return CAPTURE_QUOTACTL_QUOTA_FMTS_QFMT_VFS_OLD;
	case K_QFMT_VFS_V0: return CAPTURE_QUOTACTL_QUOTA_FMTS_QFMT_VFS_V0;
	case K_QFMT_VFS_V1: return CAPTURE_QUOTACTL_QUOTA_FMTS_QFMT_VFS_V1;
	default: return CAPTURE_QUOTACTL_QUOTA_FMTS_QFMT_NOT_USED;
	}
}

/* The limits of a quota record, each only where its valid bit says it was set. */
static __always_inline void push_quota_record(struct event_builder *b, __u16 cmd, void *addr)
{
	struct quota_dqblk q = {};
	if (cmd == CAPTURE_QUOTACTL_CMDS_Q_GETQUOTA || cmd == CAPTURE_QUOTACTL_CMDS_Q_SETQUOTA)
		cap_read_user(&q, sizeof(q), addr);
	bool blimits = q.valid & K_QIF_BLIMITS, ilimits = q.valid & K_QIF_ILIMITS;
	push_u64(b, blimits ? q.bhardlimit : 0);
	push_u64(b, blimits ? q.bsoftlimit : 0);
	push_u64(b, (q.valid & K_QIF_SPACE) ? q.curspace : 0);
	push_u64(b, ilimits ? q.ihardlimit : 0);
	push_u64(b, ilimits ? q.isoftlimit : 0);
	push_u64(b, (q.valid & K_QIF_BTIME) ? q.btime : 0);
	push_u64(b, (q.valid & K_QIF_ITIME) ? q.itime : 0);
}

/* The grace times and flags of a quota info, likewise; the flags are the kernel's, as libs sends them. */
static __always_inline void push_quota_info(struct event_builder *b, __u16 cmd, void *addr)
{
	struct quota_dqinfo i = {};
	if (cmd == CAPTURE_QUOTACTL_CMDS_Q_GETINFO || cmd == CAPTURE_QUOTACTL_CMDS_Q_SETINFO)
		cap_read_user(&i, sizeof(i), addr);
	push_u64(b, (i.valid & K_IIF_BGRACE) ? i.bgrace : 0);
	push_u64(b, (i.valid & K_IIF_IGRACE) ? i.igrace : 0);
	push_u8(b, (i.valid & K_IIF_FLAGS) ? i.flags : 0);
}

/*
 * addr means something per command: the quota file's path for QUOTAON, a record for
 * GET/SETQUOTA, an info for GET/SETINFO, the format for GETFMT. It is read at exit
 * whether or not the call succeeded, as libs does. id is a user or group id only for the
 * quota-record commands, and the format for QUOTAON.
 */
FILLER(quotactl_x)
{
	START(b, PPME_SYSCALL_QUOTACTL_X);
	__u32 raw_cmd = ARG(0);
	__u16 cmd = quotactl_cmd_to_scap(raw_cmd);
	__u32 id = ARG(2);
	void *addr = (void *)ARG(3);
	push_s64(&b, ret);
	push_user_string(&b, (void *)ARG(1));
	if (cmd == CAPTURE_QUOTACTL_CMDS_Q_QUOTAON)
		push_user_string(&b, addr);
	else
		push_empty(&b);
	push_quota_record(&b, cmd, addr);
	push_quota_info(&b, cmd, addr);
	__u32 format = 0;
	if (cmd == CAPTURE_QUOTACTL_CMDS_Q_GETFMT)
		cap_read_user(&format, sizeof(format), addr);
	push_u8(&b, cmd == CAPTURE_QUOTACTL_CMDS_Q_GETFMT ? quota_format_to_scap(format) : CAPTURE_QUOTACTL_QUOTA_FMTS_QFMT_NOT_USED);
	push_u16(&b, cmd);
	push_u8(&b, quotactl_type_to_scap(raw_cmd));
	bool names_id = cmd == CAPTURE_QUOTACTL_CMDS_Q_GETQUOTA || cmd == CAPTURE_QUOTACTL_CMDS_Q_SETQUOTA ||
			cmd == CAPTURE_QUOTACTL_CMDS_Q_XGETQUOTA || cmd == CAPTURE_QUOTACTL_CMDS_Q_XSETQLIM;
	push_u32(&b, names_id ? id : 0);
	push_u8(&b, cmd == CAPTURE_QUOTACTL_CMDS_Q_QUOTAON ? quota_format_to_scap(id) : CAPTURE_QUOTACTL_QUOTA_FMTS_QFMT_NOT_USED);
	SUBMIT(b);
}
