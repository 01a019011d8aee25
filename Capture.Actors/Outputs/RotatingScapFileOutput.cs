using Capture.Native.Events;
using Capture.Native.Files;

namespace Capture.Actors.Outputs;

/// <summary>
/// Events into a series of scap files, split by <see cref="Rotation"/>'s rules and named by
/// <see cref="RotationNames"/>. Whether an event starts a new file is decided before it is
/// written, so each event is in exactly one file; a new file starts with
/// <see cref="MidCaptureHeader"/>, the state as of that event (the table has observed it
/// already, as sysdig's parser runs before its writer), so a process begun in an earlier file
/// is named in a later one. Each file also carries, as container events before its first
/// event, every container whose metadata is known then, and the ones learnt while it is
/// written. Nothing is allocated per event; only starting a file (or learning a container) allocates.
///
/// A write that fails (a full disk) leaves the file it was writing cut back to its last whole
/// block and throws <see cref="OutputFailedException"/>, counting the events of every file; so
/// does a file that cannot be created. After that the output takes nothing more, and flushing
/// or closing it does nothing. Not thread-safe: one sink writes.
/// </summary>
public sealed class RotatingScapFileOutput : IFileOutput
{
    const ulong NanosecondsPerSecond = 1_000_000_000;

    readonly Rotation _rotation;
    readonly RotationNames _names;
    readonly ScapWriteOptions _options;
    readonly MidCaptureHeader _header;
    ScapFileWriter _writer;
    ContainerEventsInFile _containers;
    string _path;
    long _eventsInFile;
    /// <summary>The second the current -G period began; -1 until the first event.</summary>
    long _periodStart = -1;
    long _earlierEvents, _earlierBytes, _earlierLeftOut;
    OutputFailedException? _failure;

    /// <summary>Continues from <paramref name="first"/>, already created as <paramref name="firstPath"/> and started with its lists.</summary>
    public RotatingScapFileOutput(string firstPath, ScapFileWriter first, Rotation rotation, RotationNames names, ScapWriteOptions options, MidCaptureHeader header)
    {
        _path = firstPath;
        _writer = first;
        _rotation = rotation;
        _names = names;
        _options = options;
        _header = header;
        _containers = new ContainerEventsInFile(header.Containers);
    }

    public long EventsWritten => _earlierEvents + _writer.EventsWritten;

    public long BytesWritten => _earlierBytes + _writer.BytesWritten;

    public long EventsLeftOut => _earlierLeftOut + _writer.EventsDropped;

    /// <summary>The file being written now.</summary>
    public string CurrentPath => _path;

    public void Write(in EventView ev, ushort cpu, ulong number)
    {
        if (_failure is not null) throw _failure;
        if (StartsNewFile(ev.Timestamp)) StartNextFile();
        try
        {
            _containers.Before(_writer, ev);
            _writer.WriteEvent(ev, cpu);
        }
        catch (ScapFileWriteException e)
        {
            throw Failed(e);
        }
        _eventsInFile++;
    }

    /// <summary>sysdig's order: the period first, then the size, then the count; any one starts the next file.</summary>
    bool StartsNewFile(ulong timestamp)
    {
        if (_rotation.Seconds is { } period)
        {
            var second = (long)(timestamp / NanosecondsPerSecond);
            if (_periodStart < 0) _periodStart = second;
            else if (second - _periodStart >= period)
            {
                _periodStart = second;
                return true;
            }
        }
        if (_rotation.SizeBytes is { } size && _writer.FileLength > size) return true;
        return _rotation.Events is { } events && _eventsInFile >= events;
    }

    void StartNextFile()
    {
        try
        {
            _writer.Dispose();
        }
        catch (ScapFileWriteException e)
        {
            throw Failed(e);
        }
        var path = _names.Next(_periodStart, out var retired);
        ScapFileWriter next;
        try
        {
            if (retired is not null) File.Delete(retired);
            next = ScapFileWriter.Create(path, _options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The closed file stays the current one, so the counts still cover it.
            throw _failure = new OutputFailedException(path, e, EventsWritten);
        }
        _earlierEvents += _writer.EventsWritten;
        _earlierBytes += _writer.BytesWritten;
        _earlierLeftOut += _writer.EventsDropped;
        _writer = next;
        _containers = new ContainerEventsInFile(_header.Containers);
        _path = path;
        _eventsInFile = 0;
        try
        {
            _header.WriteTo(_writer);
        }
        catch (ScapFileWriteException e)
        {
            throw Failed(e);
        }
    }

    OutputFailedException Failed(ScapFileWriteException e) => _failure = new OutputFailedException(_path, _options.Compress, e, _earlierEvents);

    public void Flush()
    {
        if (_failure is not null) return;
        try
        {
            _writer.Flush();
        }
        catch (ScapFileWriteException e)
        {
            throw Failed(e);
        }
    }

    public void Dispose()
    {
        if (_failure is not null) return;
        try
        {
            _writer.Dispose();
        }
        catch (ScapFileWriteException e)
        {
            throw Failed(e);
        }
    }
}
