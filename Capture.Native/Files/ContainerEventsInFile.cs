using Capture.Native.Containers;
using Capture.Native.Events;
using Capture.Native.Schema;

namespace Capture.Native.Files;

/// <summary>
/// Keeps one file's container events in step with what <paramref name="table"/> knows, as
/// libs' dumper does: before the file's first event, one container event per container with
/// metadata (stamped with that event's time, so readers meet them before any event that needs
/// them), and before any later event, one for each container whose metadata was learnt or
/// replaced since. The check per event is one load of <see cref="ContainerTable.Generation"/>;
/// only when it moved is the table walked. Runs on the thread that writes the file (it owns the
/// table's list of containers); only metadata arrives from elsewhere. One per file: a new file
/// of a rotated series starts with a new one.
/// </summary>
public sealed class ContainerEventsInFile(ContainerTable table)
{
    /// <summary>The metadata each container was last written with (records are immutable, so a reference says which).</summary>
    readonly Dictionary<Container, ContainerMetadata> _written = [];
    /// <summary>The table's generation when it was last looked at; none yet, so the first event looks.</summary>
    int? _seen;

    /// <summary>Container events written to this file so far.</summary>
    public int Written { get; private set; }

    /// <summary>Writes what the file lacks before <paramref name="next"/> goes in.</summary>
    public void Before(ScapFileWriter writer, in EventView next)
    {
        var generation = table.Generation;
        if (_seen == generation) return;
        // A file's own container event (a capture being rewritten) carries what the table
        // just learnt from it: that event says it, a second would repeat it.
        var carried = next.Type is EventIds.PPME_CONTAINER_JSON_E or EventIds.PPME_CONTAINER_JSON_2_E
            && next.ParamCount > 0 && ContainerEvent.TryParse(next.Param(0), out var described) ? described.Id : null;
        _seen = generation;
        foreach (var container in table.All)
        {
            if (container.Metadata is not { } metadata) continue;
            if (_written.TryGetValue(container, out var already) && ReferenceEquals(already, metadata)) continue;
            _written[container] = metadata;
            if (container.IdText == carried) continue;
            writer.WriteEvent(ContainerEventEncoder.Encode(container, metadata, next.Timestamp), cpu: 0);
            Written++;
        }
    }
}
