using System.Text;

namespace Capture.Host.Startup;

/// <summary>
/// This process's argv exactly as it was started, argv[0] included, from /proc/self/cmdline:
/// the runtime's own view drops argv[0] and Environment.GetCommandLineArgs replaces it.
/// </summary>
internal static class ProcessArguments
{
    public static IReadOnlyList<string> Read()
    {
        var raw = File.ReadAllBytes("/proc/self/cmdline");
        // Each argument ends in a NUL, the last one too.
        var text = Encoding.UTF8.GetString(raw.AsSpan(0, raw.Length > 0 && raw[^1] == 0 ? raw.Length - 1 : raw.Length));
        return text.Split('\0');
    }
}
