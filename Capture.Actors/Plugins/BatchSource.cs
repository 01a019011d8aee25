using System.Buffers.Binary;
using Capture.Native.Batches;
using Capture.Plugins;

namespace Capture.Actors.Plugins;

/// <summary>
/// A pipeline batch behind a plugin's <see cref="EventBatchView"/>: reads its events for the
/// view, and turns <see cref="EventBatchView.Keep"/> into a reference of the lease's own
/// (<see cref="KeptBatch"/>), so the batch goes back to its pool only after the last lease.
/// The view has checked its stamp before any of these run, so <see cref="Held"/> is set.
/// </summary>
abstract class BatchSource : ViewSource
{
    const int TypeOffset = 20; // scap frame header: ts u64, tid u64, len u32, type u16, nparams u32

    protected EventBatch? Held;

    internal override int Count => Held!.Count;

    internal override int Ring => Held!.Ring;

    internal override PluginEvent Event(int index)
    {
        var batch = Held!;
        // The slots past Count are stale, not empty: never let a plugin read one.
        if ((uint)index >= (uint)batch.Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"the batch holds {batch.Count} events");
        var frame = batch.Frame(index);
        var type = EventCatalog.Instance.Find(BinaryPrimitives.ReadUInt16LittleEndian(frame[TypeOffset..]))
            ?? throw new InvalidOperationException($"batch slot {index} no longer holds an event of a known type"); // frames enter batches validated
        return new PluginEvent(frame, batch.Slot(index).Cpu, type);
    }

    internal override EventBatchLease Keep(long stamp)
    {
        var batch = Held!;
        batch.Retain(); // the lease's reference, released by its first dispose
        var kept = new KeptBatch(batch);
        return new EventBatchLease(kept, kept.Stamp);
    }
}
