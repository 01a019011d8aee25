using System.Buffers.Binary;
using System.Text;

namespace Capture.Native.Files;

/// <summary>The machine-info block: what the capturing host looked like.</summary>
/// <param name="BootTimeNs">Boot time in ns since the epoch; the 2022 layout calls this field reserved and leaves it 0.</param>
public sealed record MachineInfo(uint CpuCount, ulong MemoryBytes, ulong MaxPid, string Hostname, ulong BootTimeNs, ulong Flags)
{
    /// <summary>num_cpus, memory, max_pid, hostname[128], then four u64 (boot ts, flags, two reserved).</summary>
    public const int BodySize = 4 + 8 + 8 + HostnameSize + 4 * 8;

    const int HostnameSize = 128;
    const int FixedPartSize = 4 + 8 + 8 + HostnameSize;

    /// <summary>Reads the fields a body holds; the trailing u64s are optional because a reader must accept shorter old bodies.</summary>
    internal static MachineInfo Read(ref BodyCursor cursor)
    {
        var cpuCount = cursor.U32();
        var memory = cursor.U64();
        var maxPid = cursor.U64();
        var hostname = BodyCursor.Decode(cursor.Take(HostnameSize, "hostname"));
        var bootTime = cursor.Remaining >= 8 ? cursor.U64() : 0;
        var flags = cursor.Remaining >= 8 ? cursor.U64() : 0;
        return new MachineInfo(cpuCount, memory, maxPid, hostname, bootTime, flags);
    }

    internal void Write(Span<byte> body)
    {
        body[..BodySize].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(body, CpuCount);
        BinaryPrimitives.WriteUInt64LittleEndian(body[4..], MemoryBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(body[12..], MaxPid);
        // Keep one NUL at the end: readers treat the field as a C string.
        var name = Encoding.UTF8.GetBytes(Hostname);
        name.AsSpan(0, Math.Min(name.Length, HostnameSize - 1)).CopyTo(body.Slice(20, HostnameSize));
        BinaryPrimitives.WriteUInt64LittleEndian(body[FixedPartSize..], BootTimeNs);
        BinaryPrimitives.WriteUInt64LittleEndian(body[(FixedPartSize + 8)..], Flags);
    }
}
