using System.Text.Json;
using System.Text.RegularExpressions;

namespace Capture.Host.Specs.EndToEnd;

/// <summary>
/// Two captures of the same workload (`capture -j` lines) reduced to what must agree between
/// drivers, and compared. The workload is the process tree under its root pid: the root and,
/// transitively, every child a clone-family exit of a member returned. Each of those threads is
/// named by its place in the tree ("w" for the root, "w.0" for its first child, ...), so runs
/// whose pids differ still line up. An event becomes "thread: type dir name=value ...", with:
/// <list type="bullet">
/// <item>pid-like parameters that hold a workload pid written as its thread's name;</item>
/// <item>values that differ from run to run by nature written as "*": page faults and memory
///   sizes, which the runs' own timing changes, and the inode numbers and times of files the
///   workload makes afresh each run; identifiers the kernel hands out anew each run (key
///   serials, SysV IPC ids, unix socket addresses, which are kernel pointers, and ephemeral
///   ports); and, inside any value, epoch-nanosecond times (the workload prints its calls'
///   times into the data it writes);</item>
/// <item>workload pids inside a value ("/proc/471", a pid the workload prints into its output)
///   written as their thread's name too.</item>
/// </list>
/// The rest, fds and flags and paths included, must be equal. Events are compared per thread as
/// multisets, so two drivers' orders of simultaneous threads do not matter.
/// </summary>
public sealed class CaptureComparison
{
    static readonly HashSet<string> CloneFamily = ["clone", "fork", "vfork", "clone3"];
    static readonly HashSet<string> PidParameters = ["res", "pid", "tid", "ptid", "vtid", "vpid", "pgid", "vpgid"];
    static readonly HashSet<string> VaryingParameters =
        ["pgft_maj", "pgft_min", "vm_size", "vm_rss", "vm_swap", "ino", "exe_ino", "exe_ino_ctime", "exe_ino_mtime", "semid", "source", "peer"];

    /// <summary>Events whose result is an identifier the kernel hands out: a key serial, a SysV IPC id.</summary>
    static readonly HashSet<string> VaryingResults = ["keyctl", "semget", "msgget", "shmget"];

    static readonly Regex EpochNanoseconds = new(@"\b1\d{18}\b", RegexOptions.Compiled);
    static readonly Regex KernelAddress = new(@"\b[0-9a-fA-F]{16}\b", RegexOptions.Compiled);
    static readonly Regex EphemeralPort = new(@"(?<=\d:)(3[2-9]\d{3}|[4-6]\d{4})\b", RegexOptions.Compiled);
    static readonly Regex ProcPid = new(@"(?<=/proc/)\d+\b", RegexOptions.Compiled);
    static readonly Regex Number = new(@"\b\d+\b", RegexOptions.Compiled);

    public IReadOnlyDictionary<string, int> EventsOf { get; }
    public int Matched { get; }
    public int Total { get; }
    public IReadOnlyList<string> Differences { get; }
    public double EqualShare => Total == 0 ? 0 : (double)Matched / Total;

    CaptureComparison(Dictionary<string, int> counts, int matched, int total, List<string> differences) =>
        (EventsOf, Matched, Total, Differences) = (counts, matched, total, differences);

    /// <summary>Compares capture a against capture b (JSON lines, with each workload's root pid).</summary>
    public static CaptureComparison Of(string aName, IEnumerable<string> aLines, long aRoot, string bName, IEnumerable<string> bLines, long bRoot)
    {
        var a = Reduce(aLines, aRoot);
        var b = Reduce(bLines, bRoot);
        var counts = new Dictionary<string, int> { [aName] = a.Count, [bName] = b.Count };
        var aKeys = a.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var bKeys = b.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var matched = aKeys.Sum(k => Math.Min(k.Value, bKeys.GetValueOrDefault(k.Key)));
        var differences = aKeys.Keys.Union(bKeys.Keys).Order(StringComparer.Ordinal)
            .Where(k => aKeys.GetValueOrDefault(k) != bKeys.GetValueOrDefault(k))
            .Select(k => $"{aName} {aKeys.GetValueOrDefault(k)} x, {bName} {bKeys.GetValueOrDefault(k)} x: {k}")
            .ToList();
        return new CaptureComparison(counts, matched, Math.Max(a.Count, b.Count), differences);
    }

    /// <summary>The workload's events of one capture, reduced as the class comment says.</summary>
    public static List<string> Reduce(IEnumerable<string> lines, long root)
    {
        var events = lines.Where(l => l.StartsWith('{')).Select(Parse).ToList();
        var names = ThreadNames(events, root);
        return events.Where(e => names.ContainsKey(e.Tid)).Select(e => Key(e, names)).ToList();
    }

    sealed record Event(long Tid, string Type, string Dir, List<KeyValuePair<string, string>> Args);

    static Event Parse(string line)
    {
        var root = JsonDocument.Parse(line).RootElement;
        var args = root.TryGetProperty("evt.args", out var a) && a.ValueKind == JsonValueKind.Object
            ? a.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.ToString())).ToList()
            : [];
        return new Event(root.GetProperty("thread.tid").GetInt64(), root.GetProperty("evt.type").GetString()!,
            root.GetProperty("evt.dir").GetString()!, args);
    }

    /// <summary>The tree's threads by their place in it, from the clone-family exits of its members.</summary>
    static Dictionary<long, string> ThreadNames(List<Event> events, long root)
    {
        var names = new Dictionary<long, string> { [root] = "w" };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var parent in names.Keys.ToList())
            {
                var children = events.Where(e => e.Tid == parent && CloneFamily.Contains(e.Type))
                    .Select(e => LeadingNumber(Arg(e, "res"))).Where(pid => pid > 0).ToList();
                for (var i = 0; i < children.Count; i++)
                    grew |= names.TryAdd(children[i]!.Value, $"{names[parent]}.{i}");
            }
        }
        return names;
    }

    static string Key(Event e, Dictionary<long, string> names)
    {
        var args = e.Args.Select(p => $"{p.Key}={Normalised(e, p.Key, p.Value, names)}");
        return $"{names[e.Tid]}: {e.Type} {e.Dir} {string.Join(' ', args)}";
    }

    static string Normalised(Event e, string name, string value, Dictionary<long, string> names)
    {
        if (VaryingParameters.Contains(name)) return "*";
        if (name == "res" && VaryingResults.Contains(e.Type) && LeadingNumber(value) >= 0) return "*";
        if (PidParameters.Contains(name) && (name != "res" || CloneFamily.Contains(e.Type))
            && LeadingNumber(value) is { } pid && names.TryGetValue(pid, out var thread))
            return thread;
        value = EpochNanoseconds.Replace(value, "<ns>");
        value = KernelAddress.Replace(value, "<kaddr>");
        value = EphemeralPort.Replace(value, "*");
        value = ProcPid.Replace(value, m => NameOf(m.Value, names));
        if (name == "data") value = Number.Replace(value, m => NameOf(m.Value, names));
        return value;
    }

    static string NameOf(string number, Dictionary<long, string> names) =>
        long.TryParse(number, out var pid) && names.TryGetValue(pid, out var thread) ? thread : number;

    static string Arg(Event e, string name) => e.Args.FirstOrDefault(p => p.Key == name).Value ?? "";

    /// <summary>The number a formatted value starts with ("123", "123(...)"), if any.</summary>
    static long? LeadingNumber(string value)
    {
        var end = 0;
        while (end < value.Length && (char.IsAsciiDigit(value[end]) || (end == 0 && value[end] == '-'))) end++;
        return long.TryParse(value.AsSpan(0, end), out var n) ? n : null;
    }
}
