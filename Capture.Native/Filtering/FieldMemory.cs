namespace Capture.Native.Filtering;

/// <summary>
/// What one occurrence of a field in a filter or format remembers between events, as sysdig's
/// field checks do: evt.deltatime the previous event time it was read for, evt.latency.human
/// the text it last gave (which sysdig repeats for an event whose thread it does not know).
/// </summary>
sealed class FieldMemory
{
    ulong _previous;
    readonly byte[] _text = new byte[32];
    int _textLength;

    /// <summary>Nanoseconds since the last call (0 on the first), and remembers this one.</summary>
    public ulong Since(ulong timestamp)
    {
        var delta = _previous == 0 ? 0 : timestamp - _previous;
        _previous = timestamp;
        return delta;
    }

    /// <summary>The text last kept (empty at first).</summary>
    public ReadOnlySpan<byte> Text => _text.AsSpan(0, _textLength);

    public void Keep(ReadOnlySpan<byte> text)
    {
        _textLength = Math.Min(text.Length, _text.Length);
        text[.._textLength].CopyTo(_text);
    }
}
