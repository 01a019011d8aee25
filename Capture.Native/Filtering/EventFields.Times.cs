using Capture.Native.Events;
using Capture.Native.Processes;
using Capture.Native.Schema;
using Capture.Native.Formatting;

namespace Capture.Native.Filtering;

/// <summary>The time fields: the event's own time in several spellings, and the spans since the capture's start, the call's enter and the previous event.</summary>
ref partial struct EventFields
{
    const ulong NanosPerSecond = 1_000_000_000;

    bool TryTimeNumber(FieldId id, FilterField field, out long value)
    {
        var timestamp = _ev.Timestamp;
        ulong span;
        switch (id)
        {
            case FieldId.EventRawTimeSeconds: span = timestamp / NanosPerSecond; break;
            case FieldId.EventRawTimeNanos: span = timestamp % NanosPerSecond; break;
            case FieldId.EventRelTime or FieldId.EventRelTimeSeconds or FieldId.EventRelTimeNanos:
                span = timestamp - Math.Min(timestamp, _threads?.FirstEventTime ?? timestamp);
                span = Part(id == FieldId.EventRelTime ? 0 : id == FieldId.EventRelTimeSeconds ? 1 : 2, span);
                break;
            case FieldId.EventLatencySeconds or FieldId.EventLatencyNanos:
                if (!TryLatency(out span)) { value = 0; return false; }
                span = Part(id == FieldId.EventLatencySeconds ? 1 : 2, span);
                break;
            case FieldId.EventDeltaTime or FieldId.EventDeltaTimeSeconds or FieldId.EventDeltaTimeNanos:
                span = Part(id == FieldId.EventDeltaTime ? 0 : id == FieldId.EventDeltaTimeSeconds ? 1 : 2, field.Memory!.Since(timestamp));
                break;
            default:
                value = 0;
                return false;
        }
        value = (long)span;
        return true;
    }

    /// <summary>0 the whole span, 1 its seconds, 2 the nanoseconds within its second.</summary>
    static ulong Part(int part, ulong span) => part switch
    {
        1 => span / NanosPerSecond,
        2 => span % NanosPerSecond,
        _ => span,
    };

    /// <summary>
    /// An exit's time since its enter, 0 for any other event; none for internal events, as
    /// sysdig has it.
    /// </summary>
    bool TryLatency(out ulong latency)
    {
        latency = 0;
        if ((_ev.Info.Category & EventCategory.INTERNAL) != 0) return false;
        latency = _thread?.Latency ?? 0;
        return true;
    }

    bool TryTimeText(FieldId id, FilterField field, out ReadOnlySpan<byte> value)
    {
        value = default;
        var scratch = _context.Scratch;
        scratch.Clear();
        var timestamp = _ev.Timestamp;
        var offset = _context.Parameters.UtcOffset;
        switch (id)
        {
            case FieldId.EventTimeSeconds:
                TimeText.WriteClock(scratch, timestamp, offset, date: false, nanoseconds: false);
                break;
            case FieldId.EventDateTime or FieldId.EventDateTimeSeconds:
                TimeText.WriteClock(scratch, timestamp, offset, date: true, nanoseconds: id == FieldId.EventDateTime);
                break;
            case FieldId.EventTimeIso8601:
                // Always UTC, whatever the local zone.
                TimeText.WriteClock(scratch, timestamp, TimeSpan.Zero, date: true, nanoseconds: true, separator: (byte)'T');
                scratch.Append("+0000"u8);
                break;
            case FieldId.EventLatencyHuman:
                if ((_ev.Info.Category & EventCategory.INTERNAL) != 0) return false;
                if (_thread is null)
                {
                    // sysdig repeats the text it gave last when it does not know the thread.
                    value = field.Memory!.Text;
                    return true;
                }
                TimeText.WriteHumanSpan(scratch, _thread.Latency);
                field.Memory!.Keep(scratch.Written);
                break;
            default:
                return false;
        }
        value = scratch.Written;
        return true;
    }
}
