using System.Buffers.Binary;
using Capture.Native.Events;
using Capture.Native.Schema;
using static Capture.Native.Specs.Frames;

namespace Capture.Native.Specs.Events;

public sealed class EventViewSpecs
{
    // dup3 exit: res, oldfd, newfd (i64 each) and flags (u32) — lengths 8, 8, 8, 4.
    static byte[] Dup3Exit() => Build(1_000, 42, EventIds.PPME_SYSCALL_DUP3_X, I64(5), I64(3), I64(5), U32(1));

    [Fact]
    public void A_view_exposes_the_header_and_each_parameter_without_copying()
    {
        var frame = Dup3Exit();
        Assert.Equal(FrameFault.None, EventView.TryRead(frame, out var view));
        Assert.Equal(1_000UL, view.Timestamp);
        Assert.Equal(42UL, view.ThreadId);
        Assert.Equal("dup3", view.Info.Name);
        Assert.Equal(4, view.ParamCount);
        Assert.Equal(3, BinaryPrimitives.ReadInt64LittleEndian(view.Param(1)));
        Assert.Equal(4, view.Param(3).Length);
        Assert.True(view.Param(3).Overlaps(frame));
    }

    [Fact]
    public void A_parameter_the_event_does_not_carry_reads_as_empty()
    {
        Assert.Equal(FrameFault.None, EventView.TryRead(Dup3Exit(), out var view));
        Assert.True(view.Param(4).IsEmpty);
        Assert.True(view.Param(-1).IsEmpty);
    }

    [Fact]
    public void The_view_ends_at_the_events_len_even_when_more_bytes_follow()
    {
        var frame = Dup3Exit();
        var two = frame.Concat(frame).ToArray();
        Assert.Equal(FrameFault.None, EventView.TryRead(two, out var view));
        Assert.Equal(frame.Length, view.Frame.Length);
    }

    [Fact]
    public void Each_malformed_frame_is_named_by_its_fault()
    {
        var frame = Dup3Exit();
        Assert.Equal(FrameFault.ShorterThanHeader, EventView.TryRead(frame.AsSpan(0, 20), out _));

        var shortLen = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(shortLen.AsSpan(16), 10);
        Assert.Equal(FrameFault.LengthBelowHeader, EventView.TryRead(shortLen, out _));

        Assert.Equal(FrameFault.LengthPastEnd, EventView.TryRead(frame.AsSpan(0, frame.Length - 1), out _));

        var manyParams = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(manyParams.AsSpan(22), 1000);
        Assert.Equal(FrameFault.ParamLengthsPastEnd, EventView.TryRead(manyParams, out _));

        var overrun = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(overrun.AsSpan(26), 60);
        Assert.Equal(FrameFault.ParamValuesPastEnd, EventView.TryRead(overrun, out _));

        var unknown = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(unknown.AsSpan(20), 9999);
        Assert.Equal(FrameFault.UnknownEventType, EventView.TryRead(unknown, out _));
    }

    [Fact]
    public void Large_payload_events_use_four_byte_parameter_lengths()
    {
        var data = new byte[70_000];
        var frame = Build(1, 1, EventIds.PPME_PLUGINEVENT_E, U32(7), data);
        Assert.Equal(FrameFault.None, EventView.TryRead(frame, out var view));
        Assert.Equal(70_000, view.Param(1).Length);
    }
}
