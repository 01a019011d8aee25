namespace Capture.Native.Filtering;

/// <summary>
/// The pmatch operator: a value matches a listed path when it is that path or lies under it
/// (/etc matches /etc and /etc/passwd, not /etcetera). A trailing '/' on a listed path is
/// ignored, so /etc/ and /etc list the same directory.
/// </summary>
static class PathPrefix
{
    public static byte[] Normalized(byte[] path)
    {
        var length = path.Length;
        while (length > 1 && path[length - 1] == (byte)'/') length--;
        return path[..length];
    }

    public static bool IsUnder(ReadOnlySpan<byte> value, ReadOnlySpan<byte> path)
    {
        if (!value.StartsWith(path)) return false;
        return value.Length == path.Length || path[^1] == (byte)'/' || value[path.Length] == (byte)'/';
    }
}
