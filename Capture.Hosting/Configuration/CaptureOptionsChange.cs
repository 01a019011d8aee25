using System.Collections;

namespace Capture.Hosting.Configuration;

/// <summary>
/// Which settings differ between the options a capture runs with and newly bound ones, and
/// whether the running driver can take the change live. Live are the settings the probe keeps
/// in maps (decision 8): <see cref="CaptureOptions.Syscalls"/>, the interest set. Every other
/// setting, also one added later and not listed here, needs a reload: snap length, buffer size
/// and ring layout, enter events and the driver kind are fixed when the probe loads, and the
/// limits and sink timeout are read when the pipeline starts.
/// </summary>
public sealed class CaptureOptionsChange
{
    static readonly HashSet<string> LiveSettings = [nameof(CaptureOptions.Syscalls)];

    CaptureOptionsChange(IReadOnlyList<string> changed) => Changed = changed;

    /// <summary>The names of the settings that differ, in declaration order.</summary>
    public IReadOnlyList<string> Changed { get; }

    /// <summary>A configuration reload that left every capture setting as it was.</summary>
    public bool IsEmpty => Changed.Count == 0;

    /// <summary>Something changed, and all of it can be changed on the running driver.</summary>
    public bool IsLiveOnly => !IsEmpty && Changed.All(LiveSettings.Contains);

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
