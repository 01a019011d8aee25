namespace Capture.Native.Files;

/// <summary>
/// A capture file that cannot be read past a point. <see cref="Offset"/> counts bytes of the
/// uncompressed stream (the same number for a gzip file and its inflated copy), so it can be
/// found with a hex dump of the inflated file.
/// </summary>
public sealed class ScapFileException(string path, long offset, string reason)
    : Exception($"{path}: at byte {offset}: {reason}")
{
    public string Path { get; } = path;
    public long Offset { get; } = offset;
    public string Reason { get; } = reason;
}
