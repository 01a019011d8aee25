using System.Diagnostics;
using System.Text;

namespace Capture.Host.Specs.Packaging;

/// <summary>
/// A program that embeds capture as a stranger to this repository would: the packages packed
/// by scripts/pack.sh into a folder of their own, a fresh console project outside the repository
/// that references Capture.Hosting from that folder, and for its Program.cs the README's
/// embedding snippet exactly as printed. Made once for the specs that share it (xunit class
/// fixture); every step's exit code and output are kept for them to assert.
/// </summary>
public sealed class EmbeddingProgram : IDisposable
{
    /// <summary>The README heading whose first code block is the program.</summary>
    public const string ReadmeHeading = "## Embedding capture in a .NET program";

    /// <summary>
    /// A prerelease label no earlier pack can share, so the consumer cannot be handed a stale
    /// copy of a package with the same id and version from some cache.
    /// </summary>
    public readonly string Suffix = "spec" + DateTime.UtcNow.ToString("yyyyMMddHHmmss");

    /// <summary>The packages' version: the repository's (as built into Capture.Hosting) with <see cref="Suffix"/>.</summary>
    public string Version => $"{typeof(Capture.Hosting.CaptureHostingExtensions).Assembly.GetName().Version!.ToString(3)}-{Suffix}";

    readonly string _root = Directory.CreateTempSubdirectory("capture-embedding-").FullName;

    public string Feed => Path.Combine(_root, "feed");

    public string Project => Path.Combine(_root, "embedder");

    /// <summary>A clang (and bpftool) first on PATH that leaves this file behind if anything calls it.</summary>
    public string ClangCalled => Path.Combine(_root, "clang-was-called");

    public string Snippet { get; }

    public Step Pack { get; }

    public Step Build { get; }

    public string Program => Path.Combine(Project, "bin", "Release", "net10.0", "Embedder.dll");

    public EmbeddingProgram()
    {
        Snippet = ReadmeSnippet();
        // The specs were built in some configuration before they ran; pack that build as it is.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        Pack = Step.Run(RepoPaths.Root, "bash", [Path.Combine(RepoPaths.Root, "scripts", "pack.sh"), "-o", Feed, "-c", configuration,
            "--no-build", "--version-suffix", Suffix, "-nodeReuse:false"]);
        if (Pack.ExitCode != 0) { Build = Step.NotRun("not built: packing failed"); return; }
        WriteProject();
        Build = Step.Run(Project, "dotnet", ["build", "-c", "Release", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false"], WithoutClang());
    }

    /// <summary>The first ```csharp block under <see cref="ReadmeHeading"/>, line for line.</summary>
    static string ReadmeSnippet()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md"));
        var heading = Array.IndexOf(lines, ReadmeHeading);
        if (heading < 0) throw new InvalidOperationException($"README.md has no heading '{ReadmeHeading}'");
        var start = Array.FindIndex(lines, heading, l => l == "```csharp");
        var end = start < 0 ? -1 : Array.FindIndex(lines, start + 1, l => l == "```");
        if (end < 0) throw new InvalidOperationException($"README.md has no whole ```csharp block under '{ReadmeHeading}'");
        return string.Join('\n', lines[(start + 1)..end]) + "\n";
    }

    void WriteProject()
    {
        Directory.CreateDirectory(Project);
        // What `dotnet new console` writes, with warnings as errors (so the snippet must be clean
        // under the platform analyzer too) and the one package an embedder references.
        File.WriteAllText(Path.Combine(Project, "Embedder.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Capture.Hosting" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(Project, "Program.cs"), Snippet);
        // This machine's one configured source is nuget.org; everything the packages depend on
        // is already in its global packages folder (the repository restored it), which is a
        // valid local feed. Restoring from it and from the packed folder alone keeps the spec
        // offline, and a packages folder of its own keeps the spec's packages out of the user's.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(Project, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(_root, "packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="capture" value="{Feed}" />
                <add key="machine" value="{cache}" />
              </packageSources>
            </configuration>
            """);
    }

    /// <summary>PATH with a clang and a bpftool in front that record being called and fail.</summary>
    Dictionary<string, string> WithoutClang()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_root, "tripwire")).FullName;
        foreach (var tool in new[] { "clang", "bpftool" })
        {
            var path = Path.Combine(bin, tool);
            File.WriteAllText(path, $"#!/bin/sh\necho {tool} \"$@\" >> '{ClangCalled}'\nexit 1\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return new() { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH") };
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>One command's exit code and everything it printed.</summary>
    public sealed record Step(int ExitCode, string Output)
    {
        public static Step NotRun(string why) => new(-1, why);

        public static Step Run(string directory, string command, string[] args, Dictionary<string, string>? environment = null)
        {
            var start = new ProcessStartInfo(command) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args) start.ArgumentList.Add(arg);
            Quiet(start, environment);
            using var process = Process.Start(start)!;
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
            {
                process.Kill(entireProcessTree: true);
                return new(-1, $"{command} {string.Join(' ', args)}: no exit after 4 minutes\n{output}");
            }
            process.WaitForExit();
            return new(process.ExitCode, $"{command} {string.Join(' ', args)}:\n{output}");
        }
    }

    /// <summary>
    /// The nested dotnet must not inherit the test host's MSBuild settings (they point at the
    /// build that made the specs) nor print its first-run banner.
    /// </summary>
    public static void Quiet(ProcessStartInfo start, Dictionary<string, string>? environment = null)
    {
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? []) start.Environment[name] = value;
    }
}
