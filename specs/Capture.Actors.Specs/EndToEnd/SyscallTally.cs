using System.Buffers.Binary;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Native.Batches;
using Capture.Native.Probe;

namespace Capture.Actors.Specs.EndToEnd;

/// <summary>
/// A sink that counts, per thread, the exit events of the syscalls it is told about (getppid
/// arrives as the generic event carrying its native number, read as its own event), and the
/// gaps it is told of. Events of other syscalls and threads are counted only in <see cref="Events"/>.
/// </summary>
sealed class SyscallTally(params string[] syscalls) : ICaptureSink
{
    readonly Lock _gate = new();
    readonly Dictionary<(ulong Tid, string Syscall), long> _counts = [];
    readonly Dictionary<int, string> _generic = syscalls.ToDictionary(NativeSyscalls.NumberOf, s => s);
    readonly HashSet<string> _named = [.. syscalls];
    long _events;
    long _gaps;

    public string Name => "syscall-tally";

    public long Events => Interlocked.Read(ref _events);

    public long Gaps => Interlocked.Read(ref _gaps);

    /// <summary>Exit events of <paramref name="syscall"/> made by thread <paramref name="tid"/>.</summary>
    public long Of(int tid, string syscall)
    {
        lock (_gate) return _counts.GetValueOrDefault(((ulong)tid, syscall));
    }

    public void Write(EventBatch batch)
    {
        try
        {
            lock (_gate)
                for (var i = 0; i < batch.Count; i++)
                {
                    var view = batch.View(i);
                    var syscall = view.Info.EnumName == "PPME_GENERIC_X"
                        ? _generic.GetValueOrDefault(BinaryPrimitives.ReadUInt16LittleEndian(view.Param(1)))
                        : view.Info.Direction == Native.Schema.EventDirection.Exit && _named.Contains(view.Info.Name) ? view.Info.Name : null;
                    if (syscall is null) continue;
                    var key = (view.ThreadId, syscall);
                    _counts[key] = _counts.GetValueOrDefault(key) + 1;
                }
            Interlocked.Add(ref _events, batch.Count);
        }
        finally
        {
            batch.Release();
        }
    }

    public void Gap(CaptureGap gap) => Interlocked.Increment(ref _gaps);

    public void Complete() { }
}
