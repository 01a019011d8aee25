// SPDX-License-Identifier: GPL-2.0
/*
 * reader: proves the module end to end from user space. Opens every /dev/capture-kmod<cpu>,
 * checks the API and schema versions through the ioctls, maps each ring (and checks a
 * writable mapping of the read-only part is refused), sets the interest set, starts capture,
 * runs known syscalls in a child (the reader's own process is excluded), stops, drains the
 * rings and prints the child's events, then every CPU's counters and their invariant.
 *
 *   reader [-a]     -a: print every process's events, not only the child's
 * Exit status 0 when the child's expected events all arrived and the counters add up.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "capture_abi.h"
#include "capture_kmod_abi.h"
#include "capture_schema.h"

#define MAX_CPUS 64

struct ring {
	int fd;
	struct capture_kmod_ring_info info;
	struct capture_kmod_consumer *consumer;   /* RW */
	const struct capture_kmod_producer *producer;
	const uint8_t *data;
};

static const char *event_name(unsigned type)
{
#define NAME(id, sym, name, dir, flags, n) case id: return name;
	switch (type) {
	CAPTURE_EVENTS(NAME)
	}
	return "?";
}

static char event_dir(unsigned type)
{
#define DIR(id, sym, name, dir, flags, n) case id: return dir;
	switch (type) {
	CAPTURE_EVENTS(DIR)
	}
	return '?';
}

static void set_bit(struct capture_kmod_syscall_set *s, unsigned nr) { s->bits[nr / 8] |= 1u << (nr % 8); }
static bool has_bit(const struct capture_kmod_syscall_set *s, unsigned nr) { return s->bits[nr / 8] & (1u << (nr % 8)); }

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* A parameter as text: a NUL-terminated printable string, else a number by its size, else bytes. */
static void print_param(const uint8_t *v, unsigned len)
{
	bool text = len > 0 && v[len - 1] == 0;
	for (unsigned i = 0; text && i + 1 < len; i++)
		text = v[i] >= 0x20 && v[i] < 0x7f;
	if (text && len > 1) {
		printf("\"%s\"", (const char *)v);
		return;
	}
	int64_t s64; uint32_t u32; uint16_t u16;
	switch (len) {
	case 0: printf("<>"); return;
	case 1: printf("%u", v[0]); return;
	case 2: memcpy(&u16, v, 2); printf("%u", u16); return;
	case 4: memcpy(&u32, v, 4); printf("%u", u32); return;
	case 8: memcpy(&s64, v, 8); printf("%lld", (long long)s64); return;
	}
	printf("%u bytes:", len);
	for (unsigned i = 0; i < len && i < 16; i++)
		printf("%02x", v[i]);
}

static void print_event(int cpu, const uint8_t *e)
{
	struct capture_event_header h;
	memcpy(&h, e, sizeof(h));
	const uint16_t *lengths = (const uint16_t *)(e + sizeof(h));
	const uint8_t *v = e + sizeof(h) + h.nparams * sizeof(uint16_t);
	printf("cpu %d  %-12s %c id %-3u tid %-6llu nparams %u len %-4u |", cpu, event_name(h.type),
	       event_dir(h.type), h.type, (unsigned long long)h.tid, h.nparams, h.len);
	for (unsigned i = 0; i < h.nparams; i++) {
		printf(" ");
		print_param(v, lengths[i]);
		v += lengths[i];
	}
	printf("\n");
}

/* Known syscalls, in a child so they are traced (the capture's own process never is). */
static void child_work(void)
{
	char buf[64];
	int fd = open("/etc/hostname", O_RDONLY);
	ssize_t n = read(fd, buf, sizeof(buf));
	close(fd);
	fd = open("/dev/null", O_WRONLY);
	(void)!write(fd, "hello kmod", 10);
	close(fd);
	syscall(SYS_getppid);  /* no dedicated filler in the probe: the generic event */
	(void)n;
	_exit(7);
}

int main(int argc, char **argv)
{
	bool all = argc > 1 && !strcmp(argv[1], "-a");
	struct ring rings[MAX_CPUS];
	int nrings = 0;
	long page = sysconf(_SC_PAGESIZE);

	for (; nrings < MAX_CPUS; nrings++) {
		char path[64];
		snprintf(path, sizeof(path), "/dev/%s%d", CAPTURE_KMOD_DEVICE_PREFIX, nrings);
		int fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0) {
			if (errno == ENOENT)
				break;
			die(path);
		}
		struct ring *r = &rings[nrings];
		r->fd = fd;
		if (ioctl(fd, CAPTURE_KMOD_IOCTL_RING_INFO, &r->info))
			die("RING_INFO");
		r->consumer = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (r->consumer == MAP_FAILED)
			die("mmap consumer page");
		size_t ro = page + r->info.data_size;
		void *p = mmap(NULL, ro, PROT_READ, MAP_SHARED, fd, page * CAPTURE_KMOD_PRODUCER_PAGE);
		if (p == MAP_FAILED)
			die("mmap producer page and data");
		r->producer = p;
		r->data = (const uint8_t *)p + page;
		void *w = mmap(NULL, ro, PROT_READ | PROT_WRITE, MAP_SHARED, fd, page * CAPTURE_KMOD_PRODUCER_PAGE);
		if (w != MAP_FAILED || errno != EPERM) {
			fprintf(stderr, "reader: a writable mapping of the data was not refused with EPERM\n");
			return 1;
		}
		if (mprotect(p, ro, PROT_READ | PROT_WRITE) == 0) {
			fprintf(stderr, "reader: mprotect made the data writable\n");
			return 1;
		}
	}
	if (nrings == 0) {
		fprintf(stderr, "reader: no /dev/%s0 (is capture.ko loaded?)\n", CAPTURE_KMOD_DEVICE_PREFIX);
		return 1;
	}

	uint64_t api = 0, schema = 0;
	if (ioctl(rings[0].fd, CAPTURE_KMOD_IOCTL_API_VERSION, &api) || ioctl(rings[0].fd, CAPTURE_KMOD_IOCTL_SCHEMA_VERSION, &schema))
		die("version ioctls");
	printf("reader: %d rings of %llu bytes; api %llu.%llu.%llu (want %llu.x), schema %llu.%llu.%llu (want %llu.%llu.%llu)\n",
	       nrings, (unsigned long long)rings[0].info.data_size,
	       (unsigned long long)(api >> 44), (unsigned long long)((api >> 24) & 0xfffff), (unsigned long long)(api & 0xffffff),
	       CAPTURE_KMOD_API_MAJOR,
	       (unsigned long long)(schema >> 44), (unsigned long long)((schema >> 24) & 0xfffff), (unsigned long long)(schema & 0xffffff),
	       (unsigned long long)CAPTURE_SCHEMA_VERSION_MAJOR, (unsigned long long)CAPTURE_SCHEMA_VERSION_MINOR,
	       (unsigned long long)CAPTURE_SCHEMA_VERSION_PATCH);
	if ((api >> 44) != CAPTURE_KMOD_API_MAJOR || schema != CAPTURE_SCHEMA_VERSION) {
		fprintf(stderr, "reader: version mismatch\n");
		return 1;
	}

	struct capture_kmod_syscall_set supported = {}, interest = {};
	if (ioctl(rings[0].fd, CAPTURE_KMOD_IOCTL_GET_SUPPORTED, &supported))
		die("GET_SUPPORTED");
	unsigned nsupported = 0;
	for (unsigned nr = 0; nr < 512; nr++)
		nsupported += has_bit(&supported, nr);
	printf("reader: %u syscall numbers supported; openat %s, getppid %s, execve %s\n", nsupported,
	       has_bit(&supported, SYS_openat) ? "yes" : "no", has_bit(&supported, SYS_getppid) ? "yes" : "no",
	       has_bit(&supported, SYS_execve) ? "yes" : "no");
	unsigned wanted[] = { SYS_open, SYS_openat, SYS_read, SYS_write, SYS_close, SYS_getppid };
	for (unsigned i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++)
		set_bit(&interest, wanted[i]);
	uint32_t snaplen = 16;
	if (ioctl(rings[0].fd, CAPTURE_KMOD_IOCTL_SET_INTEREST, &interest) || ioctl(rings[0].fd, CAPTURE_KMOD_IOCTL_SET_SNAPLEN, &snaplen))
		die("settings");
	if (ioctl(rings[0].fd, CAPTURE_KMOD_IOCTL_START))
		die("START");
	if (ioctl(rings[0].fd, CAPTURE_KMOD_IOCTL_SET_SNAPLEN, &snaplen) == 0 || errno != EBUSY) {
		fprintf(stderr, "reader: snaplen changed while capturing\n");
		return 1;
	}

	pid_t child = fork();
	if (child == 0)
		child_work();
	int status;
	waitpid(child, &status, 0);
	/* the reader's own syscalls here are excluded: none of them may show up */
	close(open("/etc/hostname", O_RDONLY));
	if (ioctl(rings[0].fd, CAPTURE_KMOD_IOCTL_STOP))
		die("STOP");

	bool seen_open = false, seen_read = false, seen_write = false, seen_generic = false, seen_exit = false, seen_own = false;
	uint64_t delivered[MAX_CPUS] = {};
	for (int cpu = 0; cpu < nrings; cpu++) {
		struct ring *r = &rings[cpu];
		uint64_t tail = r->consumer->pos;
		uint64_t head = __atomic_load_n(&r->producer->pos, __ATOMIC_ACQUIRE);
		while (tail < head) {
			const uint8_t *at = r->data + (tail & (r->info.data_size - 1));
			struct capture_kmod_record rec;
			memcpy(&rec, at, sizeof(rec));
			if (rec.kind == CAPTURE_KMOD_RECORD_EVENT) {
				const uint8_t *e = at + sizeof(rec);
				struct capture_event_header h;
				memcpy(&h, e, sizeof(h));
				delivered[cpu]++;
				if (h.len != rec.len) {
					fprintf(stderr, "reader: record of %u bytes holds an event of %u\n", rec.len, h.len);
					return 1;
				}
				if ((pid_t)h.tid == getpid())
					seen_own = true;
				if (all || (pid_t)h.tid == child) {
					print_event(cpu, e);
					seen_open |= h.type == PPME_SYSCALL_OPENAT_2_X || h.type == PPME_SYSCALL_OPEN_X;
					seen_read |= h.type == PPME_SYSCALL_READ_X;
					seen_write |= h.type == PPME_SYSCALL_WRITE_X;
					seen_generic |= h.type == PPME_GENERIC_X;
					seen_exit |= h.type == PPME_PROCEXIT_1_E;
				}
			}
			tail += CAPTURE_KMOD_RECORD_SIZE(rec.len);
		}
		__atomic_store_n(&r->consumer->pos, tail, __ATOMIC_RELEASE);
	}

	bool sums = true;
	for (int cpu = 0; cpu < nrings; cpu++) {
		struct capture_counters c;
		if (ioctl(rings[cpu].fd, CAPTURE_KMOD_IOCTL_GET_COUNTERS, &c))
			die("GET_COUNTERS");
		uint64_t dropped = c.dropped_ring_full + c.dropped_too_large + c.dropped_no_buffer;
		bool ok = c.events_seen == delivered[cpu] + dropped &&
			  dropped == c.dropped_syscall + c.dropped_scheduler + c.dropped_pagefault;
		sums &= ok;
		printf("cpu %d counters: seen %llu delivered %llu ring_full %llu too_large %llu no_buffer %llu gap_markers %llu: %s\n",
		       cpu, (unsigned long long)c.events_seen, (unsigned long long)delivered[cpu],
		       (unsigned long long)c.dropped_ring_full, (unsigned long long)c.dropped_too_large,
		       (unsigned long long)c.dropped_no_buffer, (unsigned long long)c.gap_markers, ok ? "adds up" : "DOES NOT ADD UP");
	}
	bool ok = seen_open && seen_read && seen_write && seen_generic && seen_exit && !seen_own && sums &&
		  WIFEXITED(status) && WEXITSTATUS(status) == 7;
	printf("reader: child %d: open %d read %d write %d generic %d procexit %d; own events %d; %s\n", child, seen_open,
	       seen_read, seen_write, seen_generic, seen_exit, seen_own, ok ? "OK" : "FAILED");
	return ok ? 0 : 1;
}
