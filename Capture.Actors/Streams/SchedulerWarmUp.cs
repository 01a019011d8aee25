using Akka.Actor;

namespace Capture.Actors.Streams;

/// <summary>
/// Starts the actor system's scheduler from the caller's thread, before any actor of the
/// pipeline asks for a timer.
///
/// Akka's scheduler starts on first use: that first call queues the clock's start on the
/// thread pool and blocks until it has run. When a pipeline starts, the supervisor and every
/// ring reader ask for a timer at once, each from a pool thread, and each blocks on that
/// start; the work item that would release them waits behind them while the pool adds about
/// one thread a second. With 64 rings on two cores that held a start for 50 s (thread dumps:
/// every worker in HashedWheelTimerScheduler.Start). Started here, before the actors exist,
/// only this caller waits, for one pool hop.
/// </summary>
static class SchedulerWarmUp
{
    public static void Ensure(ActorSystem system) =>
        system.Scheduler.Advanced.ScheduleOnce(TimeSpan.Zero, static () => { });
}
