namespace Capture.Specs.Support;

/// <summary>
/// Where the built plugin assemblies are: found from the test binary up to the repository
/// root, in the same configuration as the specs themselves were built.
/// </summary>
public static class PluginBuilds
{
    static string Root => RepoPaths.Root;

    /// <summary>bin/&lt;Configuration&gt;/&lt;tfm&gt;/ of this spec assembly gives both.</summary>
    static readonly DirectoryInfo s_output = new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    public static string Output(string projectFolder) =>
        Path.Combine(Root, projectFolder, "bin", s_output.Parent!.Name, s_output.Name);

    public static string FilterSample => Output("samples/Capture.Plugins.Samples.Filter");

    public static string CountsSample => Output("samples/Capture.Plugins.Samples.SyscallCounts");

    public static string SpecPlugins => Output("specs/Capture.Plugins.SpecPlugins");

    /// <summary>The plugin "stalls", whose sink never returns from a write.</summary>
    public static string SpecStalls => Output("specs/Capture.Plugins.SpecStalls");

    /// <summary>A fresh plugin directory holding a copy of each given build output, one folder each.</summary>
    public static string Directory(params (string Folder, string BuildOutput)[] plugins)
    {
        var root = Path.Combine(Path.GetTempPath(), "capture-plugins-" + Guid.NewGuid().ToString("N"));
        foreach (var (folder, output) in plugins)
        {
            if (!System.IO.Directory.Exists(output)) throw new InvalidOperationException($"no build output at {output}; build capture.sln first");
            var target = System.IO.Directory.CreateDirectory(Path.Combine(root, folder)).FullName;
            foreach (var file in System.IO.Directory.EnumerateFiles(output)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        System.IO.Directory.CreateDirectory(root);
        return root;
    }
}
