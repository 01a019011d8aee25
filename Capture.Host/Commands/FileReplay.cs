using Capture.Host.Output;
using Capture.Native.Files;
using Capture.Native.Filtering;
using Capture.Native.Processes;

namespace Capture.Host.Commands;

/// <summary>
/// `capture -r FILE`: reads a capture event by event and prints it as sysdig would, or
/// rewrites it with `-w`. A fault in the file ends reading with a one-line reason after
/// every event before it has been delivered and flushed; each damaged block skipped is a
/// line of its own. Either makes the exit status 1.
/// </summary>
public sealed class FileReplay(ReadOptions options, Stream stdout, TextWriter stderr)
{
    long _shown;

    public int Run()
    {
        var threads = new ThreadTable();
        ScapFileReader reader;
        try
        {
            reader = ScapFileReader.Open(options.InputPath, entry => threads.Add(entry));
        }
        catch (Exception e) when (e is ScapFileException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"capture: cannot read {options.InputPath}: {Reason(e)}");
            return 1;
        }

        using (reader)
        {
            var accounts = new AccountNames();
            FdListSeeding.SeedNames(reader, threads, accounts);
            using var output = EventOutputs.Open(options.Output, stdout, threads, accounts, reader.MetadataBlocks, MachineAccounts.None, [], []);
            var filter = options.Output.Filter is { } text ? EventFilter.Parse(text, threads, accounts) : null;
            var fault = Pump(reader, threads, output, filter);
            output.Flush();
            foreach (var problem in reader.Problems) stderr.WriteLine($"capture: {problem}");
            stderr.WriteLine(Summary(reader, output) + (filter is null ? "" : $", {_shown} matched the filter"));
            if (fault is not null) stderr.WriteLine($"capture: {fault.Message}");
            // Exit 1 when anything was lost, a damaged block skipped or the end of the file
            // unreadable, but only after everything readable has been printed.
            return fault is null && reader.Errors == 0 ? 0 : 1;
        }
    }

    /// <summary>
    /// Every event read is numbered, shown or not, as sysdig numbers them; -n counts the
    /// events shown.
    /// </summary>
    ScapFileException? Pump(ScapFileReader reader, ThreadTable threads, IEventOutput output, EventFilter? filter)
    {
        ulong number = 0;
        try
        {
            while ((options.MaxEvents is null || _shown < options.MaxEvents) && reader.TryReadNext(out var ev, out var cpu))
            {
                number++;
                threads.Observe(ev);
                if (filter is not null && !filter.Matches(ev, number, cpu)) continue;
                _shown++;
                output.Write(ev, cpu, number);
            }
            return null;
        }
        catch (ScapFileException e)
        {
            return e;
        }
    }

    static string Summary(ScapFileReader reader, IEventOutput output)
    {
        var summary = $"capture: {reader.EventsRead} events read, {reader.EventsSkipped} skipped, {reader.Errors} errors";
        if (output is ScapFileOutput file)
            summary += $", {file.EventsWritten} written" + (file.EventsLeftOut > 0 ? $" ({file.EventsLeftOut} left out by the compatible layout)" : "");
        return summary;
    }

    static string Reason(Exception e) => e is ScapFileException s ? $"at byte {s.Offset}: {s.Reason}" : e.Message;
}
