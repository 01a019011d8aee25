/*
 * Every thread's exit (libs' procexit), shared by the probe's sched_process_exit program and
 * the module's sched_process_exit probe. The exit code is the wait(2) status word: exit
 * status in bits 8-15, terminating signal in bits 0-6, core dump in bit 7.
 */
#ifndef CAPTURE_FILLER_PROCEXIT_H
#define CAPTURE_FILLER_PROCEXIT_H

static __always_inline void push_procexit(struct event_builder *b, struct task_struct *task)
{
	__s64 status = task->exit_code;
	push_s64(b, status);
	push_s64(b, (status >> 8) & 0xff);
	push_u8(b, status & 0x7f);
	push_u8(b, (status & 0x80) ? 1 : 0);
	push_s64(b, 0); /* reaper_tid: finding the reaper is not implemented */
}

#endif
