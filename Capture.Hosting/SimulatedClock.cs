using Capture.Actors.Drivers.Simulated;

namespace Capture.Hosting;

/// <summary>
/// A simulated kernel makes events only as its virtual clock moves. Outside specs it follows
/// the wall clock: a millisecond at a time until <c>until</c> completes. The kernel is read
/// on every step because a reload may swap it for a new one.
/// </summary>
public static class SimulatedClock
{
    static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);
    static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(100);

    public static async Task FollowWallClock(Func<SimulatedKernel?> kernel, Task until)
    {
        while (!until.IsCompleted)
        {
            var current = kernel();
            current?.Advance((ulong)Step.Ticks * 100);
            // Without a simulated kernel (a live or replay driver) only a reload could bring one.
            await Task.WhenAny(until, Task.Delay(current is null ? Idle : Step));
        }
    }
}
