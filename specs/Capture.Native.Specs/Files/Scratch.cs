namespace Capture.Native.Specs.Files;

/// <summary>A temporary directory for files a spec writes, removed when the spec ends.</summary>
public sealed class Scratch : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("capture-files-spec-").FullName;

    public string File(string name) => Path.Combine(Directory, name);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
