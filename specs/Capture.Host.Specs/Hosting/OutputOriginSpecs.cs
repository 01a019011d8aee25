using Capture.Hosting;
using Capture.Hosting.Configuration;
using Capture.Native.Containers;
using Capture.Specs.Support;

namespace Capture.Host.Specs.Hosting;

/// <summary>
/// The starting state that the command and `serve` both build through <see cref="OutputOrigin"/>:
/// a live one gives each output's thread table the container runtime to ask (serve's tables
/// had none), a replayed file's asks nobody.
/// </summary>
public sealed class OutputOriginSpecs
{
    sealed class RecordingRuntime : IContainerMetadataSource
    {
        public List<string> Asked { get; } = [];

        public void Request(Container container) => Asked.Add(container.IdText);
    }

    [Fact]
    public void A_live_origin_gives_every_outputs_table_the_container_runtime_and_this_machines_processes()
    {
        var runtime = new RecordingRuntime();
        var origin = OutputOrigin.Of(new CaptureOptions { Driver = DriverKind.Modern }, runtime);
        var (first, _) = origin.NewState();
        var (second, _) = origin.NewState();
        // Containers running on this machine now (another spec's podman container) were met in
        // its processes and asked about already; only what comes after is this spec's.
        var askedForThisMachine = runtime.Asked.Count;

        first.Containers.ForId("0123456789ab"u8, ContainerType.Docker);
        second.Containers.ForId("ba9876543210"u8, ContainerType.Podman);

        Assert.Equal(["0123456789ab", "ba9876543210"], runtime.Asked.Skip(askedForThisMachine));
        Assert.NotNull(first.Find(Environment.ProcessId));
        Assert.NotSame(first, second);
    }

    [Fact]
    public void A_replayed_files_origin_asks_no_container_runtime_and_seeds_the_files_processes()
    {
        var runtime = new RecordingRuntime();
        var origin = OutputOrigin.Of(new CaptureOptions { Driver = DriverKind.Replay, ReplayFile = RepoPaths.Fixture("libs-curl_google.scap") }, runtime);
        var (threads, _) = origin.NewState();

        threads.Containers.ForId("0123456789ab"u8, ContainerType.Docker);

        Assert.Empty(runtime.Asked);
        Assert.NotEmpty(origin.Threads);
        Assert.All(origin.Threads, t => Assert.NotNull(threads.Find(t.Tid)));
    }
}
