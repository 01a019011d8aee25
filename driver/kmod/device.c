// SPDX-License-Identifier: GPL-2.0
/*
 * The character devices, one per possible CPU (/dev/capture-kmod<cpu>, minor = CPU id): open
 * (one reader per ring), mmap of the CPU's ring, and the ioctls of capture_kmod_abi.h.
 *
 * Access is the device nodes' (root only, 0600, as devtmpfs creates them). When the last
 * reader closes its device while capturing, capture stops: nobody is left to drain the rings
 * or to be excluded as the capture's own process.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/uaccess.h>
#include <linux/mm.h>
#include <linux/version.h>

#include "capture_schema.h"
#include "capture_kmod.h"

/*
 * For tests of user space only: the API major the API_VERSION ioctl reports instead of
 * CAPTURE_KMOD_API_MAJOR (-1, the default, reports the real one), so a reader's refusal of a
 * module speaking another major can be seen without building a second module. Nothing else
 * changes: the module still speaks its real contract.
 */
static int report_api_major = -1;
module_param(report_api_major, int, 0444);
MODULE_PARM_DESC(report_api_major, "tests only: the API major API_VERSION reports (-1: the real one)");

static __u64 reported_api_version(void)
{
	if (report_api_major < 0)
		return CAPTURE_KMOD_API_VERSION;
	return ((__u64)report_api_major << 44) | (CAPTURE_KMOD_API_MINOR << 24) | CAPTURE_KMOD_API_PATCH;
}

/*
 * For tests of user space only: the schema minor SCHEMA_VERSION reports instead of the one the
 * module was built with (-1, the default, reports the real one), so a module "replaced by a
 * newer build" can be told from the one before it without building two. The frames it writes
 * are unchanged; a newer minor only promises additions, which a reader of the older one accepts.
 */
static int report_schema_minor = -1;
module_param(report_schema_minor, int, 0444);
MODULE_PARM_DESC(report_schema_minor, "tests only: the schema minor SCHEMA_VERSION reports (-1: the real one)");

static __u64 reported_schema_version(void)
{
	const __u64 minor_bits = 0xfffffULL << 24;

	if (report_schema_minor < 0)
		return CAPTURE_SCHEMA_VERSION;
	return ((__u64)CAPTURE_SCHEMA_VERSION & ~minor_bits) | (((__u64)report_schema_minor << 24) & minor_bits);
}

/*
 * Detaching, so that the module can be replaced under a running capture: writing 1 to
 * /sys/module/capture/parameters/detach stops capture and makes every device answer ENODEV
 * from then on (open, mmap, every ioctl), as a device whose driver is gone does. A reader
 * notices at its next ioctl (it reads the counters every few milliseconds), unmaps and closes;
 * the open files and mappings are what hold the module (rmmod says EAGAIN while any is left),
 * so once the last is closed rmmod proceeds, and the reader reconnects to whichever module
 * answers next. There is no way back: a detached module stays detached until it is unloaded
 * (writing 0 then is refused), since its readers have already been told it is gone.
 */
static int detach_set(const char *value, const struct kernel_param *kp)
{
	bool detach;
	int err = kstrtobool(value, &detach);

	if (err)
		return err;
	if (!detach)
		return READ_ONCE(capture_state.detached) ? -EINVAL : 0;
	mutex_lock(&capture_state.lock);
	capture_stop(); /* returns once no CPU is inside a probe; a no-op at load time */
	WRITE_ONCE(capture_state.detached, true);
	mutex_unlock(&capture_state.lock);
	return 0;
}

static int detach_get(char *buffer, const struct kernel_param *kp)
{
	return sysfs_emit(buffer, "%d\n", READ_ONCE(capture_state.detached) ? 1 : 0);
}

static const struct kernel_param_ops detach_ops = {
	.set = detach_set,
	.get = detach_get,
};
module_param_cb(detach, &detach_ops, NULL, 0600);
MODULE_PARM_DESC(detach, "write 1: stop capture and answer ENODEV to every reader, so the module can be unloaded and replaced");

static dev_t capture_devt;
static struct cdev capture_cdev;
static struct class *capture_class;
static atomic_t readers = ATOMIC_INIT(0);

static int capture_open(struct inode *inode, struct file *file)
{
	unsigned int cpu = iminor(inode);
	struct capture_cpu *c = cpu < nr_cpu_ids ? capture_cpus[cpu] : NULL;

	if (!c || READ_ONCE(capture_state.detached))
		return -ENODEV;
	if (atomic_cmpxchg(&c->open, 0, 1) != 0)
		return -EBUSY;
	atomic_inc(&readers);
	file->private_data = c;
	return 0;
}

static int capture_release(struct inode *inode, struct file *file)
{
	struct capture_cpu *c = file->private_data;

	if (atomic_dec_and_test(&readers)) {
		unsigned int cpu;

		mutex_lock(&capture_state.lock);
		capture_stop();
		/*
		 * No probe is registered and no mapping is left (a mapping holds its file open), so the
		 * rings have no writer and no reader: rewind them. The next reader maps them before its
		 * START and takes its position from the mapping; left at this session's end, that
		 * position would be ahead of the producer START rewinds, and the next capture would
		 * find its rings corrupt.
		 */
		for_each_possible_cpu(cpu)
			capture_ring_reset(capture_cpus[cpu]->ring);
		mutex_unlock(&capture_state.lock);
	}
	atomic_set(&c->open, 0);
	return 0;
}

static int capture_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct capture_cpu *c = file->private_data;

	if (READ_ONCE(capture_state.detached))
		return -ENODEV;
	return capture_ring_mmap(c->ring, vma);
}

static long set_while_stopped(__u32 __user *arg, __u32 *setting, __u32 max)
{
	__u32 v;
	long err = 0;

	if (get_user(v, arg))
		return -EFAULT;
	if (v > max)
		return -EINVAL;
	mutex_lock(&capture_state.lock);
	if (capture_state.running)
		err = -EBUSY; /* settings are fixed for a capture; a change is a restart */
	else
		WRITE_ONCE(*setting, v);
	mutex_unlock(&capture_state.lock);
	return err;
}

static long set_interest(const void __user *arg)
{
	struct capture_kmod_syscall_set set;
	DECLARE_BITMAP(wanted, CAPTURE_SYSCALL_TABLE_SIZE);
	unsigned int nr;

	if (copy_from_user(&set, arg, sizeof(set)))
		return -EFAULT;
	bitmap_zero(wanted, CAPTURE_SYSCALL_TABLE_SIZE);
	for (nr = 0; nr < CAPTURE_SYSCALL_TABLE_SIZE; nr++)
		if (set.bits[nr / 8] & (1u << (nr % 8)))
			__set_bit(nr, wanted);
	/* only supported syscalls are ever traced; GET_SUPPORTED tells which those are */
	bitmap_and(wanted, wanted, capture_state.supported, CAPTURE_SYSCALL_TABLE_SIZE);
	mutex_lock(&capture_state.lock);
	/* word by word: a probe sees each syscall's bit either before or after, never torn */
	for (nr = 0; nr < BITS_TO_LONGS(CAPTURE_SYSCALL_TABLE_SIZE); nr++)
		WRITE_ONCE(capture_state.interest[nr], wanted[nr]);
	mutex_unlock(&capture_state.lock);
	return 0;
}

static long get_supported(void __user *arg)
{
	struct capture_kmod_syscall_set set = {};
	unsigned int nr;

	for (nr = 0; nr < CAPTURE_SYSCALL_TABLE_SIZE; nr++)
		if (test_bit(nr, capture_state.supported))
			set.bits[nr / 8] |= 1u << (nr % 8);
	return copy_to_user(arg, &set, sizeof(set)) ? -EFAULT : 0;
}

static long capture_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct capture_cpu *c = file->private_data;
	void __user *uarg = (void __user *)arg;
	long err;

	if (READ_ONCE(capture_state.detached))
		return -ENODEV;
	switch (cmd) {
	case CAPTURE_KMOD_IOCTL_API_VERSION:
		return put_user(reported_api_version(), (__u64 __user *)uarg);
	case CAPTURE_KMOD_IOCTL_SCHEMA_VERSION:
		return put_user(reported_schema_version(), (__u64 __user *)uarg);
	case CAPTURE_KMOD_IOCTL_START:
		mutex_lock(&capture_state.lock);
		/* checked again under the lock: a detach between the check above and here wins */
		err = capture_state.detached ? -ENODEV : capture_start();
		mutex_unlock(&capture_state.lock);
		return err;
	case CAPTURE_KMOD_IOCTL_STOP:
		mutex_lock(&capture_state.lock);
		capture_stop();
		mutex_unlock(&capture_state.lock);
		return 0;
	case CAPTURE_KMOD_IOCTL_SET_SNAPLEN:
		return set_while_stopped(uarg, &capture_snaplen, CAPTURE_MAX_EVENT_SIZE / 2);
	case CAPTURE_KMOD_IOCTL_SET_DROP_FAILED:
		return set_while_stopped(uarg, &capture_state.drop_failed, 1);
	case CAPTURE_KMOD_IOCTL_SET_INTEREST:
		return set_interest(uarg);
	case CAPTURE_KMOD_IOCTL_GET_SUPPORTED:
		return get_supported(uarg);
	case CAPTURE_KMOD_IOCTL_GET_COUNTERS: {
		/* a snapshot taken while the CPU may be counting: each field is whole, not all from one instant */
		struct capture_counters snap;
		const __u64 *from = (const __u64 *)&c->counters;
		__u64 *to = (__u64 *)&snap;
		size_t i;

		for (i = 0; i < sizeof(snap) / sizeof(__u64); i++)
			to[i] = READ_ONCE(from[i]);
		return copy_to_user(uarg, &snap, sizeof(snap)) ? -EFAULT : 0;
	}
	case CAPTURE_KMOD_IOCTL_RING_INFO: {
		struct capture_kmod_ring_info info = {
			.cpu = c->cpu,
			.page_size = PAGE_SIZE,
			.data_size = capture_ring_data_size(c->ring),
		};

		return copy_to_user(uarg, &info, sizeof(info)) ? -EFAULT : 0;
	}
	default:
		return -ENOTTY;
	}
}

static const struct file_operations capture_fops = {
	.owner = THIS_MODULE,
	.open = capture_open,
	.release = capture_release,
	.mmap = capture_mmap,
	.unlocked_ioctl = capture_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

int capture_devices_create(void)
{
	unsigned int cpu;
	int err;

	err = alloc_chrdev_region(&capture_devt, 0, nr_cpu_ids, CAPTURE_KMOD_DEVICE_PREFIX);
	if (err)
		return err;
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	capture_class = class_create(CAPTURE_KMOD_DEVICE_PREFIX);
#else
	capture_class = class_create(THIS_MODULE, CAPTURE_KMOD_DEVICE_PREFIX);
#endif
	if (IS_ERR(capture_class)) {
		err = PTR_ERR(capture_class);
		goto unregister;
	}
	cdev_init(&capture_cdev, &capture_fops);
	capture_cdev.owner = THIS_MODULE;
	err = cdev_add(&capture_cdev, capture_devt, nr_cpu_ids);
	if (err)
		goto destroy_class;
	for_each_possible_cpu(cpu) {
		struct device *d = device_create(capture_class, NULL, MKDEV(MAJOR(capture_devt), cpu), NULL,
						 CAPTURE_KMOD_DEVICE_PREFIX "%u", cpu);

		if (IS_ERR(d)) {
			err = PTR_ERR(d);
			goto destroy_devices;
		}
		capture_cpus[cpu]->device = d;
	}
	return 0;

destroy_devices:
	capture_devices_destroy();
	return err;
destroy_class:
	class_destroy(capture_class);
unregister:
	unregister_chrdev_region(capture_devt, nr_cpu_ids);
	return err;
}

void capture_devices_destroy(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		if (capture_cpus[cpu] && capture_cpus[cpu]->device) {
			device_destroy(capture_class, MKDEV(MAJOR(capture_devt), cpu));
			capture_cpus[cpu]->device = NULL;
		}
	}
	cdev_del(&capture_cdev);
	class_destroy(capture_class);
	unregister_chrdev_region(capture_devt, nr_cpu_ids);
}
