namespace Capture.Native.Probe;

/// <summary>The errno values the loader tells apart.</summary>
internal static class Errno
{
    public const int EPERM = 1;
}
