using System.Runtime.InteropServices;

namespace Capture.Native.Kmod;

/// <summary>struct capture_kmod_record: the 8 bytes before every record in a module ring.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct KmodRecordHeader
{
    public const int Size = 8;

    /// <summary>Bytes after this header, before the padding to 8.</summary>
    public uint Length;

    /// <summary><see cref="KmodAbi.RecordEvent"/> (a scap frame) or <see cref="KmodAbi.RecordPad"/> (skip to the end of the data area).</summary>
    public uint Kind;
}
