namespace Capture.Specs.Support;

/// <summary>
/// Bytes that work allocates on the calling thread, counted exactly (not a timing check). Now
/// and then the runtime allocates a few KiB once on a thread that runs code (tiering, a type's
/// first use), which would make a check for zero fail by chance; an allocation per event shows
/// in every pass, so specs assert the fewest bytes over a few passes of the same work.
/// </summary>
public static class Allocations
{
    public static long FewestOver(int passes, Action work)
    {
        var fewest = long.MaxValue;
        for (var pass = 0; pass < passes && fewest > 0; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            work();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return fewest;
    }
}
