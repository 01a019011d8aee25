namespace Capture.Native.Files;

/// <summary>
/// A stream that cannot seek, with the bytes already read from its start put back in front,
/// so the gzip magic can be peeked at on a pipe. Owns <paramref name="rest"/>.
/// </summary>
sealed class PeekedStream(byte[] peeked, Stream rest) : Stream
{
    int _next;

    public override int Read(Span<byte> buffer)
    {
        if (_next == peeked.Length) return rest.Read(buffer);
        var count = Math.Min(buffer.Length, peeked.Length - _next);
        peeked.AsSpan(_next, count).CopyTo(buffer);
        _next += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    protected override void Dispose(bool disposing)
    {
        if (disposing) rest.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
