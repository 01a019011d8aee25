using Capture.Native.Formatting;
using Capture.Native.Schema;

namespace Capture.Native.Filtering;

/// <summary>
/// evt.type values are checked when the filter is parsed, as sysdig checks them: a name that
/// is neither an event nor a system call (evt.type=opne) would match nothing, silently, so it
/// is refused with its column instead.
/// </summary>
static class EventTypeCheck
{
    static readonly HashSet<string> s_names = Build();

    public static void Known(FilterToken value)
    {
        if (!s_names.Contains(value.Text))
            throw new FilterException($"unknown event type '{value.Text}' for evt.type", value.Start + 1);
    }

    static HashSet<string> Build()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in EventTable.All)
            if (!e.IsUnused) names.Add(e.Name);
        // Generic events are named by their system call (evt.type=mprotect).
        for (var code = 0; code < 4096; code++)
            if (SyscallNames.Of((ushort)code) is { } name) names.Add(name);
        return names;
    }
}
