namespace Capture.Native.Files;

/// <summary>
/// A non-event block exactly as the file held it, header and trailer included, so a writer
/// can copy machine info, interface, user, process and fd lists verbatim when rewriting a file.
/// </summary>
/// <param name="Offset">Where the block starts in the uncompressed stream.</param>
public sealed record MetadataBlock(uint Type, long Offset, ReadOnlyMemory<byte> Bytes);
