namespace Capture.Host.Specs.Commands;

/// <summary>
/// Files capture writes name the containers their threads are in, for sysdig 0.29.3 and for
/// capture: a rewritten capture and each file of a rotated series carry the container events
/// readers learn names from, so -pc prints what it prints on the 2019 docker capture itself.
/// </summary>
public sealed class ContainerWriteSpecs : IDisposable
{
    static readonly string Fixture = RepoPaths.Fixture("falco-run_as_user_0_container.scap");
    const string Named = "hopeful_taussig (697956520d89)";
    readonly string _dir = Directory.CreateTempSubdirectory("capture-container-write-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string Out(string name) => Path.Combine(_dir, name);

    /// <summary>How many -pc lines name each container as "name (id)", its fourth and fifth words.</summary>
    static Dictionary<string, int> Containers(string output)
    {
        var counts = new Dictionary<string, int>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 5) continue;
            var key = words[3] + " " + words[4];
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    static Dictionary<string, int> Sum(IEnumerable<Dictionary<string, int>> parts)
    {
        var sum = new Dictionary<string, int>();
        foreach (var part in parts)
            foreach (var (key, count) in part) sum[key] = sum.GetValueOrDefault(key) + count;
        return sum;
    }

    [Fact]
    public void A_rewritten_capture_names_its_containers_in_sysdig_and_in_capture_as_the_original_does()
    {
        var run = CaptureProcess.Run("-r", Fixture, "-w", Out("out.scap"));
        Assert.Equal(0, run.ExitCode);

        var expected = Containers(Sysdig.Open(Fixture, "-pc").Output);
        Assert.True(expected.GetValueOrDefault(Named) > 0, "the fixture names its container");
        Assert.Equal(expected, Containers(Sysdig.Open(Out("out.scap"), "-pc").Output));
        var ours = CaptureProcess.Run("-r", Out("out.scap"), "-pc");
        Assert.Equal(0, ours.ExitCode);
        Assert.Equal(expected, Containers(ours.Output));
    }

    [Fact]
    public void Each_file_of_a_rotated_series_carries_the_containers_known_when_it_starts()
    {
        var run = CaptureProcess.Run("-r", Fixture, "-w", Out("a.scap"), "-e", "1000");
        Assert.Equal(0, run.ExitCode);
        var files = Directory.GetFiles(_dir).Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length > 2, $"the capture was split ({files.Length} files)");

        var perFile = files.Select(f => Containers(Sysdig.Open(f, "-pc").Output)).ToList();
        // A later file names the container although the event that described it is in an earlier one.
        Assert.True(perFile.Skip(1).Any(counts => counts.GetValueOrDefault(Named) > 0), "a later file names the container");
        Assert.Equal(Containers(Sysdig.Open(Fixture, "-pc").Output), Sum(perFile));
    }
}
