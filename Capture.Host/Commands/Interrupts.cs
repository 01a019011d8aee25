using System.Runtime.InteropServices;

namespace Capture.Host.Commands;

/// <summary>
/// Ctrl-C and SIGTERM as a capture tool should treat them: the first asks for a clean stop
/// (drain, flush, close the file, print the summary), a second exits at once.
/// </summary>
public sealed partial class Interrupts : IDisposable
{
    readonly CancellationTokenSource _stop = new();
    readonly PosixSignalRegistration[] _registrations;
    int _count;

    public Interrupts()
    {
        // A shell starts a background job (`capture -w f &`) with SIGINT ignored, and the runtime
        // then leaves it ignored; sysdig still stops on `kill -INT`, so the default comes back first.
        RestoreDefaultDisposition(SigInt);
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    public CancellationToken Token => _stop.Token;

    void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _count) > 1) Environment.Exit(130);
        _stop.Cancel();
    }

    const int SigInt = 2;

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint SetDisposition(int signal, nint handler);

    static void RestoreDefaultDisposition(int signal) => SetDisposition(signal, handler: 0 /* SIG_DFL */);

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _stop.Dispose();
    }
}
