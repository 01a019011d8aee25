namespace Capture.Actors.Drivers.Replay;

/// <summary>
/// Frames in the order a capture file holds them, each with the CPU that produced it. The
/// scap file reader is wrapped in one of these to be replayed; specs use frames in memory.
/// </summary>
public interface IFrameSource : IDisposable
{
    /// <summary>For messages: usually the file's path.</summary>
    string Name { get; }

    /// <summary>How many CPUs the capture came from (the file's machine block says); one ring each.</summary>
    int CpuCount { get; }

    /// <summary>
    /// The next frame, or false at the end. <paramref name="frame"/> stays valid only until the
    /// next call; the replay copies it into a batch at once. A source that meets a broken file
    /// throws, with the place it broke.
    /// </summary>
    bool TryRead(out int cpu, out ReadOnlySpan<byte> frame);
}
