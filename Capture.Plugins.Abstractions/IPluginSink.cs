namespace Capture.Plugins;

/// <summary>
/// Where a plugin's merged events end up. Called from one thread of its own, never
/// concurrently. <see cref="Write"/> lends the batch for the call: read it, copy what you
/// need, or take <see cref="EventBatchView.Keep"/> to read it later; the host lets go of the
/// batch once the call has returned and every lease on it is disposed. There is nothing to
/// release. A sink that throws, or whose call does not return within the host's sink deadline,
/// is stopped and reported, and gets nothing more.
/// </summary>
public interface IPluginSink
{
    /// <summary>Unique within the plugin.</summary>
    string Name { get; }

    /// <summary>Events in timestamp order, continuing where the previous batch ended.</summary>
    void Write(EventBatchView batch);

    /// <summary>The capture has a hole here (driver fault or reload).</summary>
    void Gap(CaptureHole hole);

    /// <summary>The stream ended, or the plugin is being reloaded: flush and close.</summary>
    void Complete();
}

/// <summary>Nothing was captured from <paramref name="From"/> to <paramref name="To"/> (ns); <paramref name="EventsLost"/> events were left unread.</summary>
public readonly record struct CaptureHole(ulong From, ulong To, long EventsLost, string Reason);

/// <summary>How a plugin sink is fed when it falls behind: <c>SinkDelivery.Lossy()</c> or <c>SinkDelivery.Lossless()</c>.</summary>
/// <param name="IsLossless">
/// True: a full buffer holds the whole capture back, so losses land in the kernel's counters.
/// False: the sink misses batches while its buffer is full, counted as its overflow; nobody waits for it.
/// </param>
/// <param name="Capacity">Most batches waiting for the sink.</param>
public readonly record struct SinkDelivery(bool IsLossless, int Capacity = 8)
{
    public static SinkDelivery Lossless(int capacity = 8) => new(true, capacity);

    public static SinkDelivery Lossy(int capacity = 8) => new(false, capacity);
}
