using System.Diagnostics;
using Akka.Actor;
using Capture.Actors.Drivers;
using Capture.Actors.Drivers.Modern;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Actors.Specs.Simulation;
using Capture.Native.Probe;
using Capture.Actors.Accounting;

namespace Capture.Actors.Specs.EndToEnd;

/// <summary>
/// Decision 8 on the real kernel: the interest set is a map, so changing it while the probe is
/// attached and the pipeline runs is a map update: no reload, no gap, nothing lost.
/// </summary>
public sealed class LiveInterestSpecs : SpecKit
{
    const int Calls = 1000;

    [KernelFact]
    public async Task Removing_a_syscall_live_must_stop_its_events_keep_the_others_and_adding_it_back_must_start_them_with_no_reload_and_no_loss()
    {
        var getppid = NativeSyscalls.NumberOf("getppid");
        var read = NativeSyscalls.NumberOf("read");
        var loader = new ModernDriverLoader(new ProbeSettings { BufferBytes = 1 << 20, Interest = [getppid, read] });
        var tally = new SyscallTally("getppid", "read");
        var capture = SimulatedCapture.Start(this, new(), [new SinkBinding(tally, new SinkPolicy.Lossless())], loader: _ => loader);
        await capture.AwaitStateAsync(DriverState.Running);

        var both = await RunAsync(tally);
        Assert.True(tally.Of(both.Getppid, "getppid") >= Calls, $"getppid selected from the start: {tally.Of(both.Getppid, "getppid")} of {Calls} events");

        await ApplyAsync(capture, new LiveSettings([read]));
        var readOnly = await RunAsync(tally);
        // The read loop ran after the getppid loop and its events are through the merge, which
        // releases in timestamp order: a getppid event would have come before them.
        Assert.Equal(0, tally.Of(readOnly.Getppid, "getppid"));

        await ApplyAsync(capture, new LiveSettings([getppid, read]));
        var again = await RunAsync(tally);
        Assert.True(tally.Of(again.Getppid, "getppid") >= Calls, $"getppid selected again: {tally.Of(again.Getppid, "getppid")} of {Calls} events");

        // One driver instance throughout: no state change after the first Running, no gap.
        await capture.States.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.Null(loader.DetachedCounters);
        Assert.Equal(new[] { getppid, read }, loader.Settings.Interest); // what a later reload would load
        capture.Pipeline.Supervisor.Tell(StopCapture.Instance, ActorRefs.NoSender);
        await capture.Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, tally.Gaps);
        Assert.Empty(capture.Stats.Gaps);
        var kernel = loader.DetachedCounters!.Total;
        var losses = capture.Stats.RingLosses;
        var late = capture.Stats.Merge.Dropped(DropReason.Late);
        Assert.Equal((long)kernel.EventsSeen, tally.Events + (long)kernel.Dropped + losses.Corrupt + losses.Unread + late);
        Assert.All(capture.Stats.Stages, stage => Assert.True(stage.Balances, stage.ToString()));
    }

    /// <summary>Tells the supervisor and waits until it has handled the change: it answers a status request only after.</summary>
    static async Task ApplyAsync(SimulatedCapture capture, LiveSettings settings)
    {
        capture.Pipeline.Supervisor.Tell(new ApplyLiveSettings(settings, "spec"), ActorRefs.NoSender);
        var status = await capture.Pipeline.Supervisor.Ask<DriverStatus>(GetDriverStatus.Instance, TimeSpan.FromSeconds(10));
        Assert.Equal(DriverState.Running, status.State);
    }

    /// <summary>
    /// A getppid loop, then a read loop, each a process of its own; returns once the read
    /// loop's events (always selected here) have come through the whole pipeline.
    /// </summary>
    static async Task<(int Getppid, int Read)> RunAsync(SyscallTally tally)
    {
        var getppid = await LoopAsync("getppid");
        var read = await LoopAsync("read1");
        var deadline = Stopwatch.StartNew();
        while (tally.Of(read, "read") < Calls && deadline.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20);
        Assert.True(tally.Of(read, "read") >= Calls, $"read stays selected: only {tally.Of(read, "read")} of {Calls} events arrived");
        return (getppid, read);
    }

    static async Task<int> LoopAsync(string kind)
    {
        using var loop = Process.Start(Path.Combine(RepoPaths.Root, "artifacts", "driver", "capture_testprog"), ["loop", kind, Calls.ToString()]);
        await loop.WaitForExitAsync();
        Assert.Equal(0, loop.ExitCode);
        return loop.Id;
    }
}
