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
    EventRawTime,
    EventLatency,
    EventCpu,
    EventType,
    EventDirection,
    EventRawResult,
    EventResult,
    EventFailed,
    ProcessName,
    ProcessId,
    ProcessExe,
    ProcessArgs,
    ProcessCommandLine,
    ParentPid,
    ParentName,
    ThreadId,
    FdNumber,
    FdName,
    FdTypeChar,
    FdClientIp,
    FdServerIp,
    FdClientPort,
    FdServerPort,
    FdL4Protocol,
    EventArgument,
    UserId,
    UserName,
    GroupId,
    GroupName,
    AncestorName,
    AncestorPid,
    ParentCommandLine,
    FdType,
    FdDirectory,
    FdFilename,
    EventCount,
    EventIsOpenRead,
    EventIsOpenWrite,
    ContainerId,
    ContainerName,
    ContainerImage,
    ContainerImageRepository,
    ContainerImageTag,
    ContainerImageId,
    ContainerImageDigest,
    ContainerType,
    ContainerPrivileged,
    ThreadVtid,
    ProcessVpid,
}

/// <summary>A field a filter can test, named and typed as sysdig names and types it.</summary>
sealed record FilterField(string Name, FieldKind Kind, FieldId Id, string Meaning)
{
    const string ArgumentPrefix = "evt.arg.";

    /// <summary>For evt.arg.NAME: the parameter's name.</summary>
    public string? Argument { get; init; }

    /// <summary>
    /// For proc.aname[N] and proc.apid[N]: N, the generations up from the process (0 itself,
    /// 1 its parent); -1 when no index was given (a filter then tests every ancestor).
    /// </summary>
    public int Generation { get; init; } = -1;

    public static readonly IReadOnlyList<FilterField> All =
    [
        new("evt.num", FieldKind.Number, FieldId.EventNumber, "the event's number in the capture"),
        new("evt.rawtime", FieldKind.Number, FieldId.EventRawTime, "the event's time, in nanoseconds since the epoch"),
        new("evt.latency", FieldKind.Number, FieldId.EventLatency, "for an exit, the nanoseconds since its enter event; 0 for other events"),
        new("evt.cpu", FieldKind.Number, FieldId.EventCpu, "the CPU the event happened on"),
        new("evt.type", FieldKind.Text, FieldId.EventType, "the event's name, e.g. openat"),
        new("evt.dir", FieldKind.Text, FieldId.EventDirection, "> for enter events, < for exits"),
        new("evt.rawres", FieldKind.Number, FieldId.EventRawResult, "a system call exit's return value"),
        new("evt.res", FieldKind.Text, FieldId.EventResult, "SUCCESS, or the error name (ENOENT) of a failed exit"),
        new("evt.failed", FieldKind.Boolean, FieldId.EventFailed, "true for an exit that returned an error, false for every other event"),
        new("proc.name", FieldKind.Text, FieldId.ProcessName, "the thread's command name"),
        new("proc.pid", FieldKind.Number, FieldId.ProcessId, "the process id"),
        new("proc.exe", FieldKind.Text, FieldId.ProcessExe, "the first argument the process was started with"),
        new("proc.args", FieldKind.Text, FieldId.ProcessArgs, "the process's arguments, separated by spaces"),
        new("proc.cmdline", FieldKind.Text, FieldId.ProcessCommandLine, "its command name and arguments"),
        new("user.uid", FieldKind.Number, FieldId.UserId, "the thread's effective user id (4294967295 when unknown, as in sysdig)"),
        new("user.name", FieldKind.Text, FieldId.UserName, "that user's name, from the machine's or the capture's user list"),
        new("group.gid", FieldKind.Number, FieldId.GroupId, "the thread's effective group id"),
        new("group.name", FieldKind.Text, FieldId.GroupName, "that group's name"),
        new("proc.ppid", FieldKind.Number, FieldId.ParentPid, "the parent process's id"),
        new("proc.pname", FieldKind.Text, FieldId.ParentName, "the parent process's command name"),
        new("thread.tid", FieldKind.Number, FieldId.ThreadId, "the thread id"),
        new("fd.num", FieldKind.Number, FieldId.FdNumber, "the descriptor the event creates or uses"),
        new("fd.name", FieldKind.Text, FieldId.FdName, "that descriptor's name: a path, addresses or a socket name"),
        new("fd.typechar", FieldKind.Text, FieldId.FdTypeChar, "its kind as one letter, as in fd=3(<f>...): f file, 4 and 6 sockets, u unix, p pipe, ..."),
        new("fd.cip", FieldKind.Text, FieldId.FdClientIp, "an IP socket's client address"),
        new("fd.sip", FieldKind.Text, FieldId.FdServerIp, "an IP socket's server address"),
        new("fd.cport", FieldKind.Number, FieldId.FdClientPort, "an IP socket's client port"),
        new("fd.sport", FieldKind.Number, FieldId.FdServerPort, "an IP socket's server port"),
        new("fd.l4proto", FieldKind.Text, FieldId.FdL4Protocol, "an IP socket's transport: tcp, udp, raw or icmp"),
        new("proc.aname[N]", FieldKind.Text, FieldId.AncestorName, "the name of the process's Nth ancestor (0 the process, 1 its parent); without [N] a filter tests every ancestor (proc.aname=sshd)"),
        new("proc.apid[N]", FieldKind.Number, FieldId.AncestorPid, "the pid of the process's Nth ancestor (0 the process, 1 its parent)"),
        new("proc.pcmdline", FieldKind.Text, FieldId.ParentCommandLine, "the parent process's command name and arguments"),
        new("fd.type", FieldKind.Text, FieldId.FdType, "the descriptor's kind: file, directory, ipv4, ipv6, unix, pipe, event, signalfd, eventpoll, inotify, timerfd, ..."),
        new("fd.directory", FieldKind.Text, FieldId.FdDirectory, "for a file, the directory it is in; for a directory, itself"),
        new("fd.filename", FieldKind.Text, FieldId.FdFilename, "for a file, its name without the directory"),
        new("evt.count", FieldKind.Number, FieldId.EventCount, "1 for every event (for counting in chisels and sums)"),
        new("evt.is_open_read", FieldKind.Boolean, FieldId.EventIsOpenRead, "true for an open exit (open, openat, openat2, open_by_handle_at) whose flags ask to read; false for every other event"),
        new("evt.is_open_write", FieldKind.Boolean, FieldId.EventIsOpenWrite, "true for an open exit whose flags ask to write; false for every other event"),
        new("container.id", FieldKind.Text, FieldId.ContainerId, "the thread's container id from its cgroups (12 characters for docker, podman, CRI, CRI-O), host outside any"),
        new("container.name", FieldKind.Text, FieldId.ContainerName, "the container's name as its runtime or the capture names it; host outside any"),
        new("container.image", FieldKind.Text, FieldId.ContainerImage, "the image the container runs, as its runtime names it (nginx, localhost/app:1)"),
        new("container.image.repository", FieldKind.Text, FieldId.ContainerImageRepository, "that image's repository: the name without its tag or digest"),
        new("container.image.tag", FieldKind.Text, FieldId.ContainerImageTag, "that image's tag (latest)"),
        new("container.image.id", FieldKind.Text, FieldId.ContainerImageId, "that image's id"),
        new("container.image.digest", FieldKind.Text, FieldId.ContainerImageDigest, "that image's digest (sha256:...)"),
        new("container.type", FieldKind.Text, FieldId.ContainerType, "the container's runtime: docker, podman, cri, containerd, cri-o, lxc, ...; host outside any"),
        new("container.privileged", FieldKind.Boolean, FieldId.ContainerPrivileged, "true for a container run privileged (docker-compatible and CRI runtimes only)"),
        new("thread.vtid", FieldKind.Number, FieldId.ThreadVtid, "the thread id inside its pid namespace (a container's own numbering)"),
        new("proc.vpid", FieldKind.Number, FieldId.ProcessVpid, "the process id inside its pid namespace"),
        new("evt.arg.NAME", FieldKind.Text, FieldId.EventArgument, "the parameter NAME as sysdig resolves it: <f>/etc/passwd for an fd, ENOENT for an error, O_RDONLY for flags"),
    ];

    public static FilterField? Find(string name)
    {
        if (name.StartsWith(ArgumentPrefix, StringComparison.Ordinal) && name.Length > ArgumentPrefix.Length)
            return new FilterField(name, FieldKind.Text, FieldId.EventArgument, "a parameter by name, resolved as sysdig resolves it")
                { Argument = name[ArgumentPrefix.Length..] };
        if (TryAncestry(name, out var ancestry)) return ancestry;
        foreach (var field in All)
            if (field.Name == name) return field;
        return null;
    }

    /// <summary>proc.aname, proc.apid, and either with [N] (N from 0).</summary>
    static bool TryAncestry(string name, out FilterField? field)
    {
        field = null;
        var open = name.IndexOf('[');
        var bare = open < 0 ? name : name[..open];
        var id = bare switch
        {
            "proc.aname" => FieldId.AncestorName,
            "proc.apid" => FieldId.AncestorPid,
            _ => (FieldId?)null,
        };
        if (id is null) return false;
        var generation = -1;
        if (open >= 0)
        {
            var digits = name[(open + 1)..^1];
            if (name[^1] != ']' || digits.Length == 0 || digits.Length > 4 || !digits.All(char.IsAsciiDigit)) return false;
            generation = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        }
        var listed = All.First(f => f.Id == id);
        field = listed with { Name = name, Generation = generation };
        return true;
    }
}
