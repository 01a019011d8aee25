namespace Capture.Actors.Plugins;

/// <summary>
/// One user's hold on the current plugin generation (an extension point's worker, a sink).
/// Used from one thread at a time. Moving to a newer generation lets go of the old one,
/// after <paramref name="leaving"/> has had its say (a sink completes the old instance).
/// </summary>
sealed class GenerationLease(GenerationSlot host, Action<PluginGeneration>? leaving = null)
{
    PluginGeneration? _held;

    public PluginGeneration Current
    {
        get
        {
            var held = _held;
            if (held is not null && ReferenceEquals(held, host.Current)) return held;
            return Switch();
        }
    }

    PluginGeneration Switch()
    {
        PluginGeneration next;
        while (true)
        {
            next = host.Current;
            if (next.TryEnter()) break;
            // Retired and still current: only a disposed host leaves it so.
            if (ReferenceEquals(next, host.Current)) throw new ObjectDisposedException("PluginHost", "the plugin host was disposed while its pipeline still ran");
        }
        var old = _held;
        _held = next;
        if (old is not null)
        {
            leaving?.Invoke(old);
            old.Leave();
        }
        return next;
    }

    /// <summary>Lets go of an old generation while idle, so a reload can unload it.</summary>
    public void Refresh()
    {
        if (_held is not null && !ReferenceEquals(_held, host.Current)) Switch();
    }

    public void Release()
    {
        var held = _held;
        _held = null;
        if (held is null) return;
        leaving?.Invoke(held);
        held.Leave();
    }
}
