namespace Capture.Native.Filtering;

/// <summary>
/// A filter or an output format that does not parse: <see cref="Problem"/> names what was
/// wrong and the column (1-based) where; the message says it is about a filter.
/// </summary>
public sealed class FilterException(string problem, int column) : Exception($"filter: {problem} at column {column}")
{
    public int Column { get; } = column;

    /// <summary>What was wrong and where, without saying whether a filter or a format: the caller knows.</summary>
    public string Problem { get; } = $"{problem} at column {column}";
}
