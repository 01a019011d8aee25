namespace Capture.Native.Probe;

/// <summary>
/// This machine's (x86_64) syscall numbers with their names and PPM_SC codes, generated at
/// build time from the kernel's unistd_64.h and driver/schema/syscalls.schema by
/// driver/modern/gen-syscalls.sh, the same table the probe is compiled with.
/// </summary>
public static partial class NativeSyscalls
{
    static readonly Dictionary<string, int> s_numbers = Generated().ToDictionary(s => s.Name, s => s.Number);

    private static partial (string Name, int Number, ushort Code)[] Generated();

    /// <summary>Every native syscall name this build knows.</summary>
    public static IReadOnlyCollection<string> Names { get; } = Generated().Select(s => s.Name).ToArray();

    /// <summary>Every native syscall number this build knows.</summary>
    public static IReadOnlyCollection<int> All { get; } = Generated().Select(s => s.Number).ToArray();

    public static int NumberOf(string name) =>
        s_numbers.TryGetValue(name, out var nr) ? nr : throw new ArgumentException($"'{name}' is not an x86_64 syscall name", nameof(name));

    public static bool TryNumberOf(string name, out int number) => s_numbers.TryGetValue(name, out number);

    public static int[] NumbersOf(params string[] names) => names.Select(NumberOf).ToArray();

    /// <summary>The name of a native syscall number, or "#nr" for one this build does not know.</summary>
    public static string NameOf(int number) => s_names.TryGetValue(number, out var name) ? name : $"#{number}";

    static readonly Dictionary<int, string> s_names = s_numbers.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.First().Key);
}
