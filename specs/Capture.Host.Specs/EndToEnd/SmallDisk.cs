using System.Diagnostics;

namespace Capture.Host.Specs.EndToEnd;

/// <summary>
/// A tmpfs of a given size mounted on a fresh temporary directory, so a spec can fill a disk
/// without touching the machine's. Unmounted and removed on Dispose.
/// </summary>
sealed class SmallDisk : IDisposable
{
    SmallDisk(string path) => Path = path;

    public string Path { get; }

    public static SmallDisk Mount(string size)
    {
        var dir = Directory.CreateTempSubdirectory("capture-small-disk-").FullName;
        var (exit, error) = Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", dir);
        if (exit == 0) return new SmallDisk(dir);
        Directory.Delete(dir);
        throw new InvalidOperationException($"mount -t tmpfs -o size={size} failed ({exit}): {error}");
    }

    public void Dispose()
    {
        Run("umount", Path);
        Directory.Delete(Path, recursive: true);
    }

    static readonly Lazy<string?> s_missing = new(() =>
    {
        try
        {
            using var disk = Mount("64k");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return e.Message;
        }
    });

    /// <summary>Why a tmpfs cannot be mounted here (not root, no mount(8)), or null when it can.</summary>
    public static string? Missing => s_missing.Value;

    static (int Exit, string Error) Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error.Trim());
    }
}

/// <summary>A fact that needs to mount a small tmpfs; reported skipped, with the reason, where that is not permitted.</summary>
public sealed class SmallDiskFactAttribute : FactAttribute
{
    public SmallDiskFactAttribute()
    {
        if (SmallDisk.Missing is { } missing) Skip = $"cannot mount a small tmpfs here: {missing}";
    }
}

/// <summary>The theory counterpart of <see cref="SmallDiskFactAttribute"/>.</summary>
public sealed class SmallDiskTheoryAttribute : TheoryAttribute
{
    public SmallDiskTheoryAttribute()
    {
        if (SmallDisk.Missing is { } missing) Skip = $"cannot mount a small tmpfs here: {missing}";
    }
}
