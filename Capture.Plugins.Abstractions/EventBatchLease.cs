namespace Capture.Plugins;

/// <summary>
/// A plugin's hold on a batch past the call it was lent for, from <see cref="EventBatchView.Keep"/>.
/// Read it through <see cref="Batch"/> from any thread until it is disposed. Disposing it lets
/// the host reuse the batch once nothing else holds it; disposing it again (or a copy of it)
/// does nothing.
/// </summary>
public readonly struct EventBatchLease : IDisposable
{
    readonly ViewSource? _source;
    readonly long _stamp;

    internal EventBatchLease(ViewSource source, long stamp)
    {
        _source = source;
        _stamp = stamp;
    }

    /// <summary>The kept batch; its reads throw <see cref="ObjectDisposedException"/> once the lease is disposed.</summary>
    public EventBatchView Batch => _source is null
        ? throw new InvalidOperationException("this EventBatchLease was never taken (a default value)")
        : new EventBatchView(_source, _stamp);

    /// <summary>False once the lease is disposed.</summary>
    public bool IsHeld => _source is not null && _source.Stamp == _stamp;

    public void Dispose() => _source?.EndLease(_stamp);
}
