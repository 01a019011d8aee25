namespace Capture.Native.Files;

/// <summary>
/// Writing a capture failed: the disk filled, a quota ran out, or another I/O error. The
/// writer has already cut the file back to its last whole block and closed it, so the file
/// reads cleanly as far as it goes; nothing more can be written to it.
/// </summary>
/// <param name="bytesInFile">The size the file was left at (compressed bytes for a gzip file).</param>
/// <param name="eventsInFile">Events the writer accepted that are in the file.</param>
/// <param name="eventsLost">Events the writer accepted (WriteEvent returned true) that are not: they were still buffered.</param>
public sealed class ScapFileWriteException(long bytesInFile, long eventsInFile, long eventsLost, IOException cause)
    : IOException($"{Describe(cause)} after {bytesInFile} bytes", cause)
{
    const int NoSpace = 28;      // ENOSPC
    const int QuotaExceeded = 122; // EDQUOT

    public long BytesInFile => bytesInFile;
    public long EventsInFile => eventsInFile;
    public long EventsLost => eventsLost;

    /// <summary>.NET on Unix gives an I/O error's errno as its HResult.</summary>
    static string Describe(IOException cause) => cause.HResult switch
    {
        NoSpace => "disk full",
        QuotaExceeded => "disk quota exceeded",
        _ => $"write failed ({cause.Message})",
    };
}
