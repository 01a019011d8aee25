namespace Capture.Hosting;

/// <summary>Where the actor system's own log goes.</summary>
public enum ActorSystemLog
{
    /// <summary>Through the host's loggers (Microsoft.Extensions.Logging), like the rest of a service.</summary>
    HostLoggers,

    /// <summary>
    /// Warnings and errors on stderr, one line each, for the command: stdout carries events, and
    /// dead letters are not news to a person watching a capture.
    /// </summary>
    Stderr,
}
