using System.Text.RegularExpressions;

namespace Capture.Bench;

/// <summary>
/// libs' own scap-open on the modern probe, as ../shared/anchor/build-scap-open.sh installs it
/// (bin/scap-open, lib/libmemlock_shim.so): the reference the overhead and saturation goals
/// are measured against. Started like the anchor's compare.sh starts it, so figures agree.
/// </summary>
internal sealed partial class ScapOpen(string directory)
{
    public const string ReadyText = "Live capture in progress";

    /// <summary>Where build-scap-open.sh installs it unless told otherwise.</summary>
    public const string DefaultDirectory = "/var/tmp/scap-anchor";

    string Program => Path.Combine(directory, "bin", "scap-open");
    string Shim => Path.Combine(directory, "lib", "libmemlock_shim.so");

    /// <summary>Why it cannot run here, or null when it is built.</summary>
    public string? Missing =>
        !File.Exists(Program) ? $"{Program} is not built (../shared/anchor/build-scap-open.sh builds it)"
        : !File.Exists(Shim) ? $"{Shim} is not built (../shared/anchor/build-scap-open.sh builds it)"
        : null;

    /// <summary>Its command line for per-CPU rings of <paramref name="ringBytes"/>; stdbuf, or its ready line waits in a pipe buffer.</summary>
    public IReadOnlyList<string> CommandLine(long ringBytes) =>
        ["stdbuf", "-oL", "-eL", Program, "--modern_bpf", "--buffer_dim", ringBytes.ToString(), "--cpus_for_buf", "1"];

    /// <summary>
    /// The shim turns setrlimit(RLIMIT_MEMLOCK)'s EPERM into success; the three programs this
    /// kernel's verifier rejects stay unloaded, as in compare.sh.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["LD_PRELOAD"] = Shim,
        ["LIBPMAN_NO_AUTOLOAD"] = System.Environment.GetEnvironmentVariable("LIBPMAN_NO_AUTOLOAD") ?? "recvmmsg_x,sendmmsg_x,signal_deliver",
    };

    /// <summary>The events it read and the drops it counted, from the stats it prints on SIGINT.</summary>
    public static (long Events, long Dropped) ParseStats(string stdout)
    {
        var events = Events().Matches(stdout);
        var drops = Drops().Matches(stdout);
        if (events.Count == 0 || drops.Count == 0) throw new FormatException($"no '[1] n_evts' / '[1] n_drops' in scap-open's output: {stdout.Trim()}");
        return (long.Parse(events[^1].Groups[1].Value), long.Parse(drops[^1].Groups[1].Value));
    }

    [GeneratedRegex(@"^\[1\] n_evts: (\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Events();

    [GeneratedRegex(@"^\[1\] n_drops: (\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Drops();
}
