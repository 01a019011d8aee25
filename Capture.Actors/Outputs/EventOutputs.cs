using Capture.Native.Files;
using Capture.Native.Filtering;
using Capture.Native.Formatting;
using Capture.Native.Processes;

namespace Capture.Actors.Outputs;

public static class EventOutputs
{
    /// <summary>
    /// Opens the output. A file starts with the source's own metadata blocks when it has them
    /// (a capture being rewritten), else with the users and groups of <paramref name="machine"/>, a process list
    /// of <paramref name="threads"/> and fd lists of <paramref name="openFds"/>, so its readers
    /// name users, processes and fds from the first event. A file that cannot be created, or
    /// whose disk fills before the first event, throws <see cref="OutputOpenException"/>.
    /// With <see cref="OutputRequest.Rotation"/> this is the first file of a series, and each
    /// later one starts with the state of <paramref name="table"/> at that moment, so the path
    /// that feeds it must observe every event (<see cref="OutputPath.For"/> does).
    /// </summary>
    public static IEventOutput Open(OutputRequest request, Stream stdout, ThreadTable table, AccountNames accounts,
        IReadOnlyList<MetadataBlock> metadata, MachineAccounts machine, IReadOnlyList<ThreadEntry> threads, IReadOnlyList<FdRecord> openFds)
    {
        if (request.FilePath is null)
        {
            if (request.Quiet) return new NullOutput();
            var formatter = new EventFormatter(table, accounts, buffers: request.Buffers) { TimeStyle = request.Time };
            var bufferLimit = request.Verbose ? 0 : EventFormatter.TextBufferLimit;
            // JSON carries buffers whole, as sysdig's -j does.
            var format = request.Format is { } text ? EventFormat.Parse(text, table, formatter, request.Json ? 0 : bufferLimit) : null;
            return new LineOutput(stdout, formatter, request.Json, format, bufferLimit);
        }

        var options = new ScapWriteOptions { Compress = request.Compress, Sysdig2022Compatible = request.Sysdig2022Compatible };
        var names = request.Rotation is { } rotation ? new RotationNames(request.FilePath, rotation) : null;
        // A capture being rewritten brings its own lists; only a live one names its first file by the clock, as sysdig does.
        var path = names?.First(metadata.Count > 0 ? null : DateTimeOffset.UtcNow.ToUnixTimeSeconds()) ?? request.FilePath;
        ScapFileWriter writer;
        try
        {
            writer = ScapFileWriter.Create(path, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputOpenException(path, e);
        }
        try
        {
            if (metadata.Count > 0)
            {
                foreach (var block in metadata) writer.WriteMetadataBlock(block);
            }
            else
            {
                writer.WriteUserList(machine.Users, machine.Groups);
                writer.WriteProcessList(threads);
                foreach (var process in openFds.GroupBy(fd => fd.Tid)) writer.WriteFdList(process.Key, process);
            }
        }
        catch (ScapFileWriteException e)
        {
            // The disk filled before the first event: as good as not created.
            throw new OutputOpenException(path, e);
        }
        if (names is not null)
            return new RotatingScapFileOutput(path, writer, request.Rotation!, names, options, new MidCaptureHeader(metadata, machine, table));
        return new ScapFileOutput(path, request.Compress, writer, table.Containers);
    }
}
