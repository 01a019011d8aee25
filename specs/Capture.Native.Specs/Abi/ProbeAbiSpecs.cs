using System.Runtime.InteropServices;
using Capture.Native.Abi;

namespace Capture.Native.Specs.Abi;

/// <summary>
/// driver/abi/capture_abi.h is the one definition of what probe and loader share; this
/// compiles it with the C compiler and checks that the C# mirrors have the same sizes,
/// offsets, names and limits.
/// </summary>
public sealed class ProbeAbiSpecs
{

    [Fact]
    public void CSharp_mirrors_must_match_the_C_layouts_field_by_field()
    {
        var fromC = Dump("""
            #define FIELD(s, f) printf(#s " " #f " %zu %zu\n", offsetof(struct s, f), sizeof(((struct s *)0)->f));
            #define SIZE(s) printf(#s " size %zu\n", sizeof(struct s));
            SIZE(capture_event_header) FIELD(capture_event_header, ts) FIELD(capture_event_header, tid)
            FIELD(capture_event_header, len) FIELD(capture_event_header, type) FIELD(capture_event_header, nparams)
            SIZE(capture_counters) FIELD(capture_counters, events_seen) FIELD(capture_counters, dropped_ring_full)
            FIELD(capture_counters, dropped_too_large) FIELD(capture_counters, dropped_no_buffer)
            FIELD(capture_counters, dropped_syscall) FIELD(capture_counters, dropped_scheduler) FIELD(capture_counters, dropped_pagefault)
            FIELD(capture_counters, gap_markers) FIELD(capture_counters, lost_unmarked)
            SIZE(capture_settings) FIELD(capture_settings, api_version) FIELD(capture_settings, schema_version)
            FIELD(capture_settings, boot_time_ns) FIELD(capture_settings, own_tgid) FIELD(capture_settings, snaplen)
            FIELD(capture_settings, cpus_for_each_buffer) FIELD(capture_settings, ring_count) FIELD(capture_settings, drop_failed)
            """);

        var fromCSharp = new List<string>();
        void Mirror<T>(string c, int declaredSize, params (string C, string CSharp)[] fields) where T : struct
        {
            Assert.Equal(Marshal.SizeOf<T>(), declaredSize);
            fromCSharp.Add($"{c} size {declaredSize}");
            foreach (var (cName, csName) in fields)
            {
                var type = typeof(T).GetField(csName)!.FieldType;
                fromCSharp.Add($"{c} {cName} {Marshal.OffsetOf<T>(csName)} {Marshal.SizeOf(type)}");
            }
        }
        Mirror<EventHeader>("capture_event_header", EventHeader.Size,
            ("ts", "Timestamp"), ("tid", "ThreadId"), ("len", "Length"), ("type", "Type"), ("nparams", "ParamCount"));
        Mirror<ProbeCounters>("capture_counters", ProbeCounters.Size,
            ("events_seen", "EventsSeen"), ("dropped_ring_full", "DroppedRingFull"), ("dropped_too_large", "DroppedTooLarge"),
            ("dropped_no_buffer", "DroppedNoBuffer"), ("dropped_syscall", "DroppedSyscall"),
            ("dropped_scheduler", "DroppedScheduler"), ("dropped_pagefault", "DroppedPageFault"),
            ("gap_markers", "GapMarkers"), ("lost_unmarked", "LostUnmarked"));
        Mirror<ProbeSettingsBlock>("capture_settings", ProbeSettingsBlock.Size,
            ("api_version", "ApiVersion"), ("schema_version", "SchemaVersion"), ("boot_time_ns", "BootTimeNs"),
            ("own_tgid", "OwnTgid"), ("snaplen", "SnapLen"), ("cpus_for_each_buffer", "CpusForEachBuffer"),
            ("ring_count", "RingCount"), ("drop_failed", "DropFailed"));

        Assert.Equal(fromCSharp, fromC);
    }

    [Fact]
    public void CSharp_must_use_the_C_names_and_limits()
    {
        var fromC = Dump("""
            printf("%s\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n%d\n%d\n", CAPTURE_SETTINGS_SECTION, CAPTURE_MAP_RINGS, CAPTURE_MAP_INTEREST,
                CAPTURE_MAP_COUNTERS, CAPTURE_MAP_SCRATCH, CAPTURE_PROG_SYS_EXIT, CAPTURE_PROG_SCHED_EXIT, CAPTURE_PROG_SCHED_EXEC,
                CAPTURE_MAX_EVENT_SIZE, CAPTURE_SYSCALL_TABLE_SIZE);
            """);
        Assert.Equal(
            [ProbeAbiNames.SettingsSection, ProbeAbiNames.RingsMap, ProbeAbiNames.InterestMap, ProbeAbiNames.CountersMap,
             ProbeAbiNames.ScratchMap, ProbeAbiNames.SysExitProgram, ProbeAbiNames.SchedExitProgram, ProbeAbiNames.SchedExecProgram,
             ProbeAbiNames.MaxEventSize.ToString(), ProbeAbiNames.SyscallTableSize.ToString()],
            fromC);
    }

    static List<string> Dump(string body) => AbiHeaderDump.Lines(["capture_abi.h"], body);
}
