using System.Buffers.Binary;
using Capture.Native.Events;
using Capture.Native.Formatting;
using Capture.Native.Processes;
using Capture.Native.Schema;

namespace Capture.Native.Filtering;

/// <summary>
/// evt.rawarg.NAME: a parameter's value as the event carries it, unresolved. Its type is
/// fixed when the filter is parsed, as libsinsp fixes it: the type of the first parameter of
/// that name in the event table (so evt.rawarg.res is a signed number on every event, brk's
/// address included). Numbers compare as numbers (evt.rawarg.res&lt;0), text and buffers as
/// their bytes up to a NUL.
/// </summary>
static class RawArgument
{
    /// <summary>The field for NAME; null when no event has such a parameter, or its values are not numbers or text.</summary>
    public static FilterField? Find(string fieldName, string name)
    {
        foreach (var info in EventTable.All)
        {
            if (info is null) continue;
            foreach (var parameter in Sysdig029Params.Of(info))
            {
                if (parameter.Name != name) continue;
                var kind = KindOf(parameter.Type);
                return kind is null ? null
                    : new FilterField(fieldName, kind.Value, FieldId.EventRawArgument, "a parameter's raw value") { Argument = name, Signed = IsSigned(parameter.Type) };
            }
        }
        return null;
    }

    static FieldKind? KindOf(ParamType type) => type switch
    {
        ParamType.CHARBUF or ParamType.FSPATH or ParamType.FSRELPATH or ParamType.BYTEBUF => FieldKind.Text,
        ParamType.INT8 or ParamType.INT16 or ParamType.INT32 or ParamType.INT64 or ParamType.UINT8 or ParamType.UINT16
            or ParamType.UINT32 or ParamType.UINT64 or ParamType.ERRNO or ParamType.FD or ParamType.PID or ParamType.FLAGS8
            or ParamType.FLAGS16 or ParamType.FLAGS32 or ParamType.UID or ParamType.GID or ParamType.MODE or ParamType.SYSCALLID
            or ParamType.SIGTYPE or ParamType.RELTIME or ParamType.ABSTIME or ParamType.PORT or ParamType.BOOL or ParamType.FD32
            or ParamType.PID32 or ParamType.ENUMFLAGS8 or ParamType.ENUMFLAGS16 or ParamType.ENUMFLAGS32 or ParamType.L4PROTO
            or ParamType.SOCKFAMILY => FieldKind.Number,
        _ => null,
    };

    static bool IsSigned(ParamType type) =>
        type is ParamType.INT8 or ParamType.INT16 or ParamType.INT32 or ParamType.INT64 or ParamType.ERRNO or ParamType.FD
            or ParamType.PID or ParamType.RELTIME or ParamType.FD32 or ParamType.PID32;

    /// <summary>The index of this event's parameter named <paramref name="name"/>, -1 when it has none.</summary>
    public static int IndexOf(in EventView ev, string name)
    {
        var parameters = Sysdig029Params.Of(ev.Info);
        var count = Math.Min(ev.ParamCount, parameters.Length);
        for (var i = 0; i < count; i++)
            if (parameters[i].Name == name) return i;
        return -1;
    }

    public static bool TryNumber(in EventView ev, FilterField field, out long value)
    {
        value = 0;
        var index = IndexOf(ev, field.Argument!);
        if (index < 0) return false;
        var bytes = ev.Param(index);
        value = bytes.Length switch
        {
            8 => BinaryPrimitives.ReadInt64LittleEndian(bytes),
            4 => field.Signed ? BinaryPrimitives.ReadInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            2 => field.Signed ? BinaryPrimitives.ReadInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            1 => field.Signed ? (sbyte)bytes[0] : bytes[0],
            _ => 0,
        };
        return bytes.Length is 8 or 4 or 2 or 1;
    }

    public static bool TryText(EventView ev, string name, out ReadOnlySpan<byte> value)
    {
        value = default;
        var index = IndexOf(ev, name);
        if (index < 0) return false;
        value = ev.Param(index);
        var parameter = Sysdig029Params.Of(ev.Info)[index];
        if (parameter.Type != ParamType.BYTEBUF) value = EventParams.UpToNul(value);
        return true;
    }
}
