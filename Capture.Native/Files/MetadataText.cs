using System.Text;

namespace Capture.Native.Files;

/// <summary>
/// Strings in the process, fd and user lists, cut to what libscap reads. Its reader copies
/// each string into a fixed buffer and refuses the whole file ("invalid argslen 6017") when a
/// length is over that buffer's size, so a process with a long command line anywhere on the
/// machine would make a live file unreadable. libscap's own /proc scan cuts at the same sizes.
/// </summary>
internal static class MetadataText
{
    /// <summary>comm, exe, cwd, fd names: under SCAP_MAX_PATH_SIZE (1024), the strictest check on them.</summary>
    public const int PathBytes = 1023;

    /// <summary>The NUL-separated arguments: at most SCAP_MAX_ARGS_SIZE (4096).</summary>
    public const int ArgsBytes = 4096;

    /// <summary>The NUL-terminated cgroup entries: at most SCAP_MAX_CGROUPS_SIZE (4096).</summary>
    public const int CgroupsBytes = 4096;

    /// <summary>The NUL-terminated environment entries: at most SCAP_MAX_ENV_SIZE (4096).</summary>
    public const int EnvBytes = 4096;

    /// <summary>User and group names, home directories, shells: under MAX_CREDENTIALS_STR_LEN (256).</summary>
    public const int CredentialBytes = 255;

    /// <summary>The UTF-8 bytes of <paramref name="value"/>, cut on a character boundary to at most <paramref name="limit"/>.</summary>
    public static byte[] Utf8(string value, int limit)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return bytes.Length <= limit ? bytes : bytes[..CharacterBoundary(bytes, limit)];
    }

    /// <summary>Each argument followed by a NUL; when they do not fit, the last one kept is cut and still ends with its NUL.</summary>
    public static byte[] Arguments(IEnumerable<string> args)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(args.Select(a => a + "\0")));
        if (bytes.Length <= ArgsBytes) return bytes;
        var cut = bytes[..(CharacterBoundary(bytes, ArgsBytes - 1) + 1)];
        cut[^1] = 0;
        return cut;
    }

    /// <summary>NUL-terminated entries cut to whole entries that fit <paramref name="limit"/>.</summary>
    public static byte[] Entries(string entries, int limit)
    {
        var bytes = Encoding.UTF8.GetBytes(entries);
        if (bytes.Length <= limit) return bytes;
        var end = bytes.AsSpan(0, limit).LastIndexOf((byte)0);
        return bytes[..(end + 1)];
    }

    /// <summary>A string as the lists store it: its length in 16 bits, then its bytes.</summary>
    public static void WriteText(this BinaryWriter writer, ReadOnlySpan<byte> value)
    {
        writer.Write((ushort)value.Length);
        writer.Write(value);
    }

    /// <summary>The longest prefix of at most <paramref name="limit"/> bytes that does not end inside a character.</summary>
    static int CharacterBoundary(byte[] utf8, int limit)
    {
        var end = limit;
        // A continuation byte (10xxxxxx) at the cut means a character starts before it and goes on after.
        while (end > 0 && (utf8[end] & 0xC0) == 0x80) end--;
        return end;
    }
}
