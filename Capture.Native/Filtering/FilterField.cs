namespace Capture.Native.Filtering;

enum FieldKind
{
    Number,
    Text,
    /// <summary>Compared with true or false; held as 1 or 0.</summary>
    Boolean,
}

enum FieldId
{
    EventNumber,
    EventCpu,
    EventType,
    EventDirection,
    EventRawResult,
    EventResult,
    EventFailed,
    ProcessName,
    ProcessId,
    ProcessExe,
    ThreadId,
    FdNumber,
    FdName,
}

/// <summary>A field a filter can test, named and typed as sysdig names and types it.</summary>
sealed record FilterField(string Name, FieldKind Kind, FieldId Id, string Meaning)
{
    public static readonly IReadOnlyList<FilterField> All =
    [
        new("evt.num", FieldKind.Number, FieldId.EventNumber, "the event's number in the capture"),
        new("evt.cpu", FieldKind.Number, FieldId.EventCpu, "the CPU the event happened on"),
        new("evt.type", FieldKind.Text, FieldId.EventType, "the event's name, e.g. openat"),
        new("evt.dir", FieldKind.Text, FieldId.EventDirection, "> for enter events, < for exits"),
        new("evt.rawres", FieldKind.Number, FieldId.EventRawResult, "a system call exit's return value"),
        new("evt.res", FieldKind.Text, FieldId.EventResult, "SUCCESS, or the error name (ENOENT) of a failed exit"),
        new("evt.failed", FieldKind.Boolean, FieldId.EventFailed, "true for an exit that returned an error"),
        new("proc.name", FieldKind.Text, FieldId.ProcessName, "the thread's command name"),
        new("proc.pid", FieldKind.Number, FieldId.ProcessId, "the process id"),
        new("proc.exe", FieldKind.Text, FieldId.ProcessExe, "the first argument the process was started with"),
        new("thread.tid", FieldKind.Number, FieldId.ThreadId, "the thread id"),
        new("fd.num", FieldKind.Number, FieldId.FdNumber, "the descriptor the event creates or uses"),
        new("fd.name", FieldKind.Text, FieldId.FdName, "that descriptor's name: a path, addresses or a socket name"),
    ];

    public static FilterField? Find(string name)
    {
        foreach (var field in All)
            if (field.Name == name) return field;
        return null;
    }
}
