using Capture.Native.Abi;

namespace Capture.Native.Kmod;

/// <summary>
/// The ioctl request numbers of capture_kmod_abi.h, built as Linux's _IO/_IOR/_IOW macros
/// build them (direction, size, magic, number), from the sizes of the C# mirrors, so a mirror
/// whose size drifts changes the number and the module answers ENOTTY instead of reading a
/// wrong layout. KmodAbiSpecs compares each with the C macro's value.
/// </summary>
public static class KmodIoctlNumbers
{
    const uint Magic = 0xCA;
    const uint None = 0, Write = 1, Read = 2; // _IOC_NONE, _IOC_WRITE (user to kernel), _IOC_READ

    public static readonly uint ApiVersion = Io(Read, 0, sizeof(ulong));
    public static readonly uint SchemaVersion = Io(Read, 1, sizeof(ulong));
    public static readonly uint Start = Io(None, 2, 0);
    public static readonly uint Stop = Io(None, 3, 0);
    public static readonly uint SetSnapLen = Io(Write, 4, sizeof(uint));
    public static readonly uint SetDropFailed = Io(Write, 5, sizeof(uint));
    public static readonly uint SetInterest = Io(Write, 6, KmodSyscallSet.Size);
    public static readonly uint GetSupported = Io(Read, 7, KmodSyscallSet.Size);
    public static readonly uint GetCounters = Io(Read, 8, ProbeCounters.Size);
    public static readonly uint RingInfo = Io(Read, 9, KmodRingInfo.Size);

    // Linux's generic layout (x86_64, arm64): nr bits 0-7, type 8-15, size 16-29, dir 30-31.
    static uint Io(uint direction, uint number, int size) => direction << 30 | (uint)size << 16 | Magic << 8 | number;
}
