/* The prog array the dispatcher tail-calls into, indexed by native syscall number. */
#include "filler_list.h"

#define FILL(name) [CAPTURE_NR_##name] = (void *)&name##_x,

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, CAPTURE_SYSCALL_TABLE_SIZE);
	__uint(key_size, sizeof(__u32));
	__array(values, int(void *));
} capture_fillers SEC(".maps") = {
	.values = { CAPTURE_PROBE_FILLERS(FILL) },
};
