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
    EventTimeSeconds,
    EventTimeIso8601,
    EventDateTime,
    EventDateTimeSeconds,
    EventRawTimeSeconds,
    EventRawTimeNanos,
    EventRelTime,
    EventRelTimeSeconds,
    EventRelTimeNanos,
    EventLatencySeconds,
    EventLatencyNanos,
    EventLatencyHuman,
    EventDeltaTime,
    EventDeltaTimeSeconds,
    EventDeltaTimeNanos,
    EventCategoryName,
    EventBufferLength,
    EventIsIo,
    EventIsIoRead,
    EventIsIoWrite,
    EventIoDirection,
    EventIsWait,
    EventWaitLatency,
    EventIsSyslog,
    EventCountError,
    EventCountErrorFile,
    EventCountErrorNet,
    EventCountErrorMemory,
    EventCountErrorOther,
    EventCountExit,
    EventIsOpenExec,
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
    FdSocketFamily,
    ThreadIsMain,
    // Descriptors and networks (EventFields.Sockets.cs; the filter-only ones NetworkComparisonNode).
    FdLocalIp,
    FdRemoteIp,
    FdLocalPort,
    FdRemotePort,
    FdIsServer,
    FdClientProto,
    FdServerProto,
    FdLocalProto,
    FdRemoteProto,
    FdUid,
    FdContainerName,
    FdContainerDirectory,
    FdIp,
    FdPort,
    FdProto,
    FdNet,
    FdClientNet,
    FdServerNet,
    FdLocalNet,
    FdRemoteNet,
    FdConnected,
    // Parameters by position and raw (EventFields.Arguments.cs).
    EventArgumentAt,
    EventRawArgument,
    EventBuffer,
    // Process and user state (EventFields.Process.cs).
    ProcessSid,
    ProcessVpgid,
    ProcessSessionName,
    ProcessTty,
    ProcessExePath,
    ProcessCwd,
    ProcessExeLine,
    ProcessEnv,
    ProcessLoginShellId,
    ProcessIsExeWritable,
    ProcessDuration,
    ProcessFdLimit,
    ProcessFdOpenCount,
    ProcessThreadCount,
    ProcessChildCount,
    ThreadCgroups,
    ThreadCgroup,
    UserHomeDirectory,
    UserShell,
    UserLoginUid,
    UserLoginName,
    ProcessVmSize,
    ProcessVmRss,
    ProcessVmSwap,
    ThreadVmSize,
    ThreadVmRss,
    ThreadMajorFaults,
    ThreadMinorFaults,
}

/// <summary>A field a filter can test, named and typed as sysdig names and types it.</summary>
sealed record FilterField(string Name, FieldKind Kind, FieldId Id, string Meaning)
{
    const string ArgumentPrefix = "evt.arg.";
    const string RawArgumentPrefix = "evt.rawarg.";
    const string CgroupPrefix = "thread.cgroup.";

    /// <summary>For evt.arg.NAME: the parameter's name; for thread.cgroup.NAME, the controller's.</summary>
    public string? Argument { get; init; }

    /// <summary>
    /// For proc.aname[N] and proc.apid[N]: N, the generations up from the process (0 itself,
    /// 1 its parent); -1 when no index was given (a filter then tests every ancestor).
    /// </summary>
    public int Generation { get; init; } = -1;

    /// <summary>Printed with at least nine digits, as sysdig prints the nanosecond parts of times (PF_10_PADDED_DEC).</summary>
    public bool Padded { get; init; }

    /// <summary>For evt.deltatime* and evt.latency.human: what this occurrence remembers between events.</summary>
    public FieldMemory? Memory { get; init; }

    /// <summary>For evt.arg[N]: N, the parameter's position in the event (from 0).</summary>
    public int ArgumentIndex { get; init; } = -1;

    /// <summary>For evt.rawarg.NAME of a number: whether its type is signed (a 4-byte -1 stays -1).</summary>
    public bool Signed { get; init; }

    /// <summary>Tests both ends of a socket at once (fd.ip, fd.net): usable in filters only, as in sysdig.</summary>
    public bool FilterOnly { get; init; }

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
        new("proc.apid[N]", FieldKind.Number, FieldId.AncestorPid, "the pid of the process's Nth ancestor (0 the process, 1 its parent); without [N] a filter tests every ancestor (proc.apid=1)"),
        new("proc.pcmdline", FieldKind.Text, FieldId.ParentCommandLine, "the parent process's command name and arguments"),
        new("fd.type", FieldKind.Text, FieldId.FdType, "the descriptor's kind: file, directory, ipv4, ipv6, unix, pipe, event, signalfd, eventpoll, inotify, timerfd, ..."),
        new("fd.directory", FieldKind.Text, FieldId.FdDirectory, "for a file, the directory it is in; for a directory, itself"),
        new("fd.filename", FieldKind.Text, FieldId.FdFilename, "for a file, its name without the directory"),
        new("evt.count", FieldKind.Number, FieldId.EventCount, "1 for every event (for counting in chisels and sums)"),
        new("evt.is_open_read", FieldKind.Boolean, FieldId.EventIsOpenRead, "true for an open exit (open, openat, openat2, open_by_handle_at) whose flags ask to read; false for every other event"),
        new("evt.is_open_write", FieldKind.Boolean, FieldId.EventIsOpenWrite, "true for an open exit whose flags ask to write; false for every other event"),
        new("evt.time.s", FieldKind.Text, FieldId.EventTimeSeconds, "the event's time of day without nanoseconds, 17:35:48"),
        new("evt.time.iso8601", FieldKind.Text, FieldId.EventTimeIso8601, "the event's time in ISO 8601, in UTC with nanoseconds: 2018-08-17T17:35:48.514632619+0000"),
        new("evt.datetime", FieldKind.Text, FieldId.EventDateTime, "the event's date and time of day with nanoseconds"),
        new("evt.datetime.s", FieldKind.Text, FieldId.EventDateTimeSeconds, "the event's date and time of day without nanoseconds"),
        new("evt.rawtime.s", FieldKind.Number, FieldId.EventRawTimeSeconds, "the whole seconds of evt.rawtime"),
        new("evt.rawtime.ns", FieldKind.Number, FieldId.EventRawTimeNanos, "the nanoseconds within that second") { Padded = true },
        new("evt.reltime", FieldKind.Number, FieldId.EventRelTime, "nanoseconds since the capture's first event") { Padded = true },
        new("evt.reltime.s", FieldKind.Number, FieldId.EventRelTimeSeconds, "the whole seconds of evt.reltime"),
        new("evt.reltime.ns", FieldKind.Number, FieldId.EventRelTimeNanos, "the nanoseconds of evt.reltime within its second") { Padded = true },
        new("evt.latency.s", FieldKind.Number, FieldId.EventLatencySeconds, "the whole seconds of evt.latency"),
        new("evt.latency.ns", FieldKind.Number, FieldId.EventLatencyNanos, "the nanoseconds of evt.latency within its second") { Padded = true },
        new("evt.latency.human", FieldKind.Text, FieldId.EventLatencyHuman, "evt.latency for people: 252ns, 1.62us, 47us, 500ms, 2.01s"),
        new("evt.deltatime", FieldKind.Number, FieldId.EventDeltaTime, "nanoseconds since the previous event this field was read for (in a filter, the previous one tested; in -p, the previous one printed)"),
        new("evt.deltatime.s", FieldKind.Number, FieldId.EventDeltaTimeSeconds, "the whole seconds of evt.deltatime"),
        new("evt.deltatime.ns", FieldKind.Number, FieldId.EventDeltaTimeNanos, "the nanoseconds of evt.deltatime within its second") { Padded = true },
        new("evt.category", FieldKind.Text, FieldId.EventCategoryName, "what the event is about: file, net, IPC, memory, process, sleep, system, signal, user, time, wait, scheduler, or for I/O the kind of descriptor"),
        new("evt.buflen", FieldKind.Number, FieldId.EventBufferLength, "for an I/O exit on a known descriptor, the bytes it moved"),
        new("evt.is_io", FieldKind.Boolean, FieldId.EventIsIo, "true for events that read or write a descriptor"),
        new("evt.is_io_read", FieldKind.Boolean, FieldId.EventIsIoRead, "true for events that read a descriptor"),
        new("evt.is_io_write", FieldKind.Boolean, FieldId.EventIsIoWrite, "true for events that write a descriptor"),
        new("evt.io_dir", FieldKind.Text, FieldId.EventIoDirection, "read or write, for events that read or write a descriptor"),
        new("evt.is_wait", FieldKind.Boolean, FieldId.EventIsWait, "true for events that make the thread wait (sleeps, select, poll)"),
        new("evt.wait_latency", FieldKind.Number, FieldId.EventWaitLatency, "for the exit of a waiting call, the nanoseconds it waited"),
        new("evt.is_syslog", FieldKind.Boolean, FieldId.EventIsSyslog, "true for writes to /dev/log"),
        new("evt.count.error", FieldKind.Number, FieldId.EventCountError, "for a system call's exit, 1 when it failed, else 0"),
        new("evt.count.error.file", FieldKind.Number, FieldId.EventCountErrorFile, "evt.count.error, for events on files and failed opens only"),
        new("evt.count.error.net", FieldKind.Number, FieldId.EventCountErrorNet, "evt.count.error, for events on sockets and failed accepts and connects only"),
        new("evt.count.error.memory", FieldKind.Number, FieldId.EventCountErrorMemory, "evt.count.error, for memory events only"),
        new("evt.count.error.other", FieldKind.Number, FieldId.EventCountErrorOther, "evt.count.error, for the events none of the three above count"),
        new("evt.count.exit", FieldKind.Number, FieldId.EventCountExit, "1 for exit events"),
        new("evt.is_open_exec", FieldKind.Boolean, FieldId.EventIsOpenExec, "true for an open or creat exit that creates a file with an execute bit in its mode"),
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
        new("fd.sockfamily", FieldKind.Text, FieldId.FdSocketFamily, "ip for an IPv4 or IPv6 socket, unix for a unix socket"),
        new("thread.ismain", FieldKind.Boolean, FieldId.ThreadIsMain, "true for a process's main thread (its tid is its pid)"),
        new("fd.lip", FieldKind.Text, FieldId.FdLocalIp, "an IP connection's local address: the client's when it is one of the machine's interfaces, else the server's"),
        new("fd.rip", FieldKind.Text, FieldId.FdRemoteIp, "an IP connection's remote address, the other end"),
        new("fd.lport", FieldKind.Number, FieldId.FdLocalPort, "an IP connection's local port"),
        new("fd.rport", FieldKind.Number, FieldId.FdRemotePort, "an IP connection's remote port"),
        new("fd.is_server", FieldKind.Boolean, FieldId.FdIsServer, "true for a listening socket and a connection whose server address is the machine's; false for other descriptors"),
        new("fd.cproto", FieldKind.Text, FieldId.FdClientProto, "an IP connection's client port as text (sysdig resolves no service names when reading)"),
        new("fd.sproto", FieldKind.Text, FieldId.FdServerProto, "an IP connection's server port as text"),
        new("fd.lproto", FieldKind.Text, FieldId.FdLocalProto, "an IP connection's local port as text"),
        new("fd.rproto", FieldKind.Text, FieldId.FdRemoteProto, "an IP connection's remote port as text"),
        new("fd.uid", FieldKind.Text, FieldId.FdUid, "the thread id and the descriptor number written one after the other (17497 and 3 give 174973)"),
        new("fd.containername", FieldKind.Text, FieldId.FdContainerName, "the container id, ':' and fd.name (the host's id is empty: :/etc/passwd)"),
        new("fd.containerdirectory", FieldKind.Text, FieldId.FdContainerDirectory, "the container id, ':' and fd.directory"),
        new("fd.ip", FieldKind.Text, FieldId.FdIp, "filters only: an IP socket with this address at either end (fd.ip=10.0.2.15)") { FilterOnly = true },
        new("fd.port", FieldKind.Number, FieldId.FdPort, "filters only: an IP socket with this port at either end (fd.port=22, fd.port<1024)") { FilterOnly = true },
        new("fd.proto", FieldKind.Number, FieldId.FdProto, "filters only: the same as fd.port") { FilterOnly = true },
        new("fd.net", FieldKind.Text, FieldId.FdNet, "filters only: an IP socket with either end in a network, 10.0.0.0/8 (an IPv6 address stands for its /64)") { FilterOnly = true },
        new("fd.cnet", FieldKind.Text, FieldId.FdClientNet, "filters only: a connection whose client is in the network") { FilterOnly = true },
        new("fd.snet", FieldKind.Text, FieldId.FdServerNet, "filters only: a socket whose server end is in the network") { FilterOnly = true },
        new("fd.lnet", FieldKind.Text, FieldId.FdLocalNet, "filters only: a connection whose local end is in the network") { FilterOnly = true },
        new("fd.rnet", FieldKind.Text, FieldId.FdRemoteNet, "filters only: a connection whose remote end is in the network") { FilterOnly = true },
        new("fd.connected", FieldKind.Boolean, FieldId.FdConnected, "true for an IP socket that connected (or is connecting), was accepted, or moved data; false for other descriptors"),
        new("evt.arg[N]", FieldKind.Text, FieldId.EventArgumentAt, "the event's Nth parameter (from 0), resolved as evt.arg.NAME resolves it"),
        new("evt.rawarg.NAME", FieldKind.Text, FieldId.EventRawArgument, "the parameter NAME unresolved: a number for numeric types (evt.rawarg.res<0), else its text"),
        new("evt.buffer", FieldKind.Text, FieldId.EventBuffer, "the data a read or write moved: printed as evt.arg.data, compared as its raw bytes (evt.buffer bcontains 474554)"),
        // Process and user state.
        new("proc.sid", FieldKind.Number, FieldId.ProcessSid, "the session id of the process (-1 when the capture does not say)"),
        new("proc.vpgid", FieldKind.Number, FieldId.ProcessVpgid, "the process group id, as the process's pid namespace numbers it (-1 when unknown)"),
        new("proc.sname", FieldKind.Text, FieldId.ProcessSessionName, "the name of the session leader: the process whose pid is proc.sid, else the oldest ancestor in the same session"),
        new("proc.tty", FieldKind.Number, FieldId.ProcessTty, "the controlling terminal's device number; 0 for none"),
        new("proc.exepath", FieldKind.Text, FieldId.ProcessExePath, "the full path of the executable, as execve was given it made absolute"),
        new("proc.cwd", FieldKind.Text, FieldId.ProcessCwd, "the process's working directory, ending in /"),
        new("proc.exeline", FieldKind.Text, FieldId.ProcessExeLine, "proc.exe, a space, then the arguments"),
        new("proc.env", FieldKind.Text, FieldId.ProcessEnv, "the process's environment, NAME=value entries separated by spaces"),
        new("proc.loginshellid", FieldKind.Number, FieldId.ProcessLoginShellId, "the pid of the oldest shell (a name ending in sh) among the process and its ancestors"),
        new("proc.is_exe_writable", FieldKind.Boolean, FieldId.ProcessIsExeWritable, "true when the executable is writable by the user who started the process"),
        new("proc.duration", FieldKind.Number, FieldId.ProcessDuration, "nanoseconds since the thread was cloned, for threads seen being cloned"),
        new("proc.fdlimit", FieldKind.Number, FieldId.ProcessFdLimit, "the process's limit on open descriptors (RLIMIT_NOFILE)"),
        new("proc.fdopencount", FieldKind.Number, FieldId.ProcessFdOpenCount, "the number of descriptors the process has open"),
        new("proc.nthreads", FieldKind.Number, FieldId.ProcessThreadCount, "the number of threads the process has, its main thread included"),
        new("proc.nchilds", FieldKind.Number, FieldId.ProcessChildCount, "the number of threads the process has besides its main thread (0 on other threads)"),
        new("thread.cgroups", FieldKind.Text, FieldId.ThreadCgroups, "the thread's cgroups, controller=path entries separated by spaces"),
        new("thread.cgroup.NAME", FieldKind.Text, FieldId.ThreadCgroup, "the thread's cgroup for the controller NAME, e.g. thread.cgroup.cpuacct"),
        new("user.homedir", FieldKind.Text, FieldId.UserHomeDirectory, "the home directory of the thread's user, from the machine's or the capture's user list"),
        new("user.shell", FieldKind.Text, FieldId.UserShell, "that user's shell"),
        new("user.loginuid", FieldKind.Number, FieldId.UserLoginUid, "the audit user id the login session started with (-1 outside any)"),
        new("user.loginname", FieldKind.Text, FieldId.UserLoginName, "that login user's name"),
        new("proc.vmsize", FieldKind.Number, FieldId.ProcessVmSize, "the process's virtual memory in kB, as the driver last reported it for the thread"),
        new("proc.vmrss", FieldKind.Number, FieldId.ProcessVmRss, "its resident memory in kB"),
        new("proc.vmswap", FieldKind.Number, FieldId.ProcessVmSwap, "its swapped-out memory in kB"),
        new("thread.vmsize", FieldKind.Number, FieldId.ThreadVmSize, "proc.vmsize on a process's main thread, 0 on its other threads"),
        new("thread.vmrss", FieldKind.Number, FieldId.ThreadVmRss, "proc.vmrss on a process's main thread, 0 on its other threads"),
        new("thread.pfmajor", FieldKind.Number, FieldId.ThreadMajorFaults, "the thread's major page faults since it started"),
        new("thread.pfminor", FieldKind.Number, FieldId.ThreadMinorFaults, "the thread's minor page faults since it started"),
        new("evt.arg.NAME", FieldKind.Text, FieldId.EventArgument, "the parameter NAME as sysdig resolves it: <f>/etc/passwd for an fd, ENOENT for an error, O_RDONLY for flags"),
    ];

    public static FilterField? Find(string name)
    {
        if (name.StartsWith(ArgumentPrefix, StringComparison.Ordinal) && name.Length > ArgumentPrefix.Length)
            return new FilterField(name, FieldKind.Text, FieldId.EventArgument, "a parameter by name, resolved as sysdig resolves it")
                { Argument = name[ArgumentPrefix.Length..] };
        if (name.StartsWith(RawArgumentPrefix, StringComparison.Ordinal))
            return name.Length > RawArgumentPrefix.Length ? RawArgument.Find(name, name[RawArgumentPrefix.Length..]) : null;
        if (TryArgumentAt(name, out var positional)) return positional;
        if (TryAncestry(name, out var ancestry)) return ancestry;
        if (name.StartsWith(CgroupPrefix, StringComparison.Ordinal) && name.Length > CgroupPrefix.Length)
            return new FilterField(name, FieldKind.Text, FieldId.ThreadCgroup, "the thread's cgroup for one controller")
                { Argument = name[CgroupPrefix.Length..] };
        foreach (var field in All)
            if (field.Name == name) return field.Id is FieldId.EventDeltaTime or FieldId.EventDeltaTimeSeconds or FieldId.EventDeltaTimeNanos or FieldId.EventLatencyHuman
                ? field with { Memory = new FieldMemory() }
                : field;
        return null;
    }

    /// <summary>evt.arg[N], N from 0.</summary>
    static bool TryArgumentAt(string name, out FilterField? field)
    {
        field = null;
        const string prefix = "evt.arg[";
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || name[^1] != ']') return false;
        var digits = name[prefix.Length..^1];
        if (digits.Length is 0 or > 2 || !digits.All(char.IsAsciiDigit)) return false;
        field = new FilterField(name, FieldKind.Text, FieldId.EventArgumentAt, "a parameter by position")
            { ArgumentIndex = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) };
        return true;
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
