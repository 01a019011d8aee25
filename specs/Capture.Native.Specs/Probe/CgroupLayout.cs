namespace Capture.Native.Specs.Probe;

/// <summary>
/// This machine's cgroup setup as the kernel reports it (/proc/cgroups, /proc/self/mountinfo,
/// cgroup.subtree_control), which is what predicts the probe's cgroups parameter.
/// </summary>
public static class CgroupLayout
{
    /// <summary>A mounted hierarchy: where it is mounted and which hierarchy path that directory is.</summary>
    public sealed record Mount(string MountPoint, string Root, IReadOnlySet<string> Controllers)
    {
        /// <summary>The hierarchy path (as the probe and /proc/PID/cgroup print it) of a group directly under the mount point.</summary>
        public string PathOf(string group) => Root.TrimEnd('/') + "/" + group;
    }

    /// <summary>
    /// The kernel's subsystems in subsystem-id order, by the name the probe prints, with the
    /// v1 hierarchy each is bound to (0: the unified one). Disabled ones (cgroup_disable=)
    /// are listed too: they keep a css at the unified root. /proc/cgroups uses the v1 names;
    /// only "blkio" differs (the subsystem is "io").
    /// </summary>
    public static IReadOnlyList<(string Name, int Hierarchy)> Subsystems() =>
        File.ReadLines("/proc/cgroups").Where(l => !l.StartsWith('#')).Select(l => l.Split('\t'))
            .Select(f => (ProbeName(f[0]), int.Parse(f[1]))).ToList();

    public static string ProbeName(string v1Name) => v1Name == "blkio" ? "io" : v1Name;

    /// <summary>The cgroup2 mount, if any.</summary>
    public static Mount? Unified() => Mounts().FirstOrDefault(m => m.Fs == "cgroup2")?.Mount;

    /// <summary>The v1 hierarchy that holds <paramref name="controller"/> (by its v1 name), if it is mounted.</summary>
    public static Mount? V1(string controller) =>
        Mounts().FirstOrDefault(m => m.Fs == "cgroup" && m.Mount.Controllers.Contains(controller))?.Mount;

    /// <summary>Controllers a cgroup v2 directory enables for its children.</summary>
    public static IReadOnlySet<string> SubtreeControl(string directory) =>
        File.ReadAllText(Path.Combine(directory, "cgroup.subtree_control")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();

    /// <summary>/proc/PID/cgroup: v1 lines by each controller's probe name, the v2 line under "".</summary>
    public static IReadOnlyDictionary<string, string> Of(int pid)
    {
        var paths = new Dictionary<string, string>();
        foreach (var line in File.ReadLines($"/proc/{pid}/cgroup"))
        {
            var fields = line.Split(':', 3);
            if (fields[1].Length == 0) paths[""] = fields[2];
            else foreach (var controller in fields[1].Split(',')) paths[ProbeName(controller)] = fields[2];
        }
        return paths;
    }

    /// <summary>
    /// Whether this process is outside the initial cgroup namespace, whose /proc inode number
    /// is fixed (PROC_CGROUP_INIT_INO).
    /// </summary>
    public static bool InACgroupNamespace() => new FileInfo("/proc/self/ns/cgroup").LinkTarget is { } ns && ns != "cgroup:[4026531835]";

    /// <summary>Why a group cannot be made under <paramref name="mount"/>, or null when it can.</summary>
    public static string? Unwritable(Mount? mount, string what)
    {
        if (mount is null) return $"no {what} hierarchy is mounted";
        var probe = Path.Combine(mount.MountPoint, $"capture-spec-probe-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return $"cannot create a cgroup under {mount.MountPoint}: {e.Message}";
        }
    }

    sealed record MountEntry(string Fs, Mount Mount);

    // mountinfo: id parent dev root mountpoint options [optional...] - fstype source superoptions
    static IEnumerable<MountEntry> Mounts() =>
        File.ReadLines("/proc/self/mountinfo").Select(line =>
        {
            var f = line.Split(' ');
            var dash = Array.IndexOf(f, "-");
            var controllers = f[dash + 3].Split(',').ToHashSet();
            return new MountEntry(f[dash + 1], new Mount(Unescape(f[4]), Unescape(f[3]), controllers));
        }).Where(m => m.Fs is "cgroup" or "cgroup2");

    static string Unescape(string field) => field.Replace("\\040", " ");
}

/// <summary>
/// A cgroup made for one spec directly under a hierarchy's mount point, with
/// <c>levels - 1</c> nested groups below it (members join the deepest); all removed on
/// dispose, deepest first (their members must have exited by then).
/// </summary>
public sealed class FreshCgroup : IDisposable
{
    readonly List<string> _made = [];

    public FreshCgroup(CgroupLayout.Mount mount, int levels = 1)
    {
        var top = $"capture-spec-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40];
        var relative = string.Join('/', new[] { top }.Concat(Enumerable.Range(2, levels - 1).Select(l => $"level{l}")));
        Path = mount.PathOf(relative);
        var directory = mount.MountPoint;
        try
        {
            foreach (var part in relative.Split('/'))
            {
                directory = System.IO.Path.Combine(directory, part);
                System.IO.Directory.CreateDirectory(directory);
                _made.Add(directory);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
        Directory = directory;
    }

    /// <summary>The groups' directories, from the top one to the deepest.</summary>
    public IReadOnlyList<string> Directories => _made;

    /// <summary>The deepest group's directory.</summary>
    public string Directory { get; }

    /// <summary>The deepest group's path in its hierarchy, as the probe prints it.</summary>
    public string Path { get; }

    public void Add(int pid) => File.WriteAllText(System.IO.Path.Combine(Directory, "cgroup.procs"), pid.ToString());

    public void Dispose()
    {
        for (var i = _made.Count - 1; i >= 0; i--) Remove(_made[i]);
        _made.Clear();
    }

    static void Remove(string directory)
    {
        // A reaped process has left its cgroup before the wait returns; the retries cover the
        // kernel's deferred release of a just-emptied group racing the rmdir.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                System.IO.Directory.Delete(directory);
                return;
            }
            catch (IOException) when (attempt < 50)
            {
                Thread.Sleep(20);
            }
        }
    }
}
