namespace Capture.Actors.Outputs;

/// <summary>An output into scap files (one, or a rotated series): what it has written so far, for summaries and the status line.</summary>
public interface IFileOutput : IEventOutput
{
    /// <summary>Events in the file or files, counted as the writer counts blocks.</summary>
    long EventsWritten { get; }

    /// <summary>Bytes of blocks written so far, before compression.</summary>
    long BytesWritten { get; }

    /// <summary>Events left out because the compatible layout (--sysdig-2022) has no place for them.</summary>
    long EventsLeftOut { get; }
}
