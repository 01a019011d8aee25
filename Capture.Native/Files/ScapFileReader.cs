using System.Buffers.Binary;
using Capture.Native.Abi;
using Capture.Native.Batches;
using Capture.Native.Events;
using Capture.Native.Processes;
using Capture.Native.Schema;

namespace Capture.Native.Files;

/// <summary>
/// Streams a scap capture file (plain or gzip) block by block. Opening reads the section
/// header and the metadata blocks in front of the first event; <see cref="TryReadNext"/>
/// then hands out one event at a time as a v2 frame, whatever version the file holds.
/// <para>
/// Faults in the framing (a truncated block, a length that is not a multiple of 4, a trailer
/// that disagrees with the header) end the stream with <see cref="ScapFileException"/>: the
/// next block cannot be found. A damaged event or list inside a well-framed block is
/// recorded in <see cref="Problems"/> as an error and skipped; unknown block types and
/// event ids are skipped with a warning. Every event before a fault has been delivered.
/// A gzip stream cut short or failing its CRC is a fault too, raised once every byte
/// inflated before it has been read. <see cref="ScapFileException"/> is the only exception
/// a file can cause: list parsers see their body only through a <see cref="BodyCursor"/>,
/// and the mutation properties in the specs hold the reader to that.
/// </para>
/// </summary>
public sealed class ScapFileReader : IDisposable
{
    const int BlockHeaderSize = BlockFraming.HeaderSize;
    const int TrailerSize = BlockFraming.TrailerSize;
    const int SectionHeaderBodySize = 16;
    const uint SectionMagic = 0x1A2B3C4D;
    const uint SwappedSectionMagic = 0x4D3C2B1A;
    const ushort SupportedMajorVersion = 1;
    /// <summary>Larger than any block a writer produces; a bigger length is corruption, not data.</summary>
    const int MaxBlockLength = 1 << 30;
    /// <summary>A corrupt file can produce a problem per block; past this many only the counters grow.</summary>
    const int MaxProblemsKept = 1000;

    readonly BlockSource _source;
    readonly Action<ThreadEntry>? _onThread;
    readonly List<ThreadEntry> _threads = [];
    readonly List<FdRecord> _fds = [];
    readonly List<AccountRecord> _accounts = [];
    readonly List<MetadataBlock> _metadata = [];
    readonly List<ScapFileProblem> _problems = [];
    readonly bool[] _warnedEventIds = new bool[ushort.MaxValue + 1];
    byte[] _upgradeBuffer = new byte[1 << 16];
    /// <summary>Length of the event block handed out last; consumed on the next call so its view stays valid until then.</summary>
    int _pendingAdvance;
    /// <summary>Where the last event's frame is: in the upgrade buffer, or at this start within its still-unconsumed block.</summary>
    bool _lastUpgraded;
    int _lastFrameStart;
    int _lastFrameLength;
    ushort _lastCpu;
    /// <summary>Set when a batch had no room for the last event: the next read hands it out again.</summary>
    bool _replayLast;

    ScapFileReader(BlockSource source, string path, Action<ThreadEntry>? onThread)
    {
        _source = source;
        Path = path;
        _onThread = onThread;
        ReadSectionHeader();
        ReadLeadingMetadata();
    }

    /// <summary>
    /// Opens <paramref name="path"/> and reads everything in front of the first event.
    /// <paramref name="onThread"/> sees every process-list entry in file order, those of
    /// the leading blocks before this returns and any later ones as reading reaches them.
    /// </summary>
    public static ScapFileReader Open(string path, Action<ThreadEntry>? onThread = null)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.SequentialScan);
        return Open(file, path, onThread);
    }

    /// <summary>
    /// Reads a capture from a stream (a file, a pipe, or bytes in memory); <paramref name="path"/>
    /// only names it in problems and faults. The reader owns the stream from here on.
    /// </summary>
    public static ScapFileReader Open(Stream stream, string path, Action<ThreadEntry>? onThread = null)
    {
        try
        {
            return new ScapFileReader(BlockSource.Open(stream, path), path, onThread);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public string Path { get; }
    public bool IsCompressed => _source.IsCompressed;
    public ushort MajorVersion { get; private set; }
    public ushort MinorVersion { get; private set; }
    public MachineInfo? MachineInfo { get; private set; }
    public IReadOnlyList<ThreadEntry> Threads => _threads;
    public IReadOnlyList<FdRecord> Fds => _fds;

    /// <summary>Users and groups of the user lists read so far, in file order.</summary>
    public IReadOnlyList<AccountRecord> Accounts => _accounts;

    /// <summary>Machine info, interface, user, process and fd list blocks, in file order.</summary>
    public IReadOnlyList<MetadataBlock> MetadataBlocks => _metadata;

    /// <summary>Warnings and errors, the first <see cref="MaxProblemsKept"/> of them.</summary>
    public IReadOnlyList<ScapFileProblem> Problems => _problems;

    public long EventsRead { get; private set; }

    /// <summary>Events skipped on purpose: ids this schema does not know.</summary>
    public long EventsSkipped { get; private set; }

    /// <summary>Damaged events and lists skipped; a fault that ends the stream is thrown, not counted.</summary>
    public long Errors { get; private set; }

    /// <summary>The flags of the last event's EVF block, 0 for plain event blocks.</summary>
    public uint LastEventFlags { get; private set; }

    /// <summary>Where the last event's frame starts in the uncompressed stream.</summary>
    public long LastEventOffset { get; private set; }

    /// <summary>
    /// The next event as a v2 frame, and the CPU it was captured on. The view points into a
    /// buffer that the next call reuses. Returns false at the clean end of the file; throws
    /// <see cref="ScapFileException"/> when the framing is broken.
    /// </summary>
    public bool TryReadNext(out EventView ev, out ushort cpu)
    {
        if (_replayLast)
        {
            _replayLast = false;
            var frame = _lastUpgraded ? _upgradeBuffer.AsSpan(0, _lastFrameLength) : _source.Window.Slice(_lastFrameStart, _lastFrameLength);
            EventView.TryRead(frame, out ev);
            cpu = _lastCpu;
            return true;
        }
        _source.Advance(_pendingAdvance);
        _pendingAdvance = 0;
        while (NextBlock(out var type, out var length))
        {
            var offset = _source.Position;
            var block = _source.Window[..length];
            if (BlockType.IsEvent(type))
            {
                if (TryDecodeEvent(type, block, offset, out ev, out cpu))
                {
                    _pendingAdvance = length;
                    EventsRead++;
                    return true;
                }
            }
            else
            {
                ReadMetadata(type, block, offset);
            }
            _source.Advance(length);
        }
        ev = default;
        cpu = 0;
        return false;
    }

    /// <summary>
    /// Copies events into <paramref name="batch"/> until it is full or the file ends, and
    /// returns how many it took. An event that did not fit is the first of the next call.
    /// </summary>
    public int ReadInto(EventBatch batch)
    {
        var appended = 0;
        while (TryReadNext(out var ev, out var cpu))
        {
            if (batch.TryAppend(ev.Frame, cpu))
            {
                appended++;
                continue;
            }
            if (batch.IsEmpty)
                throw new ArgumentException($"event of {ev.Frame.Length} bytes at byte {LastEventOffset} does not fit an empty batch of {batch.BlockCapacity} bytes", nameof(batch));
            _replayLast = true;
            break;
        }
        return appended;
    }

    void ReadSectionHeader()
    {
        var available = _source.Ensure(BlockHeaderSize);
        if (available == 0) throw Fault(0, "the file is empty, not a scap capture");
        var header = _source.Window;
        var type = available >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(header) : 0;
        if (available < 4 || type != BlockType.SectionHeader)
            throw Fault(0, $"not a scap capture: expected the section header block type 0x{BlockType.SectionHeader:X8} at the start, found {Hex(header[..Math.Min(available, 4)])}");
        if (!NextBlock(out _, out var length)) throw Fault(0, "the file ends inside the section header");
        if (length < BlockHeaderSize + SectionHeaderBodySize + TrailerSize)
            throw Fault(0, $"section header block length {length} is shorter than the {BlockHeaderSize + SectionHeaderBodySize + TrailerSize} bytes it must hold");

        var body = _source.Window[BlockHeaderSize..];
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(body);
        if (magic == SwappedSectionMagic) throw Fault(BlockHeaderSize, "the capture is big-endian, which is not supported");
        if (magic != SectionMagic) throw Fault(BlockHeaderSize, $"section header byte-order magic is 0x{magic:X8}, expected 0x{SectionMagic:X8}");
        MajorVersion = BinaryPrimitives.ReadUInt16LittleEndian(body[4..]);
        MinorVersion = BinaryPrimitives.ReadUInt16LittleEndian(body[6..]);
        if (MajorVersion != SupportedMajorVersion)
            throw Fault(BlockHeaderSize + 4, $"section header major version {MajorVersion} is not supported (only {SupportedMajorVersion})");
        // Anything past the fixed body is pcapng options (comments, the writing application):
        // informative only, and skipped whole with the block.
        _source.Advance(length);
    }

    void ReadLeadingMetadata()
    {
        while (NextBlock(out var type, out var length) && !BlockType.IsEvent(type))
        {
            ReadMetadata(type, _source.Window[..length], _source.Position);
            _source.Advance(length);
        }
    }

    /// <summary>
    /// Frames the block at the current position: checks its length and trailer and makes all
    /// of it available in the window, without consuming it. False at the clean end of file.
    /// </summary>
    bool NextBlock(out uint type, out int length)
    {
        var offset = _source.Position;
        var available = _source.Ensure(BlockHeaderSize);
        type = 0;
        length = 0;
        if (available == 0) return false;
        if (available < BlockHeaderSize)
            throw Fault(offset, $"the file ends inside a block header ({available} of {BlockHeaderSize} bytes)");

        var header = _source.Window;
        type = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var declared = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (declared < BlockHeaderSize + TrailerSize)
            throw Fault(offset, $"block of type 0x{type:X} declares length {declared}, shorter than its {BlockHeaderSize + TrailerSize} bytes of header and trailer");
        if (declared % 4 != 0)
            throw Fault(offset, $"block of type 0x{type:X} declares length {declared}, which is not a multiple of 4");
        if (declared > MaxBlockLength)
            throw Fault(offset, $"block of type 0x{type:X} declares length {declared}, more than the {MaxBlockLength} a block may have");

        length = (int)declared;
        available = _source.Ensure(length);
        if (available < length)
            throw Fault(offset, $"the file is truncated: block of type 0x{type:X} declares {length} bytes but only {available} remain");
        var trailer = BinaryPrimitives.ReadUInt32LittleEndian(_source.Window[(length - TrailerSize)..]);
        if (trailer != declared)
            throw Fault(offset + length - TrailerSize, $"block trailer {trailer} does not match the length {declared} at the start of the block of type 0x{type:X} at byte {offset}");
        return true;
    }

    bool TryDecodeEvent(uint type, ReadOnlySpan<byte> block, long offset, out EventView ev, out ushort cpu)
    {
        ev = default;
        cpu = 0;
        var body = block[BlockHeaderSize..^TrailerSize];
        var eventStart = BlockType.HasEventFlags(type) ? 6 : 2;
        if (body.Length < eventStart)
        {
            Report(ProblemSeverity.Error, offset, $"event block of {block.Length} bytes is too short for its cpu id{(eventStart == 6 ? " and flags" : "")}");
            return false;
        }

        cpu = BinaryPrimitives.ReadUInt16LittleEndian(body);
        var flags = eventStart == 6 ? BinaryPrimitives.ReadUInt32LittleEndian(body[2..]) : 0;
        var frameOffset = offset + BlockHeaderSize + eventStart;
        var frame = body[eventStart..];
        if (BlockType.IsLegacyEvent(type))
        {
            if (_upgradeBuffer.Length < frame.Length + 4) Array.Resize(ref _upgradeBuffer, frame.Length + 4);
            var upgraded = LegacyEventUpgrade.Upgrade(frame, _upgradeBuffer, out var reason);
            if (reason is not null)
            {
                Report(ProblemSeverity.Error, frameOffset, reason);
                return false;
            }
            frame = _upgradeBuffer.AsSpan(0, upgraded);
        }

        var fault = EventView.TryRead(frame, out ev);
        if (fault == FrameFault.None)
        {
            LastEventFlags = flags;
            LastEventOffset = frameOffset;
            _lastUpgraded = BlockType.IsLegacyEvent(type);
            _lastFrameStart = BlockHeaderSize + eventStart;
            _lastFrameLength = ev.Frame.Length;
            _lastCpu = cpu;
            return true;
        }

        if (fault == FrameFault.UnknownEventType)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(frame[20..]);
            EventsSkipped++;
            if (!_warnedEventIds[id])
            {
                _warnedEventIds[id] = true;
                Report(ProblemSeverity.Warning, frameOffset, $"event id {id} is not in the schema (it has {EventTable.All.Length} ids); events of this id are skipped");
            }
            return false;
        }

        var length = frame.Length >= 20 ? BinaryPrimitives.ReadUInt32LittleEndian(frame[16..]) : 0;
        Report(ProblemSeverity.Error, frameOffset, $"damaged event skipped: {fault.Describe()} (len {length}, {frame.Length} bytes in the block)");
        return false;
    }

    /// <summary>
    /// Parses a list block through one <see cref="BodyCursor"/>, so no parser can read past its
    /// body. A damaged list is one problem naming the block and the field; the entries before
    /// the damage are kept, the block itself is not (a writer would copy the damage along).
    /// </summary>
    void ReadMetadata(uint type, ReadOnlySpan<byte> block, long offset)
    {
        if (type == BlockType.SectionHeader)
        {
            Report(ProblemSeverity.Error, offset, "a second section header; multi-section captures are not supported, block skipped");
            return;
        }
        var cursor = new BodyCursor(block[BlockHeaderSize..^TrailerSize], Path, offset + BlockHeaderSize);
        var known = true;
        try
        {
            if (BlockType.ProcessListVersion(type) is var version and > 0)
                ProcessListParser.Parse(ref cursor, version, AddThread);
            else if (BlockType.IsFdList(type))
                FdListParser.Parse(ref cursor, type == BlockType.FdListV2, _fds.Add);
            else if (BlockType.IsUserList(type))
                UserListParser.Parse(ref cursor, type == BlockType.UserListV2, _accounts.Add);
            else if (BlockType.IsMachineInfo(type))
                MachineInfo = MachineInfo.Read(ref cursor);
            else
                known = BlockType.IsInterfaceList(type);
        }
        catch (ScapFileException e)
        {
            Report(ProblemSeverity.Error, e.Offset, $"damaged {BlockType.Describe(type)} at byte {offset} skipped: {e.Reason}");
            return;
        }

        if (known) _metadata.Add(new MetadataBlock(type, offset, block.ToArray()));
        else Report(ProblemSeverity.Warning, offset, $"unknown block type 0x{type:X} ({block.Length} bytes) skipped");
    }

    void AddThread(ThreadEntry thread)
    {
        _threads.Add(thread);
        _onThread?.Invoke(thread);
    }

    void Report(ProblemSeverity severity, long offset, string reason)
    {
        if (severity == ProblemSeverity.Error) Errors++;
        if (_problems.Count < MaxProblemsKept) _problems.Add(new ScapFileProblem(severity, Path, offset, reason));
    }

    ScapFileException Fault(long offset, string reason) => new(Path, offset, reason);

    static string Hex(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? "nothing" : Convert.ToHexString(bytes);

    public void Dispose() => _source.Dispose();
}
