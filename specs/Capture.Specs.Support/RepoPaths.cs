namespace Capture.Specs.Support;

/// <summary>Where the repository and its fixtures are, found from the test binary upwards.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string Fixture(string name) => Path.Combine(Root, "specs", "fixtures", "scap", name);

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "capture.sln"))) return dir.FullName;
        throw new InvalidOperationException("capture.sln not found above " + AppContext.BaseDirectory);
    }
}
