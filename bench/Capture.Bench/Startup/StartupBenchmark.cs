using System.Diagnostics;

namespace Capture.Bench.Startup;

/// <summary>
/// Issue 17's start-up goal, timed whole-process from outside: `capture --version`, and
/// `capture -q -r FILE` (every event read and decoded, only the summary printed) against libs'
/// `scap-open --scap_file FILE` (every event read, its statistics printed). The three commands
/// run round by round, their order rotating, so a machine that other work loads slows them
/// alike; each figure is a median over rounds. A first untimed round warms the page cache.
/// </summary>
internal sealed class StartupBenchmark(StartupSettings settings, TextWriter log)
{
    public const double VersionTargetMs = 60;
    public const double ReadTargetRatio = 0.5;

    enum Command { Version, Read, ScapOpen }

    public StartupResult Run()
    {
        if (!File.Exists(settings.ScapFile)) throw new InvalidOperationException($"no scap file at {settings.ScapFile} (bench/run makes it with bench/mkbigscap.py)");
        if (!File.Exists(settings.Capture)) throw new InvalidOperationException($"no capture command at {settings.Capture} (bench/run publishes it with scripts/publish.sh)");
        var scapOpen = settings.ScapOpen is { } path && File.Exists(path) ? path : null;
        if (scapOpen is null) log.WriteLine($"  no scap-open at {settings.ScapOpen ?? "(none given)"}: the -r row has no ratio (../shared/anchor/build-scap-open.sh builds it)");

        Command[] order = scapOpen is null ? [Command.Version, Command.Read] : [Command.Version, Command.Read, Command.ScapOpen];
        var times = order.ToDictionary(c => c, _ => new List<ProcessTime>());
        long events = 0;
        for (var round = 0; round <= settings.Rounds; round++)
        {
            for (var i = 0; i < order.Length; i++)
            {
                var command = order[(i + round) % order.Length];
                var time = TimedProcess.Run(StartInfo(command, scapOpen), out var stderr);
                if (command == Command.Read) events = EventsRead(stderr);
                if (round > 0) times[command].Add(time);
            }
            if (round > 0)
                log.WriteLine($"  start-up round {round}: --version {times[Command.Version][^1]}, -q -r {times[Command.Read][^1]}"
                    + (scapOpen is null ? "" : $", scap-open {times[Command.ScapOpen][^1]}"));
        }
        return new StartupResult(
            settings.Capture, settings.Rounds, events,
            ProcessTime.Median(times[Command.Version]),
            ProcessTime.Median(times[Command.Read]),
            scapOpen is null ? null : ProcessTime.Median(times[Command.ScapOpen]));
    }

    /// <summary>The count in capture's summary line, "capture: N events read, ...": what the -r row measured.</summary>
    static long EventsRead(string stderr)
    {
        var match = System.Text.RegularExpressions.Regex.Match(stderr, @"capture: (\d+) events read");
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"capture -q -r printed no summary: {stderr.Trim()}");
    }

    ProcessStartInfo StartInfo(Command command, string? scapOpen)
    {
        var info = command switch
        {
            Command.Version => Start(settings.Capture, "--version"),
            Command.Read => Start(settings.Capture, "-q", "-r", settings.ScapFile),
            _ => Start(scapOpen!, "--scap_file", settings.ScapFile),
        };
        // libpman raises RLIMIT_MEMLOCK even for a file, and fails where it may not (see
        // ../shared/anchor/README.md); the anchor's shim turns that one refusal into success.
        if (command == Command.ScapOpen && settings.MemlockShim is { } shim && File.Exists(shim))
            info.Environment["LD_PRELOAD"] = shim;
        return info;
    }

    static ProcessStartInfo Start(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        return info;
    }
}

internal sealed record StartupSettings(string Capture, string ScapFile, string? ScapOpen, string? MemlockShim, int Rounds);

internal sealed record StartupResult(string Capture, int Rounds, long Events, ProcessTime Version, ProcessTime Read, ProcessTime? ScapOpen)
{
    /// <summary>capture -q -r's wall time over scap-open's: the goal is at most <see cref="StartupBenchmark.ReadTargetRatio"/>.</summary>
    public double ReadToScapOpen => ScapOpen is { } s ? Read.WallMs / s.WallMs : double.NaN;

    /// <summary>The same in CPU time: what a loaded machine disturbs least.</summary>
    public double ReadToScapOpenCpu => ScapOpen is { } s ? Read.CpuMs / s.CpuMs : double.NaN;
}
