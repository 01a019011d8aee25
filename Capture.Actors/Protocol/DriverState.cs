namespace Capture.Actors.Protocol;

/// <summary>Where the supervisor is in the driver's life.</summary>
public enum DriverState
{
    /// <summary>Loading a driver instance and checking its versions.</summary>
    Negotiating,
    /// <summary>The rings are being read.</summary>
    Running,
    /// <summary>The rings are being detached after a fault or a reload request; a new instance follows.</summary>
    Reloading,
    /// <summary>Given up: an incompatible driver, or too many failed restarts. The stream has ended.</summary>
    Failed,
    /// <summary>Every ring finished (end of a replay) or capture was stopped. The stream has ended.</summary>
    Completed,
}
