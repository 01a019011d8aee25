using Capture.Native.Schema;

namespace Capture.Native.Formatting;

/// <summary>The byte size of each fixed-size parameter type; 0 for types of variable length.</summary>
public static class ParamSizes
{
    public static int Fixed(ParamType type) => type switch
    {
        ParamType.INT8 or ParamType.UINT8 or ParamType.SIGTYPE or ParamType.FLAGS8 or ParamType.ENUMFLAGS8
            or ParamType.L4PROTO or ParamType.SOCKFAMILY => 1,
        ParamType.INT16 or ParamType.UINT16 or ParamType.SYSCALLID or ParamType.FLAGS16 or ParamType.ENUMFLAGS16
            or ParamType.PORT => 2,
        ParamType.INT32 or ParamType.UINT32 or ParamType.FLAGS32 or ParamType.ENUMFLAGS32 or ParamType.UID
            or ParamType.GID or ParamType.MODE or ParamType.SIGSET or ParamType.BOOL or ParamType.IPV4ADDR
            or ParamType.FD32 or ParamType.PID32 => 4,
        ParamType.INT64 or ParamType.UINT64 or ParamType.ERRNO or ParamType.FD or ParamType.PID
            or ParamType.RELTIME or ParamType.ABSTIME or ParamType.DOUBLE => 8,
        ParamType.IPV6ADDR => 16,
        _ => 0,
    };
}
