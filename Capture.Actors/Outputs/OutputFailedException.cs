using Capture.Native.Files;

namespace Capture.Actors.Outputs;

/// <summary>
/// The output file stopped taking events (its disk filled, a write failed, the next file of a
/// rotation could not be created). The message is the one line to print: the file, what went
/// wrong after how many bytes, and where the file now ends. <see cref="EventsLost"/> counts
/// events the output had accepted that are in no file.
/// </summary>
public sealed class OutputFailedException : Exception
{
    /// <param name="eventsInEarlierFiles">Events in the files a rotation closed before this one.</param>
    public OutputFailedException(string path, bool compressed, ScapFileWriteException failure, long eventsInEarlierFiles = 0)
        : base($"{path}: {failure.Message}; " + (compressed
            ? "the file ends at its last whole block (the gzip stream at its last sync point, closed there)"
            : "the file ends at its last whole block"), failure)
    {
        EventsInFile = eventsInEarlierFiles + failure.EventsInFile;
        EventsLost = failure.EventsLost;
    }

    /// <summary>The next file of a rotation could not be created (or its predecessor in that place removed): nothing was lost but the event it was for.</summary>
    public OutputFailedException(string path, Exception reason, long eventsInEarlierFiles)
        : base($"cannot write {path}: {reason.Message}", reason)
    {
        EventsInFile = eventsInEarlierFiles;
    }

    /// <summary>Events in the file, or in all the files of a rotation.</summary>
    public long EventsInFile { get; }

    public long EventsLost { get; }
}
