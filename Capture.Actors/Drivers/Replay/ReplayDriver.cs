using Capture.Native.Batches;
using Capture.Native.Events;
using Capture.Native.Schema;

namespace Capture.Actors.Drivers.Replay;

/// <summary>
/// Replays a capture as if it came from per-CPU rings: frames are read in file order and
/// sorted into one ring per CPU id. Whichever ring asks first reads ahead for everyone, up to
/// <see cref="MaxQueuedBatches"/> filled batches, so one busy CPU cannot pull the whole file
/// into memory while another one's reader is slow.
///
/// Watermarks assume the file is in time order up to the ring source's disorder window, as
/// capture files are: a CPU will hand over nothing earlier than the last timestamp read from
/// the file, nor earlier than what it still has queued.
///
/// The versions announced are this build's unless given: a file carries no probe versions,
/// and the reader upgrades old layouts itself.
///
/// A source that throws (a broken file) ends the replay there: everything read before the
/// fault is still handed over, the rings then finish, and the error is kept in
/// <see cref="SourceError"/>. It is not a driver fault, since loading the file again would
/// only replay it again up to the same place.
/// </summary>
public sealed class ReplayDriver(IFrameSource source, SemanticVersion? api = null, SemanticVersion? schema = null) : ICaptureDriver
{
    readonly object _lock = new();
    Queue<EventBatch>[] _ready = [];
    EventBatch?[] _filling = [];
    long[] _corrupt = [];
    EventBatchPool? _pool;
    int _queued;
    ulong _fileTime;
    bool _exhausted;
    bool _disposed;

    public int MaxQueuedBatches { get; init; } = 64;

    /// <summary>Why the source stopped early, or null when it ran to its end.</summary>
    public Exception? SourceError { get; private set; }

    public string Name => $"replay of {source.Name}";
    public SemanticVersion ApiVersion { get; } = api ?? EventTable.ApiVersion;
    public SemanticVersion SchemaVersion { get; } = schema ?? EventTable.SchemaVersion;

    public IReadOnlyList<IEventRing> Start(EventBatchPool pool)
    {
        lock (_lock)
        {
            if (_pool is not null) throw new InvalidOperationException("a driver instance is started once");
            _pool = pool;
            var cpus = source.CpuCount;
            _ready = Enumerable.Range(0, cpus).Select(_ => new Queue<EventBatch>()).ToArray();
            _filling = new EventBatch?[cpus];
            _corrupt = new long[cpus];
            return Enumerable.Range(0, cpus).Select(cpu => (IEventRing)new ReplayRing(this, cpu)).ToArray();
        }
    }

    internal EventBatch? Take(int cpu)
    {
        lock (_lock)
        {
            if (_disposed) throw new DriverFaultException($"{Name} was detached");
            if (_ready[cpu].Count == 0) ReadAheadFor(cpu);
            if (!_ready[cpu].TryDequeue(out var batch)) return null;
            _queued--;
            return batch;
        }
    }

    internal ulong WatermarkOf(int cpu)
    {
        lock (_lock)
        {
            var watermark = _exhausted ? ulong.MaxValue : _fileTime;
            foreach (var batch in _ready[cpu]) watermark = Math.Min(watermark, batch.MinTimestamp);
            if (_filling[cpu] is { IsEmpty: false } filling) watermark = Math.Min(watermark, filling.MinTimestamp);
            return watermark;
        }
    }

    internal bool IsFinished(int cpu)
    {
        lock (_lock) return _exhausted && _ready[cpu].Count == 0 && _filling[cpu] is null;
    }

    internal long CorruptOf(int cpu)
    {
        lock (_lock) return _corrupt[cpu];
    }

    internal long Abandon(int cpu)
    {
        lock (_lock)
        {
            long unread = 0;
            while (_ready[cpu].TryDequeue(out var batch))
            {
                _queued--;
                unread += batch.Count;
                batch.Release();
            }
            if (_filling[cpu] is { } filling)
            {
                unread += filling.Count;
                filling.Release();
                _filling[cpu] = null;
            }
            return unread;
        }
    }

    void ReadAheadFor(int cpu)
    {
        while (_ready[cpu].Count == 0 && _queued < MaxQueuedBatches && !_exhausted)
        {
            if (!TryReadSource(out var frameCpu, out var frame))
            {
                _exhausted = true;
                for (var c = 0; c < _filling.Length; c++) Seal(c);
                return;
            }
            if ((uint)frameCpu >= (uint)_filling.Length || EventView.TryRead(frame, out var view) != FrameFault.None)
            {
                // A frame for a CPU the file does not have, or one that does not parse, is
                // counted against the ring it names (or ring 0) and skipped.
                _corrupt[(uint)frameCpu < (uint)_corrupt.Length ? frameCpu : 0]++;
                continue;
            }
            if (view.Timestamp > _fileTime) _fileTime = view.Timestamp;
            var target = _filling[frameCpu] ??= RentFor(frameCpu);
            if (!target.TryAppend(view.Frame, (ushort)frameCpu))
            {
                Seal(frameCpu);
                target = _filling[frameCpu] = RentFor(frameCpu);
                if (!target.TryAppend(view.Frame, (ushort)frameCpu))
                    throw new DriverFaultException($"{Name}: a {view.Length}-byte event does not fit in an empty batch of {target.BlockCapacity} bytes");
            }
        }
        if (_ready[cpu].Count == 0 && _queued < MaxQueuedBatches) Seal(cpu);
    }

    bool TryReadSource(out int cpu, out ReadOnlySpan<byte> frame)
    {
        try
        {
            return source.TryRead(out cpu, out frame);
        }
        catch (Exception e)
        {
            SourceError = e;
            cpu = 0;
            frame = default;
            return false;
        }
    }

    EventBatch RentFor(int cpu)
    {
        var batch = _pool!.Rent();
        batch.Ring = cpu;
        return batch;
    }

    void Seal(int cpu)
    {
        if (_filling[cpu] is not { } batch) return;
        _filling[cpu] = null;
        if (batch.IsEmpty)
        {
            batch.Release();
            return;
        }
        _ready[cpu].Enqueue(batch);
        _queued++;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            for (var cpu = 0; cpu < _ready.Length; cpu++) Abandon(cpu);
            source.Dispose();
        }
    }
}
