namespace Capture.Native.Schema;

/// <summary>Names of the system-call codes carried by PT_SYSCALLID parameters.</summary>
public static partial class SyscallCodes
{
    static readonly string?[] s_names = BuildNames();
    static readonly Dictionary<string, ushort> s_codes = Generated().ToDictionary(c => c.Name, c => c.Code);

    private static partial (string Name, ushort Code)[] Generated();

    /// <summary>The name readers print for a code, or null for a code this schema lacks.</summary>
    public static string? NameOf(ushort code) => code < s_names.Length ? s_names[code] : null;

    /// <summary>
    /// What a call is about, as sysdig 0.29.3's syscall table files it: a generic event (a call
    /// with no filler of its own) takes its category from here. OTHER for codes it did not know.
    /// </summary>
    public static EventCategory CategoryOf(ushort code) => code < Categories.Length ? (EventCategory)Categories[code] : EventCategory.OTHER;

    /// <summary>The code of a system call by the name readers print (e.g. "openat").</summary>
    public static bool TryGetCode(string name, out ushort code) => s_codes.TryGetValue(name, out code);

    static string?[] BuildNames()
    {
        var codes = Generated();
        var names = new string?[codes.Max(c => c.Code) + 1];
        foreach (var (name, code) in codes) names[code] = name;
        return names;
    }
}
