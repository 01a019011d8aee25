namespace Capture.Actors.Drivers;

/// <summary>The driver stopped working (crash, lost ring, failed load); the supervisor restarts it.</summary>
public sealed class DriverFaultException(string message, Exception? inner = null) : Exception(message, inner);
