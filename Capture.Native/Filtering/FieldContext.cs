using System.Runtime.CompilerServices;
using Capture.Native.Formatting;
using Capture.Native.Processes;
using Capture.Native.Text;

namespace Capture.Native.Filtering;

/// <summary>
/// What field values are read from besides the event: the thread table, and for evt.arg.*
/// the parameter renderer with a scratch buffer it writes into. One per filter or format,
/// used by one thread; a value read from the scratch is used before the next one is read.
/// </summary>
sealed class FieldContext(ThreadTable? threads, ParamFormatter parameters, int bufferLimit = EventFormatter.TextBufferLimit)
{
    /// <summary>Byte buffers in evt.arg.* are cut to this many characters, as in the text line (0: whole, sysdig's -v).</summary>
    public int BufferLimit { get; } = bufferLimit;

    public ThreadTable? Threads { get; } = threads;
    public ParamFormatter Parameters { get; } = parameters;
    public Utf8Buffer Scratch { get; } = new(256);

    /// <summary>Where a value made of another field's value is put together (fd.containername from fd.name, which may be in <see cref="Scratch"/>).</summary>
    public Utf8Buffer Composed { get; } = new(256);

    /// <summary>IP sockets' ends, parsed once per name (see <see cref="Filtering.SocketEnds"/>).</summary>
    public ConditionalWeakTable<FdEntry, SocketEnds> SocketEnds { get; } = new();
}
