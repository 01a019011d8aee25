using System.Text;

namespace Capture.Native.Formatting;

/// <summary>The signal names sysdig prints (Linux x86 numbering, 1–31; none for real-time signals).</summary>
public static class SignalNames
{
    static readonly byte[][] s_names =
    [
        [], .. new[]
        {
            "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
            "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
            "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR",
            "SIGSYS",
        }.Select(Encoding.ASCII.GetBytes),
    ];

    /// <summary>The name of signal <paramref name="number"/>, or empty when sysdig has none.</summary>
    public static ReadOnlySpan<byte> Of(int number) =>
        number > 0 && number < s_names.Length ? s_names[number] : default;
}
