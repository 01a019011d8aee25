using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Capture.Native.Abi;
using Capture.Native.Events;
using Capture.Native.Processes;
using Capture.Native.Schema;

namespace Capture.Native.Files;

/// <summary>
/// Rewrites an event into a layout the 2022 reader (sysdig 0.29.3) handles safely. What it
/// trips on, found by writing files and running that sysdig on them:
/// <list type="bullet">
/// <item>An empty parameter: its parsers read a value of the declared type at the param's
/// position whatever its length, so they show the next parameter's bytes (an empty open fd
/// printed as fd=52) or run on past the event. Empty strings become a single NUL and empty
/// fixed-size values become zeros.</item>
/// <item>An execveat enter event with an empty pathname (fexecve's AT_EMPTY_PATH) followed by its
/// exit: it resolves the path through the dirfd's fd entry without checking that it has one,
/// and dies with SIGSEGV. The enter event is dropped; the exit carries the same facts.</item>
/// <item>An old-style openat exit (id 103) whose thread's previous event is not its openat
/// enter, as when a capture starts inside the call or the enter was dropped: it reads the
/// enter's parameters from whatever event the thread had last (SIGSEGV in
/// sinsp_evt::get_param). Such exits are dropped; the 2022 reader could not use them anyway.</item>
/// <item>Tracer events (268/269): it died formatting every one written with the current
/// table's layout (SIGSEGV in get_param_as_str). Current drivers never emit them; dropped.</item>
/// <item>A system-call code (PT_SYSCALLID, as in generic events) past the last one it knows,
/// 328: it indexes its syscall table with it and dies with SIGSEGV (seen on rseq, 380). Such
/// codes become 0, PPM_SC_UNKNOWN; the native syscall number beside it still says which call.</item>
/// <item>Ids from 336 on are not in its table (it skips them); they are dropped here, and
/// parameters past the ones its table lists are cut, so the file holds only what it reads.</item>
/// </list>
/// One instance per file: it remembers each thread's last event written.
/// </summary>
internal sealed class LegacyEventDowngrade
{
    readonly Dictionary<ulong, ushort> _lastTypeByThread = [];

    /// <summary>
    /// Whether the event can be written for the 2022 reader, and if so how many of its
    /// parameters to keep and the length of the rewritten frame. An event that fits counts
    /// as written for its thread.
    /// </summary>
    public bool Fits(in EventView ev, out int keep, out int frameLength)
    {
        keep = 0;
        frameLength = 0;
        ref var lastType = ref CollectionsMarshal.GetValueRefOrAddDefault(_lastTypeByThread, ev.ThreadId, out var seen);
        if (!Admits(ev, seen ? lastType : null)) return false;
        lastType = ev.Type;
        keep = Math.Min(ev.ParamCount, ev.Info.LegacyParamCount!.Value);
        frameLength = EventHeader.Size + keep * LengthWidth(ev.Info);
        for (var i = 0; i < keep; i++)
        {
            var value = ev.Param(i);
            frameLength += value.IsEmpty ? PlaceholderLength(ev.Info, i) : value.Length;
        }
        return true;
    }

    /// <summary>
    /// Builds the enter event the 2022 reader expects in front of an exit, when the thread's
    /// last event written is not already that enter. Current drivers send exits only, with the
    /// enter's parameters appended under the same names; that reader takes fds, sizes and
    /// socket kinds from the enter event, so without one it names fds wrongly (a new socket
    /// shown as the file its fd number last held). The enter gets the exit's timestamp and
    /// the values of the same-named exit parameters; when one is missing nothing is built.
    /// </summary>
    public bool TrySynthesizeEnter(in EventView exit, Span<byte> frame, out int length)
    {
        length = 0;
        if (exit.Info.Direction != EventDirection.Exit || exit.Type == 0) return false;
        var enter = EventTable.Find((ushort)(exit.Type - 1));
        if (enter is null || s_enterParamsInExit[enter.Id] is not { } inExit) return false;
        if (_lastTypeByThread.TryGetValue(exit.ThreadId, out var last) && last == enter.Id) return false;

        Span<int> source = stackalloc int[inExit.Length];
        length = EventHeader.Size + source.Length * LengthWidth(enter);
        for (var j = 0; j < source.Length; j++)
        {
            source[j] = inExit[j];
            if (source[j] < 0 || source[j] >= exit.ParamCount) return false;
            length += exit.Param(source[j]).Length;
        }
        if (length > frame.Length) return false;

        new EventHeader { Timestamp = exit.Timestamp, ThreadId = exit.ThreadId, Length = (uint)length, Type = enter.Id, ParamCount = (uint)source.Length }.Write(frame);
        var at = EventHeader.Size + source.Length * LengthWidth(enter);
        for (var j = 0; j < source.Length; j++)
        {
            var value = exit.Param(source[j]);
            value.CopyTo(frame[at..]);
            MakeReadable(enter.Params[j].Type, frame.Slice(at, value.Length));
            if (LengthWidth(enter) == 2) BinaryPrimitives.WriteUInt16LittleEndian(frame[(EventHeader.Size + j * 2)..], (ushort)value.Length);
            else BinaryPrimitives.WriteUInt32LittleEndian(frame[(EventHeader.Size + j * 4)..], (uint)value.Length);
            at += value.Length;
        }
        return true;
    }

    /// <summary>
    /// For each enter event the 2022 reader reads, where its parameters sit in the exit that
    /// follows it (-1 where that exit lacks one): paired by name once here, not per event.
    /// </summary>
    static readonly int[]?[] s_enterParamsInExit = PairEnterParamsWithExits();

    static int[]?[] PairEnterParamsWithExits()
    {
        var all = EventTable.All;
        var pairs = new int[]?[all.Length];
        for (var id = 0; id + 1 < all.Length; id++)
        {
            var (enter, exit) = (all[id], all[id + 1]);
            if (enter is not { Direction: EventDirection.Enter, LegacyParamCount: > 0 } || exit.Name != enter.Name) continue;
            pairs[id] = [.. enter.Params.Take(enter.LegacyParamCount.Value).Select(p => Array.FindIndex(exit.Params, q => q.Name == p.Name))];
        }
        return pairs;
    }

    static bool Admits(in EventView ev, ushort? threadsLastType)
    {
        if (ev.Info.LegacyParamCount is null) return false;
        return ev.Type switch
        {
            EventIds.PPME_SYSCALL_EXECVEAT_E => !IsEmptyString(ev.Param(ParamIndex.PPME_SYSCALL_EXECVEAT_E.Pathname)),
            EventIds.PPME_SYSCALL_OPENAT_X => threadsLastType == EventIds.PPME_SYSCALL_OPENAT_E,
            EventIds.PPME_TRACER_E or EventIds.PPME_TRACER_X => false,
            _ => true,
        };
    }

    /// <summary>Writes the rewritten frame; <paramref name="frame"/> is exactly the length <see cref="Fits"/> gave.</summary>
    public static void Write(in EventView ev, int keep, Span<byte> frame)
    {
        var width = LengthWidth(ev.Info);
        (EventHeader.Read(ev.Frame) with { Length = (uint)frame.Length, ParamCount = (uint)keep }).Write(frame);
        var at = EventHeader.Size + keep * width;
        for (var i = 0; i < keep; i++)
        {
            var value = ev.Param(i);
            var length = value.Length;
            if (value.IsEmpty)
            {
                length = PlaceholderLength(ev.Info, i);
                frame.Slice(at, length).Clear();
            }
            else
            {
                value.CopyTo(frame[at..]);
                if (i < ev.Info.Params.Length) MakeReadable(ev.Info.Params[i].Type, frame.Slice(at, length));
            }
            if (width == 2) BinaryPrimitives.WriteUInt16LittleEndian(frame[(EventHeader.Size + i * 2)..], (ushort)length);
            else BinaryPrimitives.WriteUInt32LittleEndian(frame[(EventHeader.Size + i * 4)..], (uint)length);
            at += length;
        }
    }

    /// <summary>The last PPM_SC_* code of the 2022 table (codes 0..328 kept their numbers since).</summary>
    const ushort LastLegacySyscallCode = 328;

    /// <summary>Rewrites, in place, a parameter value the 2022 reader would crash on.</summary>
    static void MakeReadable(ParamType type, Span<byte> value)
    {
        if (type == ParamType.SYSCALLID && value.Length == 2 && BinaryPrimitives.ReadUInt16LittleEndian(value) > LastLegacySyscallCode)
            BinaryPrimitives.WriteUInt16LittleEndian(value, 0);
    }

    static int LengthWidth(EventInfo info) => info.HasLargePayload ? 4 : 2;

    static bool IsEmptyString(ReadOnlySpan<byte> value) => value.IsEmpty || value[0] == 0;

    /// <summary>How many zero bytes stand in for an empty parameter: a NUL for strings, a zero value for fixed sizes.</summary>
    static int PlaceholderLength(EventInfo info, int index) => index < info.Params.Length ? info.Params[index].Type switch
    {
        ParamType.CHARBUF or ParamType.FSPATH or ParamType.FSRELPATH => 1,
        ParamType.INT8 or ParamType.UINT8 or ParamType.SIGTYPE or ParamType.L4PROTO or ParamType.SOCKFAMILY
            or ParamType.FLAGS8 or ParamType.ENUMFLAGS8 => 1,
        ParamType.INT16 or ParamType.UINT16 or ParamType.SYSCALLID or ParamType.PORT or ParamType.FLAGS16 or ParamType.ENUMFLAGS16 => 2,
        ParamType.INT32 or ParamType.UINT32 or ParamType.BOOL or ParamType.IPV4ADDR or ParamType.FLAGS32 or ParamType.UID
            or ParamType.GID or ParamType.SIGSET or ParamType.MODE or ParamType.ENUMFLAGS32 or ParamType.FD32 or ParamType.PID32 => 4,
        ParamType.INT64 or ParamType.UINT64 or ParamType.ERRNO or ParamType.FD or ParamType.PID or ParamType.RELTIME
            or ParamType.ABSTIME or ParamType.DOUBLE => 8,
        ParamType.IPV6ADDR => 16,
        _ => 0,
    } : 0;
}
