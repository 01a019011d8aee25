namespace Capture.Actors.Sinks;

/// <summary>
/// A sink made no progress for its deadline while it held work (a call into it that did not
/// return), so it was cut off: what it held and everything meant for it afterwards is
/// counted as <see cref="Accounting.DropReason.SinkStalled"/>, and nothing waits for it again.
/// Its thread is left to the sink.
/// </summary>
public sealed class SinkStalledException(string sink, string call, TimeSpan stalled, long eventsHeld)
    : TimeoutException($"sink {sink} stalled: its {call} call made no progress for {stalled.TotalSeconds:0.0} s; cut off, {eventsHeld} events it held counted as dropped")
{
    public string Sink => sink;

    /// <summary>How long the call had run when the sink was cut off.</summary>
    public TimeSpan Stalled => stalled;
}
