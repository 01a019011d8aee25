using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace Capture.Hosting;

/// <summary>
/// Akka's log for the command line goes to stderr: stdout carries events, and a warning in
/// the middle of them would corrupt text and JSON lines alike.
/// </summary>
public sealed class StderrLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public StderrLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e => Console.Error.WriteLine($"capture: {e.LogLevel().ToString().Replace("Level", "").ToLowerInvariant()}: {e.Message}"));
    }
}
