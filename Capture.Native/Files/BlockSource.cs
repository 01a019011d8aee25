namespace Capture.Native.Files;

/// <summary>
/// A sliding window over the (inflated) bytes of a capture, so blocks can be parsed in place
/// without reading the whole file. Bytes handed out by <see cref="Window"/> stay valid until
/// the next <see cref="Ensure"/>, which may move them.
/// </summary>
internal sealed class BlockSource : IDisposable
{
    /// <summary>Below the large-object threshold, so opening many small captures stays cheap; the window doubles for bigger blocks.</summary>
    const int InitialWindow = 64 << 10;
    static ReadOnlySpan<byte> GzipMagic => [0x1f, 0x8b];

    readonly Stream _stream;
    readonly string _path;
    byte[] _buffer = new byte[InitialWindow];
    int _start;
    int _end;
    /// <summary>Offset in the uncompressed stream of _buffer[0].</summary>
    long _bufferOffset;
    bool _endOfStream;

    BlockSource(Stream stream, string path)
    {
        _stream = stream;
        _path = path;
    }

    public bool IsCompressed { get; private init; }

    /// <summary>Offset in the uncompressed stream of the first unconsumed byte.</summary>
    public long Position => _bufferOffset + _start;

    /// <summary>The unconsumed bytes that are in memory now.</summary>
    public ReadOnlySpan<byte> Window => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Opens a file, inflating it on the fly when it starts with the gzip magic.</summary>
    public static BlockSource Open(Stream file, string path)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        var compressed = read == 2 && magic.SequenceEqual(GzipMagic);
        // A pipe (`cat f | capture -r /dev/stdin`) cannot go back: the bytes peeked at are read again first.
        if (file.CanSeek) file.Position = 0;
        else file = new PeekedStream(magic[..read].ToArray(), file);
        return compressed
            ? new BlockSource(new GzipInput(file), path) { IsCompressed = true }
            : new BlockSource(file, path);
    }

    /// <summary>
    /// Makes at least <paramref name="count"/> unconsumed bytes available, or as many as the
    /// stream still has. The window only doubles when data has filled it, never to the size
    /// asked for, so a corrupt length claiming a gigabyte costs at most twice what the file
    /// really holds.
    /// </summary>
    public int Ensure(int count)
    {
        while (_end - _start < count && !_endOfStream)
        {
            if (_start > 0 && (_end == _buffer.Length || _buffer.Length - _start < count))
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _bufferOffset += _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
                Array.Resize(ref _buffer, (int)Math.Min(Array.MaxLength, (long)_buffer.Length * 2));
            var read = ReadStream(_buffer.AsSpan(_end));
            if (read == 0) _endOfStream = true;
            _end += read;
        }
        return Math.Min(count, _end - _start);
    }

    public void Advance(int count) => _start += count;

    int ReadStream(Span<byte> into)
    {
        try
        {
            return _stream.Read(into);
        }
        catch (InvalidDataException e)
        {
            throw new ScapFileException(_path, _bufferOffset + _end, e.Message);
        }
    }

    public void Dispose() => _stream.Dispose();
}
