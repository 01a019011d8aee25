using Capture.Native.Files;
using Capture.Native.Processes;

namespace Capture.Native.Specs.Files;

public class FixtureMetadataSpecs
{
    [Fact]
    public void Thread_list_holds_the_processes_sysdig_names()
    {
        // `sysdig -r libs-sample-2023.scap -p %proc.name | sort -u` and `-c ps` show these.
        using var reader = ScapFileReader.Open(RepoPaths.Fixture("libs-sample-2023.scap"));
        var names = reader.Threads.Select(t => t.Comm).ToHashSet();
        foreach (var name in new[] { "systemd", "systemd-journal", "multipathd", "containerd", "sysdig", "haveged", "ifplugd" })
            Assert.Contains(name, names);

        // `sysdig -c ps`: 425 is a thread of multipathd 418.
        var thread = Assert.Single(reader.Threads, t => t.Tid == 425);
        Assert.Equal((418L, "multipathd"), (thread.Pid, thread.Comm));
    }

    [Fact]
    public void Threads_are_raised_in_file_order_while_opening()
    {
        var raised = new List<ThreadEntry>();
        using var reader = ScapFileReader.Open(RepoPaths.Fixture("libs-sample-2023.scap"), raised.Add);
        Assert.NotEmpty(raised);
        Assert.Equal(reader.Threads, raised);
    }

    [Theory]
    [InlineData("libs-sample-2023.scap", 94)]
    [InlineData("libs-curl_google.scap", 54)]
    public void Every_fd_list_block_is_kept_verbatim_and_parsed(string fixture, int fdListBlocks)
    {
        using var reader = ScapFileReader.Open(RepoPaths.Fixture(fixture));
        Assert.Equal(fdListBlocks, reader.MetadataBlocks.Count(b => BlockType.IsFdList(b.Type)));
        Assert.NotEmpty(reader.Fds);
        Assert.All(reader.Fds, fd => Assert.Contains(reader.Threads, t => t.Tid == fd.Tid));
    }

    [Fact]
    public void Machine_info_and_v5_process_list_of_the_2018_capture_are_read()
    {
        using var reader = ScapFileReader.Open(RepoPaths.Fixture("libs-curl_google.scap"));
        Assert.True(reader.IsCompressed);
        Assert.NotNull(reader.MachineInfo);
        Assert.True(reader.MachineInfo!.CpuCount > 0);
        // `sysdig -r libs-curl_google.scap` shows curl's parent as 3200(bash).
        Assert.Contains(reader.Threads, t => t.Tid == 3200 && t.Comm == "bash");
    }
}
