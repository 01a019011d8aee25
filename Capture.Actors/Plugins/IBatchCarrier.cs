using Capture.Actors.Protocol;
using Capture.Native.Batches;

namespace Capture.Actors.Plugins;

/// <summary>
/// How an extension point finds the batch in the elements that pass it, and what goes on
/// once its stages are done. Elements without a batch (watermarks, joins, gaps) pass
/// untouched and in place, so their order relative to the batches never changes.
/// </summary>
interface IBatchCarrier<T> where T : class
{
    EventBatch? BatchOf(T element);

    /// <summary>The element to emit once the stages turned <paramref name="original"/> into <paramref name="result"/>; null for none.</summary>
    T? Replace(T element, EventBatch original, EventBatch? result);
}

/// <summary>After decode: ring signals. A ring batch filtered to nothing still carries its watermark and losses on.</summary>
sealed class RingSignalCarrier : IBatchCarrier<RingSignal>
{
    public static readonly RingSignalCarrier Instance = new();

    public EventBatch? BatchOf(RingSignal element) => (element as RingBatch)?.Batch;

    public RingSignal? Replace(RingSignal element, EventBatch original, EventBatch? result)
    {
        var batch = (RingBatch)element;
        if (ReferenceEquals(result, original)) return element;
        return result is null
            ? new RingWatermark(batch.Ring, batch.Watermark, batch.Drops)
            : batch with { Batch = result };
    }
}

/// <summary>After merge: ordered batches and gap markers.</summary>
sealed class CaptureElementCarrier : IBatchCarrier<CaptureElement>
{
    public static readonly CaptureElementCarrier Instance = new();

    public EventBatch? BatchOf(CaptureElement element) => (element as BatchElement)?.Batch;

    public CaptureElement? Replace(CaptureElement element, EventBatch original, EventBatch? result)
    {
        if (ReferenceEquals(result, original)) return element;
        return result is null ? null : new BatchElement(result);
    }
}
