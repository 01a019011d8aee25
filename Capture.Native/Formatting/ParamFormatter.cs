using System.Buffers.Binary;
using Capture.Native.Events;
using Capture.Native.Processes;
using Capture.Native.Schema;
using Capture.Native.Text;

namespace Capture.Native.Formatting;

/// <summary>
/// Renders one parameter the way sysdig 0.29.3 prints it inside <c>evt.info</c>: the value,
/// then in parentheses what sysdig resolves it to when it can (<c>-2(ENOENT)</c>,
/// <c>3(&lt;f&gt;/etc/passwd)</c>, <c>17497(curl)</c>, <c>6(O_CREAT|O_WRONLY)</c>).
///
/// Bad input never throws: an empty value prints as sysdig prints a missing one, and a
/// fixed-size value of the wrong length prints <see cref="ParamText.Invalid"/>. Nothing here
/// allocates; names come from tables built once and from the thread table.
/// </summary>
public sealed class ParamFormatter(ThreadTable? threads = null, AccountNames? accounts = null, TimeSpan utcOffset = default)
{
    /// <summary>Local time's offset from UTC, as the times printed in lines and fields use it.</summary>
    public TimeSpan UtcOffset => utcOffset;

    const long AtFdCwd = -100;

    /// <summary>The user and group names it resolves ids with, when it has them.</summary>
    public AccountNames? Accounts => accounts;

    /// <summary>How byte buffers are shown (sysdig's default, -A, -X, -x or -b).</summary>
    public BufferStyle BufferStyle { get; init; }

    /// <summary>
    /// Writes parameter <paramref name="index"/> of <paramref name="ev"/>.
    /// <paramref name="thread"/> is the thread that made the event, when known: sysdig
    /// resolves fds and relative paths only then. <paramref name="bufferLimit"/> cuts byte
    /// buffers to that many characters, ending in "...", as sysdig's text output does
    /// (80 there); 0 keeps them whole.
    /// </summary>
    public void Write(Utf8Buffer dst, in EventView ev, int index, ThreadInfo? thread, int bufferLimit)
    {
        var param = Sysdig029Params.Of(ev.Info)[index];
        var value = ev.Param(index);
        var type = param.Type;
        if (type == ParamType.DYN)
        {
            if (value.IsEmpty)
            {
                dst.Append(ParamText.Null);
                return;
            }
            var choices = param.Dynamic is null ? default : param.Dynamic.Choices;
            if (value[0] >= choices.Length)
            {
                dst.Append("INVALID DYNAMIC PARAMETER"u8);
                return;
            }
            // The selected type decides the decoding; the number format stays the parameter's
            // own, as sysdig 0.29.3 has it.
            type = choices[value[0]].Type;
            value = value[1..];
        }
        WriteValue(dst, type, param, value, ev, index, thread, bufferLimit);
    }

    void WriteValue(Utf8Buffer dst, ParamType type, ParamInfo param, ReadOnlySpan<byte> value,
        in EventView ev, int index, ThreadInfo? thread, int bufferLimit)
    {
        if (value.IsEmpty)
        {
            WriteEmpty(dst, type);
            return;
        }
        var size = ParamSizes.Fixed(type);
        if (size > 0 && value.Length != size)
        {
            dst.Append(ParamText.Invalid);
            return;
        }

        var format = param.Format;
        switch (type)
        {
            case ParamType.INT8: NumberText.WriteInteger(dst, (sbyte)value[0], (uint)(sbyte)value[0], format); break;
            case ParamType.INT16:
                var i16 = BinaryPrimitives.ReadInt16LittleEndian(value);
                NumberText.WriteInteger(dst, i16, (uint)i16, format);
                break;
            case ParamType.INT32:
                var i32 = BinaryPrimitives.ReadInt32LittleEndian(value);
                NumberText.WriteInteger(dst, i32, (uint)i32, format);
                break;
            case ParamType.INT64:
                var i64 = BinaryPrimitives.ReadInt64LittleEndian(value);
                NumberText.WriteInteger(dst, i64, (ulong)i64, format);
                break;
            case ParamType.UINT8 or ParamType.L4PROTO or ParamType.SOCKFAMILY:
                NumberText.WriteInteger(dst, value[0], value[0], format);
                break;
            case ParamType.UINT16 or ParamType.PORT:
                var u16 = BinaryPrimitives.ReadUInt16LittleEndian(value);
                NumberText.WriteInteger(dst, u16, u16, format);
                break;
            // sysdig prints unsigned 32- and 64-bit values in decimal as signed ones.
            case ParamType.UINT32:
                var u32 = BinaryPrimitives.ReadUInt32LittleEndian(value);
                NumberText.WriteInteger(dst, (int)u32, u32, format);
                break;
            case ParamType.UINT64:
                var u64 = BinaryPrimitives.ReadUInt64LittleEndian(value);
                NumberText.WriteInteger(dst, (long)u64, u64, format);
                break;
            case ParamType.ERRNO:
                var result = BinaryPrimitives.ReadInt64LittleEndian(value);
                dst.AppendFormatted(result);
                if (result < 0) WriteResolved(dst, ErrnoNames.ForResult(result));
                break;
            case ParamType.FD: WriteFd(dst, BinaryPrimitives.ReadInt64LittleEndian(value), thread); break;
            case ParamType.FD32: WriteFd(dst, BinaryPrimitives.ReadInt32LittleEndian(value), thread); break;
            case ParamType.PID: WritePid(dst, BinaryPrimitives.ReadInt64LittleEndian(value)); break;
            case ParamType.PID32: WritePid(dst, BinaryPrimitives.ReadInt32LittleEndian(value)); break;
            case ParamType.CHARBUF: dst.Append(UpToNul(value)); break;
            case ParamType.FSPATH or ParamType.FSRELPATH: WritePath(dst, type, value, ev, index, thread); break;
            case ParamType.BYTEBUF:
                switch (BufferStyle)
                {
                    case BufferStyle.Ascii: BufferText.WriteAsciiOnly(dst, value); break;
                    case BufferStyle.HexAscii: BufferText.WriteHex(dst, value, withAscii: true); break;
                    case BufferStyle.Hex: BufferText.WriteHex(dst, value, withAscii: false); break;
                    case BufferStyle.Base64: BufferText.WriteBase64(dst, value); break;
                    default: WriteBytes(dst, value, bufferLimit); break;
                }
                break;
            case ParamType.CHARBUFARRAY: WriteStringArray(dst, value); break;
            case ParamType.CHARBUF_PAIR_ARRAY: WritePairArray(dst, value); break;
            case ParamType.SOCKADDR: SocketText.WriteSockaddr(dst, value); break;
            case ParamType.SOCKTUPLE: SocketText.WriteSocktuple(dst, value); break;
            case ParamType.FDLIST: WriteFdList(dst, value, thread); break;
            case ParamType.SYSCALLID: WriteSyscall(dst, BinaryPrimitives.ReadUInt16LittleEndian(value)); break;
            case ParamType.SIGTYPE:
                dst.AppendFormatted(value[0]);
                WriteResolved(dst, SignalNames.Of(value[0]));
                break;
            case ParamType.SIGSET: WriteSignalSet(dst, BinaryPrimitives.ReadUInt32LittleEndian(value)); break;
            case ParamType.RELTIME: WriteRelativeTime(dst, BinaryPrimitives.ReadUInt64LittleEndian(value)); break;
            case ParamType.ABSTIME: TimeText.WriteAbsolute(dst, BinaryPrimitives.ReadUInt64LittleEndian(value), utcOffset); break;
            case ParamType.FLAGS8 or ParamType.FLAGS16 or ParamType.FLAGS32
                or ParamType.ENUMFLAGS8 or ParamType.ENUMFLAGS16 or ParamType.ENUMFLAGS32:
                var flags = ReadUnsigned(value);
                dst.AppendFormatted(flags);
                if (param.Flags is { } table)
                {
                    var mark = BeginResolved(dst);
                    FlagText.WriteNames(dst, table, flags, exact: type is ParamType.ENUMFLAGS8 or ParamType.ENUMFLAGS16 or ParamType.ENUMFLAGS32);
                    EndResolved(dst, mark);
                }
                break;
            case ParamType.MODE:
                var mode = BinaryPrimitives.ReadUInt32LittleEndian(value);
                NumberText.WriteInteger(dst, (int)mode, mode, format);
                if (param.Flags is { } modes)
                {
                    var mark = BeginResolved(dst);
                    FlagText.WriteNames(dst, modes, mode, exact: false);
                    EndResolved(dst, mark);
                }
                break;
            case ParamType.UID or ParamType.GID: WriteAccount(dst, BinaryPrimitives.ReadUInt32LittleEndian(value), isUser: type == ParamType.UID); break;
            case ParamType.BOOL: dst.Append(BinaryPrimitives.ReadUInt32LittleEndian(value) != 0 ? "true"u8 : "false"u8); break;
            case ParamType.DOUBLE: dst.AppendFormatted(BinaryPrimitives.ReadDoubleLittleEndian(value), "F6"); break;
            case ParamType.IPV4ADDR: IpText.WriteIpv4(dst, value); break;
            case ParamType.IPV6ADDR: IpText.WriteIpv6(dst, value); break;
            case ParamType.IPADDR or ParamType.IPNET or ParamType.IPV4NET or ParamType.IPV6NET: WriteIpAddress(dst, value); break;
            default: dst.Append("(n.a.)"u8); break;
        }
    }

    static void WriteEmpty(Utf8Buffer dst, ParamType type)
    {
        switch (type)
        {
            // sysdig 0.29.3 prints an empty buffer, string or argument list as nothing at all (args=).
            case ParamType.BYTEBUF or ParamType.CHARBUF or ParamType.FSPATH or ParamType.FSRELPATH or ParamType.CHARBUFARRAY:
                break;
            case ParamType.SOCKADDR or ParamType.SOCKTUPLE or ParamType.FDLIST or ParamType.DYN or ParamType.CHARBUF_PAIR_ARRAY:
                dst.Append(ParamText.Null);
                break;
            default:
                dst.Append(ParamText.NotAvailable);
                break;
        }
    }

    static uint ReadUnsigned(ReadOnlySpan<byte> value) => value.Length switch
    {
        1 => value[0],
        2 => BinaryPrimitives.ReadUInt16LittleEndian(value),
        _ => BinaryPrimitives.ReadUInt32LittleEndian(value),
    };

    static ReadOnlySpan<byte> UpToNul(ReadOnlySpan<byte> value)
    {
        var end = value.IndexOf((byte)0);
        return end < 0 ? value : value[..end];
    }

    // "(" is written speculatively and taken back when nothing resolves, so that the
    // resolution can be written straight into the output without a scratch copy.
    static int BeginResolved(Utf8Buffer dst)
    {
        var mark = dst.Length;
        dst.Append((byte)'(');
        return mark;
    }

    static void EndResolved(Utf8Buffer dst, int mark)
    {
        if (dst.Length == mark + 1) dst.Truncate(mark);
        else dst.Append((byte)')');
    }

    static void WriteResolved(Utf8Buffer dst, ReadOnlySpan<byte> resolved)
    {
        if (resolved.IsEmpty) return;
        dst.Append((byte)'(');
        dst.Append(resolved);
        dst.Append((byte)')');
    }

    void WriteFd(Utf8Buffer dst, long fd, ThreadInfo? thread)
    {
        dst.AppendFormatted(fd);
        if (thread is null || threads is null) return;
        if (fd >= 0)
        {
            if (threads.FindFd(thread, fd) is not { } entry) return;
            dst.Append("(<"u8);
            dst.Append(entry.Kind.TypeChar());
            if (entry.Transport != 0 && entry.Kind.IsIpSocket()) dst.Append(entry.Transport);
            dst.Append((byte)'>');
            SocketText.WriteSanitizedCString(dst, entry.Name);
            dst.Append((byte)')');
        }
        else if (fd == AtFdCwd) dst.Append("(AT_FDCWD)"u8);
        else WriteResolved(dst, ErrnoNames.ForResult(fd));
    }

    void WritePid(Utf8Buffer dst, long pid)
    {
        dst.AppendFormatted(pid);
        if (threads?.Find(pid) is { } named) WriteResolved(dst, named.Comm);
    }

    void WritePath(Utf8Buffer dst, ParamType type, ReadOnlySpan<byte> value, in EventView ev, int index, ThreadInfo? thread)
    {
        var path = UpToNul(value);
        foreach (var b in path)
            if (PathText.IsPrintable(b)) dst.Append(b);
        if (thread is null || threads is null || PathText.IsAbsolute(path) || path.StartsWith("<NA>"u8)) return;

        var baseDir = threads.CwdOf(thread);
        if (type == ParamType.FSRELPATH && DirFdBefore(ev, index) is { } dirfd && dirfd != AtFdCwd)
            baseDir = threads.FindFd(thread, dirfd) is { Name.Length: > 0 } dir ? dir.Name : default;

        var mark = BeginResolved(dst);
        PathText.WriteJoined(dst, baseDir, path);
        EndResolved(dst, mark);
    }

    /// <summary>Every *at call carries its directory fd just before the relative path.</summary>
    static long? DirFdBefore(in EventView ev, int index)
    {
        if (index == 0 || ev.Info.Params[index - 1].Type != ParamType.FD) return null;
        var dirfd = ev.Param(index - 1);
        return dirfd.Length == 8 ? BinaryPrimitives.ReadInt64LittleEndian(dirfd) : null;
    }

    // A cut buffer keeps its length: its last three characters become "..." (none when
    // the limit leaves no room for them).
    static void WriteBytes(Utf8Buffer dst, ReadOnlySpan<byte> value, int limit)
    {
        var cut = limit > 0 && value.Length > limit;
        var dots = cut && limit > 3;
        var shown = !cut ? value : dots ? value[..(limit - 3)] : value[..limit];
        foreach (var b in shown) dst.Append(PathText.IsPrintable(b) ? b : (byte)'.');
        if (dots) dst.Append("..."u8);
    }

    static void WriteStringArray(Utf8Buffer dst, ReadOnlySpan<byte> value)
    {
        if (value[^1] == 0) value = value[..^1];
        foreach (var b in value) dst.Append(b == 0 ? (byte)'.' : b);
    }

    static void WritePairArray(Utf8Buffer dst, ReadOnlySpan<byte> value)
    {
        if (value[^1] == 0) value = value[..^1];
        var first = true;
        foreach (var b in value)
        {
            if (b == 0)
            {
                dst.Append(first ? (byte)':' : (byte)',');
                first = !first;
            }
            else dst.Append(b);
        }
    }

    void WriteFdList(Utf8Buffer dst, ReadOnlySpan<byte> value, ThreadInfo? thread)
    {
        if (value.Length < 2)
        {
            dst.Append(ParamText.Invalid);
            return;
        }
        var count = BinaryPrimitives.ReadUInt16LittleEndian(value);
        if (value.Length < 2 + count * 10)
        {
            dst.Append(ParamText.Invalid);
            return;
        }
        if (thread is null) return;
        for (var i = 0; i < count; i++)
        {
            var entry = value.Slice(2 + i * 10, 10);
            var fd = BinaryPrimitives.ReadInt64LittleEndian(entry);
            if (i > 0) dst.Append((byte)' ');
            dst.AppendFormatted((ulong)fd);
            dst.Append((byte)':');
            dst.Append(threads?.FindFd(thread, fd) is { } known ? known.Kind.TypeChar() : (byte)'?');
            dst.AppendFormatted((uint)BinaryPrimitives.ReadInt16LittleEndian(entry[8..]), "x");
        }
    }

    static void WriteSyscall(Utf8Buffer dst, ushort code)
    {
        var name = SyscallNames.Of(code);
        if (name is null)
        {
            dst.Append("<unknown syscall>"u8);
            return;
        }
        dst.AppendFormatted(code);
        dst.Append((byte)'(');
        dst.Append(name);
        dst.Append((byte)')');
    }

    static void WriteSignalSet(Utf8Buffer dst, uint set)
    {
        var first = true;
        for (var signal = 0; signal < 32; signal++)
        {
            if ((set & (1u << signal)) == 0) continue;
            var name = SignalNames.Of(signal + 1);
            if (name.IsEmpty) continue;
            if (!first) dst.Append((byte)' ');
            dst.Append(name);
            first = false;
        }
    }

    static void WriteRelativeTime(Utf8Buffer dst, ulong nanoseconds)
    {
        if (nanoseconds == ulong.MaxValue)
        {
            dst.Append("none"u8);
            return;
        }
        dst.AppendFormatted(nanoseconds);
        dst.Append((byte)'(');
        NumberText.WriteShortestDouble(dst, nanoseconds / 1e9);
        dst.Append("s)"u8);
    }

    void WriteAccount(Utf8Buffer dst, uint id, bool isUser)
    {
        if (id == uint.MaxValue)
        {
            dst.Append("-1(<NONE>)"u8);
            return;
        }
        dst.AppendFormatted((int)id);
        dst.Append((byte)'(');
        var name = isUser ? accounts?.UserName(id) : accounts?.GroupName(id);
        dst.Append(name ?? ParamText.NotAvailable);
        dst.Append((byte)')');
    }

    static void WriteIpAddress(Utf8Buffer dst, ReadOnlySpan<byte> value)
    {
        switch (value.Length)
        {
            case 4: IpText.WriteIpv4(dst, value); break;
            case 16: IpText.WriteIpv6(dst, value); break;
            case 5:
                IpText.WriteIpv4(dst, value);
                dst.Append((byte)'/');
                dst.AppendFormatted(value[4]);
                break;
            case 17:
                IpText.WriteIpv6(dst, value);
                dst.Append((byte)'/');
                dst.AppendFormatted(value[16]);
                break;
            default: dst.Append(ParamText.Invalid); break;
        }
    }
}
