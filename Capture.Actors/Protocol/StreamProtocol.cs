using Capture.Native.Batches;

namespace Capture.Actors.Protocol;

/// <summary>
/// What travels from the rings into the merge, through its one inlet. Every signal
/// names its ring, so rings can join and leave (reload, hot-plug) without new ports.
/// Signals of one ring arrive in the order its reader wrote them.
/// </summary>
public abstract record RingSignal(int Ring);

/// <summary>
/// A batch of one ring's events. Ownership of <paramref name="Batch"/> passes to the merge.
/// <paramref name="Watermark"/> holds from this signal on: the ring will hand over nothing
/// earlier (an event that breaks that promise is late).
/// </summary>
public sealed record RingBatch(int Ring, EventBatch Batch, ulong Watermark, DropDelta Drops) : RingSignal(Ring);

/// <summary>An idle ring's promise that nothing before <paramref name="Watermark"/> is still to come.</summary>
public sealed record RingWatermark(int Ring, ulong Watermark, DropDelta Drops) : RingSignal(Ring);

/// <summary>A ring starts contributing; the merge waits for its watermark from now on.</summary>
public sealed record RingJoined(int Ring, ulong Watermark) : RingSignal(Ring);

/// <summary>A ring stops contributing; its last losses, including what it left unread, ride along.</summary>
public sealed record RingLeft(int Ring, DropDelta Drops) : RingSignal(Ring);

/// <summary>The driver went away (fault or reload) and capture has a hole until rings join again.</summary>
public sealed record GapSignal(string Reason) : RingSignal(-1);

/// <summary>
/// Losses a ring reports since its previous signal, so drop counts travel in order with the
/// events they belong to.
/// </summary>
/// <param name="Kernel">Events the kernel side could not write (ring full, or reported by the probe).</param>
/// <param name="Corrupt">Frames that failed validation and were not handed over.</param>
/// <param name="Unread">Events still in the ring when the reader detached.</param>
/// <param name="Unreadable">Events lost because the ring could no longer be read; the kernel
/// counts them as ring full, but the cause was the ring, not the rate.</param>
public readonly record struct DropDelta(long Kernel, long Corrupt, long Unread, long Unreadable = 0)
{
    public static readonly DropDelta None = default;

    public bool IsNone => Kernel == 0 && Corrupt == 0 && Unread == 0 && Unreadable == 0;

    public long Total => Kernel + Corrupt + Unread + Unreadable;

    public static DropDelta operator +(DropDelta a, DropDelta b) =>
        new(a.Kernel + b.Kernel, a.Corrupt + b.Corrupt, a.Unread + b.Unread, a.Unreadable + b.Unreadable);
}

/// <summary>
/// A hole in the capture, as the merge saw it: nothing exists between <paramref name="From"/>
/// (the last time released before the rings left) and <paramref name="To"/> (the first
/// watermark after rings joined again), and <paramref name="EventsLost"/> events were left
/// unread in the rings that went away.
/// </summary>
public sealed record CaptureGap(ulong From, ulong To, long EventsLost, string Reason);

/// <summary>What the merge emits and sinks receive: ordered batches, and gap markers between them.</summary>
public abstract record CaptureElement;

/// <summary>A merged batch in timestamp order; whoever receives it owns one reference.</summary>
public sealed record BatchElement(EventBatch Batch) : CaptureElement;

public sealed record GapElement(CaptureGap Gap) : CaptureElement;
