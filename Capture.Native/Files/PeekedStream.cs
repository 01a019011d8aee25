namespace Capture.Native.Files;

/// <summary>
/// A stream that cannot seek, with the bytes already read from its start put back in front,
/// so the gzip magic can be peeked at on a pipe. Owns <paramref name="rest"/>.
/// </summary>
sealed class PeekedStream(byte[] peeked, Stream rest) : ForwardReadStream
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

    protected override void Dispose(bool disposing)
    {
        if (disposing) rest.Dispose();
        base.Dispose(disposing);
    }
}
