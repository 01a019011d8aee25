using Capture.Native.Events;
using Capture.Native.Files;

namespace Capture.Native.Specs.Files;

public class ScapFileReaderSpecs
{
    public static TheoryData<string, int> EventBlockCounts => new()
    {
        // Counts of event blocks from PROVENANCE.md.
        { "libs-sample-2023.scap", 572 },
        { "falco-run_as_user_0_container.scap", 4143 },
        { "libs-curl_google.scap", 1536 },
        { "libs-single_ipv6_conn.scap", 1728 },
        { "libs-curl_google_comments.scap", 1536 },
    };

    [Theory]
    [MemberData(nameof(EventBlockCounts))]
    public void Reader_must_deliver_every_event_block_of_each_fixture(string fixture, int eventBlocks)
    {
        using var reader = ScapFileReader.Open(RepoPaths.Fixture(fixture));
        var count = 0;
        while (reader.TryReadNext(out _, out _)) count++;

        Assert.Equal(eventBlocks, count);
        Assert.Equal(eventBlocks, reader.EventsRead);
        Assert.Equal(0, reader.EventsSkipped);
        Assert.Equal(0, reader.Errors);
        Assert.Empty(reader.Problems);
    }
}
