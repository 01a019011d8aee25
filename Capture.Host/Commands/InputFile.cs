namespace Capture.Host.Commands;

/// <summary>
/// What is wrong with the file given to -r, said before anything is loaded or read: .NET's own
/// words for a directory ("Access to the path is denied", even to root) send a person looking
/// at permissions.
/// </summary>
static class InputFile
{
    /// <param name="replayed">Whether the file goes through the pipeline, which reads it twice
    /// (its head for the process table, then the events), so a pipe cannot be replayed.</param>
    public static string? Problem(string path, bool replayed)
    {
        if (Directory.Exists(path)) return $"cannot read {path}: it is a directory";
        if (!File.Exists(path)) return $"cannot read {path}: no such file";
        if (replayed && IsPipe(path)) return $"cannot replay {path} through the pipeline: a pipe can be read only once (save it to a file first)";
        return null;
    }

    // Opening a pipe reads nothing from it: /dev/stdin stays whole for whoever reads it next.
    static bool IsPipe(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        return !stream.CanSeek;
    }
}
