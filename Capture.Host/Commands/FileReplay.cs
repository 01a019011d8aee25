using Capture.Actors.Outputs;
using Capture.Host.Output;
using Capture.Native.Files;
using Capture.Native.Processes;

namespace Capture.Host.Commands;

/// <summary>
/// `capture -r FILE`: reads a capture event by event and prints it as sysdig would, or
/// rewrites it with `-w`. A fault in the file ends reading with a one-line reason after
/// every event before it has been delivered and flushed; each damaged block skipped is a
/// line of its own. A file written with `-w` that cannot take more (its disk filled) ends
/// reading too, with a line naming it; the summary then says how many events the file holds
/// and how many did not make it. Any of these makes the exit status 1.
/// </summary>
public sealed class FileReplay(ReadOptions options, StandardOutput stdout, TextWriter stderr)
{
    long _notWritten;

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
            var path = OutputPath.For(options.Output, output, threads, accounts, options.MaxEvents);
            var fault = Pump(reader, path, out var failure);
            failure ??= Close(path);
            if (stdout.Closed) return StandardOutput.ReaderGoneExitCode;
            foreach (var problem in reader.Problems) stderr.WriteLine($"capture: {problem}");
            stderr.WriteLine(Summary(reader, output, failure) + (options.Output.Filter is null ? "" : $", {path.Written} matched the filter"));
            if (failure is not null) stderr.WriteLine($"capture: {failure.Message}");
            if (fault is not null) stderr.WriteLine($"capture: {fault.Message}");
            // Exit 1 when anything was lost (a damaged block skipped, the end of the file
            // unreadable, events the output could not take), but only after everything
            // readable has been printed.
            return fault is null && failure is null && reader.Errors == 0 ? 0 : 1;
        }
    }

    /// <summary>Flushes and closes the output (closing twice is harmless); a file whose disk fills now fails here.</summary>
    OutputFailedException? Close(OutputPath path)
    {
        try
        {
            path.Close();
            return null;
        }
        catch (OutputFailedException e)
        {
            // Nothing was being written: only what was still buffered is lost.
            _notWritten = e.EventsLost;
            return e;
        }
    }

    /// <summary>
    /// Reads until the end of the file or the limit: every event read is numbered, shown or
    /// not, as sysdig numbers them; -n counts the events shown, and no event past it is read.
    /// </summary>
    ScapFileException? Pump(ScapFileReader reader, OutputPath path, out OutputFailedException? failure)
    {
        failure = null;
        try
        {
            while (!path.LimitReached && !stdout.Closed && reader.TryReadNext(out var ev, out var cpu)) path.Take(ev, cpu);
            return null;
        }
        catch (ScapFileException e)
        {
            return e;
        }
        catch (OutputFailedException e)
        {
            // The event being written when it failed did not make it either.
            _notWritten = e.EventsLost + 1;
            failure = e;
            return null;
        }
    }

    string Summary(ScapFileReader reader, IEventOutput output, OutputFailedException? failure)
    {
        var summary = $"capture: {reader.EventsRead} events read, {reader.EventsSkipped} skipped, {reader.Errors} errors";
        if (output is not IFileOutput file) return summary;
        if (failure is not null) return summary + $", {failure.EventsInFile} written, {_notWritten} not written";
        return summary + $", {file.EventsWritten} written" + (file.EventsLeftOut > 0 ? $" ({file.EventsLeftOut} left out by the compatible layout)" : "");
    }

    static string Reason(Exception e) => e is ScapFileException s ? $"at byte {s.Offset}: {s.Reason}" : e.Message;
}
