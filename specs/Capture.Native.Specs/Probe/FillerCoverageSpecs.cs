using System.Text.RegularExpressions;
using Capture.Native.Probe;
using Capture.Native.Schema;

namespace Capture.Native.Specs.Probe;

/// <summary>
/// Which syscalls the probe gives a dedicated event: every x86_64 syscall that has a current
/// (not old-version) exit event of its name in the schema — the events `capture -L` lists —
/// must have a filler in driver/shared/filler_list.h (the list the probe's prog array is built
/// from, driver/modern/programs/filler_table.h), or it would come out as a
/// generic event without parameters. libs names a few events differently from the kernel.
/// </summary>
public sealed class FillerCoverageSpecs
{
    static readonly Dictionary<string, string> EventNameOf = new()
    {
        ["pread64"] = "pread", ["pwrite64"] = "pwrite", ["prlimit64"] = "prlimit",
    };

    static readonly string FillerTable = Path.Combine(RepoPaths.Root, "driver", "shared", "filler_list.h");

    static HashSet<string> Fillers() =>
        Regex.Matches(File.ReadAllText(FillerTable), @"\bX\((\w+)\)").Select(m => m.Groups[1].Value).ToHashSet();

    static HashSet<string> CurrentExitEvents() =>
        EventTable.All.ToArray()
            .Where(e => e.Direction == EventDirection.Exit && (e.Flags & (EventFlags.OLD_VERSION | EventFlags.UNUSED)) == 0)
            .Select(e => e.Name).ToHashSet();

    [Fact]
    public void Every_syscall_with_a_current_exit_event_must_have_a_filler()
    {
        var events = CurrentExitEvents();
        var fillers = Fillers();
        var generic = NativeSyscalls.Names
            .Where(name => events.Contains(EventNameOf.GetValueOrDefault(name, name)) && !fillers.Contains(name))
            .Order().ToList();
        Assert.Empty(generic);
    }

    [Fact]
    public void Every_filler_must_be_for_a_syscall_with_a_current_exit_event()
    {
        var events = CurrentExitEvents();
        var unknown = Fillers().Where(f => !NativeSyscalls.TryNumberOf(f, out _) || !events.Contains(EventNameOf.GetValueOrDefault(f, f))).ToList();
        Assert.Empty(unknown);
        Assert.True(Fillers().Count >= 150, $"only {Fillers().Count} fillers found in {FillerTable}");
    }
}
