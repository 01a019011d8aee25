namespace Capture.Actors.Sinks;

/// <summary>
/// Thrown by a sink whose write failed after it had taken events it can no longer keep (a
/// file sink whose disk filled while blocks were still buffered). <see cref="Lost"/> counts
/// the events handed to it, in the failing batch and before, that it did not keep, so
/// exactly those are counted as dropped rather than the whole failing batch: an event the
/// sink did keep is never also counted lost.
/// </summary>
public sealed class SinkLostEventsException(long lost, Exception cause) : Exception(cause.Message, cause)
{
    public long Lost => lost;
}
