using System.Globalization;
using System.Runtime.InteropServices;
using Capture.Actors.Accounting;

namespace Capture.Host.Live;

/// <summary>
/// `kill -USR1` on a live capture prints one line on stderr with what it has delivered and
/// lost so far, and the capture goes on (as dd does): a way to watch a capture whose stderr is
/// not a terminal, and for a benchmark to count the events of a window it times itself.
/// </summary>
public sealed class ProgressOnSignal : IDisposable
{
    // SIGUSR1 on Linux; PosixSignal takes raw signal numbers on Unix.
    const int SigUsr1 = 10;

    readonly PosixSignalRegistration _registration;

    public ProgressOnSignal(Func<long> delivered, PipelineStats stats, Func<TimeSpan> elapsed, TextWriter stderr)
    {
        _registration = PosixSignalRegistration.Create((PosixSignal)SigUsr1, context =>
        {
            context.Cancel = true;
            var losses = stats.RingLosses;
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"capture: progress: {delivered()} events in {elapsed().TotalSeconds:F2} s; dropped: {losses.Kernel} in the kernel, {losses.Corrupt} corrupt"));
        });
    }

    public void Dispose() => _registration.Dispose();
}
