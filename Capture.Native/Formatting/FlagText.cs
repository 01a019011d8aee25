using Capture.Native.Schema;
using Capture.Native.Text;

namespace Capture.Native.Formatting;

/// <summary>
/// Names for flag and enum values, by the rules sysdig applies to libs' tables
/// (see driver/schema and /work/shared/schema/README.md).
/// </summary>
public static class FlagText
{
    /// <summary>
    /// Enums (<paramref name="exact"/>): every entry equal to the value, joined by '|'.
    /// Bit flags: walk the table in order; an entry whose bits are all still set is named
    /// and its bits cleared; a 0 entry matches only a value of 0; an entry equal to the
    /// whole value is named and ends the walk.
    /// </summary>
    public static void WriteNames(Utf8Buffer dst, FlagTable table, uint value, bool exact)
    {
        var separator = false;
        var remaining = value;
        foreach (var entry in table.Entries)
        {
            bool match;
            var last = false;
            if (exact) match = entry.Value == value;
            else if (entry.Value == value)
            {
                match = true;
                last = true;
            }
            else
            {
                match = (entry.Value == 0 && value == 0)
                    || (entry.Value != 0 && remaining != 0 && (remaining & entry.Value) == entry.Value);
                if (match) remaining &= ~entry.Value;
            }
            if (match)
            {
                if (separator) dst.Append((byte)'|');
                dst.Append(entry.Name);
                separator = true;
            }
            if (last) return;
        }
    }
}
