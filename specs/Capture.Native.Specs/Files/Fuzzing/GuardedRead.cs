namespace Capture.Native.Specs.Files.Fuzzing;

/// <summary>
/// A read of a whole capture on a thread of its own, so a reader that loops forever fails
/// the property at the deadline instead of hanging the run, with the bytes it allocated
/// counted (on that thread alone, so parallel samples do not blur it).
/// </summary>
public sealed record GuardedRead(ReadOutcome Outcome, long AllocatedBytes)
{
    public static GuardedRead Of(byte[] bytes, TimeSpan deadline)
    {
        GuardedRead? result = null;
        Exception? escaped = null;
        var thread = new Thread(() =>
        {
            try
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var outcome = ReadOutcome.Of(bytes);
                result = new GuardedRead(outcome, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            catch (Exception e)
            {
                escaped = e;
            }
        }) { IsBackground = true };
        thread.Start();
        if (!thread.Join(deadline)) throw new TimeoutException($"reading {bytes.Length} bytes took longer than {deadline.TotalSeconds} s");
        if (escaped is not null) throw new InvalidOperationException("an exception escaped the reader: " + escaped, escaped);
        return result!;
    }
}
