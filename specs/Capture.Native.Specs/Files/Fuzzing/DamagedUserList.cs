using System.Buffers.Binary;
using Capture.Native.Files;

namespace Capture.Native.Specs.Files.Fuzzing;

/// <summary>
/// The user-list damage that once escaped the reader as an exception, one kind per file: the
/// section header, machine info and user list of libs-sample-2023.scap with one length in the
/// list changed, then its first <see cref="Events"/> events. The files under
/// specs/fixtures/scap/damaged/ are exactly what <see cref="Make"/> returns.
/// </summary>
public static class DamagedUserList
{
    public const int Events = 12;
    const string Source = "libs-sample-2023.scap";

    /// <summary>The kind, the field the reader must name, and the problem it is reported as.</summary>
    public static readonly TheoryData<string, string> Kinds = new()
    {
        { "user-name", "user name needs 65535 bytes" },
        { "home-directory", "home directory needs 65535 bytes" },
        { "shell", "shell needs 65535 bytes" },
        { "group-name", "group name needs 65535 bytes" },
        { "entry-past-block", "user-list entry of uid 0 declares 16777215 bytes" },
        { "entry-shorter-than-fields", "user-list entry of uid 0 declares 5 bytes but its fields take 37" },
    };

    public static string FixtureName(string kind) => $"damaged/user-list-{kind}.scap";

    public static BlockSpan UserList => CaptureBytes.Load(Source).Blocks.First(b => b.Type == BlockType.UserListV2);

    public static byte[] Make(string kind)
    {
        var capture = CaptureBytes.Load(Source);
        var kept = capture.Blocks.TakeWhile(b => BlockType.ProcessListVersion(b.Type) == 0).ToList();
        kept.AddRange(capture.Blocks.Where(b => b.IsEvent).Take(Events));
        var bytes = kept.SelectMany(b => capture.Bytes.AsSpan((int)b.Offset, b.Length).ToArray()).ToArray();

        // Offsets within the first entry (root): u32 entry length, u8 kind, u32 uid, u32 gid,
        // then u16-prefixed name "root", home "/root", shell.
        var entry = (int)UserList.Offset + BlockFraming.HeaderSize;
        var (at, width, value) = kind switch
        {
            "user-name" => (entry + 13, 2, 0xFFFFu),
            "home-directory" => (entry + 19, 2, 0xFFFFu),
            "shell" => (entry + 26, 2, 0xFFFFu),
            "group-name" => (FirstGroupEntry(bytes, entry) + 9, 2, 0xFFFFu),
            "entry-past-block" => (entry, 4, 0xFF_FFFFu),
            "entry-shorter-than-fields" => (entry, 4, 5u),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        if (width == 2) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), (ushort)value);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), value);
        return bytes;
    }

    static int FirstGroupEntry(byte[] bytes, int entry)
    {
        while (bytes[entry + 4] != 1) entry += (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(entry));
        return entry;
    }
}
