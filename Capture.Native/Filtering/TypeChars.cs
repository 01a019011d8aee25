using Capture.Native.Processes;

namespace Capture.Native.Filtering;

/// <summary>fd.typechar values, one reused one-byte array per kind.</summary>
static class TypeChars
{
    static readonly byte[][] s_chars = Enumerable.Range(0, 256).Select(c => new[] { (byte)c }).ToArray();

    public static byte[] Of(FdKind kind) => s_chars[kind.TypeChar()];
}
