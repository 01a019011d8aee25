using Capture.Native.Files;

namespace Capture.Actors.Outputs;

/// <summary>
/// The output file stopped taking events (its disk filled, a write failed). The message is
/// the one line to print: the file, what went wrong after how many bytes, and where the file
/// now ends. <see cref="EventsLost"/> counts events the output had accepted that are not in it.
/// </summary>
public sealed class OutputFailedException(string path, bool compressed, ScapFileWriteException failure)
    : Exception($"{path}: {failure.Message}; " + (compressed
        ? "the file ends at its last whole block (the gzip stream at its last sync point, closed there)"
        : "the file ends at its last whole block"), failure)
{
    public long EventsInFile => failure.EventsInFile;

    public long EventsLost => failure.EventsLost;
}
