/* The traced program of the overhead benchmarks: one system call pattern in a tight loop,
 * timed with CLOCK_MONOTONIC, printed as ns per iteration. The runner pins it to one CPU
 * (taskset) and the capture under test to the other, so both compete only through the
 * kernel path being measured.
 *
 * usage: workload MODE ITERATIONS
 *   getppid    getppid()
 *   read1      read(fd, buf, 1) from /dev/zero
 *   openclose  open(path, O_RDONLY) then close(), path = /etc/hostname
 *   write4k    write(fd, buf, 4096) to /dev/null
 *   forkexec   fork() then execve("/bin/true") and wait; slow, use few iterations
 * prints: MODE ITERATIONS NS_PER_ITER
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int fail(const char *what)
{
	perror(what);
	return 1;
}

int main(int argc, char **argv)
{
	static char buf[4096];
	if (argc != 3) {
		fprintf(stderr, "usage: %s getppid|read1|openclose|write4k|forkexec ITERATIONS\n", argv[0]);
		return 2;
	}
	const char *mode = argv[1];
	long iterations = strtol(argv[2], NULL, 10);
	if (iterations <= 0) {
		fprintf(stderr, "ITERATIONS must be positive, got '%s'\n", argv[2]);
		return 2;
	}

	int fd = -1;
	if (!strcmp(mode, "read1") && (fd = open("/dev/zero", O_RDONLY)) < 0)
		return fail("open /dev/zero");
	if (!strcmp(mode, "write4k") && (fd = open("/dev/null", O_WRONLY)) < 0)
		return fail("open /dev/null");

	long long start = now_ns();
	for (long i = 0; i < iterations; i++) {
		if (!strcmp(mode, "getppid")) {
			getppid();
		} else if (!strcmp(mode, "read1")) {
			if (read(fd, buf, 1) != 1)
				return fail("read");
		} else if (!strcmp(mode, "openclose")) {
			int f = open("/etc/hostname", O_RDONLY);
			if (f < 0)
				return fail("open /etc/hostname");
			close(f);
		} else if (!strcmp(mode, "write4k")) {
			if (write(fd, buf, sizeof(buf)) != sizeof(buf))
				return fail("write");
		} else if (!strcmp(mode, "forkexec")) {
			pid_t child = fork();
			if (child < 0)
				return fail("fork");
			if (child == 0) {
				char *args[] = { "/bin/true", NULL };
				execve(args[0], args, NULL);
				_exit(127);
			}
			int status;
			waitpid(child, &status, 0);
		} else {
			fprintf(stderr, "unknown mode '%s'\n", mode);
			return 2;
		}
	}
	long long elapsed = now_ns() - start;
	printf("%s %ld %.1f\n", mode, iterations, (double)elapsed / (double)iterations);
	return 0;
}
