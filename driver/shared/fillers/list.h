/*
 * The fillers in this directory, which both the probe and the module compile: the module's
 * filler table is built from this list (driver/kmod/fillers.c); the probe's is the full
 * list in driver/shared/filler_list.h.
 */
#ifndef CAPTURE_SHARED_FILLER_LIST_H
#define CAPTURE_SHARED_FILLER_LIST_H

#define CAPTURE_SHARED_FILLERS(X) \
	/* files.h */ \
	X(open) X(openat) X(creat) X(close) X(read) X(write) X(pread64) X(pwrite64) X(openat2) \
	X(lseek) X(dup) X(dup2) X(dup3) X(fcntl) X(unlink) X(rmdir) X(chdir) X(chroot) X(rename) \
	X(link) X(symlink) X(unlinkat) X(renameat) X(renameat2) X(mkdir) X(mkdirat) X(linkat) \
	X(symlinkat) X(chmod) X(fchmod) X(fchmodat) X(chown) X(fchown) X(fchownat) X(mount) \
	X(umount2) X(fchdir) X(pipe) X(pipe2) X(eventfd) X(eventfd2) X(memfd_create) X(sendfile) \
	X(splice) X(ioctl) X(readv) X(writev) \
	/* file_metadata.h */ \
	X(access) X(stat) X(lstat) X(fstat) X(getdents) X(getdents64) X(newfstatat) X(getcwd) \
	X(flock) X(lchown) X(mknod) X(mknodat) \
	/* file_systems.h, io_uring.h */ \
	X(fsconfig) X(quotactl) X(io_uring_setup) X(io_uring_enter) X(io_uring_register) \
	/* identity.h */ \
	X(getuid) X(geteuid) X(getgid) X(getegid) X(getresuid) X(getresgid) X(setreuid) \
	X(setregid) X(setsid) X(setpgid) X(getrlimit) \
	/* memory_locks.h, socket_queries.h */ \
	X(mlock) X(mlock2) X(munlock) X(mlockall) X(munlockall) X(getsockname) X(getpeername) \
	/* waiting.h */ \
	X(poll) X(ppoll) X(select) X(epoll_wait) X(nanosleep) X(futex) \
	/* ipc_and_modules.h */ \
	X(init_module) X(finit_module) X(delete_module) X(semget) X(semctl) X(semop) X(keyctl) \
	X(pidfd_open) X(pidfd_getfd) X(process_vm_readv) X(process_vm_writev) \
	/* memory.h */ \
	X(mmap) X(munmap) X(mprotect) X(brk) \
	/* network.h */ \
	X(socket) X(socketpair) X(bind) X(connect) X(listen) X(accept) X(accept4) X(sendto) \
	X(recvfrom) X(sendmsg) X(recvmsg) X(shutdown) X(getsockopt) X(setsockopt) \
	/* fd_calls.h */ \
	X(close_range) X(copy_file_range) X(preadv) X(pwritev) X(inotify_init) X(inotify_init1) X(epoll_create) \
	X(epoll_create1) X(signalfd) X(signalfd4) X(timerfd_create) X(userfaultfd) \
	/* process_control.h */ \
	X(kill) X(tkill) X(tgkill) X(setuid) X(setgid) X(setresuid) X(setresgid) X(prctl) \
	X(ptrace) X(unshare) X(setns) X(bpf) X(seccomp) X(setrlimit) X(prlimit64) X(capset) \
	/* multiple_messages.h */ \
	X(sendmmsg) X(recvmmsg) \
	/* process_lifecycle.h, file_handles.h */ \
	X(clone) X(clone3) X(fork) X(vfork) X(execve) X(execveat) X(open_by_handle_at)

#endif
