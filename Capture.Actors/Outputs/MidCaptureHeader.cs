using Capture.Native.Containers;
using Capture.Native.Files;
using Capture.Native.Processes;

namespace Capture.Actors.Outputs;

/// <summary>
/// What a file begun in the middle of a capture starts with, so that it reads on its own: the
/// lists that do not change (the source's machine info, interfaces and users when a capture is
/// rewritten, else the machine's users and groups), then the processes and descriptors of
/// <paramref name="threads"/> as they are now. The table must be kept current by observing
/// every event (see <see cref="StateObserver"/>); it is read on the thread that observes.
/// </summary>
public sealed class MidCaptureHeader(IReadOnlyList<MetadataBlock> source, MachineAccounts machine, ThreadTable threads)
{
    /// <summary>The containers a file must carry as container events from its first event on (see <see cref="ContainerEventsInFile"/>).</summary>
    public ContainerTable Containers => threads.Containers;

    public void WriteTo(ScapFileWriter writer)
    {
        foreach (var block in source)
            if (!IsStateList(block.Type)) writer.WriteMetadataBlock(block);
        if (source.Count == 0) writer.WriteUserList(machine.Users, machine.Groups);
        writer.WriteProcessList(ThreadTableLists.Threads(threads));
        foreach (var process in ThreadTableLists.Fds(threads).GroupBy(fd => fd.Tid)) writer.WriteFdList(process.Key, process);
    }

    /// <summary>The lists that describe the moment the source file started, which the table has moved on from.</summary>
    static bool IsStateList(uint type) => BlockType.ProcessListVersion(type) > 0 || BlockType.IsFdList(type);
}
