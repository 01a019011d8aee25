using Capture.Native.Schema;

namespace Capture.Actors.Supervision;

public sealed record SupervisorSettings
{
    /// <summary>The API version this build speaks; a driver must have the same major and at least this.</summary>
    public SemanticVersion RequiredApi { get; init; } = EventTable.ApiVersion;

    /// <summary>The event schema this build was generated from; same rule as the API.</summary>
    public SemanticVersion RequiredSchema { get; init; } = EventTable.SchemaVersion;

    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Restarts after faults allowed before giving up; a stable run resets the count.</summary>
    public int MaxRestarts { get; init; } = 5;

    /// <summary>Running this long without a fault makes the next fault count as the first again.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromMinutes(1);
}
