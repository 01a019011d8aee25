namespace Capture.Plugins;

/// <summary>
/// Which events of the batch a stage is looking at go on: all of them unless the stage drops
/// some. Passed to <see cref="IBatchStage.Process"/> next to the batch and valid for that
/// call only; the host builds what goes on from it after the call returns.
/// </summary>
public sealed class EventSelection
{
    ulong[] _dropped = new ulong[4];
    int _count;
    int _droppedCount;
    bool _open;

    internal EventSelection() { }

    /// <summary>Events in the batch, kept or not.</summary>
    public int Count
    {
        get
        {
            CheckOpen();
            return _count;
        }
    }

    /// <summary>Events still going on.</summary>
    public int Kept
    {
        get
        {
            CheckOpen();
            return _count - _droppedCount;
        }
    }

    public bool IsKept(int index)
    {
        CheckIndex(index);
        return !IsDroppedUnchecked(index);
    }

    /// <summary>Event <paramref name="index"/> does not go on. Dropping it again changes nothing.</summary>
    public void Drop(int index)
    {
        CheckIndex(index);
        ref var word = ref _dropped[index >> 6];
        var bit = 1UL << index;
        if ((word & bit) != 0) return;
        word |= bit;
        _droppedCount++;
    }

    /// <summary>None of the batch goes on.</summary>
    public void DropAll()
    {
        CheckOpen();
        var whole = _count >> 6;
        Array.Fill(_dropped, ulong.MaxValue, 0, whole);
        if ((_count & 63) != 0) _dropped[whole] = (1UL << _count) - 1; // the shift takes the count mod 64
        _droppedCount = _count;
    }

    /// <summary>The host opens the selection for a call over <paramref name="count"/> events, every one kept.</summary>
    internal void Open(int count)
    {
        var words = (count + 63) >> 6;
        if (_dropped.Length < words) _dropped = new ulong[Math.Max(words, _dropped.Length * 2)]; // grows to the largest batch once
        else Array.Clear(_dropped, 0, words);
        _count = count;
        _droppedCount = 0;
        _open = true;
    }

    /// <summary>The call returned: the selection is read by the host only, and refuses the plugin.</summary>
    internal void Close() => _open = false;

    /// <summary>Events dropped, read by the host after the call.</summary>
    internal int DroppedCount => _droppedCount;

    internal bool IsDroppedUnchecked(int index) => (_dropped[index >> 6] & (1UL << index)) != 0;

    void CheckIndex(int index)
    {
        CheckOpen();
        if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index), index, $"the batch holds {_count} events");
    }

    void CheckOpen()
    {
        if (!_open) throw new InvalidOperationException("an EventSelection is valid only during the Process call it was passed to");
    }
}
