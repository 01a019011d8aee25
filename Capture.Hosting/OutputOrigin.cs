using Capture.Hosting.Configuration;
using Capture.Native.Containers;
using Capture.Native.Files;
using Capture.Native.ProcFs;
using Capture.Native.Processes;

namespace Capture.Hosting;

/// <summary>
/// What outputs know about where the events come from before the first one, read once when a
/// capture (the command's) or a pipeline (the service's) starts: for a live driver the
/// machine's users, processes and open fds (from /proc), for a replay the file's own lists, for
/// the simulated driver the machine's users only. A scap output starts with them so its readers
/// name processes and fds from the first event; a text or JSON output or a filter seeds its
/// thread table with them (<see cref="NewState"/>). The one place both the command and `serve`
/// build their starting state, so a live table asks the same things of the system in both:
/// /proc about threads it has not met, and the container runtime what a container is called.
/// </summary>
public sealed class OutputOrigin
{
    readonly bool _live;
    readonly IReadOnlyList<AccountRecord> _fileAccounts;
    readonly IContainerMetadataSource? _containerRuntime;

    OutputOrigin(bool live, MachineAccounts machine, IReadOnlyList<ThreadEntry> threads, IReadOnlyList<FdRecord> openFds,
        IReadOnlyList<MetadataBlock> metadata, IReadOnlyList<AccountRecord> fileAccounts, IContainerMetadataSource? containerRuntime = null)
    {
        _live = live;
        _containerRuntime = containerRuntime;
        Machine = machine;
        Threads = threads;
        OpenFds = openFds;
        Metadata = metadata;
        _fileAccounts = fileAccounts;
    }

    public MachineAccounts Machine { get; }

    public IReadOnlyList<ThreadEntry> Threads { get; }

    public IReadOnlyList<FdRecord> OpenFds { get; }

    /// <summary>A replayed file's own metadata blocks, which a scap output copies as they are.</summary>
    public IReadOnlyList<MetadataBlock> Metadata { get; }

    /// <summary>The machine's addresses: its interfaces live, the interface list of a replayed file.</summary>
    public LocalAddresses Addresses { get; private init; } = LocalAddresses.None;

    /// <summary>Whether <paramref name="options"/> capture this machine live (the probe or the kernel module).</summary>
    public static bool IsLive(CaptureOptions options) => options.Driver is DriverKind.Modern or DriverKind.Kmod;

    /// <summary>
    /// Reads the starting state <paramref name="options"/>' driver gives. A replayed file that
    /// cannot be read throws <see cref="ScapFileException"/>.
    /// </summary>
    /// <param name="containerRuntime">
    /// Asked what the live threads' containers are called (see <see cref="ContainerTable"/>); owned by
    /// the caller, and to be kept until the tables of <see cref="NewState"/> are no longer fed.
    /// Unused unless the capture is live.
    /// </param>
    public static OutputOrigin Of(CaptureOptions options, IContainerMetadataSource? containerRuntime)
    {
        switch (options.Driver)
        {
            case DriverKind.Replay:
                using (var head = ScapFileReader.Open(options.ReplayFile!))
                    return new OutputOrigin(false, MachineAccounts.None, head.Threads, head.Fds, head.MetadataBlocks, head.Accounts)
                        { Addresses = InterfaceListParser.Read(head.MetadataBlocks, head.Path) };
            case DriverKind.Simulated:
                // A file written from simulated events still carries this machine's user list.
                return new OutputOrigin(false, SystemAccounts.Read(), [], [], [], []);
            default:
                var alive = ProcScanner.Scan().ToList();
                var openFds = ProcFdList.Of(alive.Where(t => t.Tid == t.Pid).Select(t => t.Pid));
                return new OutputOrigin(true, SystemAccounts.Read(), alive, openFds, [], [], containerRuntime) { Addresses = MachineAddresses.Read() };
        }
    }

    /// <summary>
    /// A thread table and account names of its own for one output (the table is not
    /// thread-safe, and each output runs on its own thread), seeded with what came before the
    /// first event. A live table asks /proc about threads it has not met and the container
    /// runtime about containers; only live events are named by this machine's users.
    /// </summary>
    public (ThreadTable Threads, AccountNames Accounts) NewState()
    {
        var threads = _live ? new ThreadTable(tid => ProcScanner.Find(tid), _containerRuntime) : new ThreadTable();
        threads.LocalAddresses = Addresses;
        var accounts = new AccountNames();
        if (_live) Machine.LoadInto(accounts);
        foreach (var account in _fileAccounts) account.AddTo(accounts);
        foreach (var thread in Threads) threads.Add(thread);
        FdListSeeding.SeedInto(OpenFds, new FdListLoader(threads));
        return (threads, accounts);
    }
}
