namespace Capture.Actors.Streams;

/// <summary>A binary min-heap of pending runs by head; grows once, then never allocates.</summary>
sealed class RunHeap
{
    PendingRun[] _items = new PendingRun[64];

    public int Count { get; private set; }

    public PendingRun Min => _items[0];

    public PendingRun this[int index] => _items[index];

    public void Add(PendingRun run)
    {
        if (Count == _items.Length) Array.Resize(ref _items, Count * 2);
        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!run.Precedes(_items[parent])) break;
            _items[i] = _items[parent];
            i = parent;
        }
        _items[i] = run;
    }

    /// <summary>True when the top's head still precedes both children, so it can keep emitting without a sift.</summary>
    public bool MinStillFirst()
    {
        var min = _items[0];
        return (Count < 2 || min.Precedes(_items[1])) && (Count < 3 || min.Precedes(_items[2]));
    }

    /// <summary>Restores order after the top's head moved on.</summary>
    public void SiftDownMin()
    {
        var run = _items[0];
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= Count) break;
            if (child + 1 < Count && _items[child + 1].Precedes(_items[child])) child++;
            if (!_items[child].Precedes(run)) break;
            _items[i] = _items[child];
            i = child;
        }
        _items[i] = run;
    }

    public PendingRun RemoveMin()
    {
        var min = _items[0];
        var last = _items[--Count];
        _items[Count] = null!;
        if (Count > 0)
        {
            _items[0] = last;
            SiftDownMin();
        }
        return min;
    }
}
