using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Capture.Native.Abi;
using Capture.Native.Processes;
using Capture.Native.Schema;

namespace Capture.Native.Specs.Formatting;

/// <summary>
/// Just enough of a scap file reader to feed the formatting specs whole fixtures: process,
/// fd and user lists, and events (v1 events turned into v2 frames). It knows only the block
/// versions the fixtures use and trusts them; the product's reader lives in
/// Capture.Native/Files. Events with ids sysdig 0.29.3 does not know are left out, as that
/// reader skips them without counting.
/// </summary>
public sealed class FixtureCapture
{
    public ThreadTable Threads { get; } = new();
    public AccountNames Accounts { get; } = new();
    public List<(ushort Cpu, byte[] Frame)> Events { get; } = [];

    public static FixtureCapture Load(string path)
    {
        var data = File.ReadAllBytes(path);
        if (data is [0x1f, 0x8b, ..])
        {
            using var inflated = new MemoryStream();
            using (var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress)) gzip.CopyTo(inflated);
            data = inflated.ToArray();
        }
        var capture = new FixtureCapture();
        var fds = new FdListLoader(capture.Threads);
        for (var at = 0; at + 8 <= data.Length;)
        {
            var type = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at));
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at + 4));
            var body = data.AsSpan(at + 8, length - 12);
            switch (type)
            {
                case 0x211 or 0x215: capture.ReadProcessList(body, withEntryLength: type == 0x215); break;
                case 0x203 or 0x218: ReadFdList(fds, body, withEntryLength: type == 0x218); break;
                case 0x206 or 0x220: capture.ReadUserList(body, withEntryLength: type == 0x220); break;
                case 0x204: capture.AddEvent(body, v1: true); break;
                case 0x216: capture.AddEvent(body, v1: false); break;
            }
            at += length;
        }
        fds.Complete();
        return capture;
    }

    void AddEvent(ReadOnlySpan<byte> body, bool v1)
    {
        var cpu = BinaryPrimitives.ReadUInt16LittleEndian(body);
        var ev = body[2..];
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(ev[16..]);
        var info = EventTable.Find(BinaryPrimitives.ReadUInt16LittleEndian(ev[20..]));
        if (info?.LegacyParamCount is not { } legacyCount) return;
        Events.Add((cpu, v1 ? ToV2(ev[..length], legacyCount) : ev[..length].ToArray()));
    }

    // A v1 header has no nparams: the count is the largest one, up to what the 2022 table
    // lists, whose lengths add up to the event's length.
    static byte[] ToV2(ReadOnlySpan<byte> ev, int legacyCount)
    {
        var count = legacyCount;
        for (; count > 0; count--)
        {
            var end = EventHeader.SizeV1 + count * 2;
            if (end > ev.Length) continue;
            for (var i = 0; i < count; i++) end += BinaryPrimitives.ReadUInt16LittleEndian(ev[(EventHeader.SizeV1 + i * 2)..]);
            if (end == ev.Length) break;
        }
        var frame = new byte[ev.Length + 4];
        ev[..20].CopyTo(frame);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(16), (uint)frame.Length);
        ev.Slice(20, 2).CopyTo(frame.AsSpan(20));
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(22), (uint)count);
        ev[EventHeader.SizeV1..].CopyTo(frame.AsSpan(EventHeader.Size));
        return frame;
    }

    void ReadProcessList(ReadOnlySpan<byte> body, bool withEntryLength)
    {
        for (var at = 0; body.Length - at > 8;)
        {
            var start = at;
            var entryLength = 0;
            if (withEntryLength) entryLength = (int)U32(body, ref at);
            var tid = (long)U64(body, ref at);
            var pid = (long)U64(body, ref at);
            var ptid = (long)U64(body, ref at);
            if (withEntryLength) at += 16; // sid, vpgid
            var comm = Str(body, ref at);
            var exe = Str(body, ref at);
            if (withEntryLength) Str(body, ref at); // exepath
            var args = Str(body, ref at);
            var cwd = Str(body, ref at);
            Threads.Add(new ThreadEntry(tid, pid, ptid, comm, exe, exe, args.TrimEnd('\0').Split('\0'), cwd, 0, 0));
            if (withEntryLength)
            {
                at = start + entryLength;
                continue;
            }
            at += 8 + 4 + 4 + 4 + 12 + 16; // fdlimit, flags, uid, gid, vm sizes, page faults
            Str(body, ref at); // env
            at += 16; // vtid, vpid
            Str(body, ref at); // cgroups
            Str(body, ref at); // root
        }
    }

    static void ReadFdList(FdListLoader fds, ReadOnlySpan<byte> body, bool withEntryLength)
    {
        var at = 0;
        var tid = (long)U64(body, ref at);
        while (body.Length - at >= 4)
        {
            var start = at;
            var entryLength = withEntryLength ? (int)U32(body, ref at) : 0;
            var fd = (long)U64(body, ref at);
            at += 8; // inode
            var kind = (FdKind)body[at++];
            switch (kind)
            {
                case FdKind.Ipv4Socket:
                    fds.Ipv4Connection(tid, fd, body.Slice(at, 4), BinaryPrimitives.ReadUInt16LittleEndian(body[(at + 8)..]),
                        body.Slice(at + 4, 4), BinaryPrimitives.ReadUInt16LittleEndian(body[(at + 10)..]), body[at + 12]);
                    at += 13;
                    break;
                case FdKind.Ipv4ServerSocket:
                    fds.Ipv4Server(tid, fd, body.Slice(at, 4), BinaryPrimitives.ReadUInt16LittleEndian(body[(at + 4)..]), body[at + 6]);
                    at += 7;
                    break;
                case FdKind.Ipv6Socket:
                    fds.Ipv6Connection(tid, fd, body.Slice(at, 16), BinaryPrimitives.ReadUInt16LittleEndian(body[(at + 32)..]),
                        body.Slice(at + 16, 16), BinaryPrimitives.ReadUInt16LittleEndian(body[(at + 34)..]), body[at + 36]);
                    at += 37;
                    break;
                case FdKind.Ipv6ServerSocket:
                    fds.Ipv6Server(tid, fd, body.Slice(at, 16), BinaryPrimitives.ReadUInt16LittleEndian(body[(at + 16)..]), body[at + 18]);
                    at += 19;
                    break;
                case FdKind.UnixSocket:
                    at += 16; // source and destination socket pointers
                    fds.Unix(tid, fd, Bytes(body, ref at));
                    break;
                case FdKind.FileV2:
                    at += 4; // open flags
                    fds.Named(tid, fd, kind, Bytes(body, ref at));
                    break;
                case FdKind.Unknown:
                    fds.Named(tid, fd, kind, []);
                    break;
                default:
                    fds.Named(tid, fd, kind, Bytes(body, ref at));
                    break;
            }
            if (withEntryLength) at = start + entryLength;
        }
    }

    void ReadUserList(ReadOnlySpan<byte> body, bool withEntryLength)
    {
        for (var at = 0; body.Length - at > 4;)
        {
            var start = at;
            var entryLength = withEntryLength ? (int)U32(body, ref at) : 0;
            var isGroup = body[at++] == 1;
            if (isGroup)
            {
                var gid = U32(body, ref at);
                Accounts.AddGroup(gid, Str(body, ref at));
            }
            else
            {
                var uid = U32(body, ref at);
                U32(body, ref at); // gid
                Accounts.AddUser(uid, Str(body, ref at));
                Str(body, ref at); // home
                Str(body, ref at); // shell
            }
            if (withEntryLength) at = start + entryLength;
        }
    }

    static uint U32(ReadOnlySpan<byte> body, ref int at)
    {
        var value = BinaryPrimitives.ReadUInt32LittleEndian(body[at..]);
        at += 4;
        return value;
    }

    static ulong U64(ReadOnlySpan<byte> body, ref int at)
    {
        var value = BinaryPrimitives.ReadUInt64LittleEndian(body[at..]);
        at += 8;
        return value;
    }

    static ReadOnlySpan<byte> Bytes(ReadOnlySpan<byte> body, ref int at)
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(body[at..]);
        var value = body.Slice(at + 2, length);
        at += 2 + length;
        return value;
    }

    static string Str(ReadOnlySpan<byte> body, ref int at) => Encoding.UTF8.GetString(Bytes(body, ref at));
}
