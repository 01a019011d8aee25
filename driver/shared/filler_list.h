/*
 * The syscalls the probe has a filler for (every other traced syscall gets the generic
 * event), as an X-macro list: the probe builds its prog array from it
 * (driver/modern/programs/filler_table.h); the module uses it to know which syscalls it must
 * not answer with a generic event while it lacks their filler (driver/kmod/fillers.c).
 * The C# spec FillerCoverageSpecs reads this file's entries: keep it to this one list.
 */
#ifndef CAPTURE_FILLER_LIST_H
#define CAPTURE_FILLER_LIST_H

#define CAPTURE_PROBE_FILLERS(X) \
	/* files */ \
	X(open) X(openat) X(openat2) X(creat) X(close) X(read) X(write) \
	X(pread64) X(pwrite64) X(readv) X(writev) X(lseek) X(dup) X(dup2) \
	X(dup3) X(fcntl) X(unlink) X(unlinkat) X(rename) X(renameat) \
	X(renameat2) X(mkdir) X(mkdirat) X(rmdir) X(link) X(linkat) \
	X(symlink) X(symlinkat) X(chmod) X(fchmod) X(fchmodat) X(chown) \
	X(fchown) X(fchownat) X(mount) X(umount2) X(chdir) X(fchdir) \
	X(chroot) X(pipe) X(pipe2) X(eventfd) X(eventfd2) X(memfd_create) \
	X(sendfile) X(splice) X(ioctl) \
	/* file metadata, file descriptors, io_uring, file systems */ \
	X(access) X(stat) X(lstat) X(fstat) X(newfstatat) X(getdents) \
	X(getdents64) X(getcwd) X(flock) X(lchown) X(mknod) X(mknodat) \
	X(close_range) X(copy_file_range) X(preadv) X(pwritev) X(open_by_handle_at) \
	X(inotify_init) X(inotify_init1) X(epoll_create) X(epoll_create1) X(signalfd) \
	X(signalfd4) X(timerfd_create) X(userfaultfd) X(io_uring_setup) \
	X(io_uring_enter) X(io_uring_register) X(fsconfig) X(quotactl) \
	/* processes (exit_group: procexit comes from sched_process_exit) */ \
	X(clone) X(clone3) X(fork) X(vfork) X(execve) X(execveat) \
	X(kill) X(tkill) X(tgkill) X(setuid) X(setgid) X(setresuid) \
	X(setresgid) X(capset) X(prctl) X(ptrace) X(unshare) X(setns) \
	X(bpf) X(seccomp) X(setrlimit) X(prlimit64) \
	/* network */ \
	X(socket) X(socketpair) X(bind) X(connect) X(listen) X(accept) \
	X(accept4) X(sendto) X(recvfrom) X(sendmsg) X(recvmsg) X(shutdown) \
	X(getsockopt) X(setsockopt) \
	/* memory */ \
	X(mmap) X(munmap) X(mprotect) X(brk) \
	/* waiting */ \
	X(poll) X(ppoll) X(select) X(epoll_wait) X(nanosleep) X(futex) \
	/* ids, sessions, limits; modules, semaphores, keys, pidfds, memory locks; socket queries, batches */ \
	X(getuid) X(geteuid) X(getgid) X(getegid) X(getresuid) X(getresgid) \
	X(setreuid) X(setregid) X(setsid) X(setpgid) X(getrlimit) \
	X(init_module) X(finit_module) X(delete_module) X(semget) X(semctl) \
	X(semop) X(keyctl) X(pidfd_open) X(pidfd_getfd) X(process_vm_readv) \
	X(process_vm_writev) X(mlock) X(mlock2) X(munlock) X(mlockall) \
	X(munlockall) X(getsockname) X(getpeername) X(sendmmsg) X(recvmmsg)

#endif
