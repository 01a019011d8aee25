namespace Capture.Plugins;

/// <summary>
/// What stands behind an <see cref="EventBatchView"/>: a batch the host lends for one call, or
/// one a lease keeps. The host implements it; plugins never see it, so they never hold the
/// batch itself, its pool or its reference count.
///
/// A stamp tells lendings apart. A view carries the stamp it was made under; ending a lending
/// moves the stamp on, so a view that outlived its lending fails its check instead of reading
/// a batch that may already be back in the pool and refilled. A source the host reuses for the
/// next call starts that call under the new stamp, which no old view carries.
/// </summary>
internal abstract class ViewSource
{
    long _stamp;

    internal long Stamp => Volatile.Read(ref _stamp);

    /// <summary>Voids every view made under <paramref name="stamp"/>; false when that lending had ended already.</summary>
    protected bool TryEnd(long stamp) => Interlocked.CompareExchange(ref _stamp, stamp + 1, stamp) == stamp;

    internal abstract int Count { get; }

    internal abstract int Ring { get; }

    internal abstract PluginEvent Event(int index);

    /// <summary>Keeps the batch lent under <paramref name="stamp"/> until the lease returned is disposed.</summary>
    internal abstract EventBatchLease Keep(long stamp);

    /// <summary>A lease made under <paramref name="stamp"/> is disposed; only the first call for a stamp lets go of anything.</summary>
    internal abstract void EndLease(long stamp);
}
