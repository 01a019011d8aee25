using Akka.TestKit;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Plugins;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Actors.Specs.Simulation;
using Capture.Plugins;
using Microsoft.Extensions.Configuration;
using Capture.Actors.Pipeline;
using Capture.Actors.Accounting;

namespace Capture.Actors.Specs.Plugins;

/// <summary>A whole pipeline on a simulated kernel with plugins attached.</summary>
sealed class PluginCapture
{
    static int s_runs;

    PluginCapture(SimulatedKernel kernel, CapturePipeline pipeline, PluginHost plugins, TestProbe states)
    {
        Kernel = kernel;
        Pipeline = pipeline;
        Plugins = plugins;
        States = states;
    }

    public SimulatedKernel Kernel { get; }
    public CapturePipeline Pipeline { get; }
    public PluginHost Plugins { get; }
    public TestProbe States { get; }
    public PipelineStats Stats => Pipeline.Stats;

    public static PluginHost Host(params ICapturePlugin[] plugins) => PluginHost.FromInstances(() => plugins);

    public static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    public static async Task<PluginCapture> StartAsync(TestKitBase kit, SimulationSettings simulation, IReadOnlyList<SinkBinding> sinks, PluginHost plugins,
        PipelineSettings? settings = null)
    {
        var kernel = new SimulatedKernel(simulation);
        var states = kit.CreateTestProbe();
        kit.Sys.EventStream.Subscribe(states.Ref, typeof(DriverStateChanged));
        var pipeline = CapturePipeline.Start(kit.Sys, new SimulatedDriverLoader(kernel), sinks, settings ?? SimulatedCapture.Fast,
            $"plugged-{Interlocked.Increment(ref s_runs)}", plugins);
        var capture = new PluginCapture(kernel, pipeline, plugins, states);
        await capture.States.FishForMessageAsync<DriverStateChanged>(m => m.State == DriverState.Running, TimeSpan.FromSeconds(10));
        return capture;
    }

    public void Run(ulong duration, ulong step)
    {
        for (ulong t = 0; t < duration; t += step) Kernel.Advance(Math.Min(step, duration - t));
    }

    public async Task FinishAsync()
    {
        Kernel.Finish();
        await Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        Plugins.Dispose();
    }
}
