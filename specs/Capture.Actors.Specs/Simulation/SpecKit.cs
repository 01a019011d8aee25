namespace Capture.Actors.Specs.Simulation;

/// <summary>
/// The TestKit every pipeline spec runs on. Its time factor stretches the kit's default waits
/// (three seconds for an expected message or condition) fivefold: the specs run on two shared
/// cores next to other spec hosts, and a slow machine must not read as a broken pipeline.
/// Waits that a spec states itself are its own and stay as written.
/// </summary>
public abstract class SpecKit() : Akka.TestKit.Xunit2.TestKit("akka.test.timefactor = 5");
