using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Native.Batches;

namespace Capture.Actors.Specs.Simulation;

/// <summary>
/// Records how the batches it receives got here: the thread hand-offs each crossed (as the
/// hand-off mechanisms count them on the batch) and how often each frame was copied.
/// </summary>
sealed class RouteSink(string name = "route") : ICaptureSink
{
    readonly Dictionary<int, long> _batchesByHandOffs = [];
    readonly Dictionary<int, long> _framesByCopies = [];
    readonly Lock _gate = new();

    public string Name => name;

    /// <summary>How many batches arrived having crossed each number of hand-offs.</summary>
    public IReadOnlyDictionary<int, long> BatchesByHandOffs
    {
        get { lock (_gate) return new Dictionary<int, long>(_batchesByHandOffs); }
    }

    /// <summary>How many frames arrived having been copied each number of times.</summary>
    public IReadOnlyDictionary<int, long> FramesByCopies
    {
        get { lock (_gate) return new Dictionary<int, long>(_framesByCopies); }
    }

    public void Write(EventBatch batch)
    {
        try
        {
            lock (_gate)
            {
                _batchesByHandOffs[batch.HandOffs] = _batchesByHandOffs.GetValueOrDefault(batch.HandOffs) + 1;
                for (var i = 0; i < batch.Count; i++)
                {
                    int copies = batch.Slot(i).Copies;
                    _framesByCopies[copies] = _framesByCopies.GetValueOrDefault(copies) + 1;
                }
            }
        }
        finally
        {
            batch.Release();
        }
    }

    public void Gap(CaptureGap gap) { }

    public void Complete() { }

    public override string ToString() =>
        $"batches by hand-offs: {string.Join(", ", BatchesByHandOffs.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))}; " +
        $"frames by copies: {string.Join(", ", FramesByCopies.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))}";
}
