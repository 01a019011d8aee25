using System.CommandLine;
using Capture.Actors.Outputs;
using Capture.Hosting.Configuration;
using Capture.Host.Live;
using Capture.Host.Output;
using Capture.Host.Startup;
using Capture.Native.Filtering;
using Capture.Native.Formatting;
using Capture.Actors.Pipeline;

namespace Capture.Host.Commands;

/// <summary>The `capture` command line, with sysdig's flag names.</summary>
public static class CaptureCommand
{
    /// <summary>
    /// Parses a command line. A mistake gets the one line that names it, not the whole help
    /// text: the help is one `--help` away.
    /// </summary>
    public static ParseResult Parse(string[] args)
    {
        var result = Build().Parse(args, new ParserConfiguration());
        if (result.Action is System.CommandLine.Invocation.ParseErrorAction error) error.ShowHelp = false;
        return result;
    }

    public static RootCommand Build()
    {
        var read = new Option<FileInfo?>("--read", "-r") { Description = "Read events from a scap capture file (plain or gzip) instead of the live driver" };
        var write = new Option<FileInfo?>("--write", "-w") { Description = "Write events to a scap capture file (mode 0600) instead of printing them" };
        var compress = new Option<bool>("--compress", "-z") { Description = "gzip the file written with -w" };
        var fileSize = new Option<long?>("--file-size", "-C")
        {
            Description = "With -w: start a new file before an event once the current one is larger than this many megabytes (1,000,000 bytes); files are named FILE0, FILE1, … (zero-padded to -W's digits)",
            CustomParser = r => NumberArguments.Parse<long>(r, "a positive whole number of megabytes", n => n > 0 && n <= long.MaxValue / Rotation.BytesPerMegabyte),
        };
        var period = new Option<int?>("--seconds", "-G")
        {
            Description = "With -w: start a new file every this many seconds of event time; a FILE with % is a strftime pattern for the period's start (local time), else files are FILE0, FILE1, …",
            CustomParser = r => NumberArguments.Parse<int>(r, "a positive whole number of seconds", n => n > 0),
        };
        var keep = new Option<int?>("--limit", "-W")
        {
            Description = "With -w and -C, -G or -e: keep at most this many files; the numbering wraps and the oldest file is replaced",
            CustomParser = r => NumberArguments.Parse<int>(r, "a positive whole number of files", n => n > 0),
        };
        var eventsPerFile = new Option<long?>("--event-limit", "-e")
        {
            Description = "With -w: start a new file after this many events; files are FILE0, FILE1, …",
            CustomParser = r => NumberArguments.Parse<long>(r, "a positive whole number of events", n => n > 0),
        };
        var json = new Option<bool>("--json", "-j") { Description = "Print JSON lines with sysdig's keys plus evt.args" };
        var timeType = new Option<string>("--timetype", "-t")
        {
            Description = "How lines show time: h the time of day (default), a seconds since the epoch, d for an exit the time since its enter, D the time since the previous line",
            DefaultValueFactory = _ => "h",
        };
        timeType.AcceptOnlyFromAmong("h", "a", "d", "D");
        var ascii = new Option<bool>("--print-ascii", "-A") { Description = "Show byte buffers as their printable text only, on lines of their own" };
        var hex = new Option<bool>("--print-hex-ascii", "-X") { Description = "Show byte buffers in hex and ASCII, 16 bytes a row" };
        var hexOnly = new Option<bool>("--print-hex", "-x") { Description = "Show byte buffers in hex, 16 bytes a row" };
        var base64 = new Option<bool>("--print-base64", "-b") { Description = "Show byte buffers in base64" };
        var listFields = new Option<bool>("--list", "-l") { Description = "List the fields filters and -p can use, and exit" };
        var listEvents = new Option<bool>("--list-events", "-L") { Description = "List the events this capture knows, with their parameters, and exit" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print byte buffers whole instead of cut to 80 characters" };
        var print = new Option<string?>("--print", "-p") { Description = "Print each event in this format, e.g. \"%evt.num %proc.name %fd.name\"; a leading * prints events whose fields are missing (<NA>)" };
        var count = new Option<long?>("--numevents", "-n") { Description = "Stop after this many events", CustomParser = r => NumberArguments.Parse<long>(r, "a positive whole number of events", n => n > 0) };
        var sysdig2022 = new Option<bool>("--sysdig-2022") { Description = "With -w: write layouts the 2022 reader (sysdig 0.29.3) accepts; see README" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print no events (the summary still is); with -w only the file is written" };
        var duration = new Option<double?>("--duration", "-M") { Description = "Stop after this many seconds", CustomParser = r => NumberArguments.Parse<double>(r, "a number of seconds") };
        var snapLength = new Option<int>("--snaplen", "-s") { Description = "Bytes of each I/O buffer to capture", DefaultValueFactory = _ => CaptureOptions.DefaultSnapLength, CustomParser = r => NumberArguments.Parse<int>(r, "a whole number of bytes") };
        var syscalls = new Option<string?>("--syscalls") { Description = "Capture only these system calls, comma-separated (e.g. openat,connect)" };
        var bufferSize = new Option<long>("--buffer-size") { Description = "Bytes per kernel ring buffer, a power of two", DefaultValueFactory = _ => CaptureOptions.DefaultBufferBytes, CustomParser = r => NumberArguments.Parse<long>(r, "a whole number of bytes") };
        var cpusPerBuffer = new Option<int>("--cpus-for-each-buffer") { Description = "1: a ring per CPU; N: one per N CPUs; 0: one shared ring", DefaultValueFactory = _ => 1, CustomParser = r => NumberArguments.Parse<int>(r, "a whole number of CPUs") };
        var plugins = new Option<DirectoryInfo?>("--plugins") { Description = "Load plugins from this directory (one folder per plugin); with -r the file then runs through the pipeline" };
        var pluginsOptional = new Option<bool>("--plugins-optional") { Description = "With --plugins: a plugin directory that does not exist or a plugin that fails to load is a warning, and the capture goes on without it" };
        var enterEvents = new Option<bool>("--toctou-enter-events") { Description = "Also capture connect/creat/open/openat/openat2 enter events, read at entry as libs sends them (costs ~0.5 µs per such call)" };
        var sinkTimeout = new Option<double>("--sink-timeout")
        {
            Description = "Cut off a sink (the output, a plugin's) whose call makes no progress for this many seconds; what it holds is counted as dropped",
            DefaultValueFactory = _ => PipelineSettings.DefaultSinkStallTimeout.TotalSeconds,
            CustomParser = r => NumberArguments.Parse<double>(r, "a number of seconds"),
        };
        var driver = new Option<DriverKind>("--driver") { Description = "Where events come from", DefaultValueFactory = _ => DriverKind.Modern };
        var filter = new Argument<string[]>("filter")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "Show only events that match, as sysdig filters them: e.g. proc.name=curl and fd.name contains /etc (fields: "
                + string.Join(", ", EventFilter.Fields.Select(f => f.Name)) + ")",
        };

        var root = new RootCommand("capture: Linux syscall capture, sysdig-compatible, on Akka.NET")
        {
            read, write, compress, fileSize, period, keep, eventsPerFile, json, print, verbose, ascii, hex, hexOnly, base64, timeType, listFields, listEvents, count, sysdig2022, quiet, duration, snapLength, syscalls, bufferSize, cpusPerBuffer, enterEvents, sinkTimeout, driver, plugins, pluginsOptional,
        };
        root.Arguments.Add(filter);
        foreach (var option in root.Options)
            if (option is VersionOption version)
                version.Action = new PrintVersionAction();
        root.Subcommands.Add(InfoCommand.Build());
        root.Subcommands.Add(ServeCommand.Build());
        root.SetAction(async (parse, _) =>
        {
            // Both ways of running open the output the same way; a file that cannot be created
            // is said here, once, before anything was loaded or read.
            try
            {
                return await Run(parse);
            }
            catch (OutputOpenException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"capture: {e.Message}");
                return 1;
            }
        });
        return root;

        async Task<int> Run(ParseResult parse)
        {
            if (parse.GetValue(listFields) || parse.GetValue(listEvents))
            {
                var listing = parse.InvocationConfiguration.Output;
                if (parse.GetValue(listFields)) Listings.WriteFields(listing);
                if (parse.GetValue(listEvents)) Listings.WriteEvents(listing);
                return 0;
            }
            var input = parse.GetValue(read);
            var words = parse.GetValue(filter) ?? [];
            // The filter takes every word left over, so an unknown option lands there: say it is one.
            if (words.FirstOrDefault(w => w.StartsWith('-') && !long.TryParse(w, out _)) is { } unknown)
            {
                parse.InvocationConfiguration.Error.WriteLine($"capture: Unrecognized command or argument '{unknown}'.");
                return 2;
            }
            var filterText = words.Length > 0 ? string.Join(' ', words) : null;
            if (filterText is not null)
            {
                // Said before anything is loaded or read, like any other usage error.
                try
                {
                    EventFilter.Parse(filterText, threads: null);
                }
                catch (FilterException e)
                {
                    parse.InvocationConfiguration.Error.WriteLine($"capture: {e.Message}");
                    return 2;
                }
            }
            (bool Asked, BufferStyle Style)[] bufferStyles =
            [
                (parse.GetValue(ascii), BufferStyle.Ascii), (parse.GetValue(hex), BufferStyle.HexAscii),
                (parse.GetValue(hexOnly), BufferStyle.Hex), (parse.GetValue(base64), BufferStyle.Base64),
            ];
            if (bufferStyles.Count(b => b.Asked) > 1)
            {
                parse.InvocationConfiguration.Error.WriteLine("capture: -A, -X, -x and -b show buffers different ways; choose one");
                return 2;
            }
            var buffers = bufferStyles.FirstOrDefault(b => b.Asked).Style;
            var format = parse.GetValue(print);
            if (format is not null)
            {
                if (parse.GetValue(write) is not null || parse.GetValue(quiet))
                {
                    parse.InvocationConfiguration.Error.WriteLine("capture: -p formats printed lines; it cannot be used with -w or -q");
                    return 2;
                }
                try
                {
                    EventFormat.Parse(format, threads: null, new EventFormatter());
                }
                catch (FilterException e)
                {
                    parse.InvocationConfiguration.Error.WriteLine($"capture: -p: {e.Problem}");
                    return 2;
                }
            }
            Rotation? rotation = null;
            if (parse.GetValue(fileSize) is not null || parse.GetValue(period) is not null || parse.GetValue(keep) is not null || parse.GetValue(eventsPerFile) is not null)
            {
                if (parse.GetValue(write) is null)
                {
                    parse.InvocationConfiguration.Error.WriteLine("capture: -C, -G, -W and -e split the file written with -w; give -w FILE");
                    return 2;
                }
                rotation = new Rotation(parse.GetValue(fileSize) * Rotation.BytesPerMegabyte, parse.GetValue(period), parse.GetValue(keep), parse.GetValue(eventsPerFile));
            }
            using var stdout = new StandardOutput();
            var output = new OutputRequest(parse.GetValue(write)?.FullName, parse.GetValue(json), parse.GetValue(compress),
                parse.GetValue(sysdig2022), parse.GetValue(quiet), filterText, format, parse.GetValue(verbose), TimeStyleOf(parse.GetValue(timeType)), buffers, rotation);
            var pluginDirectory = parse.GetValue(plugins)?.FullName;
            var viaPipeline = pluginDirectory is not null || parse.GetValue(driver) == DriverKind.Replay;
            if (input is not null && InputFile.Problem(input.FullName, viaPipeline) is { } unreadable)
            {
                parse.InvocationConfiguration.Error.WriteLine($"capture: {unreadable}");
                return 1;
            }
            if (input is not null && !viaPipeline)
            {
                var readOptions = new ReadOptions(input.FullName, output, parse.GetValue(count));
                return new FileReplay(readOptions, stdout, parse.InvocationConfiguration.Error).Run();
            }

            var capture = new CaptureOptions
            {
                Driver = input is null ? parse.GetValue(driver) : DriverKind.Replay,
                ReplayFile = input?.FullName,
                SnapLength = parse.GetValue(snapLength),
                BufferBytes = parse.GetValue(bufferSize),
                CpusForEachBuffer = parse.GetValue(cpusPerBuffer),
                EnterEvents = parse.GetValue(enterEvents),
                Syscalls = parse.GetValue(syscalls)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
                MaxEvents = parse.GetValue(count),
                MaxDuration = parse.GetValue(duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                SinkStallTimeout = TimeSpan.FromSeconds(parse.GetValue(sinkTimeout)),
            };
            var liveOptions = new LiveOptions(capture, output, pluginDirectory, parse.GetValue(pluginsOptional));
            return await RunOnActorSystem(liveOptions, stdout, parse.InvocationConfiguration.Error);
        }
    }

    /// <summary>
    /// Live capture, and a file read through the pipeline: both run on the actor system, which
    /// the NativeAOT build leaves to the ReadyToRun host beside it. The line was checked before
    /// this, so a mistake is said at native speed (the host checks it again the same way).
    /// A method of its own, with no async state machine or exception handling around the test:
    /// the shape in which the ahead-of-time compiler removes the branch not taken, and with it
    /// Akka, from the native build (tested inside the async code above, Akka stayed in).
    /// </summary>
    static Task<int> RunOnActorSystem(LiveOptions options, StandardOutput stdout, TextWriter stderr)
    {
        if (ManagedHost.HandsOffAkkaPaths) return Task.FromResult(ManagedHost.Replace(stderr));
        return RunLive(options, stdout, stderr);
    }

    static async Task<int> RunLive(LiveOptions options, StandardOutput stdout, TextWriter stderr)
    {
        using var interrupts = new Interrupts();
        return await new LiveCapture(options, stdout, stderr).RunAsync(interrupts.Token);
    }

    static TimeStyle TimeStyleOf(string? letter) => letter switch
    {
        "a" => TimeStyle.Epoch,
        "d" => TimeStyle.SinceEnter,
        "D" => TimeStyle.SincePrevious,
        _ => TimeStyle.TimeOfDay,
    };

    sealed class PrintVersionAction : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(VersionText.Render());
            return 0;
        }
    }
}
