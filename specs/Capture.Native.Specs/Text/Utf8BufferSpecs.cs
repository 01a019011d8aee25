using System.Buffers;
using System.Text;
using Capture.Native.Text;

namespace Capture.Native.Specs.Text;

public sealed class Utf8BufferSpecs
{
    [Fact]
    public void A_buffer_grows_to_fit_and_keeps_its_capacity_when_cleared()
    {
        var buffer = new Utf8Buffer(16);
        var text = new string('x', 1000);
        buffer.Append(text);
        Assert.Equal(1000, buffer.Length);
        var capacity = buffer.Capacity;
        Assert.True(capacity >= 1000);
        buffer.Clear();
        Assert.Equal(0, buffer.Length);
        buffer.Append("é✓"u8);
        Assert.Equal("é✓", buffer.ToString());
        Assert.Equal(capacity, buffer.Capacity);
    }

    [Fact]
    public void Numbers_are_written_in_invariant_form()
    {
        var buffer = new Utf8Buffer(4);
        buffer.AppendFormatted(-1234567890123L);
        buffer.Append((byte)' ');
        buffer.AppendFormatted(0xBEEFUL, "X");
        buffer.Append((byte)' ');
        buffer.AppendFormatted(1.5);
        Assert.Equal("-1234567890123 BEEF 1.5", buffer.ToString());
    }

    [Fact]
    public void It_serves_as_a_buffer_writer_and_can_be_cut_back()
    {
        IBufferWriter<byte> writer = new Utf8Buffer(8);
        var written = Encoding.ASCII.GetBytes("hello world", writer.GetSpan(64));
        writer.Advance(written);
        var buffer = (Utf8Buffer)writer;
        buffer.Truncate(5);
        Assert.Equal("hello", buffer.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(10_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.At(5));
    }
}
