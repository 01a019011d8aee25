namespace Capture.Native.Formatting;

/// <summary>How byte buffers (read and write data, and the like) are shown: sysdig's default, -A, -X, -x or -b.</summary>
public enum BufferStyle
{
    /// <summary>Printable ASCII as it is, every other byte a dot, cut to the line's limit.</summary>
    Dots,

    /// <summary><c>-A</c>: on a line of its own, printable ASCII and line ends only (a CR is a line end).</summary>
    Ascii,

    /// <summary><c>-X</c>: on lines of their own, 16 bytes a row in hex and as ASCII.</summary>
    HexAscii,

    /// <summary><c>-x</c>: the same rows in hex only.</summary>
    Hex,

    /// <summary><c>-b</c>: base64, on the line.</summary>
    Base64,
}
