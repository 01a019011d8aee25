using System.Diagnostics.CodeAnalysis;
using Capture.Native.Batches;

namespace Capture.Actors.Drivers;

/// <summary>
/// One ring of one driver instance as the stream reads it: a source of filled batches, a
/// watermark and cumulative loss counters. Only the stream's thread calls these members. For the
/// eBPF driver this is the consumer end of the polling thread's bounded hand-off; the
/// simulated and replay drivers fill batches on demand.
/// </summary>
public interface IEventRing
{
    /// <summary>The CPU the ring belongs to; ids are reused by the next driver instance.</summary>
    int Id { get; }

    /// <summary>
    /// Hands over the next batch of validated frames, or false when none is ready. The caller
    /// owns the batch. Throws <see cref="DriverFaultException"/> when the driver died.
    /// </summary>
    bool TryTake([NotNullWhen(true)] out EventBatch? batch);

    /// <summary>
    /// Asks to be woken once, from any thread, when a batch may be ready to take; at once if
    /// one may be already. Wakes may be spurious. The reader asks whenever its ring runs
    /// empty, so a busy ring is drained as soon as data arrives rather than at the next poll;
    /// a ring that cannot tell may ignore the request and leave it to polling.
    /// </summary>
    void WhenReady(Action wake);

    /// <summary>
    /// Read after <see cref="TryTake"/>: the ring will hand over nothing earlier than this,
    /// except for disorder inside the reader's window. For an idle ring it follows the clock.
    /// </summary>
    ulong Watermark { get; }

    /// <summary>True once the ring will never hand over anything again (end of a replayed file).</summary>
    bool IsFinished { get; }

    /// <summary>Losses since the ring was attached, as the driver itself counts them.</summary>
    RingCounters Counters { get; }

    /// <summary>
    /// Stops what fills the ring (a driver instance's probe detached, its polling thread's last
    /// pass published), so that what was already written can still be taken before
    /// <see cref="Abandon"/>: a stopped capture delivers its last events instead of counting
    /// them unread. Called before a reader leaves; more calls do nothing. A ring filled on
    /// demand has nothing to stop. Throws what <see cref="TryTake"/> would for a dead driver.
    /// </summary>
    void StopProducing()
    {
    }

    /// <summary>
    /// Detaches the reader: whatever is still queued in the ring is given up, and the number
    /// of events given up is returned. Safe to call on a faulted ring.
    /// </summary>
    long Abandon();
}

/// <summary>The driver's own cumulative counts for one ring.</summary>
/// <param name="KernelDropped">Events the kernel could not write into the ring.</param>
/// <param name="Corrupt">Frames found invalid while filling batches, never handed over.</param>
/// <param name="Unreadable">Events lost because the ring could no longer be read (a record
/// header no kernel writes): what the kernel could not write into it from then on.</param>
public readonly record struct RingCounters(long KernelDropped, long Corrupt, long Unreadable = 0);
