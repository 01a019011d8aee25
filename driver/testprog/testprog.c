/*
 * Makes known system calls with known arguments so specs can check the probe's events,
 * and times tight loops for the overhead measurements. Every call is bracketed by
 * CLOCK_REALTIME readings; an event's timestamp must lie between them.
 *
 *   capture_testprog calls DIR     the known calls; one line per call:
 *                                  NAME BEFORE_NS AFTER_NS RET [EXTRA...]
 *   capture_testprog exec-child A B  what "calls" execs into; prints its own line
 *   capture_testprog tour DIR      one call of each syscall with a dedicated filler; the
 *                                  NAME of each line is the libs event name of the call
 *   capture_testprog tour-files DIR  the calls of the file-metadata, file-descriptor,
 *                                  io_uring and file-system fillers, each with known
 *                                  arguments, most of them once succeeding and once failing;
 *                                  works in DIR (known, fifo, chr, link, copy) and leaves
 *                                  what it made there. Lines other than calls give what the
 *                                  events carry but the spec cannot know: "fds FILE DIR COPY"
 *                                  the descriptors, "offsets IN OUT" copy_file_range's offset
 *                                  pointers, "ring FEATURES" what io_uring_setup filled in,
 *                                  "fsfd FD" fsopen's descriptor
 *   capture_testprog tour-proc DIR the ids, session, limit, module, semaphore, keyctl, pidfd,
 *                                  process_vm, memory-lock and socket query/batch calls, each
 *                                  with known arguments, most also failing; NAME is the libs
 *                                  event name. Extra lines give what the calls wrote back:
 *                                  "file-fd FD", "page ADDR", "rlimit CUR MAX", "resuid R E S",
 *                                  "resgid R E S", "semid ID", "control HEX" (the SCM_RIGHTS
 *                                  control data recvmmsg delivered with its second message)
 *   capture_testprog unix DIR      a unix stream server on DIR/stream.sock and one on an
 *                                  abstract name, each connected to, accepted and talked to
 *                                  both ways; then a datagram sent to DIR/dgram.sock from an
 *                                  unbound, unconnected socket. NAME is prefixed with
 *                                  "path-", "abstract-" or "dgram-"; "abstract-name NAME"
 *                                  gives the abstract name without its leading NUL
 *   capture_testprog fail N        N close(-1) calls (EBADF), then one getppid
 *   capture_testprog memfd-exec    copies its own executable into a memfd and runs it
 *                                  with execveat(fd, "", AT_EMPTY_PATH) as "failed-exec"
 *   capture_testprog failed-exec   one execve of a path that does not exist (ENOENT)
 *   capture_testprog userns-exec N ROOT FILE
 *                                  a child in a new user namespace with N uid and gid map
 *                                  extents (written by this process, as root outside), the
 *                                  last one mapping id 1000 to kernel id 0 when ROOT is 1;
 *                                  it becomes the namespace's root (kernel id 100000) and
 *                                  execs FILE
 *   capture_testprog loop KIND N   KIND = getppid | read1 | openclose; prints
 *                                  KIND N WALL_NS_PER_ITER CPU_NS_PER_ITER
 *
 * stdout is written only between calls, so the specs can tell these writes from the
 * known write by fd and size.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/capability.h>
#include <linux/futex.h>
#include <linux/io_uring.h>
#include <linux/mount.h>
#include <linux/quota.h>
#include <linux/keyctl.h>
#include <linux/openat2.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/select.h>
#include <sys/sem.h>
#include <sys/sendfile.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define KNOWN_WRITE_SIZE 100
#define KNOWN_MODE 0640

static unsigned long long now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

#define CALL(name, expr) do { \
	unsigned long long before = now(); \
	long ret = (long)(expr); \
	unsigned long long after = now(); \
	if (ret == -1) \
		ret = -errno; /* what the kernel returned, as the exit event carries it */ \
	printf("%s %llu %llu %ld\n", name, before, after, ret); \
	fflush(stdout); \
	last = ret; \
} while (0)

#define EFD_CLOEXEC_VALUE O_CLOEXEC

/* vfork: the child leaves at once; the parent's return is the child's pid. */
static long vfork_and_exit(void)
{
	pid_t child = vfork();
	if (child == 0)
		_exit(0);
	waitpid(child, NULL, 0);
	return child;
}

static int known_calls(const char *dir, const char *self)
{
	long last;
	char path[4096];
	char data[KNOWN_WRITE_SIZE];
	snprintf(path, sizeof path, "%s/known-file", dir);
	for (int i = 0; i < KNOWN_WRITE_SIZE; i++)
		data[i] = 'a' + i % 26;

	printf("pid %d\n", getpid());
	fflush(stdout);

	CALL("openat", syscall(SYS_openat, AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, KNOWN_MODE));
	int fd = (int)last;
	CALL("write", syscall(SYS_write, fd, data, KNOWN_WRITE_SIZE));
	CALL("close", syscall(SYS_close, fd));
	CALL("open", syscall(SYS_open, path, O_RDONLY));
	fd = (int)last;
	char one;
	CALL("read", syscall(SYS_read, fd, &one, 1));
	CALL("close", syscall(SYS_close, fd));

	int listener = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof addr;
	if (bind(listener, (struct sockaddr *)&addr, sizeof addr) || listen(listener, 1) ||
	    getsockname(listener, (struct sockaddr *)&addr, &len)) {
		perror("listener");
		return 1;
	}
	CALL("socket", syscall(SYS_socket, AF_INET, SOCK_STREAM, 0));
	int client = (int)last;
	printf("port %d\n", ntohs(addr.sin_port));
	CALL("connect", syscall(SYS_connect, client, &addr, sizeof addr));
	close(client);
	close(listener);

	for (int i = 0; i < 3; i++)
		CALL("getppid", syscall(SYS_getppid));

	unsigned long long before = now();
	pid_t child = fork();
	if (child == 0)
		_exit(7);
	unsigned long long after = now();
	printf("fork %llu %llu %d\n", before, after, child);
	fflush(stdout);
	int status;
	waitpid(child, &status, 0);

	char *argv[] = { "capture_testprog", "exec-child", "alpha", "beta", NULL };
	char *envp[] = { "CAPTURE_TESTPROG=1", NULL };
	printf("execve %llu\n", now());
	fflush(stdout);
	execve(self, argv, envp);
	perror("execve");
	return 1;
}

/*
 * One connection to the unix stream server at addr: connect, accept, then a message each
 * way. Call names are prefixed, so the specs can tell the path run from the abstract one.
 */
static int unix_stream_round(const char *prefix, const struct sockaddr_un *addr, socklen_t len)
{
	long last;
	char name[64], buf[16];
	int listener = socket(AF_UNIX, SOCK_STREAM, 0);
	if (bind(listener, (const struct sockaddr *)addr, len) || listen(listener, 1)) {
		perror("unix listener");
		return 1;
	}
	int client = socket(AF_UNIX, SOCK_STREAM, 0);
#define NAMED(call) (snprintf(name, sizeof name, "%s-%s", prefix, call), name)
	CALL(NAMED("connect"), syscall(SYS_connect, client, addr, len));
	CALL(NAMED("accept"), syscall(SYS_accept, listener, NULL, NULL));
	int server = (int)last;
	CALL(NAMED("client-sendto"), syscall(SYS_sendto, client, "ping", 4, 0, NULL, 0));
	CALL(NAMED("server-recvfrom"), syscall(SYS_recvfrom, server, buf, sizeof buf, 0, NULL, NULL));
	CALL(NAMED("server-sendto"), syscall(SYS_sendto, server, "pong", 4, 0, NULL, 0));
	CALL(NAMED("client-recvfrom"), syscall(SYS_recvfrom, client, buf, sizeof buf, 0, NULL, NULL));
#undef NAMED
	close(server);
	close(client);
	close(listener);
	return 0;
}

static int unix_sockets(const char *dir)
{
	long last;
	char buf[16];
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	printf("pid %d\n", getpid());

	snprintf(addr.sun_path, sizeof addr.sun_path, "%s/stream.sock", dir);
	if (unix_stream_round("path", &addr, sizeof addr))
		return 1;

	/* abstract: a leading NUL, and a length that ends the name (no terminator) */
	struct sockaddr_un abstract = { .sun_family = AF_UNIX };
	int n = snprintf(abstract.sun_path + 1, sizeof abstract.sun_path - 1, "capture-abstract-%d", getpid());
	printf("abstract-name %s\n", abstract.sun_path + 1);
	fflush(stdout);
	if (unix_stream_round("abstract", &abstract, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n)))
		return 1;

	snprintf(addr.sun_path, sizeof addr.sun_path, "%s/dgram.sock", dir);
	int receiver = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (bind(receiver, (struct sockaddr *)&addr, sizeof addr)) {
		perror("unix datagram receiver");
		return 1;
	}
	int sender = socket(AF_UNIX, SOCK_DGRAM, 0);
	CALL("dgram-sendto", syscall(SYS_sendto, sender, "ping", 4, 0, &addr, sizeof addr));
	CALL("dgram-recvfrom", syscall(SYS_recvfrom, receiver, buf, sizeof buf, 0, NULL, NULL));
	close(sender);
	close(receiver);
	return last == 4 ? 0 : 1; /* the datagram must have arrived whole */
}

/* One call of every syscall the probe has a filler for (except the ones "calls" makes). */
static int tour(const char *dir)
{
	long last;
	char a[4096], b[4096], c[4096], buf[64] = "tour data";
	snprintf(a, sizeof a, "%s/tour-a", dir);
	snprintf(b, sizeof b, "%s/tour-b", dir);
	snprintf(c, sizeof c, "%s/tour-c", dir);
	printf("pid %d\n", getpid());

	CALL("mkdir", syscall(SYS_mkdir, a, 0755));
	CALL("rename", syscall(SYS_rename, a, b));
	CALL("renameat", syscall(SYS_renameat, AT_FDCWD, b, AT_FDCWD, a));
	CALL("renameat2", syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 0));
	CALL("rmdir", syscall(SYS_rmdir, b));
	CALL("mkdirat", syscall(SYS_mkdirat, AT_FDCWD, a, 0700));
	CALL("chdir", syscall(SYS_chdir, a));
	int dirfd = open(dir, O_RDONLY | O_DIRECTORY);
	CALL("fchdir", syscall(SYS_fchdir, dirfd));
	CALL("unlinkat", syscall(SYS_unlinkat, AT_FDCWD, a, AT_REMOVEDIR));
	CALL("chroot", syscall(SYS_chroot, "/nonexistent-capture"));

	CALL("creat", syscall(SYS_creat, a, 0600));
	int fd = (int)last;
	CALL("link", syscall(SYS_link, a, b));
	CALL("unlink", syscall(SYS_unlink, b));
	CALL("linkat", syscall(SYS_linkat, AT_FDCWD, a, AT_FDCWD, b, 0));
	CALL("symlink", syscall(SYS_symlink, a, c));
	CALL("unlink", syscall(SYS_unlink, c));
	CALL("symlinkat", syscall(SYS_symlinkat, a, AT_FDCWD, c));
	CALL("chmod", syscall(SYS_chmod, a, 0644));
	CALL("fchmod", syscall(SYS_fchmod, fd, 0640));
	CALL("fchmodat", syscall(SYS_fchmodat, AT_FDCWD, a, 0600));
	CALL("chown", syscall(SYS_chown, a, getuid(), getgid()));
	CALL("fchown", syscall(SYS_fchown, fd, getuid(), getgid()));
	CALL("fchownat", syscall(SYS_fchownat, AT_FDCWD, a, getuid(), getgid(), AT_SYMLINK_NOFOLLOW));

	struct open_how how = { .flags = O_RDWR, .resolve = RESOLVE_NO_SYMLINKS };
	CALL("pwrite", syscall(SYS_pwrite64, fd, buf, 9, 0));
	CALL("openat2", syscall(SYS_openat2, AT_FDCWD, a, &how, sizeof how));
	CALL("pread", syscall(SYS_pread64, (int)last, buf, 9, 0));
	struct iovec iov = { buf, 9 };
	CALL("writev", syscall(SYS_writev, fd, &iov, 1));
	CALL("lseek", syscall(SYS_lseek, fd, 0, SEEK_SET));
	int rfd = open(a, O_RDONLY);
	CALL("readv", syscall(SYS_readv, rfd, &iov, 1));
	CALL("dup", syscall(SYS_dup, fd));
	CALL("dup2", syscall(SYS_dup2, fd, 100));
	CALL("dup3", syscall(SYS_dup3, fd, 101, O_CLOEXEC));
	CALL("fcntl", syscall(SYS_fcntl, fd, F_GETFL));
	int avail;
	CALL("ioctl", syscall(SYS_ioctl, rfd, FIONREAD, &avail));

	int pipefd[2];
	CALL("pipe", syscall(SYS_pipe, pipefd));
	CALL("pipe2", syscall(SYS_pipe2, pipefd, O_CLOEXEC));
	off_t offset = 0;
	CALL("sendfile", syscall(SYS_sendfile, pipefd[1], rfd, &offset, 4));
	int out = open(c, O_WRONLY);
	CALL("splice", syscall(SYS_splice, pipefd[0], NULL, out, NULL, 4, 0));
	CALL("eventfd2", syscall(SYS_eventfd2, 3, EFD_CLOEXEC_VALUE));
	CALL("memfd_create", syscall(SYS_memfd_create, "capture-tour", 1));

	int pair[2];
	CALL("socketpair", syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, pair));
	CALL("sendto", syscall(SYS_sendto, pair[0], buf, 9, 0, NULL, 0));
	CALL("recvfrom", syscall(SYS_recvfrom, pair[1], buf, sizeof buf, 0, NULL, NULL));
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	CALL("sendmsg", syscall(SYS_sendmsg, pair[0], &msg, 0));
	CALL("recvmsg", syscall(SYS_recvmsg, pair[1], &msg, 0));
	CALL("shutdown", syscall(SYS_shutdown, pair[0], SHUT_WR));
	int inet = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	int one = 1;
	socklen_t len = sizeof one;
	CALL("setsockopt", syscall(SYS_setsockopt, inet, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
	CALL("getsockopt", syscall(SYS_getsockopt, inet, SOL_SOCKET, SO_REUSEADDR, &one, &len));
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	CALL("bind", syscall(SYS_bind, inet, &addr, sizeof addr));
	CALL("listen", syscall(SYS_listen, inet, 4));
	CALL("accept", syscall(SYS_accept, inet, NULL, NULL));
	CALL("accept4", syscall(SYS_accept4, inet, NULL, NULL, SOCK_CLOEXEC));

	CALL("mmap", syscall(SYS_mmap, NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	void *mapped = (void *)last;
	CALL("mprotect", syscall(SYS_mprotect, mapped, 4096, PROT_READ));
	CALL("munmap", syscall(SYS_munmap, mapped, 8192));
	CALL("brk", syscall(SYS_brk, 0));

	struct pollfd pfd = { .fd = pair[1], .events = POLLIN };
	CALL("poll", syscall(SYS_poll, &pfd, 1, 0));
	struct timespec zero = { 0, 0 }, tiny = { 0, 1000 };
	CALL("ppoll", syscall(SYS_ppoll, &pfd, 1, &zero, NULL, 8));
	struct timeval tv = { 0, 0 };
	CALL("select", syscall(SYS_select, 0, NULL, NULL, NULL, &tv));
	int ep = epoll_create1(0);
	struct epoll_event ev;
	CALL("epoll_wait", syscall(SYS_epoll_wait, ep, &ev, 1, 0));
	CALL("nanosleep", syscall(SYS_nanosleep, &tiny, NULL));
	int word = 0;
	CALL("futex", syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0));

	CALL("kill", syscall(SYS_kill, getpid(), 0));
	CALL("tkill", syscall(SYS_tkill, (int)syscall(SYS_gettid), 0));
	CALL("tgkill", syscall(SYS_tgkill, getpid(), (int)syscall(SYS_gettid), 0));
	CALL("setuid", syscall(SYS_setuid, getuid()));
	CALL("setgid", syscall(SYS_setgid, getgid()));
	CALL("setresuid", syscall(SYS_setresuid, -1, -1, -1));
	CALL("setresgid", syscall(SYS_setresgid, -1, -1, -1));
	struct __user_cap_header_struct cap_header = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct cap_data[2];
	syscall(SYS_capget, &cap_header, cap_data);
	CALL("capset", syscall(SYS_capset, &cap_header, cap_data));
	CALL("prctl", syscall(SYS_prctl, PR_SET_NAME, "capture-tour", 0, 0, 0));
	CALL("ptrace", syscall(SYS_ptrace, PTRACE_PEEKDATA, 1, NULL, NULL));
	CALL("unshare", syscall(SYS_unshare, 0));
	CALL("setns", syscall(SYS_setns, -1, 0));
	CALL("bpf", syscall(SYS_bpf, 12345, NULL, 0));
	CALL("seccomp", syscall(SYS_seccomp, 99, 0, NULL));
	struct rlimit limit;
	getrlimit(RLIMIT_NOFILE, &limit);
	CALL("setrlimit", syscall(SYS_setrlimit, RLIMIT_NOFILE, &limit));
	CALL("prlimit", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &limit));
	CALL("mount", syscall(SYS_mount, "none", "/nonexistent-capture", "tmpfs", 0, NULL));
	CALL("umount2", syscall(SYS_umount2, "/nonexistent-capture", 0));
	char *argv[] = { "nothing", NULL };
	CALL("execve", syscall(SYS_execve, "/nonexistent-capture", argv, argv + 1));
	CALL("execveat", syscall(SYS_execveat, AT_FDCWD, "/nonexistent-capture", argv, argv + 1, 0));
	CALL("vfork", vfork_and_exit());
	return 0;
}

/* One datagram message of the sendmmsg/recvmmsg batch, with room for one passed fd. */
struct batch_message {
	struct iovec iov;
	char data[64];
	char control[CMSG_SPACE(sizeof(int))];
};

/*
 * The calls of the process, identity and socket-batch fillers. The module calls fail
 * harmlessly (a bogus image, a file that is no module, a module that is not loaded); ids
 * change only between root and back.
 */
static int tour_proc(const char *dir)
{
	long last;
	char path[4096];
	snprintf(path, sizeof path, "%s/not-a-module", dir);
	printf("pid %d\n", getpid());
	int file = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (file < 0 || write(file, "not an ELF", 10) != 10) {
		perror("tour-proc file");
		return 1;
	}
	printf("file-fd %d\n", file);

	static const char image[16] = { 'n', 'o', 't', '-', 'a', '-', 'm', 'o', 'd', 'u', 'l', 'e', 0, 1, 2, 3 };
	CALL("init_module", syscall(SYS_init_module, image, sizeof image, "capture=1"));
	CALL("finit_module", syscall(SYS_finit_module, file, "capture=2", 3));
	CALL("delete_module", syscall(SYS_delete_module, "capture_not_loaded", O_NONBLOCK | O_TRUNC));

	struct rlimit limit;
	CALL("getrlimit", syscall(SYS_getrlimit, RLIMIT_NOFILE, &limit));
	printf("rlimit %lld %lld\n", (long long)limit.rlim_cur, (long long)limit.rlim_max);
	CALL("getrlimit", syscall(SYS_getrlimit, 99, &limit));
	CALL("setpgid", syscall(SYS_setpgid, 0, 0));
	CALL("setsid", syscall(SYS_setsid)); /* a process group leader now: EPERM */
	CALL("setpgid", syscall(SYS_setpgid, -5, 0));

	CALL("semget", syscall(SYS_semget, IPC_PRIVATE, 2, IPC_CREAT | IPC_EXCL | 0600));
	int semid = (int)last;
	printf("semid %d\n", semid);
	CALL("semctl", syscall(SYS_semctl, semid, 1, SETVAL, 5));
	struct sembuf ops[3] = { { 1, -1, IPC_NOWAIT }, { 0, 2, SEM_UNDO }, { 1, 1, 0 } };
	CALL("semop", syscall(SYS_semop, semid, ops, 3));
	CALL("semctl", syscall(SYS_semctl, semid, 0, IPC_RMID, 0));
	CALL("semop", syscall(SYS_semop, semid, ops, 1));

	CALL("keyctl", syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, (long)KEY_SPEC_SESSION_KEYRING, 1L));
	CALL("keyctl", syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, "capture-session"));
	CALL("keyctl", syscall(SYS_keyctl, KEYCTL_SEARCH, (long)KEY_SPEC_SESSION_KEYRING, "user", "capture-missing", 0L));

	CALL("pidfd_open", syscall(SYS_pidfd_open, getpid(), O_NONBLOCK));
	int pidfd = (int)last;
	CALL("pidfd_getfd", syscall(SYS_pidfd_getfd, pidfd, file, 0));
	CALL("pidfd_open", syscall(SYS_pidfd_open, 0, 0));
	CALL("pidfd_getfd", syscall(SYS_pidfd_getfd, pidfd, 999, 0));

	char source[16] = "process-vm-data!", target[16];
	struct iovec local = { target, sizeof target }, remote = { source, sizeof source };
	CALL("process_vm_readv", syscall(SYS_process_vm_readv, getpid(), &local, 1, &remote, 1, 0));
	struct iovec from = { "written-by-vm-wr", 16 };
	CALL("process_vm_writev", syscall(SYS_process_vm_writev, getpid(), &from, 1, &local, 1, 0));
	CALL("process_vm_readv", syscall(SYS_process_vm_readv, 0x7fffffff, &local, 1, &remote, 1, 0));

	char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("page %lu\n", (unsigned long)page);
	CALL("mlock", syscall(SYS_mlock, page, 4096));
	CALL("munlock", syscall(SYS_munlock, page, 4096));
	CALL("mlock2", syscall(SYS_mlock2, page, 8192, MLOCK_ONFAULT));
	CALL("mlock2", syscall(SYS_mlock2, page, 4096, 8));
	CALL("mlockall", syscall(SYS_mlockall, MCL_CURRENT | MCL_ONFAULT));
	CALL("munlockall", syscall(SYS_munlockall));

	int pair[2];
	CALL("socketpair", syscall(SYS_socketpair, AF_UNIX, SOCK_DGRAM, 0, pair));
	struct sockaddr_un name;
	socklen_t len = sizeof name;
	CALL("getsockname", syscall(SYS_getsockname, pair[0], &name, &len));
	len = sizeof name;
	CALL("getpeername", syscall(SYS_getpeername, pair[0], &name, &len));

	struct batch_message out[2] = {}, in[2] = {};
	struct mmsghdr sent[2] = {}, received[2] = {};
	const char *texts[2] = { "first", "second-msg" };
	for (int i = 0; i < 2; i++) {
		memcpy(out[i].data, texts[i], strlen(texts[i]));
		out[i].iov = (struct iovec){ out[i].data, strlen(texts[i]) };
		sent[i].msg_hdr = (struct msghdr){ .msg_iov = &out[i].iov, .msg_iovlen = 1 };
		in[i].iov = (struct iovec){ in[i].data, sizeof in[i].data };
		received[i].msg_hdr = (struct msghdr){ .msg_iov = &in[i].iov, .msg_iovlen = 1,
			.msg_control = in[i].control, .msg_controllen = sizeof in[i].control };
	}
	/* the second message passes the file's fd */
	sent[1].msg_hdr.msg_control = out[1].control;
	sent[1].msg_hdr.msg_controllen = sizeof out[1].control;
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(&sent[1].msg_hdr);
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &file, sizeof file);
	CALL("sendmmsg", syscall(SYS_sendmmsg, pair[0], sent, 2, 0));
	CALL("recvmmsg", syscall(SYS_recvmmsg, pair[1], received, 2, 0, NULL));
	printf("control ");
	for (size_t i = 0; i < received[1].msg_hdr.msg_controllen; i++)
		printf("%02x", (unsigned char)in[1].control[i]);
	printf("\n");
	CALL("recvmmsg", syscall(SYS_recvmmsg, pair[1], received, 2, MSG_DONTWAIT, NULL));
	CALL("sendmmsg", syscall(SYS_sendmmsg, -1, sent, 2, 0));

	/* ids last: the effective ids leave root and come back */
	CALL("getuid", syscall(SYS_getuid));
	CALL("getgid", syscall(SYS_getgid));
	CALL("setregid", syscall(SYS_setregid, -1, 4321));
	CALL("setreuid", syscall(SYS_setreuid, -1, 1234));
	CALL("geteuid", syscall(SYS_geteuid));
	CALL("getegid", syscall(SYS_getegid));
	uid_t ids[3];
	CALL("getresuid", syscall(SYS_getresuid, &ids[0], &ids[1], &ids[2]));
	printf("resuid %u %u %u\n", ids[0], ids[1], ids[2]);
	CALL("getresgid", syscall(SYS_getresgid, &ids[0], &ids[1], &ids[2]));
	printf("resgid %u %u %u\n", ids[0], ids[1], ids[2]);
	CALL("setregid", syscall(SYS_setregid, -1, 5678)); /* no CAP_SETGID as euid 1234: EPERM */
	CALL("setreuid", syscall(SYS_setreuid, -1, 0));
	CALL("setregid", syscall(SYS_setregid, -1, 0));
	return 0;
}

/* Fileless execution: the image the kernel runs exists only in memory. */
static int memfd_exec(void)
{
	int self = open("/proc/self/exe", O_RDONLY);
	int fd = (int)syscall(SYS_memfd_create, "capture-memfd-exec", 0);
	struct stat st;
	if (self < 0 || fd < 0 || fstat(self, &st)) {
		perror("memfd-exec setup");
		return 1;
	}
	for (off_t copied = 0; copied < st.st_size;) {
		ssize_t n = sendfile(fd, self, NULL, st.st_size - copied);
		if (n <= 0) {
			perror("memfd-exec copy");
			return 1;
		}
		copied += n;
	}
	char *argv[] = { "capture_testprog", "failed-exec", NULL };
	char *envp[] = { NULL };
	syscall(SYS_execveat, fd, "", argv, envp, AT_EMPTY_PATH);
	perror("execveat");
	return 1;
}

static int failed_exec(void)
{
	char *argv[] = { "nothing", NULL };
	return syscall(SYS_execve, "/nonexistent-capture", argv, argv + 1) == -1 && errno == ENOENT ? 0 : 1;
}

static int write_id_map(pid_t child, const char *which, int extents, int map_root)
{
	char path[64], map[4096];
	int at = 0;
	for (int i = 0; i < extents; i++) {
		if (i == extents - 1 && map_root)
			at += snprintf(map + at, sizeof map - at, "1000 0 1\n");
		else
			at += snprintf(map + at, sizeof map - at, "%d %d 1\n", i, 100000 + i * 10);
	}
	snprintf(path, sizeof path, "/proc/%d/%s", child, which);
	int fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, map, at) != at) {
		perror(path);
		return 1;
	}
	close(fd);
	return 0;
}

static int userns_exec(int extents, int map_root, const char *file)
{
	int ready[2], mapped[2];
	if (pipe(ready) || pipe(mapped))
		return 1;
	pid_t child = fork();
	if (child == 0) {
		char go;
		if (unshare(CLONE_NEWUSER))
			_exit(10);
		write(ready[1], "r", 1);
		if (read(mapped[0], &go, 1) != 1 || go != 'm')
			_exit(11);
		if (setresgid(0, 0, 0) || setresuid(0, 0, 0))
			_exit(12);
		char *argv[] = { (char *)file, NULL };
		char *envp[] = { NULL };
		execve(file, argv, envp);
		_exit(13);
	}
	/* Only the child writes ready and reads mapped: a child that fails before writing (unshare
	 * is refused in a chroot) must end the parent's read, not leave it waiting forever. */
	close(ready[1]);
	close(mapped[0]);
	char got;
	if (read(ready[0], &got, 1) != 1) {
		fprintf(stderr, "userns-exec: the child could not enter a new user namespace\n");
		waitpid(child, NULL, 0);
		return 1;
	}
	int failed = write_id_map(child, "uid_map", extents, map_root) || write_id_map(child, "gid_map", extents, map_root);
	write(mapped[1], failed ? "x" : "m", 1);
	int status;
	waitpid(child, &status, 0);
	printf("child %d\n", child);
	return failed || !WIFEXITED(status) || WEXITSTATUS(status) ? 1 : 0;
}

#define TOUR_FILE_TEXT "0123456789abcdefghij"
#define TOUR_NO_DEVICE "/dev/capture-no-such-device"

static int tour_files(const char *dir)
{
	long last;
	char file[512], missing[512], link[512], fifo[512], chr[512], copy[512], orphan[512];
	snprintf(file, sizeof file, "%s/known", dir);
	snprintf(missing, sizeof missing, "%s/missing", dir);
	snprintf(link, sizeof link, "%s/link", dir);
	snprintf(fifo, sizeof fifo, "%s/fifo", dir);
	snprintf(chr, sizeof chr, "%s/chr", dir);
	snprintf(copy, sizeof copy, "%s/copy", dir);
	snprintf(orphan, sizeof orphan, "%s/missing/orphan", dir);
	int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0644);
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	int cfd = open(copy, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || dfd < 0 || cfd < 0 || write(fd, TOUR_FILE_TEXT, 20) != 20 || chdir(dir) != 0)
		return 1;
	printf("fds %d %d %d\n", fd, dfd, cfd);

	struct stat st;
	CALL("access", syscall(SYS_access, file, R_OK | W_OK));
	CALL("access", syscall(SYS_access, missing, F_OK));
	CALL("stat", syscall(SYS_stat, file, &st));
	CALL("stat", syscall(SYS_stat, missing, &st));
	CALL("lstat", syscall(SYS_lstat, file, &st));
	CALL("fstat", syscall(SYS_fstat, fd, &st));
	CALL("newfstatat", syscall(SYS_newfstatat, AT_FDCWD, file, &st, AT_SYMLINK_NOFOLLOW));
	CALL("newfstatat", syscall(SYS_newfstatat, fd, "", &st, AT_EMPTY_PATH));
	char dents[4096];
	CALL("getdents64", syscall(SYS_getdents64, dfd, dents, sizeof dents));
	lseek(dfd, 0, SEEK_SET);
	CALL("getdents", syscall(SYS_getdents, dfd, dents, sizeof dents));
	char cwd[512];
	CALL("getcwd", syscall(SYS_getcwd, cwd, sizeof cwd));
	CALL("getcwd", syscall(SYS_getcwd, cwd, 1)); /* ERANGE */
	CALL("flock", syscall(SYS_flock, fd, LOCK_EX | LOCK_NB));
	CALL("flock", syscall(SYS_flock, fd, LOCK_UN));
	if (symlink(file, link) != 0)
		return 1;
	CALL("lchown", syscall(SYS_lchown, link, 1234, 5678));
	CALL("mknod", syscall(SYS_mknod, fifo, S_IFIFO | 0640, 0));
	CALL("mknod", syscall(SYS_mknod, orphan, 0600, 0)); /* ENOENT; type 0 is a regular file */
	CALL("mknodat", syscall(SYS_mknodat, dfd, "chr", S_IFCHR | 0600, makedev(1, 3)));

	char head[4], tail[8];
	struct iovec in[2] = { { head, sizeof head }, { tail, sizeof tail } };
	CALL("preadv", syscall(SYS_preadv, fd, in, 2, 2, 0));
	CALL("preadv", syscall(SYS_preadv, fd, in, 2, 100, 0)); /* at the end: 0 bytes */
	struct iovec out[2] = { { "hello ", 6 }, { "world", 5 } };
	CALL("pwritev", syscall(SYS_pwritev, fd, out, 2, 30, 0));
	CALL("pwritev", syscall(SYS_pwritev, dfd, out, 2, 0, 0)); /* EBADF: a directory */
	loff_t from = 3, to = 1;
	printf("offsets %lu %lu\n", (unsigned long)&from, (unsigned long)&to);
	CALL("copy_file_range", syscall(SYS_copy_file_range, fd, &from, cfd, &to, 5, 0));

	CALL("inotify_init", syscall(SYS_inotify_init));
	CALL("inotify_init1", syscall(SYS_inotify_init1, IN_NONBLOCK | IN_CLOEXEC));
	CALL("epoll_create", syscall(SYS_epoll_create, 7));
	CALL("epoll_create1", syscall(SYS_epoll_create1, EPOLL_CLOEXEC));
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	CALL("signalfd", syscall(SYS_signalfd, -1, &mask, 8));
	CALL("signalfd4", syscall(SYS_signalfd4, -1, &mask, 8, SFD_NONBLOCK | SFD_CLOEXEC));
	CALL("timerfd_create", syscall(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC));
	CALL("userfaultfd", syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK));

	struct { struct file_handle h; unsigned char bytes[MAX_HANDLE_SZ]; } handle = { .h.handle_bytes = MAX_HANDLE_SZ };
	int mount_id;
	if (syscall(SYS_name_to_handle_at, AT_FDCWD, file, &handle.h, &mount_id, 0) != 0)
		return 1;
	CALL("open_by_handle_at", syscall(SYS_open_by_handle_at, dfd, &handle.h, O_RDWR | O_APPEND));
	handle.h.handle_bytes = 0;
	CALL("open_by_handle_at", syscall(SYS_open_by_handle_at, dfd, &handle.h, O_RDONLY)); /* EINVAL */

	struct io_uring_params params = { .flags = IORING_SETUP_CLAMP };
	CALL("io_uring_setup", syscall(SYS_io_uring_setup, 4, &params));
	long ring = last;
	printf("ring %u\n", params.features);
	CALL("io_uring_enter", syscall(SYS_io_uring_enter, ring, 0, 0, IORING_ENTER_GETEVENTS, NULL, 0));
	CALL("io_uring_register", syscall(SYS_io_uring_register, ring, IORING_UNREGISTER_BUFFERS, NULL, 0)); /* ENXIO */

	long fs = syscall(SYS_fsopen, "tmpfs", FSOPEN_CLOEXEC);
	printf("fsfd %ld\n", fs);
	CALL("fsconfig", syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "size", "1m", 0));
	CALL("fsconfig", syscall(SYS_fsconfig, fs, FSCONFIG_SET_FLAG, "inode64", NULL, 0));
	CALL("fsconfig", syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "capture-no-such-key", "x", 0)); /* EINVAL */
	CALL("fsconfig", syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0));

	/* quotactl reads its addr argument back at exit, failed or not */
	struct if_dqblk record = {
		.dqb_bhardlimit = 1000, .dqb_bsoftlimit = 900, .dqb_curspace = 77, .dqb_ihardlimit = 50,
		.dqb_isoftlimit = 40, .dqb_btime = 111, .dqb_itime = 222,
		.dqb_valid = QIF_BLIMITS | QIF_ILIMITS | QIF_BTIME, /* curspace and itime are not valid */
	};
	CALL("quotactl", syscall(SYS_quotactl, QCMD(Q_SETQUOTA, GRPQUOTA), TOUR_NO_DEVICE, 4321, &record));
	struct if_dqinfo info = { .dqi_bgrace = 3600, .dqi_igrace = 7200, .dqi_flags = 1, .dqi_valid = IIF_BGRACE | IIF_FLAGS };
	CALL("quotactl", syscall(SYS_quotactl, QCMD(Q_SETINFO, USRQUOTA), TOUR_NO_DEVICE, 0, &info));
	CALL("quotactl", syscall(SYS_quotactl, QCMD(Q_QUOTAON, USRQUOTA), TOUR_NO_DEVICE, QFMT_VFS_V0, "/capture-quota-file"));
	__u32 format = QFMT_VFS_V1;
	CALL("quotactl", syscall(SYS_quotactl, QCMD(Q_GETFMT, USRQUOTA), TOUR_NO_DEVICE, 0, &format));

	int high = dup2(fd, 200);
	dup2(fd, 201);
	CALL("close_range", syscall(SYS_close_range, high, high + 1, CLOSE_RANGE_CLOEXEC));
	CALL("close_range", syscall(SYS_close_range, high, ~0U, 0));
	CALL("close_range", syscall(SYS_close_range, 5, 4, 0)); /* EINVAL: first above last */
	return 0;
}

/* Memory calls that fail (EINVAL: an address not on a page boundary) beside ones that succeed,
 * for the fields that count failures by category. */
static int failed_memory_calls(void)
{
	printf("pid %d\n", getpid());
	fflush(stdout);
	char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		return 1;
	syscall(SYS_mprotect, page + 1, 4096, PROT_READ);
	syscall(SYS_munmap, page + 1, 4096);
	syscall(SYS_mprotect, page, 4096, PROT_READ);
	syscall(SYS_munmap, page, 4096);
	return 0;
}

static int loop(const char *kind, long n)
{
	int fd = open("/dev/zero", O_RDONLY);
	char byte;
	struct timespec cpu_start, cpu_end;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu_start);
	unsigned long long start = now();
	if (strcmp(kind, "getppid") == 0) {
		for (long i = 0; i < n; i++)
			syscall(SYS_getppid);
	} else if (strcmp(kind, "read1") == 0) {
		for (long i = 0; i < n; i++)
			syscall(SYS_read, fd, &byte, 1);
	} else if (strcmp(kind, "openclose") == 0) {
		for (long i = 0; i < n; i++)
			syscall(SYS_close, (int)syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY));
	} else {
		fprintf(stderr, "unknown loop %s\n", kind);
		return 2;
	}
	unsigned long long end = now();
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu_end);
	double cpu = (cpu_end.tv_sec - cpu_start.tv_sec) * 1e9 + (cpu_end.tv_nsec - cpu_start.tv_nsec);
	/* wall-clock and on-CPU ns per iteration: the second ignores time spent waiting for a CPU */
	printf("%s %ld %.1f %.1f\n", kind, n, (double)(end - start) / n, cpu / n);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "calls") == 0)
		return known_calls(argv[2], "/proc/self/exe");
	if (argc >= 2 && strcmp(argv[1], "exec-child") == 0) {
		printf("exec-child %llu %d\n", now(), getpid());
		return 0;
	}
	if (argc >= 3 && strcmp(argv[1], "tour") == 0)
		return tour(argv[2]);
	if (argc >= 3 && strcmp(argv[1], "tour-files") == 0)
		return tour_files(argv[2]);
	if (argc >= 3 && strcmp(argv[1], "tour-proc") == 0)
		return tour_proc(argv[2]);
	if (argc >= 3 && strcmp(argv[1], "unix") == 0)
		return unix_sockets(argv[2]);
	if (argc >= 3 && strcmp(argv[1], "fail") == 0) {
		long n = atol(argv[2]);
		for (long i = 0; i < n; i++)
			syscall(SYS_close, -1);
		syscall(SYS_getppid);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "fail-memory") == 0)
		return failed_memory_calls();
	if (argc >= 2 && strcmp(argv[1], "memfd-exec") == 0)
		return memfd_exec();
	if (argc >= 2 && strcmp(argv[1], "failed-exec") == 0)
		return failed_exec();
	if (argc >= 5 && strcmp(argv[1], "userns-exec") == 0)
		return userns_exec(atoi(argv[2]), atoi(argv[3]), argv[4]);
	if (argc >= 4 && strcmp(argv[1], "loop") == 0)
		return loop(argv[2], atol(argv[3]));
	fprintf(stderr, "usage: %s calls DIR | tour DIR | tour-files DIR | tour-proc DIR | unix DIR | fail N | memfd-exec | failed-exec | userns-exec N ROOT FILE | loop getppid|read1|openclose N\n", argv[0]);
	return 2;
}
