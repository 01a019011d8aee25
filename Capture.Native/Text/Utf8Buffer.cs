using System.Buffers;
using System.Globalization;
using System.Text;

namespace Capture.Native.Text;

/// <summary>
/// A reusable, growable UTF-8 text buffer that formatters write into. The caller owns it
/// and calls <see cref="Clear"/> between uses; the backing array only grows (doubling), so
/// once it has reached the size of the longest line, formatting allocates nothing.
/// </summary>
public sealed class Utf8Buffer(int initialCapacity = 1024) : IBufferWriter<byte>
{
    byte[] _bytes = new byte[Math.Max(16, initialCapacity)];
    int _length;

    public int Length => _length;

    /// <summary>What has been written since the last <see cref="Clear"/>; valid until the next write.</summary>
    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

    public int Capacity => _bytes.Length;

    public void Clear() => _length = 0;

    /// <summary>Drops everything written after <paramref name="length"/>.</summary>
    public void Truncate(int length) => _length = Math.Clamp(length, 0, _length);

    /// <summary>Keeps only the <paramref name="length"/> bytes written from <paramref name="start"/> on, moved to the front.</summary>
    public void Keep(int start, int length)
    {
        if (start < 0 || length < 0 || start + length > _length) throw new ArgumentOutOfRangeException(nameof(start), $"[{start}, {start + length}) is not within the {_length} bytes written");
        _bytes.AsSpan(start, length).CopyTo(_bytes);
        _length = length;
    }

    /// <summary>Byte <paramref name="index"/> of what has been written, for in-place fix-ups.</summary>
    public ref byte At(int index)
    {
        if ((uint)index >= (uint)_length) throw new ArgumentOutOfRangeException(nameof(index));
        return ref _bytes[index];
    }

    public override string ToString() => Encoding.UTF8.GetString(Written);

    public void Advance(int count)
    {
        if (count < 0 || _length + count > _bytes.Length) throw new ArgumentOutOfRangeException(nameof(count));
        _length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _bytes.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _bytes.AsSpan(_length);
    }

    public void Append(byte b)
    {
        Ensure(1);
        _bytes[_length++] = b;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Appends text encoded as UTF-8 (names from the schema tables are ASCII).</summary>
    public void Append(string text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _bytes.AsSpan(_length));
    }

    /// <summary>Appends a number (or any value that formats itself into UTF-8), invariant culture.</summary>
    public void AppendFormatted<T>(T value, ReadOnlySpan<char> format = default) where T : IUtf8SpanFormattable
    {
        Ensure(32);
        int written;
        while (!value.TryFormat(_bytes.AsSpan(_length), out written, format, CultureInfo.InvariantCulture))
            Ensure(_bytes.Length - _length + 1);
        _length += written;
    }

    void Ensure(int more)
    {
        if (_length + more <= _bytes.Length) return;
        var size = _bytes.Length;
        while (size < _length + more) size *= 2;
        Array.Resize(ref _bytes, size);
    }
}
