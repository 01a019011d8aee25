namespace Capture.Native.Filtering;

/// <summary>A filter that does not parse: the message names what was wrong and the column (1-based) where.</summary>
public sealed class FilterException(string message, int column) : Exception($"filter: {message} at column {column}")
{
    public int Column { get; } = column;
}
