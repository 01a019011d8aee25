using System.Buffers.Binary;
using System.IO.Compression;
using Capture.Native.Abi;
using Capture.Native.Events;
using Capture.Native.Processes;

namespace Capture.Native.Files;

/// <summary>
/// Writes a scap capture: a 28-byte section header (no options), then metadata blocks
/// (machine info, process list, fd lists, or verbatim copies of a read file's), then event
/// blocks. Blocks are only ever written whole (see <see cref="ScapWriteOptions.FlushBytes"/>),
/// so a file cut short by kill -9 reads cleanly up to its last complete block. A write that
/// fails (a full disk) cuts the file back to its last whole block — with gzip, to the last
/// sync point — closes it and throws <see cref="ScapFileWriteException"/>, which says how
/// many of the events accepted are in the file and how many are not.
/// Not thread-safe: one writer per sink.
/// </summary>
public sealed class ScapFileWriter : IDisposable
{
    const uint SectionMagic = 0x1A2B3C4D;
    const ushort MajorVersion = 1;
    const ushort MinorVersion = 2;
    const int SectionHeaderBodySize = 16;
    /// <summary>Readers hold a non-large event block in a 64 KiB buffer; larger ones need the _LARGE block types.</summary>
    const int MaxSmallEventBlockRead = 1 << 16;
    /// <summary>The smallest event block: a 26-byte header-only frame behind the 2-byte cpu prefix, framed.</summary>
    const int MinEventBlock = 40;

    readonly Stream _file;
    readonly GZipStream? _gzip;
    readonly ScapWriteOptions _options;
    /// <summary>Set in the 2022-compatible layout only.</summary>
    readonly LegacyEventDowngrade? _legacy;
    // Room for one synthesized enter event (2022 layout only); an event is at most 64 KiB.
    readonly byte[] _enterScratch = new byte[64 * 1024];
    readonly byte[] _pending;
    int _pendingLength;
    /// <summary>
    /// A block too big for the pending buffer. It is reserved only when the buffer is empty and
    /// the next reservation flushes it, so blocks still reach the file in the order written.
    /// </summary>
    byte[]? _oversized;
    /// <summary>
    /// Where each accepted event's last block ends in the unwritten blocks, so that after a
    /// partial write the events wholly in the file can be counted. Holds _bufferedEvents.
    /// </summary>
    readonly int[] _eventEnds;
    int _bufferedEvents;
    /// <summary>Accepted events handed to the compressor since its last sync point (gzip only).</summary>
    long _eventsSinceSync;

    /// <summary>What a gzip trailer needs (CRC-32 and length of the uncompressed bytes): so far, and at the last sync point.</summary>
    GzipCheck _sinceStart, _atSync;
    long _eventsInFile;
    /// <summary>Bytes at the start of the file that hold whole blocks (with gzip: up to the last sync point).</summary>
    long _fileBytes;
    long _bytesSinceSync;
    bool _eventsStarted;
    bool _disposed;
    ScapFileWriteException? _failure;

    /// <summary>Writes to <paramref name="output"/>, which the writer owns from here on.</summary>
    public ScapFileWriter(Stream output, ScapWriteOptions? options = null)
    {
        _options = options ?? ScapWriteOptions.Default;
        if (_options.Sysdig2022Compatible) _legacy = new LegacyEventDowngrade();
        _file = output;
        // Left open so that after a failure the file can still be cut back once the compressor is gone.
        if (_options.Compress) _gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
        _pending = new byte[Math.Max(_options.FlushBytes, 4096)];
        _eventEnds = new int[_pending.Length / MinEventBlock + 1];
        WriteSectionHeader();
    }

    /// <summary>Creates (or replaces) <paramref name="path"/> readable and writable by its owner only (0600).</summary>
    public static ScapFileWriter Create(string path, ScapWriteOptions? options = null)
    {
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var settings = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.Read, BufferSize = 0 };
        if (!OperatingSystem.IsWindows()) settings.UnixCreateMode = OwnerOnly;
        var file = new FileStream(path, settings);
        try
        {
            // UnixCreateMode only applies to a new file; an existing one keeps its mode unless set.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file.SafeFileHandle, OwnerOnly);
            return new ScapFileWriter(file, options);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public long EventsWritten { get; private set; }

    /// <summary>Events left out because the compatible layout has no place for them.</summary>
    public long EventsDropped { get; private set; }

    /// <summary>Bytes of blocks written so far, before compression.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>
    /// How big the file is so far, as zlib's gzoffset tells sysdig: the blocks written (buffered
    /// ones too) of a plain file; for a gzip file the compressed bytes the compressor has handed
    /// the file, which grow in steps as it flushes.
    /// </summary>
    public long FileLength => _gzip is not null && _file.CanSeek ? _file.Position : BytesWritten;

    public void WriteMachineInfo(MachineInfo info)
    {
        var block = ReserveMetadata(MachineInfo.BodySize);
        info.Write(block[BlockFraming.HeaderSize..]);
        BlockFraming.Frame(block, BlockType.MachineInfo, MachineInfo.BodySize);
    }

    public void WriteProcessList(IEnumerable<ThreadEntry> threads) =>
        WriteBody(BlockType.ProcessListV9, ProcessListEncoder.EncodeBody(threads));

    /// <summary>The machine's users and groups, for the names readers print beside uids and gids.</summary>
    public void WriteUserList(IEnumerable<SystemAccount> users, IEnumerable<SystemAccount> groups) =>
        WriteBody(BlockType.UserList, UserListEncoder.EncodeBody(users, groups));

    public void WriteFdList(long tid, IEnumerable<FdRecord> fds) =>
        WriteBody(BlockType.FdListV2, FdListEncoder.EncodeBody(tid, fds, _options.Sysdig2022Compatible));

    /// <summary>
    /// Copies a metadata block read from another file. In the 2022-compatible layout an fd
    /// list is rebuilt instead, because a single fd type newer than that reader knows makes
    /// it refuse the whole file.
    /// </summary>
    public void WriteMetadataBlock(MetadataBlock block)
    {
        var bytes = block.Bytes.Span;
        if (BlockFraming.Check(bytes) is { } fault) throw new ArgumentException($"metadata block at byte {block.Offset}: {fault}", nameof(block));
        if (BlockType.IsEvent(block.Type) || block.Type == BlockType.SectionHeader)
            throw new ArgumentException($"block type 0x{block.Type:X} is not a metadata block", nameof(block));

        if (_options.Sysdig2022Compatible && BlockType.IsFdList(block.Type))
        {
            var fds = new List<FdRecord>();
            var cursor = new BodyCursor(bytes[BlockFraming.HeaderSize..^BlockFraming.TrailerSize], "fd list to copy", block.Offset + BlockFraming.HeaderSize);
            FdListParser.Parse(ref cursor, block.Type == BlockType.FdListV2, fds.Add);
            if (fds.Count > 0)
                WriteFdList(fds[0].Tid, fds);
            return;
        }
        bytes.CopyTo(ReserveMetadata(bytes.Length - BlockFraming.Overhead));
    }

    /// <summary>
    /// Appends one event. Returns false when the 2022-compatible layout drops it (an id that
    /// reader does not know, or an event it crashes on; see <see cref="LegacyEventDowngrade"/>).
    /// <paramref name="flags"/> other than 0 select an EVF block.
    /// </summary>
    public bool WriteEvent(in EventView ev, ushort cpu, uint flags = 0)
    {
        _eventsStarted = true;
        if (_legacy is not null && _legacy.TrySynthesizeEnter(ev, _enterScratch, out var enterLength)
            && EventView.TryRead(_enterScratch.AsSpan(0, enterLength), out var enter) == FrameFault.None)
            WriteBlock(enter, cpu, flags);
        if (!WriteBlock(ev, cpu, flags)) return false;
        _eventEnds[_bufferedEvents++] = _oversized?.Length ?? _pendingLength;
        return true;
    }

    bool WriteBlock(in EventView ev, ushort cpu, uint flags)
    {
        var prefix = flags == 0 ? 2 : 6;
        int frameLength;
        Span<byte> block;
        if (_legacy is not null)
        {
            if (!_legacy.Fits(ev, out var keep, out frameLength))
            {
                EventsDropped++;
                return false;
            }
            block = Reserve(BlockFraming.Length(prefix + frameLength));
            LegacyEventDowngrade.Write(ev, keep, block.Slice(BlockFraming.HeaderSize + prefix, frameLength));
        }
        else
        {
            frameLength = ev.Frame.Length;
            block = Reserve(BlockFraming.Length(prefix + frameLength));
            ev.Frame.CopyTo(block[(BlockFraming.HeaderSize + prefix)..]);
        }

        BinaryPrimitives.WriteUInt16LittleEndian(block[BlockFraming.HeaderSize..], cpu);
        if (flags != 0) BinaryPrimitives.WriteUInt32LittleEndian(block[(BlockFraming.HeaderSize + 2)..], flags);
        var large = ev.Info.HasLargePayload || block.Length - BlockFraming.HeaderSize > MaxSmallEventBlockRead;
        var type = (flags == 0, large) switch
        {
            (true, false) => BlockType.EventV2,
            (true, true) => BlockType.EventV2Large,
            (false, false) => BlockType.EventWithFlagsV2,
            (false, true) => BlockType.EventWithFlagsV2Large,
        };
        BlockFraming.Frame(block, type, prefix + frameLength);
        EventsWritten++;
        return true;
    }

    /// <summary>Appends one event given as raw frame bytes; it is validated first.</summary>
    public bool WriteEvent(ReadOnlySpan<byte> frame, ushort cpu, uint flags = 0)
    {
        var fault = EventView.TryRead(frame, out var ev);
        if (fault != FrameFault.None) throw new ArgumentException($"not an event frame: {fault.Describe()}", nameof(frame));
        if (ev.Frame.Length != frame.Length) throw new ArgumentException($"the frame holds {frame.Length} bytes but its len is {ev.Frame.Length}", nameof(frame));
        return WriteEvent(ev, cpu, flags);
    }

    /// <summary>Pushes every whole block written so far to the file (and through the compressor); throws <see cref="ScapFileWriteException"/> when the file cannot take them.</summary>
    public void Flush()
    {
        FlushPending();
        if (_gzip is null || _bytesSinceSync == 0) return;
        try
        {
            _gzip.Flush();
        }
        catch (IOException e)
        {
            throw Fail(e, []);
        }
        _bytesSinceSync = 0;
        _eventsInFile += _eventsSinceSync;
        _eventsSinceSync = 0;
        _atSync = _sinceStart;
        if (_file.CanSeek) _fileBytes = _file.Position;
    }

    void WriteSectionHeader()
    {
        var block = Reserve(BlockFraming.Length(SectionHeaderBodySize));
        var body = block[BlockFraming.HeaderSize..];
        BinaryPrimitives.WriteUInt32LittleEndian(body, SectionMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(body[4..], MajorVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(body[6..], MinorVersion);
        BinaryPrimitives.WriteInt64LittleEndian(body[8..], -1); // section length unknown
        BlockFraming.Frame(block, BlockType.SectionHeader, SectionHeaderBodySize);
    }

    void WriteBody(uint type, byte[] body)
    {
        var block = ReserveMetadata(body.Length);
        body.CopyTo(block[BlockFraming.HeaderSize..]);
        BlockFraming.Frame(block, type, body.Length);
    }

    Span<byte> ReserveMetadata(int bodyLength)
    {
        // Readers load metadata before the first event and treat a later one as unexpected.
        if (_eventsStarted) throw new InvalidOperationException("metadata blocks must be written before the first event");
        return Reserve(BlockFraming.Length(bodyLength));
    }

    /// <summary>
    /// Room for one whole block in the pending buffer. A block larger than the buffer gets
    /// a buffer of its own (rare: only huge process lists), still written in one call.
    /// </summary>
    Span<byte> Reserve(int length)
    {
        if (_failure is not null) throw _failure;
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_oversized is not null || _pendingLength + length > _pending.Length) Flush();
        BytesWritten += length;
        if (length > _pending.Length)
        {
            var own = new byte[length];
            _oversized = own;
            return own;
        }
        var span = _pending.AsSpan(_pendingLength, length);
        _pendingLength += length;
        return span;
    }

    void FlushPending()
    {
        // At most one of the two holds blocks: an oversized block is reserved only with the
        // buffer empty, and the next reservation flushes it.
        ReadOnlySpan<byte> blocks = _oversized ?? _pending.AsSpan(0, _pendingLength);
        if (blocks.IsEmpty) return;
        try
        {
            ((Stream?)_gzip ?? _file).Write(blocks);
        }
        catch (IOException e)
        {
            throw Fail(e, blocks);
        }
        _oversized = null;
        _pendingLength = 0;
        if (_gzip is null)
        {
            _fileBytes += blocks.Length;
            _eventsInFile += _bufferedEvents;
        }
        else
        {
            _bytesSinceSync += blocks.Length;
            _eventsSinceSync += _bufferedEvents;
            _sinceStart = _sinceStart.Over(blocks);
        }
        _bufferedEvents = 0;
    }

    /// <summary>
    /// After a failed write of <paramref name="unwritten"/>: keeps what of it reached the file
    /// in whole blocks (a plain file), cuts the file back to there and closes it. With gzip,
    /// what went into the compressor after its last sync point cannot be told apart, so the
    /// file ends at that point.
    /// </summary>
    ScapFileWriteException Fail(IOException cause, ReadOnlySpan<byte> unwritten)
    {
        var kept = _gzip is null ? KeepWholeBlocks(unwritten) : 0;
        var lost = _bufferedEvents + _eventsSinceSync - kept;
        _disposed = true;
        try
        {
            _gzip?.Dispose();
        }
        catch (IOException)
        {
            // Its last bytes and trailer cannot go out either; whatever part did is cut off below.
        }
        try
        {
            if (_file.CanSeek)
            {
                _file.SetLength(_fileBytes);
                if (_gzip is not null) EndGzipAtLastSync();
            }
        }
        finally
        {
            _file.Dispose();
        }
        return _failure = new ScapFileWriteException(_fileBytes, _eventsInFile, lost, cause);
    }

    /// <summary>
    /// A gzip file cut at a sync point is a deflate stream that stops at a byte boundary after
    /// whole blocks; an empty final block and the trailer for what came before make it a
    /// complete gzip file again, so every reader (sysdig too) reads it to its end without an
    /// "unexpected end of file". Ten bytes, usually in the space the cut freed; if even they do
    /// not fit, the file stays cut at the sync point (readers then report the missing trailer).
    /// </summary>
    void EndGzipAtLastSync()
    {
        Span<byte> end = stackalloc byte[10];
        end[0] = 0x03; // a final block of fixed codes holding only its end code
        end[1] = 0x00;
        BinaryPrimitives.WriteUInt32LittleEndian(end[2..], _atSync.Crc);
        BinaryPrimitives.WriteUInt32LittleEndian(end[6..], (uint)_atSync.Length);
        try
        {
            _file.Position = _fileBytes;
            _file.Write(end);
            _file.Flush();
            _fileBytes += end.Length;
        }
        catch (IOException)
        {
            _file.SetLength(_fileBytes);
        }
    }

    /// <summary>A short write lands a prefix of the blocks: counts the whole ones and the events they finish.</summary>
    int KeepWholeBlocks(ReadOnlySpan<byte> unwritten)
    {
        if (!_file.CanSeek) return 0;
        var landed = _file.Length - _fileBytes;
        var whole = 0;
        while (whole < unwritten.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(unwritten[(whole + 4)..]);
            if (whole + length > landed) break;
            whole += length;
        }
        var events = 0;
        while (events < _bufferedEvents && _eventEnds[events] <= whole) events++;
        _fileBytes += whole;
        _eventsInFile += events;
        return events;
    }

    /// <summary>Writes out what is buffered and closes the file; throws <see cref="ScapFileWriteException"/> if that fails.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        FlushPending();
        _disposed = true;
        try
        {
            _gzip?.Dispose();
        }
        catch (IOException e)
        {
            throw Fail(e, []);
        }
        _file.Dispose();
    }
}
