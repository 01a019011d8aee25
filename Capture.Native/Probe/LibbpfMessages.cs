using System.Runtime.InteropServices;
using System.Text;
using Capture.Native.Interop;

namespace Capture.Native.Probe;

/// <summary>How loud libbpf says a message is (enum libbpf_print_level).</summary>
public enum LibbpfLevel
{
    Warning,
    Info,
    Debug,
}

/// <summary>
/// What libbpf says while it opens, loads and attaches the probe. libbpf prints on stderr by
/// default, which would put its lines among ours (a missing capability came out as three
/// lines of relocation noise before our one); they come here instead. A host logs them at
/// debug level through <see cref="Printed"/>; a load keeps the last ones it heard, so an
/// error the verifier caused can quote the verifier.
/// </summary>
public static unsafe class LibbpfMessages
{
    const int Kept = 20;

    [ThreadStatic] static Queue<string>? t_heard;
    static int s_installed;

    /// <summary>Raised for every message, on the thread libbpf printed it on; a handler that throws is ignored.</summary>
    public static event Action<LibbpfLevel, string>? Printed;

    /// <summary>Routes libbpf's printer here, once per process.</summary>
    internal static void Install()
    {
        if (Interlocked.Exchange(ref s_installed, 1) == 0) Libbpf.SetPrint(&Print);
    }

    /// <summary>Starts keeping what libbpf says on this thread; <see cref="StopListening"/> returns it.</summary>
    internal static void Listen() => t_heard = new Queue<string>();

    /// <summary>The last messages heard on this thread since <see cref="Listen"/>, oldest first.</summary>
    internal static IReadOnlyList<string> StopListening()
    {
        var heard = t_heard?.ToArray() ?? [];
        t_heard = null;
        return heard;
    }

    [UnmanagedCallersOnly]
    static int Print(int level, byte* format, nint arguments)
    {
        const int capacity = 1024;
        var buffer = stackalloc byte[capacity];
        var length = Libc.Vsnprintf(buffer, capacity, format, arguments);
        if (length <= 0) return 0;
        var text = Encoding.UTF8.GetString(buffer, Math.Min(length, capacity - 1)).TrimEnd('\n');
        if (t_heard is { } heard)
        {
            if (heard.Count == Kept) heard.Dequeue();
            heard.Enqueue(text);
        }
        try
        {
            Printed?.Invoke((LibbpfLevel)level, text);
        }
        catch (Exception)
        {
            // An exception must not unwind into libbpf's C frames: that would end the process.
        }
        return length;
    }
}
