namespace Capture.Host.Specs.Packaging;

/// <summary>
/// The .deb that scripts/package-deb.sh builds, built once per test run (a publish of
/// Capture.Host and dpkg-deb: about a minute on an idle machine) and shared by every spec
/// that needs it.
/// </summary>
public static class DebianPackage
{
    static readonly Lazy<string> s_path = new(Build);

    /// <summary>The path of capture_&lt;version&gt;_amd64.deb.</summary>
    public static string Path => s_path.Value;

    static string Build()
    {
        // One place in the build's artifacts, overwritten by each run: the package and its
        // build tree take ~130 MB, and the test host is ended too abruptly to clean up after.
        var output = System.IO.Path.Combine(RepoPaths.Root, "artifacts", "spec-package");
        var build = Tool.Succeed(System.IO.Path.Combine(RepoPaths.Root, "scripts", "package-deb.sh"), output);
        var deb = build.Output.Trim();
        Assert.True(File.Exists(deb), $"package-deb.sh named no .deb it built: {build}");
        return deb;
    }
}
