// SPDX-License-Identifier: GPL-2.0-only
/*
 * The capture probe: one BPF object, built by the .NET build (driver/modern/Probe.targets)
 * and embedded in Capture.Native. Event ids, parameter counts and flag values come from
 * the generated capture_schema.h; syscall numbers from the generated capture_syscalls.h;
 * the layout shared with the loader from driver/abi/capture_abi.h. The sources shared with the
 * kernel module (driver/shared, on the include path) are written against platform.h.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "capture_schema.h"
#include "capture_syscalls.h"
#include "maps.h"
#include "platform.h"
#include "helpers/event_builder.h"
#include "helpers/kernel.h"
#include "flags.h"
#include "helpers/inode.h"
#include "helpers/task.h"
#include "task_state.h"
#include "helpers/caps.h"
#include "helpers/exe_flags.h"
#include "helpers/exe_path.h"
#include "helpers/iovec.h"
#include "sockets.h"
#include "helpers/cgroups.h"
#include "ipc_flags.h"
#include "programs/filler.h"
#include "fillers/files.h"
#include "fillers/procexit.h"
#include "fillers/file_metadata.h"
#include "fillers/fd_calls.h"
#include "fillers/file_handles.h"
#include "fillers/io_uring.h"
#include "fillers/file_systems.h"
#include "fillers/process_lifecycle.h"
#include "fillers/process_control.h"
#include "fillers/network.h"
#include "fillers/memory.h"
#include "fillers/waiting.h"
#include "fillers/identity.h"
#include "fillers/ipc_and_modules.h"
#include "fillers/memory_locks.h"
#include "fillers/socket_queries.h"
#include "fillers/multiple_messages.h"
#include "programs/filler_table.h"
#include "programs/dispatch.h"
#include "programs/toctou.h"

char LICENSE[] SEC("license") = "GPL";
