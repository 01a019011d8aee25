using System.Collections;

namespace Capture.Hosting.Configuration;

/// <summary>
/// Which settings differ between the options a capture runs with and newly bound ones, and
/// whether the running driver can take the change live. Live are the settings the probe keeps
/// in maps (decision 8): <see cref="CaptureOptions.Syscalls"/>, the interest set. Every other
/// setting, also one added later and not listed here, needs a reload: snap length, buffer size
/// and ring layout, enter events and the driver kind are fixed when the probe loads, and the
/// limits and sink timeout are read when the pipeline starts.
///
/// Two kinds of setting are not the driver's at all: the outputs and the filter of a service
/// (<see cref="OutputSettings"/>), which its outputs take as they are (see
/// <see cref="OutputsChange"/>), and the plugins, which are wired into the graph when it is
/// built, so a change of them restarts the pipeline (<see cref="NeedsPipelineRestart"/>).
/// </summary>
public sealed class CaptureOptionsChange
{
    static readonly HashSet<string> LiveSettings = [nameof(CaptureOptions.Syscalls)];

    static readonly HashSet<string> OutputSettings = [nameof(CaptureOptions.Outputs), nameof(CaptureOptions.Filter)];

    static readonly HashSet<string> GraphSettings = [nameof(CaptureOptions.Plugins), nameof(CaptureOptions.PluginsOptional)];

    CaptureOptionsChange(IReadOnlyList<string> changed) => Changed = changed;

    /// <summary>The names of the settings that differ, in declaration order.</summary>
    public IReadOnlyList<string> Changed { get; }

    /// <summary>A configuration reload that left every capture setting as it was.</summary>
    public bool IsEmpty => Changed.Count == 0;

    /// <summary>Something changed, and all of it can be changed on the running driver.</summary>
    public bool IsLiveOnly => !IsEmpty && Changed.All(LiveSettings.Contains);

    /// <summary>A setting the running driver can take live changed (it may need a reload for others too).</summary>
    public bool ChangesLiveSettings => Changed.Any(LiveSettings.Contains);

    /// <summary>A setting fixed when the driver loads changed: the driver must be loaded again.</summary>
    public bool NeedsDriverReload => Changed.Any(c => !LiveSettings.Contains(c) && !OutputSettings.Contains(c) && !GraphSettings.Contains(c));

    /// <summary>The outputs or the filter of a service changed.</summary>
    public bool ChangesOutputs => Changed.Any(OutputSettings.Contains);

    /// <summary>The plugins changed: they are wired into the graph when it is built, so the pipeline starts anew.</summary>
    public bool NeedsPipelineRestart => Changed.Any(GraphSettings.Contains);

    public static CaptureOptionsChange Between(CaptureOptions before, CaptureOptions after) =>
        new(typeof(CaptureOptions).GetProperties()
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && !SameValue(p.GetValue(before), p.GetValue(after)))
            .Select(p => p.Name)
            .ToArray());

    // Bound lists are new instances at every reload: compare what they hold, not which they are.
    static bool SameValue(object? a, object? b) =>
        a is IEnumerable first and not string && b is IEnumerable second and not string
            ? first.Cast<object?>().SequenceEqual(second.Cast<object?>())
            : Equals(a, b);

    public override string ToString() => IsEmpty ? "nothing" : string.Join(", ", Changed);
}
