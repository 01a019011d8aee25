namespace Capture.Host.Specs.Packaging;

/// <summary>
/// A directory that dpkg installs into as if it were / (dpkg --root), with what a Debian 12
/// system has that the package's scripts and unit rely on: the user database (copied from
/// this machine), systemd's units, /bin/kill. Maintainer scripts run without chroot, with
/// DPKG_ROOT naming the directory (--force-script-chrootless), so they really run, against
/// it. Dependencies are not checked here (--force-depends): the root holds no libraries;
/// apt checks them against this machine's package lists in its own spec.
/// </summary>
public sealed class ScratchRoot : IDisposable
{
    public string Path { get; }

    ScratchRoot(string path) => Path = path;

    /// <summary>A path inside the root, as the installed system would name it (/usr/bin/capture).</summary>
    public string At(string absolute) => System.IO.Path.Join(Path, absolute);

    public static ScratchRoot WithPackage(string deb)
    {
        var root = new ScratchRoot(Directory.CreateTempSubdirectory("capture-root-").FullName);
        // The service's user must reach its files through the root, as it would through /.
        File.SetUnixFileMode(root.Path, (UnixFileMode)0b111_101_101);
        root.Seed();
        root.Dpkg("--install", deb);
        return root;
    }

    void Seed()
    {
        foreach (var dir in new[] { "etc", "bin", "lib/systemd/system", "var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers" })
            Directory.CreateDirectory(At(dir));
        File.WriteAllText(At("/var/lib/dpkg/status"), "");
        File.WriteAllText(At("/var/lib/dpkg/available"), "");
        foreach (var file in new[] { "passwd", "group", "shadow", "gshadow" })
            File.Copy($"/etc/{file}", At($"/etc/{file}"));
        File.Copy("/usr/bin/kill", At("/bin/kill"));
        foreach (var unit in Directory.EnumerateFileSystemEntries("/lib/systemd/system"))
            Tool.Succeed("cp", "-a", unit, At("/lib/systemd/system/"));
    }

    public Tool.Result Dpkg(params string[] args) =>
        Tool.Succeed("dpkg", [$"--root={Path}", "--force-script-chrootless", "--force-depends", "--force-not-root", .. args]);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
