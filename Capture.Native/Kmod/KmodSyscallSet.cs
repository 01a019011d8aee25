using System.Runtime.CompilerServices;

namespace Capture.Native.Kmod;

/// <summary>
/// struct capture_kmod_syscall_set: native syscall numbers 0..511, bit nr of byte nr/8. The
/// interest set we send and the supported set the module answers with.
/// </summary>
public struct KmodSyscallSet
{
    public const int Size = KmodAbi.SyscallSetBits / 8;

    Bits _bits;

    [InlineArray(Size)]
    struct Bits
    {
        byte _first;
    }

    /// <summary>A set of exactly <paramref name="numbers"/>; throws naming a number outside 0..511.</summary>
    public static KmodSyscallSet Of(IEnumerable<int> numbers)
    {
        var set = new KmodSyscallSet();
        foreach (var nr in numbers)
        {
            if ((uint)nr >= KmodAbi.SyscallSetBits)
                throw new ArgumentOutOfRangeException(nameof(numbers), nr, $"syscall number {nr} is outside 0..{KmodAbi.SyscallSetBits - 1}");
            set._bits[nr >> 3] |= (byte)(1 << (nr & 7));
        }
        return set;
    }

    public readonly bool Contains(int nr) => (uint)nr < KmodAbi.SyscallSetBits && (_bits[nr >> 3] & (1 << (nr & 7))) != 0;

    /// <summary>The numbers in the set, ascending.</summary>
    public readonly int[] Numbers()
    {
        var numbers = new List<int>();
        for (var nr = 0; nr < KmodAbi.SyscallSetBits; nr++)
            if (Contains(nr)) numbers.Add(nr);
        return [.. numbers];
    }
}
