/* The prog array the dispatcher tail-calls into, indexed by native syscall number. */
#define FILL(name) [CAPTURE_NR_##name] = (void *)&name##_x

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, CAPTURE_SYSCALL_TABLE_SIZE);
	__uint(key_size, sizeof(__u32));
	__array(values, int(void *));
} capture_fillers SEC(".maps") = {
	.values = {
		/* files */
		FILL(open), FILL(openat), FILL(openat2), FILL(creat), FILL(close), FILL(read), FILL(write),
		FILL(pread64), FILL(pwrite64), FILL(readv), FILL(writev), FILL(lseek), FILL(dup), FILL(dup2),
		FILL(dup3), FILL(fcntl), FILL(unlink), FILL(unlinkat), FILL(rename), FILL(renameat),
		FILL(renameat2), FILL(mkdir), FILL(mkdirat), FILL(rmdir), FILL(link), FILL(linkat),
		FILL(symlink), FILL(symlinkat), FILL(chmod), FILL(fchmod), FILL(fchmodat), FILL(chown),
		FILL(fchown), FILL(fchownat), FILL(mount), FILL(umount2), FILL(chdir), FILL(fchdir),
		FILL(chroot), FILL(pipe), FILL(pipe2), FILL(eventfd), FILL(eventfd2), FILL(memfd_create),
		FILL(sendfile), FILL(splice), FILL(ioctl),
		/* file metadata, file descriptors, io_uring, file systems */
		FILL(access), FILL(stat), FILL(lstat), FILL(fstat), FILL(newfstatat), FILL(getdents),
		FILL(getdents64), FILL(getcwd), FILL(flock), FILL(lchown), FILL(mknod), FILL(mknodat),
		FILL(close_range), FILL(copy_file_range), FILL(preadv), FILL(pwritev), FILL(open_by_handle_at),
		FILL(inotify_init), FILL(inotify_init1), FILL(epoll_create), FILL(epoll_create1), FILL(signalfd),
		FILL(signalfd4), FILL(timerfd_create), FILL(userfaultfd), FILL(io_uring_setup),
		FILL(io_uring_enter), FILL(io_uring_register), FILL(fsconfig), FILL(quotactl),
		/* processes (exit_group: procexit comes from sched_process_exit) */
		FILL(clone), FILL(clone3), FILL(fork), FILL(vfork), FILL(execve), FILL(execveat),
		FILL(kill), FILL(tkill), FILL(tgkill), FILL(setuid), FILL(setgid), FILL(setresuid),
		FILL(setresgid), FILL(capset), FILL(prctl), FILL(ptrace), FILL(unshare), FILL(setns),
		FILL(bpf), FILL(seccomp), FILL(setrlimit), FILL(prlimit64),
		/* network */
		FILL(socket), FILL(socketpair), FILL(bind), FILL(connect), FILL(listen), FILL(accept),
		FILL(accept4), FILL(sendto), FILL(recvfrom), FILL(sendmsg), FILL(recvmsg), FILL(shutdown),
		FILL(getsockopt), FILL(setsockopt),
		/* memory */
		FILL(mmap), FILL(munmap), FILL(mprotect), FILL(brk),
		/* waiting */
		FILL(poll), FILL(ppoll), FILL(select), FILL(epoll_wait), FILL(nanosleep), FILL(futex),
		/* ids, sessions, limits; modules, semaphores, keys, pidfds, memory locks; socket queries, batches */
		FILL(getuid), FILL(geteuid), FILL(getgid), FILL(getegid), FILL(getresuid), FILL(getresgid),
		FILL(setreuid), FILL(setregid), FILL(setsid), FILL(setpgid), FILL(getrlimit),
		FILL(init_module), FILL(finit_module), FILL(delete_module), FILL(semget), FILL(semctl),
		FILL(semop), FILL(keyctl), FILL(pidfd_open), FILL(pidfd_getfd), FILL(process_vm_readv),
		FILL(process_vm_writev), FILL(mlock), FILL(mlock2), FILL(munlock), FILL(mlockall),
		FILL(munlockall), FILL(getsockname), FILL(getpeername), FILL(sendmmsg), FILL(recvmmsg),
	},
};
