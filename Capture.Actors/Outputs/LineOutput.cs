using Capture.Native.Events;
using Capture.Native.Filtering;
using Capture.Native.Formatting;
using Capture.Native.Text;

namespace Capture.Actors.Outputs;

/// <summary>
/// sysdig's text lines, JSON lines or lines in a -p format on a byte stream. The formatter
/// writes into one reused buffer and lines go out through a buffered stream, so nothing is
/// allocated per event. Events sysdig never prints (procinfo, drops, container
/// announcements) are left out, and with a format, events it does not print.
/// </summary>
public sealed class LineOutput(Stream stream, EventFormatter formatter, bool json, EventFormat? format = null,
    int bufferLimit = EventFormatter.TextBufferLimit) : IEventOutput
{
    readonly BufferedStream _stream = new(stream, 1 << 16);
    readonly Utf8Buffer _line = new(1024);

    public void Write(in EventView ev, ushort cpu, ulong number)
    {
        if (!SysdigDisplay.Shows(ev.Info)) return;
        _line.Clear();
        if (format is not null)
        {
            if (!(json ? format.TryWriteJson(_line, ev, number, cpu) : format.TryWrite(_line, ev, number, cpu))) return;
        }
        else if (json) formatter.WriteJson(_line, ev, number, cpu);
        else formatter.WriteText(_line, ev, number, cpu, bufferLimit);
        _line.Append((byte)'\n');
        _stream.Write(_line.Written);
    }

    public void Flush() => _stream.Flush();

    public void Dispose() => _stream.Dispose();
}
