/*
 * Makes known system calls with known arguments so specs can check the probe's events,
 * and times tight loops for the overhead measurements. Every call is bracketed by
 * CLOCK_REALTIME readings; an event's timestamp must lie between them.
 *
 *   capture_testprog calls DIR     the known calls; one line per call:
 *                                  NAME BEFORE_NS AFTER_NS RET [EXTRA...]
 *   capture_testprog exec-child A B  what "calls" execs into; prints its own line
 *   capture_testprog loop KIND N   KIND = getppid | read1 | openclose; prints ns/iter
 *
 * stdout is written only between calls, so the specs can tell these writes from the
 * known write by fd and size.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
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
	printf("%s %llu %llu %ld\n", name, before, after, ret); \
	fflush(stdout); \
	last = ret; \
} while (0)

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

static int loop(const char *kind, long n)
{
	int fd = open("/dev/zero", O_RDONLY);
	char byte;
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
	printf("%s %ld %.1f\n", kind, n, (double)(end - start) / n);
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
	if (argc >= 4 && strcmp(argv[1], "loop") == 0)
		return loop(argv[2], atol(argv[3]));
	fprintf(stderr, "usage: %s calls DIR | loop getppid|read1|openclose N\n", argv[0]);
	return 2;
}
