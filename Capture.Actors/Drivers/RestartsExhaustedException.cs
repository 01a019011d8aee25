namespace Capture.Actors.Drivers;

/// <summary>The supervisor gave up: the driver kept failing without a stable run in between. Carries the last fault.</summary>
public sealed class RestartsExhaustedException(int restarts, string lastFault, Exception? cause)
    : Exception($"gave up after {restarts} restarts; last fault: {lastFault}", cause)
{
    public int Restarts => restarts;
}
