using Capture.Native.Batches;
using Capture.Native.Events;

namespace Capture.Actors.Drivers.Simulated;

/// <summary>
/// One CPU of the simulated kernel: a seeded event generator and the bounded ring it writes
/// into. The generator draws the same random numbers whether or not a driver is attached,
/// so what a CPU produces depends only on the seed and the virtual time.
///
/// Thread-safety: the clock's owner calls <see cref="Advance"/>, one reader calls the
/// consumer side; both take <c>_lock</c>, and a step of <see cref="Advance"/> is atomic, so a
/// reader sees either none or all of it.
/// </summary>
sealed class SimulatedCpu
{
    readonly object _lock = new();
    readonly int _id;
    readonly SimulationSettings _settings;
    SimRandom _random;
    readonly SimulatedFault[] _faults;
    int _nextFault;

    // The ring: fixed slots, each one frame, with the place in time it was written at.
    readonly byte[] _frames;
    readonly int[] _lengths;
    readonly ulong[] _places;
    int _head;
    int _count;

    ulong _clock;
    ulong _nextPlace;
    ulong _stallFrom = ulong.MaxValue;
    ulong _stallUntil;
    bool _attached;
    // Frames still readable ahead of a bad record header; -1 while the ring is sound.
    int _readable = -1;
    long _droppedWhenUnreadable;
    long _consumed;
    bool _finished;
    Action? _wake;
    long _generated;
    long _written;
    long _kernelDropped;
    long _corrupt;
    long _delivered;
    long _unread;

    public SimulatedCpu(int id, SimulationSettings settings)
    {
        _id = id;
        _settings = settings;
        _random = new SimRandom(((ulong)(uint)settings.Seed << 32) | (uint)id);
        _faults = settings.Faults
            .Where(f => f switch
            {
                StallRing s => s.Ring == id,
                Burst b => b.Ring == id,
                CorruptFrame c => c.Ring == id,
                UnreadableRing u => u.Ring == id,
                KernelDrops k => k.Ring == id,
                LateEvent l => l.Ring == id,
                _ => false,
            })
            .OrderBy(f => f.At)
            .ToArray();
        _frames = new byte[settings.RingCapacity * SyscallFrames.MaxFrameBytes];
        _lengths = new int[settings.RingCapacity];
        _places = new ulong[settings.RingCapacity];
        _clock = settings.StartTime;
        _nextPlace = settings.StartTime + NextGap();
    }

    public int Id => _id;

    public SimulationTotals Totals
    {
        get { lock (_lock) return new(_generated, _written, _kernelDropped, _corrupt, _delivered, _unread); }
    }

    public int FreeSlots { get { lock (_lock) return _settings.RingCapacity - _count; } }

    /// <summary>The reader has taken everything before a bad record header; nothing more can be read.</summary>
    public bool Unreadable { get { lock (_lock) return _readable == 0; } }

    /// <summary>The kernel's drop count when the ring went bad (the rest are the bad ring's), or null while it is sound.</summary>
    public long? KernelDroppedWhenUnreadable { get { lock (_lock) return _readable >= 0 ? _droppedWhenUnreadable : null; } }

    /// <summary>Where the reader stands, in bytes of the simulated ring's slots since attach.</summary>
    public ulong ConsumerPosition { get { lock (_lock) return (ulong)_consumed * SyscallFrames.MaxFrameBytes; } }

    public void Attach() { lock (_lock) _attached = true; }

    /// <summary>Detaches; whatever the reader did not take is counted as unread.</summary>
    public void Detach()
    {
        lock (_lock)
        {
            _attached = false;
            DiscardQueued();
            _readable = -1; // the next instance has fresh rings
            _consumed = 0;
        }
    }

    public void Finish() { lock (_lock) { _finished = true; _stallFrom = ulong.MaxValue; } }

    /// <summary>The reader's wake-up, called once when the ring next holds enough to be worth a batch.</summary>
    public void WhenReady(Action wake)
    {
        lock (_lock)
        {
            // A bad ring wakes its reader at once, so it finds the fault.
            if ((_count < _settings.WakeAfterEvents || Stalled) && _readable != 0)
            {
                _wake = wake;
                return;
            }
        }
        wake();
    }

    /// <summary>Produces everything due up to <paramref name="to"/> (absolute ns).</summary>
    public void Advance(ulong to)
    {
        Action? wake = null;
        lock (_lock)
        {
            var idle = _settings.IdleRings.Contains(_id);
            while (true)
            {
                var eventAt = idle ? ulong.MaxValue : _nextPlace;
                var faultAt = _nextFault < _faults.Length ? _settings.StartTime + _faults[_nextFault].At : ulong.MaxValue;
                if (faultAt <= eventAt && faultAt <= to)
                {
                    Apply(_faults[_nextFault++], faultAt);
                    continue;
                }
                if (eventAt > to) break;
                var displacement = _settings.ReorderWithinNs == 0 ? 0 : _random.Below(_settings.ReorderWithinNs + 1);
                Produce(eventAt, eventAt - Math.Min(displacement, eventAt), (uint)_random.Next());
                _nextPlace = eventAt + NextGap();
            }
            if (to > _clock) _clock = to;
            if (_wake is not null && ((_count >= _settings.WakeAfterEvents && !Stalled) || _readable == 0))
            {
                wake = _wake;
                _wake = null;
            }
        }
        wake?.Invoke(); // outside the lock: the reader may take at once
    }

    void Apply(SimulatedFault fault, ulong at)
    {
        switch (fault)
        {
            case StallRing stall:
                _stallFrom = at;
                _stallUntil = _settings.StartTime + stall.Until;
                break;
            case Burst burst:
                for (var i = 0; i < burst.Events; i++) Produce(at, at + (ulong)i, (uint)_random.Next());
                break;
            case CorruptFrame:
                if (!_attached) break;
                _generated++;
                if (TryReserveSlot(at, out var slot))
                    _lengths[slot] = SyscallFrames.WriteCorrupt(SlotSpan(slot), at, ThreadId());
                break;
            case UnreadableRing:
                if (!_attached || _readable >= 0) break;
                _readable = _count;
                _droppedWhenUnreadable = _kernelDropped;
                break;
            case KernelDrops drops:
                if (!_attached) break;
                _generated += drops.Count;
                _kernelDropped += drops.Count;
                break;
            case LateEvent late:
                Produce(at, at - Math.Min(late.BehindNs, at), (uint)_random.Next());
                break;
        }
    }

    void Produce(ulong place, ulong timestamp, uint pick)
    {
        var threadId = ThreadId();
        if (!_attached) return; // no probe, no capture: nothing to count either
        _generated++;
        if (TryReserveSlot(place, out var slot))
            _lengths[slot] = SyscallFrames.Write(SlotSpan(slot), timestamp, threadId, pick);
    }

    bool TryReserveSlot(ulong place, out int slot)
    {
        if (_count == _settings.RingCapacity)
        {
            _kernelDropped++;
            slot = -1;
            return false;
        }
        slot = _head + _count;
        if (slot >= _settings.RingCapacity) slot -= _settings.RingCapacity;
        _places[slot] = place;
        _count++;
        _written++;
        return true;
    }

    ulong ThreadId() => 1000 + (ulong)_id * 16 + (ulong)(_nextPlace & 3);

    Span<byte> SlotSpan(int slot) => _frames.AsSpan(slot * SyscallFrames.MaxFrameBytes, SyscallFrames.MaxFrameBytes);

    ulong NextGap() => 1 + _random.Below(2 * _settings.MeanGapNs);

    bool Stalled => _clock >= _stallFrom && _clock < _stallUntil;

    public bool IsFinished { get { lock (_lock) return _finished && _count == 0; } }

    /// <summary>
    /// Everything not yet taken was written at or after the first queued slot's place, and
    /// anything written later is placed at or after the clock; a stalled ring promises no
    /// more than where it stalled.
    /// </summary>
    public ulong Watermark
    {
        get
        {
            lock (_lock)
            {
                if (_finished && _count == 0) return ulong.MaxValue;
                var watermark = _count > 0 ? _places[_head] : _clock;
                return Stalled ? Math.Min(watermark, _stallFrom) : watermark;
            }
        }
    }

    /// <summary>
    /// Copies up to the batch limit of queued frames into a pooled batch, validating each;
    /// invalid frames are counted as corrupt and skipped.
    /// </summary>
    public EventBatch? Take(EventBatchPool pool)
    {
        lock (_lock)
        {
            if (Stalled || _count == 0 || _readable == 0) return null;
            EventBatch? batch = null;
            var taken = 0;
            while (_count > 0 && taken < _settings.MaxEventsPerBatch && _readable != 0)
            {
                var frame = _frames.AsSpan(_head * SyscallFrames.MaxFrameBytes, _lengths[_head]);
                if (EventView.TryRead(frame, out _) != FrameFault.None)
                {
                    _corrupt++;
                }
                else
                {
                    batch ??= pool.Rent();
                    if (!batch.TryAppend(frame, (ushort)_id)) break;
                    taken++;
                }
                if (++_head == _settings.RingCapacity) _head = 0;
                _count--;
                _consumed++;
                if (_readable > 0) _readable--;
            }
            if (batch is null) return null;
            batch.Ring = _id;
            _delivered += taken;
            return batch;
        }
    }

    public long Abandon()
    {
        lock (_lock) return DiscardQueued();
    }

    long DiscardQueued()
    {
        long unread = 0;
        while (_count > 0)
        {
            // A corrupt frame would never have been delivered; it still counts as corrupt.
            if (EventView.TryRead(_frames.AsSpan(_head * SyscallFrames.MaxFrameBytes, _lengths[_head]), out _) != FrameFault.None)
                _corrupt++;
            else
                unread++;
            if (++_head == _settings.RingCapacity) _head = 0;
            _count--;
        }
        _unread += unread;
        return unread;
    }
}
