using Capture.Actors.Outputs;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Hosting.Configuration;
using Capture.Native.Batches;
using Capture.Native.Filtering;
using Capture.Native.Processes;

namespace Capture.Hosting;

/// <summary>
/// One configured output of `capture serve` as a sink of the pipeline: an
/// <see cref="EventOutputSink"/> over its own thread table, so its filter sees process and fd
/// names as the command's would. Two things set it apart from the command's output, both for a
/// service whose configuration changes while it runs:
/// <list type="bullet">
/// <item>its filter can change live (<see cref="ChangeFilter"/>): the new filter is parsed on
/// the caller's thread and taken by the sink's thread before its next batch, so every batch is
/// filtered whole by one filter and numbering goes on;</item>
/// <item>it can outlive its pipeline (<see cref="CarryOver"/>): when the pipeline restarts for
/// a change elsewhere, the old pipeline's completion only flushes it, and the new pipeline
/// writes on into the same open file.</item>
/// </list>
/// </summary>
public sealed class ServeOutput : ICaptureSink
{
    readonly EventOutputSink _sink;
    readonly OutputPath _path;
    readonly ThreadTable _threads;
    readonly AccountNames _accounts;
    readonly IFileOutput? _file;
    // The file output's count, copied on the sink's thread after each batch: read directly, a
    // scrape in the middle of a rotation could see the finished file counted twice.
    long _fileEvents;
    FilterChange? _pending;
    volatile bool _carryOver;

    /// <summary>A filter waiting for the sink's thread; a box so that null (no filter) can be handed over too.</summary>
    sealed record FilterChange(EventFilter? Filter);

    ServeOutput(OutputOptions options, IEventOutput output, ThreadTable threads, AccountNames accounts, EventFilter? filter, Action<ServeOutput> failed)
    {
        Options = options;
        _threads = threads;
        _accounts = accounts;
        _file = output as IFileOutput;
        // Always observed, also for a scap output without a filter: a reload may give it one,
        // which must then see the names of processes and files opened before it.
        _path = new OutputPath(output, new StateObserver(threads), filter, limit: null);
        _sink = new EventOutputSink(options.Describe(), _path, () => failed(this));
    }

    /// <summary>What it was opened with; its filter is the one last given, see <see cref="ChangeFilter"/>.</summary>
    public OutputOptions Options { get; private set; }

    public string Name => _sink.Name;

    /// <summary>Events written into the output so far (still there: a failed file's lost ones are not counted).</summary>
    public long Written => _sink.Written;

    /// <summary>
    /// Events in the scap files of a scap output so far, as readers count them (null for lines):
    /// <see cref="Written"/> plus the enter event the 2022 layout (`Sysdig2022`) writes before
    /// each exit, less the events that layout has no place for.
    /// </summary>
    public long? FileEvents => _file is null ? null : Volatile.Read(ref _fileEvents);

    /// <summary>Events the filters left out.</summary>
    public long FilteredOut => _sink.FilteredOut;

    /// <summary>Why the output stopped taking events (its disk filled), or null.</summary>
    public OutputFailedException? Failure => _sink.Failure;

    /// <summary>
    /// Opens <paramref name="options"/>: a scap file (created 0600, truncated), or text or JSON
    /// lines on standard output or appended to a file (created 0600). Throws
    /// <see cref="OutputOpenException"/> when the file cannot be written.
    /// </summary>
    /// <param name="commonFilter">`Capture:Filter`, which every output applies before its own.</param>
    /// <param name="failed">Called on the sink's thread when the output fails (see <see cref="Failure"/>).</param>
    public static ServeOutput Open(OutputOptions options, string? commonFilter, OutputOrigin origin, Action<ServeOutput> failed)
    {
        var (threads, accounts) = origin.NewState();
        var request = new OutputRequest(options.Kind == OutputKind.Scap ? options.Path : null, options.Kind == OutputKind.Json,
            options.Gzip, options.Sysdig2022, Quiet: false, Format: options.Format,
            Rotation: options.Kind == OutputKind.Scap ? options.Rotation : null);
        var output = EventOutputs.Open(request, request.FilePath is null ? LineStream(options) : Stream.Null, threads, accounts,
            origin.Metadata, origin.Machine, origin.Threads, origin.OpenFds);
        return new ServeOutput(options, output, threads, accounts, FilterOf(commonFilter, options.Filter, threads, accounts), failed);
    }

    /// <summary>
    /// From the next batch on, filter with <paramref name="commonFilter"/> and
    /// <paramref name="options"/>' own filter; the rest of <paramref name="options"/> must be as
    /// this output was opened (<see cref="OutputOptions.SameButFilter"/>). The filters have been
    /// checked; one that does not parse throws <see cref="FilterException"/> here, before anything changes.
    /// </summary>
    public void ChangeFilter(OutputOptions options, string? commonFilter)
    {
        var filter = FilterOf(commonFilter, options.Filter, _threads, _accounts);
        Options = options;
        Volatile.Write(ref _pending, new FilterChange(filter));
    }

    /// <summary>The pipeline now ending hands this output on to the next one: its completion only flushes.</summary>
    public void CarryOver() => _carryOver = true;

    /// <summary>Closes an output that was to be carried over and is not wanted after all; only once no pipeline feeds it.</summary>
    public void Close() => _sink.Complete();

    public void Write(EventBatch batch)
    {
        // Between batches, on the sink's own thread: the path is never read while it changes.
        if (Interlocked.Exchange(ref _pending, null) is { } change) _path.ChangeFilter(change.Filter);
        _sink.Write(batch);
        if (_file is not null) Volatile.Write(ref _fileEvents, _file.EventsWritten);
    }

    public void Gap(CaptureGap gap) => _sink.Gap(gap);

    public void Complete()
    {
        if (_carryOver)
        {
            _carryOver = false; // handed on once; the next pipeline's end closes it unless asked again
            _sink.Flush();
        }
        else
        {
            _sink.Complete();
        }
    }

    /// <summary>Both filters as one: the service's first, as if it were the command's FILTER words and the output's were added with `and`.</summary>
    static EventFilter? FilterOf(string? common, string? own, ThreadTable threads, AccountNames accounts)
    {
        var text = (common, own) switch
        {
            ({ Length: > 0 }, { Length: > 0 }) => $"({common}) and ({own})",
            ({ Length: > 0 }, _) => common,
            (_, { Length: > 0 }) => own,
            _ => null,
        };
        return text is null ? null : EventFilter.Parse(text, threads, accounts);
    }

    static Stream LineStream(OutputOptions options)
    {
        if (options.ToStandardOutput) return Console.OpenStandardOutput();
        try
        {
            return new FileStream(options.Path!, new FileStreamOptions
            {
                Mode = FileMode.Append,
                Access = FileAccess.Write,
                Share = FileShare.Read,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputOpenException(options.Path!, e);
        }
    }
}
