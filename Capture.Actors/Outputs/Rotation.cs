namespace Capture.Actors.Outputs;

/// <summary>
/// How a scap file output is split into a series of files, as sysdig's -C, -G, -W and -e split
/// it (the names are sysdig's too; see <see cref="RotationNames"/>). Every file is a whole
/// capture: it starts with the machine's lists and the processes and descriptors open at that
/// moment, so each one reads on its own. An event is never split from the file it belongs in,
/// never lost between files and never written twice. Null leaves a rule out; with none set but
/// <see cref="Keep"/>, there is one file, named as asked.
/// </summary>
/// <param name="SizeBytes">
/// sysdig's -C in bytes (its megabytes are 1,000,000 bytes): before an event is written, a file
/// already larger than this is closed and the event starts the next. With gzip the compressed
/// size counts, which grows in steps as the compressor flushes.
/// </param>
/// <param name="Seconds">
/// sysdig's -G: by event time, not the wall clock. The first event starts a period; the first
/// event whose second (its timestamp, whole seconds) is this many seconds or more after that
/// start starts the next file and the next period. A name with a % is a strftime pattern,
/// filled in with the period's start in the local zone.
/// </param>
/// <param name="Keep">sysdig's -W: at most this many files; the numbering wraps and the file in that place is replaced.</param>
/// <param name="Events">sysdig's -e: at most this many events in a file.</param>
public sealed record Rotation(long? SizeBytes = null, int? Seconds = null, int? Keep = null, long? Events = null)
{
    /// <summary>sysdig's megabyte, the unit of -C.</summary>
    public const long BytesPerMegabyte = 1_000_000;

    /// <summary>What is wrong with these settings, in words that name the setting; null when nothing is.</summary>
    public string? Problem => this switch
    {
        { SizeBytes: <= 0 } => $"the file size must be positive, not {SizeBytes}",
        { Seconds: <= 0 } => $"the seconds per file must be positive, not {Seconds}",
        { Keep: <= 0 } => $"the number of files to keep must be positive, not {Keep}",
        { Events: <= 0 } => $"the events per file must be positive, not {Events}",
        _ => null,
    };
}
