using System.Buffers.Binary;
using Capture.Native.Abi;
using Capture.Native.Batches;
using Capture.Native.Polling;
using Capture.Native.Rings;
using Capture.Native.Specs.Rings;

namespace Capture.Native.Specs.Polling;

/// <summary>
/// What the polling specs share: a poller over one simulated ring with a fixed clock, frames
/// that carry an id where the specs can read it back, and waiting on a condition with a
/// generous deadline (nothing asserts on time).
/// </summary>
internal static class SimulatedPolling
{
    public const ulong Clock = 5_000_000_000;

    /// <summary>A well-formed PPME_GENERIC_X frame (two u16 params); the second carries <paramref name="id"/>.</summary>
    public static byte[] Generic(ulong ts, ushort id)
    {
        var frame = new byte[EventHeader.Size + 4 + 4];
        new EventHeader { Timestamp = ts, ThreadId = 42, Length = (uint)frame.Length, Type = 1, ParamCount = 2 }.Write(frame);
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(26), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(28), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(30), 41);
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(32), id);
        return frame;
    }

    public static RingPoller Poller(SimulatedRing ring, PollerOptions options, EventBatchPool? pool = null) =>
        new([new BpfRingConsumer(ring.Memory)], pool ?? new EventBatchPool(4096, 64), options, () => Clock, _ => 0);

    public static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"never happened: {what}");
            Thread.Sleep(1);
        }
    }

    /// <summary>The ids of every frame waiting in the hand-off, in order; the batches are released.</summary>
    public static List<ushort> TakeAll(RingHandoff handoff)
    {
        var ids = new List<ushort>();
        while (TakeInto(handoff, ids)) { }
        return ids;
    }

    /// <summary>
    /// The ids of the oldest batch in the hand-off alone, released. Taking it makes room, so a
    /// running poller may publish the next at once: a spec that means one batch must not take all.
    /// </summary>
    public static List<ushort> TakeOne(RingHandoff handoff)
    {
        var ids = new List<ushort>();
        TakeInto(handoff, ids);
        return ids;
    }

    static bool TakeInto(RingHandoff handoff, List<ushort> ids)
    {
        if (!handoff.TryTake(out var batch)) return false;
        for (var i = 0; i < batch.Count; i++) ids.Add(BinaryPrimitives.ReadUInt16LittleEndian(batch.Frame(i)[32..]));
        batch.Release();
        return true;
    }
}
