using Capture.Native.Filtering;
using Capture.Native.Formatting;

namespace Capture.Actors.Outputs;

/// <summary>Where events go and how they look: a scap file, nothing (-q), or text or JSON lines (the command's flags are sysdig's).</summary>
/// <param name="Filter">A sysdig-style filter (see <see cref="EventFilter"/>): only matching events are printed or written.</param>
/// <param name="Format">sysdig's -p (see <see cref="EventFormat"/>): printed lines in this format instead of the default.</param>
/// <param name="Verbose">sysdig's -v: byte buffers printed whole instead of cut to 80 characters.</param>
/// <param name="Time">sysdig's -t: how lines show time.</param>
/// <param name="Buffers">sysdig's -A, -X, -x or -b: how byte buffers are shown.</param>
/// <param name="Rotation">sysdig's -C, -G, -W and -e: the file is a series of files (see <see cref="Outputs.Rotation"/>); only with <paramref name="FilePath"/>.</param>
public sealed record OutputRequest(string? FilePath, bool Json, bool Compress, bool Sysdig2022Compatible, bool Quiet, string? Filter = null, string? Format = null,
    bool Verbose = false, TimeStyle Time = TimeStyle.TimeOfDay, BufferStyle Buffers = BufferStyle.Dots, Rotation? Rotation = null)
{
    /// <summary>Events are printed as lines (not written to a file, not dropped by -q).</summary>
    public bool PrintsLines => FilePath is null && !Quiet;
}
