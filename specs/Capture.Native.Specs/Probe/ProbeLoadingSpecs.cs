using Capture.Native.Probe;
using Capture.Native.Schema;

namespace Capture.Native.Specs.Probe;

public sealed class ProbeLoadingSpecs
{
    [KernelFact]
    public void A_probe_older_than_the_required_api_must_be_refused_naming_both_versions()
    {
        var required = new SemanticVersion(EventTable.ApiVersion.Major, EventTable.ApiVersion.Minor + 1, 0);
        var refused = Assert.Throws<ProbeVersionMismatchException>(() => ModernProbe.Load(new ProbeSettings(), required, EventTable.SchemaVersion));
        Assert.Equal("API", refused.What);
        Assert.Contains(EventTable.ApiVersion.ToString(), refused.Message);
        Assert.Contains(required.ToString(), refused.Message);
    }

    [KernelFact]
    public void A_probe_of_another_schema_major_must_be_refused_naming_both_versions()
    {
        var required = new SemanticVersion(EventTable.SchemaVersion.Major + 1, 0, 0);
        var refused = Assert.Throws<ProbeVersionMismatchException>(() => ModernProbe.Load(new ProbeSettings(), EventTable.ApiVersion, required));
        Assert.Equal("schema", refused.What);
        Assert.Contains(EventTable.SchemaVersion.ToString(), refused.Message);
        Assert.Contains(required.ToString(), refused.Message);
    }

    [KernelFact]
    public void A_probe_newer_in_minor_than_required_must_load()
    {
        using var probe = ModernProbe.Load(new ProbeSettings { BufferBytes = 64 * 1024 }, new SemanticVersion(EventTable.ApiVersion.Major, 0, 0), new SemanticVersion(EventTable.SchemaVersion.Major, 0, 0));
        Assert.Equal(EventTable.ApiVersion, probe.ApiVersion);
        Assert.Equal(EventTable.SchemaVersion, probe.SchemaVersion);
    }

    [Theory]
    [InlineData(3u * 1024 * 1024, "power of two")]
    [InlineData(2048u, "multiple of the page size")]
    [InlineData(0u, "power of two")]
    public void A_buffer_size_that_is_not_a_power_of_two_page_multiple_must_be_refused_clearly(uint bytes, string reason)
    {
        var refused = Assert.Throws<InvalidProbeSettingsException>(() => ModernProbe.Load(new ProbeSettings { BufferBytes = bytes }));
        Assert.Contains($"BufferBytes {bytes}", refused.Message);
        Assert.Contains(reason, refused.Message);
    }

    [Fact]
    public void Negative_cpus_for_each_buffer_and_oversized_snaplen_must_be_refused()
    {
        Assert.Contains("CpusForEachBuffer -1", Assert.Throws<InvalidProbeSettingsException>(() => new ProbeSettings { CpusForEachBuffer = -1 }.Validate()).Message);
        Assert.Contains("SnapLen 100000", Assert.Throws<InvalidProbeSettingsException>(() => new ProbeSettings { SnapLen = 100000 }.Validate()).Message);
    }

    [Theory]
    [InlineData(1, 2, 2)]
    [InlineData(2, 2, 1)]
    [InlineData(0, 2, 1)]
    [InlineData(3, 8, 3)]
    public void Ring_count_must_follow_cpus_for_each_buffer(int cpusForEachBuffer, int cpus, int rings) =>
        Assert.Equal(rings, new ProbeSettings { CpusForEachBuffer = cpusForEachBuffer }.RingCount(cpus));

    [KernelFact]
    public void One_shared_ring_must_carry_the_events_of_every_cpu()
    {
        using var probe = ModernProbe.Load(new ProbeSettings { CpusForEachBuffer = 0, Interest = NativeSyscalls.NumbersOf("getppid") });
        Assert.Single(probe.Rings);
        using var captured = new CapturedEvents(probe);
        probe.Attach();
        TestProgram.Run(out var pid, "loop", "getppid", "500");
        probe.Detach();
        var frames = captured.StopAndCollect();
        Assert.Equal(500, frames.Count(f => FrameReading.ThreadIdOf(f) == (ulong)pid && FrameReading.View(f).Info.EnumName == "PPME_GENERIC_X"));
    }

    [KernelFact]
    public void Disposing_the_probe_must_stop_its_running_poller_before_unmapping_the_rings()
    {
        var probe = ModernProbe.Load(new ProbeSettings { BufferBytes = 64 * 1024, Interest = NativeSyscalls.NumbersOf("getppid") });
        var poller = probe.CreatePoller(new Capture.Native.Batches.EventBatchPool(1 << 16, 256));
        poller.Start();
        probe.Attach();
        TestProgram.Run(out _, "loop", "getppid", "1000");

        probe.Dispose(); // the poller is still running here: must not fault

        Assert.True(poller.Statistics.Sum(s => s.EventsDelivered) >= 1000);
    }
}
