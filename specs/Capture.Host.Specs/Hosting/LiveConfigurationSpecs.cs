using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Capture.Actors.Drivers.Modern;
using Capture.Actors.Protocol;
using Capture.Hosting;
using Capture.Native.Events;
using Capture.Native.Probe;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Capture.Host.Specs.Hosting;

/// <summary>
/// A service whose configuration changes while it captures with the real probe: the interest
/// set (Capture:Syscalls) is applied to the running probe, anything else still reloads it.
/// </summary>
public sealed class LiveConfigurationSpecs
{
    /// <summary>Keeps every state the supervisor publishes.</summary>
    sealed class StateRecorder : ReceiveActor
    {
        public StateRecorder(ConcurrentQueue<DriverStateChanged> states) => Receive<DriverStateChanged>(states.Enqueue);
    }

    [KernelFact]
    public async Task Changing_Capture_Syscalls_must_change_the_running_probe_with_no_reload_while_a_snap_length_change_still_reloads()
    {
        var getppid = NativeSyscalls.NumberOf("getppid");
        var getppidBy = new ConcurrentDictionary<ulong, int>();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Capture:Driver"] = "Modern",
            ["Capture:BufferBytes"] = (1 << 20).ToString(),
            ["Capture:Syscalls:0"] = "read",
        });
        builder.Services.AddCapture(builder.Configuration);
        builder.Services.AddCaptureCallback("spec", (in EventView ev, ushort cpu) =>
        {
            if (ev.Info.EnumName == "PPME_GENERIC_X" && BinaryPrimitives.ReadUInt16LittleEndian(ev.Param(1)) == getppid)
                getppidBy.AddOrUpdate(ev.ThreadId, 1, (_, n) => n + 1);
        });
        using var host = builder.Build();
        await host.StartAsync();
        var runtime = host.Services.GetRequiredService<CaptureRuntime>();
        var pipeline = await runtime.Started.WaitAsync(TimeSpan.FromSeconds(10));
        var states = new ConcurrentQueue<DriverStateChanged>();
        var system = host.Services.GetRequiredService<ActorSystem>();
        system.EventStream.Subscribe(system.ActorOf(Props.Create(() => new StateRecorder(states))), typeof(DriverStateChanged));
        await UntilAsync(async () => (await Status(pipeline.Supervisor)).State == DriverState.Running, "the driver must run");

        var before = await LoopAsync();
        builder.Configuration["Capture:Syscalls:1"] = "getppid";
        ((IConfigurationRoot)builder.Configuration).Reload();
        var live = await Status(pipeline.Supervisor); // answered after the change was handled
        var after = await LoopAsync();
        await UntilAsync(() => Task.FromResult(getppidBy.GetValueOrDefault((ulong)after) >= 1000), "getppid events after the change");

        Assert.Equal(DriverState.Running, live.State);
        Assert.DoesNotContain(states, s => s.State == DriverState.Reloading);
        Assert.Empty(pipeline.Stats.Gaps);
        Assert.Equal(0, getppidBy.GetValueOrDefault((ulong)before));
        var loader = Assert.IsType<ModernDriverLoader>(runtime.Loader);
        Assert.Equal(new[] { NativeSyscalls.NumberOf("read"), getppid }, loader.Settings.Interest);

        builder.Configuration["Capture:SnapLength"] = "40";
        ((IConfigurationRoot)builder.Configuration).Reload();
        await UntilAsync(() => Task.FromResult(states.Any(s => s.State == DriverState.Reloading)), "a snap length change must reload the driver");
        await UntilAsync(async () => (await Status(pipeline.Supervisor)).State == DriverState.Running, "the driver must run again after the reload");
        await host.StopAsync();

        var reload = states.First(s => s.State == DriverState.Reloading);
        Assert.Contains("SnapLength", reload.Reason);
        Assert.DoesNotContain("Syscalls", reload.Reason);
        Assert.Equal(40, Assert.IsType<ModernDriverLoader>(runtime.Loader).Settings.SnapLen);
    }

    static Task<DriverStatus> Status(IActorRef supervisor) =>
        supervisor.Ask<DriverStatus>(GetDriverStatus.Instance, TimeSpan.FromSeconds(10));

    static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"{what}: still not so after 30 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Runs 1000 getppid calls in a process of its own; returns its pid (its only thread's id).</summary>
    static async Task<int> LoopAsync()
    {
        using var loop = Process.Start(Path.Combine(RepoPaths.Root, "artifacts", "driver", "capture_testprog"), ["loop", "getppid", "1000"]);
        await loop.WaitForExitAsync();
        Assert.Equal(0, loop.ExitCode);
        return loop.Id;
    }
}
