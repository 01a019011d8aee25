namespace Capture.Native.Filtering;

/// <summary>
/// Cgroup controller names as libsinsp shows them: a "_cgroup" in the name dropped
/// (cpu_cgroup is cpu), and the kernel's short names mem, io and perf given their v1
/// names memory, blkio and perf_event, so thread.cgroup.memory finds either.
/// </summary>
static class CgroupNames
{
    /// <summary>Longer names are left as they are rather than copied.</summary>
    public const int LongestName = 128;

    static readonly byte[] Memory = "memory"u8.ToArray();
    static readonly byte[] Blkio = "blkio"u8.ToArray();
    static readonly byte[] PerfEvent = "perf_event"u8.ToArray();

    /// <summary>The name to show for <paramref name="raw"/>, written into <paramref name="buffer"/> when it has to be rebuilt.</summary>
    public static ReadOnlySpan<byte> Normalized(ReadOnlySpan<byte> raw, Span<byte> buffer)
    {
        var name = raw;
        var suffix = raw.IndexOf("_cgroup"u8);
        if (suffix >= 0 && raw.Length - "_cgroup"u8.Length <= buffer.Length)
        {
            raw[..suffix].CopyTo(buffer);
            raw[(suffix + "_cgroup"u8.Length)..].CopyTo(buffer[suffix..]);
            name = buffer[..(raw.Length - "_cgroup"u8.Length)];
        }
        if (name.SequenceEqual("perf"u8)) return PerfEvent;
        if (name.SequenceEqual("mem"u8)) return Memory;
        if (name.SequenceEqual("io"u8)) return Blkio;
        return name;
    }

    /// <summary>Whether a shown name is <paramref name="controller"/> (ASCII, as controller names are).</summary>
    public static bool Is(ReadOnlySpan<byte> name, string controller)
    {
        if (name.Length != controller.Length) return false;
        for (var i = 0; i < name.Length; i++)
            if (name[i] != controller[i]) return false;
        return true;
    }
}
