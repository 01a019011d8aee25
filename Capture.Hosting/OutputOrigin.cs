using Capture.Hosting.Configuration;
using Capture.Native.Files;
using Capture.Native.ProcFs;
using Capture.Native.Processes;

namespace Capture.Hosting;

/// <summary>
/// What a service's outputs know about where the events come from before the first one, read
/// once when a pipeline starts: for a live driver the machine's users, processes and open fds
/// (from /proc), for a replay the file's own lists, for the simulated driver nothing. A scap
/// output starts with them so its readers name processes and fds from the first event; a text
/// or JSON output or a filter seeds its thread table with them, as the command does.
/// </summary>
public sealed class OutputOrigin
{
    readonly bool _live;
    readonly IReadOnlyList<AccountRecord> _fileAccounts;

    OutputOrigin(bool live, MachineAccounts machine, IReadOnlyList<ThreadEntry> threads, IReadOnlyList<FdRecord> openFds,
        IReadOnlyList<MetadataBlock> metadata, IReadOnlyList<AccountRecord> fileAccounts)
    {
        _live = live;
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

    public static OutputOrigin Of(CaptureOptions options)
    {
        switch (options.Driver)
        {
            case DriverKind.Replay:
                using (var head = ScapFileReader.Open(options.ReplayFile!))
                    return new OutputOrigin(false, MachineAccounts.None, head.Threads, head.Fds, head.MetadataBlocks, head.Accounts)
                        { Addresses = InterfaceListParser.Read(head.MetadataBlocks, head.Path) };
            case DriverKind.Simulated:
                return new OutputOrigin(false, MachineAccounts.None, [], [], [], []);
            default:
                var alive = ProcScanner.Scan().ToList();
                var openFds = ProcFdList.Of(alive.Where(t => t.Tid == t.Pid).Select(t => t.Pid));
                return new OutputOrigin(true, SystemAccounts.Read(), alive, openFds, [], []) { Addresses = MachineAddresses.Read() };
        }
    }

    /// <summary>
    /// A thread table and account names of its own for one output (the table is not
    /// thread-safe, and each output runs on its own thread), seeded with what came before the
    /// first event. A live table asks /proc about threads it has not met.
    /// </summary>
    public (ThreadTable Threads, AccountNames Accounts) NewState()
    {
        var threads = _live ? new ThreadTable(tid => ProcScanner.Find(tid)) : new ThreadTable();
        threads.LocalAddresses = Addresses;
        var accounts = new AccountNames();
        Machine.LoadInto(accounts);
        foreach (var account in _fileAccounts) account.AddTo(accounts);
        foreach (var thread in Threads) threads.Add(thread);
        FdListSeeding.SeedInto(OpenFds, new FdListLoader(threads));
        return (threads, accounts);
    }
}
