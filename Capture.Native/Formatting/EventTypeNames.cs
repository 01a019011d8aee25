using Capture.Native.Events;
using Capture.Native.Schema;

namespace Capture.Native.Formatting;

/// <summary>
/// An event's type as lines, JSON and evt.type name it: the table's name, or for a generic
/// event the name of its system call. Encoded once per id and per syscall code, then reused.
/// Syscall codes past the array have no name (the schema's highest is far below it).
/// </summary>
static class EventTypeNames
{
    static readonly byte[][] s_events = Build();
    static readonly byte[]?[] s_syscalls = new byte[]?[1024];

    public static byte[] Of(in EventView ev)
    {
        var id = ev.Info.Id;
        if (id is EventIds.PPME_GENERIC_E or EventIds.PPME_GENERIC_X && ev.ParamCount > 0 && ev.Param(0).Length == 2)
        {
            var code = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(ev.Param(0));
            if (code < s_syscalls.Length)
            {
                if (s_syscalls[code] is { } cached) return cached;
                if (SyscallNames.Of(code) is { } name) return s_syscalls[code] = System.Text.Encoding.UTF8.GetBytes(name);
            }
        }
        return id < s_events.Length ? s_events[id] : [];
    }

    static byte[][] Build()
    {
        var events = EventTable.All;
        var names = new byte[events.Length][];
        for (var i = 0; i < events.Length; i++) names[i] = System.Text.Encoding.UTF8.GetBytes(events[i]?.Name ?? "");
        return names;
    }
}
