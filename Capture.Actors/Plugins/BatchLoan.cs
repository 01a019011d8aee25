using Capture.Native.Batches;
using Capture.Plugins;

namespace Capture.Actors.Plugins;

/// <summary>
/// Lends a plugin one batch for one call, as an <see cref="EventBatchView"/>. One loan per
/// call site (a stage, a plugin sink), reused call after call from one thread at a time; the
/// caller keeps its own reference on the batch throughout and settles it after the call, so
/// nothing the plugin does can release it. <see cref="End"/> voids the call's views.
/// </summary>
sealed class BatchLoan : BatchSource
{
    public EventBatchView Lend(EventBatch batch)
    {
        Held = batch;
        return new EventBatchView(this, Stamp);
    }

    /// <summary>The call returned: its views throw from now on, and the batch is the caller's alone (leases hold their own references).</summary>
    public void End()
    {
        TryEnd(Stamp);
        Held = null;
    }

    internal override void EndLease(long stamp) =>
        throw new InvalidOperationException("a lease is always on a KeptBatch, never on a call's loan");
}
