// SPDX-License-Identifier: GPL-2.0
/*
 * ring_test: the module's ring producer (ring.h) over a byte array, against a consumer that
 * follows capture_kmod_abi.h the way user space must. No kernel needed; build.sh builds and
 * runs it. Checks, over many random interleavings of writes and reads with random record
 * sizes: every record the producer accepted is read back whole, in order, at an 8-byte
 * aligned position; records never wrap (PAD records fill the end); a refused record leaves
 * the ring as it was; the producer refuses exactly when the record (and any PAD) would not
 * fit; and a consumer position the producer never handed out is reported as corrupt.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define smp_load_acquire(p) __atomic_load_n(p, __ATOMIC_ACQUIRE)
#define smp_store_release(p, v) __atomic_store_n(p, v, __ATOMIC_RELEASE)
#include "ring.h"

#define DATA_SIZE 4096

static int failures;
#define CHECK(cond, ...) do { if (!(cond)) { failures++; fprintf(stderr, "ring_test: " __VA_ARGS__); fputc('\n', stderr); } } while (0)

static struct capture_kmod_consumer consumer;
static struct capture_kmod_producer producer;
static uint8_t data[DATA_SIZE] __attribute__((aligned(8)));
static struct capture_ring ring = { .consumer = &consumer, .producer = &producer, .data = data, .data_size = DATA_SIZE };

/* A payload that names its sequence number and length in every byte pattern. */
static void fill(uint8_t *p, uint32_t len, uint32_t seq)
{
	for (uint32_t i = 0; i < len; i++)
		p[i] = (uint8_t)(seq * 31 + i);
	if (len >= 4)
		memcpy(p, &seq, 4);
}

/* Reads every published record; returns the next expected sequence number. */
static uint32_t drain(uint32_t expect, uint64_t *pads)
{
	uint64_t tail = consumer.pos;
	uint64_t head = __atomic_load_n(&producer.pos, __ATOMIC_ACQUIRE);
	while (tail < head) {
		CHECK(tail % 8 == 0, "record at unaligned position %llu", (unsigned long long)tail);
		uint64_t off = tail & (DATA_SIZE - 1);
		struct capture_kmod_record rec;
		memcpy(&rec, data + off, sizeof(rec));
		uint64_t size = CAPTURE_KMOD_RECORD_SIZE(rec.len);
		CHECK(off + size <= DATA_SIZE, "record of %llu bytes at %llu wraps", (unsigned long long)size, (unsigned long long)off);
		if (rec.kind == CAPTURE_KMOD_RECORD_PAD) {
			CHECK(off + size == DATA_SIZE, "PAD does not end the data area");
			(*pads)++;
		} else {
			uint8_t want[1024];
			fill(want, rec.len, expect);
			CHECK(rec.kind == CAPTURE_KMOD_RECORD_EVENT && memcmp(data + off + sizeof(rec), want, rec.len) == 0,
			      "record %u (%u bytes) read back wrong", expect, rec.len);
			expect++;
		}
		tail += size;
	}
	CHECK(tail == head, "records overran the producer position");
	__atomic_store_n(&consumer.pos, tail, __ATOMIC_RELEASE);
	return expect;
}

int main(void)
{
	uint8_t event[1024];
	uint32_t next = 0, expect = 0;
	uint64_t full = 0, pads = 0;
	srand(12345);
	for (int step = 0; step < 2000000; step++) {
		if (rand() % 4 == 0) {
			expect = drain(expect, &pads);
			continue;
		}
		uint32_t len = 26 + rand() % 700;
		fill(event, len, next);
		uint64_t head = producer.pos, used = head - consumer.pos;
		uint64_t need = CAPTURE_KMOD_RECORD_SIZE(len), to_end = DATA_SIZE - (head & (DATA_SIZE - 1));
		int fits = used + (need > to_end ? to_end : 0) + need <= DATA_SIZE;
		enum capture_ring_result r = capture_ring_write(&ring, event, len);
		CHECK(r == (fits ? RING_OK : RING_FULL), "write %u: result %d, expected %s", next, r, fits ? "OK" : "FULL");
		if (r == RING_OK)
			next++;
		else
			CHECK(producer.pos == head, "a refused record moved the producer");
		full += r == RING_FULL;
	}
	expect = drain(expect, &pads);
	CHECK(expect == next, "wrote %u records, read %u", next, expect);

	/* consumer positions the producer never handed out (one record is pending: head > tail) */
	fill(event, 30, next);
	CHECK(capture_ring_write(&ring, event, 30) == RING_OK, "a write to a drained ring failed");
	uint64_t saved = consumer.pos;
	consumer.pos = producer.pos + 8;
	CHECK(capture_ring_write(&ring, event, 30) == RING_CORRUPT, "a consumer ahead of the producer was accepted");
	consumer.pos = producer.pos - DATA_SIZE - 8;
	CHECK(capture_ring_write(&ring, event, 30) == RING_CORRUPT, "a consumer more than a ring behind was accepted");
	consumer.pos = saved + 4;
	CHECK(capture_ring_write(&ring, event, 30) == RING_CORRUPT, "an unaligned consumer position was accepted");
	consumer.pos = saved;

	printf("ring_test: %u records written and read back, %llu refused as full, %llu PAD records: %s\n", next,
	       (unsigned long long)full, (unsigned long long)pads, failures ? "FAILED" : "OK");
	return failures ? 1 : 0;
}
