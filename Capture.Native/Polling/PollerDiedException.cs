namespace Capture.Native.Polling;

/// <summary>
/// The polling thread ended on an exception: no ring is drained any more. Carries the ring
/// the thread was serving when it failed (-1 between rings) and the exception itself.
/// </summary>
public sealed class PollerDiedException(int ring, Exception cause)
    : Exception($"the ring polling thread died{(ring >= 0 ? $" while serving ring {ring}" : "")}: {cause.GetType().Name}: {cause.Message}", cause)
{
    public int Ring => ring;
}
