using Capture.Native.Batches;

namespace Capture.Actors.Plugins;

/// <summary>
/// A batch a plugin keeps past its call: holds one reference of its own, taken when the lease
/// was made, and releases it on the lease's first dispose (from any thread). Later disposes,
/// of the lease or of copies of it, find the stamp moved on and release nothing.
/// </summary>
sealed class KeptBatch : BatchSource
{
    public KeptBatch(EventBatch retained) => Held = retained;

    internal override void EndLease(long stamp)
    {
        if (!TryEnd(stamp)) return;
        var batch = Held!;
        Held = null;
        batch.Release();
    }
}
