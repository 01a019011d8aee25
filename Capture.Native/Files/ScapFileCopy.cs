namespace Capture.Native.Files;

/// <summary>Rewrites a capture: what <c>capture -r IN -w OUT</c> does with the bytes.</summary>
public static class ScapFileCopy
{
    /// <summary>
    /// Copies the metadata blocks that precede the first event verbatim, then every event
    /// (v1 events arrive upgraded to v2 frames). Metadata blocks met between events are
    /// parsed by the reader but not copied: writers put metadata first. Returns how many
    /// events were written; problems stay on the reader, a framing fault is thrown.
    /// </summary>
    public static long Copy(ScapFileReader reader, ScapFileWriter writer)
    {
        foreach (var block in reader.MetadataBlocks) writer.WriteMetadataBlock(block);
        var written = 0L;
        while (reader.TryReadNext(out var ev, out var cpu))
            if (writer.WriteEvent(ev, cpu, reader.LastEventFlags)) written++;
        return written;
    }
}
