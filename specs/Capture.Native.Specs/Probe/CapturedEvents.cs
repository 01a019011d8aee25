using System.Buffers.Binary;
using Capture.Native.Batches;
using Capture.Native.Events;
using Capture.Native.Polling;
using Capture.Native.Probe;

namespace Capture.Native.Specs.Probe;

/// <summary>
/// Drains a probe's rings through the real <see cref="RingPoller"/> and keeps a copy of
/// every event (specs only: it copies per event).
/// </summary>
public sealed class CapturedEvents : IDisposable
{
    readonly RingPoller _poller;
    readonly EventBatchPool _pool = new(1 << 16, 1024);
    readonly List<byte[]> _frames = [];
    readonly Lock _gate = new();
    public long Delivered { get; private set; }

    public CapturedEvents(ModernProbe probe, PollerOptions? options = null)
    {
        _poller = probe.CreatePoller(_pool, options);
        foreach (var handoff in _poller.Handoffs) handoff.Available += Take;
        _poller.Start();
    }

    public RingPoller Poller => _poller;

    /// <summary>Stops the poller after it drained everything the rings hold, then returns the kept frames.</summary>
    public IReadOnlyList<byte[]> StopAndCollect()
    {
        _poller.Dispose();
        foreach (var handoff in _poller.Handoffs) Take(handoff);
        lock (_gate) return _frames.ToList();
    }

    void Take(RingHandoff handoff)
    {
        while (handoff.TryTake(out var batch))
        {
            lock (_gate)
            {
                Delivered += batch.Count;
                for (var i = 0; i < batch.Count; i++) _frames.Add(batch.Frame(i).ToArray());
            }
            batch.Release();
        }
    }

    public void Dispose() => _poller.Dispose();
}

/// <summary>Reading kept frames in specs.</summary>
public static class FrameReading
{
    public static EventView View(byte[] frame)
    {
        var fault = EventView.TryRead(frame, out var view);
        Assert.Equal(FrameFault.None, fault);
        return view;
    }

    public static long Int64(this EventView view, int param) => BinaryPrimitives.ReadInt64LittleEndian(view.Param(param));
    public static uint UInt32(this EventView view, int param) => BinaryPrimitives.ReadUInt32LittleEndian(view.Param(param));
    public static ushort UInt16(this EventView view, int param) => BinaryPrimitives.ReadUInt16LittleEndian(view.Param(param));
    public static ulong UInt64(this EventView view, int param) => BinaryPrimitives.ReadUInt64LittleEndian(view.Param(param));
    public static ulong ThreadIdOf(byte[] frame) => BinaryPrimitives.ReadUInt64LittleEndian(frame.AsSpan(8));
    public static string Text(this EventView view, int param) => System.Text.Encoding.UTF8.GetString(view.Param(param)).TrimEnd('\0');
}
