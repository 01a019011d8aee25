using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Capture.Host.Specs.Packaging;

/// <summary>
/// The packages as a program outside the repository meets them: packed by scripts/pack.sh,
/// referenced from a local folder, the README's embedding snippet built with warnings as errors
/// and without clang, then run. See <see cref="EmbeddingProgram"/>.
/// </summary>
[Collection(PackagingAlone.Name)]
public sealed partial class EmbeddingPackageSpecs(EmbeddingProgram program) : IClassFixture<EmbeddingProgram>
{
    // The snippet's line: "{timestamp} {event name} tid={thread id}".
    [GeneratedRegex(@"^(\d+) (\w+) tid=(\d+)$")]
    private static partial Regex EventLine();

    [Fact]
    public void Pack_makes_the_four_packages_with_their_metadata_and_dependencies_on_each_other_only_by_version()
    {
        Assert.True(program.Pack.ExitCode == 0, program.Pack.Output);
        var packages = Directory.GetFiles(program.Feed, "*.nupkg").Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(
            new[] { "Capture.Actors", "Capture.Hosting", "Capture.Native", "Capture.Plugins.Abstractions" }.Select(id => $"{id}.{program.Version}.nupkg"),
            packages);
        foreach (var file in packages)
        {
            using var zip = ZipFile.OpenRead(Path.Combine(program.Feed, file!));
            var nuspec = Nuspec(zip);
            Assert.DoesNotContain("Package Description", nuspec);
            Assert.Contains("<authors>capture maintainers</authors>", nuspec);
            Assert.Contains("<readme>README.md</readme>", nuspec);
            Assert.NotNull(zip.GetEntry("README.md"));
            // As LICENSE says: Apache-2.0, and GPL-2.0-only too where the probe built from driver/ travels.
            var license = file!.StartsWith("Capture.Native.", StringComparison.Ordinal) ? "Apache-2.0 AND GPL-2.0-only" : "Apache-2.0";
            Assert.Contains($"<license type=\"expression\">{license}</license>", nuspec);
            Assert.NotNull(zip.GetEntry("LICENSE"));
            // A dependency on one of ours is one of the four, at this very version.
            foreach (Match dependency in Regex.Matches(nuspec, @"<dependency id=""(Capture\.[\w.]+)"" version=""([^""]+)"""))
            {
                Assert.Contains($"{dependency.Groups[1].Value}.{program.Version}.nupkg", packages);
                Assert.Equal(program.Version, dependency.Groups[2].Value);
            }
        }
    }

    [Fact]
    public void Capture_Native_carries_the_prebuilt_probe_inside_its_assembly()
    {
        Assert.True(program.Pack.ExitCode == 0, program.Pack.Output);
        using var zip = ZipFile.OpenRead(Path.Combine(program.Feed, $"Capture.Native.{program.Version}.nupkg"));
        using var dll = new MemoryStream();
        using (var entry = zip.GetEntry("lib/net10.0/Capture.Native.dll")!.Open()) entry.CopyTo(dll);
        using var pe = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(dll.ToArray()));
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var resources = metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name)).ToList();
        Assert.Contains("capture_probe.bpf.o", resources);
        // Nothing that builds the probe travels with it: a consumer's build has no target to run clang.
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("build", StringComparison.Ordinal) || e.FullName.EndsWith(".targets", StringComparison.Ordinal));
    }

    [Fact]
    public void The_readme_snippet_builds_against_the_packages_with_warnings_as_errors_and_without_clang()
    {
        Assert.Contains("builder.Services.AddCapture(builder.Configuration);", program.Snippet);
        Assert.True(program.Build.ExitCode == 0, program.Build.Output);
        Assert.False(File.Exists(program.ClangCalled), File.Exists(program.ClangCalled) ? File.ReadAllText(program.ClangCalled) : "");
        Assert.True(File.Exists(program.Program), $"no {program.Program} after the build");
    }

    [Fact]
    public void The_readme_program_prints_events_from_the_simulated_driver()
    {
        Assert.True(program.Build.ExitCode == 0, program.Build.Output);
        var events = RunUntilEvents(["--Capture:Driver=Simulated"], trigger: null);
        Assert.True(events.Count > 0, "no events");
        Assert.All(events, e => Assert.True(e.Timestamp > 0));
    }

    [KernelFact]
    public void The_readme_program_loads_the_packaged_probe_and_prints_live_events()
    {
        Assert.True(program.Build.ExitCode == 0, program.Build.Output);
        // Only openat (and the calls that keep names right), so the machine's other syscalls do
        // not flood the console; this process opens a file in a loop so that some are ours.
        var ours = Directory.GetDirectories("/proc/self/task").Select(t => ulong.Parse(Path.GetFileName(t))).ToHashSet();
        var events = RunUntilEvents(["--Capture:Syscalls:0=openat"], trigger: () => File.ReadAllBytes("/etc/hostname"),
            until: e => e.Name == "openat" && ours.Contains(e.ThreadId));
        // Kernel timestamps are nanoseconds since the epoch: within a minute of now.
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        Assert.All(events, e => Assert.InRange(e.Timestamp, now - 60_000_000_000, now + 60_000_000_000));
        // The opens this process made while it waited were seen, under its own thread ids.
        Assert.Contains(events, e => e.Name == "openat" && ours.Contains(e.ThreadId));
    }

    sealed record Event(ulong Timestamp, string Name, ulong ThreadId);

    /// <summary>
    /// Runs the built program until it has printed some events (or 30 s passed), stops it with
    /// SIGTERM as a service manager would, and gives back the event lines it printed.
    /// </summary>
    List<Event> RunUntilEvents(string[] args, Action? trigger, Func<Event, bool>? until = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = program.Project };
        start.ArgumentList.Add(program.Program);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        EmbeddingProgram.Quiet(start);
        var events = new ConcurrentQueue<Event>();
        var other = new ConcurrentQueue<string>();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (EventLine().Match(e.Data) is { Success: true } m)
                events.Enqueue(new Event(ulong.Parse(m.Groups[1].Value), m.Groups[2].Value, ulong.Parse(m.Groups[3].Value)));
            else if (other.Count < 200) other.Enqueue(e.Data);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null && other.Count < 200) other.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited && events.Count(until ?? (_ => true)) < 20)
        {
            trigger?.Invoke();
            Thread.Sleep(20);
        }
        var exitedEarly = process.HasExited;
        if (!exitedEarly) CaptureProcess.Signal(process.Id, "TERM");
        if (!process.WaitForExit(TimeSpan.FromSeconds(20))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        var said = string.Join('\n', other);
        Assert.False(exitedEarly, $"the program exited by itself ({process.ExitCode}):\n{said}");
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode} after SIGTERM:\n{said}");
        Assert.True(!events.IsEmpty, $"no event lines in 30 s; the program said:\n{said}");
        return [.. events];
    }

    static string Nuspec(ZipArchive zip)
    {
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}

/// <summary>
/// Packing and building a program take both cores for a while: these specs run after the others,
/// not beside them, so that no other spec's timing is their doing.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackagingAlone
{
    public const string Name = "packaging, alone";
}
