namespace Capture.Native.Filtering;

/// <summary>
/// Parameters by position (evt.arg[N], rendered as evt.arg.NAME renders them), unresolved
/// (evt.rawarg.NAME), and the data buffer of I/O (evt.buffer, whose raw bytes filters test).
/// </summary>
ref partial struct EventFields
{
    bool TryArgumentNumber(FilterField field, out long value)
    {
        value = 0;
        return field.Id == FieldId.EventRawArgument && RawArgument.TryNumber(_ev, field, out value);
    }

    bool TryArgumentText(FilterField field, out ReadOnlySpan<byte> value)
    {
        value = default;
        switch (field.Id)
        {
            case FieldId.EventArgumentAt:
                if (!ArgumentText.TryWriteAt(_context, _ev, _thread, field.ArgumentIndex)) return false;
                value = _context.Scratch.Written;
                return true;
            case FieldId.EventRawArgument:
                return RawArgument.TryText(_ev, field.Argument!, out value);
            case FieldId.EventBuffer:
                return RawArgument.TryText(_ev, "data", out value);
            default:
                return false;
        }
    }
}
