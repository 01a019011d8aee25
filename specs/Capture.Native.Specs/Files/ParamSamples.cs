using Capture.Native.Schema;

namespace Capture.Native.Specs.Files;

/// <summary>A plausible, well-formed value for every parameter type, to fill events of any id.</summary>
public static class ParamSamples
{
    public static byte[] For(ParamType type) => type switch
    {
        ParamType.INT8 or ParamType.UINT8 or ParamType.SIGTYPE or ParamType.L4PROTO or ParamType.SOCKFAMILY or ParamType.FLAGS8 or ParamType.ENUMFLAGS8 => [1],
        ParamType.INT16 or ParamType.UINT16 or ParamType.SYSCALLID or ParamType.PORT or ParamType.FLAGS16 or ParamType.ENUMFLAGS16 => [1, 0],
        ParamType.INT32 or ParamType.UINT32 or ParamType.BOOL or ParamType.IPV4ADDR or ParamType.FLAGS32 or ParamType.UID or ParamType.GID
            or ParamType.SIGSET or ParamType.MODE or ParamType.ENUMFLAGS32 or ParamType.FD32 or ParamType.PID32 => [1, 0, 0, 0],
        ParamType.INT64 or ParamType.UINT64 or ParamType.ERRNO or ParamType.FD or ParamType.PID or ParamType.RELTIME or ParamType.ABSTIME
            or ParamType.DOUBLE => Frames.I64(3),
        ParamType.CHARBUF or ParamType.FSPATH or ParamType.FSRELPATH => Frames.Str("/tmp/x"),
        ParamType.BYTEBUF => "abc"u8.ToArray(),
        ParamType.SOCKADDR => [2, 127, 0, 0, 1, 0x50, 0],
        ParamType.SOCKTUPLE => [2, 127, 0, 0, 1, 0x50, 0, 127, 0, 0, 1, 0x51, 0],
        ParamType.FDLIST => [0, 0],
        ParamType.CHARBUFARRAY or ParamType.CHARBUF_PAIR_ARRAY => "a\0b\0"u8.ToArray(),
        ParamType.DYN => [0, .. Frames.I64(3)],
        ParamType.IPV6ADDR => new byte[16],
        ParamType.IPV4NET => [127, 0, 0, 1, 8],
        ParamType.IPADDR => [2, 127, 0, 0, 1],
        ParamType.IPNET => [2, 127, 0, 0, 1, 8],
        _ => new byte[17],
    };

    /// <summary>Every parameter the current schema lists for <paramref name="type"/>, with the given ones replaced.</summary>
    public static byte[] Event(ulong timestamp, ulong tid, ushort type, params (int Index, byte[] Value)[] replaced)
    {
        var values = EventTable.Find(type)!.Params.Select(p => For(p.Type)).ToArray();
        foreach (var (index, value) in replaced) values[index] = value;
        return Frames.Build(timestamp, tid, type, values);
    }
}
