/*
 * The probe's side of the layer the shared sources (driver/shared) are written against; the
 * module's side is driver/kmod/platform.h, and driver/kmod/README.md describes the contract.
 * Here every name is the BPF helper or CO-RE macro itself, so the shared sources compile to
 * exactly the instructions they did when they called those directly.
 */
#ifndef CAPTURE_PLATFORM_H
#define CAPTURE_PLATFORM_H

#define cap_read_user(dst, size, src) bpf_probe_read_user(dst, size, src)
#define cap_read_kernel(dst, size, src) bpf_probe_read_kernel(dst, size, src)
#define cap_read_user_str(dst, size, src) bpf_probe_read_user_str(dst, size, src)
#define cap_read_kernel_str(dst, size, src) bpf_probe_read_kernel_str(dst, size, src)
#define cap_snaplen() capture_settings.snaplen
#define cap_current() bpf_get_current_task_btf()

/* Calls fn(i, ctx) for i = 0 .. n-1 until it returns nonzero; the verifier checks fn once. */
#define cap_loop(n, fn, ctx) bpf_loop(n, fn, ctx, 0)

/* Makes the verifier see v <= 0xff where it could lose the bound. */
#define cap_bound_u8(v) asm volatile("%0 &= 0xff" : "+r"(v))

/* A kernel pointer chain, KREAD(p, a, b) = p->a->b: CO-RE relocated, a NULL link reads 0. */
#define KREAD(src, ...) BPF_CORE_READ(src, __VA_ARGS__)

#endif
