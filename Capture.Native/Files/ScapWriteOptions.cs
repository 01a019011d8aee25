namespace Capture.Native.Files;

/// <summary>How a <see cref="ScapFileWriter"/> lays out its file.</summary>
public sealed record ScapWriteOptions
{
    public static ScapWriteOptions Default { get; } = new();

    /// <summary>Write a gzip stream; every reader of scap files inflates it transparently.</summary>
    public bool Compress { get; init; }

    /// <summary>
    /// Write only what the 2022 reader (Debian's sysdig 0.29.3) handles: events cut to the
    /// parameters it knows, ids it lacks dropped, empty strings as a single NUL, fd types it
    /// knows. See <see cref="LegacyEventDowngrade"/> for why each is needed.
    /// </summary>
    public bool Sysdig2022Compatible { get; init; }

    /// <summary>
    /// Whole blocks are collected in memory up to this size and then written with one call,
    /// so a file cut short by a crash still ends on a block boundary. With gzip, the
    /// compressor is also flushed (a sync point) each time, so everything written so far
    /// inflates even if the process dies before closing the file.
    /// </summary>
    public int FlushBytes { get; init; } = 1 << 20;
}
