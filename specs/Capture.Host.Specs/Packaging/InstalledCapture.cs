namespace Capture.Host.Specs.Packaging;

/// <summary>The package installed once into a scratch root, shared by the specs of one class.</summary>
public sealed class InstalledCapture : IDisposable
{
    public ScratchRoot Root { get; } = ScratchRoot.WithPackage(DebianPackage.Path);

    /// <summary>The [Service] settings of the installed unit, each key with its last value.</summary>
    public IReadOnlyDictionary<string, string> Service => _service ??= ReadService();

    IReadOnlyDictionary<string, string>? _service;

    IReadOnlyDictionary<string, string> ReadService()
    {
        var settings = new Dictionary<string, string>();
        var inService = false;
        foreach (var raw in File.ReadLines(Root.At("/lib/systemd/system/capture.service")))
        {
            var line = raw.Trim();
            if (line.StartsWith('[')) inService = line == "[Service]";
            else if (inService && !line.StartsWith('#') && line.IndexOf('=') is > 0 and var eq)
                settings[line[..eq]] = line[(eq + 1)..];
        }
        return settings;
    }

    /// <summary>A field of the account's line in the root's passwd (uid 2, home 5, shell 6).</summary>
    public string Account(string name, int field) =>
        File.ReadLines(Root.At("/etc/passwd")).Select(l => l.Split(':')).Single(f => f[0] == name)[field];

    public void Dispose() => Root.Dispose();
}
