namespace Capture.Actors.Protocol;

/// <summary>
/// A plugin stage or sink that threw or hung, and what was done about it ("bypassed",
/// "failed closed", "stopped"). Kept in the pipeline stats, published on the event stream
/// and logged; the capture goes on.
/// </summary>
public sealed record PluginFailure(string Plugin, string Where, string Outcome, Exception Cause)
{
    public override string ToString() => $"plugin {Plugin} ({Where}) {Outcome}: {Cause.GetType().Name}: {Cause.Message}";
}
