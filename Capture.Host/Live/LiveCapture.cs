using System.Diagnostics;
using Akka.Actor;
using Capture.Actors.Drivers;
using Capture.Actors.Drivers.Modern;
using Capture.Actors.Drivers.Replay;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Outputs;
using Capture.Actors.Plugins;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Host.Configuration;
using Capture.Host.Hosting;
using Capture.Hosting.Configuration;
using Capture.Hosting;
using Capture.Host.Output;
using Capture.Native.Containers.Engine;
using Capture.Native.Files;
using Capture.Native.Probe;
using Capture.Native.ProcFs;
using Capture.Native.Processes;
using Capture.Actors.Pipeline;
using Capture.Actors.Accounting;

namespace Capture.Host.Live;

/// <summary>
/// A capture through the Akka pipeline — live from the embedded probe, or a file replayed
/// through the same graph when plugins must see it — to stdout or a file, until Ctrl-C, an
/// event limit, a duration, the end of the file or the reader of stdout going away. The driver is owned by the pipeline's
/// supervisor; this class only starts the pipeline, decides when to stop, and reports.
/// </summary>
public sealed class LiveCapture(LiveOptions options, StandardOutput stdout, TextWriter stderr)
{
    public async Task<int> RunAsync(CancellationToken interrupted)
    {
        var problems = CaptureOptionsValidator.Problems(options.Capture);
        if (problems.Count > 0)
        {
            foreach (var problem in problems) stderr.WriteLine($"capture: {problem}");
            return 2;
        }

        // Live threads' containers are named by their runtime, asked in the background.
        using var containerRuntime = OutputOrigin.IsLive(options.Capture) ? new EngineMetadataSource() : null;
        // Read once, as `serve` reads it: live output prints the names, a file carries them as its lists.
        var origin = OutputOrigin.Of(options.Capture, containerRuntime);
        var (threads, accounts) = origin.NewState();
        var selection = new SyscallSelection(options.Capture.Syscalls);
        SimulatedKernel? simulated = null;
        IDriverLoader loader;
        ModernDriverLoader? modern = null;
        switch (options.Capture.Driver)
        {
            case DriverKind.Replay:
                var path = options.Capture.ReplayFile!;
                loader = new ReplayDriverLoader(path, () => new ScapFileFrameSource(ScapFileReader.Open(path)));
                break;
            case DriverKind.Simulated:
                loader = DriverLoaders.For(options.Capture, out simulated);
                break;
            default:
                loader = DriverLoaders.LiveLoaderFor(options.Capture, selection.ProbeInterest, out modern);
                break;
        }

        using var plugins = options.PluginDirectory is { } directory ? PluginHost.FromDirectory(directory, PluginConfiguration.Load()) : null;
        // A plugin asked for and not there would leave a capture that looks right and is not
        // (a filter or an alert missing): refused, unless it was said to be optional. Optional
        // ones' problems are logged by the pipeline when it attaches them (to stderr, see StderrLogger).
        if (plugins is not null && !options.PluginsOptional && plugins.Problems.Count > 0)
        {
            foreach (var problem in plugins.Problems) stderr.WriteLine($"capture: plugin {problem} (--plugins-optional goes on without it)");
            return 1;
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = EventOutputs.Open(options.Output, stdout, threads, accounts, origin.Metadata, origin.Machine, origin.Threads, origin.OpenFds);
        var outputPath = OutputPath.For(options.Output, output, threads, accounts, options.Capture.MaxEvents, ShownBy(selection));
        var sink = new EventOutputSink("output", outputPath, () => stop.TrySetResult());

        await using var host = await CommandHost.StartAsync();
        var clock = new Stopwatch();
        var wentLive = false;
        var pipeline = CapturePipeline.Start(host.System, loader, [new SinkBinding(sink, new SinkPolicy.Lossless())],
            new PipelineSettings { SinkStallTimeout = options.Capture.SinkStallTimeout }, plugins: plugins);

        using (interrupted.Register(() => stop.TrySetResult()))
        using (stdout.ReaderGone.Register(() => stop.TrySetResult()))
        {
            wentLive = await AnnounceRunning(pipeline, interrupted);
            clock.Start();
            await using var statusLine = StatusLine.StartIfWatched(options.Output.PrintsLines, () => sink.Written, pipeline.Stats,
                () => (output as IFileOutput)?.BytesWritten ?? 0);
            using var progress = new ProgressOnSignal(() => sink.Written, pipeline.Stats, () => clock.Elapsed, stderr);
            var deadline = options.Capture.MaxDuration is { } d ? Task.Delay(d) : Task.Delay(Timeout.Infinite);
            await SimulatedClock.FollowWallClock(() => simulated, Task.WhenAny(stop.Task, deadline, pipeline.Completion));
        }
        pipeline.Supervisor.Tell(StopCapture.Instance);
        await pipeline.Completion;
        clock.Stop();
        // Stopped and drained like any other end, so a file being written is whole; but the
        // reader is gone, and sysdig says nothing either when a pipe closes under it.
        if (stdout.Closed) return StandardOutput.ReaderGoneExitCode;

        // The supervisor has ended by now and keeps its final state for whoever asks.
        var status = await pipeline.Supervisor.Ask<DriverStatus>(GetDriverStatus.Instance, TimeSpan.FromSeconds(5));
        var failure = status.State == DriverState.Failed ? status.Reason : null;
        // A driver that never ran has nothing to summarize: the reason is the one line to say.
        stderr.WriteLine(wentLive || failure is null
            ? LiveSummary.Render(sink.Written, sink.StateOnly, sink.FilteredOut, clock.Elapsed, pipeline.Stats, (loader as IKernelCounterSource)?.DetachedCounters, failure, modern?.LatestPoller)
            : $"capture: {failure}");
        var outputLost = OutputProblem(sink, pipeline.Stats);
        if (outputLost is not null) stderr.WriteLine($"capture: {outputLost}");
        return failure is null && outputLost is null ? 0 : 1;
    }

    /// <summary>
    /// Why the output did not get every event: its file failed (the disk filled), or it
    /// stalled or threw and was cut off. A plugin's sink failing leaves the output whole.
    /// </summary>
    static string? OutputProblem(EventOutputSink sink, PipelineStats stats) =>
        sink.Failure?.Message ?? stats.SinkFailures.FirstOrDefault(f => f.Sink == sink.Name)?.Cause.Message;

    /// <summary>
    /// A file keeps every event the probe sent, state calls included, so that its readers can
    /// rebuild process and fd names as we do; only printed output is limited to the selection.
    /// </summary>
    Func<Native.Schema.EventInfo, bool>? ShownBy(SyscallSelection selection) =>
        options.Output.FilePath is null && !selection.ShowsAll ? selection.Shows : null;

    /// <summary>
    /// One line on stderr once the probe is attached, so a person (or a spec) knows that
    /// what happens from now on is captured.
    /// </summary>
    async Task<bool> AnnounceRunning(CapturePipeline pipeline, CancellationToken interrupted)
    {
        while (!interrupted.IsCancellationRequested && !pipeline.Completion.IsCompleted)
        {
            DriverStatus status;
            try
            {
                status = await pipeline.Supervisor.Ask<DriverStatus>(GetDriverStatus.Instance, TimeSpan.FromSeconds(5));
            }
            catch (AskTimeoutException)
            {
                // The supervisor answers between steps; loading the probe is one step, and the
                // kernel's verifier can take longer than the ask on a slow (emulated) machine.
                continue;
            }
            if (status.State == DriverState.Running)
            {
                if (options.Capture.Driver is DriverKind.Modern or DriverKind.Kmod)
                    stderr.WriteLine($"capture: capturing live (driver API {status.Api}, schema {status.Schema}); Ctrl-C stops");
                return true;
            }
            if (status.State is DriverState.Failed or DriverState.Completed) return status.State == DriverState.Completed;
            await Task.Delay(20);
        }
        return false;
    }
}
