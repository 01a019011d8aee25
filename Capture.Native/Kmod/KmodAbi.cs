using Capture.Native.Schema;

namespace Capture.Native.Kmod;

/// <summary>
/// The names, numbers and layout rules of driver/abi/capture_kmod_abi.h, the contract between
/// the kernel module and us. KmodAbiSpecs compiles the header and checks every value here.
/// </summary>
public static class KmodAbi
{
    /// <summary>One device per possible CPU: /dev/capture-kmod0, 1, ...</summary>
    public const string DevicePrefix = "capture-kmod";

    /// <summary>What lsmod and /proc/modules call it.</summary>
    public const string ModuleName = "capture";

    /// <summary>The ioctl and ring contract this build speaks: a module needs the same major, at least this minor.patch.</summary>
    public static readonly SemanticVersion ApiVersion = new(0, 1, 0);

    /// <summary>mmap offsets, in pages.</summary>
    public const int ConsumerPage = 0;
    public const int ProducerPage = 1;
    public const int DataPage = 2;

    public const uint RecordEvent = 0;
    public const uint RecordPad = 1;
    public const int RecordAlign = 8;

    /// <summary>Bits in <see cref="KmodSyscallSet"/>: native syscall numbers 0..511.</summary>
    public const int SyscallSetBits = 512;

    /// <summary>Bytes a record of <paramref name="length"/> takes in the ring: header, then the length rounded up to 8.</summary>
    public static ulong RecordSize(uint length) => (ulong)KmodRecordHeader.Size + ((length + (ulong)RecordAlign - 1) & ~((ulong)RecordAlign - 1));

    public static string DevicePath(int cpu) => $"/dev/{DevicePrefix}{cpu}";
}
