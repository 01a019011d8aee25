// SPDX-License-Identifier: GPL-2.0
/*
 * reader: proves the module end to end from user space. Opens every /dev/capture-kmod<cpu>,
 * checks the API and schema versions through the ioctls, maps each ring (and checks a
 * writable mapping of the read-only part is refused), sets the interest set, starts capture,
 * runs known syscalls in a child (the reader's own process is excluded), stops, drains the
 * rings and prints the child's events, then every CPU's counters and their invariant.
 *
 *   reader [-a]        -a: print every process's events, not only the child's
 *   reader -s N [US]   stress: the child makes N writes while the reader drains the rings
 *                      every US microseconds (default 1000); with a small ring (insmod capture.ko
 *                      ring_bytes=262144) records wrap (PAD records), events are dropped, and
 *                      the drops must come back as gap markers: per CPU, the markers' counts
 *                      plus the still unmarked ones equal the dropped events
 *   reader -x          starts capture and exits without stopping it: the module must stop it
 *                      when the last device closes (a following reader's START then works)
 * Exit status 0 when the child's expected events all arrived and the counters add up.
 */
#define _GNU_SOURCE /* sendmmsg */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/prctl.h>
#include <sys/epoll.h>
#include <sys/uio.h>
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
	if (text && len > 2) { /* two bytes are a number more often than a one-letter string */
		printf("\"%s\"", (const char *)v);
		return;
	}
	if ((len == 7 || len == 13) && v[0] == 2) { /* PPM_AF_INET sockaddr or tuple: address, port (host order) pairs */
		uint16_t port;
		memcpy(&port, v + 5, 2);
		printf("%u.%u.%u.%u:%u", v[1], v[2], v[3], v[4], port);
		if (len == 13) {
			memcpy(&port, v + 11, 2);
			printf("->%u.%u.%u.%u:%u", v[7], v[8], v[9], v[10], port);
		}
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
static void child_tour(void)
{
	char buf[64];
	int fd = open("/etc/hostname", O_RDONLY);
	ssize_t n = read(fd, buf, sizeof(buf));
	close(fd);
	fd = open("/dev/null", O_WRONLY);
	(void)!write(fd, "hello kmod", 10);
	close(fd);
	syscall(SYS_getppid);  /* no dedicated filler in the probe: the generic event */
	/* one filler from each of three other shared groups: identity, file metadata, memory */
	syscall(SYS_getuid);
	struct stat st;
	stat("/etc/hostname", &st);
	munmap(mmap(NULL, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), 8192);
	struct timespec ts = { 0, 1000000 };
	nanosleep(&ts, NULL); /* clock_nanosleep: no filler in the probe either, the generic event */
	/* network: a TCP connection over loopback and a unix socket pair */
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof(addr);
	int listener = socket(AF_INET, SOCK_STREAM, 0);
	bind(listener, (struct sockaddr *)&addr, sizeof(addr));
	listen(listener, 1);
	getsockname(listener, (struct sockaddr *)&addr, &alen);
	int client = socket(AF_INET, SOCK_STREAM, 0);
	connect(client, (struct sockaddr *)&addr, sizeof(addr));
	int server = accept(listener, NULL, NULL);
	sendto(client, "ping", 4, 0, NULL, 0);
	recvfrom(server, buf, sizeof(buf), 0, NULL, NULL);
	/* message batches (one event per message) and vectored I/O, both cap_loop walks */
	struct iovec iov[2] = { { "one", 3 }, { "two", 3 } };
	struct mmsghdr msgs[2] = { { .msg_hdr = { .msg_iov = &iov[0], .msg_iovlen = 1 } },
				   { .msg_hdr = { .msg_iov = &iov[1], .msg_iovlen = 1 } } };
	sendmmsg(client, msgs, 2, 0);
	fd = open("/dev/null", O_WRONLY);
	pwritev(fd, iov, 2, 0);
	close(fd);
	int pair[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
	/* process control, and a special fd */
	prctl(PR_SET_NAME, "kmod-tour");
	close(epoll_create1(EPOLL_CLOEXEC));
	(void)n;
	_exit(7);
}

static void child_stress(long n)
{
	char buf[64] = "stress";
	int fd = open("/dev/null", O_WRONLY);
	for (long i = 0; i < n; i++)
		(void)!write(fd, buf, sizeof(buf));
	_exit(7);
}

/* What draining the rings found. */
struct tally {
	uint64_t delivered[MAX_CPUS]; /* event records, gap markers included */
	uint64_t marked[MAX_CPUS];    /* the gap markers' counts of lost events */
	uint64_t pads, markers;
	bool open, read, write, generic, procexit, connect, accept, sendmmsg, pwritev, own, bad;
};

static pid_t child;
static bool print_all, print_child;

/* Reads every ring from the consumer to the producer position, then gives the space back. */
static void drain(struct ring *rings, int nrings, struct tally *t)
{
	for (int cpu = 0; cpu < nrings; cpu++) {
		struct ring *r = &rings[cpu];
		uint64_t tail = r->consumer->pos;
		/* acquire: the records up to head are written before we read them */
		uint64_t head = __atomic_load_n(&r->producer->pos, __ATOMIC_ACQUIRE);
		while (tail < head) {
			const uint8_t *at = r->data + (tail & (r->info.data_size - 1));
			struct capture_kmod_record rec;
			memcpy(&rec, at, sizeof(rec));
			tail += CAPTURE_KMOD_RECORD_SIZE(rec.len);
			if (rec.kind == CAPTURE_KMOD_RECORD_PAD) {
				t->pads++;
				continue;
			}
			const uint8_t *e = at + sizeof(rec);
			struct capture_event_header h;
			memcpy(&h, e, sizeof(h));
			t->delivered[cpu]++;
			if (rec.kind != CAPTURE_KMOD_RECORD_EVENT || h.len != rec.len) {
				fprintf(stderr, "reader: cpu %d: record kind %u of %u bytes holds an event of %u\n", cpu,
					rec.kind, rec.len, h.len);
				t->bad = true;
				continue;
			}
			if (h.type == PPME_DROP_E) {
				uint32_t lost;
				memcpy(&lost, e + sizeof(h) + sizeof(uint16_t), sizeof(lost));
				t->marked[cpu] += lost;
				t->markers++;
			}
			if ((pid_t)h.tid == getpid())
				t->own = true;
			if ((pid_t)h.tid != child)
				continue;
			if (print_all || print_child)
				print_event(cpu, e);
			t->open |= h.type == PPME_SYSCALL_OPENAT_2_X || h.type == PPME_SYSCALL_OPEN_X;
			t->read |= h.type == PPME_SYSCALL_READ_X;
			t->write |= h.type == PPME_SYSCALL_WRITE_X;
			t->generic |= h.type == PPME_GENERIC_X;
			t->procexit |= h.type == PPME_PROCEXIT_1_E;
			t->connect |= h.type == PPME_SOCKET_CONNECT_X;
			t->accept |= h.type == PPME_SOCKET_ACCEPT_5_X;
			t->sendmmsg |= h.type == PPME_SOCKET_SENDMMSG_X;
			t->pwritev |= h.type == PPME_SYSCALL_PWRITEV_X;
		}
		/* release: we are done reading the records before the module may reuse their space */
		__atomic_store_n(&r->consumer->pos, tail, __ATOMIC_RELEASE);
	}
}

/* Per CPU: seen = delivered + dropped, drops by reason = drops by category, and (stress) marked + unmarked = dropped. */
static bool check_counters(struct ring *rings, int nrings, const struct tally *t, bool markers_complete)
{
	bool all_ok = true;
	for (int cpu = 0; cpu < nrings; cpu++) {
		struct capture_counters c;
		if (ioctl(rings[cpu].fd, CAPTURE_KMOD_IOCTL_GET_COUNTERS, &c))
			die("GET_COUNTERS");
		uint64_t dropped = c.dropped_ring_full + c.dropped_too_large + c.dropped_no_buffer;
		bool ok = c.events_seen == t->delivered[cpu] + dropped &&
			  dropped == c.dropped_syscall + c.dropped_scheduler + c.dropped_pagefault &&
			  (!markers_complete || t->marked[cpu] + c.lost_unmarked == dropped);
		all_ok &= ok;
		printf("cpu %d counters: seen %llu delivered %llu ring_full %llu too_large %llu no_buffer %llu gap_markers %llu "
		       "(marking %llu lost) unmarked %llu: %s\n",
		       cpu, (unsigned long long)c.events_seen, (unsigned long long)t->delivered[cpu],
		       (unsigned long long)c.dropped_ring_full, (unsigned long long)c.dropped_too_large,
		       (unsigned long long)c.dropped_no_buffer, (unsigned long long)c.gap_markers,
		       (unsigned long long)t->marked[cpu], (unsigned long long)c.lost_unmarked,
		       ok ? "adds up" : "DOES NOT ADD UP");
	}
	return all_ok;
}

int main(int argc, char **argv)
{
	long stress = 0;
	print_all = argc > 1 && !strcmp(argv[1], "-a");
	long interval_us = 1000;
	if (argc > 2 && !strcmp(argv[1], "-s"))
		stress = atol(argv[2]);
	if (stress && argc > 3)
		interval_us = atol(argv[3]);
	print_child = !stress;
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
	unsigned tour[] = { SYS_open, SYS_openat, SYS_read, SYS_write, SYS_close, SYS_getppid, SYS_getuid,
			    SYS_stat, SYS_newfstatat, SYS_mmap, SYS_munmap, SYS_nanosleep, SYS_clock_nanosleep,
			    SYS_socket, SYS_bind, SYS_listen, SYS_connect, SYS_accept, SYS_sendto, SYS_recvfrom,
			    SYS_socketpair, SYS_prctl, SYS_epoll_create1, SYS_sendmmsg, SYS_pwritev };
	if (stress)
		set_bit(&interest, SYS_write);
	else
		for (unsigned i = 0; i < sizeof(tour) / sizeof(tour[0]); i++)
			set_bit(&interest, tour[i]);
	uint32_t snaplen = 16;
	if (ioctl(rings[0].fd, CAPTURE_KMOD_IOCTL_SET_INTEREST, &interest) || ioctl(rings[0].fd, CAPTURE_KMOD_IOCTL_SET_SNAPLEN, &snaplen))
		die("settings");
	if (ioctl(rings[0].fd, CAPTURE_KMOD_IOCTL_START))
		die("START");
	if (argc > 1 && !strcmp(argv[1], "-x")) {
		printf("reader: capturing; exiting without STOP\n");
		return 0;
	}
	if (ioctl(rings[0].fd, CAPTURE_KMOD_IOCTL_SET_SNAPLEN, &snaplen) == 0 || errno != EBUSY) {
		fprintf(stderr, "reader: snaplen changed while capturing\n");
		return 1;
	}

	struct tally t = {};
	int status;
	child = fork();
	if (child == 0) {
		if (stress)
			child_stress(stress);
		child_tour();
	}
	if (stress) {
		while (waitpid(child, &status, WNOHANG) == 0) {
			drain(rings, nrings, &t);
			usleep(interval_us);
		}
	} else {
		waitpid(child, &status, 0);
	}
	/* the reader's own syscalls are excluded: none of these may show up */
	close(open("/etc/hostname", O_RDONLY));
	if (ioctl(rings[0].fd, CAPTURE_KMOD_IOCTL_STOP))
		die("STOP");
	drain(rings, nrings, &t);

	bool sums = check_counters(rings, nrings, &t, stress != 0);
	bool exited = WIFEXITED(status) && WEXITSTATUS(status) == 7;
	bool ok;
	if (stress) {
		ok = sums && !t.bad && !t.own && exited;
		printf("reader: stress: %ld writes, %llu PAD records (wraps), %llu gap markers; own events %d; %s\n", stress,
		       (unsigned long long)t.pads, (unsigned long long)t.markers, t.own, ok ? "OK" : "FAILED");
	} else {
		ok = t.open && t.read && t.write && t.generic && t.procexit && t.connect && t.accept && t.sendmmsg &&
		     t.pwritev && !t.own && !t.bad && sums && exited;
		printf("reader: child %d: open %d read %d write %d generic %d procexit %d connect %d accept %d sendmmsg %d "
		       "pwritev %d; own events %d; %s\n", child, t.open, t.read, t.write, t.generic, t.procexit, t.connect,
		       t.accept, t.sendmmsg, t.pwritev, t.own, ok ? "OK" : "FAILED");
	}
	return ok ? 0 : 1;
}
