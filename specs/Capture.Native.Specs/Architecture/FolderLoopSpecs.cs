using System.Diagnostics;

namespace Capture.Native.Specs.Architecture;

/// <summary>
/// Folders are namespaces, and a folder may only use folders below it: when two folders use
/// each other, neither can be read, changed or tested without the other. These run
/// scripts/folder-loops.py, the same check a reader runs by hand, and fail with its report:
/// the folders of each loop and the files that make each edge.
/// </summary>
public sealed class FolderLoopSpecs
{
    /// <summary>The projects kept free of loops: every project of the product.</summary>
    public static TheoryData<string> CheckedProjects => ["Capture.Native", "Capture.Actors", "Capture.Host", "Capture.Plugins.Abstractions"];

    [Theory]
    [MemberData(nameof(CheckedProjects))]
    public async Task No_two_folders_of_the_project_use_each_other(string project)
    {
        var (exitCode, report) = await FolderLoops(RepoPaths.Root, project);
        Assert.True(exitCode == 0, $"folder loops in {project}:\n{report}");
    }

    [Fact]
    public async Task A_loop_is_reported_with_the_files_that_make_it()
    {
        var root = Directory.CreateTempSubdirectory("capture-folder-loops-");
        try
        {
            Write(root, "Capture.Native/Probe/Loader.cs", "using Capture.Native.SafeHandles;\nnamespace Capture.Native.Probe;\nclass Loader { }\n");
            Write(root, "Capture.Native/SafeHandles/Handle.cs", "namespace Capture.Native.SafeHandles;\nclass Handle { Capture.Native.Probe.Loader? _owner; }\n");
            Write(root, "Capture.Native/Schema/Table.cs", "namespace Capture.Native.Schema;\nclass Table { }\n");

            var (exitCode, report) = await FolderLoops(root.FullName, "Capture.Native");

            Assert.Equal(1, exitCode);
            Assert.Contains("loop: Capture.Native.Probe <-> Capture.Native.SafeHandles", report);
            Assert.Contains("Capture.Native.SafeHandles -> Capture.Native.Probe", report);
            Assert.Contains("Capture.Native/SafeHandles/Handle.cs", report);
            Assert.DoesNotContain("Schema", report);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    static void Write(DirectoryInfo root, string path, string text)
    {
        var full = Path.Combine(root.FullName, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    static async Task<(int ExitCode, string Report)> FolderLoops(string root, string project)
    {
        var script = Path.Combine(RepoPaths.Root, "scripts", "folder-loops.py");
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, "--root", root, project }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode is 0 or 1, $"folder-loops.py failed ({process.ExitCode}): {await errors}");
        return (process.ExitCode, await output);
    }
}
