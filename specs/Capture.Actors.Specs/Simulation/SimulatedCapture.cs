using Akka.TestKit;
using Capture.Actors.Drivers;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Actors.Streams;
using Capture.Actors.Supervision;
using Capture.Actors.Pipeline;
using Capture.Actors.Accounting;

namespace Capture.Actors.Specs.Simulation;

/// <summary>A whole pipeline on a simulated kernel, with the supervisor's state changes on a probe.</summary>
sealed class SimulatedCapture
{
    static int s_runs;

    SimulatedCapture(SimulatedKernel kernel, CapturePipeline pipeline, TestProbe states)
    {
        Kernel = kernel;
        Pipeline = pipeline;
        States = states;
    }

    public SimulatedKernel Kernel { get; }
    public CapturePipeline Pipeline { get; }
    public TestProbe States { get; }
    public PipelineStats Stats => Pipeline.Stats;

    public static SimulatedCapture Start(
        TestKitBase kit,
        SimulationSettings simulation,
        IReadOnlyList<SinkBinding> sinks,
        PipelineSettings? settings = null,
        Func<SimulatedKernel, IDriverLoader>? loader = null)
    {
        var kernel = new SimulatedKernel(simulation);
        var states = kit.CreateTestProbe();
        kit.Sys.EventStream.Subscribe(states.Ref, typeof(DriverStateChanged));
        var pipeline = CapturePipeline.Start(
            kit.Sys,
            loader?.Invoke(kernel) ?? new SimulatedDriverLoader(kernel),
            sinks,
            settings ?? Fast,
            $"capture-{Interlocked.Increment(ref s_runs)}");
        return new SimulatedCapture(kernel, pipeline, states);
    }

    /// <summary>Settings that keep specs quick: short backoff, small batches so there are many of them.</summary>
    public static PipelineSettings Fast => new()
    {
        Supervisor = new SupervisorSettings
        {
            MinBackoff = TimeSpan.FromMilliseconds(20),
            MaxBackoff = TimeSpan.FromMilliseconds(100),
        },
        Rings = new() { DisorderWindowNs = 100_000 },
        BatchMaxEvents = 512,
        BatchBlockBytes = 64 * 1024,
        // A ring is declared stalled after this much wall time without data while the merge
        // waits for it. Specs about stalls set their own; for the others a busy test machine
        // (two cores, three spec hosts and the kernel specs' load) must not look like a stall.
        Merge = new MergeSettings { StallTimeout = TimeSpan.FromSeconds(10) },
        // Likewise a sink held at a gate by a spec must not be cut off as stalled.
        SinkStallTimeout = TimeSpan.FromSeconds(30),
    };

    // Async all the way: TestKit's blocking waits hold a thread-pool thread while the actors
    // they wait for need one, which on a two-core CI machine starved a run for 50 s.
    public async Task<DriverStateChanged> AwaitStateAsync(DriverState state, TimeSpan? within = null) =>
        await States.FishForMessageAsync<DriverStateChanged>(m => m.State == state, within ?? TimeSpan.FromSeconds(10));

    /// <summary>Moves virtual time on by <paramref name="duration"/> in steps of <paramref name="step"/>.</summary>
    public void Run(ulong duration, ulong step)
    {
        for (ulong t = 0; t < duration; t += step) Kernel.Advance(Math.Min(step, duration - t));
    }

    /// <summary>Ends the simulation and waits until every sink has completed.</summary>
    public async Task FinishAsync()
    {
        Kernel.Finish();
        await Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(20));
    }
}
