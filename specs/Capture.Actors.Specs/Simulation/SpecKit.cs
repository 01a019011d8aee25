namespace Capture.Actors.Specs.Simulation;

/// <summary>
/// The TestKit every pipeline spec runs on. Its time factor stretches the kit's default waits
/// (three seconds for an expected message or condition) fivefold: the specs run on two shared
/// cores next to other spec hosts, and a slow machine must not read as a broken pipeline.
/// Waits that a spec states itself are its own and stay as written.
/// </summary>
public abstract class SpecKit() : Akka.TestKit.Xunit2.TestKit("akka.test.timefactor = 5")
{
    /// <summary>
    /// Polls a plain condition without holding a thread while it waits (the kit's
    /// AwaitConditionAsync takes a condition that returns a task).
    /// </summary>
    protected async Task EventuallyAsync(Func<bool> condition, TimeSpan? max = null) =>
        await AwaitConditionAsync(() => Task.FromResult(condition()), max);
}
