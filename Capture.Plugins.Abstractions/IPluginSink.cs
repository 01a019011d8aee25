using Capture.Native.Batches;

namespace Capture.Plugins;

/// <summary>
/// Where a plugin's merged events end up. Called from one thread of its own, never
/// concurrently. <see cref="Write"/> hands over one reference to the batch: release it
/// exactly once when done (in a finally, also when failing); the batch may be kept until then.
/// A sink that throws is stopped and reported, and gets nothing more.
/// </summary>
public interface IPluginSink
{
    /// <summary>Unique within the plugin.</summary>
    string Name { get; }

    /// <summary>Events in timestamp order, continuing where the previous batch ended.</summary>
    void Write(EventBatch batch);

    /// <summary>The capture has a hole here (driver fault or reload).</summary>
    void Gap(CaptureHole hole);

    /// <summary>The stream ended, or the plugin is being reloaded: flush and close.</summary>
    void Complete();
}

/// <summary>Nothing was captured from <paramref name="From"/> to <paramref name="To"/> (ns); <paramref name="EventsLost"/> events were left unread.</summary>
public readonly record struct CaptureHole(ulong From, ulong To, long EventsLost, string Reason);

/// <summary>How a plugin sink is fed when it falls behind.</summary>
/// <param name="Lossless">True: a full buffer holds the whole capture back (losses land in the kernel). False: the sink misses batches, counted.</param>
/// <param name="Capacity">Most batches waiting for the sink.</param>
public readonly record struct SinkDelivery(bool Lossless, int Capacity = 8)
{
    public static SinkDelivery LosslessDelivery(int capacity = 8) => new(true, capacity);

    public static SinkDelivery LossyDelivery(int capacity = 8) => new(false, capacity);
}
