using Capture.Native.Schema;

namespace Capture.Actors.Drivers.Simulated;

/// <summary>
/// The events the simulated kernel writes: read, write and open exits laid out as the
/// event table says, so everything downstream (views, formatting, files) can decode them.
/// </summary>
static class SyscallFrames
{
    /// <summary>No simulated frame is longer than this; ring slots are this big.</summary>
    public const int MaxFrameBytes = 192;

    static ReadOnlySpan<byte> Payload => "GET / HTTP/1.1\r\nHost: example\r\n"u8;

    static readonly byte[][] s_paths =
    [
        "/etc/hosts"u8.ToArray(), "/etc/passwd"u8.ToArray(), "/var/log/syslog"u8.ToArray(),
        "/proc/self/status"u8.ToArray(), "/usr/lib/x86_64-linux-gnu/libc.so.6"u8.ToArray(),
    ];

    /// <summary>Writes event number <paramref name="pick"/> of the mix; returns its length.</summary>
    public static int Write(Span<byte> frame, ulong timestamp, ulong threadId, uint pick)
    {
        var fd = 3 + (long)(pick % 7);
        switch (pick % 3)
        {
            case 0:
            {
                var data = Payload[..(int)(pick % (uint)Payload.Length)];
                var writer = new ScapFrameWriter(frame, timestamp, threadId, EventIds.PPME_SYSCALL_READ_X, 4);
                writer.Int64(data.Length);
                writer.Bytes(data);
                writer.Int64(fd);
                writer.UInt32(4096);
                return writer.Finish();
            }
            case 1:
            {
                var data = Payload[..(int)((pick >> 3) % (uint)Payload.Length)];
                var writer = new ScapFrameWriter(frame, timestamp, threadId, EventIds.PPME_SYSCALL_WRITE_X, 4);
                writer.Int64(data.Length);
                writer.Bytes(data);
                writer.Int64(fd);
                writer.UInt32((uint)data.Length);
                return writer.Finish();
            }
            default:
            {
                var writer = new ScapFrameWriter(frame, timestamp, threadId, EventIds.PPME_SYSCALL_OPEN_X, 6);
                writer.Int64(fd);
                writer.String(s_paths[pick % (uint)s_paths.Length]);
                writer.UInt32(0);     // O_RDONLY
                writer.UInt32(0);     // mode
                writer.UInt32(0x803); // dev
                writer.UInt64(1000 + pick);
                return writer.Finish();
            }
        }
    }

    /// <summary>
    /// A frame whose length array overruns its len: the shape of a torn write, which the
    /// ring must catch with <see cref="Capture.Native.Events.EventView.TryRead"/>.
    /// </summary>
    public static int WriteCorrupt(Span<byte> frame, ulong timestamp, ulong threadId)
    {
        var length = Write(frame, timestamp, threadId, 1);
        frame[Capture.Native.Abi.EventHeader.Size] = 0xff; // first param length now far past len
        frame[Capture.Native.Abi.EventHeader.Size + 1] = 0x7f;
        return length;
    }
}
