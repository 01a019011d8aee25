using Akka.TestKit.Xunit2;
using Capture.Actors.Protocol;
using Capture.Actors.Drivers.Replay;
using Capture.Actors.Sinks;
using Capture.Actors.Specs.Simulation;
using Capture.Native.Files;
using Capture.Actors.Accounting;

namespace Capture.Actors.Specs.EndToEnd;

/// <summary>
/// The ordering and accounting rules on real captures: each fixture split back into its
/// per-CPU rings by the replay driver and merged again by the pipeline.
/// </summary>
public sealed class FixtureReplaySpecs : SpecKit
{
    public static TheoryData<string> Fixtures =>
        ["libs-curl_google.scap", "libs-sample-2023.scap", "falco-run_as_user_0_container.scap", "libs-single_ipv6_conn.scap"];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Replaying_a_capture_must_deliver_every_event_in_timestamp_order_and_account_for_all(string fixture)
    {
        var path = RepoPaths.Fixture(fixture);
        var inFile = new List<(ulong Timestamp, byte[] Frame)>();
        using (var reader = ScapFileReader.Open(path))
            while (reader.TryReadNext(out var ev, out _)) inFile.Add((ev.Timestamp, ev.Frame.ToArray()));

        var sink = new CollectingSink();
        var capture = SimulatedCapture.Start(this, new(), [new SinkBinding(sink, new SinkPolicy.Lossless())],
            loader: _ => new ReplayDriverLoader(fixture, () => new ScapFileFrameSource(ScapFileReader.Open(path))));
        await capture.AwaitStateAsync(DriverState.Completed);
        await capture.Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        var merged = sink.Events;
        for (var i = 1; i < merged.Count; i++)
            Assert.True(merged[i - 1].Timestamp <= merged[i].Timestamp, $"event {i} of {fixture} is earlier than the one before it");

        // Files are written in time order but not always strictly (ties, small disorder across
        // CPUs); whatever the merge did not deliver it must have counted.
        var late = capture.Stats.Merge.Dropped(DropReason.Late);
        var losses = capture.Stats.RingLosses;
        Assert.Equal(inFile.Count, merged.Count + late + losses.Corrupt + losses.Kernel + losses.Unread);
        Assert.All(capture.Stats.Stages, stage => Assert.True(stage.Balances, stage.ToString()));
        // Every delivered frame is one of the file's, byte for byte, and none is delivered twice.
        var fileFrames = inFile.GroupBy(e => Convert.ToHexString(e.Frame)).ToDictionary(g => g.Key, g => g.Count());
        foreach (var e in merged)
        {
            var key = Convert.ToHexString(e.Frame);
            Assert.True(fileFrames.TryGetValue(key, out var left) && left > 0, $"a frame of {fixture} delivered that the file does not hold (or twice)");
            fileFrames[key] = left - 1;
        }
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }
}
