// SPDX-License-Identifier: GPL-2.0
/*
 * floor-loader OBJECT PROGRAM: loads and attaches one program of floor.bpf.o, prints "ready",
 * and drains its ring every 10 ms (as a paced reader does) until SIGINT; then prints how
 * many records it read, so a run that wrote nothing cannot pass for a cheap one.
 */
#include <bpf/libbpf.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stopping;

static void stop(int signal)
{
	(void)signal;
	stopping = 1;
}

static int count_record(void *records, void *data, size_t size)
{
	(void)data;
	(void)size;
	(*(long *)records)++;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: floor-loader OBJECT PROGRAM\n");
		return 2;
	}
	struct bpf_object *object = bpf_object__open_file(argv[1], NULL);
	if (!object) {
		fprintf(stderr, "floor-loader: cannot open %s\n", argv[1]);
		return 1;
	}
	struct bpf_program *program;
	bpf_object__for_each_program(program, object)
		bpf_program__set_autoload(program, strcmp(bpf_program__name(program), argv[2]) == 0);
	program = bpf_object__find_program_by_name(object, argv[2]);
	if (!program || bpf_object__load(object)) {
		fprintf(stderr, "floor-loader: cannot load program %s of %s\n", argv[2], argv[1]);
		return 1;
	}
	if (!bpf_program__attach(program)) {
		fprintf(stderr, "floor-loader: cannot attach %s\n", argv[2]);
		return 1;
	}
	long records = 0;
	struct ring_buffer *ring = ring_buffer__new(bpf_map__fd(bpf_object__find_map_by_name(object, "floor_ring")), count_record, &records, NULL);
	if (!ring) {
		fprintf(stderr, "floor-loader: cannot map the ring\n");
		return 1;
	}
	signal(SIGINT, stop);
	printf("ready\n");
	fflush(stdout);
	while (!stopping) {
		ring_buffer__consume(ring);
		usleep(10000);
	}
	ring_buffer__consume(ring);
	fprintf(stderr, "floor-loader: %s read %ld records\n", argv[2], records);
	return 0;
}
